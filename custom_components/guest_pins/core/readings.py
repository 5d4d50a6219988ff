"""What names a calendar's reading, and the reading as JSON (a restart starts from it, parsing no feed).

A property of hundreds of calendars would otherwise parse each cached feed before its set-up could finish.
What a reading holds depends on the settings it was read with (times, zones, patterns): `settings_key` names
them, and a reading kept under other settings is not used. It depends on the feed's bytes too, but not on its
DTSTAMP lines, which many platforms set to the moment of each request: `content_digest` leaves them out, so
an unchanged feed is recognised as one.
"""

from dataclasses import fields
from datetime import datetime
import hashlib
import re
from typing import Any
from zoneinfo import ZoneInfo

from .feeds import FeedSettings, is_utf16
from .model import EventKind, FeedEvent, ParsedFeed, Platform, SkippedEvent, SkipReason

# A DTSTAMP property line of a plain UTC or floating time, not folded and not followed by a continuation
# (that would join the line before once this one is gone): nothing a reading holds depends on it.
_DTSTAMP = re.compile(
    rb"^DTSTAMP(?:;[A-Za-z0-9=/_.+-]*)*:[0-9]{8}T[0-9]{6}Z?\r?\n(?!(?:\r?\n)*[ \t])", re.MULTILINE
)
# Local times with their zone and fold: a wall time in a zone's gap or overlap comes back as it was.
_LOCAL = ("checkin", "checkout")


def content_digest(raw: bytes) -> str:
    """Return a digest of what a feed's reading depends on: its bytes without plain DTSTAMP lines.

    Two bodies with one digest read the same (a DTSTAMP in any other form stays in, and only costs a parse).
    A UTF-16 body is taken whole: its bytes are not lines of text.
    """
    return hashlib.sha256(raw if is_utf16(raw) else _DTSTAMP.sub(b"", raw)).hexdigest()


def settings_key(settings: FeedSettings) -> str:
    """Return a digest of the settings a feed is read with (their repr: zones, times, windows, patterns)."""
    return hashlib.sha256(repr(settings).encode()).hexdigest()


def reading_to_json(parsed: ParsedFeed) -> dict[str, Any]:
    """Return a reading as JSON-ready values."""
    return {
        "events": [_event_to_json(event) for event in parsed.events],
        "skipped": [[skip.uid, skip.reason.value, skip.detail] for skip in parsed.skipped],
        "cancelled": sorted(parsed.cancelled_uids),
        "platform": parsed.platform.value,
    }


def reading_from_json(data: dict[str, Any]) -> ParsedFeed:
    """Return a reading from `reading_to_json`'s values."""
    return ParsedFeed(
        events=tuple(_event_from_json(event) for event in data["events"]),
        skipped=tuple(
            SkippedEvent(uid, SkipReason(reason), detail) for uid, reason, detail in data["skipped"]
        ),
        cancelled_uids=frozenset(data["cancelled"]),
        platform=Platform(data["platform"]),
    )


def _event_to_json(event: FeedEvent) -> dict[str, Any]:
    """Return an event's fields as JSON-ready values."""
    values: dict[str, Any] = {field.name: getattr(event, field.name) for field in fields(FeedEvent)}
    for name in _LOCAL:
        local: datetime = values[name]
        values[name] = [local.replace(tzinfo=None).isoformat(), local.fold, str(local.tzinfo)]
    values["created"] = event.created.isoformat() if event.created else None
    return values


def _event_from_json(data: dict[str, Any]) -> FeedEvent:
    """Return an event from `_event_to_json`'s values."""
    values = dict(data)
    for name in _LOCAL:
        wall, fold, zone = values[name]
        values[name] = datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(zone), fold=fold)
    values["created"] = datetime.fromisoformat(values["created"]) if values["created"] else None
    values["kind"], values["platform"] = EventKind(values["kind"]), Platform(values["platform"])
    return FeedEvent(**values)
