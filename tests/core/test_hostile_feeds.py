"""The feed parser under hostile input: random feeds never raise, stay fast and bounded, and say why.

The generator builds VCALENDAR text from random events: dates as DATE, UTC, floating and TZID times (known,
unknown, Windows and invented zones, with and without a VTIMEZONE), garbage values, DURATION, RRULEs up to
FREQ=SECONDLY without an end, huge COUNTs and impossible BYxxx combinations, EXDATE, RDATE, overrides that
match their series or none, cancelled events, missing and duplicate UIDs, non-ASCII text, stray lines, five
encodings, both line ends and folds at any byte, inside multi-byte characters too.
"""

import codecs
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
import itertools
from pathlib import Path
import time
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, event, given, settings, strategies as st
import pytest

from custom_components.guest_pins.core import recurrence
from custom_components.guest_pins.core.feeds import FeedSettings, parse_feed
from custom_components.guest_pins.core.model import FeedError, FeedErrorKind, ParsedFeed, SkipReason
from custom_components.guest_pins.core.records import events_from_records
from custom_components.guest_pins.core.recurrence import MAX_EVENTS_PER_FEED, MAX_OCCURRENCES_PER_SERIES

from .builders import BERLIN, NEW_YORK, NOW

LORD_HOWE = ZoneInfo("Australia/Lord_Howe")  # a half-hour DST shift
# Far above what a parse takes here (milliseconds, a quarter second for a rule that never occurs), far below
# the minutes an unbounded expansion takes.
TIME_LIMIT = 3.0
# The property's zone and the check-in/-out times move an event up to a day or so off its dates.
SLACK = timedelta(days=2)
WINDOW = (NOW - FeedSettings("x", BERLIN).lookback, NOW + FeedSettings("x", BERLIN).horizon)
SUB_DAILY = ("SECONDLY", "MINUTELY", "HOURLY")
TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
INVENTED_ZONE = "Custom/Hostile Standard Time"
INVENTED_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{INVENTED_ZONE}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0545",
    "TZOFFSETTO:+0545",
    "END:STANDARD",
    "END:VTIMEZONE",
)
ZONE_NAMES = (
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Mars/Olympus",
    "W. Europe Standard Time",
    INVENTED_ZONE,
)
# Days around NOW (a small pool, so overrides and EXDATEs hit their series' occurrences), and extremes.
DAY_OFFSETS = (-400, -31, -1, 0, 1, 2, 7, 30, 200, 364, 366)
EXTREME_DAYS = (date(1, 1, 1), date(1, 1, 2), date(1900, 2, 28), date(9999, 12, 30), date(9999, 12, 31))
GARBAGE_VALUES = ("tomorrow", "2026-12-01", "20261301", "20261232T250000", "", "20261201T1000", "T", "-1")
TEXTS = (
    "Reserved",
    "Reserved - José Müller",
    "Airbnb (Not available)",
    "CLOSED - Not available",
    "Blocked",
    "予約済み - 山田太郎",
    "محجوز",
    "Guest: Zoë 🏖️\\nPhone Number (Last 4 Digits): 4567",
    "Reservation URL: https://www.airbnb.com/hosting/reservations/details/HMABCD1234",
    "a\\,b\\;c\\\\",
    "e\u0301\u200b\ufeff",
)
STRAY_LINES = (
    "hello world",
    "BEGIN:VTODO",
    "END:VEVENT",
    ":",
    "X-GARBAGE;;;:",
    "DTSTART",
    "BEGIN:VEVENT",
    "\x00",
    "BEGIN:VALARM",
    "RRULE:FREQ=SECONDLY",
)
# Rules that expand to millions, or that never occur (dateutil would walk to the year 9999 looking).
NASTY_RULES = (
    "FREQ=SECONDLY",
    "FREQ=MINUTELY;COUNT=1000000000",
    "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY;BYSETPOS=2",
    "FREQ=DAILY;INTERVAL=7;BYDAY=MO",
    "FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1",
    "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6",
    "FREQ=DAILY;COUNT=1000000000",
)
ENCODINGS = ("utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16")


@dataclass(frozen=True, slots=True)
class HostileFeed:
    """A generated feed and what the generator knows of it."""

    raw: bytes
    sub_daily_uids: frozenset[str]


@st.composite
def days(draw: st.DrawFn) -> date:
    """Draw a day near NOW from a small pool, or an extreme one."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(EXTREME_DAYS))
    return NOW.date() + timedelta(days=draw(st.sampled_from(DAY_OFFSETS)))


def _later(day: date, days_later: int) -> date:
    """Return a day some days later, the last day datetime knows at most."""
    return date.fromordinal(min(day.toordinal() + days_later, date.max.toordinal()))


KINDS = ("date", "utc", "floating", "tzid", "garbage")


@st.composite
def when(draw: st.DrawFn, day: date | None = None, kind: str | None = None) -> str:
    """Draw a property's parameters and value: a DATE, a UTC, floating or TZID time, or garbage."""
    day = day or draw(days())
    clock = f"T{draw(st.sampled_from((0, 10, 16, 23))):02}0000"
    match kind or draw(st.sampled_from(KINDS)):
        case "date":
            return f";VALUE=DATE:{day:%Y%m%d}"
        case "utc":
            return f":{day:%Y%m%d}{clock}Z"
        case "floating":
            return f":{day:%Y%m%d}{clock}"
        case "tzid":
            return f";TZID={draw(st.sampled_from(ZONE_NAMES))}:{day:%Y%m%d}{clock}"
        case _:
            return f":{draw(st.sampled_from(GARBAGE_VALUES))}"


@st.composite
def rrules(draw: st.DrawFn) -> str:
    """Draw an RRULE: any FREQ (or none), endless or with any COUNT/UNTIL, and BYxxx parts sane or not."""
    if draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(NASTY_RULES))
    # Mostly the frequencies a calendar uses, often enough the ones that expand to millions.
    freq = draw(
        st.sampled_from((*SUB_DAILY, "DAILY", "DAILY", "WEEKLY", "WEEKLY", "MONTHLY", "YEARLY", "SOMETIMES"))
    )
    parts = [f"FREQ={freq}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.sampled_from((1, 2, 7, 1000, 0)))}")
    match draw(st.sampled_from(("endless", "count", "until"))):
        case "count":
            parts.append(f"COUNT={draw(st.sampled_from((1, 3, 10**9, -5)))}")
        case "until":
            parts.append(f"UNTIL{draw(when())}".replace(";VALUE=DATE:", "=").replace(":", "=", 1))
        case _:
            pass
    by_parts = {
        "BYDAY": ("MO", "MO,WE,FR", "1MO", "-1FR", "5SU", "XX"),
        "BYMONTH": ("2", "4", "13"),
        "BYMONTHDAY": ("30", "31", "-1", "15", "0"),
        "BYHOUR": ("10", "0,12", ",".join(map(str, range(24)))),
        "BYMINUTE": ("0", "0,30"),
        "BYSECOND": ("0", "0,1,2"),
        "BYSETPOS": ("1", "-1", "2", "0"),
        "BYYEARDAY": ("366", "1", "-1"),
        "BYWEEKNO": ("53", "1"),
        "WKST": ("SU", "MO"),
        "X-FOO": ("1",),
    }
    names = draw(st.lists(st.sampled_from(sorted(by_parts)), max_size=2, unique=True))
    parts.extend(f"{name}={draw(st.sampled_from(by_parts[name]))}" for name in names)
    return ";".join(parts)


@st.composite
def vevents(draw: st.DrawFn, index: int) -> tuple[list[str], str | None]:
    """Draw one VEVENT's lines, and its UID when it carries a sub-daily rule under a UID of its own."""
    uid = draw(st.sampled_from((f"ev{index}@hostile.test", "dup@hostile.test", "series@hostile.test", None)))
    lines = ["BEGIN:VEVENT"] + ([f"UID:{uid}"] if uid else [])
    # Mostly an end of the start's kind a few nights later (so most events can be read), else anything.
    kind, start = draw(st.sampled_from(KINDS[:-1])), draw(days())
    if draw(st.integers(0, 19)):
        lines.append(f"DTSTART{draw(when(start, kind))}")
    match draw(st.sampled_from(("sane", "sane", "sane", "duration", "hostile", "none"))):
        case "sane":
            lines.append(f"DTEND{draw(when(_later(start, draw(st.integers(0, 14))), kind))}")
        case "duration":
            lines.append(
                f"DURATION:{draw(st.sampled_from(('P1D', 'PT3H', 'P3DT4H', '-P2D', 'P10000D', 'forever')))}"
            )
        case "hostile":
            lines.append(f"DTEND{draw(when())}")
        case _:
            pass
    rules = draw(st.lists(rrules(), max_size=2)) if draw(st.booleans()) else []
    lines += [f"RRULE:{rule}" for rule in rules]
    # Near the start and of its kind, so an EXDATE or an override often hits an occurrence of the series.
    for name in draw(
        st.lists(st.sampled_from(("EXDATE", "RDATE", "RECURRENCE-ID")), max_size=2, unique=True)
    ):
        nearby = _later(start, draw(st.sampled_from((0, 1, 7))))
        lines.append(f"{name}{draw(when(nearby, kind) | when())}")
    if draw(st.integers(0, 9)) == 0:
        lines.append("STATUS:CANCELLED")
    lines.append(f"SUMMARY:{draw(st.sampled_from(TEXTS) | st.text(max_size=30).map(_escape))}")
    if draw(st.booleans()):
        lines.append(f"DESCRIPTION:{draw(st.sampled_from(TEXTS))}")
    lines.append("END:VEVENT")
    sub_daily = uid == f"ev{index}@hostile.test" and any(map(_more_than_daily, rules))
    return lines, uid if sub_daily else None


def _more_than_daily(rule: str) -> bool:
    """Return whether a rule recurs more than once a day: a sub-daily FREQ, or several hours or minutes."""
    parts = dict(part.partition("=")[::2] for part in rule.split(";"))
    return parts["FREQ"] in SUB_DAILY or any("," in parts.get(name, "") for name in TIME_PARTS)


def _escape(text: str) -> str:
    """Return free text as an iCal TEXT value on one line (the generator's stray lines come separately)."""
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r", "")
        .replace("\n", "\\n")
    )


@st.composite
def hostile_feeds(draw: st.DrawFn) -> HostileFeed:
    """Draw a whole feed: header, events, stray lines; then an encoding, line ends and folds."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        draw(st.sampled_from(("PRODID:-//Hostile//EN", "PRODID:-//Airbnb Inc//Hosting Calendar 1.0//EN"))),
    ]
    if draw(st.booleans()):
        lines.append(f"X-WR-TIMEZONE:{draw(st.sampled_from(ZONE_NAMES))}")
    if draw(st.booleans()):
        lines += INVENTED_VTIMEZONE
    sub_daily: set[str] = set()
    for index in range(draw(st.integers(0, 8))):
        event, uid = draw(vevents(index))
        lines += event
        if uid:
            sub_daily.add(uid)
    for _ in range(draw(st.integers(0, 2)) if draw(st.integers(0, 3)) == 0 else 0):
        lines.insert(draw(st.integers(1, len(lines))), draw(st.sampled_from(STRAY_LINES)))
    lines.append("END:VCALENDAR")
    encoding = draw(st.sampled_from(ENCODINGS))
    eol = draw(st.sampled_from(("\r\n", "\n")))
    if encoding == "utf-16":
        # Folded as text: a fold inside a UTF-16 code unit would be no fold at all.
        text = eol.join(_fold(line, draw, f"{eol} ") for line in lines) + eol
        return HostileFeed(text.encode(encoding), frozenset(sub_daily))
    # Python's utf-8-sig puts a byte-order mark before every piece it encodes: only the body gets one.
    bom = codecs.BOM_UTF8 if encoding == "utf-8-sig" else b""
    encoded = [line.encode(encoding.removesuffix("-sig"), errors="replace") for line in lines]
    fold = draw(st.sampled_from((b"\r\n ", b"\n ", b"\r\n\t")))
    raw = bom + eol.encode().join(_fold(line, draw, fold) for line in encoded) + eol.encode()
    return HostileFeed(raw, frozenset(sub_daily))


def _fold[T: (str, bytes)](line: T, draw: st.DrawFn, fold: T) -> T:
    """Fold a line at up to three random points inside it (bytes: inside multi-byte characters too)."""
    if len(line) < 2 or not draw(st.booleans()):
        return line
    points = sorted(draw(st.sets(st.integers(1, len(line) - 1), max_size=3)))
    pieces = [line[start:end] for start, end in zip([0, *points], [*points, len(line)], strict=True)]
    return fold.join(pieces)


SETTINGS = st.builds(
    FeedSettings,
    calendar_id=st.just("cal"),
    property_tz=st.sampled_from((BERLIN, NEW_YORK, LORD_HOWE)),
    calendar_tz=st.sampled_from((None, NEW_YORK, LORD_HOWE)),
    honor_event_times=st.booleans(),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(feed=hostile_feeds(), feed_settings=SETTINGS)
def test_a_hostile_feed_never_raises_stays_fast_and_bounded(
    feed: HostileFeed, feed_settings: FeedSettings
) -> None:
    """Whatever the feed: an answer in seconds; a refusal says why; events sane, bounded, in the window."""
    began = time.perf_counter()
    result = parse_feed(feed.raw, feed_settings, NOW)
    elapsed = time.perf_counter() - began
    assert elapsed < TIME_LIMIT, f"{elapsed:.2f} s"
    if isinstance(result, FeedError):
        event(f"refused: {result.kind}")
        assert result.detail.strip(), result
        return
    event(f"read: {min(len(result.events), 10)} events")
    for reason in {skip.reason for skip in result.skipped}:
        event(f"skipped: {reason}")
    assert isinstance(result, ParsedFeed)
    assert len(result.events) <= MAX_EVENTS_PER_FEED
    per_series = Counter(read.uid for read in result.events)
    assert max(per_series.values(), default=0) <= MAX_OCCURRENCES_PER_SERIES
    for read in result.events:
        assert read.checkin.utcoffset() is not None
        assert read.checkout.utcoffset() is not None
        assert read.checkin < read.checkout, read
        assert WINDOW[0] - SLACK <= read.checkout
        assert read.checkin <= WINDOW[1] + SLACK
        # A stay never recurs more than daily: such a series is skipped, never read.
        assert read.uid not in feed.sub_daily_uids, read
    for skip in result.skipped:
        if skip.reason not in {SkipReason.NO_START, SkipReason.ENDS_BEFORE_START}:
            assert skip.detail.strip(), skip


# Latin-1 letters from U+00C0 up only: as bytes they never pair up into valid UTF-8, so a Latin-1 body is
# never mistaken for a UTF-8 one (that ambiguity is the encoding's, not the parser's).
LATIN_TEXT = "abcXYZ 019-éèüößñÉÜ"
WIDE_TEXT = f"{LATIN_TEXT}€\u2019山田太郎🏖️محجوزе́"


@dataclass(frozen=True, slots=True)
class ReadableFeed:
    """A well-formed feed in some encoding, line ends and folding, and the events it must read as."""

    raw: bytes
    expected: frozenset[tuple[str, str, date, date]]


@st.composite
def readable_feeds(draw: st.DrawFn) -> ReadableFeed:
    """Draw well-formed all-day events in the window, written in any encoding, line ends and folds."""
    encoding = draw(st.sampled_from(ENCODINGS))
    alphabet = WIDE_TEXT if encoding in {"utf-8", "utf-8-sig", "utf-16"} else LATIN_TEXT
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Round trip//EN"]
    expected = set()
    for index in range(draw(st.integers(1, 6))):
        checkin = NOW.date() + timedelta(days=draw(st.integers(0, 300)))
        checkout = checkin + timedelta(days=draw(st.integers(1, 14)))
        summary = draw(st.text(alphabet, min_size=1, max_size=40))
        lines += [
            "BEGIN:VEVENT",
            f"UID:rt{index}@round.trip",
            f"DTSTART;VALUE=DATE:{checkin:%Y%m%d}",
            f"DTEND;VALUE=DATE:{checkout:%Y%m%d}",
            f"SUMMARY:{summary}",
            "END:VEVENT",
        ]
        expected.add((f"rt{index}@round.trip", summary, checkin, checkout))
    lines.append("END:VCALENDAR")
    eol = draw(st.sampled_from(("\r\n", "\n")))
    if encoding == "utf-16":
        raw = (eol.join(_fold(line, draw, f"{eol} ") for line in lines) + eol).encode(encoding)
    else:
        bom = codecs.BOM_UTF8 if encoding == "utf-8-sig" else b""
        encoded = [line.encode(encoding.removesuffix("-sig")) for line in lines]
        raw = (
            bom + eol.encode().join(_fold(line, draw, f"{eol} ".encode()) for line in encoded) + eol.encode()
        )
    return ReadableFeed(raw, frozenset(expected))


@settings(max_examples=150, deadline=None)
@given(feed=readable_feeds())
def test_encoding_line_ends_and_folding_never_change_what_is_read(feed: ReadableFeed) -> None:
    """Every event comes back with its exact text and dates, however the body was encoded and folded."""
    result = parse_feed(feed.raw, FeedSettings("cal", BERLIN), NOW)
    assert isinstance(result, ParsedFeed), result
    read = {(event.uid, event.summary, *event.stay_dates) for event in result.events}
    assert read == feed.expected
    assert result.skipped == ()


def calendar(*events: str, header: str = "") -> bytes:
    """Return a CRLF calendar around raw VEVENT bodies."""
    body = "".join(f"BEGIN:VEVENT\r\n{event.strip()}\r\nEND:VEVENT\r\n" for event in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{header}{body}END:VCALENDAR\r\n".encode()


STAY = "UID:stay\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218\r\nSUMMARY:Reserved"


def read(raw: bytes) -> ParsedFeed:
    """Parse a feed that must be readable, and quickly: none of these takes a tenth of a second."""
    began = time.perf_counter()
    result = parse_feed(raw, FeedSettings("cal", BERLIN), NOW)
    assert time.perf_counter() - began < 1.5
    assert isinstance(result, ParsedFeed), result
    return result


def skips(result: ParsedFeed) -> dict[str, SkipReason]:
    """Return each skipped UID's reason."""
    return {skip.uid: skip.reason for skip in result.skipped}


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY",
        "FREQ=MINUTELY",
        "FREQ=HOURLY;COUNT=100000",
        "FREQ=DAILY;BYHOUR=9,21",
        "FREQ=WEEKLY;BYMINUTE=0,30",
        "FREQ=MONTHLY;BYSECOND=0,1",
    ],
)
def test_a_series_recurring_more_than_daily_is_skipped_unexpanded(rule: str) -> None:
    """FREQ=MINUTELY over the window is half a million occurrences (20 s and a gigabyte): never expanded."""
    result = read(calendar(f"UID:often\r\nDTSTART:20261201T100000Z\r\nRRULE:{rule}", STAY))
    assert [event.uid for event in result.events] == ["stay"]
    assert skips(result) == {"often": SkipReason.TOO_FREQUENT}
    assert rule in result.skipped[0].detail


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;BYSETPOS=2",
        "FREQ=DAILY;INTERVAL=7;BYDAY=MO",  # from a Tuesday: every seventh day is a Tuesday
        "FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6;COUNT=3",
    ],
)
def test_a_rule_that_never_occurs_is_skipped_without_walking_to_the_year_9999(rule: str) -> None:
    """Dateutil would look period by period until 9999 (seconds per rule); one 400-year repeat tells."""
    result = read(calendar(f"UID:never\r\nDTSTART;VALUE=DATE:20261201\r\nRRULE:{rule}", STAY))
    assert skips(result) == {"never": SkipReason.BAD_RECURRENCE}
    assert result.skipped[0].detail.endswith("never occurs")


@pytest.mark.parametrize(
    ("rule", "start", "dates"),
    [
        # The fifth Monday of a month: only some months have one.
        ("FREQ=MONTHLY;BYDAY=5MO;COUNT=3", "20261130", ["2026-11-30", "2027-03-29", "2027-05-31"]),
        # A Monday 29 February comes every 28 years or more: rare, but it occurs, so it is not "never".
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", "19960101", []),
        (
            "FREQ=DAILY;INTERVAL=7;BYDAY=TU;UNTIL=20261215",
            "20261201",
            ["2026-12-01", "2026-12-08", "2026-12-15"],
        ),
    ],
)
def test_rare_rules_that_do_occur_are_expanded(rule: str, start: str, dates: list[str]) -> None:
    """The trial finds rules that occur seldom, so only the impossible ones are skipped."""
    result = read(calendar(f"UID:rare\r\nDTSTART;VALUE=DATE:{start}\r\nRRULE:{rule}"))
    assert result.skipped == ()
    assert [event.checkin.date().isoformat() for event in result.events] == dates


def test_a_series_walked_from_antiquity_is_skipped_but_an_old_weekly_one_is_read() -> None:
    """A daily rule from the year 1 is 740,000 steps before the window; a weekly one from 1900 is cheap."""
    result = read(
        calendar(
            "UID:ancient\r\nDTSTART;VALUE=DATE:00010101\r\nRRULE:FREQ=DAILY",
            "UID:old\r\nDTSTART;VALUE=DATE:19000102\r\nRRULE:FREQ=WEEKLY;UNTIL=20261231",
        )
    )
    assert skips(result) == {"ancient": SkipReason.TOO_MANY_OCCURRENCES}
    assert "740306 steps" in result.skipped[0].detail
    assert {event.uid for event in result.events} == {"old"}


def test_a_series_over_its_cap_is_skipped_before_or_after_expanding() -> None:
    """More RDATEs than the cap are refused unread; three daily rules (1,068 occurrences) once expanded."""
    rdates = ",".join(f"{date(2026, 12, 1) + timedelta(hours=hour):%Y%m%dT%H%M%SZ}" for hour in range(1001))
    result = read(
        calendar(
            f"UID:rdates\r\nDTSTART:20261201T000000Z\r\nRDATE:{rdates}",
            "UID:three\r\nDTSTART:20261201T010000Z\r\n"
            + "\r\n".join(f"RRULE:FREQ=DAILY;BYHOUR={hour}" for hour in (1, 2, 3)),
            STAY,
        )
    )
    assert skips(result) == {
        "rdates": SkipReason.TOO_MANY_OCCURRENCES,
        "three": SkipReason.TOO_MANY_OCCURRENCES,
    }
    assert [event.uid for event in result.events] == ["stay"]
    details = {skip.uid: skip.detail for skip in result.skipped}
    assert details["rdates"].startswith("1001 RDATE values")
    assert details["three"].startswith(f"{3 * 356} occurrences")  # 1 December to the end of the window


def test_a_feed_over_the_event_cap_is_refused_not_read_in_part() -> None:
    """26 daily series are 10,296 events in the window: more than any booking calendar holds."""
    series = [f"UID:s{index}\r\nDTSTART;VALUE=DATE:20261101\r\nRRULE:FREQ=DAILY" for index in range(26)]
    result = parse_feed(calendar(*series), FeedSettings("cal", BERLIN), NOW)
    assert result == FeedError(
        FeedErrorKind.TOO_MANY_EVENTS, f"more than {MAX_EVENTS_PER_FEED} events in the window"
    )
    assert isinstance(read(calendar(*series[:25])), ParsedFeed)


def test_a_home_assistant_calendar_is_not_held_to_the_feed_cap() -> None:
    """Events a calendar entity listed are already in memory, one per record: none is refused for the cap."""
    records = [{"start": f"2026-12-{day:02}", "end": f"2026-12-{day + 1:02}"} for day in range(1, 4)]
    result = events_from_records(records, FeedSettings("ha", BERLIN, max_events=2), NOW)
    assert len(result.events) == 3
    assert parse_feed(
        calendar(*(f"UID:{n}\r\nDTSTART;VALUE=DATE:2026120{n}" for n in range(1, 4))),
        FeedSettings("cal", BERLIN, max_events=2),
        NOW,
    ) == FeedError(FeedErrorKind.TOO_MANY_EVENTS, "more than 2 events in the window")


def test_a_feed_over_the_recurrence_budget_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The feed's recurrence work adds up across series (here with a budget of 5,000 steps)."""
    monkeypatch.setattr(recurrence, "MAX_RECURRENCE_WORK", 5_000)
    series = [
        f"UID:s{index}\r\nDTSTART;VALUE=DATE:20200101\r\nRRULE:FREQ=DAILY;COUNT=2" for index in range(2)
    ]
    result = parse_feed(calendar(*series), FeedSettings("cal", BERLIN), NOW)
    assert isinstance(result, FeedError)
    assert result.kind is FeedErrorKind.TOO_MANY_EVENTS
    assert "steps" in result.detail
    assert isinstance(read(calendar(series[0])), ParsedFeed)


@pytest.mark.parametrize(
    ("body", "reason", "detail"),
    [
        (
            "DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:99991231",
            SkipReason.BAD_DATES,
            "more than ten years",
        ),
        ("DTSTART;VALUE=DATE:20261201\r\nDURATION:P4000D", SkipReason.BAD_DATES, "more than ten years"),
        ("DTSTART;VALUE=DATE:20261201\r\nDURATION:forever", SkipReason.BAD_DATES, "not a duration"),
        ("DTSTART;VALUE=DATE:20261201\r\nDURATION:-P2D", SkipReason.ENDS_BEFORE_START, ""),
        # The library adds the duration to the last day there is.
        ("DTSTART;VALUE=DATE:99991231\r\nDURATION:P3D\r\nRRULE:FREQ=YEARLY", SkipReason.BAD_DATES, "9999"),
        ("DTSTART;VALUE=DATE:20261201\r\nRRULE:FREQ=SOMETIMES", SkipReason.BAD_RECURRENCE, "RRULE: Expected"),
        ("DTSTART;VALUE=DATE:20261201\r\nRRULE:GARBAGE", SkipReason.BAD_RECURRENCE, "usable FREQ"),
        (
            "DTSTART;VALUE=DATE:20261201\r\nRRULE:FREQ=DAILY;INTERVAL=0",
            SkipReason.BAD_RECURRENCE,
            "usable FREQ",
        ),
        ("DTSTART;VALUE=DATE:20261201\r\nRRULE:FREQ=DAILY;BYSETPOS=0", SkipReason.BAD_RECURRENCE, "bysetpos"),
        (
            "DTSTART;VALUE=DATE:20261201\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:soon",
            SkipReason.BAD_RECURRENCE,
            "EXDATE",
        ),
        ("DTSTART;VALUE=DATE:20261201\r\nRDATE:20261301", SkipReason.BAD_RECURRENCE, "RDATE"),
        # recurring-ical-events' own complaint (it used to drop the series without a word).
        (
            (
                "DTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\n"
                "RDATE;VALUE=PERIOD:20261202T100000Z/20261202T090000Z"
            ),
            SkipReason.BAD_RECURRENCE,
            "must start before it ends",
        ),
    ],
)
def test_an_unusable_event_is_skipped_with_its_reason_and_the_feed_is_kept(
    body: str, reason: SkipReason, detail: str
) -> None:
    """One bad event is named and left out; the stay beside it is read."""
    result = read(calendar(f"UID:bad\r\n{body}", STAY))
    assert [event.uid for event in result.events] == ["stay"]
    assert skips(result) == {"bad": reason}
    assert detail in result.skipped[0].detail


def test_a_broken_override_is_skipped_and_its_series_kept() -> None:
    """An override with an unreadable RECURRENCE-ID goes; the series it would have moved stays whole."""
    result = read(
        calendar(
            "UID:s\r\nDTSTART;VALUE=DATE:20261201\r\nRRULE:FREQ=WEEKLY;COUNT=3",
            "UID:s\r\nRECURRENCE-ID:zzz\r\nDTSTART;VALUE=DATE:20261209",
        )
    )
    assert [event.event_id for event in result.events] == ["s@2026-12-01", "s@2026-12-08", "s@2026-12-15"]
    assert skips(result) == {"s": SkipReason.BAD_RECURRENCE}


def test_an_override_with_a_rule_of_its_own_is_held_to_the_same_rules() -> None:
    """A sub-daily RRULE is skipped on an override too, not only on the series' first event."""
    result = read(
        calendar(
            "UID:o\r\nRECURRENCE-ID;VALUE=DATE:20261201\r\nDTSTART:20261201T100000Z\r\nRRULE:FREQ=MINUTELY"
        )
    )
    assert (result.events, skips(result)) == ((), {"o": SkipReason.TOO_FREQUENT})


def test_an_event_nested_in_another_is_read_once() -> None:
    """A VEVENT inside another (or inside a VTODO) is read on its own, and only once."""
    inner = "BEGIN:VEVENT\r\nUID:{}\r\nDTSTART;VALUE=DATE:20261220\r\nDTEND;VALUE=DATE:20261222\r\nEND:VEVENT"
    todo = f"BEGIN:VTODO\r\nUID:todo\r\n{inner.format('in-todo')}\r\nEND:VTODO\r\n"
    result = read(calendar(f"{STAY}\r\n{inner.format('in-event')}", header=todo))
    assert sorted(event.uid for event in result.events) == ["in-event", "in-todo", "stay"]


def test_non_utf8_bodies_are_read_as_windows_1252() -> None:
    """Latin-1 and Windows-1252 bodies keep their accents and curly quotes; unassigned bytes become U+FFFD."""
    result = read(
        calendar(STAY.replace("Reserved", "Reserved - José \u2018Pepe\u2019 Núñez")).decode().encode("cp1252")
    )
    assert result.events[0].guest_name == "José \u2018Pepe\u2019 Núñez"
    result = read(calendar(STAY).replace(b"Reserved", b"Reserved - Jos\xe9\x81"))
    assert result.events[0].guest_name == "José\ufffd"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_byte_order_marks_are_read(encoding: str) -> None:
    """UTF-16 with a byte-order mark, or without one (told by the zero byte beside the B), and UTF-8's BOM."""
    result = read(calendar(STAY.replace("Reserved", "Reserved - 山田 🏖️")).decode().encode(encoding))
    assert result.events[0].guest_name == "山田 🏖️"


def test_a_fold_inside_a_multibyte_character_is_joined_before_decoding() -> None:
    """RFC 5545 folds at 75 octets, even inside a UTF-8 character: the bytes are unfolded, then decoded."""
    raw = calendar(STAY.replace("Reserved", "Reserved - Zoë")).replace("ë".encode(), b"\xc3\r\n \xab")
    assert read(raw).events[0].guest_name == "Zoë"


def test_a_feed_without_line_breaks_is_never_read_as_a_file_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A string without line breaks is a file path to icalendar: the parser hands it bytes, never text."""
    name = "BEGIN:VCALENDAR END:VCALENDAR"
    (tmp_path / name).write_bytes(calendar(STAY))
    monkeypatch.chdir(tmp_path)
    result = parse_feed(name.encode(), FeedSettings("cal", BERLIN), NOW)
    assert isinstance(result, FeedError)
    assert result.kind is FeedErrorKind.MALFORMED


def test_a_calendar_scale_other_than_gregorian_is_refused() -> None:
    """recurring-ical-events only knows the Gregorian calendar: the feed is refused and says so."""
    result = parse_feed(calendar(STAY, header="CALSCALE:CHINESE\r\n"), FeedSettings("cal", BERLIN), NOW)
    assert result == FeedError(FeedErrorKind.MALFORMED, "the calendar scale is CHINESE, not Gregorian")


def test_an_unforeseen_failure_without_a_message_is_named_by_its_type(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever escapes the libraries ends as a MALFORMED feed whose detail is never empty."""

    def explode(*args: object, **kwargs: object) -> object:
        """Fail the way an unforeseen library bug would, without a message."""
        raise RuntimeError

    monkeypatch.setattr(recurrence.recurring_ical_events, "of", explode)
    result = parse_feed(calendar(STAY), FeedSettings("cal", BERLIN), NOW)
    assert result == FeedError(FeedErrorKind.MALFORMED, "RuntimeError")


def test_long_runs_of_white_space_cost_linear_time_to_read() -> None:
    """90 KB of blank lines and spaces in one description took half a minute through the default patterns."""
    description = "Phone: 555 0199" + "\\n" * 30_000 + " " * 30_000 + "\\nGuest: Kim" + " " * 30_000 + "x"
    result = read(calendar(f"{STAY}\r\nDESCRIPTION:{description}"))
    assert (result.events[0].phone_digits, result.events[0].guest_name) == ("5550199", "Kim x")


def test_the_date_shortcut_leaves_out_only_what_the_library_would(monkeypatch: pytest.MonkeyPatch) -> None:
    """Single events around both edges of the window, in the most distant zones, read the same without it."""
    edges = (WINDOW[0].date(), WINDOW[1].date())
    events = []
    for edge, offset, zone in itertools.product(
        edges, range(-4, 5), ("Pacific/Kiritimati", "Pacific/Pago_Pago")
    ):
        day = edge + timedelta(days=offset)
        events += [
            f"UID:{edge}{offset}{zone}-date\r\nDTSTART;VALUE=DATE:{day:%Y%m%d}",
            (
                f"UID:{edge}{offset}{zone}-end\r\nDTSTART;VALUE=DATE:{day - timedelta(days=3):%Y%m%d}\r\n"
                f"DTEND;VALUE=DATE:{day:%Y%m%d}"
            ),
            (
                f"UID:{edge}{offset}{zone}-zoned\r\nDTSTART;TZID={zone}:{day:%Y%m%d}T230000\r\n"
                f"DTEND;TZID={zone}:{day + timedelta(days=1):%Y%m%d}T010000"
            ),
            # Late on the day before the window in Pago Pago (UTC-11) is already the window's first morning.
            (
                f"UID:{edge}{offset}{zone}-late\r\nDTSTART;TZID={zone}:{day:%Y%m%d}T200000\r\n"
                f"DTEND;TZID={zone}:{day:%Y%m%d}T233000"
            ),
            f"UID:{edge}{offset}{zone}-floating\r\nDTSTART:{day:%Y%m%d}T000000",
        ]
    raw = calendar(*events)
    shortcut = recurrence.clearly_outside
    taken: list[bool] = []

    def watched(*args: object) -> bool:
        """Note each answer of the shortcut."""
        taken.append(shortcut(*args))  # type: ignore[arg-type]
        return taken[-1]

    for zone in (ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")):
        monkeypatch.setattr(recurrence, "clearly_outside", watched)
        with_shortcut = parse_feed(raw, FeedSettings("cal", zone, honor_event_times=True), NOW)
        monkeypatch.setattr(recurrence, "clearly_outside", lambda *_args: False)
        assert with_shortcut == parse_feed(raw, FeedSettings("cal", zone, honor_event_times=True), NOW)
    assert True in taken
    assert False in taken
