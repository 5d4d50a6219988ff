"""A stay's life: booked -> code ready -> code sent -> checked in -> checked out, or cancelled.

The one place a stay's status is decided, from what is known of it (the shell keeps those facts across
restarts): on which locks the guest has a confirmed way in, whether it reached the guest, when the guest
first used it. Reminders before check-in are listed here too (the plan turns them into moments).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

DEFAULT_REMINDERS: tuple[timedelta, ...] = (timedelta(hours=24), timedelta(hours=1))


class StayStatus(StrEnum):
    """Where a stay is in its life."""

    BOOKED = "booked"
    CODE_READY = "code_ready"
    CODE_SENT = "code_sent"
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class StayFacts:
    """What decides a stay's status.

    `working_on` are the locks on which the guest has a confirmed way in (the stay's own code, read back or
    confirmed by the lock, or a backup handed to the guest); `sent` says the guest was given it.
    """

    checkout: datetime
    locks: frozenset[str]
    working_on: frozenset[str] = frozenset()
    sent: bool = False
    first_use: datetime | None = None
    cancelled: bool = False

    @property
    def ready(self) -> bool:
        """Return whether every lock of the stay lets the guest in."""
        return self.locks <= self.working_on


def status(facts: StayFacts, now: datetime) -> StayStatus:
    """Return a stay's status at `now`."""
    if facts.cancelled:
        return StayStatus.CANCELLED
    if now >= facts.checkout:
        return StayStatus.CHECKED_OUT
    if facts.first_use is not None:
        return StayStatus.CHECKED_IN
    if facts.sent:
        return StayStatus.CODE_SENT
    if facts.ready:
        return StayStatus.CODE_READY
    return StayStatus.BOOKED


def vanished_means_cancelled(window_end: datetime, now: datetime) -> bool:
    """Return whether a stay missing from its feeds was cancelled (not merely aged out of the feed)."""
    return now < window_end
