"""Stays across calendars: one PIN per visit, and codes that never collide on a shared lock."""

from datetime import UTC, date, datetime, time, timedelta

from custom_components.guest_pins.core import pins
from custom_components.guest_pins.core.merge import merge_sources, source_id
from custom_components.guest_pins.core.model import EventKind, GuestPin, PinMethod, StaticPin
from custom_components.guest_pins.core.pins import CodeMemory, PinSettings
from custom_components.guest_pins.core.stays import plan_stays
from custom_components.guest_pins.core.windows import WindowPolicy

from .builders import BERLIN, NOW, SECRET, lock, stay_event

CALENDAR_LOCKS = {
    "airbnb": frozenset({"front"}),
    "vrbo": frozenset({"front"}),
    "unit-b": frozenset({"back"}),
}
PROFILES = {"front": lock("front"), "back": lock("back")}


def plan(events, statics=(), memory=None, first_seen=None, profiles=PROFILES, now=NOW):  # noqa: ANN001, ANN201
    """Merge and plan with the default settings."""
    reservations = merge_sources(events, CALENDAR_LOCKS, first_seen).reservations
    return plan_stays(
        reservations, statics, profiles, memory or {}, PinSettings(), WindowPolicy(), SECRET, BERLIN, now
    )


def test_same_guest_on_two_platforms_gets_one_pin() -> None:
    """US4-2: matched by phone last 4 and dates, across calendars that share a lock."""
    airbnb = stay_event("hm1", date(2026, 12, 15), date(2026, 12, 18), phone="4567")
    vrbo = stay_event("vr1", date(2026, 12, 15), date(2026, 12, 18), phone="15550004567", calendar_id="vrbo")
    result = plan([airbnb, vrbo])
    (stay,) = result.stays
    assert stay.code == "4567"
    assert stay.sources == ("airbnb/hm1", "vrbo/vr1")
    assert stay.locks == frozenset({"front"})


def test_mirrored_block_links_to_the_reservation() -> None:
    """A VRBO booking mirrored as a block on Airbnb: one stay, the block recorded as its mirror."""
    vrbo = stay_event("vr1", date(2026, 12, 20), date(2026, 12, 23), calendar_id="vrbo")
    mirror = stay_event("blk", date(2026, 12, 20), date(2026, 12, 23), kind=EventKind.BLOCK)
    unrelated = stay_event("blk2", date(2027, 1, 2), date(2027, 1, 5), kind=EventKind.BLOCK)
    (stay,) = plan([vrbo, mirror, unrelated]).stays
    assert stay.sources == ("vrbo/vr1", "airbnb/blk")
    assert stay.code == "2023"


def test_no_merge_without_shared_lock_or_within_one_calendar() -> None:
    """Equal phone and dates on unrelated locks, or twice on one calendar, stay separate."""
    front = stay_event("a1", date(2026, 12, 15), date(2026, 12, 18), phone="4567")
    back = stay_event("b1", date(2026, 12, 15), date(2026, 12, 18), phone="4567", calendar_id="unit-b")
    twin = stay_event("a2", date(2026, 12, 15), date(2026, 12, 18), phone="4567")
    block_elsewhere = stay_event(
        "bb", date(2026, 12, 15), date(2026, 12, 18), kind=EventKind.BLOCK, calendar_id="unit-b"
    )
    result = plan([front, back, twin, block_elsewhere])
    assert sorted(stay.stay_id for stay in result.stays) == ["airbnb/a1", "airbnb/a2", "unit-b/b1"]
    assert all(len(stay.sources) == 1 for stay in result.stays)


def test_locks_follow_calendars() -> None:
    """US4-1: calendars A and B feed lock 1, calendar C feeds lock 2."""
    a = stay_event("a", date(2026, 12, 1), date(2026, 12, 3))
    b = stay_event("b", date(2026, 12, 5), date(2026, 12, 7), calendar_id="vrbo")
    c = stay_event("c", date(2026, 12, 1), date(2026, 12, 3), calendar_id="unit-b")
    result = {stay.stay_id: stay.locks for stay in plan([a, b, c]).stays}
    assert result == {"airbnb/a": {"front"}, "vrbo/b": {"front"}, "unit-b/c": {"back"}}


def test_guest_collision_moves_the_later_booked_one() -> None:
    """FR-008: same last-4 for overlapping stays: the later booking moves on and both are named."""
    early = stay_event(
        "e", date(2026, 12, 15), date(2026, 12, 18), phone="4567", created=datetime(2026, 10, 1, tzinfo=UTC)
    )
    late = stay_event(
        "l",
        date(2026, 12, 16),
        date(2026, 12, 19),
        phone="4567",
        calendar_id="vrbo",
        created=datetime(2026, 11, 1, tzinfo=UTC),
    )
    result = plan([late, early])
    codes = {stay.stay_id: stay.code for stay in result.stays}
    assert codes["airbnb/e"] == "4567"
    assert codes["vrbo/l"] == "1619"
    (collision,) = result.collisions
    assert (collision.stay_id, collision.other, collision.lock_id) == ("vrbo/l", "stay:airbnb/e", "front")
    assert collision.moved_to == GuestPin("1619", PinMethod.DATE)


def test_first_seen_decides_booking_order() -> None:
    """The shell's first-seen stamps order bookings ahead of CREATED."""
    one = stay_event(
        "one", date(2026, 12, 15), date(2026, 12, 18), phone="4567", created=datetime(2026, 10, 1, tzinfo=UTC)
    )
    two = stay_event(
        "two",
        date(2026, 12, 16),
        date(2026, 12, 19),
        phone="4567",
        calendar_id="vrbo",
        created=datetime(2026, 9, 1, tzinfo=UTC),
    )
    seen = {"airbnb/one": datetime(2026, 8, 1, tzinfo=UTC), source_id(two): datetime(2026, 8, 2, tzinfo=UTC)}
    codes = {stay.stay_id: stay.code for stay in plan([one, two], first_seen=seen).stays}
    assert codes == {"airbnb/one": "4567", "vrbo/two": "1619"}


def test_no_collision_when_windows_do_not_overlap_or_locks_differ() -> None:
    """The same code twice is fine back to back (without a lead) or on different locks."""
    first = stay_event("f", date(2026, 12, 1), date(2026, 12, 3), phone="4567")
    second = stay_event("s", date(2026, 12, 3), date(2026, 12, 5), phone="4567")
    other_lock = stay_event("o", date(2026, 12, 1), date(2026, 12, 3), phone="4567", calendar_id="unit-b")
    result = plan([first, second, other_lock])
    assert {stay.code for stay in result.stays} == {"4567"}
    assert result.collisions == ()


def test_provision_lead_counts_for_collisions_on_native_locks() -> None:
    """On a lock that holds codes 48 h early, back-to-back stays with one code would clash: one moves."""
    native = {"front": lock("front", native=True), "back": lock("back")}
    first = stay_event("f", date(2026, 12, 1), date(2026, 12, 3), phone="4567")
    second = stay_event("s", date(2026, 12, 3), date(2026, 12, 5), phone="4567")
    result = plan([first, second], profiles=native)
    assert sorted(stay.code for stay in result.stays) == ["0305", "4567"]


def test_guest_code_equal_to_a_static_pin_moves() -> None:
    """A guest never gets a static PIN's code on the same lock; another lock's static PIN is no obstacle."""
    cleaner = StaticPin("Cleaner", "4567", frozenset({"front"}))
    gardener = StaticPin(
        "Gardener", "1518", frozenset({"back"}), valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31)
    )
    guest = stay_event("g", date(2026, 12, 15), date(2026, 12, 18), phone="4567")
    disabled = StaticPin("Old", "1518", frozenset({"front"}), enabled=False)
    result = plan([guest], statics=[cleaner, gardener, disabled])
    (stay,) = result.stays
    assert stay.code == "1518"
    assert result.collisions[0].other == "static:cleaner"


def test_fixed_codes_stay_and_the_other_moves() -> None:
    """A custom or frozen code keeps its value even when booked later; two fixed ones are reported unmoved."""
    early = stay_event(
        "e", date(2026, 12, 15), date(2026, 12, 18), phone="4567", created=datetime(2026, 10, 1, tzinfo=UTC)
    )
    late = stay_event(
        "l",
        date(2026, 12, 16),
        date(2026, 12, 19),
        calendar_id="vrbo",
        created=datetime(2026, 11, 1, tzinfo=UTC),
    )
    memory = {"vrbo/l": CodeMemory(custom="4567")}
    codes = {stay.stay_id: stay.code for stay in plan([early, late], memory=memory).stays}
    assert codes["vrbo/l"] == "4567"
    assert codes["airbnb/e"] == "1518"

    close = early.checkin - timedelta(hours=2)
    both_fixed = {
        "vrbo/l": CodeMemory(custom="4567"),
        "airbnb/e": CodeMemory(pin=GuestPin("4567", PinMethod.PHONE), frozen=True),
    }
    result = plan([early, late], memory=both_fixed, now=close)
    assert {stay.code for stay in result.stays} == {"4567"}
    (collision,) = result.collisions
    assert collision.moved_to is None


def test_stays_on_unknown_locks_are_still_coded() -> None:
    """A calendar pointing at a lock that is not managed (yet) does not break planning."""
    stray = stay_event("x", date(2026, 12, 15), date(2026, 12, 18), phone="4567")
    result = plan([stray], profiles={})
    assert result.stays[0].code == "4567"


def test_static_pins_sharing_a_code_are_not_a_collision() -> None:
    """FR-013a: two names, one code: allowed."""
    maria = StaticPin("Cleaner - Maria", "5678", frozenset({"front"}))
    backup = StaticPin("Backup Cleaner", "5678", frozenset({"front"}))
    assert plan([], statics=[maria, backup]).collisions == ()


def test_window_policy_and_memory_flow_into_the_plan() -> None:
    """Windows follow the policy and the plan returns the codes the shell should remember."""
    guest = stay_event("g", date(2026, 12, 15), date(2026, 12, 18), phone="4567")
    reservations = merge_sources([guest], CALENDAR_LOCKS).reservations
    result = plan_stays(
        reservations,
        [],
        PROFILES,
        {},
        PinSettings(),
        WindowPolicy(expire_next_day_at=time(9)),
        SECRET,
        BERLIN,
        NOW,
    )
    assert result.stays[0].window.end == datetime(2026, 12, 19, 8, tzinfo=UTC)
    assert result.pins == {"airbnb/g": GuestPin("4567", PinMethod.PHONE)}
    assert pins.is_frozen(CodeMemory(pin=result.pins["airbnb/g"], frozen=True), guest.checkin, guest.checkin)
