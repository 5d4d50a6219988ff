"""An unchanged feed narrowed to a later sync's window reads exactly as the feed read again at that instant.

`read_feed` reads a window a day longer than the horizon; `narrow` keeps what a later window holds. The
property compares both with `parse_feed` at random instants of that day, over the fixture feeds, the corpus of
real exports and the hostile generator's feeds, with horizons and look-backs short enough that events enter
and leave the window within the day.
"""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings, strategies as st

from custom_components.guest_pins.core.feeds import FeedRead, FeedSettings, narrow, parse_feed, read_feed
from custom_components.guest_pins.core.model import FeedError, FeedErrorKind, ParsedFeed, SkipReason
from custom_components.guest_pins.core.recurrence import MAX_SERIES_WORK

from .builders import BERLIN, FEEDS, NEW_YORK, NOW
from .test_hostile_feeds import LORD_HOWE, HostileFeed, calendar, hostile_feeds

DAY = timedelta(days=1)
FIXTURES = sorted([*FEEDS.glob("*.ics"), *(FEEDS / "corpus").glob("*.ics")])
# Short horizons and look-backs make events cross the window's edges within the day the read covers.
WINDOWS = st.sampled_from([timedelta(0), timedelta(hours=5), DAY, 2 * DAY, 7 * DAY, 30 * DAY, 365 * DAY])
READ_SETTINGS = st.builds(
    FeedSettings,
    calendar_id=st.just("cal"),
    property_tz=st.sampled_from((BERLIN, NEW_YORK, LORD_HOWE)),
    calendar_tz=st.sampled_from((None, NEW_YORK, LORD_HOWE)),
    honor_event_times=st.booleans(),
    horizon=WINDOWS,
    lookback=WINDOWS,
)
SECONDS = st.integers(0, int(DAY.total_seconds()))
# Wide enough to see every occurrence the hostile generator and the fixtures place around NOW.
EVERYTHING = timedelta(days=1500)


def read_at_a_crossing(data: st.DataObject, raw: bytes, feed_settings: FeedSettings) -> datetime:
    """Draw an instant less than a day before an edge of the window meets a start or end of an occurrence.

    Mostly: so that events enter or leave the window during the day the read covers; else anywhere near NOW.
    On a UTC clock or a Berlin one (whole days and floating times are compared in the clock's zone).
    """
    return _somewhere(data, raw, feed_settings).astimezone(data.draw(st.sampled_from((UTC, BERLIN))))


def _somewhere(data: st.DataObject, raw: bytes, feed_settings: FeedSettings) -> datetime:
    """Draw the instant of `read_at_a_crossing`."""
    seen = read_feed(raw, replace(feed_settings, horizon=EVERYTHING, lookback=EVERYTHING), NOW, timedelta(0))
    ends = [end for span in seen.spans for end in span] if isinstance(seen, FeedRead) else []
    if not ends or data.draw(st.integers(0, 4)) == 0:
        return NOW + timedelta(seconds=data.draw(st.integers(-60 * 86_400, 60 * 86_400)))
    end = data.draw(st.sampled_from(ends))
    crossing = end + feed_settings.lookback if data.draw(st.booleans()) else end - feed_settings.horizon
    return crossing - timedelta(seconds=data.draw(SECONDS))


def assert_narrowing_reads_as_a_new_read(
    raw: bytes, feed_settings: FeedSettings, data: st.DataObject
) -> None:
    """The read gives what a parse at its instant gives; narrowed, what a parse up to a day later gives."""
    read_at = read_at_a_crossing(data, raw, feed_settings)
    read = read_feed(raw, feed_settings, read_at)
    if isinstance(read, FeedError):
        event(f"refused: {read.kind}")
        assert read == parse_feed(raw, feed_settings, read_at)
        return
    assert read.parsed == parse_feed(raw, feed_settings, read_at)
    now = read_at + timedelta(seconds=data.draw(SECONDS))
    narrowed = narrow(read, feed_settings, now)
    if narrowed is None:
        # Only a read its wider window decided is kept to its own instant (the hostile generator's caps).
        event("read at its instant only")
        assert read.ahead == timedelta(0)
        return
    assert narrowed == parse_feed(raw, feed_settings, now)
    event("events entered or left" if narrowed.events != read.parsed.events else "the same events")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(FIXTURES), feed_settings=READ_SETTINGS, data=st.data())
def test_a_fixture_narrowed_reads_as_read_again(
    path: Path, feed_settings: FeedSettings, data: st.DataObject
) -> None:
    """Real platform shapes: stays and blocks entering and leaving the window within the day."""
    assert_narrowing_reads_as_a_new_read(path.read_bytes(), feed_settings, data)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(feed=hostile_feeds(), feed_settings=READ_SETTINGS, data=st.data())
def test_a_hostile_feed_narrowed_reads_as_read_again(
    feed: HostileFeed, feed_settings: FeedSettings, data: st.DataObject
) -> None:
    """Any zone, floating and all-day times, durations, rules, overrides and caps: the same as a new read."""
    assert_narrowing_reads_as_a_new_read(feed.raw, feed_settings, data)


STAYS = calendar(
    # Ends within the look-back's first day: it leaves the window during the day.
    "UID:leaving\r\nDTSTART;VALUE=DATE:20261018\r\nDTEND;VALUE=DATE:20261023\r\nSUMMARY:Reserved",
    "UID:staying\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218\r\nSUMMARY:Reserved",
    # Begins within a day past the horizon: it enters the window during the day.
    "UID:arriving\r\nDTSTART;VALUE=DATE:20271122\r\nDTEND;VALUE=DATE:20271125\r\nSUMMARY:Reserved",
    "UID:gone\r\nDTSTART;VALUE=DATE:20261201\r\nSTATUS:CANCELLED",
)


def test_an_unchanged_feed_is_narrowed_as_the_day_goes_on() -> None:
    """One stay leaves the look-back and one enters the horizon; what was cancelled is still known."""
    feed_settings = FeedSettings("cal", BERLIN)
    read = read_feed(STAYS, feed_settings, NOW)
    assert isinstance(read, FeedRead)
    assert read.ahead == DAY
    uids = [stay.uid for stay in read.parsed.events]
    assert uids == ["leaving", "staying"]
    later = narrow(read, feed_settings, NOW + DAY)
    assert later is not None
    assert [stay.uid for stay in later.events] == ["staying", "arriving"]
    assert later.cancelled_uids == frozenset({"gone"})
    assert later == parse_feed(STAYS, feed_settings, NOW + DAY)


def test_narrowing_answers_only_for_its_day_its_settings_and_its_clock() -> None:
    """Before the read, after its day, with other settings or another zone's clock: read the feed again."""
    feed_settings = FeedSettings("cal", BERLIN)
    read = read_feed(STAYS, feed_settings, NOW)
    assert isinstance(read, FeedRead)
    assert narrow(read, feed_settings, NOW) == read.parsed
    assert narrow(read, feed_settings, NOW - timedelta(seconds=1)) is None
    assert narrow(read, feed_settings, NOW + DAY + timedelta(seconds=1)) is None
    assert narrow(read, FeedSettings("cal", BERLIN), NOW + DAY) is not None  # equal settings, another object
    assert narrow(read, FeedSettings("cal", BERLIN, horizon=2 * DAY), NOW) is None
    assert narrow(read, feed_settings, NOW.astimezone(BERLIN)) is None


def test_a_read_its_wider_window_decides_is_kept_to_its_instant() -> None:
    """A daily series whose walk reaches its share of the work exactly at the horizon is read at `now` alone.

    The day past the horizon is one step too many: over the wider window the series would be skipped.
    """
    feed_settings = FeedSettings("cal", BERLIN)
    first = (NOW + feed_settings.horizon).date() - timedelta(days=MAX_SERIES_WORK - 1)
    series = f"UID:walk\r\nDTSTART;VALUE=DATE:{first:%Y%m%d}\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Blocked"
    raw = calendar(series, "UID:stay\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218")
    exact = parse_feed(raw, feed_settings, NOW)
    assert isinstance(exact, ParsedFeed)
    assert exact.skipped == ()
    wider = parse_feed(raw, FeedSettings("cal", BERLIN, horizon=feed_settings.horizon + DAY), NOW)
    assert isinstance(wider, ParsedFeed)
    assert [skip.reason for skip in wider.skipped] == [SkipReason.TOO_MANY_OCCURRENCES]
    read = read_feed(raw, feed_settings, NOW)
    assert isinstance(read, FeedRead)
    assert (read.ahead, read.parsed) == (timedelta(0), exact)
    assert narrow(read, feed_settings, NOW + timedelta(seconds=1)) is None


def test_a_feed_over_its_cap_in_the_wider_window_only_is_read_at_now() -> None:
    """One more event in the day past the horizon than the feed may hold: read at `now`, not refused."""
    raw = calendar(
        "UID:a\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218",
        "UID:b\r\nDTSTART;VALUE=DATE:20271122\r\nDTEND;VALUE=DATE:20271125",
    )
    read = read_feed(raw, FeedSettings("cal", BERLIN, max_events=1), NOW)
    assert isinstance(read, FeedRead)
    assert read.ahead == timedelta(0)
    assert [stay.uid for stay in read.parsed.events] == ["a"]
    refused = read_feed(raw, FeedSettings("cal", BERLIN, max_events=0), NOW)
    assert refused == FeedError(FeedErrorKind.TOO_MANY_EVENTS, "more than 0 events in the window")
