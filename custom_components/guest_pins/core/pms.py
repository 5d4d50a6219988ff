"""Reservations from property-management systems, as the events the planner reads.

Three shapes: our own signed webhook's JSON contract, a Beds24 booking (API v2) and a Lodgify booking
(API v2). Each becomes a `FeedEvent` that is the visit's source of truth (`authoritative`): check-in and
check-out at the property's times on the booking's dates (a webhook may give exact zoned times), the guest's
name, e-mail, phone and adults, and the channel's reference (Airbnb's HM code), by which the visit is matched
with the same booking in an iCal feed. A cancelled booking is a `CANCELLED` event; blocks and enquiries that
do not hold the unit are left out. Nothing here logs or keeps a code.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
import re
from typing import Any
from zoneinfo import ZoneInfo

from .model import EventKind, FeedEvent, Platform
from .validation import InputError, check_code

_HM_CODE = re.compile(r"\bHM[A-Z0-9]{8}\b")
_NON_DIGITS = re.compile(r"\D")
_MIN_PHONE_DIGITS = 4
_PLATFORMS = {
    "airbnb": Platform.AIRBNB,
    "vrbo": Platform.VRBO,
    "homeaway": Platform.VRBO,
    "booking": Platform.BOOKING,
    "bookingcom": Platform.BOOKING,
}
WEBHOOK_TYPES = ("reservation.upserted", "reservation.cancelled")


class PayloadError(ValueError):
    """A pushed body that cannot be used; `key` says why (a translation key: never its content)."""

    def __init__(self, key: str) -> None:
        """Keep the reason."""
        super().__init__(key)
        self.key = key


@dataclass(frozen=True, slots=True)
class StayTimes:
    """How a source's dates become instants: the property's zone and its check-in and check-out times."""

    zone: ZoneInfo
    checkin: time
    checkout: time

    def on(self, day: date, *, arriving: bool) -> datetime:
        """Return check-in (or check-out) time on a day, in the property's zone."""
        return datetime.combine(day, self.checkin if arriving else self.checkout, tzinfo=self.zone)


@dataclass(frozen=True, slots=True)
class Pushed:
    """A reservation pushed to the webhook: the event, when it was last changed (if said), its unit."""

    event: FeedEvent
    updated_at: datetime | None
    unit: str | None


def _digits(phone: str | None) -> str | None:
    """Return a phone number's digits (None when it has too few to mean anything)."""
    digits = _NON_DIGITS.sub("", phone or "")
    return digits if len(digits) >= _MIN_PHONE_DIGITS else None


def _text(value: object) -> str | None:
    """Return a field as stripped text, or None when empty or not text."""
    return value.strip() or None if isinstance(value, str) else None


def _mapping(value: object) -> Mapping[str, Any]:
    """Return a JSON object, or an empty one for anything else."""
    return value if isinstance(value, Mapping) else {}


def _platform(channel: object) -> Platform:
    """Return the platform a channel name stands for."""
    name = re.sub(r"[^a-z]", "", str(channel or "").lower()).removesuffix("integration")
    return _PLATFORMS.get(name, Platform.OTHER)


def _event(
    booking_id: str,
    calendar_id: str,
    kind: EventKind,
    checkin: datetime,
    checkout: datetime,
    **details: Any,  # noqa: ANN401 - FeedEvent's own fields
) -> FeedEvent:
    """Return a source-of-truth event."""
    name = details.get("guest_name")
    return FeedEvent(
        event_id=booking_id,
        calendar_id=calendar_id,
        uid=booking_id,
        kind=kind,
        checkin=checkin,
        checkout=checkout,
        summary=name or "",
        phone_digits=_digits(details.get("phone")),
        authoritative=True,
        **details,
    )


def _moment(value: object, times: StayTimes, *, arriving: bool) -> tuple[datetime, bool]:
    """Return a pushed date (at the property's time) or zoned time, and whether it was a date."""
    text = _text(value)
    if text is None:
        raise PayloadError("missing_dates")
    try:
        if len(text) == len("2026-12-15"):
            return times.on(date.fromisoformat(text), arriving=arriving), True
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise PayloadError("invalid_dates") from None
    if moment.tzinfo is None:
        raise PayloadError("time_without_zone")
    return moment.astimezone(times.zone), False


def webhook_reservation(payload: object, calendar_id: str, times: StayTimes) -> Pushed:
    """Return the reservation our webhook's JSON contract describes; raise PayloadError when it cannot."""
    if not isinstance(payload, Mapping) or payload.get("type") not in WEBHOOK_TYPES:
        raise PayloadError("unknown_type")
    data = payload.get("data")
    if not isinstance(data, Mapping) or not (booking_id := _text(str(data.get("id") or ""))):
        raise PayloadError("missing_id")
    checkin, all_day = _moment(data.get("checkin"), times, arriving=True)
    checkout, _ = _moment(data.get("checkout"), times, arriving=False)
    if checkout <= checkin:
        raise PayloadError("invalid_dates")
    status = str(data.get("status") or "confirmed").lower()
    if payload["type"] == "reservation.cancelled" or status == "cancelled":
        kind = EventKind.CANCELLED
    elif status in ("confirmed", "tentative"):
        kind = EventKind.RESERVATION
    else:
        raise PayloadError("unknown_status")
    guest = _mapping(data.get("guest"))
    host_code = _text(str(data.get("code") or ""))
    if host_code is not None:
        try:
            check_code(host_code)
        except InputError:
            raise PayloadError("invalid_code") from None
    adults = data.get("adults")
    updated = _text(data.get("updated_at"))
    try:
        updated_at = datetime.fromisoformat(updated) if updated else None
    except ValueError:
        raise PayloadError("invalid_dates") from None
    if updated_at is not None and updated_at.tzinfo is None:
        raise PayloadError("time_without_zone")
    event = _event(
        booking_id,
        calendar_id,
        kind,
        checkin,
        checkout,
        all_day=all_day,
        guest_name=_text(guest.get("name")),
        email=_text(guest.get("email")),
        phone=_text(guest.get("phone")),
        guest_count=adults if isinstance(adults, int) and adults > 0 else None,
        reservation_code=_text(data.get("reference")),
        host_code=host_code,
    )
    return Pushed(event, updated_at, _text(data.get("unit")))


# Beds24: `black` is a block of the unit, `inquiry` and `request` do not hold it (yet).
_BEDS24_KINDS = {
    "confirmed": EventKind.RESERVATION,
    "new": EventKind.RESERVATION,
    "cancelled": EventKind.CANCELLED,
}


def beds24_event(
    booking: Mapping[str, Any], calendar_id: str, times: StayTimes, rooms: Collection[int]
) -> FeedEvent | None:
    """Return the event of a Beds24 booking in one of the source's rooms (None: not a guest's visit)."""
    kind = _BEDS24_KINDS.get(str(booking.get("status", "")).lower())
    if kind is None or (rooms and booking.get("roomId") not in rooms):
        return None
    try:
        arrival = date.fromisoformat(str(booking["arrival"]))
        departure = date.fromisoformat(str(booking["departure"]))
    except KeyError, ValueError:
        return None
    if departure <= arrival:
        return None
    name = " ".join(
        part for part in (_text(booking.get("firstName")), _text(booking.get("lastName"))) if part
    )
    adults = booking.get("numAdult")
    return _event(
        str(booking["id"]),
        calendar_id,
        kind,
        times.on(arrival, arriving=True),
        times.on(departure, arriving=False),
        guest_name=name or None,
        email=_text(booking.get("email")),
        phone=_text(booking.get("mobile")) or _text(booking.get("phone")),
        guest_count=adults if isinstance(adults, int) and adults > 0 else None,
        reservation_code=_text(booking.get("apiReference")),
        platform=_platform(booking.get("channel")),
        description=f"Arrival time: {arrival_time}"
        if (arrival_time := _text(booking.get("arrivalTime")))
        else "",
    )


def lodgify_event(
    booking: Mapping[str, Any], calendar_id: str, times: StayTimes, room_types: Collection[int]
) -> FeedEvent | None:
    """Return the event of a Lodgify booking of one of the source's room types (None: not a visit)."""
    status = str(booking.get("status", ""))
    booked_rooms = {
        room.get("room_type_id") for room in booking.get("rooms") or () if isinstance(room, Mapping)
    }
    if room_types and not booked_rooms & set(room_types):
        return None
    if status == "Declined" or booking.get("canceled_at") or booking.get("is_deleted"):
        kind = EventKind.CANCELLED
    elif status == "Booked":
        kind = EventKind.RESERVATION
    else:
        return None  # Tentative, Open: an enquiry or a hold, not a guest's stay yet
    try:
        arrival = date.fromisoformat(str(booking["arrival"])[:10])
        departure = date.fromisoformat(str(booking["departure"])[:10])
    except KeyError, ValueError:
        return None
    if departure <= arrival:
        return None
    guest = _mapping(booking.get("guest"))
    people = sum(room.get("people") or 0 for room in booking.get("rooms") or () if isinstance(room, Mapping))
    reference = _HM_CODE.search(f"{booking.get('source_text') or ''} {booking.get('external_booking') or ''}")
    return _event(
        str(booking["id"]),
        calendar_id,
        kind,
        times.on(arrival, arriving=True),
        times.on(departure, arriving=False),
        guest_name=_text(guest.get("name")),
        email=_text(guest.get("email")),
        phone=_text(guest.get("phone")) or _text(guest.get("phone_number")),
        guest_count=people or None,
        reservation_code=reference.group(0) if reference else None,
        platform=_platform(booking.get("source")),
    )
