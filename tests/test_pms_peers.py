"""Self-test of the PMS emulators, reached through Home Assistant's own client session (verification on)."""

import base64
from collections.abc import AsyncGenerator
import contextlib
from datetime import timedelta
import hashlib
import hmac
import json
import ssl
from typing import Any

from aiohttp import web
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.util import dt as dt_util, ssl as ssl_util
from multidict import CIMultiDictProxy
import pytest

from . import pms_peers
from .pms_peers import BEDS24_SCOPES, Beds24Emulator, LodgifyEmulator, new_secret, sign, signed_headers

# The fixtures by name (a test module may not import a fixture and then take it as an argument: F811).
beds24_peer = pms_peers.beds24_peer
lodgify_peer = pms_peers.lodgify_peer

TOKEN_NOT_VALID = {"success": False, "type": "error", "code": 401, "error": "Token not valid"}


async def call(
    hass: HomeAssistant, method: str, url: str, **kwargs: Any
) -> tuple[int, CIMultiDictProxy[str], Any]:
    """Make one request with Home Assistant's shared session; return the status, headers and JSON body."""
    async with async_get_clientsession(hass).request(method, url, **kwargs) as response:
        text = await response.text()
        return response.status, response.headers, json.loads(text) if text else None


async def login(hass: HomeAssistant, peer: Beds24Emulator, scopes: tuple[str, ...] = BEDS24_SCOPES) -> str:
    """Redeem a fresh invite code; return the access token."""
    code = peer.issue_invite(scopes)
    status, _, body = await call(hass, "GET", f"{peer.api_url}/authentication/setup", headers={"code": code})
    assert status == 200
    return str(body["token"])


async def bookings(
    hass: HomeAssistant, peer: Beds24Emulator, token: str, params: Any = ()
) -> tuple[int, Any]:
    """GET /bookings with these query parameters; return the status and body."""
    url = f"{peer.api_url}/bookings"
    status, _, body = await call(hass, "GET", url, headers={"token": token}, params=params)
    return status, body


def ids(body: dict[str, Any]) -> set[int]:
    """Return the ids in a Beds24 list answer."""
    return {item["id"] for item in body["data"]}


class Receiver:
    """A tiny plain-HTTP webhook receiver: records each delivery and checks Lodgify's signature."""

    def __init__(self) -> None:
        """Start empty; `secret` is set once a subscription is made."""
        self.secret = ""
        self.url = ""
        self.received: list[tuple[dict[str, str], bytes]] = []

    async def lodgify(self, request: web.Request) -> web.Response:
        """Accept a delivery only if ms-signature is the hex HMAC-SHA256 of the raw body under the secret."""
        raw = await request.read()
        self.received.append((dict(request.headers), raw))
        expected = hmac.new(self.secret.encode(), raw, hashlib.sha256).hexdigest()
        sent = request.headers.get("ms-signature", "").removeprefix("sha256=").lower()
        return web.Response(status=200 if hmac.compare_digest(sent, expected) else 401)

    async def beds24(self, request: web.Request) -> web.Response:
        """Accept any delivery."""
        self.received.append((dict(request.headers), await request.read()))
        return web.Response(status=200)


@pytest.fixture
async def receiver(hass: HomeAssistant, socket_enabled: None) -> AsyncGenerator[Receiver]:
    """Serve the receiver on a free loopback port for the test."""
    peer = Receiver()
    app = web.Application()
    app.router.add_post("/lodgify", peer.lodgify)
    app.router.add_post("/beds24", peer.beds24)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    peer.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield peer
    await runner.cleanup()


# -- TLS ----------------------------------------------------------------------------------------------------


def handshake(client: ssl.SSLContext) -> None:
    """Run a TLS handshake in memory between a client context and the emulators' server context."""
    server_in, server_out, client_in, client_out = (ssl.MemoryBIO() for _ in range(4))
    server = pms_peers.SERVER_CONTEXT.wrap_bio(server_in, server_out, server_side=True)
    tls = client.wrap_bio(client_in, client_out, server_hostname="127.0.0.1")
    finished = {"client": False, "server": False}
    for _ in range(8):
        for side, peer, outgoing, incoming in (
            ("client", tls, client_out, server_in),
            ("server", server, server_out, client_in),
        ):
            if not finished[side]:
                with contextlib.suppress(ssl.SSLWantReadError):
                    peer.do_handshake()
                    finished[side] = True
            incoming.write(outgoing.read())
        if all(finished.values()):
            return
    pytest.fail("the handshake did not finish")


async def test_home_assistant_session_trusts_the_test_ca(
    hass: HomeAssistant, beds24_peer: Beds24Emulator
) -> None:
    """HA's shared session reaches the emulator with verification on; a context without the CA refuses it."""
    session = async_get_clientsession(hass)
    context = ssl_util.client_context(ssl_util.SSLCipherList.PYTHON_DEFAULT, ssl_util.SSL_ALPN_HTTP11)
    assert session.connector._ssl is context  # type: ignore[union-attr]
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname
    url = f"{beds24_peer.api_url}/authentication/details"
    status, headers, body = await call(hass, "GET", url)
    assert status == 200
    assert body["validToken"] is False
    assert "x-five-min-limit-remaining" not in headers  # details is free
    handshake(ssl_util.get_default_context())
    with pytest.raises(ssl.SSLCertVerificationError):
        handshake(ssl_util.create_client_context())  # a fresh context: certifi's CAs only


# -- Beds24 -------------------------------------------------------------------------------------------------


async def test_beds24_invite_refresh_access(
    hass: HomeAssistant, beds24_peer: Beds24Emulator, freezer: FrozenDateTimeFactory
) -> None:
    """An invite code works once; the refresh token does not rotate; access tokens expire by the clock."""
    peer = beds24_peer
    code = peer.issue_invite()
    setup = f"{peer.api_url}/authentication/setup"
    status, _, body = await call(hass, "GET", setup, headers={"code": code, "deviceName": "Home Assistant"})
    assert status == 200
    assert set(body) == {"token", "expiresIn", "refreshToken"}
    assert body["expiresIn"] == 86400
    token, refresh = body["token"], body["refreshToken"]
    for used in (code, "not-a-code"):  # single use; unknown
        status, _, body = await call(hass, "GET", setup, headers={"code": used})
        assert (status, body) == (401, TOKEN_NOT_VALID)

    status, headers, body = await call(
        hass, "GET", f"{peer.api_url}/authentication/details", headers={"token": token}
    )
    assert body["validToken"] is True
    assert body["token"]["scopes"] == list(BEDS24_SCOPES)
    assert body["token"]["deviceName"] == "Home Assistant"
    assert "x-five-min-limit-remaining" not in headers
    assert peer.credits_spent == 0

    url = f"{peer.api_url}/properties"
    status, headers, body = await call(
        hass, "GET", url, headers={"token": token}, params={"includeAllRooms": "true"}
    )
    assert status == 200
    assert body["type"] == "property"
    assert [room["id"] for room in body["data"][0]["roomTypes"]] == [301, 302]
    assert headers["x-five-min-limit-remaining"] == "99.0"

    refreshing = f"{peer.api_url}/authentication/token"
    status, _, body = await call(hass, "GET", refreshing, headers={"refreshToken": refresh})
    assert status == 200
    assert set(body) == {"token", "expiresIn"}
    assert (await bookings(hass, peer, body["token"]))[0] == 200

    peer.expire_access_tokens()
    assert await bookings(hass, peer, body["token"]) == (401, TOKEN_NOT_VALID)
    details = await call(hass, "GET", f"{peer.api_url}/authentication/details", headers={"token": token})
    assert details[2]["validToken"] is False
    status, _, body = await call(hass, "GET", refreshing, headers={"refreshToken": refresh})
    assert status == 200
    assert (await bookings(hass, peer, body["token"]))[0] == 200

    freezer.tick(timedelta(seconds=86401))
    assert await bookings(hass, peer, body["token"]) == (401, TOKEN_NOT_VALID)
    assert ("GET", "/v2/authentication/token", []) in peer.requests


async def test_beds24_credits(
    hass: HomeAssistant, beds24_peer: Beds24Emulator, freezer: FrozenDateTimeFactory
) -> None:
    """Each call debits the account's bucket and says so; an empty bucket answers 429 until it resets."""
    peer = beds24_peer
    token = await login(hass, peer)
    peer.credit_limit, peer.request_cost = 5.0, 1.5
    url = f"{peer.api_url}/bookings"
    for left in ("3.5", "2.0", "0.5"):
        status, headers, _ = await call(hass, "GET", url, headers={"token": token})
        assert status == 200
        assert headers["x-five-min-limit-remaining"] == left
        assert headers["x-five-min-limit-resets-in"] == "300"
        assert headers["x-request-cost"] == "1.5"
    freezer.tick(timedelta(seconds=100))
    status, headers, body = await call(hass, "GET", url, headers={"token": token})
    assert (status, body) == (429, {"success": False})
    assert "Retry-After" not in headers
    assert headers["x-five-min-limit-remaining"] == "0.5"
    assert headers["x-five-min-limit-resets-in"] == "200"
    assert peer.credits_spent == pytest.approx(4.5)

    freezer.tick(timedelta(seconds=200))
    peer.credit_headers = "spec"
    status, headers, _ = await call(hass, "GET", url, headers={"token": token})
    assert status == 200
    assert headers["X-FiveMinCreditLimit-Remaining"] == "3.5"
    assert "x-five-min-limit-remaining" not in headers


async def test_beds24_booking_filters(
    hass: HomeAssistant, beds24_peer: Beds24Emulator, freezer: FrozenDateTimeFactory
) -> None:
    """Cancelled and past bookings are hidden by default; arrays are repeated parameters, not comma lists."""
    peer = beds24_peer
    token = await login(hass, peer)
    today = dt_util.utcnow().date()
    live = peer.add_booking()["id"]
    cancelled = peer.add_booking()["id"]
    peer.cancel(cancelled)
    past = peer.add_booking(arrival=today - timedelta(days=5), departure=today - timedelta(days=2))["id"]
    garden = peer.add_booking(roomId=302, channel="direct")["id"]

    assert ids((await bookings(hass, peer, token))[1]) == {live, garden}
    both = [("status", "confirmed"), ("status", "cancelled")]
    assert ids((await bookings(hass, peer, token, both))[1]) == {live, cancelled, garden}
    assert ids((await bookings(hass, peer, token, [("roomId", "302")]))[1]) == {garden}
    assert ids((await bookings(hass, peer, token, [("roomId", "301"), ("roomId", "302")]))[1]) == {
        live,
        garden,
    }
    for joined in ({"status": "confirmed,cancelled"}, {"roomId": "301,302"}):
        status, body = await bookings(hass, peer, token, joined)
        assert status == 400
        assert body["success"] is False
        assert body["code"] == 400
    assert ids((await bookings(hass, peer, token, {"id": str(past)}))[1]) == {past}
    since_past = {"arrivalFrom": (today - timedelta(days=10)).isoformat()}
    assert ids((await bookings(hass, peer, token, since_past))[1]) == {live, past, garden}
    reference = peer.bookings[live]["apiReference"]
    assert ids((await bookings(hass, peer, token, {"apiReference": reference}))[1]) == {live}

    freezer.tick(timedelta(minutes=10))
    peer.modify(live, arrivalTime="18:00")
    since = (dt_util.utcnow() - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S")
    status, body = await bookings(hass, peer, token, {"modifiedFrom": since})
    assert ids(body) == {live}
    assert body["data"][0]["modifiedTime"].endswith("Z")
    assert (await bookings(hass, peer, token, {"modifiedFrom": since + "Z"}))[0] == 400


async def test_beds24_pages_of_100(hass: HomeAssistant, beds24_peer: Beds24Emulator) -> None:
    """150 bookings come as 100 + 50; the next-page link is absolute and keeps the other parameters."""
    peer = beds24_peer
    token = await login(hass, peer)
    for _ in range(150):
        peer.add_booking()
    status, first = await bookings(hass, peer, token, [("propertyId", "201"), ("status", "confirmed")])
    assert status == 200
    assert first["count"] == 100
    assert first["pages"]["nextPageExists"] is True
    link = first["pages"]["nextPageLink"]
    assert link.startswith(f"{peer.api_url}/bookings?")
    assert "page=2" in link
    assert "propertyId=201" in link
    _, _, second = await call(hass, "GET", link, headers={"token": token})
    assert second["count"] == 50
    assert second["pages"] == {"nextPageExists": False, "nextPageLink": None}
    assert len(ids(first) | ids(second)) == 150


async def test_beds24_personal_fields_need_the_scope(
    hass: HomeAssistant, beds24_peer: Beds24Emulator
) -> None:
    """Without read:bookings-personal, names, e-mail and phones are left out."""
    peer = beds24_peer
    peer.add_booking()
    narrow = await login(hass, peer, ("read:bookings",))
    shown = (await bookings(hass, peer, narrow))[1]["data"][0]
    assert not {"firstName", "lastName", "email", "phone", "mobile"} & set(shown)
    assert shown["numAdult"] == 2
    assert shown["apiReference"].startswith("HM")
    full = (await bookings(hass, peer, await login(hass, peer)))[1]["data"][0]
    assert full["firstName"] == "Ada"


async def test_beds24_write_back(
    hass: HomeAssistant, beds24_peer: Beds24Emulator, receiver: Receiver
) -> None:
    """Info items are written (201, success false per refused item) and read back; messages reach OTAs."""
    peer = beds24_peer
    token = await login(hass, peer)
    booking = peer.add_booking()["id"]
    direct = peer.add_booking(channel="direct")["id"]
    url = f"{peer.api_url}/bookings"
    items = [{"id": booking, "infoItems": [{"code": "DOORCODE", "text": "4711"}]}, {"id": 1, "infoItems": []}]
    status, _, results = await call(hass, "POST", url, headers={"token": token}, json=items)
    assert status == 201
    assert results[0]["success"] is True
    assert results[0]["modified"]["infoItems"][0]["code"] == "DOORCODE"
    assert results[1]["success"] is False
    shown = (await bookings(hass, peer, token, {"id": str(booking), "includeInfoItems": "true"}))[1]["data"][
        0
    ]
    assert [(item["code"], item["text"]) for item in shown["infoItems"]] == [("DOORCODE", "4711")]
    assert "infoItems" not in (await bookings(hass, peer, token, {"id": str(booking)}))[1]["data"][0]

    reader = await login(hass, peer, ("read:bookings",))
    status, _, results = await call(hass, "POST", url, headers={"token": reader}, json=items[:1])
    assert status == 201
    assert results[0]["success"] is False

    messages = [
        {"bookingId": booking, "message": "Your code is 4711"},
        {"bookingId": direct, "message": "Hi"},
    ]
    status, _, results = await call(hass, "POST", f"{url}/messages", headers={"token": token}, json=messages)
    assert status == 201
    assert results[0]["success"] is True
    assert results[0]["new"]["id"] == peer.messages[0]["id"]
    assert results[1]["success"] is False
    assert len(peer.messages) == 1

    status = await peer.send_webhook(f"{receiver.url}/beds24", booking, {"X-Guest-Pins": "s3cret"})
    assert status == 200
    headers, raw = receiver.received[-1]
    assert headers["X-Guest-Pins"] == "s3cret"
    body = json.loads(raw)
    assert set(body) == {"timeStamp", "booking", "infoItems", "invoiceItems", "messages", "retries"}
    assert body["booking"]["id"] == booking
    assert body["infoItems"][0]["text"] == "4711"


# -- Lodgify ------------------------------------------------------------------------------------------------


async def test_lodgify_api_key(hass: HomeAssistant, lodgify_peer: LodgifyEmulator) -> None:
    """A missing or wrong X-ApiKey gets 401 NotAuthorized; the right one reads the properties."""
    url = f"{lodgify_peer.base_url}/v2/properties"
    for headers in ({}, {"X-ApiKey": "wrong"}):
        status, _, body = await call(hass, "GET", url, headers=headers)
        assert status == 401
        assert body["code"] == "NotAuthorized"
        assert body["event_id"] is None
    status, _, body = await call(hass, "GET", url, headers={"X-ApiKey": lodgify_peer.api_key})
    assert status == 200
    assert body["items"][0]["rooms"] == [
        {"id": 8001, "name": "Front apartment"},
        {"id": 8002, "name": "Garden room"},
    ]


async def test_lodgify_bookings(
    hass: HomeAssistant, lodgify_peer: LodgifyEmulator, freezer: FrozenDateTimeFactory
) -> None:
    """Bookings list in short pages (count only on request), one booking by id, cancellations as Declined."""
    peer = lodgify_peer
    key = {"X-ApiKey": peer.api_key}
    url = f"{peer.base_url}/v2/reservations/bookings"
    today = dt_util.utcnow().date()
    first = peer.add_booking()["id"]
    freezer.tick(timedelta(minutes=1))
    second = peer.add_booking()["id"]
    past = peer.add_booking(arrival=today - timedelta(days=9), departure=today - timedelta(days=6))["id"]
    freezer.tick(timedelta(minutes=1))
    peer.cancel(second)

    _, _, page = await call(hass, "GET", url, headers=key, params={"stayFilter": "All", "size": "2"})
    assert page["count"] is None
    assert [item["id"] for item in page["items"]] == [second, past]  # most recently updated first
    _, _, rest = await call(
        hass, "GET", url, headers=key, params={"stayFilter": "All", "size": "2", "page": "2"}
    )
    assert [item["id"] for item in rest["items"]] == [first]
    _, _, counted = await call(
        hass, "GET", url, headers=key, params={"stayFilter": "All", "includeCount": "true"}
    )
    assert counted["count"] == 3
    _, _, upcoming = await call(hass, "GET", url, headers=key, params={"stayFilter": "Upcoming"})
    assert {item["id"] for item in upcoming["items"]} == {first, second}
    since = (dt_util.utcnow() - timedelta(seconds=30)).isoformat()
    _, _, changed = await call(
        hass, "GET", url, headers=key, params={"stayFilter": "All", "updatedSince": since}
    )
    assert [item["id"] for item in changed["items"]] == [second]
    assert changed["items"][0]["status"] == "Declined"
    assert changed["items"][0]["canceled_at"] is not None
    status, _, body = await call(hass, "GET", url, headers=key, params={"size": "51"})
    assert (status, body["code"]) == (400, "ValidationError")

    status, _, booking = await call(hass, "GET", f"{url}/{first}", headers=key)
    assert status == 200
    assert booking["rooms"] == [{"room_type_id": 8001, "people": 2, "key_code": None}]
    assert booking["guest"]["email"] == "ada@example.com"
    assert booking["source_text"].startswith("HM")
    status, _, body = await call(hass, "GET", f"{url}/1", headers=key)
    assert (status, body["code"]) == (404, "NotFound")


async def test_lodgify_key_codes(hass: HomeAssistant, lodgify_peer: LodgifyEmulator) -> None:
    """PUT keyCodes stores the code without bumping updated_at; unknown rooms and bookings are 404."""
    peer = lodgify_peer
    booking = peer.add_booking()
    url = f"{peer.base_url}/v2/reservations/bookings/{booking['id']}/keyCodes"
    headers = {"X-ApiKey": peer.api_key, "Content-Type": "application/json-patch+json"}
    body = json.dumps({"rooms": [{"room_type_id": 8001, "key_code": "4711"}]})
    status, _, answer = await call(hass, "PUT", url, headers=headers, data=body)
    assert status == 200
    assert answer == {"rooms": [{"room_type_id": 8001, "key_code": "4711"}]}
    assert peer.key_codes(booking["id"]) == [{"room_type_id": 8001, "key_code": "4711"}]
    assert peer.dto(peer.bookings[booking["id"]])["updated_at"] == booking["updated_at"]

    wrong_room = {"rooms": [{"room_type_id": 8002, "key_code": "1"}]}
    assert (await call(hass, "PUT", url, headers={"X-ApiKey": peer.api_key}, json=wrong_room))[0] == 404
    unknown = f"{peer.base_url}/v2/reservations/bookings/1/keyCodes"
    assert (await call(hass, "PUT", unknown, headers={"X-ApiKey": peer.api_key}, json=wrong_room))[0] == 404


async def test_lodgify_webhooks(
    hass: HomeAssistant, lodgify_peer: LodgifyEmulator, receiver: Receiver
) -> None:
    """Subscribe (secret shown once), receive a signed event, refuse a tampered one, unsubscribe."""
    peer = lodgify_peer
    key = {"X-ApiKey": peer.api_key}
    target = {"target_url": f"{receiver.url}/lodgify", "event": "booking_change"}
    status, _, made = await call(
        hass, "POST", f"{peer.base_url}/webhooks/v1/subscribe", headers=key, json=target
    )
    assert status == 201
    assert set(made) == {"id", "secret"}
    status, _, problem = await call(
        hass, "POST", f"{peer.base_url}/webhooks/v1/subscribe", headers=key, json=target
    )
    assert (status, problem["status"]) == (409, 409)
    _, _, listed = await call(hass, "GET", f"{peer.base_url}/webhooks/v1/list", headers=key)
    assert listed == [{"id": made["id"], "event": "booking_change", "url": target["target_url"]}]

    receiver.secret = made["secret"]
    booking = peer.add_booking()["id"]
    assert await peer.fire("booking_change", booking) == [200]
    event = json.loads(receiver.received[-1][1])
    assert event["action"] == "booking_change"
    assert event["booking"]["id"] == booking
    assert event["booking"]["date_arrival"].endswith("T00:00:00")
    assert event["booking"]["room_types"][0]["room_type_id"] == 8001
    assert event["guest"]["phone_number"] == "+44 20 7946 0958"
    assert await peer.fire("booking_change", booking, wrapped=True) == [200]
    assert isinstance(json.loads(receiver.received[-1][1]), list)
    assert await peer.fire("booking_change", booking, tamper=True) == [401]
    assert await peer.fire("booking_new_any_status", booking) == []

    status, _, _ = await call(
        hass, "DELETE", f"{peer.base_url}/webhooks/v1/unsubscribe", headers=key, json={"id": made["id"]}
    )
    assert status == 200
    assert await peer.fire("booking_change", booking) == []


async def test_lodgify_rate_limit(
    hass: HomeAssistant, lodgify_peer: LodgifyEmulator, freezer: FrozenDateTimeFactory
) -> None:
    """The key's bucket empties (429) and refills after the minute."""
    peer = lodgify_peer
    peer.rate_limit = 2
    url, key = f"{peer.base_url}/v2/properties", {"X-ApiKey": peer.api_key}
    assert [(await call(hass, "GET", url, headers=key))[0] for _ in range(3)] == [200, 200, 429]
    freezer.tick(timedelta(minutes=1))
    assert (await call(hass, "GET", url, headers=key))[0] == 200


# -- Standard Webhooks --------------------------------------------------------------------------------------


def test_standard_webhooks_signing() -> None:
    """The published test vector, fresh secrets, and headers that sign what they say."""
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # noqa: S105 - the published test vector
    expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    assert sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, b'{"test": 2432232314}') == expected
    fresh = new_secret()
    assert fresh.startswith("whsec_")
    assert len(base64.b64decode(fresh.removeprefix("whsec_"), validate=True)) == 32
    headers = signed_headers(fresh, b"{}", timestamp=1700000000)
    assert headers["webhook-id"].startswith("msg_")
    assert headers["webhook-timestamp"] == "1700000000"
    assert headers["webhook-signature"] == sign(fresh, headers["webhook-id"], 1700000000, b"{}")
