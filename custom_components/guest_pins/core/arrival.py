"""The arrival: the check before it, and who it was when a code opened a door.

Before each check-in (24 h and 2 h by default) every lock of the stay must hold the guest's own code,
confirmed; a lock that does not gets the guest a backup. A lock's battery below the host's level with a
check-in in the next 72 hours is part of the same check. When a lock reports that a slot's code opened it,
the slot's owner at that instant says who came in: a guest (by stay), a static PIN (by name), a backup
(handed to a guest, or one nobody should know), the host's manual code, or someone unknown; a use outside
the code's window (a lock that does not enforce windows, a clock that drifted) is worth an alert.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from . import windows
from .backups import Backup, owned_backup
from .model import StaticPin, Stay
from .owners import MANUAL_OWNER, STATIC_OWNER, owned_stay

DEFAULT_CHECKS: tuple[timedelta, ...] = (timedelta(hours=24), timedelta(hours=2))
DEFAULT_BATTERY_LEVEL = 20
BATTERY_HORIZON = timedelta(hours=72)
# A lock's clock and ours may differ by this much before a use counts as outside the window.
CLOCK_TOLERANCE = timedelta(minutes=2)
# Entries an access log keeps (per lock, and per stay).
LOG_SIZE = 100


class Who(StrEnum):
    """Whose code opened the door."""

    GUEST = "guest"
    STATIC = "static"
    BACKUP = "backup"
    IDLE_BACKUP = "idle_backup"
    MANUAL = "manual"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Use:
    """One opening of a door by a code: when, on which lock and slot, whose, and whether in its window.

    `stay_id` is the guest's stay (also for a backup handed to them), `name` the guest's or the static PIN's
    name as the host gave it.
    """

    at: datetime
    lock_id: str
    slot: int | None
    who: Who
    stay_id: str | None = None
    name: str | None = None
    outside_window: bool = False


def who_used(
    at: datetime,
    lock_id: str,
    slot: int | None,
    owner: str | None,
    stays: Mapping[str, Stay],
    statics: Mapping[str, StaticPin],
    backups: Iterable[Backup],
    zone: ZoneInfo,
) -> Use:
    """Return whose code a lock's slot held at `at`, and whether that code should have opened the door."""
    if owner is None:
        return Use(at, lock_id, slot, Who.UNKNOWN)
    if (stay_id := owned_stay(owner)) is not None:
        stay = stays.get(stay_id)
        inside = stay is not None and _covers(stay.window.start, stay.window.end, at)
        return Use(at, lock_id, slot, Who.GUEST, stay_id, stay.guest_name if stay else None, not inside)
    if owner.startswith(STATIC_OWNER):
        pin = statics.get(owner.removeprefix(STATIC_OWNER))
        inside = pin is not None and (
            windows.static_active(pin, at, zone) or windows.static_active(pin, at - CLOCK_TOLERANCE, zone)
        )
        return Use(at, lock_id, slot, Who.STATIC, None, pin.name if pin else None, not inside)
    if (named := owned_backup(owner)) is not None:
        backup = next((b for b in backups if (b.lock_id, b.index) == named), None)
        if backup is None or backup.handed_to is None:
            # A code on the door that nobody was given: the host must hear of it.
            return Use(at, lock_id, slot, Who.IDLE_BACKUP, outside_window=True)
        stay = stays.get(backup.handed_to)
        inside = backup.until is None or at < backup.until + CLOCK_TOLERANCE
        return Use(
            at, lock_id, slot, Who.BACKUP, backup.handed_to, stay.guest_name if stay else None, not inside
        )
    if owner.startswith(MANUAL_OWNER):
        return Use(at, lock_id, slot, Who.MANUAL)
    return Use(at, lock_id, slot, Who.UNKNOWN)


def _covers(start: datetime, end: datetime, at: datetime) -> bool:
    """Return whether an instant lies in a window, give or take the clocks' tolerance."""
    return start - CLOCK_TOLERANCE <= at < end + CLOCK_TOLERANCE


# A lock that cannot limit a code to the stay gets it as the window opens; if it is not confirmed this
# long after (its first retries spent), the guest gets the backup.
WRITE_GRACE = timedelta(minutes=2)


def needs_backup(
    *,
    held: bool,
    wanted: bool,
    native_windows: bool,
    healthy: bool,
    checkin: datetime,
    window_start: datetime,
    first_check: timedelta,
    now: datetime,
) -> bool:
    """Return whether a guest needs a backup on a lock, which must let them in.

    A lock that limits codes to the stay must hold the guest's own code by the first check before arrival.
    A lock that cannot gets the code only as the window opens: before that, it must answer and take writes
    (else the backup goes out at the check); after, the code must be confirmed within `WRITE_GRACE`.
    Once the window has opened, a code the plan no longer `wanted` on the lock is being taken off as the
    stay ends: no backup then (it would be a fresh working code handed out at check-out).
    """
    if held or now < checkin - first_check or (now >= window_start and not wanted):
        return False
    if native_windows:
        return True
    return not healthy or now >= window_start + WRITE_GRACE


def logged(log: tuple[Use, ...], use: Use, size: int = LOG_SIZE) -> tuple[Use, ...]:
    """Return an access log with a use added, the oldest dropped beyond `size`."""
    return (*log, use)[-size:]


def battery_low(level: float | None, threshold: float, checkins: Iterable[datetime], now: datetime) -> bool:
    """Return whether a lock's battery is below the host's level with a check-in in the next 72 hours."""
    return (
        level is not None
        and level < threshold
        and any(now <= checkin <= now + BATTERY_HORIZON for checkin in checkins)
    )
