"""Beds24 (API v2): the invite code exchange, access tokens reused for their day, bookings, write-back.

Every call carries the access token (24 hours; fetched again with the refresh token when it expires or is
refused). Beds24 meters an account's calls in credits per five minutes, shared with the host's other tools:
each answer says what is left (`x-five-min-limit-remaining`, or the spec's spelling), and guest_pins stops
short of the end (`CREDIT_RESERVE`) and waits for the window to reset instead of being refused. Array
parameters are repeated (`status=new&status=cancelled`: a comma list is refused), every status is asked for
(cancelled bookings are left out otherwise), and pages are followed to the end.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import aiohttp

from ..const import FEED_TIMEOUT

# Credits left at which guest_pins stops calling until the window resets (the host's other tools need some).
CREDIT_RESERVE = 10.0
ALL_STATUSES = ("confirmed", "request", "new", "cancelled", "black", "inquiry")
_REMAINING = ("x-five-min-limit-remaining", "x-fivemincreditlimit-remaining")
_RESETS_IN = ("x-five-min-limit-resets-in", "x-fivemincreditlimit-resetsin")
_MAX_PAGES = 50


class Beds24Error(Exception):
    """Beds24 could not be used; `key` says why (a translation key), the text is safe to log."""

    def __init__(self, key: str, detail: str = "") -> None:
        """Keep the reason."""
        super().__init__(detail or key)
        self.key = key


class CreditsLow(Beds24Error):  # noqa: N818 - named as the host reads it
    """The account's credits are (nearly) used up until `resets_at`."""

    def __init__(self, resets_at: datetime) -> None:
        """Keep when the window resets."""
        super().__init__("credits_low", f"credits used up until {resets_at.isoformat()}")
        self.resets_at = resets_at


@dataclass
class Beds24Token:
    """An access token and when it expires (kept in the source's private store)."""

    token: str | None = field(default=None, repr=False)
    expires: datetime | None = None


def _header(headers: Mapping[str, str], names: Iterable[str]) -> float | None:
    """Return a credit header as a number, whichever spelling Beds24 used."""
    lowered = {key.lower(): value for key, value in headers.items()}
    for name in names:
        try:
            return float(lowered[name])
        except KeyError, ValueError:
            continue
    return None


@dataclass
class Beds24Client:
    """Talks to one Beds24 account for one source."""

    session: aiohttp.ClientSession
    base_url: str
    refresh_token: str = field(repr=False)
    access: Beds24Token = field(default_factory=Beds24Token)
    credits_left: float | None = None
    resets_at: datetime | None = None

    @staticmethod
    async def async_exchange_invite(session: aiohttp.ClientSession, base_url: str, invite: str) -> str:
        """Return the refresh token an invite code gives (invite codes work once)."""
        async with session.get(
            f"{base_url}/authentication/setup", headers={"code": invite}, timeout=_timeout()
        ) as response:
            body = await response.json(content_type=None)
        if response.status != 200 or not isinstance(body, dict) or not body.get("refreshToken"):  # noqa: PLR2004
            raise Beds24Error("invalid_invite")
        return str(body["refreshToken"])

    async def async_revoke(self) -> None:
        """Revoke the refresh token (a removed source leaves no key to its guests' details behind)."""
        async with self.session.delete(
            f"{self.base_url}/authentication/token",
            headers={"refreshToken": self.refresh_token},
            timeout=_timeout(),
        ) as response:
            await response.read()
        # 401: the token was no longer valid (revoked in Beds24 or unused for 30 days): nothing is left.
        if response.status not in (200, 401):
            raise Beds24Error("request_failed", f"Beds24 answered {response.status} to the revocation")

    async def _async_access_token(self, now: datetime, *, renew: bool = False) -> str:
        """Return a valid access token, fetching one with the refresh token only when needed."""
        token, expires = self.access.token, self.access.expires
        if token and expires and now < expires - timedelta(minutes=5) and not renew:
            return token
        async with self.session.get(
            f"{self.base_url}/authentication/token",
            headers={"refreshToken": self.refresh_token},
            timeout=_timeout(),
        ) as response:
            body = await response.json(content_type=None)
        if response.status != 200 or not isinstance(body, dict) or not body.get("token"):  # noqa: PLR2004
            raise Beds24Error("auth_failed", f"Beds24 refused the refresh token ({response.status})")
        self.access = Beds24Token(
            str(body["token"]), now + timedelta(seconds=int(body.get("expiresIn", 3600)))
        )
        return str(body["token"])

    async def async_get(self, path: str, params: list[tuple[str, str]], now: datetime) -> Any:  # noqa: ANN401 - JSON
        """GET a JSON answer, refreshing the access token once when refused; mind the credits."""
        if self.resets_at is not None and now < self.resets_at:
            raise CreditsLow(self.resets_at)
        for attempt in (0, 1):
            token = await self._async_access_token(now, renew=attempt == 1)
            async with self.session.get(
                f"{self.base_url}{path}", params=params, headers={"token": token}, timeout=_timeout()
            ) as response:
                body = await response.json(content_type=None)
                self._note_credits(response.headers, now, refused=response.status == 429)  # noqa: PLR2004
            if response.status == 401 and attempt == 0:  # noqa: PLR2004 - the token expired early: renew once
                continue
            if response.status != 200:  # noqa: PLR2004
                raise Beds24Error("request_failed", f"Beds24 answered {response.status} to {path}")
            return body
        raise Beds24Error("auth_failed")  # pragma: no cover - the loop returns or raises

    def _note_credits(self, headers: Mapping[str, str], now: datetime, *, refused: bool) -> None:
        """Remember the credits left; below the reserve (or refused), wait for the window to reset.

        The answer that brought the credits low is still used; a refused one raises CreditsLow.
        """
        left, resets_in = _header(headers, _REMAINING), _header(headers, _RESETS_IN)
        if left is not None:
            self.credits_left = left
        if refused or (left is not None and left < CREDIT_RESERVE):
            self.resets_at = now + timedelta(seconds=resets_in if resets_in is not None else 300)
            if refused:
                raise CreditsLow(self.resets_at)
            return
        self.resets_at = None

    async def async_bookings(
        self,
        now: datetime,
        *,
        property_id: int | None,
        modified_from: datetime | None = None,
        ids: Collection[int] = (),
    ) -> list[dict[str, Any]]:
        """Return bookings of every status: changed since `modified_from`, the ones named, or all current."""
        params = [("status", status) for status in ALL_STATUSES]
        params += [("id", str(booking)) for booking in ids]
        if property_id is not None:
            params.append(("propertyId", str(property_id)))
        if modified_from is not None:
            params.append(("modifiedFrom", modified_from.strftime("%Y-%m-%dT%H:%M:%S")))
        if not ids:
            # Beds24 returns only upcoming stays by default; say so, from yesterday on.
            params.append(("departureFrom", (now - timedelta(days=1)).strftime("%Y-%m-%d")))
        found: list[dict[str, Any]] = []
        for page in range(1, _MAX_PAGES + 1):
            body = await self.async_get("/bookings", [*params, ("page", str(page))], now)
            found += [item for item in body.get("data") or () if isinstance(item, dict)]
            if not (body.get("pages") or {}).get("nextPageExists"):
                break
        return found

    async def async_properties(self, now: datetime) -> list[dict[str, Any]]:
        """Return the account's properties with their rooms (for the host to pick)."""
        body = await self.async_get("/properties", [("includeAllRooms", "true")], now)
        return [item for item in body.get("data") or () if isinstance(item, dict)]

    async def async_post(self, path: str, items: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
        """POST items (a write-back or messages); return Beds24's answer per item (201 even on refusals)."""
        token = await self._async_access_token(now)
        async with self.session.post(
            f"{self.base_url}{path}", json=items, headers={"token": token}, timeout=_timeout()
        ) as response:
            body = await response.json(content_type=None)
        if response.status not in (200, 201) or not isinstance(body, list):
            raise Beds24Error("request_failed", f"Beds24 answered {response.status} to {path}")
        return [item for item in body if isinstance(item, dict)]


def _timeout() -> aiohttp.ClientTimeout:
    """Return the time allowed for one call."""
    return aiohttp.ClientTimeout(total=FEED_TIMEOUT.total_seconds())
