"""The planner: at an instant, which code each slot of a lock should hold, and when that next changes.

Guest codes go on a lock that enforces windows itself `provision_lead` before the window (with the window
attached), and on any other lock a few minutes before window start (a restart at check-in must not leave
the guest outside), off at window end. Static PINs are on while
enabled and valid, with their weekly schedule attached on locks that run weekly schedules themselves, and
toggled at each occurrence elsewhere; static PINs sharing a code share one slot.

Slots are stable: an owner keeps its slot while it is on the lock; a newcomer takes first a slot whose
previous owner has left (the lock still holds that old code, so one overwrite replaces clear + set), then
an untouched one. When there are more owners than slots, the earliest windows win and the rest are
reported, never dropped silently.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from . import windows
from .backups import Backup
from .model import (
    FAR_FUTURE,
    CapacityShortfall,
    LockPlan,
    LockProfile,
    SlotCode,
    StaticPin,
    Stay,
    TimeRange,
    WeeklySchedule,
)
from .stays import presence

# How far ahead weekly occurrences are searched for the next change (a schedule repeats within 8 days).
_SCHEDULE_REACH = timedelta(days=8)


@dataclass(frozen=True, slots=True)
class _Want:
    """One owner that wants a slot now, how urgent it is, and what the slot should hold."""

    rank: tuple[datetime, str]
    content: SlotCode


def static_groups(statics: Iterable[StaticPin], lock_id: str) -> dict[str, list[StaticPin]]:
    """Return the enabled static PINs on a lock grouped by code (one slot per code, FR-013a)."""
    groups: dict[str, list[StaticPin]] = {}
    for static in sorted(statics, key=lambda pin: pin.key):
        if static.enabled and lock_id in static.locks:
            groups.setdefault(static.code, []).append(static)
    return groups


def _union_schedule(members: list[StaticPin]) -> WeeklySchedule | None:
    """Return one schedule covering every member's ranges; None if any member is always on."""
    if any(member.schedule is None for member in members):
        return None
    ranges: dict[int, list[TimeRange]] = {}
    for member in members:
        assert member.schedule is not None  # noqa: S101 - checked above
        for day, day_ranges in member.schedule.days:
            ranges.setdefault(day, []).extend(day_ranges)
    return WeeklySchedule.of(
        {day: sorted(set(day_ranges), key=lambda r: (r.start, r.end)) for day, day_ranges in ranges.items()}
    )


def plan_lock(
    profile: LockProfile,
    now: datetime,
    stays: Iterable[Stay],
    statics: Iterable[StaticPin],
    zone: ZoneInfo,
    previous: Mapping[int, str] | None = None,
    backups: Iterable[Backup] = (),
) -> LockPlan:
    """Return the desired slots of one lock at `now` and the next instant at which they change.

    `previous` maps slots to the owners the last plan gave them (for stable slots and overwrites). The lock's
    backups go in its backup slots, handed-out ones first; a handed-out backup is replaced at `until`.
    """
    previous = previous or {}
    lock_stays = [stay for stay in stays if profile.lock_id in stay.locks]
    changes: list[datetime] = []

    guests: list[_Want] = []
    for stay in lock_stays:
        span = presence(stay.window, profile)
        changes += [span.start, span.end]
        if span.covers(now) and not stay.window.empty:
            content = SlotCode(
                f"stay:{stay.stay_id}",
                stay.code,
                native_window=stay.window if profile.native_windows else None,
                contact=stay.email if profile.invites else None,
            )
            guests.append(_Want((stay.window.start, stay.stay_id), content))

    static_wants = _static_wants(profile, statics, now, zone, changes)
    backup_wants = _backup_wants(profile, backups, changes)

    slots: dict[int, SlotCode] = {}
    shortfalls: list[CapacityShortfall] = []
    for kind, wants, slot_range in (
        ("guest", guests, profile.guest_slots),
        ("static", static_wants, profile.static_slots),
        ("backup", backup_wants, profile.backup_slots),
    ):
        placed, left_out = _allocate(sorted(wants, key=lambda want: want.rank), slot_range, previous, slots)
        slots.update(placed)
        if left_out:
            shortfalls.append(CapacityShortfall(profile.lock_id, tuple(left_out), kind))

    upcoming = [instant for instant in changes if instant > now]
    return LockPlan(
        lock_id=profile.lock_id,
        slots=dict(sorted(slots.items())),
        next_change=min(upcoming) if upcoming else None,
        shortfalls=tuple(shortfalls),
    )


def _static_wants(
    profile: LockProfile, statics: Iterable[StaticPin], now: datetime, zone: ZoneInfo, changes: list[datetime]
) -> list[_Want]:
    """Return the lock's static PINs as wants (one per code), noting when they next change in `changes`.

    A lock that keeps weekly schedules gets each code with its schedule for as long as it is valid; a
    lock that keeps them at a fixed UTC offset gets today's offset, and the plan changes when it does.
    """
    static_wants: list[_Want] = []
    # A lock that admits by invitation has no code to give a static PIN's holder.
    groups = {} if profile.invites else static_groups(statics, profile.lock_id)
    for code, members in groups.items():
        for member in members:
            changes += windows.static_boundaries(member, now, zone, _SCHEDULE_REACH, profile.wake_lead)
        owner = f"static:{members[0].key}"
        if profile.native_weekly:
            valid = [member for member in members if windows.within_validity(member, now, zone)]
            if valid:
                schedule = _union_schedule(valid)
                offset = None
                if profile.fixed_offset and schedule is not None:
                    offset = windows.utc_offset_minutes(zone, now)
                    if (change := windows.next_offset_change(zone, now)) is not None:
                        changes.append(change)
                static_wants.append(
                    _Want((now, owner), SlotCode(owner, code, native_schedule=schedule, utc_offset=offset))
                )
        elif any(windows.static_active(member, now, zone, profile.wake_lead) for member in members):
            static_wants.append(_Want((now, owner), SlotCode(owner, code)))
    return static_wants


def _backup_wants(profile: LockProfile, backups: Iterable[Backup], changes: list[datetime]) -> list[_Want]:
    """Return the lock's backups as wants (noting when a handed-out one is replaced); none on an intercom."""
    wants: list[_Want] = []
    mine = [b for b in backups if b.lock_id == profile.lock_id and b.code] if not profile.invites else []
    for backup in mine:
        assert backup.code is not None  # noqa: S101 - filtered above
        if backup.until is not None:
            changes.append(backup.until)
        # A handed-out backup keeps its slot before an idle one: a guest holds it.
        wants.append(_Want((backup.until or FAR_FUTURE, backup.owner), SlotCode(backup.owner, backup.code)))
    return wants


def _allocate(
    wants: list[_Want], slot_range: Sequence[int], previous: Mapping[int, str], taken: Mapping[int, SlotCode]
) -> tuple[dict[int, SlotCode], list[str]]:
    """Place owners (most urgent first) in slots: their old slot, else a vacated one, else a fresh one."""
    codes_in_use = {content.code for content in taken.values()}
    placed: dict[int, SlotCode] = {}
    left_out: list[str] = []
    admitted: list[_Want] = []
    for want in wants:
        if want.content.code in codes_in_use:
            # Only an unresolved collision (two fixed codes) gets here: a lock takes a code once.
            left_out.append(want.content.owner)
        elif len(admitted) < len(slot_range):
            admitted.append(want)
            codes_in_use.add(want.content.code)
        else:
            left_out.append(want.content.owner)

    slot_of = {owner: slot for slot, owner in previous.items() if slot in slot_range}
    staying = {want.content.owner for want in admitted if want.content.owner in slot_of}
    for want in admitted:
        if want.content.owner in staying:
            placed[slot_of[want.content.owner]] = want.content
    vacated = [slot for slot in slot_range if slot in previous and slot not in placed]
    fresh = [slot for slot in slot_range if slot not in previous]
    free = iter(vacated + fresh)
    for want in admitted:
        if want.content.owner not in staying:
            placed[next(free)] = want.content
    return placed, left_out
