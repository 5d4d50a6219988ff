"""A stay's life and its moments: reminders, checks before arrival, sending keys, check-out."""

from dataclasses import replace
from datetime import timedelta

from custom_components.guest_pins.core.engine import MomentKind, PropertyInputs, plan_property
from custom_components.guest_pins.core.lifecycle import (
    StayFacts,
    StayStatus,
    status,
    vanished_means_cancelled,
)

from .builders import BERLIN, SECRET, local, lock, stay_event

CHECKIN = local(BERLIN, 2026, 12, 15, 16)
CHECKOUT = local(BERLIN, 2026, 12, 18, 11)
LOCKS = frozenset({"front", "back"})


def test_status_walks_the_lifecycle() -> None:
    """Booked -> code ready (every lock) -> code sent -> checked in (first use) -> checked out."""
    facts = StayFacts(CHECKOUT, LOCKS)
    before = CHECKIN - timedelta(days=2)
    assert status(facts, before) is StayStatus.BOOKED
    assert status(StayFacts(CHECKOUT, LOCKS, frozenset({"front"})), before) is StayStatus.BOOKED  # one of two
    ready = StayFacts(CHECKOUT, LOCKS, LOCKS)
    assert ready.ready
    assert status(ready, before) is StayStatus.CODE_READY
    sent = StayFacts(CHECKOUT, LOCKS, LOCKS, sent=True)
    assert status(sent, before) is StayStatus.CODE_SENT
    arrived = StayFacts(CHECKOUT, LOCKS, LOCKS, sent=True, first_use=CHECKIN + timedelta(minutes=40))
    assert status(arrived, CHECKIN + timedelta(hours=1)) is StayStatus.CHECKED_IN
    assert status(arrived, CHECKOUT) is StayStatus.CHECKED_OUT
    assert status(sent, CHECKOUT) is StayStatus.CHECKED_OUT  # also without an arrival seen
    assert (
        status(StayFacts(CHECKOUT, LOCKS, LOCKS, sent=True, cancelled=True), before) is StayStatus.CANCELLED
    )


def test_vanished_stay_is_cancelled_only_before_its_window_ends() -> None:
    """A stay gone from its feed while its window lasts was cancelled; after it, it merely aged out."""
    end = CHECKOUT + timedelta(hours=1)
    assert vanished_means_cancelled(end, CHECKIN - timedelta(days=1))
    assert not vanished_means_cancelled(end, end)


def test_a_plan_lists_each_stays_moments_in_order() -> None:
    """Reminders 24 h and 1 h, checks 24 h and 2 h, keys sent 24 h before, check-out (check before send)."""
    event = stay_event("a", CHECKIN.date(), CHECKOUT.date())
    inputs = PropertyInputs(
        events=(event,),
        calendar_locks={"airbnb": frozenset({"front"})},
        statics=(),
        profiles={"front": lock("front")},
        zone=BERLIN,
        secret=SECRET,
        send_before=timedelta(hours=24),
    )
    plan = plan_property(inputs, CHECKIN - timedelta(days=3))
    moments = [(moment.kind, CHECKIN - moment.when) for moment in plan.moments]
    day = timedelta(hours=24)
    assert moments == [
        (MomentKind.REMINDER, day),
        (MomentKind.CHECK, day),
        (MomentKind.DELIVERY, day),
        (MomentKind.CHECK, timedelta(hours=2)),
        (MomentKind.REMINDER, timedelta(hours=1)),
        (MomentKind.CHECKED_OUT, CHECKIN - CHECKOUT),
    ]
    assert plan.next_moment(CHECKIN - timedelta(days=3)) == CHECKIN - day
    assert plan.moments_between(CHECKIN - day, CHECKIN)[-1].kind is MomentKind.REMINDER
    without = plan_property(replace(inputs, send_before=None, checks=()), CHECKIN - timedelta(days=3))
    assert [moment.kind for moment in without.moments].count(MomentKind.CHECK) == 0
    assert MomentKind.DELIVERY not in {moment.kind for moment in without.moments}
