"""Property-based tests over random bookings, static schedules and instants."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st

from custom_components.guest_pins.core import windows
from custom_components.guest_pins.core.engine import PropertyInputs, plan_property
from custom_components.guest_pins.core.model import (
    FeedEvent,
    LockProfile,
    SlotCode,
    StaticPin,
    TimeRange,
    WeeklySchedule,
)
from custom_components.guest_pins.core.planner import plan_lock
from custom_components.guest_pins.core.reconciler import apply, reconcile
from custom_components.guest_pins.core.stays import presence
from custom_components.guest_pins.core.windows import WindowPolicy

from .builders import BERLIN, NEW_YORK, SECRET, stay_event

START = date(2026, 3, 1)  # spans both DST changes of 2026
ZONES = st.sampled_from([BERLIN, NEW_YORK])
CALENDARS = ("airbnb", "vrbo", "unit-b")
CALENDAR_LOCKS = {
    "airbnb": frozenset({"front"}),
    "vrbo": frozenset({"front", "back"}),
    "unit-b": frozenset({"back"}),
}


@st.composite
def bookings(draw: st.DrawFn) -> list[FeedEvent]:
    """Draw up to 12 stays of 1-7 nights on three calendars, phones from a tiny pool to force collisions."""
    events = []
    for index in range(draw(st.integers(0, 12))):
        checkin = START + timedelta(days=draw(st.integers(0, 300)))
        nights = draw(st.integers(1, 7))
        events.append(
            stay_event(
                f"e{index}",
                checkin,
                checkin + timedelta(days=nights),
                calendar_id=draw(st.sampled_from(CALENDARS)),
                phone=draw(st.sampled_from([None, "4567", "1234", "15550004567"])),
                description=draw(st.sampled_from(["", "Reserved", "Guest: Kim"])),
                created=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=draw(st.integers(0, 1000))),
            )
        )
    return events


@st.composite
def weekly_schedules(draw: st.DrawFn) -> WeeklySchedule:
    """Draw one to three weekly ranges on the half hour (they may cross midnight)."""
    ranges: dict[int, list[TimeRange]] = {}
    for _ in range(draw(st.integers(1, 3))):
        # Range ends in the 02:00-03:00 hour that DST skips are left to the example tests.
        hours = st.integers(0, 23).filter(lambda hour: hour != 2)
        start = time(draw(hours), draw(st.sampled_from([0, 30])))
        end = time(draw(hours), draw(st.sampled_from([0, 30])))
        ranges.setdefault(draw(st.integers(0, 6)), []).append(TimeRange(start, end))
    return WeeklySchedule.of(ranges)


@st.composite
def static_pins(draw: st.DrawFn) -> list[StaticPin]:
    """Draw up to three static PINs: always on or weekly (ranges may cross midnight), maybe date-bound."""
    pins = []
    for index in range(draw(st.integers(0, 3))):
        schedule = draw(weekly_schedules()) if draw(st.booleans()) else None
        valid_from = START + timedelta(days=draw(st.integers(0, 200))) if draw(st.booleans()) else None
        pins.append(
            StaticPin(
                f"Static {index}",
                draw(st.sampled_from(["5678", "9911", "2468"])),
                frozenset(draw(st.sets(st.sampled_from(["front", "back"]), min_size=1))),
                schedule=schedule,
                enabled=draw(st.booleans()) or index == 0,
                valid_from=valid_from,
                valid_until=valid_from + timedelta(days=60) if valid_from and draw(st.booleans()) else None,
            )
        )
    return pins


def on_schedule(pin: StaticPin, now: datetime, zone: ZoneInfo) -> bool:
    """An independent oracle: read the local wall clock and check today's ranges and yesterday's late ones."""
    local_now = now.astimezone(zone)
    if pin.valid_from and local_now.date() < pin.valid_from:
        return False
    if pin.valid_until and local_now.date() > pin.valid_until:
        return False
    if pin.schedule is None:
        return True
    clock = local_now.time().replace(tzinfo=None)
    yesterday = (local_now.weekday() - 1) % 7
    today_hit = any(
        rng.start <= clock and (rng.crosses_midnight or clock < rng.end)
        for rng in pin.schedule.ranges_on(local_now.weekday())
    )
    spill_hit = any(rng.crosses_midnight and clock < rng.end for rng in pin.schedule.ranges_on(yesterday))
    return today_hit or spill_hit


def profile(lock_id: str, *, native: bool, weekly: bool) -> LockProfile:
    """Return a lock with room for every drawn owner (capacity is tested on its own)."""
    return LockProfile(lock_id, range(1, 30), range(30, 40), native_windows=native, native_weekly=weekly)


INSTANTS = st.integers(0, 330 * 24 * 4).map(
    lambda quarter: datetime(2026, 3, 1, tzinfo=UTC) + timedelta(minutes=15 * quarter)
)
POLICIES = st.sampled_from(
    [
        WindowPolicy(),
        WindowPolicy(timedelta(hours=2), timedelta(hours=1)),
        WindowPolicy(expire_next_day_at=time(9)),
    ]
)


@settings(max_examples=150, deadline=None)
@given(bookings(), static_pins(), INSTANTS, ZONES, POLICIES, st.booleans(), st.booleans())
def test_a_code_is_on_a_lock_exactly_while_a_window_covers_the_instant(
    events: list[FeedEvent],
    statics: list[StaticPin],
    now: datetime,
    zone: ZoneInfo,
    policy: WindowPolicy,
    native: bool,
    weekly: bool,
) -> None:
    """A code is on a lock exactly while its window (or provisioning span) covers the instant.

    Guest codes: on iff the window (on native locks: the provisioning span) covers now. Static codes: on iff
    some member's schedule covers now (or the lock runs the schedule itself). Never two equal codes.
    """
    profiles = {lock: profile(lock, native=native, weekly=weekly) for lock in ("front", "back")}
    inputs = PropertyInputs(
        tuple(events), CALENDAR_LOCKS, tuple(statics), profiles, zone, SECRET, policy=policy
    )
    result = plan_property(inputs, now)
    for lock_id, lock_plan in result.locks.items():
        held = {content.owner: content for content in lock_plan.slots.values()}
        codes = [content.code for content in lock_plan.slots.values()]
        assert len(codes) == len(set(codes)), "two slots hold one code"
        for stay in result.stay_plan.stays:
            if lock_id not in stay.locks:
                continue
            span = presence(stay.window, profiles[lock_id])
            wanted = span.covers(now) and not stay.window.empty
            owner = f"stay:{stay.stay_id}"
            if wanted and owner not in held:
                # Only an unresolved collision (two fixed codes) may keep a wanted code off a lock.
                assert any(owner in shortfall.owners for shortfall in lock_plan.shortfalls)
                continue
            assert (owner in held) == wanted
            if wanted:
                assert held[owner].code == stay.code
                assert held[owner].native_window == (stay.window if native else None)
        for code in {pin.code for pin in statics if pin.enabled and lock_id in pin.locks}:
            members = [pin for pin in statics if pin.enabled and lock_id in pin.locks and pin.code == code]
            if weekly:
                expected = any(windows.within_validity(pin, now, zone) for pin in members)
            else:
                expected = any(on_schedule(pin, now, zone) for pin in members)
            assert (code in codes) == expected


@settings(max_examples=150, deadline=None)
@given(bookings(), static_pins(), INSTANTS, ZONES, st.booleans())
def test_no_two_stays_share_a_code_while_both_are_on_a_lock(
    events: list[FeedEvent],
    statics: list[StaticPin],
    now: datetime,
    zone: ZoneInfo,
    native: bool,
) -> None:
    """Collision resolution: overlapping presence on a shared lock means different codes, also vs statics."""
    profiles = {lock: profile(lock, native=native, weekly=False) for lock in ("front", "back")}
    stays = plan_property(
        PropertyInputs(tuple(events), CALENDAR_LOCKS, tuple(statics), profiles, zone, SECRET), now
    ).stay_plan.stays
    for index, first in enumerate(stays):
        for second in stays[index + 1 :]:
            for lock_id in first.locks & second.locks:
                spans = [presence(stay.window, profiles[lock_id]) for stay in (first, second)]
                if spans[0].overlaps(spans[1]) and not any(span.empty for span in spans):
                    assert first.code != second.code
        for static in statics:
            if static.enabled and first.locks & static.locks:
                start, end = windows.validity(static, zone)
                span = presence(first.window, profiles[min(first.locks & static.locks)])
                if (start is None or start < span.end) and (end is None or span.start < end):
                    assert first.code != static.code


@settings(max_examples=100, deadline=None)
@given(bookings(), static_pins(), INSTANTS, ZONES)
def test_planning_is_deterministic(
    events: list[FeedEvent], statics: list[StaticPin], now: datetime, zone: ZoneInfo
) -> None:
    """The same inputs give the same codes, slots and next change, whatever the input order."""
    profiles = {lock: profile(lock, native=True, weekly=True) for lock in ("front", "back")}
    first = plan_property(
        PropertyInputs(tuple(events), CALENDAR_LOCKS, tuple(statics), profiles, zone, SECRET), now
    )
    second = plan_property(
        PropertyInputs(
            tuple(reversed(events)), CALENDAR_LOCKS, tuple(reversed(statics)), profiles, zone, SECRET
        ),
        now,
    )
    assert sorted(first.stay_plan.stays, key=lambda s: s.stay_id) == sorted(
        second.stay_plan.stays, key=lambda s: s.stay_id
    )
    assert first.locks == second.locks
    assert first.next_change == second.next_change


@settings(max_examples=100, deadline=None)
@given(bookings(), static_pins(), INSTANTS, ZONES, st.booleans())
def test_nothing_changes_before_the_announced_next_change(
    events: list[FeedEvent],
    statics: list[StaticPin],
    now: datetime,
    zone: ZoneInfo,
    native: bool,
) -> None:
    """The shell sleeps until next_change: the desired slots just before it are those at `now`."""
    profiles = {lock: profile(lock, native=native, weekly=False) for lock in ("front", "back")}
    inputs = PropertyInputs(tuple(events), CALENDAR_LOCKS, tuple(statics), profiles, zone, SECRET)
    result = plan_property(inputs, now)
    previous = {
        lock_id: {slot: c.owner for slot, c in plan.slots.items()} for lock_id, plan in result.locks.items()
    }
    for lock_id, lock_plan in result.locks.items():
        if lock_plan.next_change is None or lock_plan.next_change - now > timedelta(days=8):
            continue
        just_before = lock_plan.next_change - timedelta(microseconds=1)
        stays = [stay for stay in result.stay_plan.stays if lock_id in stay.locks]
        later = plan_lock(profiles[lock_id], just_before, stays, statics, zone, previous[lock_id])
        assert later.slots == lock_plan.slots


SLOT_MAPS = (
    st.dictionaries(
        st.integers(1, 8),
        st.sampled_from(["1111", "2222", "3333", "4444", "5555", "6666"]),
        max_size=6,
    )
    .map(lambda slots: {slot: SlotCode(f"o{code}", code) for slot, code in slots.items()})
    .filter(lambda slots: len({content.code for content in slots.values()}) == len(slots))
)


@given(SLOT_MAPS)
def test_reconcile_of_equal_states_is_empty(slots: dict[int, SlotCode]) -> None:
    """reconcile(x, x) == []."""
    assert reconcile(slots, slots) == []


@given(SLOT_MAPS, SLOT_MAPS)
def test_applying_the_operations_reaches_the_desired_state(
    actual: dict[int, SlotCode], desired: dict[int, SlotCode]
) -> None:
    """Applying reconcile(actual, desired) to actual gives desired, every step acceptable to a lock.

    One operation per differing slot, plus at most one per ring of swapped codes.
    """
    operations = reconcile(actual, desired)
    assert apply(actual, operations) == desired
    differing = sum(1 for slot in actual.keys() | desired.keys() if actual.get(slot) != desired.get(slot))
    assert differing <= len(operations) <= differing + len(desired) // 2


_WEEK_MINUTES = 7 * 24 * 60


def _minute_of_week(day: int, clock: time) -> int:
    """Return a weekday's time of day as minutes since Monday 00:00."""
    return day * 24 * 60 + clock.hour * 60 + clock.minute


@given(weekly_schedules())
def test_day_pieces_cover_the_week_exactly_as_the_ranges_do(schedule: WeeklySchedule) -> None:
    """Cut at midnight for a lock, a schedule opens the door at the same minutes of the week, never across."""
    by_ranges: set[int] = set()
    for day, ranges in schedule.days:
        for rng in ranges:
            start = _minute_of_week(day, rng.start)
            length = (_minute_of_week(day, rng.end) - start) % (24 * 60) or 24 * 60
            by_ranges |= {(start + minute) % _WEEK_MINUTES for minute in range(length)}
    by_pieces: set[int] = set()
    for day, start, end in schedule.day_pieces():
        stop = _minute_of_week(day, end) if end is not None else (day + 1) * 24 * 60
        assert _minute_of_week(day, start) < stop, "a piece crosses midnight or is empty"
        by_pieces |= set(range(_minute_of_week(day, start), stop))
    assert by_pieces == by_ranges
