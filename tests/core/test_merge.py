"""One visit, whichever sources see it: stable stay ids, references, the source of truth, disagreements."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
import random
from time import perf_counter

from hypothesis import given, strategies as st

from custom_components.guest_pins.core.merge import merge_sources
from custom_components.guest_pins.core.model import EventKind, FeedEvent

from .builders import BERLIN, stay_event

LOCKS = {name: frozenset({"front"}) for name in ("airbnb", "vrbo", "beds24", "webhook")} | {
    "unit-b": frozenset({"back"})
}
DEC15, DEC18 = date(2026, 12, 15), date(2026, 12, 18)


def pms(event_id: str, **changes: object) -> FeedEvent:
    """Return Beds24's booking of Jane's visit: her name, e-mail, arrival at 15:00, Airbnb's reference."""
    event = stay_event(event_id, DEC15, DEC18, calendar_id="beds24")
    return replace(
        event,
        checkin=datetime.combine(DEC15, time(15), tzinfo=BERLIN),
        guest_name="Jane Doe",
        email="jane@example.com",
        reservation_code="HMJANE1234",
        authoritative=True,
        **changes,  # type: ignore[arg-type]
    )


def test_a_stay_keeps_its_id_when_a_source_joins_or_leaves() -> None:
    """VRBO first, then the same guest's Airbnb listing: still the VRBO stay (its code memory stays)."""
    vrbo = stay_event("vr1", DEC15, DEC18, calendar_id="vrbo", phone="4567")
    airbnb = stay_event("hm1", DEC15, DEC18, phone="4567")
    (first,) = merge_sources([vrbo], LOCKS).reservations
    assert first.stay_id == "vrbo/vr1"
    # Without memory the alphabetically first source would name it: a new stay, a new code.
    assert merge_sources([vrbo, airbnb], LOCKS).reservations[0].stay_id == "airbnb/hm1"
    known = {"vrbo/vr1": "vrbo/vr1"}
    (both,) = merge_sources([vrbo, airbnb], LOCKS, known_ids=known).reservations
    assert (both.stay_id, both.sources) == ("vrbo/vr1", ("airbnb/hm1", "vrbo/vr1"))
    known = {"vrbo/vr1": "vrbo/vr1", "airbnb/hm1": "vrbo/vr1"}
    (left,) = merge_sources([airbnb], LOCKS, known_ids=known).reservations
    assert left.stay_id == "vrbo/vr1"  # VRBO dropped out: the stay is still the same stay


def test_two_stays_that_turn_out_to_be_one_keep_the_one_whose_code_went_out() -> None:
    """Two known stays merge: the one whose code was sent wins, else the one booked first."""
    vrbo = stay_event("vr1", DEC15, DEC18, calendar_id="vrbo", phone="4567")
    airbnb = stay_event("hm1", DEC15, DEC18, phone="4567")
    known = {"vrbo/vr1": "vrbo/vr1", "airbnb/hm1": "airbnb/hm1"}
    early, late = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 5, tzinfo=UTC)
    seen = {"vrbo/vr1": early, "airbnb/hm1": late}
    (by_booking,) = merge_sources([vrbo, airbnb], LOCKS, seen, known).reservations
    assert by_booking.stay_id == "vrbo/vr1"
    (by_code,) = merge_sources([vrbo, airbnb], LOCKS, seen, known, preferred={"airbnb/hm1"}).reservations
    assert by_code.stay_id == "airbnb/hm1"


def test_a_new_visit_never_takes_an_id_another_stay_holds() -> None:
    """A source whose own id names another stay gets another one."""
    other = stay_event("x", date(2026, 12, 20), date(2026, 12, 22), calendar_id="vrbo")
    new = stay_event("hm2", DEC15, DEC18)
    found = merge_sources([other, new], LOCKS, known_ids={"vrbo/x": "airbnb/hm2"}).reservations
    assert {item.stay_id for item in found} == {"airbnb/hm2"} | {item.stay_id for item in found} - {
        "airbnb/hm2"
    }
    assert len({item.stay_id for item in found}) == 2


def test_the_pms_and_the_feed_are_one_visit_by_reference_and_the_pms_wins() -> None:
    """Airbnb's HM code in both: one stay; the PMS's name, e-mail and arrival time are the stay's."""
    airbnb = replace(stay_event("hm1", DEC15, DEC18, phone="4567"), reservation_code="hmjane1234")
    (visit,) = merge_sources([airbnb, pms("5001")], LOCKS).reservations
    assert visit.sources == ("beds24/5001", "airbnb/hm1")  # the source of truth first
    assert (visit.event.guest_name, visit.event.email) == ("Jane Doe", "jane@example.com")
    assert visit.event.checkin == datetime.combine(DEC15, time(15), tzinfo=BERLIN)


def test_a_pms_cancellation_ends_the_visit_and_says_the_feed_disagrees() -> None:
    """Beds24 cancelled it; Airbnb's feed still lists it: no stay, and the host is told."""
    airbnb = replace(stay_event("hm1", DEC15, DEC18), reservation_code="HMJANE1234")
    cancelled = pms("5001", kind=EventKind.CANCELLED)
    merged = merge_sources([airbnb, cancelled], LOCKS)
    assert merged.reservations == ()
    (disagreement,) = merged.disagreements
    assert (disagreement.cancelled_by, disagreement.listed_by) == ("beds24/5001", ("airbnb/hm1",))
    # A cancellation of a booking nobody else lists changes nothing.
    assert merge_sources([replace(cancelled, reservation_code="HMOTHER")], LOCKS) == merge_sources([], LOCKS)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["airbnb", "vrbo", "beds24", "webhook"]),
            st.integers(0, 3),  # which visit (dates and phone)
            st.booleans(),  # carries the visit's reference
        ),
        min_size=1,
        max_size=12,
        unique_by=lambda item: (item[0], item[1]),  # a source lists a visit once
    ),
    st.randoms(use_true_random=False),
)
def test_stay_ids_survive_any_source_joining(events: list[tuple[str, int, bool]], rng: random.Random) -> None:
    """Whatever order sources appear in, a stay seen before keeps its id once more sources join it."""
    feed = [
        replace(
            stay_event(
                f"e{number}",
                DEC15 + timedelta(days=5 * visit),
                DEC18 + timedelta(days=5 * visit),
                calendar_id=calendar,
                phone=f"000{visit}",
            ),
            reservation_code=f"HMVISIT{visit}" if referenced else None,
        )
        for number, (calendar, visit, referenced) in enumerate(events)
    ]
    rng.shuffle(feed)
    before = merge_sources(feed[: len(feed) // 2 + 1], LOCKS)
    known = {sid: item.stay_id for item in before.reservations for sid in item.sources}
    after = merge_sources(feed, LOCKS, known_ids=known)
    ids_after = {sid: item.stay_id for item in after.reservations for sid in item.sources}
    for item in before.reservations:
        assert {ids_after[sid] for sid in item.sources} == {item.stay_id}
    assert len({item.stay_id for item in after.reservations}) == len(after.reservations)


def test_a_stay_split_in_two_gets_a_new_id_for_the_second_half() -> None:
    """Two visits whose sources named one stay: the second takes its own id, or a derived one, never twice."""
    first = stay_event("a", DEC15, DEC18, phone="1111")
    second = stay_event("b", date(2026, 12, 20), date(2026, 12, 22), phone="2222")
    known = {"airbnb/a": "airbnb/a", "airbnb/b": "airbnb/a"}
    found = merge_sources([first, second], LOCKS, known_ids=known).reservations
    assert sorted(item.stay_id for item in found) == ["airbnb/a", "airbnb/b"]
    gone = {**known, "vrbo/gone": "airbnb/b"}  # its own id names another (gone) stay
    found = merge_sources([first, second], LOCKS, known_ids=gone).reservations
    assert sorted(item.stay_id for item in found) == ["airbnb/a", "airbnb/b#2"]
    crowded = {**gone, "vrbo/older": "airbnb/b#2"}
    found = merge_sources([first, second], LOCKS, known_ids=crowded).reservations
    assert sorted(item.stay_id for item in found) == ["airbnb/a", "airbnb/b#3"]


UNITS = {
    "airbnb": frozenset({"front", "room-a"}),
    "vrbo": frozenset({"front", "room-a"}),
    "room-b": frozenset({"front", "room-b"}),
}


def test_one_unit_listed_on_two_platforms_without_phones_is_one_visit() -> None:
    """VRBO and Airbnb both list the unit for Dec 15-18, neither with phone digits: one stay, one code."""
    vrbo = stay_event("vr1", DEC15, DEC18, calendar_id="vrbo")
    airbnb = stay_event("hm1", DEC15, DEC18)
    (visit,) = merge_sources([vrbo, airbnb], UNITS).reservations
    assert set(visit.sources) == {"vrbo/vr1", "airbnb/hm1"}
    # One platform knows the phone, the other does not: still the one visit.
    with_phone = stay_event("hm1", DEC15, DEC18, phone="4567")
    assert len(merge_sources([vrbo, with_phone], UNITS).reservations) == 1


def test_rooms_sharing_only_the_front_door_keep_two_guests_on_the_same_dates() -> None:
    """Room A's guest and room B's guest arrive the same day: two stays, two codes, both on the front door."""
    room_a = stay_event("hm1", DEC15, DEC18)
    room_b = stay_event("b1", DEC15, DEC18, calendar_id="room-b")
    visits = merge_sources([room_a, room_b], UNITS).reservations
    assert len(visits) == 2
    assert {visit.locks for visit in visits} == {UNITS["airbnb"], UNITS["room-b"]}


def test_two_bookings_of_one_unit_told_apart_by_phone_or_reference_stay_two() -> None:
    """An overbooking (two phones, or two references) is two guests, whatever the dates say."""
    vrbo = stay_event("vr1", DEC15, DEC18, calendar_id="vrbo", phone="1111")
    airbnb = stay_event("hm1", DEC15, DEC18, phone="2222")
    assert len(merge_sources([vrbo, airbnb], UNITS).reservations) == 2
    referenced = replace(stay_event("vr1", DEC15, DEC18, calendar_id="vrbo"), reservation_code="HA-1")
    other = replace(stay_event("hm1", DEC15, DEC18), reservation_code="HMOTHER")
    assert len(merge_sources([referenced, other], UNITS).reservations) == 2
    # Other dates are another visit; a calendar feeding no lock matches nothing.
    later = stay_event("vr2", DEC15, date(2026, 12, 19), calendar_id="vrbo")
    assert len(merge_sources([later, stay_event("hm1", DEC15, DEC18)], UNITS).reservations) == 2
    unlisted = stay_event("x1", DEC15, DEC18, calendar_id="unlisted")
    assert (
        len(
            merge_sources([stay_event("vr1", DEC15, DEC18, calendar_id="vrbo"), unlisted], UNITS).reservations
        )
        == 2
    )


def test_a_cancellation_without_reference_or_phone_never_ends_another_guests_stay() -> None:
    """The PMS cancels a booking; the unit was booked again for the same dates on Airbnb: that guest stays."""
    rebooked = stay_event("hm2", DEC15, DEC18, calendar_id="vrbo")
    cancelled = replace(pms("5001", kind=EventKind.CANCELLED), reservation_code=None)
    merged = merge_sources([rebooked, cancelled], LOCKS)
    assert [visit.stay_id for visit in merged.reservations] == ["vrbo/hm2"]
    assert merged.disagreements == ()


def test_calendars_that_share_no_lock_are_not_compared_with_each_other() -> None:
    """Thousands of units whose bookings carry one reference and phone digits: each stays its own visit, fast.

    A reference or phone digits only join calendars that share a lock: looking at every group that carries
    the key was quadratic (3,000 such units took seconds; a property's replan must not).
    """
    units = 3_000
    events = [
        replace(
            stay_event(f"e{unit}", DEC15, DEC18, calendar_id=f"unit{unit}", phone="4567"),
            reservation_code="HM1",
        )
        for unit in range(units)
    ]
    locks = {f"unit{unit}": frozenset({f"door{unit}"}) for unit in range(units)}
    began = perf_counter()
    merged = merge_sources(events, locks)
    assert perf_counter() - began < 1.0
    assert len(merged.reservations) == units
