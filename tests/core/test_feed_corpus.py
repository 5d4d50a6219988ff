"""Real-world feed shapes, each with what it must read as: stays, blocks, guest details, or why it is refused.

The files in feeds/corpus/ are written from what each platform documents and what its exports are known to
look like (Airbnb's "Reserved" with a reservation URL and the phone's last 4 digits since December 2019, its
"Airbnb (Not available)" nights, Booking.com's "CLOSED - Not available", Google's and Outlook's headers,
time zones and recurrence, the details Hostaway, Guesty, OwnerRez, Smoobu and Lodgify can export). Guest
data in them is invented. Dates are around the tests' NOW, 21 November 2026.
"""

from dataclasses import dataclass
from datetime import date, datetime
import time

import pytest

from custom_components.guest_pins.core import feeds
from custom_components.guest_pins.core.feeds import DEFAULT_MAX_BYTES, FeedSettings, parse_feed
from custom_components.guest_pins.core.model import (
    EventKind,
    FeedError,
    FeedErrorKind,
    FeedEvent,
    ParsedFeed,
    Platform,
)

from .builders import BERLIN, FEEDS, KOLKATA, NEW_YORK, NOW, local

CORPUS = FEEDS / "corpus"


@dataclass(frozen=True, slots=True)
class Stay:
    """A reservation the feed must yield, with the guest details its format carries."""

    dates: str  # "YYYY-MM-DD/YYYY-MM-DD": local check-in and check-out dates
    name: str | None = None
    phone: str | None = None
    code: str | None = None
    guests: int | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Export:
    """One corpus file and what it must read as."""

    file: str
    platform: Platform
    stays: tuple[Stay, ...]
    blocks: tuple[str, ...]  # each "YYYY-MM-DD/YYYY-MM-DD"
    cancelled: int = 0


EXPORTS = (
    Export(
        # The stays come as "Reserved" with the reservation URL (its HM code) and the phone's last 4 digits;
        # nights blocked by the host and everything beyond the booking window as "Airbnb (Not available)".
        "airbnb_booking_window.ics",
        Platform.AIRBNB,
        stays=(
            Stay("2026-11-27/2026-12-01", phone="7731", code="HMQ4ZK8XJ2"),
            Stay("2026-12-19/2026-12-26", phone="0412", code="HM8T3NWQPV"),
        ),
        blocks=("2026-12-01/2026-12-04", "2027-01-05/2027-01-06", "2027-05-21/2027-11-20"),
    ),
    Export(
        # Every booking is "CLOSED - Not available", without a name: a block by the default patterns. The
        # host may later declare them stays (a shell setting); the parser keeps classifying by summary.
        "booking_com.ics",
        Platform.BOOKING,
        stays=(),
        blocks=("2026-12-05/2026-12-08", "2026-12-22/2026-12-29", "2027-02-14/2027-02-16"),
    ),
    Export(
        # A host's own Google calendar: VTIMEZONE and TZID times, a floating time in X-WR-TIMEZONE, a weekly
        # owner stay with an EXDATE and a moved occurrence, a cancelled and a past booking, and a yearly
        # birthday since 1950, which is a stay to the parser like any event that is not a block.
        "google_calendar.ics",
        Platform.OTHER,
        stays=(
            Stay("2026-12-04/2026-12-07", name="Anna Schmidt", phone="491701234567", guests=2),
            Stay("2027-01-15/2027-01-18", name="Jonas Weber"),
            Stay("2027-06-12/2027-06-13"),
        ),
        blocks=("2026-12-11/2026-12-13", "2026-12-19/2026-12-20", "2027-01-01/2027-01-03"),
        cancelled=1,
    ),
    Export(
        # Outlook: Windows zone names, quoted or not (icalendar maps them to IANA zones), an Outlook
        # "Customized Time Zone" defined by its VTIMEZONE, and a zone nobody knows, read as floating. Ben
        # Carter's 16:00 in Seattle is 01:00 the next day in Berlin: his stay's dates are Berlin's.
        "outlook.ics",
        Platform.OTHER,
        stays=(
            Stay("2026-12-10/2026-12-14", name="Claire Dubois", phone="33612345678"),
            Stay("2026-12-21/2026-12-23", name="Ben Carter"),
            Stay("2027-01-05/2027-01-08", name="Priya Nair"),
            Stay("2027-01-20/2027-01-22", name="Olympus Mons"),
        ),
        blocks=("2027-02-01/2027-02-03",),
    ),
    Export(
        # Guesty exports reservations, owner stays, manual and preparation-time blocks and the booking window.
        "guesty.ics",
        Platform.OTHER,
        stays=(
            Stay(
                "2026-12-03/2026-12-06",
                name="Lucas Martin",
                code="GY-4KQ2Z7",
                guests=3,
                email="lucas.martin@example.com",
            ),
        ),
        blocks=("2026-12-06/2026-12-07", "2026-12-24/2026-12-27", "2027-05-21/2027-11-21"),
    ),
    Export(
        # Hostaway can export the guest's name, full phone, number of guests, nights, channel and times.
        "hostaway.ics",
        Platform.OTHER,
        stays=(
            Stay("2026-12-10/2026-12-13", name="Sofia Rossi", phone="393475550192", guests=4),
            Stay("2027-01-02/2027-01-09", name="Tom Becker", phone="4930901820", guests=2),
        ),
        blocks=("2027-01-10/2027-01-12",),
    ),
    Export(
        # Smoobu: UIDs without a domain, a folded line and non-ASCII names.
        "smoobu.ics",
        Platform.OTHER,
        stays=(
            Stay(
                "2026-12-15/2026-12-19",
                name="Mehmet Y\u0131lmaz",
                phone="4915123456789",
                code="48211937",
                guests=2,
            ),
            Stay("2027-03-01/2027-03-05", name="Åsa Lindqvist", code="48211999", guests=1),
        ),
        blocks=("2026-12-19/2026-12-20",),
    ),
    Export(
        # Lodgify, with LF line ends: "Unavailable" for dates blocked elsewhere.
        "lodgify.ics",
        Platform.OTHER,
        stays=(
            Stay(
                "2026-11-30/2026-12-03",
                name="Pieter de Vries",
                code="B1234567",
                guests=2,
                email="pieter.devries@example.nl",
            ),
        ),
        blocks=("2026-12-03/2026-12-05",),
    ),
    Export(
        # An OwnerRez custom export: TZID times in New York, a US phone in brackets, "Confirmation #".
        "ownerrez.ics",
        Platform.OTHER,
        stays=(
            Stay(
                "2026-12-18/2026-12-22",
                name="Emma Wilson",
                phone="5550142233",
                code="OR-2026-88213",
                guests=4,
                email="emma.wilson@example.com",
            ),
        ),
        blocks=("2027-01-04/2027-01-11", "2027-01-11/2027-01-12"),
    ),
    Export(
        # One UID for a whole listing: two bookings stay apart; the booking sent twice is one stay.
        "duplicate_uids.ics",
        Platform.OTHER,
        stays=(
            Stay("2026-12-08/2026-12-11", name="Ana Souza"),
            Stay("2026-12-14/2026-12-16", name="Ken Ito"),
        ),
        blocks=(),
    ),
    Export(
        # A listing without bookings: a calendar with no events is read, not refused.
        "empty_calendar.ics",
        Platform.AIRBNB,
        stays=(),
        blocks=(),
    ),
)


def read(name: str, **settings: object) -> ParsedFeed:
    """Parse a corpus file that must be readable, for a property in Berlin."""
    result = parse_feed((CORPUS / name).read_bytes(), FeedSettings("cal", BERLIN, **settings), NOW)  # type: ignore[arg-type]
    assert isinstance(result, ParsedFeed), result
    return result


def span(event: FeedEvent) -> str:
    """Return an event's local check-in and check-out dates as "YYYY-MM-DD/YYYY-MM-DD"."""
    checkin, checkout = event.stay_dates
    return f"{checkin.isoformat()}/{checkout.isoformat()}"


def test_the_corpus_is_small_and_every_file_has_an_expectation() -> None:
    """Each committed export is listed below (or refused on purpose) and stays under 20 KB."""
    files = {path.name: path.stat().st_size for path in CORPUS.glob("*.ics")}
    assert set(files) == {export.file for export in EXPORTS} | {"login_page.ics"}
    assert max(files.values()) < 20_000


@pytest.mark.parametrize("export", EXPORTS, ids=lambda export: export.file.removesuffix(".ics"))
def test_a_real_world_export_reads_as_its_stays_and_blocks(export: Export) -> None:
    """Stays with the guest details the format carries, blocks as blocks, nothing skipped."""
    result = read(export.file)
    stays = [
        Stay(
            span(event),
            event.guest_name,
            event.phone_digits,
            event.reservation_code,
            event.guest_count,
            event.email,
        )
        for event in result.events
        if event.kind is EventKind.RESERVATION
    ]
    blocks = [span(event) for event in result.events if event.kind is EventKind.BLOCK]
    assert stays == list(export.stays)
    assert blocks == list(export.blocks)
    assert result.platform is export.platform
    assert len(result.cancelled_uids) == export.cancelled
    assert result.skipped == ()


def test_not_available_is_never_a_stay_in_any_export() -> None:
    """Airbnb's booking-window and blocked nights, Booking.com's closed dates: always blocks, never stays."""
    not_available = [
        event
        for export in EXPORTS
        for event in read(export.file).events
        if "not available" in event.summary.casefold()
    ]
    assert len(not_available) == 7  # Airbnb 3, Booking.com 3, Guesty's booking window
    assert {event.kind for event in not_available} == {EventKind.BLOCK}


def test_outlook_zones_become_instants_in_the_property_zone() -> None:
    """With the feed's times: Windows zones are mapped, a custom VTIMEZONE applies, an unknown zone floats."""
    events = {event.guest_name: event for event in read("outlook.ics", honor_event_times=True).reservations}
    assert events["Claire Dubois"].checkin == local(BERLIN, 2026, 12, 10, 15)  # "W. Europe Standard Time"
    assert events["Ben Carter"].checkin == local(BERLIN, 2026, 12, 21, 1)  # 16:00 "Pacific Standard Time"
    assert events["Priya Nair"].checkin == datetime.fromisoformat("2027-01-05T14:00+05:30")  # its VTIMEZONE
    # Unknown to icalendar, without a VTIMEZONE: a floating time, in the property's zone (no X-WR-TIMEZONE).
    assert events["Olympus Mons"].checkin == local(BERLIN, 2027, 1, 20, 15)


def test_google_floating_times_follow_x_wr_timezone_unless_the_calendar_zone_is_set() -> None:
    """A floating time is in the feed's X-WR-TIMEZONE (Berlin), or in the zone the host gave the calendar."""
    settings = {"honor_event_times": True}
    jonas = next(
        event for event in read("google_calendar.ics", **settings).events if event.guest_name == "Jonas Weber"
    )
    assert jonas.checkin == local(BERLIN, 2027, 1, 15, 16)
    result = parse_feed(
        (CORPUS / "google_calendar.ics").read_bytes(),
        FeedSettings("cal", NEW_YORK, calendar_tz=KOLKATA, honor_event_times=True),
        NOW,
    )
    assert isinstance(result, ParsedFeed)
    jonas = next(event for event in result.events if event.guest_name == "Jonas Weber")
    assert jonas.checkin == datetime.fromisoformat("2027-01-15T16:00+05:30")


def test_google_moved_occurrence_keeps_the_id_of_its_slot() -> None:
    """The owner's weekend moved from Friday 18 to Saturday 19 December is still the 18 December one."""
    ids = {
        span(event): event.event_id
        for event in read("google_calendar.ics").events
        if event.kind is EventKind.BLOCK
    }
    assert ids["2026-12-19/2026-12-20"].endswith("@2026-12-18")


@pytest.mark.parametrize(
    "raw",
    [
        (CORPUS / "login_page.ics").read_bytes(),
        b"\xef\xbb\xbf\r\n  " + (CORPUS / "login_page.ics").read_bytes().upper(),
        (CORPUS / "login_page.ics").read_text(encoding="utf-8").encode("utf-16"),
    ],
    ids=["plain", "bom-and-blank-lines", "utf-16"],
)
def test_a_login_page_served_with_200_is_refused_as_html(raw: bytes) -> None:
    """An expired or private link answers 200 with a sign-in page: refused as HTML, never read as empty."""
    result = parse_feed(raw, FeedSettings("cal", BERLIN), NOW)
    assert isinstance(result, FeedError)
    assert result.kind is FeedErrorKind.HTML


def test_a_50_mb_feed_is_refused_as_too_large_without_being_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The 5 MiB cap is checked on the raw bytes first: neither decoded nor parsed, answered at once."""

    def never(*args: object) -> object:
        """Fail the test if the oversized body is decoded or parsed."""
        pytest.fail("an oversized feed was read")

    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024
    event = (CORPUS / "airbnb_booking_window.ics").read_bytes().split(b"BEGIN:VEVENT")[1]
    body = b"BEGIN:VEVENT" + event
    raw = b"BEGIN:VCALENDAR\r\n" + body * (50 * 1024 * 1024 // len(body)) + b"END:VCALENDAR\r\n"
    assert len(raw) > 50_000_000
    monkeypatch.setattr(feeds, "_decode", never)
    monkeypatch.setattr(feeds.icalendar.Calendar, "from_ical", never)
    began = time.perf_counter()
    result = parse_feed(raw, FeedSettings("cal", BERLIN), NOW)
    assert time.perf_counter() - began < 0.5
    assert result == FeedError(FeedErrorKind.TOO_LARGE, f"{len(raw)} bytes > {DEFAULT_MAX_BYTES}")


def test_an_export_cut_off_mid_transfer_is_refused_as_truncated() -> None:
    """Half a Google export is refused whole: the stays missing from it would look cancelled."""
    raw = (CORPUS / "google_calendar.ics").read_bytes()
    result = parse_feed(raw[: len(raw) // 2], FeedSettings("cal", BERLIN), NOW)
    assert isinstance(result, FeedError)
    assert result.kind is FeedErrorKind.TRUNCATED


def test_an_empty_calendar_reads_as_no_events_not_an_error() -> None:
    """Only VCALENDAR and nothing in it: a listing without bookings (an empty body is refused elsewhere)."""
    result = parse_feed(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", FeedSettings("cal", BERLIN), NOW)
    assert result == ParsedFeed(events=())


def test_dates_in_the_table_are_dates() -> None:
    """The table's spans parse as ISO dates, check-in before check-out (so a typo cannot pass unseen)."""
    spans = [stay.dates for export in EXPORTS for stay in export.stays] + [
        block for export in EXPORTS for block in export.blocks
    ]
    for text in spans:
        checkin, checkout = map(date.fromisoformat, text.split("/"))
        assert checkin < checkout, text
