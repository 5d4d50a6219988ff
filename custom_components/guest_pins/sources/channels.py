"""Keys delivered through the property-management system the booking came from.

Lodgify: the stay's code is written into the booking's key codes, so Lodgify's own messages to the guest
carry it. Beds24: the guest's message goes through the booking's channel (Airbnb, Booking.com, VRBO
messaging) where Beds24 can send one; for a direct booking the code is written into the booking as the
`DOORCODE` info item instead, for Beds24's own templates. One channel per system, reaching the stays that
came from one of its sources.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.util import dt as dt_util

from ..const import SUBENTRY_BEDS24, SUBENTRY_LODGIFY
from ..core.delivery import Keys
from ..core.model import Stay
from ..delivery import DeliveryError
from .beds24 import Beds24Error
from .coordinator import SourceCoordinator
from .lodgify import LodgifyError

DOORCODE = "DOORCODE"
_LABELS = {SUBENTRY_BEDS24: "Beds24", SUBENTRY_LODGIFY: "Lodgify"}


def key_text(keys: Keys, lock_names: Mapping[str, str]) -> str:
    """Return the code to write into a booking: the one code, or each lock's when they differ."""
    codes = set(keys.codes.values())
    if len(codes) == 1:
        return codes.pop()
    return ", ".join(f"{lock_names.get(lock, lock)} {code}" for lock, code in sorted(keys.codes.items()))


@dataclass
class SourceChannel:
    """Sends a stay's keys through the system (Beds24 or Lodgify) that booked it."""

    kind: str
    coordinators: list[SourceCoordinator]
    lock_names: Mapping[str, str]

    @property
    def name(self) -> str:
        """Return the channel's name (the system)."""
        return self.kind

    @property
    def label(self) -> str:
        """Return the system's name."""
        return _LABELS[self.kind]

    def _booking(self, stay: Stay) -> tuple[SourceCoordinator, dict[str, Any]] | None:
        """Return the source and the booking a stay came from, if one of this system's."""
        for coordinator in self.coordinators:
            prefix = f"{coordinator.source.source_id}/"
            for source in stay.sources:
                booking = coordinator.state.bookings.get(source.removeprefix(prefix))
                if source.startswith(prefix) and booking is not None:
                    return coordinator, booking
        return None

    def reaches(self, stay: Stay) -> bool:
        """Return whether the stay came from one of this system's sources."""
        return self._booking(stay) is not None

    async def async_send(self, stay: Stay, keys: Keys, title: str, message: str) -> None:
        """Write the code into the booking (Lodgify), or message the guest through Beds24."""
        found = self._booking(stay)
        if found is None:
            raise DeliveryError("send_failed", f"{self.label} no longer has the booking")
        coordinator, booking = found
        code = key_text(keys, self.lock_names)
        try:
            if coordinator.lodgify is not None:
                rooms = [
                    room["room_type_id"] for room in booking.get("rooms") or () if "room_type_id" in room
                ]
                await coordinator.lodgify.async_set_key_code(str(booking["id"]), rooms, code)
            elif coordinator.beds24 is not None:
                await self._async_beds24(coordinator, booking, message, code)
        except (Beds24Error, LodgifyError, TimeoutError, OSError) as err:
            raise DeliveryError("send_failed", f"{self.label} refused: {type(err).__name__}") from None

    @staticmethod
    async def _async_beds24(
        coordinator: SourceCoordinator, booking: dict[str, Any], message: str, code: str
    ) -> None:
        """Message the guest through the booking's channel, or write the code into a direct booking."""
        assert coordinator.beds24 is not None  # noqa: S101 - checked by the caller
        now = dt_util.utcnow()
        booking_id = booking["id"]
        if str(booking.get("channel") or "direct") != "direct":
            (answer,) = await coordinator.beds24.async_post(
                "/bookings/messages", [{"bookingId": booking_id, "message": message}], now
            )
            if answer.get("success"):
                return
        (answer,) = await coordinator.beds24.async_post(
            "/bookings", [{"id": booking_id, "infoItems": [{"code": DOORCODE, "text": code}]}], now
        )
        if not answer.get("success"):
            raise Beds24Error("request_failed", "Beds24 did not keep the door code")


def source_channels(coordinators: Mapping[str, object], lock_names: Mapping[str, str]) -> list[SourceChannel]:
    """Return one channel per system the property has a source of."""
    sources = [item for item in coordinators.values() if isinstance(item, SourceCoordinator)]
    return [
        SourceChannel(kind, chosen, lock_names)
        for kind in (SUBENTRY_BEDS24, SUBENTRY_LODGIFY)
        if (chosen := [coordinator for coordinator in sources if coordinator.source.kind == kind])
    ]
