"""A Home Assistant calendar's events keep their ids across the host's edits of summary and dates."""

from datetime import date, timedelta

from hypothesis import given, strategies as st

from custom_components.guest_pins.core.feeds import FeedSettings
from custom_components.guest_pins.core.records import events_from_records, identify_records

from .builders import BERLIN, NOW

JANE = {"start": "2026-12-15", "end": "2026-12-18", "summary": "Jane Doe", "description": "Booked by phone"}
KIM = {"start": "2026-12-20", "end": "2026-12-22", "summary": "Kim", "description": ""}


def ids(records: list[dict[str, str]]) -> list[str]:
    """Return the records' ids."""
    return [record["uid"] for record in records]


def test_an_unchanged_event_keeps_its_id_and_a_first_read_derives_it() -> None:
    """The first read derives ids from summary and dates (as before); the next read keeps them."""
    first = identify_records([JANE, KIM], [], BERLIN)
    assert len(set(ids(first))) == 2
    assert all(uid.startswith("ha-") for uid in ids(first))
    assert identify_records([KIM, JANE], first, BERLIN) == [first[1], first[0]]


def test_an_edited_summary_or_dates_keep_the_id_of_the_event_it_was() -> None:
    """Late check-out and a new summary, then new dates with the same summary: the same event each time."""
    first = identify_records([JANE, KIM], [], BERLIN)
    renamed = {**JANE, "summary": "Jane Doe (late check-out)", "end": "2026-12-19"}
    second = identify_records([renamed, KIM], first, BERLIN)
    assert ids(second) == ids(first)
    moved = {**renamed, "start": "2026-12-16", "description": "Changed"}  # summary kept, overlapping
    assert ids(identify_records([moved, KIM], second, BERLIN)) == ids(first)


def test_an_event_that_shares_nothing_or_does_not_overlap_is_another_event() -> None:
    """Other text, or the same text on days that do not overlap: a new event (a new id)."""
    first = identify_records([JANE], [], BERLIN)
    other_text = {**JANE, "summary": "Jane D.", "description": "", "end": "2026-12-19"}
    assert ids(identify_records([other_text], first, BERLIN)) != ids(first)
    later = {**JANE, "start": "2027-01-15", "end": "2027-01-18"}
    assert ids(identify_records([later], first, BERLIN)) != ids(first)
    unreadable = {**JANE, "start": "someday", "end": ""}
    assert ids(identify_records([unreadable], first, BERLIN)) != ids(first)


def test_an_event_listed_twice_gets_two_ids_and_times_overlap_by_the_instant() -> None:
    """Two identical events are two; timed events compare as instants, floating ones in the zone."""
    twice = identify_records([JANE, JANE], [], BERLIN)
    assert len(set(ids(twice))) == 2
    timed = {"start": "2026-12-15T15:00:00+01:00", "end": "2026-12-18T10:00:00+01:00", "summary": "Jane Doe"}
    first = identify_records([timed], [], BERLIN)
    floating = {**timed, "start": "2026-12-17T23:00:00", "end": "2026-12-19T10:00:00"}
    assert ids(identify_records([floating], first, BERLIN)) == ids(first)
    no_end = {**timed, "start": "2026-12-18T09:59:00+01:00", "end": ""}
    assert ids(identify_records([no_end], first, BERLIN)) == ids(first)


def test_the_id_is_the_stays_event_id() -> None:
    """The id identify_records gives is the event id the stay is known by."""
    (record,) = identify_records([JANE], [], BERLIN)
    (event,) = events_from_records([record], FeedSettings("ha", BERLIN), NOW).events
    assert event.event_id == record["uid"]


@given(
    st.lists(st.integers(0, 60), min_size=1, max_size=8, unique=True), st.integers(-3, 3), st.integers(4, 7)
)
def test_one_edit_at_a_time_never_changes_an_id(starts: list[int], shift: int, nights: int) -> None:
    """Whatever the calendar holds, moving one 4-night event so it still overlaps itself keeps every id."""
    base = date(2027, 1, 1)
    records = [
        {
            "start": (base + timedelta(days=day)).isoformat(),
            "end": (base + timedelta(days=day + 4)).isoformat(),
            "summary": f"Guest {day}",
        }
        for day in starts
    ]
    first = identify_records(records, [], BERLIN)
    edited = [{key: value for key, value in record.items() if key != "uid"} for record in first]
    moved = base + timedelta(days=starts[0] + shift)
    edited[0] |= {"start": moved.isoformat(), "end": (moved + timedelta(days=nights)).isoformat()}
    assert ids(identify_records(edited, first, BERLIN)) == ids(first)
