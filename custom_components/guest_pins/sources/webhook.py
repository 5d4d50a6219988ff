"""What reservation systems push to Home Assistant's webhook: checked, stored, planned at once.

Each source has its own webhook. Our own (any PMS or automation) is signed the Standard Webhooks way and its
body is the reservation (docs/webhook.md). Beds24 cannot sign: its push carries the shared secret in a
header and is only a doorbell (the booking is read again through the API). Lodgify signs the body with its
subscription's secret; its push is a doorbell too. Answers: 401 for a bad or missing signature, 400 for a
body that cannot be used (with the reason, never its content), 413 over 256 KiB, 503 when it cannot be
stored (so the sender tries again; Home Assistant would answer 200 for a handler that raises), 200
otherwise; a replayed or duplicate push is answered 200 and changes nothing. A stored push is planned at
once: its code is queued for its locks before the answer goes out.
"""

from collections.abc import Awaitable, Callable, Mapping
import json
from typing import Any

from aiohttp import web
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util import dt as dt_util

from ..const import LOGGER, SUBENTRY_BEDS24, SUBENTRY_LODGIFY
from ..core import pms, signatures
from .beds24 import Beds24Error
from .coordinator import SourceCoordinator
from .lodgify import LodgifyError

BEDS24_HEADER = "X-Guest-Pins-Token"
LODGIFY_HEADER = "ms-signature"

type Replan = Callable[[], Awaitable[None]]


class PushRefused(Exception):  # noqa: N818 - named as the sender is answered
    """A push answered with an error status and a reason (a key: never the pushed content)."""

    def __init__(self, status: int, reason: str) -> None:
        """Keep the answer."""
        super().__init__(reason)
        self.status = status
        self.reason = reason


async def _read(request: web.Request) -> bytes:
    """Read the body, refusing one over the size cap without reading the rest."""
    if (request.content_length or 0) > signatures.MAX_BODY:
        raise PushRefused(413, "too_large")
    body = bytearray()
    while chunk := await request.content.readany():
        body += chunk
        if len(body) > signatures.MAX_BODY:
            raise PushRefused(413, "too_large")
    return bytes(body)


def _json(body: bytes) -> Any:  # noqa: ANN401 - JSON
    """Return a body's JSON, or refuse it."""
    try:
        return json.loads(body)
    except ValueError:
        raise PushRefused(400, "invalid_json") from None


def _booking_id(payload: object, key: str) -> str:
    """Return the booking id a doorbell push names (Beds24 and Lodgify put it under `booking.id`)."""
    item = payload[0] if isinstance(payload, list) and payload else payload
    booking = item.get(key) if isinstance(item, Mapping) else None
    booking_id = booking.get("id") if isinstance(booking, Mapping) else None
    if not isinstance(booking_id, int | str) or not str(booking_id).isdigit():
        raise PushRefused(400, "missing_id")
    return str(booking_id)


async def _async_ours(coordinator: SourceCoordinator, request: web.Request, body: bytes) -> bool:
    """Check and keep a push of our own webhook; return whether it changed anything."""
    now = dt_util.utcnow()
    source = coordinator.source
    try:
        key = signatures.secret_key(source.secret or "")
        headers = {name.lower(): value for name, value in request.headers.items()}
        msg_id = signatures.verify_standard(key, headers, body, now)
    except signatures.SignatureError as err:
        raise PushRefused(401, err.key) from None
    replay, coordinator.state.seen = signatures.remember(coordinator.state.seen, msg_id, now)
    if replay:
        return False
    payload = _json(body)
    try:
        pushed = pms.webhook_reservation(payload, source.source_id, coordinator.times)
    except pms.PayloadError as err:
        raise PushRefused(400, err.key) from None
    if source.unit and pushed.unit and pushed.unit != source.unit:
        raise PushRefused(400, "unknown_unit")
    if await coordinator.async_push(pushed.event.event_id, payload, pushed.updated_at):
        return True
    await coordinator.async_save()  # an older update than the one kept: only its id is remembered
    return False


async def _async_doorbell(coordinator: SourceCoordinator, request: web.Request, body: bytes) -> bool:
    """Check a Beds24 or Lodgify push and read its booking again from the system."""
    source = coordinator.source
    try:
        if source.kind == SUBENTRY_BEDS24:
            signatures.verify_token(source.secret or "", request.headers.get(BEDS24_HEADER))
        else:
            _verify_lodgify(coordinator, request.headers.get(LODGIFY_HEADER), body)
    except signatures.SignatureError as err:
        raise PushRefused(401, err.key) from None
    booking_id = _booking_id(_json(body), "booking")
    try:
        await coordinator.async_refetch(booking_id)
    except (Beds24Error, LodgifyError, TimeoutError, OSError) as err:
        LOGGER.warning("%s could not be read after its push: %s", source.title, type(err).__name__)
        raise PushRefused(503, "source_unreachable") from None
    return True


def _verify_lodgify(coordinator: SourceCoordinator, header: str | None, body: bytes) -> None:
    """Accept a body signed with any of the source's subscriptions' secrets."""
    for subscription in coordinator.state.subscriptions:
        try:
            signatures.verify_lodgify(subscription.get("secret", ""), header, body)
        except signatures.SignatureError:
            continue
        return
    raise signatures.SignatureError("bad_signature")


def webhook_handler(
    coordinator: SourceCoordinator, replan: Replan
) -> Callable[[HomeAssistant, str, web.Request], Awaitable[web.Response]]:
    """Return the webhook handler of one source; `replan` plans the property at once."""

    async def handle(hass: HomeAssistant, webhook_id: str, request: web.Request) -> web.Response:
        """Answer a push (see the module's description)."""
        try:
            body = await _read(request)
            doorbell = coordinator.source.kind in (SUBENTRY_BEDS24, SUBENTRY_LODGIFY)
            receive = _async_doorbell if doorbell else _async_ours
            changed = await receive(coordinator, request, body)
        except PushRefused as refused:
            LOGGER.info("Refused a push to %s: %s", coordinator.source.title, refused.reason)
            return web.json_response({"error": refused.reason}, status=refused.status)
        except (HomeAssistantError, OSError) as err:  # the store could not keep it: the sender must retry
            LOGGER.warning("Could not store a push to %s: %s", coordinator.source.title, type(err).__name__)
            return web.json_response({"error": "not_stored"}, status=503)
        if changed:
            await replan()
        return web.json_response({"status": "accepted" if changed else "unchanged"})

    return handle
