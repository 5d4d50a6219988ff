"""The decisions of the replan loop: urgent and deferred writes, when to wake, what the plan must tell."""

from dataclasses import replace
from datetime import timedelta

import pytest

from custom_components.guest_pins.core.backups import Backup
from custom_components.guest_pins.core.engine import PropertyInputs, plan_property
from custom_components.guest_pins.core.loop import (
    LATEST_PROVISION,
    MISSING_CODE_ALERT,
    PlanAlertKind,
    deferred_slots,
    desired_slots,
    frozen,
    plan_alerts,
    remembered,
    remembered_stays,
    urgent_slots,
    wake_at,
)
from custom_components.guest_pins.core.model import GuestPin, Interval, PinMethod, SlotCode, StaticPin, Stay
from custom_components.guest_pins.core.owners import owned_stay, stay_owner
from custom_components.guest_pins.core.pins import CodeMemory
from custom_components.guest_pins.core.stays import find_stay
from custom_components.guest_pins.core.validation import InputError, check_hours

from .builders import BERLIN, SECRET, local, lock, stay_event

NOW = local(BERLIN, 2026, 12, 14, 12)
WINDOW = Interval(NOW + timedelta(days=1), NOW + timedelta(days=3))
GUEST = SlotCode(stay_owner("a"), "4567")
NATIVE = SlotCode(stay_owner("a"), "4567", native_window=WINDOW)
BATCH = timedelta(seconds=30)


def test_manual_slots_join_the_plan() -> None:
    """The host's own codes sit beside the plan's, in slot order."""
    assert desired_slots({2: GUEST}, {1: "7777"}) == {1: SlotCode("manual:1", "7777"), 2: GUEST}


def test_a_native_window_code_may_wait_until_its_latest_moment() -> None:
    """It goes with the next communication, at the latest `latest_provision` before its window."""
    assert deferred_slots({1: NATIVE}, {}, NOW, BATCH) == {1: WINDOW.start - LATEST_PROVISION}
    assert deferred_slots({1: NATIVE}, {}, NOW, BATCH, timedelta(hours=20)) == {
        1: WINDOW.start - timedelta(hours=20)
    }
    assert deferred_slots({1: NATIVE}, {}, NOW, BATCH, timedelta(hours=24)) == {}  # due now: no waiting
    assert deferred_slots({1: NATIVE, 2: GUEST}, {1: NATIVE}, NOW, BATCH) == {}  # already there
    assert deferred_slots({1: GUEST}, {}, NOW, BATCH) == {}  # a lock without windows: never early
    late = WINDOW.start - LATEST_PROVISION
    assert deferred_slots({1: NATIVE}, {}, late, BATCH) == {}  # its latest moment has come


def test_urgent_writes() -> None:
    """A guest in their window without their code, a guest's code that must go, a backup replaced."""
    windows = {stay_owner("a"): WINDOW}
    inside = WINDOW.start + timedelta(minutes=1)
    assert urgent_slots({1: GUEST}, {}, inside, windows) == {1}
    assert urgent_slots({1: GUEST}, {}, NOW, windows) == set()
    assert urgent_slots({}, {1: GUEST}, NOW, windows) == {1}
    old, new = SlotCode("backup:front:0", "8023"), SlotCode("backup:front:0", "3141")
    assert urgent_slots({3: new}, {3: old}, NOW, windows) == {3}
    assert urgent_slots({3: old}, {3: old}, NOW, windows) == set()
    assert urgent_slots({}, {5: SlotCode("static:cleaner", "5678")}, NOW, windows) == set()


def test_wake_at_the_first_thing_due() -> None:
    """A plan change a batching window early, a moment, a flush; never in the past; None for nothing."""
    change = NOW + timedelta(hours=2)
    assert wake_at(NOW, change, BATCH, None, ()) == change - BATCH
    assert wake_at(
        NOW, change, BATCH, NOW + timedelta(hours=1), [NOW + timedelta(hours=3)]
    ) == NOW + timedelta(hours=1)
    assert wake_at(NOW, None, BATCH, None, [NOW - timedelta(seconds=5)]) == NOW
    assert wake_at(NOW, None, BATCH, None, ()) is None


def test_codes_remembered_and_frozen() -> None:
    """An unfrozen stay keeps its newest code; a frozen one keeps its own; freezing keeps a held code."""
    pin, other = GuestPin("4567", PinMethod.PHONE), GuestPin("2023", PinMethod.DATE)
    memory = {"a": CodeMemory(pin), "b": CodeMemory(pin, frozen=True)}
    assert remembered(memory, {"a": other, "b": other, "c": pin}) == {
        "a": CodeMemory(other),
        "c": CodeMemory(pin),
    }
    assert frozen(None, "9090") == CodeMemory(GuestPin("9090", PinMethod.DATE), frozen=True)
    assert frozen(CodeMemory(pin), "9090") == CodeMemory(pin, frozen=True)


def test_plan_alerts_name_collisions_shortfalls_and_missing_codes() -> None:
    """Two fixed equal codes, a full lock, a code still missing near check-in (not with a backup handed)."""
    checkin = NOW + timedelta(hours=3)
    events = (
        stay_event("x", checkin.date(), (checkin + timedelta(days=2)).date(), phone="4567"),
        stay_event(
            "y", checkin.date(), (checkin + timedelta(days=2)).date(), phone="4567", calendar_id="vrbo"
        ),
    )
    inputs = PropertyInputs(
        events=events,
        calendar_locks={"airbnb": frozenset({"front"}), "vrbo": frozenset({"back"})},
        statics=(StaticPin("Cleaner", "4567", frozenset({"front"})),),
        profiles={"front": lock("front", guest=1), "back": lock("back", guest=1)},
        zone=BERLIN,
        secret=SECRET,
        memory={"airbnb/x": CodeMemory(custom="4567")},
    )
    now = local(BERLIN, 2026, 12, 14, 16) + MISSING_CODE_ALERT  # within six hours of the 16:00 check-in
    plan = plan_property(inputs, now)
    kinds = {(alert.kind, alert.lock_id, alert.stay_id) for alert in plan_alerts(plan, {}, {}, now)}
    assert (PlanAlertKind.COLLISION, None, "airbnb/x") in kinds
    assert (PlanAlertKind.MISSING_CODE, "back", "vrbo/y") in kinds
    held = {"back": {stay_owner("vrbo/y")}}
    assert (PlanAlertKind.MISSING_CODE, "back", "vrbo/y") not in {
        (alert.kind, alert.lock_id, alert.stay_id) for alert in plan_alerts(plan, held, {}, now)
    }
    backed = replace(
        plan, backups=(Backup("back", 0, code="3141", handed_to="vrbo/y"), Backup("back", 1, code="2718"))
    )
    assert (PlanAlertKind.MISSING_CODE, "back", "vrbo/y") not in {
        (alert.kind, alert.lock_id, alert.stay_id) for alert in plan_alerts(backed, {}, {}, now)
    }
    full = plan_property(replace(inputs, memory={}, statics=()), now)
    two = plan_property(
        replace(
            inputs,
            events=(
                *events,
                stay_event("z", checkin.date(), (checkin + timedelta(days=1)).date(), phone="1357"),
            ),
            memory={},
            statics=(),
        ),
        now,
    )
    assert PlanAlertKind.CAPACITY in {alert.kind for alert in plan_alerts(two, {}, {}, now)}
    assert PlanAlertKind.COLLISION not in {alert.kind for alert in plan_alerts(full, {}, {}, now)}


def test_owners_and_finding_stays() -> None:
    """A stay is found by its id, an event id with or without its calendar, or its reservation code."""
    assert owned_stay("stay:a") == "a"
    assert owned_stay("static:cleaner") is None
    event = replace(
        stay_event("uid-1", NOW.date(), (NOW + timedelta(days=2)).date()), reservation_code="HMABCD"
    )
    inputs = PropertyInputs(
        events=(event,),
        calendar_locks={"airbnb": frozenset({"front"})},
        statics=(),
        profiles={"front": lock("front")},
        zone=BERLIN,
        secret=SECRET,
    )
    stays = plan_property(inputs, NOW).stay_plan.stays
    for reference in ("airbnb/uid-1", "uid-1", "HMABCD"):
        assert find_stay(reference, stays, (event,)) == "airbnb/uid-1"
    assert find_stay("HMNOPE", stays, (event,)) is None


@pytest.mark.parametrize("text", ["", "soon", "400"])
def test_check_hours_refused(text: str) -> None:
    """Nothing, words, or more than two weeks before check-in are refused with their reason."""
    with pytest.raises(InputError, match="invalid_check_hours"):
        check_hours(text)


def test_check_hours_as_hosts_type_them() -> None:
    """Hours like "2; 24, 24": the latest first, each once."""
    assert check_hours("2; 24, 24") == (timedelta(hours=24), timedelta(hours=2))


def test_sources_remember_their_stay_while_it_is_remembered() -> None:
    """The plan's sources, plus earlier ones whose stay still has a memory; forgotten stays are dropped."""
    jane = Stay(
        "vrbo/vr1",
        "4567",
        Interval(NOW, NOW + timedelta(days=3)),
        NOW,
        NOW + timedelta(days=3),
        frozenset({"front"}),
        NOW,
        sources=("vrbo/vr1",),
    )
    previous = {"airbnb/hm1": "vrbo/vr1", "airbnb/old": "airbnb/old", "vrbo/vr1": "vrbo/vr1"}
    assert remembered_stays(previous, [jane], {"vrbo/vr1"}) == {
        "vrbo/vr1": "vrbo/vr1",
        "airbnb/hm1": "vrbo/vr1",  # Airbnb's listing left for now: it finds the stay when it comes back
    }
