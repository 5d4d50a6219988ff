"""Access windows: when a stay's code opens the door, and when a static PIN's schedule does.

All wall-clock arithmetic happens in the property's zone on local dates, and only then becomes an instant,
so 10:00 stays 10:00 across a DST change; the instants that come out are in UTC, because Python subtracts
and compares two datetimes of one zone by their wall clocks, not as instants. A local time that does not
exist (the hour skipped in spring) resolves to the instant one hour later, as zoneinfo's fold=0 rule gives.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .model import FAR_FUTURE, Interval, StaticPin, TimeRange, WeeklySchedule

_DAY = timedelta(days=1)
# The shortest span: probing "at an instant" is probing [instant, instant + _TICK).
_TICK = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class WindowPolicy:
    """How a stay's window extends beyond check-in and check-out.

    Either check-in minus `early_access` to check-out plus `grace`, or, with `expire_next_day_at`, until that
    local time on the day after check-out (the "9:00 the day after check-out" policy).
    """

    early_access: timedelta = timedelta(0)
    grace: timedelta = timedelta(0)
    expire_next_day_at: time | None = None


def stay_window(checkin: datetime, checkout: datetime, policy: WindowPolicy, zone: ZoneInfo) -> Interval:
    """Return the span a stay's code should open the door."""
    start = checkin.astimezone(UTC) - policy.early_access
    if policy.expire_next_day_at is not None:
        next_day = checkout.astimezone(zone).date() + _DAY
        end = datetime.combine(next_day, policy.expire_next_day_at, tzinfo=zone).astimezone(UTC)
    else:
        end = checkout.astimezone(UTC) + policy.grace
    return Interval(start, end)


@dataclass(frozen=True, slots=True)
class WindowedStay:
    """A stay's id, its check-in/check-out, the locks it opens and its (not yet trimmed) window."""

    stay_id: str
    checkin: datetime
    checkout: datetime
    locks: frozenset[str]
    window: Interval


def trim_turnovers(stays: Iterable[WindowedStay]) -> dict[str, Interval]:
    """Return each stay's window, cut so an outgoing guest's window ends when the next guest's begins.

    Applies between stays that share a lock and follow each other (the outgoing check-out is no later than
    the incoming check-in). Stays that truly overlap (a double booking) keep their windows: both guests
    hold a booking, and the collision check deals with equal codes.
    """
    stays = list(stays)
    original = {stay.stay_id: stay.window for stay in stays}
    windows = dict(original)
    by_lock: dict[str, list[WindowedStay]] = {}
    for stay in stays:
        for lock in stay.locks:
            by_lock.setdefault(lock, []).append(stay)
    for lock_stays in by_lock.values():
        lock_stays.sort(key=lambda stay: (stay.checkin, stay.stay_id))
        for index, outgoing in enumerate(lock_stays):
            for incoming in lock_stays[index + 1 :]:
                if original[incoming.stay_id].start >= windows[outgoing.stay_id].end:
                    break  # windows open in check-in order: nobody later reaches back into this one
                if outgoing.checkout > incoming.checkin:
                    continue  # a double booking, not a turnover
                checkout = outgoing.checkout.astimezone(UTC)
                held_out, held_in = windows[outgoing.stay_id], windows[incoming.stay_id]
                # Out when the next guest's window opens, but never before the outgoing check-out; and the
                # next window never opens before that check-out either.
                cut = min(held_out.end, max(original[incoming.stay_id].start, checkout))
                windows[outgoing.stay_id] = Interval(held_out.start, cut)
                windows[incoming.stay_id] = Interval(max(held_in.start, checkout), held_in.end)
    return windows


def _local_day_start(day: date, zone: ZoneInfo) -> datetime:
    """Return the instant a local day begins."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def range_interval(day: date, time_range: TimeRange, zone: ZoneInfo) -> Interval:
    """Return the instants a daily range covers when it starts on `day` (ends past midnight roll over)."""
    start = datetime.combine(day, time_range.start, tzinfo=zone)
    end_day = day + _DAY if time_range.crosses_midnight else day
    end = datetime.combine(end_day, time_range.end, tzinfo=zone)
    return Interval(start.astimezone(UTC), end.astimezone(UTC))


def validity(pin: StaticPin, zone: ZoneInfo) -> tuple[datetime | None, datetime | None]:
    """Return where a PIN's valid-from/valid-until dates begin and end as instants (None: no limit)."""
    start = _local_day_start(pin.valid_from, zone) if pin.valid_from else None
    end = _local_day_start(pin.valid_until + _DAY, zone) if pin.valid_until else None
    return start, end


def within_validity(pin: StaticPin, instant: datetime, zone: ZoneInfo) -> bool:
    """Return whether the instant lies within the PIN's valid dates (inclusive local days)."""
    start, end = validity(pin, zone)
    return (start is None or start <= instant) and (end is None or instant < end)


def schedule_occurrences(schedule: WeeklySchedule, span: Interval, zone: ZoneInfo) -> Iterator[Interval]:
    """Yield the schedule's ranges that overlap `span`, in order, merged where they touch."""
    first = span.start.astimezone(zone).date() - _DAY  # a range from the day before may run past midnight
    last = span.end.astimezone(zone).date()
    pending: Interval | None = None
    day = first
    while day <= last:
        for time_range in schedule.ranges_on(day.weekday()):
            occurrence = range_interval(day, time_range, zone)
            if not occurrence.overlaps(span) or occurrence.empty:
                continue
            if pending is not None and occurrence.start <= pending.end:
                pending = Interval(pending.start, max(pending.end, occurrence.end))
                continue
            if pending is not None:
                yield pending
            pending = occurrence
        day += _DAY
    if pending is not None:
        yield pending


def static_occurrences(pin: StaticPin, span: Interval, zone: ZoneInfo) -> list[Interval]:
    """Return when a static PIN opens the door within `span`: its weekly ranges, or its valid dates.

    A PIN without a schedule is one interval over its valid dates (open-ended where it has none); a
    scheduled one, each range inside its valid dates. Local times, so DST changes fall where they should.
    """
    if pin.schedule is None:
        start, end = validity(pin, zone)
        always = Interval(start or span.start, end or FAR_FUTURE)
        return [always] if always.overlaps(span) else []
    return [
        occurrence
        for occurrence in schedule_occurrences(pin.schedule, span, zone)
        if within_validity(pin, occurrence.start, zone)
    ]


def static_active(pin: StaticPin, instant: datetime, zone: ZoneInfo, lead: timedelta = timedelta(0)) -> bool:
    """Return whether a static PIN should be on a lock at an instant (enabled, valid, on schedule).

    With a `lead` it is on from that long before each time it opens the door (a sleeping lock's last
    wake-up before it may come that early).
    """
    if not pin.enabled:
        return False
    valid_start, valid_end = validity(pin, zone)
    span = Interval(
        max(instant, valid_start) if valid_start else instant,
        min(instant + lead + _TICK, valid_end) if valid_end else instant + lead + _TICK,
    )
    if span.empty:
        return False
    if pin.schedule is None:
        return True
    return next(schedule_occurrences(pin.schedule, span, zone), None) is not None


def static_boundaries(
    pin: StaticPin, after: datetime, zone: ZoneInfo, reach: timedelta, lead: timedelta = timedelta(0)
) -> list[datetime]:
    """Return the instants after `after` (within `reach`) at which the PIN goes on or off a lock.

    It goes on `lead` before it opens the door (see `static_active`) and off when it stops.
    """
    if not pin.enabled:
        return []
    valid_start, valid_end = validity(pin, zone)
    instants = [edge for edge in (valid_start and valid_start - lead, valid_end) if edge is not None]
    if pin.schedule is not None:
        for occurrence in schedule_occurrences(pin.schedule, Interval(after, after + reach + lead), zone):
            instants += [occurrence.start - lead, occurrence.end]
    return sorted(instant for instant in instants if instant > after)


def utc_offset_minutes(zone: ZoneInfo, instant: datetime) -> int:
    """Return a zone's UTC offset at an instant, in minutes."""
    offset = instant.astimezone(zone).utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


_WEEK = timedelta(days=7)


def next_offset_change(
    zone: ZoneInfo, after: datetime, reach: timedelta = timedelta(days=400)
) -> datetime | None:
    """Return the first instant after `after` (within `reach`) at which the zone's UTC offset changes.

    Walks a week at a time (no zone changes its offset twice within a week), then halves the week that
    holds the change down to the second; about 75 offset look-ups, whatever the zone.
    """
    start = after.astimezone(UTC).replace(microsecond=0)
    offset = utc_offset_minutes(zone, start)
    low = start
    while low - start < reach:
        high = low + _WEEK
        if utc_offset_minutes(zone, high) != offset:
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if utc_offset_minutes(zone, middle) != offset:
                    high = middle
                else:
                    low = middle
            return high
        low = high
    return None
