"""A reservation's lifecycle, and when automations are reminded of it (the plan lists the moments).

upcoming -> provisioned (code on the lock) -> active (checked in) -> checked out -> revoked (code removed),
or cancelled when the stay left the feed before its window ended.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from .model import Stay

DEFAULT_REMINDERS: tuple[timedelta, ...] = (timedelta(hours=24), timedelta(hours=1))


class StayStatus(StrEnum):
    """Where a stay is in its life."""

    UPCOMING = "upcoming"
    PROVISIONED = "provisioned"
    ACTIVE = "active"
    CHECKED_OUT = "checked_out"
    REVOKED = "revoked"
    CANCELLED = "cancelled"


def status(stay: Stay, now: datetime, *, on_a_lock: bool, cancelled: bool = False) -> StayStatus:
    """Return the stay's status from the clock and whether its code is on a lock (known from read-back)."""
    if cancelled:
        return StayStatus.CANCELLED
    if now < stay.checkin:
        return StayStatus.PROVISIONED if on_a_lock else StayStatus.UPCOMING
    if now < stay.checkout:
        return StayStatus.ACTIVE
    return StayStatus.CHECKED_OUT if on_a_lock or now < stay.window.end else StayStatus.REVOKED


def vanished_means_cancelled(stay: Stay, now: datetime) -> bool:
    """Return whether a stay missing from its feed was cancelled (not merely aged out of the feed)."""
    return now < stay.window.end
