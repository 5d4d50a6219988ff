"""A local emulator of the Ring endpoints ring-doorbell calls for an intercom, and a client pointed at it.

The emulator serves TLS as api.ring.com (a trustme test CA) on 127.0.0.1; the client is the real
ring-doorbell `Ring` with an aiohttp session whose resolver sends api.ring.com to the emulator and which
trusts only the test CA. Requests without the emulator's bearer token are refused (401), as Ring does.
"""

from collections.abc import AsyncGenerator
import contextlib
from dataclasses import dataclass, field
from itertools import count
import socket
import ssl
import time
from typing import Any

from aiohttp import ClientSession, TCPConnector, web
from aiohttp.abc import AbstractResolver, ResolveResult
from ring_doorbell import Auth, Ring
import trustme

INTERCOM_ID = 987654
LOCATION_ID = "loc-1"
TOKEN = "emulated-ring-token"  # noqa: S105 - the emulator's own
# Made once, at import: certificates carry real dates, which a frozen test clock would break.
AUTHORITY = trustme.CA()
CERTIFICATE = AUTHORITY.issue_cert("api.ring.com")


@dataclass
class RingCloudEmulator:
    """Ring's view of one location with one intercom."""

    answering: bool = True
    allowed: dict[int, dict[str, Any]] = field(default_factory=dict)
    opened: int = 0
    requests: list[tuple[str, str]] = field(default_factory=list)
    ids: Any = field(default_factory=lambda: count(501))

    def invited(self) -> list[str]:
        """Return the addresses invited or allowed."""
        return [person["email"] for person in self.allowed.values()]

    @web.middleware
    async def gate(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Refuse unauthenticated requests; answer 503 while the cloud is "down"."""
        self.requests.append((request.method, request.path))
        if not self.answering:
            return web.Response(status=503)
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return web.Response(status=401)
        response: web.StreamResponse = await handler(request)
        return response

    async def session(self, _request: web.Request) -> web.Response:
        """Open a client session."""
        return web.json_response({"profile": {"id": 1, "email": "host@example.com"}})

    async def devices(self, _request: web.Request) -> web.Response:
        """List the account's devices: one intercom."""
        intercom = {
            "id": INTERCOM_ID,
            "device_id": "5c475e000001",
            "description": "Front Intercom",
            "kind": "intercom_handset_audio",
            "location_id": LOCATION_ID,
            "alerts": {"connection": "online"},
            "settings": {},
        }
        return web.json_response(
            {"doorbots": [], "authorized_doorbots": [], "stickup_cams": [], "chimes": [], "other": [intercom]}
        )

    async def users(self, _request: web.Request) -> web.Response:
        """List who may use the location's intercom (invited or accepted)."""
        return web.json_response(list(self.allowed.values()))

    async def invite(self, request: web.Request) -> web.Response:
        """Invite an address to the intercom."""
        invitation = (await request.json())["invitation"]
        if invitation["doorbot_ids"] != [INTERCOM_ID]:
            return web.Response(status=422)
        person = next(self.ids)
        self.allowed[person] = {"id": person, "email": invitation["invited_email"], "status": "invited"}
        return web.json_response({})

    async def uninvite(self, request: web.Request) -> web.Response:
        """Remove an invitation or a person's access."""
        if self.allowed.pop(int(request.match_info["person"]), None) is None:
            return web.Response(status=404)
        return web.json_response({})

    async def open_door(self, request: web.Request) -> web.Response:
        """Open the door (Ring's device_rpc "unlock_door")."""
        body = await request.json()
        if body["request"]["method"] != "unlock_door":
            return web.json_response({"result": {"code": 1}})
        self.opened += 1
        return web.json_response({"result": {"code": 0}})


class EmulatorResolver(AbstractResolver):
    """Resolves every host (api.ring.com) to the emulator on loopback."""

    def __init__(self, port: int) -> None:
        """Send every connection to this port on 127.0.0.1."""
        self.port = port

    async def resolve(
        self,
        host: str,
        port: int = 0,  # noqa: ARG002 - the client's; every host goes to the emulator
        family: socket.AddressFamily = socket.AF_INET,  # noqa: ARG002
    ) -> list[ResolveResult]:
        """Return the emulator's address for any host."""
        return [
            ResolveResult(
                hostname=host,
                host="127.0.0.1",
                port=self.port,
                family=socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
        ]

    async def close(self) -> None:
        """Nothing to close."""


@contextlib.asynccontextmanager
async def ring_cloud() -> AsyncGenerator[tuple[RingCloudEmulator, Ring]]:
    """Run the emulator; yield it and a logged-in ring-doorbell client whose devices were fetched."""
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    CERTIFICATE.configure_cert(server_context)
    client_context = ssl.create_default_context()
    AUTHORITY.configure_trust(client_context)
    cloud = RingCloudEmulator()
    app = web.Application(middlewares=[cloud.gate])
    app.router.add_post("/clients_api/session", cloud.session)
    app.router.add_get("/clients_api/ring_devices", cloud.devices)
    app.router.add_get(f"/clients_api/locations/{LOCATION_ID}/users", cloud.users)
    app.router.add_post(f"/clients_api/locations/{LOCATION_ID}/invitations", cloud.invite)
    app.router.add_delete(f"/clients_api/locations/{LOCATION_ID}/invitations/{{person}}", cloud.uninvite)
    app.router.add_put(f"/commands/v1/devices/{INTERCOM_ID}/device_rpc", cloud.open_door)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=server_context)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    session = ClientSession(connector=TCPConnector(resolver=EmulatorResolver(port), ssl=client_context))
    token = {
        "access_token": TOKEN,
        "refresh_token": "r",
        "token_type": "Bearer",
        "expires_at": time.time() + 3600,
    }
    ring = Ring(Auth("guest_pins-tests", token, hardware_id="guest-pins-test", http_client_session=session))
    try:
        await ring.async_update_devices()
        yield cloud, ring
    finally:
        await session.close()
        await runner.cleanup()
