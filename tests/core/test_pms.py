"""Bookings from property-management systems become the visit's source of truth, and bad pushes are named."""

from datetime import datetime, time
from typing import Any

import pytest

from custom_components.guest_pins.core.model import EventKind, Platform
from custom_components.guest_pins.core.pins import CodeMemory, PinSettings, choose
from custom_components.guest_pins.core.pms import (
    PayloadError,
    StayTimes,
    beds24_event,
    lodgify_event,
    webhook_reservation,
)

from .builders import BERLIN, NOW, SECRET

TIMES = StayTimes(BERLIN, time(16), time(11))


def push(**data: Any) -> dict[str, Any]:
    """Return an upsert of Jane's Dec 15-18 visit with `data` changed."""
    base = {
        "id": "R-1001",
        "checkin": "2026-12-15",
        "checkout": "2026-12-18",
        "guest": {"name": "Jane Doe", "email": "jane@example.com", "phone": "+49 151 2345 4567"},
        "adults": 2,
        "reference": "HMJANE1234",
        "unit": "beach-house",
    }
    return {"type": "reservation.upserted", "data": {**base, **data}}


def test_a_pushed_reservation_is_the_visits_source_of_truth() -> None:
    """Dates at the property's times; the guest's details; Airbnb's reference; the unit; no code shown."""
    pushed = webhook_reservation(push(code="2468", updated_at="2026-12-01T10:00:00Z"), "hook", TIMES)
    event = pushed.event
    assert (event.kind, event.authoritative, event.all_day) == (EventKind.RESERVATION, True, True)
    assert event.checkin == datetime(2026, 12, 15, 16, tzinfo=BERLIN)
    assert event.checkout == datetime(2026, 12, 18, 11, tzinfo=BERLIN)
    assert (event.guest_name, event.email, event.phone_digits) == (
        "Jane Doe",
        "jane@example.com",
        "4915123454567",
    )
    assert (event.guest_count, event.reservation_code, pushed.unit) == (2, "HMJANE1234", "beach-house")
    assert pushed.updated_at == datetime.fromisoformat("2026-12-01T10:00:00+00:00")
    assert "2468" not in repr(event)
    # The host's own code beats every generated one.
    assert choose(event, CodeMemory(), PinSettings(), SECRET, NOW).code == "2468"


def test_exact_times_and_cancellations() -> None:
    """Zoned times are kept as given; a cancellation (either way of saying it) is a cancelled event."""
    exact = webhook_reservation(
        push(checkin="2026-12-15T14:00:00+00:00", checkout="2026-12-18T09:30:00+00:00"), "hook", TIMES
    ).event
    assert exact.checkin == datetime(2026, 12, 15, 15, tzinfo=BERLIN)
    assert not exact.all_day
    cancelled = webhook_reservation({**push(), "type": "reservation.cancelled"}, "hook", TIMES).event
    assert cancelled.kind is EventKind.CANCELLED
    assert webhook_reservation(push(status="cancelled"), "hook", TIMES).event.kind is EventKind.CANCELLED
    assert webhook_reservation(push(status="tentative", guest=None), "hook", TIMES).event.guest_name is None


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ([], "unknown_type"),
        ({"type": "booking.created", "data": {}}, "unknown_type"),
        ({"type": "reservation.upserted", "data": {"checkin": "2026-12-15"}}, "missing_id"),
        ({"type": "reservation.upserted"}, "missing_id"),
        (push(checkin=None), "missing_dates"),
        (push(checkin="15.12.2026"), "invalid_dates"),
        (push(checkin="2026-12-15T16:00:00"), "time_without_zone"),
        (push(checkout="2026-12-14"), "invalid_dates"),
        (push(status="maybe"), "unknown_status"),
        (push(code="12ab"), "invalid_code"),
        (push(updated_at="yesterday"), "invalid_dates"),
        (push(updated_at="2026-12-01T10:00:00"), "time_without_zone"),
    ],
)
def test_each_bad_push_is_named(body: object, reason: str) -> None:
    """The reason is a key the host reads in their language; the body is never echoed."""
    with pytest.raises(PayloadError) as err:
        webhook_reservation(body, "hook", TIMES)
    assert err.value.key == reason


def beds24(**fields: Any) -> dict[str, Any]:
    """Return a Beds24 booking of Jane (Airbnb channel) with `fields` changed."""
    return {
        "id": 5001,
        "roomId": 301,
        "status": "confirmed",
        "arrival": "2026-12-15",
        "departure": "2026-12-18",
        "arrivalTime": "15:00",
        "firstName": "Jane",
        "lastName": "Doe",
        "email": "jane@example.com",
        "phone": "",
        "mobile": "+49 151 2345 4567",
        "numAdult": 2,
        "channel": "airbnb",
        "apiReference": "HMJANE1234",
        **fields,
    }


def test_a_beds24_booking() -> None:
    """Confirmed and new bookings are visits, cancelled ones cancel; blocks, enquiries, other rooms not."""
    event = beds24_event(beds24(), "b24", TIMES, {301})
    assert event is not None
    assert (event.event_id, event.guest_name, event.phone_digits) == ("5001", "Jane Doe", "4915123454567")
    assert (event.platform, event.reservation_code, event.guest_count) == (Platform.AIRBNB, "HMJANE1234", 2)
    assert event.description == "Arrival time: 15:00"
    assert beds24_event(beds24(status="new"), "b24", TIMES, ()).kind is EventKind.RESERVATION  # type: ignore[union-attr]
    assert beds24_event(beds24(status="cancelled"), "b24", TIMES, {301}).kind is EventKind.CANCELLED  # type: ignore[union-attr]
    for skipped in (
        beds24(status="black"),
        beds24(status="inquiry"),
        beds24(roomId=302),
        beds24(arrival="soon"),
        beds24(departure="2026-12-15"),
    ):
        assert beds24_event(skipped, "b24", TIMES, {301}) is None
    bare = beds24_event(
        beds24(
            firstName="", lastName=None, mobile=None, phone="12", numAdult=0, channel="direct", arrivalTime=""
        ),
        "b24",
        TIMES,
        {301},
    )
    assert bare is not None
    assert (bare.guest_name, bare.phone_digits, bare.guest_count, bare.platform, bare.description) == (
        None,
        None,
        None,
        Platform.OTHER,
        "",
    )


def lodgify(**fields: Any) -> dict[str, Any]:
    """Return a Lodgify booking of Jane (from Airbnb) with `fields` changed."""
    return {
        "id": 7001,
        "arrival": "2026-12-15",
        "departure": "2026-12-18",
        "status": "Booked",
        "rooms": [{"room_type_id": 555, "people": 2}, "junk"],
        "guest": {"name": "Jane Doe", "email": "jane@example.com", "phone": "+49 151 2345 4567"},
        "source": "AirbnbIntegration",
        "source_text": "Airbnb HMJANE1234",
        "canceled_at": None,
        **fields,
    }


def test_a_lodgify_booking() -> None:
    """Booked is a visit; Declined, cancelled or deleted cancel; enquiries and other rooms are not."""
    event = lodgify_event(lodgify(), "ldg", TIMES, {555})
    assert event is not None
    assert (event.guest_name, event.reservation_code, event.guest_count, event.platform) == (
        "Jane Doe",
        "HMJANE1234",
        2,
        Platform.AIRBNB,
    )
    for cancelled in (
        lodgify(status="Declined"),
        lodgify(canceled_at="2026-12-01"),
        lodgify(is_deleted=True),
    ):
        assert lodgify_event(cancelled, "ldg", TIMES, {555}).kind is EventKind.CANCELLED  # type: ignore[union-attr]
    for skipped in (
        lodgify(status="Tentative"),
        lodgify(rooms=[{"room_type_id": 556}]),
        lodgify(arrival="x"),
        lodgify(departure="2026-12-14"),
    ):
        assert lodgify_event(skipped, "ldg", TIMES, {555}) is None
    bare = lodgify_event(lodgify(guest=None, rooms=[], source_text=None, source="Direct"), "ldg", TIMES, ())
    assert bare is not None
    assert (bare.guest_name, bare.guest_count, bare.reservation_code, bare.platform) == (
        None,
        None,
        None,
        Platform.OTHER,
    )
    phone_number = lodgify_event(lodgify(guest={"phone_number": "+49 170 555 2468"}), "ldg", TIMES, {555})
    assert phone_number is not None
    assert phone_number.phone_digits == "491705552468"
