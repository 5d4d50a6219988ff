"""The planner: who is on which slot at an instant, stable slots, capacity and the next change."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from custom_components.guest_pins.core import pins
from custom_components.guest_pins.core.engine import PropertyInputs, plan_property
from custom_components.guest_pins.core.model import (
    ARRIVAL_MARGIN,
    Interval,
    SlotCode,
    StaticPin,
    Stay,
    TimeRange,
    WeeklySchedule,
)
from custom_components.guest_pins.core.pins import CodeMemory, PinSettings
from custom_components.guest_pins.core.planner import plan_lock
from custom_components.guest_pins.core.reconciler import OpKind, reconcile

from .builders import BERLIN, SECRET, local, lock, stay_event

SAT = 5
CLEANER = StaticPin(
    "Cleaner",
    "5678",
    frozenset({"front"}),
    schedule=WeeklySchedule.of({SAT: [TimeRange(time(10), time(14))]}),
)
MANAGER = StaticPin("Manager", "9911", frozenset({"front"}))


def stay(
    stay_id: str, start: datetime, end: datetime, code: str, locks: frozenset[str] = frozenset({"front"})
) -> Stay:
    """Return a planned stay whose window is [start, end)."""
    return Stay(stay_id, code, Interval(start, end), start, end, locks, booked_at=start)


DEC_15 = stay("a", local(BERLIN, 2026, 12, 15, 16), local(BERLIN, 2026, 12, 18, 11), "4567")
DEC_18 = stay("b", local(BERLIN, 2026, 12, 18, 16), local(BERLIN, 2026, 12, 20, 11), "1820")


def owners(plan) -> dict[int, str]:  # noqa: ANN001
    """Return slot -> owner of a plan."""
    return {slot: content.owner for slot, content in plan.slots.items()}


def test_code_on_at_checkin_off_at_checkout_without_native_windows() -> None:
    """US1-1/3: on the lock shortly before the window, gone at its end; the next change is planned.

    Ten minutes early: Home Assistant restarting at check-in must not leave the guest outside.
    """
    front = lock("front")
    on = DEC_15.window.start - ARRIVAL_MARGIN
    before = plan_lock(front, on - timedelta(minutes=1), [DEC_15], [], BERLIN)
    assert before.slots == {}
    assert before.next_change == on
    assert plan_lock(front, on, [DEC_15], [], BERLIN).slots == {1: SlotCode("stay:a", "4567")}
    during = plan_lock(front, DEC_15.window.start, [DEC_15], [], BERLIN)
    assert during.slots == {1: SlotCode("stay:a", "4567")}
    assert during.next_change == DEC_15.window.end
    after = plan_lock(front, DEC_15.window.end, [DEC_15], [], BERLIN, previous=owners(during))
    assert after.slots == {}
    assert after.next_change is None


def test_native_lock_gets_the_code_early_with_its_window() -> None:
    """A lock that enforces windows holds the code 48 h ahead, with the window attached."""
    front = lock("front", native=True)
    early = plan_lock(front, DEC_15.window.start - timedelta(hours=47), [DEC_15], [], BERLIN)
    assert early.slots == {1: SlotCode("stay:a", "4567", native_window=DEC_15.window)}
    too_early = plan_lock(front, DEC_15.window.start - timedelta(hours=49), [DEC_15], [], BERLIN)
    assert too_early.slots == {}
    assert too_early.next_change == DEC_15.window.start - timedelta(hours=48)


def test_same_day_turnover_reuses_the_slot_as_one_overwrite() -> None:
    """US1-4: at turnover the incoming guest takes the outgoing guest's slot: one overwrite, no overlap."""
    front = lock("front")
    during_first = plan_lock(front, local(BERLIN, 2026, 12, 17, 12), [DEC_15, DEC_18], [], BERLIN)
    assert owners(during_first) == {1: "stay:a"}
    gap = plan_lock(front, DEC_15.window.end, [DEC_15, DEC_18], [], BERLIN, previous=owners(during_first))
    assert gap.slots == {}
    second = plan_lock(
        front, DEC_18.window.start, [DEC_15, DEC_18], [], BERLIN, previous=owners(during_first)
    )
    assert owners(second) == {1: "stay:b"}
    operations = reconcile(during_first.slots, second.slots)
    assert [(op.kind, op.slot) for op in operations] == [(OpKind.OVERWRITE, 1)]


def test_existing_owners_keep_their_slots() -> None:
    """A newcomer never shifts an owner that is already on the lock."""
    front = lock("front")
    now = local(BERLIN, 2026, 12, 17, 12)
    overlapping = stay("c", local(BERLIN, 2026, 12, 16, 16), local(BERLIN, 2026, 12, 19, 11), "7001")
    plan = plan_lock(front, now, [DEC_15, overlapping], [], BERLIN, previous={3: "stay:c"})
    assert owners(plan) == {3: "stay:c", 1: "stay:a"}


def test_static_pins_share_a_slot_and_follow_their_schedule() -> None:
    """US2: cleaner on Saturday 11:00, not Friday; manager always; two names with one code share a slot."""
    front = lock("front")
    backup = StaticPin("Backup Cleaner", "5678", frozenset({"front"}))
    off = StaticPin("Off", "2468", frozenset({"front"}), enabled=False)
    elsewhere = StaticPin("Elsewhere", "1357", frozenset({"back"}))
    saturday = plan_lock(
        front, local(BERLIN, 2026, 12, 19, 11), [], [CLEANER, MANAGER, off, elsewhere], BERLIN
    )
    assert {content.code for content in saturday.slots.values()} == {"5678", "9911"}
    assert set(saturday.slots) <= set(front.static_slots)
    friday = plan_lock(front, local(BERLIN, 2026, 12, 18, 11), [], [CLEANER, MANAGER], BERLIN)
    assert {content.code for content in friday.slots.values()} == {"9911"}
    assert (
        friday.next_change == local(BERLIN, 2026, 12, 19, 10) - ARRIVAL_MARGIN
    )  # the cleaner's code goes on
    shared = plan_lock(front, local(BERLIN, 2026, 12, 18, 11), [], [CLEANER, backup], BERLIN)
    assert [content.code for content in shared.slots.values()] == ["5678"]


def test_weekly_native_lock_keeps_static_pins_with_their_schedule() -> None:
    """A lock that runs weekly schedules holds the cleaner's code all week with the schedule attached."""
    front = lock("front", weekly=True)
    backup = StaticPin(
        "Backup",
        "5678",
        frozenset({"front"}),
        schedule=WeeklySchedule.of({6: [TimeRange(time(9), time(10))]}),
    )
    plan = plan_lock(front, local(BERLIN, 2026, 12, 18, 11), [], [CLEANER, backup, MANAGER], BERLIN)
    by_code = {content.code: content for content in plan.slots.values()}
    assert by_code["5678"].native_schedule == WeeklySchedule.of(
        {SAT: [TimeRange(time(10), time(14))], 6: [TimeRange(time(9), time(10))]}
    )
    assert by_code["9911"].native_schedule is None
    mixed = plan_lock(
        front,
        local(BERLIN, 2026, 12, 18, 11),
        [],
        [CLEANER, StaticPin("Always", "5678", frozenset({"front"}))],
        BERLIN,
    )
    assert next(iter(mixed.slots.values())).native_schedule is None
    expired = StaticPin("Gone", "2468", frozenset({"front"}), valid_until=date(2026, 1, 1))
    assert plan_lock(front, local(BERLIN, 2026, 12, 18, 11), [], [expired], BERLIN).slots == {}


def test_static_schedule_edit_changes_the_plan_at_once() -> None:
    """US2-4: a new schedule is in the very next plan (the shell replans on every edit)."""
    front = lock("front")
    friday_11 = local(BERLIN, 2026, 12, 18, 11)
    edited = StaticPin(
        "Cleaner",
        "5678",
        frozenset({"front"}),
        schedule=WeeklySchedule.of({4: [TimeRange(time(10), time(14))]}),
    )
    assert plan_lock(front, friday_11, [], [CLEANER], BERLIN).slots == {}
    assert [c.code for c in plan_lock(front, friday_11, [], [edited], BERLIN).slots.values()] == ["5678"]


def test_capacity_shortfall_is_reported_and_earliest_windows_win() -> None:
    """With more guests than guest slots, the earliest windows get slots and the rest are named."""
    front = lock("front", guest=1)
    now = local(BERLIN, 2026, 12, 17, 12)
    later = stay("c", local(BERLIN, 2026, 12, 16, 16), local(BERLIN, 2026, 12, 19, 11), "7001")
    plan = plan_lock(front, now, [later, DEC_15], [], BERLIN, previous={1: "stay:c"})
    assert owners(plan) == {1: "stay:a"}
    (shortfall,) = plan.shortfalls
    assert (shortfall.lock_id, shortfall.owners, shortfall.kind) == ("front", ("stay:c",), "guest")
    statics_full = plan_lock(
        lock("front", static=1), now, [], [MANAGER, StaticPin("Owner", "3141", frozenset({"front"}))], BERLIN
    )
    assert statics_full.shortfalls[0].kind == "static"


def test_an_unresolved_duplicate_code_is_kept_once_and_reported() -> None:
    """Two fixed guests with one code: the lock takes it once; the other is reported."""
    twin = stay("z", DEC_15.window.start, DEC_15.window.end, "4567")
    plan = plan_lock(lock("front"), local(BERLIN, 2026, 12, 17, 12), [DEC_15, twin], [], BERLIN)
    assert [content.code for content in plan.slots.values()] == ["4567"]
    assert plan.shortfalls[0].owners == ("stay:z",)


def test_property_plan_routes_calendars_to_locks() -> None:
    """US4-1: calendars A and B to lock 1, C to lock 2; the whole property in one pass."""
    inputs = PropertyInputs(
        events=(
            stay_event("a", date(2026, 12, 15), date(2026, 12, 18), phone="4567"),
            stay_event("b", date(2026, 12, 15), date(2026, 12, 18), phone="1111", calendar_id="vrbo"),
            stay_event("c", date(2026, 12, 15), date(2026, 12, 18), phone="2222", calendar_id="unit-b"),
        ),
        calendar_locks={
            "airbnb": frozenset({"lock1"}),
            "vrbo": frozenset({"lock1"}),
            "unit-b": frozenset({"lock2", "gone"}),
        },
        statics=(),
        profiles={"lock1": lock("lock1"), "lock2": lock("lock2")},
        zone=BERLIN,
        secret=SECRET,
    )
    result = plan_property(inputs, local(BERLIN, 2026, 12, 16, 12))
    codes = {lock_id: sorted(c.code for c in plan.slots.values()) for lock_id, plan in result.locks.items()}
    assert codes == {"lock1": ["1111", "4567"], "lock2": ["2222"]}
    assert result.next_change == datetime(2026, 12, 18, 10, tzinfo=UTC)
    assert plan_property(inputs, local(BERLIN, 2027, 1, 1, 12)).next_change is None


def test_regeneration_reaches_the_lock_as_one_overwrite() -> None:
    """US1-5: a regenerated code for a future stay replaces the old one in its slot in one write."""
    event = stay_event("a", date(2026, 12, 15), date(2026, 12, 18))
    inputs = PropertyInputs(
        events=(event,),
        calendar_locks={"airbnb": frozenset({"front"})},
        statics=(),
        profiles={"front": lock("front", native=True)},
        zone=BERLIN,
        secret=SECRET,
    )
    now = local(BERLIN, 2026, 12, 14, 12)
    before = plan_property(inputs, now)
    assert before.stay_plan.stays[0].code == "1518"
    memory = pins.regenerate(CodeMemory(pin=before.stay_plan.pins["airbnb/a"]), event, PinSettings(), SECRET)
    after = plan_property(
        replace(inputs, memory={"airbnb/a": memory}), now, previous_slots={"front": {1: "stay:airbnb/a"}}
    )
    assert after.stay_plan.stays[0].code != "1518"
    operations = reconcile(before.locks["front"].slots, after.locks["front"].slots)
    assert [(op.kind, op.slot) for op in operations] == [(OpKind.OVERWRITE, 1)]


def test_a_sleeping_lock_gets_codes_two_wake_ups_early() -> None:
    """Without native windows, a lock waking hourly holds a code from two hours before its window.

    Two wake-ups fall in that span, so one lost write still leaves a chance before the window opens.
    """
    sleeper = replace(lock("front"), wake_interval=timedelta(hours=1))
    start = DEC_15.window.start
    assert plan_lock(sleeper, start - timedelta(hours=2, seconds=1), [DEC_15], [], BERLIN).slots == {}
    early = plan_lock(sleeper, start - timedelta(hours=2), [DEC_15], [], BERLIN)
    assert early.slots == {1: SlotCode("stay:a", "4567")}
    assert early.next_change == DEC_15.window.end
    assert plan_lock(sleeper, local(BERLIN, 2026, 12, 19, 7, 59), [], [CLEANER], BERLIN).slots == {}
    cleaner = plan_lock(sleeper, local(BERLIN, 2026, 12, 19, 8), [], [CLEANER], BERLIN)
    assert [content.owner for content in cleaner.slots.values()] == ["static:cleaner"]


def test_an_invitation_lock_gets_the_guests_address_and_no_static_pins() -> None:
    """Ring-style locks admit by invitation: the stay's e-mail rides along; static PINs have no address."""
    intercom = replace(lock("front"), invites=True)
    guest = replace(DEC_15, email="guest@example.com")
    plan = plan_lock(intercom, DEC_15.window.start, [guest], [MANAGER], BERLIN)
    assert plan.slots == {1: SlotCode("stay:a", "4567", contact="guest@example.com")}
    assert plan_lock(lock("front"), DEC_15.window.start, [guest], [], BERLIN).slots == {
        1: SlotCode("stay:a", "4567")
    }


def test_a_lock_that_keeps_fixed_offsets_gets_its_week_rewritten_at_each_dst_change() -> None:
    """Tuya keeps a weekly schedule at the offset it was written with.

    The plan carries the property's offset and changes at the property's DST change, so the cleaner's
    Saturdays stay 10:00-14:00 local.
    """
    tuya = replace(lock("front", weekly=True), fixed_offset=True)
    winter = datetime(2027, 3, 27, 14, tzinfo=UTC)  # Saturday, after the cleaner left
    plan = plan_lock(tuya, winter, [], [CLEANER], BERLIN)
    (content,) = plan.slots.values()
    assert content.utc_offset == 60
    assert content.native_schedule == CLEANER.schedule
    assert plan.next_change == datetime(2027, 3, 28, 1, tzinfo=UTC)  # the change, before next Saturday
    (summer,) = plan_lock(tuya, plan.next_change, [], [CLEANER], BERLIN).slots.values()
    assert summer.utc_offset == 120
    assert summer != content  # a different content: the queue writes it
    # A lock that follows its own clock (Z-Wave) keeps no offset and changes nothing at the change.
    zwave = lock("front", weekly=True)
    (plain,) = plan_lock(zwave, winter, [], [CLEANER], BERLIN).slots.values()
    assert plain.utc_offset is None
    (after,) = plan_lock(zwave, datetime(2027, 3, 28, 2, tzinfo=UTC), [], [CLEANER], BERLIN).slots.values()
    assert after == plain
    # Where the clocks never change, the offset is kept and no rewrite is planned.
    tokyo = plan_lock(tuya, winter, [], [CLEANER], ZoneInfo("Asia/Tokyo"))
    (fixed,) = tokyo.slots.values()
    assert fixed.utc_offset == 540
    # Next Saturday, just before 10:00; no DST change.
    assert tokyo.next_change == datetime(2027, 4, 3, 1, tzinfo=UTC) - ARRIVAL_MARGIN
