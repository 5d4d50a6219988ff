"""What the entities of a lock show, as one small value the manager sends them after every change.

Entities never read the manager: they get a `LockView` (who is in, what the slots hold, what waits, what it
cost the battery) with people's names instead of internal ids, and codes masked unless the host asked to see
them.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from homeassistant.core import HomeAssistant, callback

from .alerts import Alert, AlertCenter
from .const import UNNAMED_GUEST
from .core.backups import BACKUP_OWNER
from .core.model import SlotCode, StaticPin, Stay
from .core.owners import MANUAL_OWNER, STATIC_OWNER, owned_stay
from .lock_runtime import LockRuntime, keys_of
from .masking import mask
from .settings import PropertySettings
from .storage import PropertyState

WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class SlotView:
    """One slot as the host sees it: whose code (a name), what kind, and the code (masked unless shown)."""

    owner: str
    kind: str
    code: str

    def as_dict(self) -> dict[str, str]:
        """Return the slot as an attribute value."""
        return {"owner": self.owner, "kind": self.kind, "code": self.code}


@dataclass(frozen=True, slots=True)
class AccessSource:
    """What the access calendar needs: the lock's stays and static PINs, in the property's zone."""

    lock_id: str
    stays: tuple[Stay, ...] = ()
    statics: tuple[StaticPin, ...] = ()
    zone: ZoneInfo | None = None


@dataclass(frozen=True, slots=True)
class StayView:
    """A lock's current or next stay as the host follows it: its status, each lock's key, the messages."""

    guest: str
    checkin: datetime
    checkout: datetime
    status: str
    reference: str | None = None
    locks: Mapping[str, str] = field(default_factory=dict)
    delivery: Mapping[str, str] = field(default_factory=dict)
    first_use: datetime | None = None

    def attributes(self) -> dict[str, Any]:
        """Return the stay as a sensor's attributes (no code)."""
        return {
            "guest": self.guest,
            "checkin": self.checkin.isoformat(),
            "checkout": self.checkout.isoformat(),
            "reservation": self.reference,
            "locks": dict(self.locks),
            "delivery": dict(self.delivery),
            "first_use": self.first_use.isoformat() if self.first_use else None,
        }


@dataclass(frozen=True, slots=True)
class LockView:
    """Everything a lock's entities show."""

    status: str
    last_seen: datetime | None
    current_guest: str | None
    next_checkin: datetime | None
    slot_count: int | None
    slots: dict[int, SlotView]
    pending: int
    last_write: datetime | None
    transactions_week: int
    wakeups_week: int
    access: AccessSource = field(default_factory=lambda: AccessSource(""))
    stay: StayView | None = None
    alerts: tuple[Alert, ...] = ()
    next_stay: StayView | None = None


def owner_view(owner: str, stays: dict[str, Stay], statics: dict[str, StaticPin]) -> tuple[str, str]:
    """Return the name and kind of a slot's owner (a guest, a static PIN, the host's manual code)."""
    if (stay_id := owned_stay(owner)) is not None:
        stay = stays.get(stay_id)
        return (stay.guest_name if stay and stay.guest_name else UNNAMED_GUEST), "guest"
    if owner.startswith(STATIC_OWNER):
        static = statics.get(owner.removeprefix(STATIC_OWNER))
        return (static.name if static else owner.removeprefix(STATIC_OWNER)), "static"
    if owner.startswith(MANUAL_OWNER):
        return "Manual", "manual"
    if owner.startswith(BACKUP_OWNER):
        return "Backup", "backup"
    return owner, "other"


def stay_view(
    stay: Stay,
    locks: Mapping[str, LockRuntime],
    state: PropertyState,
    settings: PropertySettings,
    now: datetime,
) -> StayView:
    """Return how a stay stands: its status, the key on each of its locks, what its messages did."""
    journey = state.journey
    record = journey.stays.get(stay.stay_id)
    keys = keys_of(stay, locks, journey.backups, now, settings.ready_from)
    key_states = {
        locks[lock_id].title: (
            "backup" if lock_id in keys.backups else "ready" if lock_id in keys.confirmed else "waiting"
        )
        for lock_id in keys.codes
    }
    delivery = {
        channel: ("sent" if sent.sent_digest else "failing" if sent.failures else "waiting")
        for channel, sent in journey.deliveries.get(stay.stay_id, {}).items()
    }
    return StayView(
        guest=stay.guest_name or UNNAMED_GUEST,
        checkin=stay.checkin,
        checkout=stay.checkout,
        status=record.status if record else "booked",
        reference=stay.reference,
        locks=key_states,
        delivery=delivery,
        first_use=record.first_use if record else None,
    )


def build_lock_view(
    hass: HomeAssistant,
    lock: LockRuntime,
    state: PropertyState,
    stays: tuple[Stay, ...],
    settings: PropertySettings,
    zone: ZoneInfo,
    now: datetime,
    locks: Mapping[str, LockRuntime],
    alerts: Iterable[Alert] = (),
) -> LockView:
    """Return the view of one lock at `now` (`alerts`: the property's open problems)."""
    statics, show_codes = settings.statics, settings.show_codes
    lock_id = lock.lock_id
    by_id = {stay.stay_id: stay for stay in stays}
    by_key = {static.key: static for static in statics}

    def slot_view(content: SlotCode) -> SlotView:
        """Return one held slot as the host sees it."""
        name, kind = owner_view(content.owner, by_id, by_key)
        return SlotView(name, kind, content.code if show_codes else mask(content.code))

    current = next((stay for stay in stays if stay.checkin <= now < stay.checkout), None)
    upcoming = min(
        (stay for stay in stays if stay.checkin > now), key=lambda stay: stay.checkin, default=None
    )
    followed = current or upcoming
    entity = hass.states.get(lock.entity_id)
    since = now - WEEK
    return LockView(
        status=lock.status,
        last_seen=entity.last_reported if entity else None,
        current_guest=None if current is None else current.guest_name or UNNAMED_GUEST,
        next_checkin=min((stay.checkin for stay in stays if stay.checkin > now), default=None),
        slot_count=lock.path.capabilities.slot_count,
        slots={slot: slot_view(content) for slot, content in sorted(lock.writer.held.items())},
        pending=len(lock.queue),
        last_write=state.last_write.get(lock_id),
        transactions_week=sum(1 for stamp in state.transactions.get(lock_id, []) if stamp > since),
        wakeups_week=sum(1 for stamp in state.wakeups.get(lock_id, []) if stamp > since),
        access=AccessSource(
            lock_id, stays, tuple(pin for pin in statics if lock_id in pin.locks and pin.enabled), zone
        ),
        stay=stay_view(followed, locks, state, settings, now) if followed else None,
        next_stay=stay_view(upcoming, locks, state, settings, now) if upcoming else None,
        alerts=tuple(alert for alert in alerts if alert_lock(alert, locks) in (None, lock_id)),
    )


def alert_lock(alert: Alert, locks: Mapping[str, LockRuntime]) -> str | None:
    """Return the lock an alert concerns (by the lock's name in its message), or None for the property."""
    title = alert.placeholders.get("lock")
    return next((lock_id for lock_id, lock in locks.items() if lock.title == title), None)


@dataclass(frozen=True, slots=True)
class ViewSource:
    """What every lock's view is made from, besides the lock and its stays."""

    hass: HomeAssistant
    state: PropertyState
    settings: PropertySettings
    zone: ZoneInfo
    locks: Mapping[str, LockRuntime]
    alerts: AlertCenter

    def view(self, lock: LockRuntime, stays: tuple[Stay, ...], now: datetime) -> LockView:
        """Return a lock's view now."""
        return build_lock_view(
            self.hass,
            lock,
            self.state,
            stays,
            self.settings,
            self.zone,
            now,
            self.locks,
            self.alerts.current.values(),
        )


type ViewListener = Callable[[LockView], None]


class ViewHub:
    """Hands each lock's latest view to the entities that follow it."""

    def __init__(self) -> None:
        """Start with no views and no followers."""
        self.views: dict[str, LockView] = {}
        self._listeners: dict[str, list[ViewListener]] = {}
        self._property_listeners: list[Callable[[], None]] = []

    @callback
    def follow_property(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` after any lock's view changed (the panel follows the whole property)."""
        self._property_listeners.append(listener)
        return lambda: self._property_listeners.remove(listener)

    @callback
    def follow(self, lock_id: str, listener: ViewListener) -> Callable[[], None]:
        """Call `listener` with each new view of the lock; return how to stop."""
        listeners = self._listeners.setdefault(lock_id, [])
        listeners.append(listener)
        return lambda: listeners.remove(listener)

    @callback
    def publish(self, lock_id: str, view: LockView) -> None:
        """Keep the lock's new view and hand it to its followers."""
        self.views[lock_id] = view
        for listener in list(self._listeners.get(lock_id, ())):
            listener(view)
        for changed in list(self._property_listeners):
            changed()
