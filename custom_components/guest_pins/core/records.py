"""Events of a Home Assistant calendar entity -> classified events with ids that survive the host's edits.

`calendar.get_events` lists events without their UID, so an event is known by its summary and dates. When
the host edits one of those, the event would look like a new one: a new stay, and for a guest already
inside, a new code. So each read is matched with the one before: an event keeps the id it had when its
summary and dates are unchanged, and otherwise takes the id of an event that vanished from the calendar and
overlaps it with the same summary or the same description (the edit of that event). The rest (classes,
phone digits, times) is read exactly as from an iCal feed.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
import hashlib
from zoneinfo import ZoneInfo

from .feeds import FeedSettings, parse_feed
from .model import ParsedFeed

type Record = Mapping[str, str]


def identify_records(
    records: Iterable[Record], previous: Sequence[Record], zone: ZoneInfo
) -> list[dict[str, str]]:
    """Return the records, each with a "uid": the one the same event had in the `previous` read.

    `previous` are the records of the last read as this function returned them; `zone` reads dates and
    times without a zone (the property's).
    """
    known = {_fingerprint(record): record["uid"] for record in previous if record.get("uid")}
    identified = [dict(record) for record in records]
    taken: set[str] = set()
    unmatched: list[dict[str, str]] = []
    for record in identified:
        uid = known.get(_fingerprint(record))
        if uid is not None and uid not in taken:
            record["uid"] = uid
            taken.add(uid)
        else:
            unmatched.append(record)
    vanished = [record for record in previous if record.get("uid") and record["uid"] not in taken]
    for record in unmatched:
        edited = next(
            (old for old in vanished if old["uid"] not in taken and _same_event(old, record, zone)), None
        )
        uid = edited["uid"] if edited is not None else _record_uid(record)
        number = 2
        while uid in taken:  # the same event listed twice: each its own id
            uid = f"{_record_uid(record)}-{number}"
            number += 1
        record["uid"] = uid
        taken.add(uid)
    return identified


def events_from_records(records: Iterable[Record], settings: FeedSettings, now: datetime) -> ParsedFeed:
    """Read events a Home Assistant calendar entity listed (start/end as ISO dates or datetimes).

    A record's "uid" (from `identify_records`) is its event's id; without one the id is derived from its
    summary and dates.
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Home Assistant calendar//guest_pins//EN"]
    for record in records:
        start, end = record.get("start", ""), record.get("end", "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_ical_text(record.get('uid') or _record_uid(record))}",
            _ical_date("DTSTART", start),
            *([_ical_date("DTEND", end)] if end else []),
            f"SUMMARY:{_ical_text(record.get('summary', ''))}",
            f"DESCRIPTION:{_ical_text(record.get('description', ''))}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    # The events are already in memory, one per record: the size and event caps guard downloads, not this.
    unbounded = replace(settings, max_bytes=2**62, max_events=2**62)
    result = parse_feed("\r\n".join(lines).encode(), unbounded, now)
    assert isinstance(result, ParsedFeed)  # noqa: S101 - we wrote a well-formed calendar
    return result


def _fingerprint(record: Record) -> tuple[str, str, str]:
    """Return what names an event when nothing else does: its summary and dates."""
    return record.get("summary", ""), record.get("start", ""), record.get("end", "")


def _record_uid(record: Record) -> str:
    """Return an id derived from what identifies a calendar-entity event."""
    fingerprint = "|".join(_fingerprint(record))
    return f"ha-{hashlib.sha256(fingerprint.encode()).hexdigest()[:16]}"


def _same_event(old: Record, new: Record, zone: ZoneInfo) -> bool:
    """Return whether a record is an edit of a vanished one: they overlap, with one summary or description."""
    same_text = any(old.get(key) and old.get(key) == new.get(key) for key in ("summary", "description"))
    if not same_text:
        return False
    try:
        old_start, old_end = _span(old, zone)
        new_start, new_end = _span(new, zone)
    except ValueError:
        return False
    return old_start < new_end and new_start < old_end


def _span(record: Record, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Return the instants a record spans (a day when it has no end)."""
    start = _instant(record.get("start", ""), zone)
    end = _instant(record["end"], zone) if record.get("end") else start + timedelta(days=1)
    return start, max(end, start + timedelta(minutes=1))


def _instant(value: str, zone: ZoneInfo) -> datetime:
    """Return an ISO date (its midnight) or datetime (naive ones in `zone`) as an aware instant."""
    if "T" not in value:
        day = date.fromisoformat(value)
        return datetime(day.year, day.month, day.day, tzinfo=zone)
    instant = datetime.fromisoformat(value)
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=zone)


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
