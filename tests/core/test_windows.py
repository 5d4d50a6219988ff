"""Access windows, turnovers and static schedules, correct across DST in any zone."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from custom_components.guest_pins.core import windows
from custom_components.guest_pins.core.model import Interval, StaticPin, TimeRange, WeeklySchedule
from custom_components.guest_pins.core.windows import WindowedStay, WindowPolicy

from .builders import BERLIN, KOLKATA, NEW_YORK, local

SAT = 5
CLEANER = StaticPin(
    "Cleaner - Maria",
    "5678",
    frozenset({"front"}),
    schedule=WeeklySchedule.of({SAT: [TimeRange(time(10), time(14))]}),
)


def test_window_with_early_access_and_grace() -> None:
    """Check-in minus early access to check-out plus grace."""
    policy = WindowPolicy(early_access=timedelta(hours=1), grace=timedelta(minutes=30))
    window = windows.stay_window(
        local(BERLIN, 2026, 12, 15, 16), local(BERLIN, 2026, 12, 18, 11), policy, BERLIN
    )
    assert window == Interval(local(BERLIN, 2026, 12, 15, 15), local(BERLIN, 2026, 12, 18, 11, 30))


def test_expiry_the_day_after_checkout_across_dst() -> None:
    """The "9:00 the day after check-out" policy means 9:00 local, even when the clocks changed."""
    policy = WindowPolicy(expire_next_day_at=time(9))
    window = windows.stay_window(
        local(BERLIN, 2026, 10, 23, 16), local(BERLIN, 2026, 10, 24, 11), policy, BERLIN
    )
    assert window.end == local(BERLIN, 2026, 10, 25, 9)
    assert window.end.astimezone(BERLIN).utcoffset() == timedelta(hours=1)  # CET again after 25 Oct 03:00
    assert window.end - window.start == timedelta(days=1, hours=18)  # 41 wall-clock hours + the hour repeated


def stay(
    stay_id: str, checkin: datetime, checkout: datetime, policy: WindowPolicy, locks: set[str]
) -> WindowedStay:
    """Return a windowed stay."""
    return WindowedStay(
        stay_id, checkin, checkout, frozenset(locks), windows.stay_window(checkin, checkout, policy, BERLIN)
    )


def test_same_day_turnover_never_overlaps() -> None:
    """US1-4: the outgoing window ends no later than the incoming one starts, whatever the policy."""
    policy = WindowPolicy(early_access=timedelta(hours=6), expire_next_day_at=time(9))
    outgoing = stay(
        "out", local(BERLIN, 2026, 12, 15, 16), local(BERLIN, 2026, 12, 18, 11), policy, {"front"}
    )
    incoming = stay("in", local(BERLIN, 2026, 12, 18, 16), local(BERLIN, 2026, 12, 20, 11), policy, {"front"})
    later = stay("later", local(BERLIN, 2026, 12, 28, 16), local(BERLIN, 2026, 12, 30, 11), policy, {"front"})
    trimmed = windows.trim_turnovers([incoming, later, outgoing])
    assert trimmed["out"].end == local(BERLIN, 2026, 12, 18, 11)  # cut at the outgoing check-out
    assert trimmed["in"].start == local(BERLIN, 2026, 12, 18, 11)  # early access starts after it
    assert not trimmed["out"].overlaps(trimmed["in"])
    assert trimmed["later"] == later.window


def test_turnover_cut_only_on_shared_locks_and_not_for_double_bookings() -> None:
    """Stays on different locks, and stays that truly overlap, keep their windows."""
    policy = WindowPolicy(expire_next_day_at=time(9))
    outgoing = stay(
        "out", local(BERLIN, 2026, 12, 15, 16), local(BERLIN, 2026, 12, 18, 11), policy, {"front"}
    )
    elsewhere = stay(
        "else", local(BERLIN, 2026, 12, 18, 16), local(BERLIN, 2026, 12, 20, 11), policy, {"back"}
    )
    double = stay(
        "double", local(BERLIN, 2026, 12, 17, 16), local(BERLIN, 2026, 12, 19, 11), policy, {"front"}
    )
    trimmed = windows.trim_turnovers([outgoing, elsewhere, double])
    assert trimmed == {"out": outgoing.window, "else": elsewhere.window, "double": double.window}


def test_turnover_with_grace_short_of_next_window_is_untouched() -> None:
    """When windows do not meet, nothing is cut."""
    policy = WindowPolicy(grace=timedelta(minutes=30))
    outgoing = stay(
        "out", local(BERLIN, 2026, 12, 15, 16), local(BERLIN, 2026, 12, 18, 11), policy, {"front"}
    )
    incoming = stay("in", local(BERLIN, 2026, 12, 18, 16), local(BERLIN, 2026, 12, 20, 11), policy, {"front"})
    assert windows.trim_turnovers([outgoing, incoming]) == {"out": outgoing.window, "in": incoming.window}


def test_incoming_window_cut_from_early_access_only() -> None:
    """Outgoing windows that end at check-out still push a long early access back to that check-out."""
    policy = WindowPolicy(early_access=timedelta(hours=8))
    outgoing = stay(
        "out", local(BERLIN, 2026, 12, 15, 16), local(BERLIN, 2026, 12, 18, 11), policy, {"front"}
    )
    incoming = stay("in", local(BERLIN, 2026, 12, 18, 16), local(BERLIN, 2026, 12, 20, 11), policy, {"front"})
    trimmed = windows.trim_turnovers([outgoing, incoming])
    assert trimmed["in"].start == local(BERLIN, 2026, 12, 18, 11)
    assert trimmed["out"].end == local(BERLIN, 2026, 12, 18, 11)


def test_cleaner_saturdays_10_to_14() -> None:
    """US2-1/2: active Saturday 11:00, not Friday 11:00."""
    assert windows.static_active(CLEANER, local(BERLIN, 2026, 12, 19, 11), BERLIN)
    assert not windows.static_active(CLEANER, local(BERLIN, 2026, 12, 18, 11), BERLIN)
    assert not windows.static_active(CLEANER, local(BERLIN, 2026, 12, 19, 14), BERLIN)


def test_always_on_static_pin() -> None:
    """US2-3: without a schedule a PIN is always on, unless disabled."""
    manager = StaticPin("Manager", "9911", frozenset({"front"}))
    assert all(
        windows.static_active(manager, local(BERLIN, 2026, 12, day, hour), BERLIN)
        for day in range(1, 8)
        for hour in (0, 12, 23)
    )
    assert not windows.static_active(
        StaticPin("Off", "9911", frozenset(), enabled=False), local(BERLIN, 2026, 12, 1), BERLIN
    )


def test_range_across_midnight_runs_into_the_next_day() -> None:
    """22:00-02:00 on Fridays covers Saturday 01:00 but not Saturday 03:00."""
    night = StaticPin(
        "Night", "1357", frozenset(), schedule=WeeklySchedule.of({4: [TimeRange(time(22), time(2))]})
    )
    assert windows.static_active(night, local(BERLIN, 2026, 12, 19, 1), BERLIN)
    assert not windows.static_active(night, local(BERLIN, 2026, 12, 19, 3), BERLIN)
    assert windows.static_active(night, local(BERLIN, 2026, 12, 18, 23), BERLIN)


def test_whole_day_range() -> None:
    """00:00-00:00 is the whole day."""
    sunday = StaticPin(
        "Sun", "1357", frozenset(), schedule=WeeklySchedule.of({6: [TimeRange(time(0), time(0))]})
    )
    assert windows.static_active(sunday, local(BERLIN, 2026, 12, 20, 23, 59), BERLIN)
    assert not windows.static_active(sunday, local(BERLIN, 2026, 12, 21, 0, 0), BERLIN)


def test_validity_dates_are_inclusive_local_days() -> None:
    """Valid from/until bound the PIN to whole local days."""
    seasonal = StaticPin(
        "Gardener", "2468", frozenset(), valid_from=date(2026, 12, 1), valid_until=date(2026, 12, 31)
    )
    assert not windows.static_active(seasonal, local(BERLIN, 2026, 11, 30, 23, 59), BERLIN)
    assert windows.static_active(seasonal, local(BERLIN, 2026, 12, 1, 0), BERLIN)
    assert windows.static_active(seasonal, local(BERLIN, 2026, 12, 31, 23, 59), BERLIN)
    assert not windows.static_active(seasonal, local(BERLIN, 2027, 1, 1, 0), BERLIN)
    assert windows.static_boundaries(seasonal, local(BERLIN, 2026, 11, 1), BERLIN, timedelta(days=8)) == [
        local(BERLIN, 2026, 12, 1),
        local(BERLIN, 2027, 1, 1),
    ]


@pytest.mark.parametrize(
    ("zone", "saturday", "utc_offsets"),
    [
        # Berlin springs forward on 28 Mar 2026 night (Sun 29 Mar) and falls back on Sun 25 Oct 2026.
        (BERLIN, date(2026, 3, 28), (1, 2)),
        (BERLIN, date(2026, 10, 24), (2, 1)),
        # New York: Sun 8 Mar 2026 and Sun 1 Nov 2026.
        (NEW_YORK, date(2026, 3, 7), (-5, -4)),
        (NEW_YORK, date(2026, 10, 31), (-4, -5)),
        # India has no DST and a half-hour offset.
        (KOLKATA, date(2026, 3, 28), (5.5, 5.5)),
    ],
)
def test_schedules_keep_wall_clock_times_across_dst(
    zone: ZoneInfo, saturday: date, utc_offsets: tuple[float, float]
) -> None:
    """The cleaner's 10:00-14:00 is 10:00-14:00 local on the Saturdays either side of a clock change."""
    schedule = CLEANER.schedule
    assert schedule is not None
    span = Interval(
        datetime.combine(saturday, time(0), tzinfo=zone),
        datetime.combine(saturday + timedelta(days=8), time(0), tzinfo=zone),
    )
    first, second = windows.schedule_occurrences(schedule, span, zone)
    for occurrence, offset in zip((first, second), utc_offsets, strict=True):
        assert occurrence.start.astimezone(zone).time() == time(10)
        assert occurrence.end.astimezone(zone).time() == time(14)
        assert occurrence.end - occurrence.start == timedelta(hours=4)
        assert occurrence.start.astimezone(zone).utcoffset() == timedelta(hours=offset)


def test_range_over_a_spring_forward_night_is_an_hour_shorter() -> None:
    """22:00-06:00 over the night the clocks go forward lasts 7 real hours."""
    night = WeeklySchedule.of({5: [TimeRange(time(22), time(6))]})
    (occurrence,) = windows.schedule_occurrences(
        night, Interval(local(BERLIN, 2026, 3, 28, 12), local(BERLIN, 2026, 3, 29, 12)), BERLIN
    )
    assert occurrence.end - occurrence.start == timedelta(hours=7)


def test_touching_ranges_merge_and_boundaries_are_listed() -> None:
    """Back-to-back ranges are one occurrence; the next boundaries come in order."""
    pin = StaticPin(
        "Split",
        "1357",
        frozenset(),
        schedule=WeeklySchedule.of(
            {0: [TimeRange(time(8), time(12)), TimeRange(time(12), time(13)), TimeRange(time(15), time(16))]}
        ),
    )
    monday = local(BERLIN, 2026, 12, 21, 0)
    assert windows.static_boundaries(pin, monday, BERLIN, timedelta(days=1)) == [
        local(BERLIN, 2026, 12, 21, 8),
        local(BERLIN, 2026, 12, 21, 13),
        local(BERLIN, 2026, 12, 21, 15),
        local(BERLIN, 2026, 12, 21, 16),
    ]
    assert (
        windows.static_boundaries(
            StaticPin("x", "1357", frozenset(), enabled=False), monday, BERLIN, timedelta(days=8)
        )
        == []
    )
    assert pin.schedule is not None
    assert pin.schedule.ranges_on(1) == ()


def test_a_lead_puts_a_static_pin_on_before_it_opens_the_door() -> None:
    """A sleeping lock's last wake-up before 10:00 may be at 9:00: with a 1 h lead the cleaner is on then."""
    hour = timedelta(hours=1)
    saturday = local(BERLIN, 2026, 12, 19, 0)
    assert not windows.static_active(CLEANER, saturday.replace(hour=8, minute=59), BERLIN, hour)
    assert windows.static_active(CLEANER, saturday.replace(hour=9), BERLIN, hour)
    assert windows.static_active(CLEANER, saturday.replace(hour=13, minute=59), BERLIN, hour)
    assert not windows.static_active(CLEANER, saturday.replace(hour=14), BERLIN, hour)
    # A range shorter than the lead, wholly inside it, still counts.
    short = StaticPin(
        "Plumber",
        "3141",
        frozenset({"front"}),
        schedule=WeeklySchedule.of({5: [TimeRange(time(9, 10), time(9, 20))]}),
    )
    assert windows.static_active(short, saturday.replace(hour=9), BERLIN, hour)
    boundaries = windows.static_boundaries(CLEANER, saturday, BERLIN, timedelta(days=1), hour)
    assert boundaries == [saturday.replace(hour=9), saturday.replace(hour=14)]
    # Validity dates: on a lead before the first day, off at the end of the last.
    dated = StaticPin(
        "Guest cook",
        "2718",
        frozenset({"front"}),
        valid_from=date(2026, 12, 20),
        valid_until=date(2026, 12, 20),
    )
    assert windows.static_active(dated, local(BERLIN, 2026, 12, 19, 23), BERLIN, hour)
    assert not windows.static_active(dated, local(BERLIN, 2026, 12, 19, 22, 59), BERLIN, hour)
    assert not windows.static_active(dated, local(BERLIN, 2026, 12, 21), BERLIN, hour)
    assert windows.static_boundaries(dated, local(BERLIN, 2026, 12, 1), BERLIN, timedelta(days=30), hour) == [
        local(BERLIN, 2026, 12, 19, 23),
        local(BERLIN, 2026, 12, 21),
    ]


def test_static_occurrences_follow_schedule_and_valid_dates() -> None:
    """A scheduled PIN occurs on its Saturdays inside its dates; an unscheduled one spans its dates."""
    october = Interval(local(BERLIN, 2026, 10, 1), local(BERLIN, 2026, 11, 1))
    limited = StaticPin(
        "Cleaner - Maria",
        "5678",
        frozenset({"front"}),
        schedule=CLEANER.schedule,
        valid_from=date(2026, 10, 10),
        valid_until=date(2026, 10, 24),
    )
    found = windows.static_occurrences(limited, october, BERLIN)
    assert [item.start.astimezone(BERLIN).date() for item in found] == [
        date(2026, 10, 10),
        date(2026, 10, 17),
        date(2026, 10, 24),
    ]
    manager = StaticPin("Manager", "9911", frozenset({"front"}), valid_from=date(2026, 10, 20))
    (always,) = windows.static_occurrences(manager, october, BERLIN)
    assert always.start == local(BERLIN, 2026, 10, 20)
    assert always.end > october.end  # no last day: open-ended
    ended = StaticPin("Former", "1357", frozenset({"front"}), valid_until=date(2026, 9, 1))
    assert windows.static_occurrences(ended, october, BERLIN) == []


@pytest.mark.parametrize(
    ("zone", "after", "change"),
    [
        # Berlin leaves summer time on the last Sunday of October at 01:00 UTC, and enters it in March.
        (BERLIN, datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 10, 25, 1, tzinfo=UTC)),
        (BERLIN, datetime(2026, 10, 25, 1, tzinfo=UTC), datetime(2027, 3, 28, 1, tzinfo=UTC)),
        (NEW_YORK, datetime(2026, 12, 14, tzinfo=UTC), datetime(2027, 3, 14, 7, tzinfo=UTC)),
        (
            ZoneInfo("Australia/Sydney"),
            datetime(2026, 12, 1, tzinfo=UTC),
            datetime(2027, 4, 3, 16, tzinfo=UTC),
        ),
    ],
)
def test_the_next_offset_change_is_found_to_the_second(
    zone: ZoneInfo, after: datetime, change: datetime
) -> None:
    """The instant the zone's clocks jump, in either direction and hemisphere; none without a change."""
    assert windows.next_offset_change(zone, after) == change
    before, at_change = change - timedelta(seconds=1), change
    assert windows.utc_offset_minutes(zone, before) != windows.utc_offset_minutes(zone, at_change)


def test_zones_without_daylight_saving_time_never_change() -> None:
    """UTC and Kolkata keep their offset: no change to plan for."""
    assert windows.next_offset_change(ZoneInfo("UTC"), datetime(2026, 1, 1, tzinfo=UTC)) is None
    assert windows.next_offset_change(KOLKATA, datetime(2026, 1, 1, tzinfo=UTC)) is None
    assert windows.utc_offset_minutes(KOLKATA, datetime(2026, 1, 1, tzinfo=UTC)) == 330
