"""Lifecycle and reminders of a stay."""

from datetime import timedelta

from custom_components.guest_pins.core.lifecycle import (
    StayStatus,
    next_reminder,
    reminders_due,
    status,
    vanished_means_cancelled,
)
from custom_components.guest_pins.core.model import Interval, Stay

from .builders import BERLIN, local

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


def test_reminders_24h_and_1h_before_checkin() -> None:
    """Reminder points fall in order; the next one is known so the shell can wake exactly then."""
    due = reminders_due([STAY], CHECKIN - timedelta(days=2), CHECKIN)
    assert [(instant, offset) for instant, _, offset in due] == [
        (CHECKIN - timedelta(hours=24), timedelta(hours=24)),
        (CHECKIN - timedelta(hours=1), timedelta(hours=1)),
    ]
    assert reminders_due([STAY], CHECKIN - timedelta(hours=24), CHECKIN - timedelta(hours=2)) == []
    assert next_reminder([STAY], CHECKIN - timedelta(days=2)) == CHECKIN - timedelta(hours=24)
    assert next_reminder([STAY], CHECKIN) is None
