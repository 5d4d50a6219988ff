"""Builders shared by the core tests."""

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from custom_components.guest_pins.core.model import EventKind, FeedEvent, LockProfile

FEEDS = Path(__file__).parent / "feeds"
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")
SECRET = b"installation-secret-for-tests"
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def feed(name: str) -> bytes:
    """Return the bytes of a feed fixture."""
    return (FEEDS / name).read_bytes()


def stay_event(
    event_id: str,
    checkin_day: date,
    checkout_day: date,
    *,
    calendar_id: str = "airbnb",
    phone: str | None = None,
    description: str = "",
    kind: EventKind = EventKind.RESERVATION,
    zone: ZoneInfo = BERLIN,
    created: datetime | None = None,
) -> FeedEvent:
    """Return a reservation (or block) event with the default 16:00 / 11:00 times."""
    return FeedEvent(
        event_id=event_id,
        calendar_id=calendar_id,
        uid=event_id,
        kind=kind,
        checkin=datetime.combine(checkin_day, time(16), tzinfo=zone),
        checkout=datetime.combine(checkout_day, time(11), tzinfo=zone),
        description=description,
        phone_digits=phone,
        created=created,
    )


def lock(
    lock_id: str,
    guest: int = 4,
    static: int = 2,
    *,
    native: bool = False,
    weekly: bool = False,
    lead: timedelta = timedelta(hours=48),
) -> LockProfile:
    """Return a lock profile with `guest` guest slots from 1 and `static` static slots after them."""
    return LockProfile(
        lock_id=lock_id,
        guest_slots=range(1, guest + 1),
        static_slots=range(guest + 1, guest + static + 1),
        native_windows=native,
        native_weekly=weekly,
        provision_lead=lead,
    )


def local(zone: ZoneInfo, *args: int) -> datetime:
    """Return an aware local datetime."""
    return datetime(*args, tzinfo=zone)  # type: ignore[misc]
