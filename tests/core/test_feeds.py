"""Rental feeds -> classified events: real platform shapes, iCal edge cases and bad input."""

from datetime import UTC, datetime, time, timedelta

import pytest

from custom_components.guest_pins.core.extract import Patterns
from custom_components.guest_pins.core.feeds import FeedSettings, parse_feed
from custom_components.guest_pins.core.model import (
    EventKind,
    FeedError,
    FeedErrorKind,
    ParsedFeed,
    Platform,
    SkipReason,
)
from custom_components.guest_pins.core.records import events_from_records

from .builders import BERLIN, KOLKATA, NEW_YORK, NOW, feed, local


def parsed(raw: bytes, **settings: object) -> ParsedFeed:
    """Parse a feed that must be readable."""
    result = parse_feed(raw, FeedSettings("cal", settings.pop("zone", BERLIN), **settings), NOW)  # type: ignore[arg-type]
    assert isinstance(result, ParsedFeed), result
    return result


def calendar(*events: str, header: str = "") -> bytes:
    """Return a CRLF calendar around raw VEVENT bodies."""
    body = "".join(f"BEGIN:VEVENT\r\n{event.strip()}\r\nEND:VEVENT\r\n" for event in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{header}{body}END:VCALENDAR\r\n".encode()


def test_airbnb_reservations_blocks_phone_and_code() -> None:
    """Airbnb: all-day stays at the default times, phone last 4 from a folded line, HM code, blocks."""
    result = parsed(feed("airbnb.ics"))
    first, second, block = result.events
    assert result.platform is Platform.AIRBNB
    assert (first.kind, first.checkin, first.checkout) == (
        EventKind.RESERVATION,
        local(BERLIN, 2026, 12, 15, 16),
        local(BERLIN, 2026, 12, 18, 11),
    )
    assert first.phone_digits == "4567"
    assert first.reservation_code == "HMABCD1234"
    assert first.reservation_url is not None
    assert first.reservation_url.endswith("/HMABCD1234")
    assert first.all_day
    assert second.phone_digits is None
    assert block.kind is EventKind.BLOCK
    assert [event.kind for event in result.reservations] == [EventKind.RESERVATION] * 2


def test_vrbo_names_guest_count_email_and_full_phone_with_lf_lines() -> None:
    """VRBO/HomeAway (LF line ends): guest name from the summary, guests, e-mail, all phone digits."""
    result = parsed(feed("vrbo.ics"))
    assert result.platform is Platform.VRBO
    by_name = {event.guest_name: event for event in result.reservations}
    maria = by_name["Maria Lopez"]
    assert maria.guest_count == 3
    assert maria.email == "maria.lopez@example.com"
    assert maria.phone_digits == "15552017788"
    assert by_name["Jo Baker"].phone_digits == "4567"
    assert [event.kind for event in result.events if event.summary == "Blocked"] == [EventKind.BLOCK]


def test_booking_closed_is_a_block() -> None:
    """Booking.com exports "CLOSED - Not available", a block by default."""
    result = parsed(feed("booking.ics"))
    assert result.platform is Platform.BOOKING
    assert [event.kind for event in result.events] == [EventKind.BLOCK]


def test_block_patterns_are_the_hosts_choice() -> None:
    """With the host's own patterns, Booking.com's CLOSED entries can count as reservations."""
    result = parsed(feed("booking.ics"), patterns=Patterns.compile(block_patterns=[r"^owner"]))
    assert [event.kind for event in result.events] == [EventKind.RESERVATION]


def test_property_management_feed() -> None:
    """TZID + VTIMEZONE, UTC, floating + X-WR-TIMEZONE, DURATION, RRULE, cancelled, broken, derived UIDs."""
    result = parsed(feed("pms.ics"))
    events = {event.event_id: event for event in result.events}
    sam = events["pms-1001@hostfully.com"]
    assert (sam.guest_name, sam.reservation_code, sam.guest_count, sam.phone_digits) == (
        "Sam Carter",
        "PMS-1001",
        2,
        "5550109988",
    )
    assert sam.created == datetime(2026, 11, 1, 12, tzinfo=UTC)
    assert not sam.all_day
    # Without "honor event times" the property's default times apply to the event's local dates.
    assert (sam.checkin, sam.checkout) == (local(BERLIN, 2026, 12, 10, 16), local(BERLIN, 2026, 12, 13, 11))
    assert events["pms-1002@hostfully.com"].kind is EventKind.BLOCK
    assert [key for key in events if key.startswith("pms-1004")] == [
        "pms-1004@hostfully.com@2026-12-01",
        "pms-1004@hostfully.com@2026-12-08",
        "pms-1004@hostfully.com@2026-12-15",
    ]
    assert result.cancelled_uids == {"pms-1005@hostfully.com"}
    assert [(skip.uid, skip.reason) for skip in result.skipped] == [
        ("pms-1006@hostfully.com", SkipReason.NO_START)
    ]
    derived = [key for key in events if key.startswith("derived#")]
    assert len(derived) == 1
    # No DTEND and no DURATION: one night.
    assert events[derived[0]].checkout == local(BERLIN, 2026, 12, 25, 11)
    duplicates = sorted(key for key in events if key.startswith("pms-dup"))
    assert duplicates[0] == "pms-dup@hostfully.com"
    assert duplicates[1].startswith("pms-dup@hostfully.com#")
    # Ids are stable: the same feed gives the same ids.
    assert [event.event_id for event in parsed(feed("pms.ics")).events] == [e.event_id for e in result.events]


def test_honor_event_times_uses_the_feeds_times_in_the_property_zone() -> None:
    """With honor_event_times, TZID, UTC and floating (X-WR-TIMEZONE) times become property-local instants."""
    result = parsed(feed("pms.ics"), honor_event_times=True)
    events = {event.event_id: event for event in result.events}
    sam = events["pms-1001@hostfully.com"]
    assert sam.checkin == local(NEW_YORK, 2026, 12, 10, 15)
    assert sam.checkin.tzinfo is BERLIN
    assert sam.checkout == local(NEW_YORK, 2026, 12, 13, 10)
    assert events["pms-1002@hostfully.com"].checkin == datetime(2026, 12, 14, 20, tzinfo=UTC)
    floating = events["pms-1003@hostfully.com"]
    assert floating.checkin == local(NEW_YORK, 2026, 12, 17, 16)
    assert floating.checkout - floating.checkin == timedelta(days=2, hours=18)


def test_calendar_zone_override_beats_x_wr_timezone_for_floating_times() -> None:
    """A per-calendar zone decides what floating times mean."""
    result = parsed(feed("pms.ics"), honor_event_times=True, calendar_tz=KOLKATA)
    floating = next(event for event in result.events if event.event_id == "pms-1003@hostfully.com")
    assert floating.checkin == local(KOLKATA, 2026, 12, 17, 16)


def test_unknown_x_wr_timezone_falls_back_to_the_property_zone() -> None:
    """A zone name tzdata does not know is ignored rather than failing the feed."""
    raw = calendar(
        "UID:f\r\nDTSTART:20261217T160000\r\nDTEND:20261218T100000", header="X-WR-TIMEZONE:Mars/Base\r\n"
    )
    (event,) = parsed(raw, honor_event_times=True).events
    assert event.checkin == local(BERLIN, 2026, 12, 17, 16)


def test_custom_default_times() -> None:
    """The property's own check-in and check-out times apply to all-day stays."""
    raw = calendar("UID:a\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218")
    (event,) = parsed(raw, checkin_time=time(15), checkout_time=time(10)).events
    assert (event.checkin.hour, event.checkout.hour) == (15, 10)


def test_horizon_and_lookback_bound_recurring_expansion() -> None:
    """An endless series expands only inside [now - lookback, now + horizon]; recent past stays are kept."""
    raw = calendar(
        "UID:weekly\r\nDTSTART;VALUE=DATE:20261101\r\nDTEND;VALUE=DATE:20261102\r\nRRULE:FREQ=WEEKLY"
    )
    result = parsed(raw, horizon=timedelta(days=28), lookback=timedelta(days=14))
    days = [event.checkin.date().isoformat() for event in result.events]
    assert days == ["2026-11-08", "2026-11-15", "2026-11-22", "2026-11-29", "2026-12-06", "2026-12-13"]


def test_escaped_newlines_and_folding_reach_the_patterns() -> None:
    r"""`\n` escapes become line breaks and folded lines are joined before extraction."""
    raw = calendar(
        "UID:x\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218\r\n"
        "DESCRIPTION:Guest: Kim\\nPhone Number (Last 4 Digits)\r\n : 9090\\nEmail: kim@example.org"
    )
    (event,) = parsed(raw).events
    assert (event.guest_name, event.phone_digits, event.email) == ("Kim", "9090", "kim@example.org")


def test_host_phone_pattern_is_tried_after_the_defaults() -> None:
    """A host-configured regex finds digits the defaults miss."""
    raw = calendar(
        "UID:x\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218\r\nDESCRIPTION:PIN hint 7311"
    )
    assert parsed(raw).events[0].phone_digits is None
    patterns = Patterns.compile(extra_phone_patterns=[r"pin hint (\d{4})"])
    assert parsed(raw, patterns=patterns).events[0].phone_digits == "7311"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"", FeedErrorKind.EMPTY),
        (b"  \r\n", FeedErrorKind.EMPTY),
        (b"<!DOCTYPE html><html><body>Log in</body></html>", FeedErrorKind.HTML),
        (b'{"error": "unauthorized"}', FeedErrorKind.JSON),
        (b"Not Found", FeedErrorKind.NOT_ICALENDAR),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:2026", FeedErrorKind.TRUNCATED),
        (b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", FeedErrorKind.MALFORMED),
    ],
)
def test_unusable_feeds_are_typed_errors(raw: bytes, kind: FeedErrorKind) -> None:
    """Bad bodies come back as a typed error, never a traceback."""
    result = parse_feed(raw, FeedSettings("cal", BERLIN), NOW)
    assert isinstance(result, FeedError)
    assert result.kind is kind


def test_oversized_feed_is_refused_before_parsing() -> None:
    """The size cap is checked on the raw bytes."""
    result = parse_feed(feed("airbnb.ics"), FeedSettings("cal", BERLIN, max_bytes=100), NOW)
    assert isinstance(result, FeedError)
    assert result.kind is FeedErrorKind.TOO_LARGE


def test_byte_order_mark_is_accepted() -> None:
    """Some servers prefix UTF-8 feeds with a BOM."""
    assert len(parsed(b"\xef\xbb\xbf" + feed("airbnb.ics")).events) == 3


def test_bad_events_are_skipped_and_good_ones_kept() -> None:
    """Unreadable dates and stays ending before they start are listed; the rest of the feed is used."""
    raw = calendar(
        "UID:good\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218",
        "UID:garbled\r\nDTSTART:tomorrow\r\nDTEND;VALUE=DATE:20261218",
        "UID:backwards\r\nDTSTART;VALUE=DATE:20261218\r\nDTEND;VALUE=DATE:20261215",
        "UID:timed-backwards\r\nDTSTART:20261218T100000Z\r\nDTEND:20261218T080000Z",
    )
    result = parsed(raw)
    assert [event.uid for event in result.events] == ["good"]
    assert {(skip.uid, skip.reason) for skip in result.skipped} == {
        ("garbled", SkipReason.BAD_DATES),
        ("backwards", SkipReason.ENDS_BEFORE_START),
        ("timed-backwards", SkipReason.ENDS_BEFORE_START),
    }


def test_moved_occurrence_of_a_series_keeps_its_slot_id() -> None:
    """An override (RECURRENCE-ID) moves one occurrence; its id stays that of its original slot."""
    raw = calendar(
        "UID:clean\r\nDTSTART;VALUE=DATE:20261205\r\nDTEND;VALUE=DATE:20261206\r\nRRULE:FREQ=WEEKLY;COUNT=2",
        "UID:clean\r\nRECURRENCE-ID;VALUE=DATE:20261212\r\nDTSTART;VALUE=DATE:20261213\r\nDTEND;VALUE=DATE:20261214",
    )
    events = {event.event_id: event.checkin.date().isoformat() for event in parsed(raw).events}
    assert events == {"clean@2026-12-05": "2026-12-05", "clean@2026-12-12": "2026-12-13"}


def test_library_failure_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the expansion library raises becomes a MALFORMED feed, never a traceback."""

    def explode(*args: object, **kwargs: object) -> object:
        """Fail like a library bug would."""
        message = "unexpected"
        raise ValueError(message)

    monkeypatch.setattr("custom_components.guest_pins.core.recurrence.recurring_ical_events.of", explode)
    result = parse_feed(feed("airbnb.ics"), FeedSettings("cal", BERLIN), NOW)
    assert result == FeedError(FeedErrorKind.MALFORMED, "unexpected")


def test_host_phone_pattern_without_digits_falls_through() -> None:
    """A host pattern that matches text without digits yields nothing, and the next pattern is tried."""
    raw = calendar(
        "UID:x\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218\r\nDESCRIPTION:Contact: none"
    )
    patterns = Patterns.compile(extra_phone_patterns=[r"contact: (\w+)"])
    assert parsed(raw, patterns=patterns).events[0].phone_digits is None


def test_events_from_a_home_assistant_calendar() -> None:
    """A calendar entity's events (dates, aware and floating times, text with commas) read like a feed."""
    records = [
        {
            "start": "2026-12-15",
            "end": "2026-12-18",
            "summary": "Reserved",
            "description": "Last 4 Digits: 4567",
        },
        {
            "start": "2026-12-20T15:00:00+01:00",
            "end": "2026-12-22T10:00:00+01:00",
            "summary": "Guest: Kim, 2 adults; late",
            "description": "Guest: Kim\nAdults: 2",
        },
        {"start": "2026-12-24T15:00:00", "end": "", "summary": "Owner block"},
    ]
    result = events_from_records(records, FeedSettings("pms", BERLIN, honor_event_times=True), NOW)
    first, second, third = result.events
    assert (first.phone_digits, first.all_day, first.checkin) == (
        "4567",
        True,
        local(BERLIN, 2026, 12, 15, 16),
    )
    assert second.checkin == local(BERLIN, 2026, 12, 20, 15)
    assert (second.summary, second.guest_name, second.guest_count) == ("Guest: Kim, 2 adults; late", "Kim", 2)
    assert third.kind is EventKind.BLOCK
    assert third.checkout == local(BERLIN, 2026, 12, 25, 11)  # no end: one night
    assert events_from_records(records, FeedSettings("pms", BERLIN), NOW).events[0].event_id == first.event_id
