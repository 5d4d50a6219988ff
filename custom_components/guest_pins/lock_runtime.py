"""A managed lock while its property runs: its path, its device, and the writer that owns its writes.

`async_flush` runs the lock's writer and records what the flush did in the property's state (what the lock
holds, what it cost the battery, which codes its cloud issued, what still waits), so a restart neither loses
nor repeats a write. Telling automations and the host about it is the manager's next step, not this one's.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.util import dt as dt_util

from .alerts import Alert
from .const import DOMAIN, LOGGER
from .core import loop
from .core.backups import Backup, handed_to
from .core.delivery import Keys
from .core.model import Interval, SlotCode, Stay
from .core.owners import stay_owner
from .core.reconciler import retain_expired
from .locks.base import LockPath
from .locks.factory import UnsupportedPath, create_path
from .locks.queue import WriteQueue
from .locks.writer import FlushResult, LockWriter
from .settings import LockSettings, PropertySettings
from .storage import PropertyState, slot_from_json, slot_to_json

# A slot counts as failing from this many failed attempts in a row (one is an ordinary radio hiccup).
FAILING_AFTER = 2


@dataclass
class LockRuntime:
    """A managed lock: settings, path, guest_pins' device for it, and its writer."""

    settings: LockSettings
    path: LockPath
    device_id: str
    writer: LockWriter
    last_error: str | None = field(default=None)

    @property
    def lock_id(self) -> str:
        """Return the lock's id within the property (its subentry id)."""
        return self.settings.lock_id

    @property
    def entity_id(self) -> str:
        """Return the managed lock entity."""
        return self.settings.entity_id

    @property
    def title(self) -> str:
        """Return the lock's name as the host gave it."""
        return self.settings.title

    @property
    def queue(self) -> WriteQueue:
        """Return what still waits for the lock."""
        return self.writer.queue

    def healthy(self) -> bool:
        """Return whether the lock answers (or sleeps between wake-ups) and no write to it is failing.

        A write fails now and then on any radio and its quick retry cures it: a slot is failing from its
        second failed attempt.
        """
        reachable = self.path.available() or self.path.capabilities.wake_interval is not None
        return reachable and not any(queued.attempts >= FAILING_AFTER for queued in self.queue.slots.values())

    def held_codes(self) -> dict[str, str]:
        """Return the codes the lock holds, by owner."""
        return {content.owner: content.code for content in self.writer.held.values()}

    @property
    def status(self) -> str:
        """Return whether the lock can be reached (US3-3), or that guest_pins has no way to program it.

        A sleeping lock out of reach between its wake-ups is asleep, not offline.
        """
        if isinstance(self.path, UnsupportedPath):
            return "no_path"
        if self.path.available():
            return "online"
        return "asleep" if self.path.capabilities.wake_interval else "offline"


def create_lock_runtime(
    hass: HomeAssistant, settings: PropertySettings, lock: LockSettings, state: PropertyState, zone: ZoneInfo
) -> LockRuntime:
    """Return a managed lock with its path, device and writer (its queue as the store kept it).

    `zone` is the property's: the lock keeps the property's time, whatever Home Assistant's zone is.
    """
    path = create_path(hass, lock.path_spec(zone))
    queue = WriteQueue.from_json(state.queues.get(lock.lock_id, {}), slot_from_json, settings.batch_window)
    writer = LockWriter(
        path,
        queue,
        state.lock_contents.setdefault(lock.lock_id, {}),
        dt_util.utcnow,
        state.in_flight.setdefault(lock.lock_id, {}),
    )
    return LockRuntime(lock, path, lock_device_id(hass, settings.entry_id, lock), writer)


def lock_device_id(hass: HomeAssistant, entry_id: str, lock: LockSettings) -> str:
    """Return (creating it) the device guest_pins owns for a managed lock (never the lock's own device)."""
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry_id,
        config_subentry_id=lock.lock_id,
        identifiers={(DOMAIN, f"{entry_id}_{lock.lock_id}")},
        name=lock.title,
        manufacturer="guest_pins",
        model=f"Managed lock ({lock.path})",
    )
    return device.id


async def async_flush(
    lock: LockRuntime, state: PropertyState, now: datetime, *, force: bool = False
) -> FlushResult:
    """Let the lock's writer flush what is due (everything, when `force`d), and record what it did."""
    result = await lock.writer.flush(force=force)
    if not result.held_back:
        record(lock, state, result, now)
    return result


def record(lock: LockRuntime, state: PropertyState, result: FlushResult, now: datetime) -> None:
    """Keep what a flush did: its cost, the last confirmed write, issued codes, the error and the queue."""
    lock_id = lock.lock_id
    if result.communicated:
        state.count_wakeup(lock_id, now)
        state.count_transactions(lock_id, now, result.transactions)
    issued = state.issued.setdefault(lock_id, {})
    written = state.written.setdefault(lock_id, {})
    for delivered in result.delivered:
        state.last_write[lock_id] = now
        if delivered.content is not None:
            written[delivered.slot] = now
        else:
            written.pop(delivered.slot, None)
        # A code the lock's cloud issued in place of ours is the one the guest must be given.
        if delivered.issued is not None:
            issued[delivered.slot] = delivered.issued
        else:
            issued.pop(delivered.slot, None)
    for failed in result.failed:
        LOGGER.warning(
            "Writing slot %s of %s failed (attempt %d): %s",
            failed.slot,
            lock.entity_id,
            failed.attempts,
            failed.reason,
        )
    if result.failed:
        lock.last_error = result.failed[-1].reason
    elif result.delivered:
        lock.last_error = None
    persist_queue(lock, state)


def write_alerts(lock: LockRuntime) -> list[Alert]:
    """Return the lock's write alert while a slot the host was told about still fails.

    The host is told after a slot's last quick retry, or at once for a refusal retrying cannot cure.
    """
    if not lock.queue.reported:
        return []
    placeholders = {"lock": lock.title, "reason": lock.last_error or ""}
    return [Alert(f"write_failed_{lock.lock_id}", "write_failed", placeholders, ir.IssueSeverity.ERROR)]


def persist_queue(lock: LockRuntime, state: PropertyState) -> None:
    """Keep the lock's queue in the store, so a restart neither loses nor repeats a write."""
    state.queues[lock.lock_id] = lock.queue.to_json(slot_to_json)


def keys_of(
    stay: Stay,
    locks: Mapping[str, LockRuntime],
    backups: Iterable[Backup],
    now: datetime,
    ready_from: timedelta = timedelta(0),
) -> Keys:
    """Return what opens each of a stay's locks for the guest, and which of those keys are ready.

    A lock's key is the stay's own code where the lock holds it (read back or confirmed by the lock: ready),
    else the backup handed to the guest where the lock holds that (ready), else the stay's own code, still
    to come. A lock that cannot limit a code to the stay gets it only as the window opens: from `ready_from`
    before check-in until then, its key is ready when the lock answers and takes writes. An intercom admits
    by invitation: it has no key.
    """
    handed = handed_to(backups, stay.stay_id)
    codes: dict[str, str] = {}
    ready: set[str] = set()
    given: set[str] = set()
    for lock_id in sorted(stay.locks & locks.keys()):
        lock = locks[lock_id]
        if lock.path.capabilities.invites:
            continue
        held = lock.held_codes()
        backup = handed.get(lock_id)
        if held.get(stay_owner(stay.stay_id)) == stay.code:
            codes[lock_id] = stay.code
            ready.add(lock_id)
        elif backup is not None and backup.code and held.get(backup.owner) == backup.code:
            codes[lock_id] = backup.code
            ready.add(lock_id)
            given.add(lock_id)
        else:
            codes[lock_id] = stay.code
            waiting = stay.checkin - ready_from <= now < stay.window.start
            if waiting and not lock.path.capabilities.native_windows and lock.healthy():
                ready.add(lock_id)
    return Keys(codes, frozenset(ready), frozenset(given))


def working_locks(
    stay: Stay,
    locks: Mapping[str, LockRuntime],
    backups: Iterable[Backup],
    now: datetime,
    ready_from: timedelta = timedelta(0),
) -> frozenset[str]:
    """Return the locks that let a stay's guest in (a ready key, or an intercom's invitation)."""
    invited = {
        lock_id
        for lock_id in stay.locks & locks.keys()
        if locks[lock_id].path.capabilities.invites
        and stay_owner(stay.stay_id) in locks[lock_id].held_codes()
    }
    return frozenset(keys_of(stay, locks, backups, now, ready_from).confirmed | invited)


def queue_plan(
    lock: LockRuntime,
    state: PropertyState,
    planned: Mapping[int, SlotCode],
    windows: Mapping[str, Interval],
    now: datetime,
    batch_window: timedelta,
    latest_provision: timedelta,
    *,
    timed: bool,
) -> None:
    """Queue on a lock what it should hold; the core decides what is urgent and what may wait.

    `windows` are the stay owners' windows; `timed` marks a pass the clock asked for (its changes are due).
    """
    state.slot_owners[lock.lock_id] = {slot: content.owner for slot, content in planned.items()}
    held = lock.writer.held
    # A lock that enforces windows already refuses an expired code: it stays until its slot is wanted.
    desired = retain_expired(
        loop.desired_slots(planned, state.manual.get(lock.lock_id, {})), held, now + batch_window
    )
    deferred = loop.deferred_slots(desired, held, now, batch_window, latest_provision)
    urgent = set(desired.keys() | held.keys()) if timed else loop.urgent_slots(desired, held, now, windows)
    lock.writer.update(desired, urgent - deferred.keys(), deferred)
    persist_queue(lock, state)
