"""Reservations from Lodgify (against a local HTTPS emulator of its API) through Home Assistant.

The Beach House's front apartment (Lodgify room type 8001) opens the front door. Lodgify has Jane's
booking for Dec 15-18 and nothing else; the host set up no calendar at all. It is Monday 14 Dec 2026, 12:00.
"""

from collections.abc import AsyncGenerator
from datetime import datetime, timedelta
import socket
from typing import Any
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.network import NoURLAvailableError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.guest_pins.const import (
    CONF_API_KEY,
    CONF_BASE_URL,
    CONF_LOCKS,
    CONF_PMS_PROPERTY,
    CONF_PMS_ROOMS,
    CONF_WEBHOOK_ID,
    DEFAULT_OPTIONS,
    DOMAIN,
    SUBENTRY_LODGIFY,
)

from .pms_peers import LodgifyEmulator
from .property_builders import LOCK_ID, at, load_property, lock_subentry, move_to, stored_keys
from .zwave_double import FakeZWaveLock

HOOK = "guest-pins-lodgify-hook"


def lodgify_subentry(peer: LodgifyEmulator) -> ConfigSubentryData:
    """Return the Lodgify source: room type 8001 of property 7001 feeding the front door."""
    return ConfigSubentryData(
        subentry_id="lodgify",  # type: ignore[typeddict-unknown-key]
        subentry_type=SUBENTRY_LODGIFY,
        title="Lodgify",
        unique_id=None,
        data={
            CONF_LOCKS: [LOCK_ID],
            CONF_BASE_URL: peer.base_url,
            CONF_API_KEY: peer.api_key,
            CONF_PMS_PROPERTY: 7001,
            CONF_PMS_ROOMS: [8001],
            CONF_WEBHOOK_ID: HOOK,
        },
    )


@pytest.fixture
def port(socket_enabled: None) -> int:
    """Return a free loopback port for Home Assistant's HTTP server (Lodgify pushes to it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free: int = probe.getsockname()[1]
        return free


@pytest.fixture
async def beach_house(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
    lodgify_peer: LodgifyEmulator,
    port: int,
) -> AsyncGenerator[MockConfigEntry]:
    """Load the property with Lodgify only; Home Assistant's address is where its server will listen."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    hass.config.internal_url = f"http://127.0.0.1:{port}"
    freezer.move_to(at(2026, 12, 14, 12))
    lodgify_peer.add_booking(
        arrival="2026-12-15",
        departure="2026-12-18",
        guest={"name": "Jane Doe", "email": "jane@example.com", "phone": "+49 151 2345 4567"},
        source_text="Airbnb HMJANE1234",
    )
    lodgify_peer.add_booking(rooms=[{"room_type_id": 8002, "people": 1, "key_code": None}])
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Beach House",
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock_subentry(), lodgify_subentry(lodgify_peer)],
    )
    async with load_property(hass, freezer, None, entry, serve_feed=False) as loaded:
        yield loaded


@pytest.fixture
async def server(
    hass: HomeAssistant, beach_house: MockConfigEntry, aiohttp_client: ClientSessionGenerator, port: int
) -> TestClient:
    """Start Home Assistant's HTTP server where Lodgify was told to push (after the set-up added routes)."""
    return await aiohttp_client(hass.http.app, server_kwargs={"port": port})


def stays(entry: MockConfigEntry) -> list[Any]:
    """Return the property's planned stays."""
    plan = entry.runtime_data.manager.plan
    return list(plan.stay_plan.stays) if plan else []


async def test_a_lodgify_booking_is_a_stay_and_its_code_goes_into_the_booking(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    lodgify_peer: LodgifyEmulator,
) -> None:
    """Jane's booking is her stay (the other room's is not); at send time her code is her key code."""
    (stay,) = stays(beach_house)
    assert (stay.guest_name, stay.reference, stay.code) == ("Jane Doe", "HMJANE1234", "4567")
    (jane_id,) = [key for key, item in lodgify_peer.bookings.items() if item["guest"]["name"] == "Jane Doe"]
    assert [room["key_code"] for room in lodgify_peer.key_codes(jane_id)] == [None]
    await move_to(hass, freezer, at(2026, 12, 14, 16))  # 24 h before check-in: the keys go out
    assert [room["key_code"] for room in lodgify_peer.key_codes(jane_id)] == ["4567"]


async def test_lodgify_pushes_are_verified_and_read_again(
    hass: HomeAssistant,
    beach_house: MockConfigEntry,
    server: TestClient,
    lodgify_peer: LodgifyEmulator,
) -> None:
    """Subscribed at start; a signed push re-reads the booking at once; a tampered one is refused."""
    assert {item["event"] for item in lodgify_peer.subscriptions.values()} >= {"booking_change"}
    (jane_id,) = [key for key, item in lodgify_peer.bookings.items() if item["guest"]["name"] == "Jane Doe"]
    lodgify_peer.modify(jane_id, departure="2026-12-20")
    assert await lodgify_peer.fire("booking_change", jane_id, tamper=True) == [401]
    (stay,) = stays(beach_house)
    assert stay.checkout.date().isoformat() == "2026-12-18"
    assert await lodgify_peer.fire("booking_change", jane_id, wrapped=True) == [200]
    await hass.async_block_till_done()
    (stay,) = stays(beach_house)
    assert stay.checkout.date().isoformat() == "2026-12-20"
    lodgify_peer.cancel(jane_id)
    assert await lodgify_peer.fire("booking_status_change_declined", jane_id) == [200]
    assert stays(beach_house) == []


async def test_changes_are_read_every_five_minutes(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    lodgify_peer: LodgifyEmulator,
) -> None:
    """Without pushes, Lodgify is read for what changed since the last pass."""
    (jane_id,) = [key for key, item in lodgify_peer.bookings.items() if item["guest"]["name"] == "Jane Doe"]
    lodgify_peer.modify(jane_id, departure="2026-12-19")
    for instant in (at(2026, 12, 14, 12, 5, 31), at(2026, 12, 14, 12, 5, 32)):
        await move_to(hass, freezer, instant)
    lists = [query for method, path, query in lodgify_peer.requests if path == "/v2/reservations/bookings"]
    assert any(key == "updatedSince" for key, _ in lists[-1])
    (stay,) = stays(beach_house)
    assert stay.checkout.date().isoformat() == "2026-12-19"
    assert datetime.fromisoformat("2026-12-19T11:00:00+01:00") - stay.checkout == timedelta(0)


async def test_without_an_address_the_host_learns_why_changes_take_minutes(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
    lodgify_peer: LodgifyEmulator,
) -> None:
    """No URL Lodgify could reach: no subscription, a repair; the bookings are still read."""
    lodgify_peer.add_booking(arrival="2026-12-15", departure="2026-12-18")
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Beach House",
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock_subentry(), lodgify_subentry(lodgify_peer)],
    )
    with patch(
        "custom_components.guest_pins.sources.setup.webhook.async_generate_url",
        side_effect=NoURLAvailableError,
    ):
        async with load_property(hass, freezer, None, entry, serve_feed=False):
            assert ir.async_get(hass).async_get_issue(DOMAIN, "no_webhook_url_lodgify") is not None
            assert lodgify_peer.subscriptions == {}
            assert len(stays(entry)) == 1


async def test_a_removed_lodgify_source_withdraws_its_webhooks(
    hass: HomeAssistant,
    beach_house: MockConfigEntry,
    lodgify_peer: LodgifyEmulator,
    hass_storage: dict[str, Any],
) -> None:
    """Lodgify would go on posting guests' bookings to a dead address: its subscriptions are removed too."""
    assert lodgify_peer.subscriptions
    source_key = f"{DOMAIN}.{beach_house.entry_id}.source.lodgify"
    assert source_key in hass_storage
    hass.config_entries.async_remove_subentry(beach_house, "lodgify")
    await hass.async_block_till_done()
    assert lodgify_peer.subscriptions == {}
    assert source_key not in hass_storage
    assert stays(beach_house) == []


async def test_a_property_removed_while_lodgify_refuses_is_still_removed_here(
    hass: HomeAssistant,
    beach_house: MockConfigEntry,
    lodgify_peer: LodgifyEmulator,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The API key was withdrawn in Lodgify first: the log says to remove them there; nothing stays here."""
    api_key = lodgify_peer.api_key
    lodgify_peer.api_key = "a-new-key"
    assert (await hass.config_entries.async_remove(beach_house.entry_id))["require_restart"] is False
    await hass.async_block_till_done()
    assert stored_keys(hass_storage, beach_house.entry_id) == []
    assert lodgify_peer.subscriptions  # still there: Lodgify refused the old key
    assert "Could not withdraw the removed source Lodgify from its system (LodgifyError)" in caplog.text
    assert api_key not in caplog.text


async def test_a_withdrawn_api_key_is_a_repair_that_reconfigure_mends(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    lodgify_peer: LodgifyEmulator,
) -> None:
    """The host made a new key in Lodgify: three hours on, a repair says so in words; the new key mends it."""
    lodgify_peer.api_key = "a-new-key"
    registry = ir.async_get(hass)
    start = at(2026, 12, 14, 12, 0, 31)
    for minutes in range(5, 200, 5):
        await move_to(hass, freezer, start + timedelta(minutes=minutes))
    issue = registry.async_get_issue(DOMAIN, "source_unreachable_lodgify")
    assert issue is not None
    assert (issue.translation_key, issue.translation_placeholders) == (
        "source_refused",
        {"source": "Lodgify"},
    )
    assert len(stays(beach_house)) == 1  # Jane's stay, from what Lodgify said last

    flows = hass.config_entries.subentries
    result = await beach_house.start_subentry_reconfigure_flow(hass, "lodgify")
    assert result["step_id"] == "reconfigure"
    result = await flows.async_configure(result["flow_id"], {})  # the stored key: refused
    assert result["errors"] == {CONF_API_KEY: "invalid_api_key"}
    result = await flows.async_configure(result["flow_id"], {CONF_API_KEY: " a-new-key "})
    assert result["step_id"] == "rooms"
    result = await flows.async_configure(result["flow_id"], {CONF_PMS_ROOMS: ["8001"], CONF_LOCKS: [LOCK_ID]})
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done(wait_background_tasks=True)
    assert beach_house.subentries["lodgify"].data[CONF_API_KEY] == "a-new-key"
    assert registry.async_get_issue(DOMAIN, "source_unreachable_lodgify") is None
    (stay,) = stays(beach_house)
    assert stay.guest_name == "Jane Doe"
