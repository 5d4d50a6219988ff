"""Rental feeds -> classified events, with icalendar and recurring-ical-events doing the iCal work.

A whole feed is refused (typed `FeedError`) when it cannot be trusted to be complete: empty, HTML, JSON,
oversized, truncated, unreadable, or holding more events than any booking calendar does. A truncated feed is
refused rather than read in part, because stays missing from it would look cancelled and their codes would be
removed: a lockout. Single bad events in an otherwise sound feed are skipped and listed with the reason.

Feeds come from servers we do not control, so what reading one costs is bounded before it is paid: the size
of the body, the events of a feed, the occurrences of a series, and the steps dateutil walks to find them (it
walks a rule period by period from its DTSTART, and on to the year 9999 for a rule that never occurs).

Most platforms send no ETag, so most syncs fetch a feed that did not change. `read_feed` reads a window a day
longer than the horizon and keeps, with each occurrence, the span the window was compared with; `narrow` then
gives what reading the same bytes at any instant of that day would, for the cost of a comparison per event.
"""

import codecs
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
import hashlib
import re
from zoneinfo import ZoneInfo

import icalendar

from . import extract
from .model import FeedError, FeedErrorKind, FeedEvent, FeedResult, ParsedFeed, SkippedEvent, SkipReason
from .recurrence import (
    DETAIL_LENGTH,
    MAX_EVENT_LENGTH,
    MAX_EVENTS_PER_FEED,
    RECURRENCE_PROPERTIES,
    Budget,
    TooManyEventsError,
    describe,
    in_window,
    occurrence_span,
    occurrences,
)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_HORIZON = timedelta(days=365)
# Past stays stay visible this long, so a code whose stay just ended is still known until it is revoked.
DEFAULT_LOOKBACK = timedelta(days=30)
# How much further than the horizon a feed is read: for a day, an unchanged feed is narrowed, not read again.
READ_AHEAD = timedelta(days=1)
# icalendar's own unfolding (a line break, blank lines, then a space or tab), applied to the bytes: RFC 5545
# folds at 75 octets, which may split a UTF-8 character, so the text is only decoded once it is whole again.
_FOLD = re.compile(rb"(?:(?<!\n)\r\n|(?<![\r\n])\n)(?:\r?\n)*[ \t]")
_FOLD_TEXT = re.compile(r"(?:(?<!\n)\r\n|(?<![\r\n])\n)(?:\r?\n)*[ \t]")
# UTF-16 by its byte-order mark, or by the zero byte beside the B of BEGIN:VCALENDAR when it has none.
_UTF16 = {
    codecs.BOM_UTF16_LE: "utf-16",
    codecs.BOM_UTF16_BE: "utf-16",
    b"B\x00": "utf-16-le",
    b"\x00B": "utf-16-be",
}


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
    max_events: int = MAX_EVENTS_PER_FEED
    patterns: extract.Patterns = field(default_factory=extract.Patterns.compile)


@dataclass(frozen=True, slots=True)
class FeedRead:
    """A feed read at `read_at` over a window reaching `ahead` further than the horizon.

    `parsed` is what the feed gives at `read_at`; `events` are all the window's occurrences, each with its
    `span`: its start and end as the window was compared with them (what `narrow` compares again).
    """

    parsed: ParsedFeed
    settings: FeedSettings
    read_at: datetime
    ahead: timedelta
    events: tuple[FeedEvent, ...]
    spans: tuple[tuple[datetime, datetime], ...]
    prodid: str


def parse_feed(raw: bytes, settings: FeedSettings, now: datetime) -> FeedResult:
    """Read an iCal feed into its events between `now - lookback` and `now + horizon`.

    Never raises: whatever the bytes, the answer is a `ParsedFeed` or a `FeedError` that says why.
    """
    read = read_feed(raw, settings, now, timedelta(0))
    return read if isinstance(read, FeedError) else read.parsed


def read_feed(
    raw: bytes, settings: FeedSettings, now: datetime, ahead: timedelta = READ_AHEAD
) -> FeedRead | FeedError:
    """Read a feed at `now` so that `narrow` can tell what it gives until `now + ahead` (see `parse_feed`).

    A window that decided what was read (a series skipped for what it holds, a cap the wider window passed)
    might read differently a day earlier: then the feed is read at `now` alone, and `narrow` says nothing.
    """
    if len(raw) > settings.max_bytes:
        return FeedError(FeedErrorKind.TOO_LARGE, f"{len(raw)} bytes > {settings.max_bytes}")
    text = _decode(raw)
    if error := _refuse_outright(text):
        return error
    if ahead > timedelta(0):
        try:
            wide, window_bound = _parse(text, settings, now, ahead)
        except Exception:  # noqa: BLE001 - whatever failed over the wider window is decided at `now` alone
            window_bound = True
        if not window_bound:
            return wide
    try:
        return _parse(text, settings, now, timedelta(0))[0]
    except TooManyEventsError as err:
        return FeedError(FeedErrorKind.TOO_MANY_EVENTS, str(err))
    except Exception as err:  # noqa: BLE001 - the promise is a typed answer for any bytes, never a traceback
        # A library corner we did not foresee: the feed is refused as a whole and says what went wrong.
        return FeedError(FeedErrorKind.MALFORMED, describe(err))


def narrow(read: FeedRead, settings: FeedSettings, now: datetime) -> ParsedFeed | None:
    """Return what reading the same bytes at `now` would give, or None when `read` cannot tell.

    It can from its own instant to `ahead` later, with the same settings and the same kind of clock (the
    window's zone is the one whole days are compared in).
    """
    if (
        not read.read_at <= now <= read.read_at + read.ahead
        or now.tzinfo is not read.read_at.tzinfo
        or (settings is not read.settings and settings != read.settings)
    ):
        return None
    events = _within(read.events, read.spans, now - settings.lookback, now + settings.horizon)
    return _parsed(events, read.parsed, read.prodid)


def _within(
    events: tuple[FeedEvent, ...],
    spans: tuple[tuple[datetime, datetime], ...],
    start: datetime,
    end: datetime,
) -> tuple[FeedEvent, ...]:
    """Return the events whose spans the library would find in the window, by its own comparison."""
    return tuple(event for event, span in zip(events, spans, strict=True) if in_window(span, start, end))


def _parsed(events: tuple[FeedEvent, ...], rest: ParsedFeed, prodid: str) -> ParsedFeed:
    """Return a reading of some events, with what was skipped and cancelled (no window decides those)."""
    platform = extract.platform_of(prodid, next((event.uid for event in events), ""))
    return ParsedFeed(events, rest.skipped, rest.cancelled_uids, platform)


def is_utf16(raw: bytes) -> bool:
    """Return whether a feed's bytes are read as UTF-16 (see `_decode`)."""
    return raw[:2].upper() in _UTF16


def _decode(raw: bytes) -> str:
    """Return a feed's text: UTF-8 (with or without a byte-order mark), UTF-16, else Windows-1252.

    RFC 5545 says UTF-8; servers that do not send it mostly send Windows-1252 (a superset of Latin-1's
    printable characters), and the five bytes that code leaves unassigned become U+FFFD.
    """
    if encoding := _UTF16.get(raw[:2].upper()):
        return _FOLD_TEXT.sub("", raw.decode(encoding, errors="replace"))
    unfolded = _FOLD.sub(b"", raw.removeprefix(codecs.BOM_UTF8))
    try:
        return unfolded.decode()
    except UnicodeDecodeError:
        return unfolded.decode("cp1252", errors="replace")


def _refuse_outright(text: str) -> FeedError | None:
    """Return why the text cannot be a usable calendar without parsing it, or None."""
    head = text.lstrip()[:512].lower()
    if not head:
        return FeedError(FeedErrorKind.EMPTY, "the server sent no content")
    if head.startswith("<"):
        return FeedError(
            FeedErrorKind.HTML, "the server sent a web page (a login page?) instead of a calendar"
        )
    if head[:1] in ("{", "["):
        return FeedError(FeedErrorKind.JSON, "the server sent JSON instead of a calendar")
    if not head.startswith("begin:vcalendar"):
        return FeedError(FeedErrorKind.NOT_ICALENDAR, "the feed does not start with BEGIN:VCALENDAR")
    if "end:vcalendar" not in text[-512:].lower():
        return FeedError(FeedErrorKind.TRUNCATED, "the feed ends before END:VCALENDAR")
    return None


def _parse(
    text: str, settings: FeedSettings, now: datetime, ahead: timedelta
) -> tuple[FeedRead | FeedError, bool]:
    """Read a feed's text that looks like a calendar, and whether its window decided what was read.

    Raises on what cannot be read.
    """
    # Bytes, not text: icalendar reads a string without line breaks as the path of a file to open.
    calendar = icalendar.Calendar.from_ical(text.encode())
    prodid = str(calendar.get("PRODID", ""))
    floating_tz = settings.calendar_tz or _x_wr_timezone(calendar) or settings.property_tz
    # Read above and applied here to floating times only; recurring-ical-events would otherwise apply it
    # itself, ahead of a per-calendar override, and fail on a zone name tzdata does not know.
    calendar.pop("X-WR-TIMEZONE", None)
    if (scale := str(calendar.get("CALSCALE", "GREGORIAN"))).upper() != "GREGORIAN":
        return FeedError(FeedErrorKind.MALFORMED, f"the calendar scale is {scale[:50]}, not Gregorian"), False
    skipped: list[SkippedEvent] = []
    cancelled: set[str] = set()
    components = _usable_events(calendar, skipped, cancelled)
    _give_each_event_a_stable_uid(components)

    start, end = now - settings.lookback, now + settings.horizon + ahead
    budget = Budget(settings.max_events)
    read: list[tuple[FeedEvent, tuple[datetime, datetime]]] = []
    for uid, series in _by_uid(components).items():
        found = occurrences(series, start, end, budget)
        if isinstance(found, SkippedEvent):
            skipped.append(found)
            continue
        recurring = any(
            name in component for component in series for name in ("RRULE", "RDATE", "RECURRENCE-ID")
        )
        read.extend(
            (
                _to_event(component, settings, floating_tz, prodid, series_uid=uid if recurring else None),
                occurrence_span(component, start.tzinfo),
            )
            for component in found
        )
    read.sort(key=lambda item: (item[0].checkin, item[0].event_id))
    events, spans = tuple(event for event, _ in read), tuple(span for _, span in read)
    # The library left out what lies past the wider window; what lies past `now`'s own is left out here.
    at_now = _within(events, spans, start, now + settings.horizon) if ahead else events
    rest = ParsedFeed((), tuple(skipped), frozenset(cancelled))
    feed_read = FeedRead(_parsed(at_now, rest, prodid), settings, now, ahead, events, spans, prodid)
    return feed_read, budget.window_bound


def _x_wr_timezone(calendar: icalendar.Calendar) -> ZoneInfo | None:
    """Return the zone a feed declares for its floating times (X-WR-TIMEZONE), if it is a known zone."""
    name = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except ValueError, KeyError, OSError:
        return None


def _usable_events(
    calendar: icalendar.Calendar, skipped: list[SkippedEvent], cancelled: set[str]
) -> list[icalendar.cal.Component]:
    """Return the calendar's events that can be read, noting cancelled ones and skipping unusable ones.

    Events nested inside other components are read as well (recurring-ical-events always did); each is cut
    loose from its children, so it is expanded once, on its own.
    """
    kept: list[icalendar.cal.Component] = []
    for component in calendar.walk("VEVENT"):
        component.subcomponents = []
        uid = str(component.get("UID", ""))
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            cancelled.add(uid)
        elif skip := _unusable(component, uid):
            skipped.append(skip)
        else:
            kept.append(component)
    return kept


def _unusable(component: icalendar.cal.Component, uid: str) -> SkippedEvent | None:
    """Return why an event cannot be used (no start, unreadable dates or recurrence), or None."""
    if "DTSTART" not in component:
        return SkippedEvent(uid, SkipReason.NO_START)
    # icalendar keeps an unreadable value (a bad date, an unknown TZID) as text and notes it in `errors`.
    broken = dict(component.errors)
    for name in RECURRENCE_PROPERTIES:
        if name in broken:
            return SkippedEvent(uid, SkipReason.BAD_RECURRENCE, f"{name}: {broken[name]}"[:DETAIL_LENGTH])
    start = component.decoded("DTSTART")
    end = component.decoded("DTEND") if "DTEND" in component else None
    if not isinstance(start, date) or (end is not None and type(end) is not type(start)):
        return SkippedEvent(uid, SkipReason.BAD_DATES, "DTSTART/DTEND are not dates of one kind")
    duration = component.decoded("DURATION") if "DURATION" in component else timedelta(0)
    if not isinstance(duration, timedelta):
        return SkippedEvent(uid, SkipReason.BAD_DATES, "DURATION is not a duration")
    length = _as_comparable(end) - _as_comparable(start) if end is not None else duration
    if length < timedelta(0):
        return SkippedEvent(uid, SkipReason.ENDS_BEFORE_START)
    if length > MAX_EVENT_LENGTH:
        return SkippedEvent(uid, SkipReason.BAD_DATES, f"it lasts {length.days} days, more than ten years")
    return None


def _as_comparable(value: date) -> date | datetime:
    """Return a DTSTART/DTEND value that compares with its partner (floating times are taken as UTC)."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _give_each_event_a_stable_uid(components: list[icalendar.cal.Component]) -> None:
    """Fill in missing UIDs and split duplicate ones, deterministically from the event's own content.

    Overrides of a recurring series (RECURRENCE-ID) legitimately share their series' UID and are left alone.
    """
    seen: set[str] = set()
    for component in components:
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


def _by_uid(components: list[icalendar.cal.Component]) -> dict[str, list[icalendar.cal.Component]]:
    """Group the events into series: one event, or a recurring event with its overrides (one UID)."""
    series: dict[str, list[icalendar.cal.Component]] = {}
    for component in components:
        series.setdefault(str(component.get("UID", "")), []).append(component)
    return series


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
    series_uid: str | None,
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
    if series_uid is not None:
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
        phone=extract.phone_number(description, settings.patterns),
        reservation_code=code,
        reservation_url=url,
        guest_count=extract.guest_count(description),
        email=extract.email(description),
        platform=extract.platform_of(prodid, uid),
        created=created.astimezone(UTC) if isinstance(created, datetime) and created.tzinfo else None,
    )
