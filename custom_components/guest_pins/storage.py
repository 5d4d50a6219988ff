"""What a property remembers that is not configuration, in a private, versioned Home Assistant Store.

Owner custom PINs, regenerations and programmed (frozen) codes, when each booking was first seen, the slot
map of every lock, what each lock is known to hold, write statistics and the pending operations. After a
restart nothing is lost, and nothing the lock already holds is written again.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
import secrets
from typing import Any, TypedDict, cast

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from .const import DOMAIN
from .core.model import GuestPin, Interval, PinMethod, SlotCode, TimeRange, WeeklySchedule
from .core.pins import CodeMemory
from .journey_state import JourneyState

STORAGE_VERSION = 1
STORAGE_MINOR_VERSION = 9
# Transactions older than this no longer count for the weekly battery-impact figure.
TRANSACTION_WINDOW_DAYS = 7


class StoredData(TypedDict):
    """The JSON shape of the store (minor version 9)."""

    secret: str
    memory: dict[str, dict[str, Any]]
    first_seen: dict[str, str]
    slot_owners: dict[str, dict[str, str]]
    lock_contents: dict[str, dict[str, dict[str, Any]]]
    transactions: dict[str, list[str]]
    last_write: dict[str, str]
    manual: dict[str, dict[str, str]]
    queues: dict[str, dict[str, Any]]
    wakeups: dict[str, list[str]]
    issued: dict[str, dict[str, str]]
    announced: dict[str, str]
    journey: dict[str, Any]
    written: dict[str, dict[str, str]]
    stay_ids: dict[str, str]
    in_flight: dict[str, dict[str, dict[str, Any] | None]]


class GuestPinsStore(Store[StoredData]):
    """The property's store, with migrations from older layouts."""

    async def _async_migrate_func(
        self, old_major_version: int, old_minor_version: int, old_data: dict[str, Any]
    ) -> StoredData:
        """Bring an older layout up to date.

        1.1 had no write statistics or manual slots, 1.2 no queues, 1.3 no codes issued by a lock's cloud
        (queued slots without attempts read as never tried), 1.4 no record of the alerts the host was told
        of, 1.5 nothing of the guests' way in (backups, stays' lives, deliveries, access logs), 1.6 not when
        each slot was written, 1.7 which stay each source belongs to, 1.8 the writes in flight.
        """
        data = dict(old_data)
        if old_major_version == 1 and old_minor_version < 2:  # noqa: PLR2004
            data.setdefault("transactions", {})
            data.setdefault("last_write", {})
            data.setdefault("manual", {})
        if old_major_version == 1 and old_minor_version < 3:  # noqa: PLR2004
            data.setdefault("queues", {})
            data.setdefault("wakeups", {})
        if old_major_version == 1 and old_minor_version < 4:  # noqa: PLR2004
            data.setdefault("issued", {})
        if old_major_version == 1 and old_minor_version < 5:  # noqa: PLR2004
            data.setdefault("announced", {})
        if old_major_version == 1 and old_minor_version < 6:  # noqa: PLR2004
            data.setdefault("journey", {})
        if old_major_version == 1 and old_minor_version < 7:  # noqa: PLR2004
            data.setdefault("written", {})
        if old_major_version == 1 and old_minor_version < 8:  # noqa: PLR2004
            data.setdefault("stay_ids", {})
        if old_major_version == 1 and old_minor_version < 9:  # noqa: PLR2004
            data.setdefault("in_flight", {})
        return cast("StoredData", data)


def _pin_to_json(pin: GuestPin | None) -> dict[str, Any] | None:
    """Return a PIN as JSON."""
    return None if pin is None else {"code": pin.code, "method": pin.method.value, "perturbed": pin.perturbed}


def _pin_from_json(raw: dict[str, Any] | None) -> GuestPin | None:
    """Return a PIN from JSON."""
    return (
        None if raw is None else GuestPin(raw["code"], PinMethod(raw["method"]), raw.get("perturbed", False))
    )


def slot_to_json(content: SlotCode) -> dict[str, Any]:
    """Return a slot's content as JSON."""
    window, schedule = content.native_window, content.native_schedule
    return {
        "owner": content.owner,
        "code": content.code,
        "window": [window.start.isoformat(), window.end.isoformat()] if window else None,
        "schedule": [
            [day, [[f"{rng.start:%H:%M}", f"{rng.end:%H:%M}"] for rng in ranges]]
            for day, ranges in schedule.days
        ]
        if schedule
        else None,
        "contact": content.contact,
        "utc_offset": content.utc_offset,
    }


def slot_from_json(raw: dict[str, Any]) -> SlotCode:
    """Return a slot's content from JSON."""
    window, schedule = raw.get("window"), raw.get("schedule")
    return SlotCode(
        owner=raw["owner"],
        code=raw["code"],
        native_window=Interval(datetime.fromisoformat(window[0]), datetime.fromisoformat(window[1]))
        if window
        else None,
        native_schedule=WeeklySchedule.of(
            {
                day: [TimeRange(time.fromisoformat(start), time.fromisoformat(end)) for start, end in ranges]
                for day, ranges in schedule
            }
        )
        if schedule
        else None,
        contact=raw.get("contact"),
        utc_offset=raw.get("utc_offset"),
    )


@dataclass(repr=False)
class PropertyState:
    """The typed, in-memory view of the store; `async_save` writes it (debounced by the caller).

    It holds every code and the installation's secret: its repr shows neither, so no log line can.
    """

    secret: bytes
    memory: dict[str, CodeMemory] = field(default_factory=dict)
    first_seen: dict[str, datetime] = field(default_factory=dict)
    slot_owners: dict[str, dict[int, str]] = field(default_factory=dict)
    lock_contents: dict[str, dict[int, SlotCode]] = field(default_factory=dict)
    transactions: dict[str, list[datetime]] = field(default_factory=dict)
    last_write: dict[str, datetime] = field(default_factory=dict)
    manual: dict[str, dict[int, str]] = field(default_factory=dict)
    queues: dict[str, dict[str, Any]] = field(default_factory=dict)
    wakeups: dict[str, list[datetime]] = field(default_factory=dict)
    # Codes a lock's cloud issued in place of guest_pins' own (lock -> slot -> code).
    issued: dict[str, dict[int, str]] = field(default_factory=dict)
    # Alerts the host was told of (alert id -> its scope): told once per occurrence.
    announced: dict[str, str] = field(default_factory=dict)
    journey: JourneyState = field(default_factory=JourneyState)
    # When guest_pins last wrote each slot it holds (lock -> slot -> instant).
    written: dict[str, dict[int, datetime]] = field(default_factory=dict)
    # The stay each source belongs to: a stay keeps its id whichever sources join or leave it.
    stay_ids: dict[str, str] = field(default_factory=dict)
    # What was sent to a slot without an answer yet (lock -> slot -> content, None: a clear).
    in_flight: dict[str, dict[int, SlotCode | None]] = field(default_factory=dict)

    def keep_locks(self, lock_ids: Iterable[str]) -> None:
        """Forget what the state kept of locks the property no longer has (their codes were cleared)."""
        kept = set(lock_ids)
        for by_lock in (
            self.slot_owners,
            self.lock_contents,
            self.transactions,
            self.last_write,
            self.manual,
            self.queues,
            self.wakeups,
            self.issued,
            self.written,
            self.in_flight,
        ):
            for lock_id in [lock_id for lock_id in by_lock if lock_id not in kept]:
                del by_lock[lock_id]

    def __repr__(self) -> str:
        """Return what the state holds by count only (no code, no secret)."""
        return (
            f"PropertyState(stays={len(self.memory)}, locks={len(self.lock_contents)}, "
            f"queued={sum(len(queue) for queue in self.queues.values())})"
        )

    def to_json(self) -> StoredData:
        """Return the state in the store's JSON shape."""
        return StoredData(
            secret=self.secret.hex(),
            memory={
                stay_id: {
                    "pin": _pin_to_json(mem.pin),
                    "frozen": mem.frozen,
                    "regenerations": mem.regenerations,
                    "custom": mem.custom,
                }
                for stay_id, mem in self.memory.items()
            },
            first_seen={key: value.isoformat() for key, value in self.first_seen.items()},
            slot_owners={
                lock: {str(slot): owner for slot, owner in owners.items()}
                for lock, owners in self.slot_owners.items()
            },
            lock_contents={
                lock: {str(slot): slot_to_json(content) for slot, content in slots.items()}
                for lock, slots in self.lock_contents.items()
            },
            transactions={
                lock: [stamp.isoformat() for stamp in stamps] for lock, stamps in self.transactions.items()
            },
            last_write={lock: stamp.isoformat() for lock, stamp in self.last_write.items()},
            manual={
                lock: {str(slot): code for slot, code in slots.items()} for lock, slots in self.manual.items()
            },
            queues=dict(self.queues),
            wakeups={lock: [stamp.isoformat() for stamp in stamps] for lock, stamps in self.wakeups.items()},
            issued={
                lock: {str(slot): code for slot, code in slots.items()} for lock, slots in self.issued.items()
            },
            announced=dict(self.announced),
            journey=self.journey.to_json(),
            written={
                lock: {str(slot): stamp.isoformat() for slot, stamp in slots.items()}
                for lock, slots in self.written.items()
            },
            stay_ids=dict(self.stay_ids),
            in_flight={
                lock: {
                    str(slot): slot_to_json(content) if content else None for slot, content in slots.items()
                }
                for lock, slots in self.in_flight.items()
            },
        )

    @classmethod
    def from_json(cls, data: StoredData) -> PropertyState:
        """Return the state from the store's JSON shape."""
        return cls(
            secret=bytes.fromhex(data["secret"]),
            memory={
                stay_id: CodeMemory(
                    pin=_pin_from_json(raw.get("pin")),
                    frozen=raw.get("frozen", False),
                    regenerations=raw.get("regenerations", 0),
                    custom=raw.get("custom"),
                )
                for stay_id, raw in data["memory"].items()
            },
            first_seen={key: datetime.fromisoformat(value) for key, value in data["first_seen"].items()},
            slot_owners={
                lock: {int(slot): owner for slot, owner in owners.items()}
                for lock, owners in data["slot_owners"].items()
            },
            lock_contents={
                lock: {int(slot): slot_from_json(raw) for slot, raw in slots.items()}
                for lock, slots in data["lock_contents"].items()
            },
            transactions={
                lock: [datetime.fromisoformat(stamp) for stamp in stamps]
                for lock, stamps in data["transactions"].items()
            },
            last_write={lock: datetime.fromisoformat(stamp) for lock, stamp in data["last_write"].items()},
            manual={
                lock: {int(slot): code for slot, code in slots.items()}
                for lock, slots in data["manual"].items()
            },
            queues=dict(data["queues"]),
            wakeups={
                lock: [datetime.fromisoformat(stamp) for stamp in stamps]
                for lock, stamps in data["wakeups"].items()
            },
            issued={
                lock: {int(slot): code for slot, code in slots.items()}
                for lock, slots in data["issued"].items()
            },
            announced=dict(data["announced"]),
            journey=JourneyState.from_json(data["journey"]),
            written={
                lock: {int(slot): datetime.fromisoformat(stamp) for slot, stamp in slots.items()}
                for lock, slots in data["written"].items()
            },
            stay_ids=dict(data["stay_ids"]),
            in_flight={
                lock: {int(slot): slot_from_json(raw) if raw else None for slot, raw in slots.items()}
                for lock, slots in data["in_flight"].items()
            },
        )

    def count_transactions(self, lock_id: str, when: datetime, count: int = 1) -> None:
        """Count lock transactions (radio exchanges), forgetting those older than a week."""
        _count(self.transactions, lock_id, when, count)

    def count_wakeup(self, lock_id: str, when: datetime) -> None:
        """Count one lock communication (a wake-up of a sleeping lock), forgetting those over a week old."""
        _count(self.wakeups, lock_id, when)


def _count(counts: dict[str, list[datetime]], lock_id: str, when: datetime, count: int = 1) -> None:
    """Add an instant `count` times to a lock's list, dropping those older than the counting window."""
    horizon = when - timedelta(days=TRANSACTION_WINDOW_DAYS)
    counts[lock_id] = [*(stamp for stamp in counts.get(lock_id, []) if stamp > horizon), *[when] * count]


def create_store(hass: HomeAssistant, entry_id: str) -> GuestPinsStore:
    """Return the store of one property (private: it holds codes)."""
    # Atomic (written aside, synced, then renamed into place): a write cut short by a crash or a full disk
    # leaves the previous good copy, never a half-written file the next start cannot read.
    return GuestPinsStore(
        hass,
        STORAGE_VERSION,
        f"{DOMAIN}.{entry_id}",
        minor_version=STORAGE_MINOR_VERSION,
        private=True,
        atomic_writes=True,
    )


async def async_load_state(store: GuestPinsStore) -> PropertyState:
    """Load the property's state, creating it (with a fresh per-installation secret) on first use."""
    data = await store.async_load()
    if data is None:
        return PropertyState(secret=secrets.token_bytes(32))
    return PropertyState.from_json(data)
