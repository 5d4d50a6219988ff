"""Local HTTPS emulators of two property-management systems, and Standard Webhooks test helpers.

`Beds24Emulator` serves the Beds24 API v2 (invite code -> refresh token -> access token, an account-wide
five-minute credit bucket, repeated array parameters, pages of 100) and sends its unsigned booking webhook.
`LodgifyEmulator` serves the Lodgify Public API v2 (X-ApiKey, bookings, key codes) and the v1 webhook
subscriptions, and fires webhooks signed `ms-signature: sha256=<hex HMAC>`. The shapes are those verified
in the research notes on both APIs; where the vendors leave a detail open, the emulators take the stricter
reading.

Both run as aiohttp servers on the test's own event loop (Home Assistant's), over TLS on 127.0.0.1 (a
random port) with a certificate from one test CA, which `trust_test_ca` adds to the SSL contexts Home
Assistant's shared client session uses. Each reads the time from `clock` (the fixtures pass
`homeassistant.util.dt.utcnow`, so moving a frozen clock moves booking times, token expiry, credit windows
and rate windows).
"""

import base64
from collections.abc import AsyncGenerator, Callable, Iterable
import copy
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
import hashlib
import hmac
from itertools import count
import json
import math
import re
import secrets
import ssl
import string
from typing import Any, Literal, Self
import uuid

from aiohttp import ClientError, ClientSession, ClientTimeout, web
from aiohttp.typedefs import Handler
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util, ssl as ssl_util
import pytest
import trustme

type Clock = Callable[[], datetime]
type Json = dict[str, Any]
type Logged = tuple[str, str, list[tuple[str, str]]]

# Made once, at import: certificates carry real dates, which a frozen test clock would break.
AUTHORITY = trustme.CA()
CERTIFICATE = AUTHORITY.issue_cert("127.0.0.1")
SERVER_CONTEXT = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
CERTIFICATE.configure_cert(SERVER_CONTEXT)
_TRUSTED: set[int] = set()


def trust_test_ca(hass: HomeAssistant) -> None:
    """Make Home Assistant's client sessions trust the test CA, with verification left on.

    `async_get_clientsession(hass)` builds its connector on
    `ssl_util.client_context(cipher, SSL_ALPN_HTTP11)`, a process-wide cached context; the CA is added to
    every cached verifying context (each cipher list and ALPN variant, which also covers
    `get_default_context()` and the httpx helpers). The no-verify contexts need nothing. Idempotent; the
    test CA stays trusted for the rest of the test process.
    """
    for cipher in ssl_util.SSLCipherList:
        for alpn in (ssl_util.SSL_ALPN_NONE, ssl_util.SSL_ALPN_HTTP11, ssl_util.SSL_ALPN_HTTP11_HTTP2):
            context = ssl_util.client_context(cipher, alpn)
            if id(context) not in _TRUSTED:
                AUTHORITY.configure_trust(context)
                _TRUSTED.add(id(context))


# ------------------------------------------------------------------------------------------------------------
# Shared plumbing


class _BadRequestError(Exception):
    """A query or body the emulated API refuses with 400."""


def _zulu(moment: datetime | None) -> str | None:
    """Format a time as Beds24 does: UTC, whole seconds, a trailing Z."""
    return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _iso(moment: datetime | None) -> str | None:
    """Format a time as an ISO 8601 UTC offset time (Lodgify's REST times)."""
    return None if moment is None else moment.astimezone(UTC).replace(microsecond=0).isoformat()


def _day(value: date | str) -> str:
    """Return a stay date as YYYY-MM-DD, from a date or a string."""
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, date) else date.fromisoformat(value).isoformat()


def _decimal(value: float) -> str:
    """Format a credit figure as a decimal string ("97.6", "1.0")."""
    return str(round(value, 2))


def _hm_code() -> str:
    """Return an Airbnb-like confirmation code (HM + 8 characters)."""
    return "HM" + "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(8))


def _with_dates(fields: dict[str, Any]) -> dict[str, Any]:
    """Normalise the stay dates among test-supplied fields to YYYY-MM-DD strings."""
    return {key: _day(value) if key in {"arrival", "departure"} else value for key, value in fields.items()}


async def _read_json(request: web.Request) -> Any:
    """Return the request's JSON body, or None when it is empty or not JSON."""
    try:
        return json.loads(await request.read() or b"null")
    except ValueError:
        return None


async def _deliver(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST raw bytes with the emulator's own client session; return the status (0: could not connect)."""
    try:
        async with (
            ClientSession(timeout=ClientTimeout(total=30)) as session,
            session.post(url, data=body, headers=headers) as response,
        ):
            await response.read()
            return response.status
    except ClientError:
        return 0


class _Peer:
    """An aiohttp application served over TLS on 127.0.0.1 (a random port) on the running event loop."""

    def __init__(self, clock: Clock) -> None:
        """Keep the clock; the server starts with `start()` (or `async with`)."""
        self.clock = clock
        self.answering = True
        self.port = 0
        self.requests: list[Logged] = []
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        """Return the scheme, host and port of the emulator."""
        return f"https://127.0.0.1:{self.port}"

    def routes(self, app: web.Application) -> None:
        """Add the emulated API's routes."""
        raise NotImplementedError

    @web.middleware
    async def _log(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Record every request; answer 503 while the service is "down"."""
        self.requests.append((request.method, request.path, list(request.query.items())))
        if not self.answering:
            return web.Response(status=503, text="Service Unavailable")
        return await handler(request)

    async def start(self) -> None:
        """Serve the API on a free loopback port."""
        app = web.Application(middlewares=[self._log])
        self.routes(app)
        # Idle connections stay open: a test that moves the frozen clock by hours must not race the server
        # closing a kept-alive connection against Home Assistant's next request on it.
        runner = web.AppRunner(app, access_log=None, keepalive_timeout=10 * 365 * 86400)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0, ssl_context=SERVER_CONTEXT).start()
        self.port = runner.addresses[0][1]
        self._runner = runner

    async def stop(self) -> None:
        """Stop serving and close every connection."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        """Start the emulator."""
        await self.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        """Stop the emulator."""
        await self.stop()


# ------------------------------------------------------------------------------------------------------------
# Beds24 API v2

BEDS24_SCOPES = ("read:bookings", "read:bookings-personal", "write:bookings", "read:properties")
BEDS24_STATUSES = frozenset({"confirmed", "request", "new", "cancelled", "black", "inquiry"})
BEDS24_DEFAULT_STATUSES = ("confirmed", "request", "new", "black", "inquiry")
BEDS24_PAGE_SIZE = 100
_B24_PERSONAL = ("firstName", "lastName", "email", "phone", "mobile")
_B24_ARRAYS = ("propertyId", "roomId", "id", "status", "apiReference")
_B24_DATES = ("arrivalFrom", "arrivalTo", "departureFrom", "departureTo")
_B24_READ_ONLY = frozenset({"id", "propertyId", "bookingTime", "modifiedTime", "cancelTime", "infoItems"})
_NAIVE_UTC = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


@dataclass
class Beds24Grant:
    """An invite code, refresh token or access token: its scopes and until when it is good."""

    scopes: tuple[str, ...]
    device_name: str
    created: datetime
    expires: datetime


def _b24_error(status: int, message: str) -> web.Response:
    """Return Beds24's error body with the same code as the HTTP status."""
    body = {"success": False, "type": "error", "code": status, "error": message}
    return web.json_response(body, status=status)


def _b24_ints(name: str, values: list[str]) -> set[int]:
    """Parse a repeated integer parameter."""
    try:
        return {int(value) for value in values}
    except ValueError:
        msg = f"{name} must be an integer"
        raise _BadRequestError(msg) from None


class Beds24Emulator(_Peer):
    """Beds24's API v2 for one account: tokens, credits, properties, bookings, info items and messages."""

    def __init__(self, clock: Clock) -> None:
        """Start with one property (201 "Beach House", rooms 301 and 302), no bookings and a full bucket."""
        super().__init__(clock)
        self.credit_limit = 100.0
        self.credit_window = timedelta(seconds=300)
        self.request_cost = 1.0
        self.credits_spent = 0.0
        self.credit_headers: Literal["wire", "spec", "both"] = "wire"  # "spec": X-FiveMinCreditLimit-*
        self.access_lifetime = timedelta(seconds=86400)
        self.refresh_idle_limit = timedelta(days=30)
        self.invite_lifetime = timedelta(hours=24)
        self.writes_bump_modified = True
        self.owner_id = 41001
        self.properties: list[Json] = [
            {
                "id": 201,
                "name": "Beach House",
                "propertyType": "apartment",
                "currency": "EUR",
                "checkInStart": "15:00",
                "checkInEnd": "22:00",
                "checkOutEnd": "10:00",
                "roomTypes": [
                    {"id": 301, "propertyId": 201, "name": "Front apartment", "qty": 1},
                    {"id": 302, "propertyId": 201, "name": "Garden room", "qty": 1},
                ],
            }
        ]
        self.bookings: dict[int, Json] = {}
        self.messages: list[Json] = []
        self.invites: dict[str, Beds24Grant] = {}
        self.refresh_tokens: dict[str, Beds24Grant] = {}
        self.access_tokens: dict[str, Beds24Grant] = {}
        self._window_start: datetime | None = None
        self._window_spent = 0.0
        self._ids = count(5001)
        self._info_ids = count(700001)
        self._message_ids = count(9001)

    @property
    def api_url(self) -> str:
        """Return the API's base URL (what a client calls Beds24's `https://beds24.com/api/v2`)."""
        return f"{self.base_url}/v2"

    def routes(self, app: web.Application) -> None:
        """Add the Beds24 routes behind the token and credit gate."""
        app.middlewares.append(self._gate)
        app.router.add_get("/v2/authentication/setup", self._setup)
        app.router.add_get("/v2/authentication/token", self._refresh)
        app.router.add_delete("/v2/authentication/token", self._revoke)
        app.router.add_get("/v2/authentication/details", self._details)
        app.router.add_get("/v2/properties", self._properties)
        app.router.add_get("/v2/bookings", self._list_bookings)
        app.router.add_post("/v2/bookings", self._write_bookings)
        app.router.add_get("/v2/bookings/messages", self._list_messages)
        app.router.add_post("/v2/bookings/messages", self._send_messages)

    # -- test controls

    def issue_invite(self, scopes: Iterable[str] = BEDS24_SCOPES) -> str:
        """Create a single-use invite code with these scopes, as the host does in Beds24's control panel."""
        code = secrets.token_urlsafe(24)
        now = self.clock()
        self.invites[code] = Beds24Grant(tuple(scopes), "", now, now + self.invite_lifetime)
        return code

    def expire_access_tokens(self) -> None:
        """Expire every access token now (refresh tokens stay good)."""
        for grant in self.access_tokens.values():
            grant.expires = datetime.min.replace(tzinfo=UTC)

    def add_booking(self, **fields: Any) -> Json:
        """Add a booking (id from 5001, arriving tomorrow for 3 nights); return it as the API shows it."""
        now = self.clock()
        channel = fields.get("channel", "airbnb")
        arrival = now.date() + timedelta(days=1)
        booking: Json = {
            "id": next(self._ids),
            "masterId": None,
            "propertyId": 201,
            "roomId": 301,
            "unitId": 1,
            "roomQty": 1,
            "status": "confirmed",
            "subStatus": "none",
            "arrival": arrival.isoformat(),
            "departure": (arrival + timedelta(days=3)).isoformat(),
            "arrivalTime": "",
            "numAdult": 2,
            "numChild": 0,
            "firstName": "Ada",
            "lastName": "Lovelace",
            "email": "ada@example.com",
            "phone": "+49 30 1234567",
            "mobile": "+49 151 2345678",
            "lang": "en",
            "notes": "",
            "channel": channel,
            "apiSource": "Direct" if channel == "direct" else channel.title(),
            "apiReference": _hm_code() if channel == "airbnb" else "",
            "bookingTime": now,
            "modifiedTime": now,
            "cancelTime": None,
            "infoItems": [],
        } | _with_dates(fields)
        if booking["status"] not in BEDS24_STATUSES or booking["id"] in self.bookings:
            msg = f"bad status or duplicate id: {booking['status']}, {booking['id']}"
            raise ValueError(msg)
        self.bookings[booking["id"]] = booking
        return self.view(booking, info_items=True)

    def modify(self, booking_id: int, **fields: Any) -> Json:
        """Change a booking's fields (as the host or a channel would); bumps modifiedTime."""
        booking = self.bookings[booking_id]
        booking.update(_with_dates(fields))
        booking["modifiedTime"] = self.clock()
        return self.view(booking, info_items=True)

    def cancel(self, booking_id: int) -> Json:
        """Cancel a booking (status cancelled, cancelTime now)."""
        return self.modify(booking_id, status="cancelled", cancelTime=self.clock())

    def view(self, booking: Json, *, personal: bool = True, info_items: bool = False) -> Json:
        """Return a booking as the API serialises it."""
        shown = {
            key: value
            for key, value in booking.items()
            if key != "infoItems" and (personal or key not in _B24_PERSONAL)
        }
        for key in ("bookingTime", "modifiedTime", "cancelTime"):
            shown[key] = _zulu(booking[key])
        if info_items:
            shown["infoItems"] = booking["infoItems"]
        return copy.deepcopy(shown)

    async def send_webhook(
        self, url: str, booking_id: int, headers: dict[str, str], *, personal: bool = True, retries: int = 0
    ) -> int:
        """POST the unsigned v2 booking webhook (personal data unless told) to `url`; return the status."""
        booking = self.bookings[booking_id]
        body = {
            "timeStamp": _zulu(self.clock()),
            "booking": self.view(booking, personal=personal),
            "infoItems": copy.deepcopy(booking["infoItems"]),
            "invoiceItems": [],
            "messages": [],
            "retries": retries,
        }
        return await _deliver(url, json.dumps(body).encode(), {"Content-Type": "application/json", **headers})

    # -- tokens and credits

    def _access(self, token: str | None) -> Beds24Grant | None:
        """Return the grant of a valid, unexpired access token."""
        grant = self.access_tokens.get(token or "")
        return grant if grant is not None and self.clock() < grant.expires else None

    def _new_access(self, grant: Beds24Grant) -> Json:
        """Issue an access token with the grant's scopes."""
        token, now = secrets.token_urlsafe(32), self.clock()
        self.access_tokens[token] = Beds24Grant(
            grant.scopes, grant.device_name, now, now + self.access_lifetime
        )
        return {"token": token, "expiresIn": int(self.access_lifetime.total_seconds())}

    def _meter(self) -> tuple[float, int]:
        """Return the credits left and the seconds until the window resets (opening a new window if due)."""
        now = self.clock()
        if self._window_start is None or now - self._window_start >= self.credit_window:
            self._window_start, self._window_spent = now, 0.0
        resets = math.ceil((self._window_start + self.credit_window - now).total_seconds())
        return self.credit_limit - self._window_spent, resets

    def _credit_headers(self, remaining: float, resets: int, cost: float) -> dict[str, str]:
        """Return the credit headers in the spelling(s) chosen."""
        wire = {
            "x-five-min-limit-remaining": _decimal(remaining),
            "x-five-min-limit-resets-in": str(resets),
            "x-request-cost": _decimal(cost),
        }
        spec = {
            "X-FiveMinCreditLimit": _decimal(self.credit_limit),
            "X-FiveMinCreditLimit-Remaining": _decimal(remaining),
            "X-FiveMinCreditLimit-ResetsIn": str(resets),
            "X-RequestCost": _decimal(cost),
        }
        return {"wire": wire, "spec": spec, "both": wire | spec}[self.credit_headers]

    @web.middleware
    async def _gate(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Require a valid access token, then debit the account's bucket (429 when it is empty)."""
        if request.path.startswith("/v2/authentication/"):
            return await handler(request)
        grant = self._access(request.headers.get("token"))
        if grant is None:
            return _b24_error(401, "Token not valid")
        remaining, resets = self._meter()
        cost = self.request_cost
        if remaining < cost - 1e-9:
            headers = self._credit_headers(max(remaining, 0.0), resets, 0.0)
            return web.json_response({"success": False}, status=429, headers=headers)
        self._window_spent += cost
        self.credits_spent += cost
        request["grant"] = grant
        response = await handler(request)
        response.headers.update(self._credit_headers(remaining - cost, resets, cost))
        return response

    async def _setup(self, request: web.Request) -> web.Response:
        """Exchange a single-use invite code for an access and a refresh token."""
        invite = self.invites.pop(request.headers.get("code", ""), None)
        now = self.clock()
        if invite is None or now >= invite.expires:
            return _b24_error(401, "Token not valid")
        refresh = secrets.token_urlsafe(48)
        grant = Beds24Grant(
            invite.scopes, request.headers.get("deviceName", ""), now, now + self.refresh_idle_limit
        )
        self.refresh_tokens[refresh] = grant
        return web.json_response({**self._new_access(grant), "refreshToken": refresh})

    async def _refresh(self, request: web.Request) -> web.Response:
        """Issue a new access token for a refresh token (which does not rotate)."""
        grant = self.refresh_tokens.get(request.headers.get("refreshToken", ""))
        now = self.clock()
        if grant is None or now >= grant.expires:
            return _b24_error(401, "Token not valid")
        grant.expires = now + self.refresh_idle_limit
        return web.json_response(self._new_access(grant))

    async def _revoke(self, request: web.Request) -> web.Response:
        """Revoke a refresh token."""
        if self.refresh_tokens.pop(request.headers.get("refreshToken", ""), None) is None:
            return _b24_error(401, "Token not valid")
        return web.json_response({"success": True})

    async def _details(self, request: web.Request) -> web.Response:
        """Describe the access token: always 200, `validToken` false for a bad one; costs nothing."""
        grant = self._access(request.headers.get("token"))
        diagnostics = {"requestIp": request.remote}
        if grant is None:
            return web.json_response({"validToken": False, "diagnostics": diagnostics})
        token = {
            "ownerId": self.owner_id,
            "expiresIn": int((grant.expires - self.clock()).total_seconds()),
            "created": _zulu(grant.created),
            "scopes": list(grant.scopes),
            "deviceName": grant.device_name,
            "linkedProperties": False,
            "onlyPropertyId": None,
            "whiteListOnly": False,
            "whiteList": [],
        }
        return web.json_response({"validToken": True, "token": token, "diagnostics": diagnostics})

    # -- properties and bookings

    @staticmethod
    def _repeated(request: web.Request, name: str) -> list[str]:
        """Return a repeated array parameter's values; a comma-joined list is refused (400)."""
        values = request.query.getall(name, [])
        if any("," in value for value in values):
            msg = f"Invalid {name}: repeat the parameter instead of joining values with commas"
            raise _BadRequestError(msg)
        return values

    async def _properties(self, request: web.Request) -> web.Response:
        """List the properties; room types only with includeAllRooms=true."""
        if "read:properties" not in request["grant"].scopes:
            return _b24_error(403, "Token does not have the properties scope")
        try:
            ids = _b24_ints("id", self._repeated(request, "id"))
        except _BadRequestError as err:
            return _b24_error(400, str(err))
        rooms = request.query.get("includeAllRooms") == "true"
        data = [
            {**prop, "roomTypes": prop["roomTypes"] if rooms else []}
            for prop in self.properties
            if not ids or prop["id"] in ids
        ]
        pages = {"nextPageExists": False, "nextPageLink": None}
        body = {"success": True, "type": "property", "count": len(data), "pages": pages, "data": data}
        return web.json_response(copy.deepcopy(body))

    def _selector(self, request: web.Request) -> Callable[[Json], bool]:
        """Parse GET /bookings filters into a predicate; raise _BadRequestError for a bad parameter."""
        query = request.query
        arrays = {name: self._repeated(request, name) for name in _B24_ARRAYS}
        ints = {name: _b24_ints(name, arrays[name]) for name in ("propertyId", "roomId", "id")}
        statuses = set(arrays["status"]) or set(BEDS24_DEFAULT_STATUSES)
        if statuses - BEDS24_STATUSES:
            msg = f"Invalid status: {sorted(statuses - BEDS24_STATUSES)}"
            raise _BadRequestError(msg)
        references = set(arrays["apiReference"])
        try:
            days = {name: date.fromisoformat(query[name]) for name in _B24_DATES if name in query}
        except ValueError:
            raise _BadRequestError("Dates must be YYYY-MM-DD") from None
        moments: dict[str, datetime] = {}
        for name in ("modifiedFrom", "modifiedTo"):
            if name in query:
                if not _NAIVE_UTC.fullmatch(query[name]):
                    msg = f"{name} must be YYYY-MM-DDTHH:MM:SS"
                    raise _BadRequestError(msg)
                moments[name] = datetime.fromisoformat(query[name]).replace(tzinfo=UTC)
        upcoming_only = not days and not ints["id"] and "modifiedFrom" not in moments
        today = self.clock().date()

        def selected(booking: Json) -> bool:
            """Return whether a booking passes every filter."""
            stay = {key: date.fromisoformat(booking[key]) for key in ("arrival", "departure")}
            modified = booking["modifiedTime"].replace(microsecond=0)
            return (
                booking["status"] in statuses
                and all(not ints[name] or booking[name] in ints[name] for name in ints)
                and (not references or booking["apiReference"] in references)
                and all(
                    (stay[name[:-4]] >= bound) if name.endswith("From") else (stay[name[:-2]] <= bound)
                    for name, bound in days.items()
                )
                and ("modifiedFrom" not in moments or modified >= moments["modifiedFrom"])
                and ("modifiedTo" not in moments or modified <= moments["modifiedTo"])
                and (not upcoming_only or stay["departure"] >= today)
            )

        return selected

    async def _list_bookings(self, request: web.Request) -> web.Response:
        """List bookings, 100 to a page, personal fields only with the bookings-personal scope."""
        grant: Beds24Grant = request["grant"]
        if "read:bookings" not in grant.scopes:
            return _b24_error(403, "Token does not have the bookings scope")
        try:
            selected = self._selector(request)
            page = int(request.query.get("page", "1"))
        except (_BadRequestError, ValueError) as err:
            return _b24_error(400, str(err))
        matches = [booking for _, booking in sorted(self.bookings.items()) if selected(booking)]
        start = (max(page, 1) - 1) * BEDS24_PAGE_SIZE
        shown = matches[start : start + BEDS24_PAGE_SIZE]
        more = len(matches) > start + BEDS24_PAGE_SIZE
        link = None
        if more:
            pairs = [(key, value) for key, value in request.query.items() if key != "page"]
            link = str(request.url.with_query([*pairs, ("page", str(max(page, 1) + 1))]))
        personal = "read:bookings-personal" in grant.scopes
        info = request.query.get("includeInfoItems") == "true"
        body = {
            "success": True,
            "type": "booking",
            "count": len(shown),
            "pages": {"nextPageExists": more, "nextPageLink": link},
            "data": [self.view(booking, personal=personal, info_items=info) for booking in shown],
        }
        return web.json_response(body)

    def _write(self, item: Any, *, allowed: bool) -> Json:
        """Apply one element of a POST /bookings array; return its per-item result."""
        if not allowed:
            return {
                "success": False,
                "errors": [{"action": "modify", "field": "", "message": "No write access"}],
            }
        booking = self.bookings.get(item.get("id", 0)) if isinstance(item, dict) else None
        if booking is None:
            return {"success": False, "errors": [{"action": "modify", "field": "id", "message": "Not found"}]}
        errors: list[Json] = []
        modified: Json = {"id": booking["id"]}
        for key, value in item.items():
            if key in _B24_READ_ONLY or key not in booking:
                if key not in {"id", "infoItems"}:
                    errors.append({"action": "modify", "field": key, "message": "Field cannot be written"})
                continue
            booking[key] = modified[key] = value
        items = self._write_info_items(booking, item.get("infoItems", []), errors)
        if items:
            modified["infoItems"] = items
        if len(modified) > 1 and self.writes_bump_modified:
            booking["modifiedTime"] = self.clock()
        return {"success": not errors, "modified": modified} | ({"errors": errors} if errors else {})

    def _write_info_items(self, booking: Json, changes: Any, errors: list[Json]) -> list[Json]:
        """Add (no id), change (id + code/text) or delete (id only) info items; return what was written."""
        items: list[Json] = []
        if not isinstance(changes, list) or not all(isinstance(change, dict) for change in changes):
            errors.append(
                {"action": "modify", "field": "infoItems", "message": "Must be an array of objects"}
            )
            return items
        for change in changes:
            existing = next((info for info in booking["infoItems"] if info["id"] == change.get("id")), None)
            if "id" in change and existing is None:
                errors.append({"action": "modify", "field": "infoItems", "message": "Info item not found"})
            elif existing is not None and set(change) == {"id"}:
                booking["infoItems"].remove(existing)
                items.append({"id": existing["id"], "deleted": True})
            elif existing is not None:
                existing.update({key: str(change[key]) for key in ("code", "text") if key in change})
                items.append(dict(existing))
            else:
                info = {
                    "id": next(self._info_ids),
                    "bookingId": booking["id"],
                    "code": str(change.get("code", "")),
                    "text": str(change.get("text", "")),
                    "createTime": _zulu(self.clock()),
                }
                booking["infoItems"].append(info)
                items.append(dict(info))
        return items

    async def _write_bookings(self, request: web.Request) -> web.Response:
        """Apply a JSON array of partial bookings; 201 with a result per item, even for refused ones."""
        body = await _read_json(request)
        if not isinstance(body, list):
            return _b24_error(400, "Body must be a JSON array")
        allowed = "write:bookings" in request["grant"].scopes
        return web.json_response([self._write(item, allowed=allowed) for item in body], status=201)

    async def _send_messages(self, request: web.Request) -> web.Response:
        """Send guest messages; only channel (OTA) bookings take them."""
        body = await _read_json(request)
        if not isinstance(body, list):
            return _b24_error(400, "Body must be a JSON array")
        allowed = "write:bookings" in request["grant"].scopes
        results: list[Json] = []
        for item in body:
            booking = self.bookings.get(item.get("bookingId", 0)) if isinstance(item, dict) else None
            problem = (
                "No write access"
                if not allowed
                else "Booking not found"
                if booking is None
                else "Messages can only be sent to channel bookings"
                if booking["channel"] == "direct"
                else "Message is empty"
                if not item.get("message")
                else None
            )
            if problem is not None or booking is None:
                results.append(
                    {"success": False, "errors": [{"action": "new", "field": "", "message": problem}]}
                )
                continue
            message = {
                "id": next(self._message_ids),
                "bookingId": booking["id"],
                "message": str(item["message"]),
                "source": "host",
                "time": _zulu(self.clock()),
                "read": False,
            }
            self.messages.append(message)
            results.append({"success": True, "new": {"id": message["id"]}})
        return web.json_response(results, status=201)

    async def _list_messages(self, request: web.Request) -> web.Response:
        """List the messages, optionally for some bookings (repeated bookingId)."""
        try:
            ids = _b24_ints("bookingId", self._repeated(request, "bookingId"))
        except _BadRequestError as err:
            return _b24_error(400, str(err))
        data = [message for message in self.messages if not ids or message["bookingId"] in ids]
        pages = {"nextPageExists": False, "nextPageLink": None}
        body = {"success": True, "type": "message", "count": len(data), "pages": pages, "data": data}
        return web.json_response(copy.deepcopy(body))


# ------------------------------------------------------------------------------------------------------------
# Lodgify Public API v2 and webhooks v1

LODGIFY_EVENTS = frozenset(
    {
        "rate_change",
        "availability_change",
        "booking_new_any_status",
        "booking_new_status_booked",
        "booking_change",
        "booking_status_change_booked",
        "booking_status_change_tentative",
        "booking_status_change_open",
        "booking_status_change_declined",
        "guest_message_received",
    }
)
LODGIFY_STATUSES = frozenset({"Open", "Tentative", "Booked", "Declined"})
_LDG_STAY_FILTERS = frozenset({"Upcoming", "Current", "Historic", "All", "ArrivalDate", "DepartureDate"})
_LDG_MAX_SIZE = 50


def _ldg_error(status: int, code: str, message: str) -> web.Response:
    """Return Lodgify's v2 error body."""
    body = {"message": message, "code": code, "correlation_id": str(uuid.uuid4()), "event_id": None}
    return web.json_response(body, status=status)


def _problem(request: web.Request, status: int, title: str, detail: str) -> web.Response:
    """Return an ASP.NET ProblemDetails body (the webhook v1 endpoints' errors)."""
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    return web.json_response(body, status=status, content_type="application/problem+json")


def _ldg_moment(value: str) -> datetime:
    """Parse a Lodgify date-time parameter (an offset or Z; a naive time is taken as UTC)."""
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _ldg_number(query: Any, name: str, default: int) -> int:
    """Parse a positive integer parameter."""
    number = int(query.get(name, default))
    if number < 1:
        msg = f"{name} must be positive"
        raise ValueError(msg)
    return number


def _ldg_page(query: Any) -> tuple[int, int]:
    """Parse `page` (from 1) and `size` (1 to 50)."""
    page, size = _ldg_number(query, "page", 1), _ldg_number(query, "size", _LDG_MAX_SIZE)
    if size > _LDG_MAX_SIZE:
        raise ValueError("size must be at most 50")
    return page, size


def _midnight(day: str) -> str:
    """Return a stay date as the webhook writes it (YYYY-MM-DDT00:00:00)."""
    return f"{day}T00:00:00"


class LodgifyEmulator(_Peer):
    """Lodgify for one account: properties, bookings, key codes and webhook subscriptions, one API key."""

    def __init__(self, clock: Clock, *, api_key: str | None = None) -> None:
        """Start with one property (7001 "Beach House", room types 8001 and 8002) and no bookings."""
        super().__init__(clock)
        self.api_key = api_key or f"lodgify-test-{secrets.token_hex(16)}"
        self.rate_limit = 750
        self.rate_window = timedelta(minutes=1)
        # True: a target_url may serve one subscription only, whatever the event (else per event).
        self.unique_target_url = False
        self.uppercase_signature = False
        self.properties: list[Json] = [
            {
                "id": 7001,
                "name": "Beach House",
                "internal_name": "beach-house",
                "city": "Sylt",
                "country": "Germany",
                "rooms": [{"id": 8001, "name": "Front apartment"}, {"id": 8002, "name": "Garden room"}],
                "currency_code": "EUR",
                "is_active": True,
            }
        ]
        self.bookings: dict[int, Json] = {}
        self.subscriptions: dict[str, Json] = {}
        self.deliveries: list[tuple[str, str, int]] = []
        self._buckets: dict[str, tuple[datetime, int]] = {}
        self._ids = count(30001)

    def routes(self, app: web.Application) -> None:
        """Add the Lodgify routes behind the API key and rate gate."""
        app.middlewares.append(self._gate)
        app.router.add_get("/v2/properties", self._properties)
        app.router.add_get("/v2/properties/{property_id}/rooms", self._rooms)
        app.router.add_get("/v2/reservations/bookings", self._list_bookings)
        app.router.add_get("/v2/reservations/bookings/{booking_id}", self._get_booking)
        app.router.add_put("/v2/reservations/bookings/{booking_id}/keyCodes", self._put_key_codes)
        app.router.add_post("/webhooks/v1/subscribe", self._subscribe)
        app.router.add_get("/webhooks/v1/list", self._list_subscriptions)
        app.router.add_delete("/webhooks/v1/unsubscribe", self._unsubscribe)

    # -- test controls

    def add_booking(self, **fields: Any) -> Json:
        """Add a Booked Airbnb booking (id from 30001, arriving tomorrow, 3 nights); return its BookingDto."""
        now = self.clock()
        prop = self.properties[0]
        arrival = now.date() + timedelta(days=1)
        booking: Json = {
            "id": next(self._ids),
            "user_id": 1,
            "arrival": arrival.isoformat(),
            "departure": (arrival + timedelta(days=3)).isoformat(),
            "property_id": prop["id"],
            "rooms": [{"room_type_id": prop["rooms"][0]["id"], "people": 2, "key_code": None}],
            "guest": {
                "name": "Ada Lovelace",
                "email": "ada@example.com",
                "phone": "+44 20 7946 0958",
                "country_code": "GB",
            },
            "language": "en",
            "status": "Booked",
            "source": "AirbnbIntegration",
            "source_text": _hm_code(),
            "created_at": now,
            "updated_at": now,
            "canceled_at": None,
            "is_new": True,
            "is_deleted": False,
            "is_overbooked": False,
            "is_unavailable": False,
            "notes": None,
            "thread_uid": str(uuid.uuid4()),
            "external_booking": None,
            "check_in": {"time": None, "initiator": None},
            "check_out": {"time": None, "initiator": None},
        } | _with_dates(fields)
        if booking["status"] not in LODGIFY_STATUSES or booking["id"] in self.bookings:
            msg = f"bad status or duplicate id: {booking['status']}, {booking['id']}"
            raise ValueError(msg)
        self.bookings[booking["id"]] = booking
        return self.dto(booking)

    def modify(self, booking_id: int, **fields: Any) -> Json:
        """Change a booking's fields; bumps updated_at."""
        booking = self.bookings[booking_id]
        booking.update(_with_dates(fields))
        booking["updated_at"] = self.clock()
        return self.dto(booking)

    def cancel(self, booking_id: int) -> Json:
        """Cancel a booking: Lodgify has no Cancelled status, so Declined with canceled_at set."""
        return self.modify(booking_id, status="Declined", canceled_at=self.clock())

    def key_codes(self, booking_id: int) -> list[Json]:
        """Return the booking's rooms with their key codes."""
        return [
            {"room_type_id": room["room_type_id"], "key_code": room["key_code"]}
            for room in self.bookings[booking_id]["rooms"]
        ]

    def dto(self, booking: Json) -> Json:
        """Return a booking as the v2 API serialises it (BookingDto)."""
        shown = copy.deepcopy(booking)
        for key in ("created_at", "updated_at", "canceled_at"):
            shown[key] = _iso(booking[key])
        return shown

    def webhook_payload(self, event: str, booking_id: int) -> Json:
        """Return the webhook object for a booking event (field names differ from the REST BookingDto)."""
        booking = self.bookings[booking_id]
        prop = next((item for item in self.properties if item["id"] == booking["property_id"]), {})
        names = {room["id"]: room["name"] for room in prop.get("rooms", [])}
        nights = (date.fromisoformat(booking["departure"]) - date.fromisoformat(booking["arrival"])).days
        guest = booking["guest"]
        return {
            "action": event,
            "booking": {
                "type": "Booking",
                "id": booking["id"],
                "date_arrival": _midnight(booking["arrival"]),
                "date_departure": _midnight(booking["departure"]),
                "date_created": booking["created_at"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
                "property_id": booking["property_id"],
                "property_name": prop.get("name"),
                "status": booking["status"],
                "room_types": [
                    {
                        "id": booking["id"] * 10 + index,
                        "room_type_id": room["room_type_id"],
                        "name": names.get(room["room_type_id"]),
                        "people": room["people"],
                        "image_url": None,
                    }
                    for index, room in enumerate(booking["rooms"])
                ],
                "source": booking["source"],
                "source_text": booking["source_text"],
                "notes": booking["notes"],
                "language": booking["language"],
                "nights": nights,
                "currency_code": prop.get("currency_code", "EUR"),
            },
            "guest": {
                "uid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"lodgify-guest-{booking['id']}")),
                "name": guest.get("name"),
                "email": guest.get("email"),
                "phone_number": guest.get("phone"),
                "country": None,
                "country_code": guest.get("country_code"),
            },
            "current_order": None,
            "subowner": None,
            "booking_total_amount": "0.00",
            "booking_currency_code": prop.get("currency_code", "EUR"),
            "balance_due": "0.00",
        }

    async def fire(
        self, event: str, booking_id: int, *, wrapped: bool = False, tamper: bool = False
    ) -> list[int]:
        """POST the event to every subscription of it, signed per subscription; return the HTTP statuses.

        `wrapped` sends the object inside a one-element array; `tamper` signs the body, then moves the stay's
        departure a week later in what is sent. A status of 0 means the receiver could not be reached.
        """
        payload = self.webhook_payload(event, booking_id)
        statuses: list[int] = []
        for subscription in [item for item in self.subscriptions.values() if item["event"] == event]:
            body = json.dumps([payload] if wrapped else payload).encode()
            digest = hmac.new(subscription["secret"].encode(), body, hashlib.sha256).hexdigest()
            if self.uppercase_signature:
                digest = digest.upper()
            if tamper:
                altered = copy.deepcopy(payload)
                later = date.fromisoformat(self.bookings[booking_id]["departure"]) + timedelta(days=7)
                altered["booking"]["date_departure"] = _midnight(later.isoformat())
                body = json.dumps([altered] if wrapped else altered).encode()
            headers = {"Content-Type": "application/json", "ms-signature": f"sha256={digest}"}
            status = await _deliver(subscription["url"], body, headers)
            self.deliveries.append((event, subscription["url"], status))
            statuses.append(status)
        return statuses

    # -- the API

    def _take(self, key: str) -> bool:
        """Take one request from the key's bucket; False when it is empty."""
        now = self.clock()
        start, used = self._buckets.get(key, (now, 0))
        if now - start >= self.rate_window:
            start, used = now, 0
        if used >= self.rate_limit:
            self._buckets[key] = (start, used)
            return False
        self._buckets[key] = (start, used + 1)
        return True

    @web.middleware
    async def _gate(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Require the API key (401), then take from its rate bucket (429)."""
        key = request.headers.get("X-ApiKey", "")
        if not hmac.compare_digest(key.encode(), self.api_key.encode()):
            return _ldg_error(401, "NotAuthorized", "The API key is missing or not valid")
        if not self._take(key):
            return web.json_response({"message": "Too many requests"}, status=429)
        return await handler(request)

    def _booking(self, request: web.Request) -> Json | None:
        """Return the booking the path names, if any."""
        try:
            return self.bookings.get(int(request.match_info["booking_id"]))
        except ValueError:
            return None

    async def _properties(self, request: web.Request) -> web.Response:
        """List the properties, one page (size at most 50)."""
        try:
            page, size = _ldg_page(request.query)
        except ValueError as err:
            return _ldg_error(400, "ValidationError", str(err))
        items = self.properties[(page - 1) * size : page * size]
        counted = request.query.get("includeCount", "").lower() == "true"
        return web.json_response(
            {"count": len(self.properties) if counted else None, "items": copy.deepcopy(items)}
        )

    async def _rooms(self, request: web.Request) -> web.Response:
        """List a property's room types (a bare array)."""
        prop = next(
            (item for item in self.properties if str(item["id"]) == request.match_info["property_id"]), None
        )
        if prop is None:
            return _ldg_error(404, "NotFound", "Property not found")
        return web.json_response(
            [{"id": room["id"], "name": room["name"], "max_people": 4, "units": 1} for room in prop["rooms"]]
        )

    def _stay_filter(self, request: web.Request) -> Callable[[Json], bool]:
        """Parse the bookings list's filters into a predicate; raise ValueError for a bad parameter."""
        query = request.query
        stay = query.get("stayFilter", "Upcoming")
        trash = query.get("trash", "False").title()
        if stay not in _LDG_STAY_FILTERS or trash not in {"False", "True", "All"}:
            raise ValueError("stayFilter or trash is not a known value")
        on = _ldg_moment(query["stayFilterDate"]).date() if "stayFilterDate" in query else None
        since = _ldg_moment(query["updatedSince"]) if "updatedSince" in query else None
        today = self.clock().date()

        def selected(booking: Json) -> bool:
            """Return whether a booking passes the filters."""
            arrival, departure = (
                date.fromisoformat(booking["arrival"]),
                date.fromisoformat(booking["departure"]),
            )
            in_stay = {
                "Upcoming": arrival >= today,
                "Current": arrival <= today <= departure,
                "Historic": departure < today,
                "All": True,
                "ArrivalDate": on is None or arrival >= on,
                "DepartureDate": on is None or departure >= on,
            }[stay]
            in_trash = trash == "All" or booking["is_deleted"] == (trash == "True")
            return in_stay and in_trash and (since is None or booking["updated_at"] >= since)

        return selected

    async def _list_bookings(self, request: web.Request) -> web.Response:
        """List bookings, most recently updated first; a short page ends the list."""
        try:
            page, size = _ldg_page(request.query)
            selected = self._stay_filter(request)
        except ValueError as err:
            return _ldg_error(400, "ValidationError", str(err))
        matches = sorted(
            (booking for booking in self.bookings.values() if selected(booking)),
            key=lambda booking: (booking["updated_at"], booking["id"]),
            reverse=True,
        )
        counted = request.query.get("includeCount", "").lower() == "true"
        items = [self.dto(booking) for booking in matches[(page - 1) * size : page * size]]
        return web.json_response({"count": len(matches) if counted else None, "items": items})

    async def _get_booking(self, request: web.Request) -> web.Response:
        """Return one booking."""
        booking = self._booking(request)
        if booking is None:
            return _ldg_error(404, "NotFound", "Booking not found")
        return web.json_response(self.dto(booking))

    async def _put_key_codes(self, request: web.Request) -> web.Response:
        """Set key codes on the booking's rooms; does not bump updated_at; answers the rooms only."""
        booking = self._booking(request)
        if booking is None:
            return _ldg_error(404, "NotFound", "Booking not found")
        kind = request.content_type
        if kind not in {"application/json", "text/json"} and not re.fullmatch(r"application/.+\+json", kind):
            return _ldg_error(415, "Unknown", f"Unsupported content type {kind}")
        body = await _read_json(request)
        rooms = body.get("rooms") if isinstance(body, dict) else None
        if not isinstance(rooms, list) or not all(
            isinstance(room, dict)
            and type(room.get("room_type_id")) is int
            and isinstance(room.get("key_code"), str | None)
            for room in rooms
        ):
            return _ldg_error(
                400, "ValidationError", "rooms must list room_type_id (int) and key_code (string)"
            )
        held = {room["room_type_id"]: room for room in booking["rooms"]}
        if any(room["room_type_id"] not in held for room in rooms):
            return _ldg_error(404, "NotFound", "Room not found on the booking")
        for room in rooms:
            held[room["room_type_id"]]["key_code"] = room["key_code"]
        return web.json_response({"rooms": self.key_codes(booking["id"])})

    async def _subscribe(self, request: web.Request) -> web.Response:
        """Subscribe a target URL to an event; the secret is shown only here."""
        body = await _read_json(request)
        url = body.get("target_url") if isinstance(body, dict) else None
        event = body.get("event") if isinstance(body, dict) else None
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return _problem(request, 400, "Bad Request", "target_url must be an absolute http(s) URL")
        if event not in LODGIFY_EVENTS:
            return _problem(request, 400, "Bad Request", f"Unknown event {event!r}")
        if any(
            item["url"] == url and (self.unique_target_url or item["event"] == event)
            for item in self.subscriptions.values()
        ):
            return _problem(request, 409, "Conflict", "target_url is already subscribed")
        subscription = {
            "id": str(uuid.uuid4()),
            "event": event,
            "url": url,
            "secret": secrets.token_urlsafe(32),
        }
        self.subscriptions[subscription["id"]] = subscription
        return web.json_response({"id": subscription["id"], "secret": subscription["secret"]}, status=201)

    async def _list_subscriptions(self, _request: web.Request) -> web.Response:
        """List the subscriptions (without their secrets)."""
        return web.json_response(
            [
                {"id": item["id"], "event": item["event"], "url": item["url"]}
                for item in self.subscriptions.values()
            ]
        )

    async def _unsubscribe(self, request: web.Request) -> web.Response:
        """Remove a subscription named in a JSON body."""
        body = await _read_json(request)
        subscription_id = body.get("id") if isinstance(body, dict) else None
        if self.subscriptions.pop(str(subscription_id), None) is None:
            return _problem(request, 404, "Not Found", "No such subscription")
        return web.Response(status=200)


# ------------------------------------------------------------------------------------------------------------
# Standard Webhooks (our own generic signed source)


def new_secret() -> str:
    """Return a fresh Standard Webhooks secret: whsec_ + base64 of 32 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """Return the `v1,<base64 HMAC-SHA256>` signature of `{id}.{timestamp}.{body}` under a whsec_ secret."""
    encoded = secret.removeprefix("whsec_")
    key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(
    secret: str, body: bytes, *, msg_id: str | None = None, timestamp: int | None = None
) -> dict[str, str]:
    """Return the webhook-id, webhook-timestamp (now, by Home Assistant's clock) and webhook-signature."""
    msg_id = msg_id or f"msg_{secrets.token_hex(12)}"
    timestamp = int(dt_util.utcnow().timestamp()) if timestamp is None else timestamp
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, msg_id, timestamp, body),
    }


# ------------------------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture
async def beds24_peer(hass: HomeAssistant, socket_enabled: None) -> AsyncGenerator[Beds24Emulator]:
    """Run the Beds24 emulator on Home Assistant's loop, trusted by its client session, until teardown."""
    trust_test_ca(hass)
    async with Beds24Emulator(dt_util.utcnow) as peer:
        yield peer


@pytest.fixture
async def lodgify_peer(hass: HomeAssistant, socket_enabled: None) -> AsyncGenerator[LodgifyEmulator]:
    """Run the Lodgify emulator on Home Assistant's loop, trusted by its client session, until teardown."""
    trust_test_ca(hass)
    async with LodgifyEmulator(dt_util.utcnow) as peer:
        yield peer
