"""A calendar's last reading through JSON: every event comes back as it was, and the settings name it."""

from datetime import UTC, datetime, time
import json

from hypothesis import HealthCheck, given, settings

from custom_components.guest_pins.core.extract import Patterns
from custom_components.guest_pins.core.feeds import FeedSettings, parse_feed
from custom_components.guest_pins.core.model import ParsedFeed
from custom_components.guest_pins.core.readings import reading_from_json, reading_to_json, settings_key

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
    for event, again in zip(parsed.events, back.events, strict=True):
        for name in ("checkin", "checkout", "created"):
            first, second = getattr(event, name), getattr(again, name)
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
