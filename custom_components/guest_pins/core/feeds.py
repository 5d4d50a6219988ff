"""Rental feeds -> classified events, with icalendar and recurring-ical-events doing the iCal work.

A whole feed is refused (typed `FeedError`) when it cannot be trusted to be complete: empty, HTML, JSON,
oversized, truncated or unreadable. A truncated feed is refused rather than read in part, because stays
missing from it would look cancelled and their codes would be removed: a lockout. Single bad events in an
otherwise sound feed are skipped and listed with the reason.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
import hashlib
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from . import extract
from .model import FeedError, FeedErrorKind, FeedEvent, FeedResult, ParsedFeed, SkippedEvent, SkipReason

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_HORIZON = timedelta(days=365)
# Past stays stay visible this long, so a code whose stay just ended is still known until it is revoked.
DEFAULT_LOOKBACK = timedelta(days=30)
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class FeedSettings:
    """How one calendar's feed is read."""

    calendar_id: str
    property_tz: ZoneInfo
    calendar_tz: ZoneInfo | None = None
    checkin_time: time = time(16, 0)
    checkout_time: time = time(11, 0)
    honor_event_times: bool = False
    horizon: timedelta = DEFAULT_HORIZON
    lookback: timedelta = DEFAULT_LOOKBACK
    max_bytes: int = DEFAULT_MAX_BYTES
    patterns: extract.Patterns = field(default_factory=extract.Patterns.compile)


def parse_feed(raw: bytes, settings: FeedSettings, now: datetime) -> FeedResult:
    """Read an iCal feed into its events between `now - lookback` and `now + horizon`."""
    if error := _refuse_outright(raw, settings.max_bytes):
        return error
    try:
        calendar = icalendar.Calendar.from_ical(raw.removeprefix(_BOM))
    except ValueError as err:
        return FeedError(FeedErrorKind.MALFORMED, str(err)[:200])

    prodid = str(calendar.get("PRODID", ""))
    floating_tz = settings.calendar_tz or _x_wr_timezone(calendar) or settings.property_tz
    # Read above and applied here to floating times only; recurring-ical-events would otherwise apply it
    # itself, ahead of a per-calendar override, and fail on a zone name tzdata does not know.
    calendar.pop("X-WR-TIMEZONE", None)
    skipped: list[SkippedEvent] = []
    cancelled: set[str] = set()
    _drop_unusable_events(calendar, skipped, cancelled)
    _give_each_event_a_stable_uid(calendar)
    series_uids = {
        str(component.get("UID"))
        for component in calendar.walk("VEVENT")
        if {"RRULE", "RDATE", "RECURRENCE-ID"} & set(component.keys())
    }

    try:
        occurrences = recurring_ical_events.of(calendar, skip_bad_series=True).between(
            now - settings.lookback, now + settings.horizon
        )
        events = [
            _to_event(component, settings, floating_tz, prodid, series_uids) for component in occurrences
        ]
    except (ValueError, TypeError, KeyError, recurring_ical_events.InvalidCalendar) as err:
        # A library corner we did not foresee: the feed is refused as a whole, never a traceback.
        return FeedError(FeedErrorKind.MALFORMED, str(err)[:200])
    events.sort(key=lambda event: (event.checkin, event.event_id))
    platform = extract.platform_of(prodid, next((event.uid for event in events), ""))
    return ParsedFeed(
        events=tuple(events),
        skipped=tuple(skipped),
        cancelled_uids=frozenset(cancelled),
        platform=platform,
    )


def _refuse_outright(raw: bytes, max_bytes: int) -> FeedError | None:
    """Return why the bytes cannot be a usable calendar without parsing them, or None."""
    if len(raw) > max_bytes:
        return FeedError(FeedErrorKind.TOO_LARGE, f"{len(raw)} bytes > {max_bytes}")
    head = raw.removeprefix(_BOM).lstrip()[:512].lower()
    if not head:
        return FeedError(FeedErrorKind.EMPTY)
    if head.startswith(b"<"):
        return FeedError(
            FeedErrorKind.HTML, "the server sent a web page (a login page?) instead of a calendar"
        )
    if head[:1] in (b"{", b"["):
        return FeedError(FeedErrorKind.JSON, "the server sent JSON instead of a calendar")
    if not head.startswith(b"begin:vcalendar"):
        return FeedError(FeedErrorKind.NOT_ICALENDAR, "the feed does not start with BEGIN:VCALENDAR")
    if b"end:vcalendar" not in raw[-512:].lower():
        return FeedError(FeedErrorKind.TRUNCATED, "the feed ends before END:VCALENDAR")
    return None


def _x_wr_timezone(calendar: icalendar.Calendar) -> ZoneInfo | None:
    """Return the zone a feed declares for its floating times (X-WR-TIMEZONE), if it is a known zone."""
    name = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except ValueError, KeyError, OSError:
        return None


def _drop_unusable_events(
    calendar: icalendar.Calendar, skipped: list[SkippedEvent], cancelled: set[str]
) -> None:
    """Remove cancelled events and events without a usable start, noting each."""
    kept: list[icalendar.cal.Component] = []
    for component in calendar.subcomponents:
        if component.name != "VEVENT":
            kept.append(component)
            continue
        uid = str(component.get("UID", ""))
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            cancelled.add(uid)
            continue
        if "DTSTART" not in component:
            skipped.append(SkippedEvent(uid, SkipReason.NO_START))
            continue
        # icalendar keeps an unreadable value (a bad date, an unknown TZID) as a non-date instead of raising.
        start = component.decoded("DTSTART")
        end = component.decoded("DTEND") if "DTEND" in component else None
        if not isinstance(start, date) or (end is not None and type(end) is not type(start)):
            skipped.append(SkippedEvent(uid, SkipReason.BAD_DATES, "DTSTART/DTEND are not dates of one kind"))
            continue
        if end is not None and _as_comparable(end) < _as_comparable(start):
            skipped.append(SkippedEvent(uid, SkipReason.ENDS_BEFORE_START))
            continue
        kept.append(component)
    calendar.subcomponents = kept


def _as_comparable(value: date) -> date | datetime:
    """Return a DTSTART/DTEND value that compares with its partner (floating times are taken as UTC)."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _give_each_event_a_stable_uid(calendar: icalendar.Calendar) -> None:
    """Fill in missing UIDs and split duplicate ones, deterministically from the event's own content.

    Overrides of a recurring series (RECURRENCE-ID) legitimately share their series' UID and are left alone.
    """
    seen: set[str] = set()
    for component in calendar.walk("VEVENT"):
        if "RECURRENCE-ID" in component:
            continue
        uid = str(component.get("UID", "")).strip()
        if not uid or uid in seen:
            fingerprint = "|".join(
                str(component.get(name, "")) for name in ("UID", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION")
            )
            digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:16]
            uid = f"{uid or 'derived'}#{digest}"
            component["UID"] = uid
        seen.add(uid)


def _local(value: date, floating_tz: ZoneInfo, property_tz: ZoneInfo) -> datetime | date:
    """Return a DTSTART/DTEND value as a property-local datetime, or a plain date for all-day values."""
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is None:  # floating: in the calendar's zone
        value = value.replace(tzinfo=floating_tz)
    return value.astimezone(property_tz)


def _at(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """Return the aware local instant of a wall-clock time on a day in a zone."""
    return datetime.combine(day, clock, tzinfo=zone)


def _to_event(
    component: icalendar.cal.Component,
    settings: FeedSettings,
    floating_tz: ZoneInfo,
    prodid: str,
    series_uids: set[str],
) -> FeedEvent:
    """Turn one occurrence into a classified event with check-in and check-out in the property's zone."""
    uid = str(component.get("UID", ""))
    zone = settings.property_tz
    start = _local(component.decoded("DTSTART"), floating_tz, zone)
    end = _local(component.decoded("DTEND"), floating_tz, zone) if "DTEND" in component else start
    start_day = start.date() if isinstance(start, datetime) else start
    end_day = end.date() if isinstance(end, datetime) else end

    if (
        isinstance(start, datetime)
        and isinstance(end, datetime)
        and settings.honor_event_times
        and end > start
    ):
        checkin, checkout = start, end
    else:
        # No end, or an end on the start day, means one night.
        checkout_day = end_day if end_day > start_day else start_day + timedelta(days=1)
        checkin = _at(start_day, settings.checkin_time, zone)
        checkout = _at(checkout_day, settings.checkout_time, zone)

    summary = str(component.get("SUMMARY", ""))
    description = str(component.get("DESCRIPTION", ""))
    code, url = extract.reservation_reference(description)
    event_id = uid
    if uid in series_uids:
        # An occurrence is named by its original slot in the series, which a moved override keeps.
        slot = component.decoded("RECURRENCE-ID") if "RECURRENCE-ID" in component else start_day
        slot_day = slot.date() if isinstance(slot, datetime) else slot
        event_id = f"{uid}@{slot_day.isoformat()}"
    created = component.decoded("CREATED") if "CREATED" in component else None
    return FeedEvent(
        event_id=event_id,
        calendar_id=settings.calendar_id,
        uid=uid,
        kind=extract.classify(summary, settings.patterns),
        checkin=checkin,
        checkout=checkout,
        summary=summary,
        description=description,
        all_day=not isinstance(start, datetime),
        guest_name=extract.guest_name(summary, description),
        phone_digits=extract.phone_digits(description, settings.patterns),
        reservation_code=code,
        reservation_url=url,
        guest_count=extract.guest_count(description),
        email=extract.email(description),
        platform=extract.platform_of(prodid, uid),
        created=created.astimezone(UTC) if isinstance(created, datetime) and created.tzinfo else None,
    )


def events_from_records(
    records: Iterable[Mapping[str, str]], settings: FeedSettings, now: datetime
) -> ParsedFeed:
    """Read events a Home Assistant calendar entity listed (start/end as ISO dates or datetimes).

    Such calendars give no UID, so an event's id is derived from its summary and dates; the rest (classes,
    phone digits, times) is read exactly as from an iCal feed.
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Home Assistant calendar//guest_pins//EN"]
    for record in records:
        start, end = record.get("start", ""), record.get("end", "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_record_uid(record)}",
            _ical_date("DTSTART", start),
            *([_ical_date("DTEND", end)] if end else []),
            f"SUMMARY:{_ical_text(record.get('summary', ''))}",
            f"DESCRIPTION:{_ical_text(record.get('description', ''))}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    # The events are already in memory: the size cap guards downloads, not this.
    result = parse_feed("\r\n".join(lines).encode(), replace(settings, max_bytes=2**62), now)
    assert isinstance(result, ParsedFeed)  # noqa: S101 - we wrote a well-formed calendar
    return result


def _record_uid(record: Mapping[str, str]) -> str:
    """Return a stable id for a calendar-entity event from what identifies it."""
    fingerprint = "|".join(record.get(key, "") for key in ("summary", "start", "end"))
    return f"ha-{hashlib.sha256(fingerprint.encode()).hexdigest()[:16]}"


def _ical_date(name: str, value: str) -> str:
    """Return a DTSTART/DTEND line for an ISO date or datetime."""
    if "T" not in value:
        return f"{name};VALUE=DATE:{date.fromisoformat(value):%Y%m%d}"
    instant = datetime.fromisoformat(value)
    if instant.tzinfo is None:
        return f"{name}:{instant:%Y%m%dT%H%M%S}"
    return f"{name}:{instant.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def _ical_text(value: str) -> str:
    """Escape a TEXT value (backslash, comma, semicolon, newline) for one iCal line."""
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")
