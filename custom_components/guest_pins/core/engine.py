"""One planning pass for a property: feeds and host edits in, stays and per-lock plans out.

The plan also carries what the shell looks up between plans (each lock's stays, and every timed moment of
the property in order), so a property with thousands of stays costs the event loop lookups, not scans.
"""

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from . import arrival, backups as backup_codes, lifecycle, pins, windows
from .backups import Backup
from .merge import Disagreement, Reservation, merge_sources
from .model import FeedEvent, LockPlan, LockProfile, StaticPin, Stay
from .planner import plan_lock
from .stays import StayPlan, plan_stays


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
    # The stay each source belongs to (a stay keeps its id whichever sources join or leave it).
    stay_ids: Mapping[str, str] = field(default_factory=dict)
    backups: tuple[Backup, ...] = ()
    checks: tuple[timedelta, ...] = arrival.DEFAULT_CHECKS
    send_before: timedelta | None = None


class MomentKind(StrEnum):
    """What happens at a moment of a stay.

    A reminder for automations, the check before arrival, the time its keys are sent, its check-out.
    """

    REMINDER = "reminder"
    CHECK = "check"
    DELIVERY = "delivery"
    CHECKED_OUT = "checked_out"


@dataclass(frozen=True, slots=True)
class Moment:
    """One timed moment of a stay; `before` is its distance to check-in (reminders, checks, sending)."""

    when: datetime
    kind: MomentKind
    stay: Stay
    before: timedelta | None = None


@dataclass(frozen=True, slots=True)
class PropertyPlan:
    """The stays with their codes and, per lock, the desired slots and the next change.

    `stays_by_lock` holds each lock's stays; `moments` every reminder, check-in and check-out, in order.
    """

    stay_plan: StayPlan
    locks: dict[str, LockPlan]
    stays_by_lock: Mapping[str, tuple[Stay, ...]] = field(default_factory=dict)
    backups: tuple[Backup, ...] = ()
    moments: tuple[Moment, ...] = ()
    moment_times: tuple[datetime, ...] = ()  # `moments`' instants, for bisecting
    disagreements: tuple[Disagreement, ...] = ()

    @property
    def next_change(self) -> datetime | None:
        """Return the earliest instant at which any lock's desired slots change."""
        return min((plan.next_change for plan in self.locks.values() if plan.next_change), default=None)

    def moments_between(self, after: datetime, until: datetime) -> tuple[Moment, ...]:
        """Return the moments in (after, until], in order."""
        times = self.moment_times
        return self.moments[bisect_right(times, after) : bisect_right(times, until)]

    def next_moment(self, after: datetime) -> datetime | None:
        """Return the first moment after an instant, if any."""
        index = bisect_right(self.moment_times, after)
        return self.moment_times[index] if index < len(self.moment_times) else None

    def stays_on(self, lock_id: str) -> tuple[Stay, ...]:
        """Return the stays on a lock."""
        return self.stays_by_lock.get(lock_id, ())


def plan_property(
    inputs: PropertyInputs, now: datetime, previous_slots: Mapping[str, Mapping[int, str]] | None = None
) -> PropertyPlan:
    """Plan a property at `now`: merge, window and code its stays, then lay out every lock's slots."""
    previous_slots = previous_slots or {}
    frozen = {stay_id for stay_id, memory in inputs.memory.items() if memory.frozen}
    merged = merge_sources(inputs.events, inputs.calendar_locks, inputs.first_seen, inputs.stay_ids, frozen)
    reservations = merged.reservations
    backups = _provide_backups(inputs, reservations, now)
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
        backups=backups,
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
            backups,
        )
        for lock_id, profile in sorted(inputs.profiles.items())
    }
    moments = _moments(stay_plan.stays, inputs.checks, inputs.send_before)
    return PropertyPlan(
        stay_plan=stay_plan,
        locks=locks,
        stays_by_lock={lock_id: tuple(stays) for lock_id, stays in stays_by_lock.items()},
        moments=moments,
        moment_times=tuple(moment.when for moment in moments),
        backups=backups,
        disagreements=merged.disagreements,
    )


def _provide_backups(
    inputs: PropertyInputs, reservations: Iterable[Reservation], now: datetime
) -> tuple[Backup, ...]:
    """Return every lock's backups with codes free on it, a handed-out one whose stay ended replaced.

    Codes that keep their place on a lock (static PINs, the host's own codes, codes a guest already has or
    was planned) are never a backup's: a guest's code must not change because a backup arrived.
    """
    fixed: dict[str, set[str]] = {lock_id: set() for lock_id in inputs.profiles}
    for static in inputs.statics:
        for lock_id in static.locks & fixed.keys():
            fixed[lock_id].add(static.code)
    for reservation in reservations:
        memory = inputs.memory.get(reservation.stay_id)
        codes = {memory.custom, memory.pin.code if memory.pin else None} if memory else set()
        for lock_id in reservation.locks & fixed.keys():
            fixed[lock_id] |= {code for code in codes if code}
    counts = {lock_id: len(profile.backup_slots) for lock_id, profile in inputs.profiles.items()}
    return backup_codes.provide(
        backup_codes.retire(inputs.backups, now), counts, fixed, inputs.secret, inputs.pin_settings.length
    )


def _moments(
    stays: Iterable[Stay], checks: Iterable[timedelta], send_before: timedelta | None
) -> tuple[Moment, ...]:
    """Return every reminder, check, sending time and check-out of the stays, in order.

    At a tie they come in that order: the check before arrival hands out a backup before keys are sent.
    """
    offsets = [
        *((MomentKind.REMINDER, before) for before in lifecycle.DEFAULT_REMINDERS),
        *((MomentKind.CHECK, before) for before in checks),
        *(((MomentKind.DELIVERY, send_before),) if send_before is not None else ()),
    ]
    moments = [
        Moment(stay.checkin - before, kind, stay, before) for stay in stays for kind, before in offsets
    ]
    moments += [Moment(stay.checkout, MomentKind.CHECKED_OUT, stay) for stay in stays]
    order = list(MomentKind)
    return tuple(
        sorted(moments, key=lambda moment: (moment.when, order.index(moment.kind), moment.stay.stay_id))
    )


def _index(stay_plan: StayPlan, profiles: Iterable[str]) -> dict[str, list[Stay]]:
    """Return the stays of each lock."""
    result: dict[str, list[Stay]] = {lock: [] for lock in profiles}
    for stay in stay_plan.stays:
        for lock in stay.locks:
            if lock in result:
                result[lock].append(stay)
    return result
