"""Lifecycle and reminders of a stay."""

from datetime import timedelta

from custom_components.guest_pins.core.engine import MomentKind, PropertyInputs, plan_property
from custom_components.guest_pins.core.lifecycle import StayStatus, status, vanished_means_cancelled
from custom_components.guest_pins.core.model import Interval, Stay

from .builders import BERLIN, SECRET, local, lock, stay_event

CHECKIN = local(BERLIN, 2026, 12, 15, 16)
CHECKOUT = local(BERLIN, 2026, 12, 18, 11)
STAY = Stay(
    "a",
    "4567",
    Interval(CHECKIN, CHECKOUT + timedelta(hours=1)),
    CHECKIN,
    CHECKOUT,
    frozenset({"f"}),
    CHECKIN,
)


def test_status_walks_the_lifecycle() -> None:
    """Upcoming -> provisioned -> active -> checked out -> revoked, and cancelled."""
    assert status(STAY, CHECKIN - timedelta(days=3), on_a_lock=False) is StayStatus.UPCOMING
    assert status(STAY, CHECKIN - timedelta(days=1), on_a_lock=True) is StayStatus.PROVISIONED
    assert status(STAY, CHECKIN, on_a_lock=True) is StayStatus.ACTIVE
    assert status(STAY, CHECKOUT, on_a_lock=True) is StayStatus.CHECKED_OUT
    assert status(STAY, CHECKOUT + timedelta(minutes=30), on_a_lock=False) is StayStatus.CHECKED_OUT
    assert status(STAY, CHECKOUT + timedelta(hours=2), on_a_lock=False) is StayStatus.REVOKED
    assert status(STAY, CHECKIN, on_a_lock=True, cancelled=True) is StayStatus.CANCELLED


def test_vanished_stay_is_cancelled_only_before_its_window_ends() -> None:
    """Airbnb drops past stays from its feed; that is not a cancellation."""
    assert vanished_means_cancelled(STAY, CHECKIN)
    assert not vanished_means_cancelled(STAY, CHECKOUT + timedelta(hours=1))


def test_a_plan_lists_each_stays_moments_in_order() -> None:
    """Reminders 24 h and 1 h before check-in, the check-in and the check-out, found by instant."""
    from datetime import date  # noqa: PLC0415

    inputs = PropertyInputs(
        events=(stay_event("a", date(2026, 12, 15), date(2026, 12, 18)),),
        calendar_locks={"airbnb": frozenset({"front"})},
        statics=(),
        profiles={"front": lock("front")},
        zone=BERLIN,
        secret=SECRET,
    )
    plan = plan_property(inputs, CHECKIN - timedelta(days=3))
    assert [(moment.when, moment.kind, moment.before) for moment in plan.moments] == [
        (CHECKIN - timedelta(hours=24), MomentKind.REMINDER, timedelta(hours=24)),
        (CHECKIN - timedelta(hours=1), MomentKind.REMINDER, timedelta(hours=1)),
        (CHECKIN, MomentKind.CHECKED_IN, None),
        (CHECKOUT, MomentKind.CHECKED_OUT, None),
    ]
    between = plan.moments_between(CHECKIN - timedelta(hours=24), CHECKIN)
    assert [moment.kind for moment in between] == [MomentKind.REMINDER, MomentKind.CHECKED_IN]
    assert plan.next_moment(CHECKIN) == CHECKOUT
    assert plan.next_moment(CHECKOUT) is None
    assert [stay.stay_id for stay in plan.stays_on("front")] == ["airbnb/a"]
    assert plan.stays_on("elsewhere") == ()
