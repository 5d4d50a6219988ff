"""Our signed webhook through Home Assistant's real HTTP server: every kind of push, each with its answer.

Good, forged, replayed, stale, oversized, malformed and duplicate pushes; nothing is kept from the bad ones.

The Beach House takes reservations from its PMS through the webhook; it is Monday 14 Dec 2026, 12:00 in
Berlin. Jane's stay starts at once (a same-day booking), so a push must put her code on the lock now.
"""

from collections.abc import AsyncGenerator
import json
import os
from typing import Any
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.guest_pins.const import (
    CONF_LOCKS,
    CONF_SECRET,
    CONF_UNIT,
    CONF_WEBHOOK_ID,
    DEFAULT_OPTIONS,
    DOMAIN,
    SUBENTRY_WEBHOOK,
)
from custom_components.guest_pins.diagnostics import async_get_config_entry_diagnostics

from .pms_peers import new_secret, signed_headers
from .property_builders import LOCK_ID, at, load_property, lock_subentry, move_to
from .zwave_double import FakeZWaveLock

SECRET = new_secret()
HOOK = "guest-pins-beach-house-hook"
URL = f"/api/webhook/{HOOK}"


def webhook_subentry(secret: str = SECRET) -> ConfigSubentryData:
    """Return the property's webhook source feeding the front door."""
    return ConfigSubentryData(
        subentry_id="hook",  # type: ignore[typeddict-unknown-key]
        subentry_type=SUBENTRY_WEBHOOK,
        title="Our PMS",
        unique_id=None,
        data={CONF_LOCKS: [LOCK_ID], CONF_WEBHOOK_ID: HOOK, CONF_SECRET: secret, CONF_UNIT: "beach-house"},
    )


def reservation(**data: Any) -> bytes:
    """Return the body of an upsert of Jane's stay, today 16:00 to Thursday, with `data` changed."""
    body = {
        "type": "reservation.upserted",
        "timestamp": "2026-12-14T11:00:00Z",
        "data": {
            "id": "R-1001",
            "status": "confirmed",
            "checkin": "2026-12-14T12:00:00+01:00",
            "checkout": "2026-12-17",
            "guest": {"name": "Jane Doe", "email": "jane@example.com", "phone": "+49 151 2345 4567"},
            "adults": 2,
            "unit": "beach-house",
            "code": "2468",
            "updated_at": "2026-12-14T10:59:00Z",
            **data,
        },
    }
    return json.dumps(body).encode()


@pytest.fixture
async def beach_house(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> AsyncGenerator[MockConfigEntry]:
    """Load the property with its webhook and no calendar at all (a PMS-only host)."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Beach House",
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock_subentry(), webhook_subentry()],
    )
    async with load_property(hass, freezer, aioclient_mock, entry, serve_feed=False) as loaded:
        yield loaded


@pytest.fixture
async def client(hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator) -> TestClient:
    """Return a client of Home Assistant's real HTTP server (a PMS has no Home Assistant login)."""
    return await hass_client_no_auth()


async def post(client: TestClient, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    """Push a body (signed with the property's secret unless headers are given); return status and answer."""
    response = await client.post(URL, data=body, headers=headers or signed_headers(SECRET, body))
    return response.status, await response.json(content_type=None)


def stays(entry: MockConfigEntry) -> list[Any]:
    """Return the property's planned stays."""
    plan = entry.runtime_data.manager.plan
    return list(plan.stay_plan.stays) if plan else []


async def test_a_signed_push_puts_the_code_on_the_lock_at_once(
    hass: HomeAssistant, beach_house: MockConfigEntry, client: TestClient, zwave_lock: FakeZWaveLock
) -> None:
    """Jane's same-day booking: answered once her code is queued, well under a second; then on the lock."""
    started = os.times().elapsed  # the frozen clock stops time's clocks, not this one
    status, answer = await post(client, reservation())
    elapsed = os.times().elapsed - started
    assert (status, answer) == (200, {"status": "accepted"})
    assert elapsed < 1.0
    (stay,) = stays(beach_house)
    assert (stay.guest_name, stay.code, stay.reference) == ("Jane Doe", "2468", None)
    manager = beach_house.runtime_data.manager
    queued = [item.content.code for item in manager.locks[LOCK_ID].queue.slots.values() if item.content]
    held = [content.code for content in manager.locks[LOCK_ID].writer.held.values()]
    assert "2468" in queued + held
    await hass.async_block_till_done()
    assert "2468" in zwave_lock.slots.values()


async def test_bad_pushes_are_answered_and_change_nothing(
    hass: HomeAssistant, beach_house: MockConfigEntry, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """Forged, stale, oversized, malformed, misrouted: each refused with its reason; nothing stored."""
    body = reservation()
    forged = signed_headers(new_secret(), body)
    stale = signed_headers(SECRET, body, timestamp=int(dt_util.utcnow().timestamp()) - 301)
    huge = reservation(notes="x" * (256 * 1024))
    cases = [
        (body, forged, 401, "bad_signature"),
        (body, {"content-type": "application/json"}, 401, "missing_signature"),
        (body, stale, 401, "stale"),
        (huge, signed_headers(SECRET, huge), 413, "too_large"),
        (b"{not json", None, 400, "invalid_json"),
        (reservation(checkin="15.12.2026"), None, 400, "invalid_dates"),
        (reservation(code="12ab"), None, 400, "invalid_code"),
        (reservation(unit="garden-flat"), None, 400, "unknown_unit"),
    ]
    for raw, headers, status, reason in cases:
        assert await post(client, raw, headers) == (status, {"error": reason}), reason
    assert stays(beach_house) == []
    source = beach_house.runtime_data.coordinators["hook"]
    assert source.state.bookings == {}  # type: ignore[union-attr]
    assert "12ab" not in caplog.text
    assert "Jane" not in caplog.text


async def test_replays_duplicates_and_older_updates_change_nothing(
    hass: HomeAssistant, beach_house: MockConfigEntry, client: TestClient
) -> None:
    """The same message again, or an update older than the one kept: 200, and the stay stays as it is."""
    first = reservation()
    headers = signed_headers(SECRET, first)
    assert (await post(client, first, headers))[0] == 200
    assert await post(client, first, headers) == (200, {"status": "unchanged"})
    older = reservation(checkout="2026-12-20", updated_at="2026-12-14T09:00:00Z")
    assert await post(client, older) == (200, {"status": "unchanged"})
    (stay,) = stays(beach_house)
    assert stay.checkout.date().isoformat() == "2026-12-17"
    newer = reservation(checkout="2026-12-20", updated_at="2026-12-14T11:30:00Z")
    assert await post(client, newer) == (200, {"status": "accepted"})
    (stay,) = stays(beach_house)
    assert stay.checkout.date().isoformat() == "2026-12-20"


async def test_a_cancellation_takes_the_code_off(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    client: TestClient,
    zwave_lock: FakeZWaveLock,
) -> None:
    """Jane cancels: her code leaves the lock."""
    assert (await post(client, reservation()))[0] == 200
    await hass.async_block_till_done()
    assert "2468" in zwave_lock.slots.values()
    cancel = json.loads(reservation(updated_at="2026-12-14T11:10:00Z"))
    cancel["type"] = "reservation.cancelled"
    assert (await post(client, json.dumps(cancel).encode()))[0] == 200
    await move_to(hass, freezer, at(2026, 12, 14, 12, 1))
    assert stays(beach_house) == []
    assert "2468" not in zwave_lock.slots.values()


async def test_a_push_that_cannot_be_stored_is_answered_503(
    hass: HomeAssistant, beach_house: MockConfigEntry, client: TestClient
) -> None:
    """The disk is full: the sender is told to try again (Home Assistant would say 200), nothing planned."""
    source = beach_house.runtime_data.coordinators["hook"]
    with patch.object(source.store, "async_save", side_effect=OSError("disk full")):  # type: ignore[union-attr]
        assert await post(client, reservation()) == (503, {"error": "not_stored"})
    assert stays(beach_house) == []


async def test_pushes_and_their_ids_survive_a_restart(
    hass: HomeAssistant, beach_house: MockConfigEntry, client: TestClient
) -> None:
    """After a reload the pushed stay is still planned, and the same message is still a replay."""
    body = reservation()
    headers = signed_headers(SECRET, body)
    assert (await post(client, body, headers))[0] == 200
    assert await hass.config_entries.async_reload(beach_house.entry_id)
    await hass.async_block_till_done()
    (stay,) = stays(beach_house)
    assert stay.guest_name == "Jane Doe"
    assert await post(client, body, headers) == (200, {"status": "unchanged"})


async def test_diagnostics_keep_the_webhook_secret(
    hass: HomeAssistant,
    beach_house: MockConfigEntry,
    client: TestClient,
) -> None:
    """The secret, the webhook's id and the guest's details are redacted; counts remain."""
    assert (await post(client, reservation()))[0] == 200
    diagnostics = await async_get_config_entry_diagnostics(hass, beach_house)
    text = json.dumps(diagnostics)
    for private in (SECRET, HOOK, "Jane", "jane@example.com", "4567", "2468"):
        assert private not in text, private
    assert diagnostics["sources"] == {
        "Our PMS": {
            "kind": "webhook",
            "last_success": None,
            "failing_since": None,
            "bookings": 1,
            "events": 1,
            "webhook_subscriptions": 0,
        }
    }
