"""One planning pass for a property: feeds and host edits in, stays and per-lock plans out."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from . import pins, windows
from .model import FeedEvent, LockPlan, LockProfile, StaticPin, Stay
from .planner import plan_lock
from .stays import StayPlan, merge_reservations, plan_stays


@dataclass(frozen=True, slots=True)
class PropertyInputs:
    """Everything the plan of one property depends on, besides the instant."""

    events: tuple[FeedEvent, ...]
    calendar_locks: Mapping[str, frozenset[str]]
    statics: tuple[StaticPin, ...]
    profiles: Mapping[str, LockProfile]
    zone: ZoneInfo
    secret: bytes
    pin_settings: pins.PinSettings = field(default_factory=pins.PinSettings)
    policy: windows.WindowPolicy = field(default_factory=windows.WindowPolicy)
    memory: Mapping[str, pins.CodeMemory] = field(default_factory=dict)
    first_seen: Mapping[str, datetime] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PropertyPlan:
    """The stays with their codes and, per lock, the desired slots and the next change."""

    stay_plan: StayPlan
    locks: dict[str, LockPlan]

    @property
    def next_change(self) -> datetime | None:
        """Return the earliest instant at which any lock's desired slots change."""
        return min((plan.next_change for plan in self.locks.values() if plan.next_change), default=None)


def plan_property(
    inputs: PropertyInputs, now: datetime, previous_slots: Mapping[str, Mapping[int, str]] | None = None
) -> PropertyPlan:
    """Plan a property at `now`: merge, window and code its stays, then lay out every lock's slots."""
    previous_slots = previous_slots or {}
    reservations = merge_reservations(inputs.events, inputs.calendar_locks, inputs.first_seen)
    stay_plan = plan_stays(
        reservations,
        inputs.statics,
        inputs.profiles,
        inputs.memory,
        inputs.pin_settings,
        inputs.policy,
        inputs.secret,
        inputs.zone,
        now,
    )
    stays_by_lock = _index(stay_plan, inputs.profiles)
    locks = {
        lock_id: plan_lock(
            profile,
            now,
            stays_by_lock.get(lock_id, ()),
            inputs.statics,
            inputs.zone,
            previous_slots.get(lock_id),
        )
        for lock_id, profile in sorted(inputs.profiles.items())
    }
    return PropertyPlan(stay_plan=stay_plan, locks=locks)


def _index(stay_plan: StayPlan, profiles: Iterable[str]) -> dict[str, list[Stay]]:
    """Return the stays of each lock."""
    result: dict[str, list[Stay]] = {lock: [] for lock in profiles}
    for stay in stay_plan.stays:
        for lock in stay.locks:
            if lock in result:
                result[lock].append(stay)
    return result
