"""Who opened the door, the check before arrival, and a lock's battery."""

from datetime import time, timedelta

from custom_components.guest_pins.core.arrival import (
    CLOCK_TOLERANCE,
    WRITE_GRACE,
    Use,
    Who,
    battery_low,
    logged,
    needs_backup,
    who_used,
)
from custom_components.guest_pins.core.backups import Backup
from custom_components.guest_pins.core.model import Interval, StaticPin, Stay, TimeRange, WeeklySchedule

from .builders import BERLIN, local

CHECKIN = local(BERLIN, 2026, 12, 15, 16)
CHECKOUT = local(BERLIN, 2026, 12, 18, 11)
STAY = Stay(
    "a",
    "4567",
    Interval(CHECKIN, CHECKOUT),
    CHECKIN,
    CHECKOUT,
    frozenset({"front"}),
    CHECKIN,
    guest_name="Jane",
)
CLEANER = StaticPin(
    "Cleaner", "5678", frozenset({"front"}), WeeklySchedule.of({5: [TimeRange(time(10), time(14))]})
)
BACKUPS = (Backup("front", 0, code="8023", handed_to="a", until=CHECKOUT), Backup("front", 1, code="3141"))


def _who(owner: str | None, at: object) -> Use:
    """Ask who a slot's owner was at an instant."""
    return who_used(at, "front", 3, owner, {"a": STAY}, {"cleaner": CLEANER}, BACKUPS, BERLIN)  # type: ignore[arg-type]


def test_whose_code_opened_the_door() -> None:
    """A guest in and out of their window, a static PIN on and off its schedule, backups, the host, nobody."""
    inside = _who("stay:a", CHECKIN + timedelta(minutes=40))
    assert (inside.who, inside.stay_id, inside.name, inside.outside_window) == (Who.GUEST, "a", "Jane", False)
    assert _who("stay:a", CHECKOUT + CLOCK_TOLERANCE + timedelta(minutes=1)).outside_window
    assert not _who("stay:a", CHECKOUT + timedelta(minutes=1)).outside_window  # a clock a little off
    saturday = local(BERLIN, 2026, 12, 19, 11)
    assert (_who("static:cleaner", saturday).who, _who("static:cleaner", saturday).name) == (
        Who.STATIC,
        "Cleaner",
    )
    assert _who("static:cleaner", saturday + timedelta(days=1)).outside_window
    given = _who("backup:front:0", CHECKIN)
    assert (given.who, given.stay_id, given.outside_window) == (Who.BACKUP, "a", False)
    idle = _who("backup:front:1", CHECKIN)
    assert (idle.who, idle.outside_window) == (Who.IDLE_BACKUP, True)
    assert _who("manual:5", CHECKIN).who is Who.MANUAL
    assert _who(None, CHECKIN).who is Who.UNKNOWN
    assert _who("foreign", CHECKIN).who is Who.UNKNOWN


def test_access_log_is_bounded() -> None:
    """The oldest entries go beyond the log's size."""
    log: tuple[Use, ...] = ()
    for minute in range(5):
        log = logged(log, _who("stay:a", CHECKIN + timedelta(minutes=minute)), size=3)
    assert [use.at.minute for use in log] == [2, 3, 4]


def test_when_a_guest_needs_a_backup() -> None:
    """A lock that limits codes must hold the code by the first check; another must be healthy, then quick."""
    first = timedelta(hours=24)
    check = CHECKIN - first

    def needs(
        *,
        held: bool = False,
        wanted: bool = True,
        native: bool = True,
        healthy: bool = True,
        now: object = check,
    ) -> bool:
        """Ask for one lock."""
        return needs_backup(
            held=held,
            wanted=wanted,
            native_windows=native,
            healthy=healthy,
            checkin=CHECKIN,
            window_start=CHECKIN,
            first_check=first,
            now=now,  # type: ignore[arg-type]
        )

    assert not needs(now=check - timedelta(seconds=1))
    assert needs()
    assert not needs(held=True)
    assert not needs(native=False)  # its code goes on as the window opens
    assert needs(native=False, healthy=False)  # it does not answer, or its writes fail
    assert not needs(native=False, now=CHECKIN + WRITE_GRACE - timedelta(seconds=1))
    assert needs(native=False, now=CHECKIN + WRITE_GRACE)
    # The stay's window ends: its code comes off the lock, and no backup replaces it.
    assert not needs(wanted=False, now=CHECKIN + timedelta(days=2))
    assert not needs(native=False, wanted=False, now=CHECKIN + timedelta(days=2))
    assert needs(wanted=False, now=CHECKIN - timedelta(hours=1))  # not on the lock yet: still needed


def test_battery_low_only_with_a_check_in_coming() -> None:
    """Below the level with a check-in in the next 72 hours; no reading is no alarm."""
    now = CHECKIN - timedelta(days=2)
    assert battery_low(15, 20, [CHECKIN], now)
    assert not battery_low(25, 20, [CHECKIN], now)
    assert not battery_low(15, 20, [CHECKIN + timedelta(days=5)], now)
    assert not battery_low(None, 20, [CHECKIN], now)
