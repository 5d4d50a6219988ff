"""Planning cost at the spec's scale (SC-005): 10 calendars x 1,000 events onto 20 locks."""

from datetime import UTC, date, datetime, time, timedelta
import random

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from custom_components.guest_pins.core.engine import PropertyInputs, PropertyPlan, plan_property
from custom_components.guest_pins.core.model import FeedEvent, StaticPin, TimeRange, WeeklySchedule
from custom_components.guest_pins.core.windows import WindowPolicy

from .builders import BERLIN, SECRET, lock, stay_event

CALENDARS = 10
EVENTS_PER_CALENDAR = 1000
LOCKS = 20


def busy_property(seed: int = 7) -> PropertyInputs:
    """Return 10 calendars of 1,000 stays each (back to back, some same-day), each feeding two of 20 locks."""
    rng = random.Random(seed)
    events: list[FeedEvent] = []
    for calendar in range(CALENDARS):
        day = date(2026, 1, 1)
        for index in range(EVENTS_PER_CALENDAR):
            nights = rng.randint(1, 3)
            phone = f"{rng.randint(0, 9999):04}" if rng.random() < 0.6 else None
            events.append(
                stay_event(
                    f"c{calendar}-e{index}",
                    day,
                    day + timedelta(days=nights),
                    calendar_id=f"cal{calendar}",
                    phone=phone,
                    description=f"Reservation {calendar}-{index}",
                )
            )
            day += timedelta(days=nights + rng.choice((0, 0, 1)))
    calendar_locks = {f"cal{n}": frozenset({f"lock{2 * n}", f"lock{2 * n + 1}"}) for n in range(CALENDARS)}
    cleaner = StaticPin(
        "Cleaner",
        "5678",
        frozenset(f"lock{n}" for n in range(LOCKS)),
        schedule=WeeklySchedule.of({5: [TimeRange(time(10), time(14))]}),
    )
    manager = StaticPin("Manager", "9911", frozenset(f"lock{n}" for n in range(LOCKS)))
    return PropertyInputs(
        events=tuple(events),
        calendar_locks=calendar_locks,
        statics=(cleaner, manager),
        profiles={f"lock{n}": lock(f"lock{n}", guest=10, static=5, native=n % 2 == 0) for n in range(LOCKS)},
        zone=BERLIN,
        secret=SECRET,
        policy=WindowPolicy(expire_next_day_at=time(9)),
    )


@pytest.mark.benchmark
def test_planning_10_calendars_of_1000_events_onto_20_locks(benchmark: BenchmarkFixture) -> None:
    """A full planning pass stays well under a second on this machine (2 shared cores)."""
    inputs = busy_property()
    now = datetime(2027, 6, 1, 12, tzinfo=UTC)

    result: PropertyPlan = benchmark.pedantic(plan_property, args=(inputs, now), rounds=5, iterations=1)

    assert len(result.stay_plan.stays) == CALENDARS * EVENTS_PER_CALENDAR
    assert len(result.locks) == LOCKS
    assert all(plan.slots for plan in result.locks.values())
    assert benchmark.stats is not None
    assert benchmark.stats.stats.max < 1.0
