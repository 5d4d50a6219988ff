"""What the entities of a lock show, as one small value the manager sends them after every change.

Entities never read the manager: they get a `LockView` (who is in, what the slots hold, what waits, what it
cost the battery) with people's names instead of internal ids, and codes masked unless the host asked to see
them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from homeassistant.core import HomeAssistant, callback

from .core.model import SlotCode, StaticPin, Stay
from .core.owners import MANUAL_OWNER, STATIC_OWNER, owned_stay
from .lock_runtime import LockRuntime
from .masking import mask
from .settings import PropertySettings
from .storage import PropertyState

WEEK = timedelta(days=7)
UNNAMED_GUEST = "Guest"


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
    return owner, "other"


def build_lock_view(
    hass: HomeAssistant,
    lock: LockRuntime,
    state: PropertyState,
    stays: tuple[Stay, ...],
    settings: PropertySettings,
    zone: ZoneInfo,
    now: datetime,
) -> LockView:
    """Return the view of one lock at `now`."""
    statics, show_codes = settings.statics, settings.show_codes
    lock_id = lock.lock_id
    by_id = {stay.stay_id: stay for stay in stays}
    by_key = {static.key: static for static in statics}

    def slot_view(content: SlotCode) -> SlotView:
        """Return one held slot as the host sees it."""
        name, kind = owner_view(content.owner, by_id, by_key)
        return SlotView(name, kind, content.code if show_codes else mask(content.code))

    current = next((stay for stay in stays if stay.checkin <= now < stay.checkout), None)
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
    )


type ViewListener = Callable[[LockView], None]


class ViewHub:
    """Hands each lock's latest view to the entities that follow it."""

    def __init__(self) -> None:
        """Start with no views and no followers."""
        self.views: dict[str, LockView] = {}
        self._listeners: dict[str, list[ViewListener]] = {}

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
