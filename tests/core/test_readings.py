"""A calendar's reading: every event comes back through JSON as it was; its settings and content name it."""

from datetime import UTC, datetime, time
import json

from hypothesis import HealthCheck, event, given, settings, strategies as st

from custom_components.guest_pins.core.extract import Patterns
from custom_components.guest_pins.core.feeds import FeedSettings, parse_feed
from custom_components.guest_pins.core.model import FeedError, ParsedFeed
from custom_components.guest_pins.core.readings import (
    content_digest,
    reading_from_json,
    reading_to_json,
    settings_key,
)

from .builders import BERLIN, FEEDS, NOW
from .test_hostile_feeds import SETTINGS, HostileFeed, calendar, hostile_feeds

FIXTURES = sorted([*FEEDS.glob("*.ics"), *(FEEDS / "corpus").glob("*.ics")])


def through_json(parsed: ParsedFeed) -> ParsedFeed:
    """Return a reading written as JSON text and read back."""
    return reading_from_json(json.loads(json.dumps(reading_to_json(parsed))))


def assert_kept(parsed: ParsedFeed) -> None:
    """The reading comes back equal, each local time in the very same zone, with its fold."""
    back = through_json(parsed)
    assert back == parsed
    for before, again in zip(parsed.events, back.events, strict=True):
        for name in ("checkin", "checkout", "created"):
            first, second = getattr(before, name), getattr(again, name)
            assert (first and (first.tzinfo, first.fold, first.utcoffset())) == (
                second and (second.tzinfo, second.fold, second.utcoffset())
            )


def test_every_fixture_and_corpus_reading_is_kept() -> None:
    """Real platform shapes: stays, blocks, guests, phones, references, creation stamps, what was skipped."""
    readings = [parse_feed(path.read_bytes(), FeedSettings("cal", BERLIN), NOW) for path in FIXTURES]
    kept = [reading for reading in readings if isinstance(reading, ParsedFeed)]
    assert sum(len(reading.events) for reading in kept) > 30
    assert any(event.created for reading in kept for event in reading.events)
    for reading in kept:
        assert_kept(reading)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(feed=hostile_feeds(), feed_settings=SETTINGS)
def test_any_reading_is_kept(feed: HostileFeed, feed_settings: FeedSettings) -> None:
    """Any zone, text, kind and skip of the hostile generator's feeds comes back as it was read."""
    reading = parse_feed(feed.raw, feed_settings, NOW)
    if isinstance(reading, ParsedFeed):
        assert_kept(reading)


def test_local_times_in_a_gap_or_an_overlap_come_back_as_they_were() -> None:
    """A check-in at 02:30 on the night Berlin skips that hour, and an event in the hour it lives twice."""
    raw = calendar(
        "UID:gap\r\nDTSTART;VALUE=DATE:20270328\r\nDTEND;VALUE=DATE:20270330",
        # 00:30 UTC is the first 02:30 of 25 October in Berlin, 01:30 UTC the second (fold 1).
        "UID:twice\r\nDTSTART:20261025T013000Z\r\nDTEND:20261025T090000Z",
    )
    reading = parse_feed(
        raw, FeedSettings("cal", BERLIN, checkin_time=time(2, 30), honor_event_times=True), NOW
    )
    assert isinstance(reading, ParsedFeed)
    twice, gap = reading.events
    assert (gap.checkin.hour, gap.checkin.minute, twice.checkin.fold) == (2, 30, 1)
    back = through_json(reading)
    assert (back.events[1].checkin.hour, back.events[1].checkin.minute) == (2, 30)
    assert back.events[0].checkin.fold == 1
    assert back.events[0].checkin.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


def test_the_settings_name_the_reading() -> None:
    """Equal settings share a key; another check-in time, zone or pattern does not."""
    base = FeedSettings("cal", BERLIN)
    assert settings_key(base) == settings_key(FeedSettings("cal", BERLIN))
    others = [
        FeedSettings("cal", BERLIN, checkin_time=time(15)),
        FeedSettings("cal", BERLIN, calendar_tz=UTC),  # type: ignore[arg-type]
        FeedSettings("cal", BERLIN, patterns=Patterns.compile(("^Blocked$",))),
        FeedSettings("other", BERLIN),
    ]
    assert len({settings_key(base), *(settings_key(other) for other in others)}) == 1 + len(others)


# Lines a perturbation inserts: plain DTSTAMPs (left out of the digest), and ones that only look like them.
DTSTAMP_LINES = (
    b"DTSTAMP:20261121T093000Z\r\n",
    b"DTSTAMP:20270101T000000\n",
    b"DTSTAMP;VALUE=DATE-TIME:20261121T093000Z\r\n",
    b"DTSTAMP:2026\xc2\x85SUMMARY:hidden\r\n",
    b"DTSTAMP:garbage\r\n",
    b"dtstamp:20261121T093000Z\r\n",
    b"DTSTAMP:20261121T093000Z\r\n SUMMARY-FOLDED-IN\r\n",
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(feed=hostile_feeds(), data=st.data())
def test_one_digest_means_one_reading(feed: HostileFeed, data: st.DataObject) -> None:
    """DTSTAMP lines inserted anywhere inside a feed: where the digest stays the same, so does the reading."""
    starts = [index + 1 for index, byte in enumerate(feed.raw[:-1]) if byte == ord("\n")][:-1]
    if not starts:
        return
    changed = feed.raw
    for start in sorted(data.draw(st.lists(st.sampled_from(starts), min_size=1, max_size=4)), reverse=True):
        changed = changed[:start] + data.draw(st.sampled_from(DTSTAMP_LINES)) + changed[start:]
    if content_digest(changed) != content_digest(feed.raw):
        event("another digest")
        return
    event("the same digest")
    berlin = FeedSettings("cal", BERLIN)
    read, read_before = parse_feed(changed, berlin, NOW), parse_feed(feed.raw, berlin, NOW)
    if isinstance(read, FeedError) and isinstance(read_before, FeedError):
        # Never kept, never reused; a refusal may quote the bytes it refused.
        assert read.kind == read_before.kind
    else:
        assert read == read_before


def test_a_feed_generated_again_with_new_dtstamps_has_the_same_digest() -> None:
    """Platforms stamp each request's feed with its own DTSTAMP: the same stays, the same digest."""
    raw = (FEEDS / "airbnb.ics").read_bytes()
    again = raw.replace(b"DTSTAMP:20261121T093000Z", b"DTSTAMP:20261122T101500Z")
    assert again != raw
    assert content_digest(again) == content_digest(raw)
    assert content_digest(raw.replace(b"SUMMARY:Reserved", b"SUMMARY:Blocked", 1)) != content_digest(raw)
    # UTF-16 is taken whole.
    wide = raw.decode().encode("utf-16")
    assert content_digest(again.decode().encode("utf-16")) != content_digest(wide)
