"""Lodgify (Public API v2, webhooks v1): bookings, key codes written back, webhook subscriptions.

Every call carries the host's API key (`X-ApiKey`). Bookings are read page by page (`updatedSince` for the
changes since the last pass); the stay's code is written into the booking's key codes, so Lodgify's own
messages to the guest can carry it; webhooks are subscribed through the API, each with its own secret that
Lodgify shows only then (kept in the source's private store).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import aiohttp

from ..const import FEED_TIMEOUT

PAGE_SIZE = 50
_MAX_PAGES = 40
# A booking's creation, changes and cancellation (Lodgify sends a cancellation as a status change).
EVENTS = ("booking_new_any_status", "booking_change", "booking_status_change_declined")


class LodgifyError(Exception):
    """Lodgify could not be used; `key` says why (a translation key), the text is safe to log."""

    def __init__(self, key: str, detail: str = "") -> None:
        """Keep the reason."""
        super().__init__(detail or key)
        self.key = key


@dataclass
class LodgifyClient:
    """Talks to one Lodgify account for one source."""

    session: aiohttp.ClientSession
    base_url: str
    api_key: str = field(repr=False)

    async def _async_call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        body: object = None,
        ok: tuple[int, ...] = (200,),
    ) -> Any:  # noqa: ANN401 - JSON
        """Make one call; raise LodgifyError (`invalid_api_key`, `not_found`, `request_failed`) otherwise."""
        async with self.session.request(
            method,
            f"{self.base_url}{path}",
            params=params,
            json=body,
            headers={"X-ApiKey": self.api_key},
            timeout=aiohttp.ClientTimeout(total=FEED_TIMEOUT.total_seconds()),
        ) as response:
            answer = await response.json(content_type=None) if response.content_length != 0 else None
        if response.status in ok:
            return answer
        if response.status == 401:  # noqa: PLR2004
            raise LodgifyError("invalid_api_key")
        if response.status == 404:  # noqa: PLR2004
            raise LodgifyError("not_found")
        raise LodgifyError("request_failed", f"Lodgify answered {response.status} to {path}")

    async def async_properties(self) -> list[dict[str, Any]]:
        """Return the account's properties with their room types (for the host to pick)."""
        answer = await self._async_call("GET", "/v2/properties", params={"size": str(PAGE_SIZE)})
        return [item for item in (answer or {}).get("items") or () if isinstance(item, dict)]

    async def async_bookings(
        self, now: datetime, updated_since: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Return the bookings departing from yesterday on (changed since `updated_since`), every page.

        Current stays too (Lodgify's default is upcoming ones only), and deleted ones: a deletion cancels.
        """
        params = {
            "size": str(PAGE_SIZE),
            "stayFilter": "DepartureDate",
            "stayFilterDate": (now - timedelta(days=1)).strftime("%Y-%m-%dT00:00:00"),
            "trash": "All",
        }
        if updated_since is not None:
            params["updatedSince"] = updated_since.strftime("%Y-%m-%dT%H:%M:%S")
        found: list[dict[str, Any]] = []
        for page in range(1, _MAX_PAGES + 1):
            answer = await self._async_call(
                "GET", "/v2/reservations/bookings", params={**params, "page": str(page)}
            )
            items = [item for item in (answer or {}).get("items") or () if isinstance(item, dict)]
            found += items
            if len(items) < PAGE_SIZE:
                break
        return found

    async def async_booking(self, booking_id: str) -> dict[str, Any] | None:
        """Return one booking (None when Lodgify no longer has it)."""
        try:
            answer = await self._async_call("GET", f"/v2/reservations/bookings/{int(booking_id)}")
        except LodgifyError as err:
            if err.key == "not_found":
                return None
            raise
        return answer if isinstance(answer, dict) else None

    async def async_set_key_code(self, booking_id: str, room_type_ids: list[int], code: str) -> None:
        """Write the stay's door code into the booking's key codes (one per booked room type)."""
        rooms = [{"room_type_id": room, "key_code": code} for room in room_type_ids]
        await self._async_call(
            "PUT", f"/v2/reservations/bookings/{int(booking_id)}/keyCodes", body={"rooms": rooms}
        )

    async def async_subscribe(self, target_url: str, event: str) -> tuple[str, str]:
        """Subscribe a webhook; return its id and its secret (Lodgify shows the secret only now)."""
        answer = await self._async_call(
            "POST", "/webhooks/v1/subscribe", body={"target_url": target_url, "event": event}, ok=(200, 201)
        )
        if not isinstance(answer, dict) or not answer.get("id") or not answer.get("secret"):
            raise LodgifyError("request_failed", "Lodgify gave no subscription")
        return str(answer["id"]), str(answer["secret"])

    async def async_unsubscribe(self, subscription_id: str) -> None:
        """Remove a webhook subscription (a removed source leaves nothing behind)."""
        await self._async_call(
            "DELETE", "/webhooks/v1/unsubscribe", body={"id": subscription_id}, ok=(200, 204)
        )
