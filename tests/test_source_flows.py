"""Adding reservation sources in the UI: our signed webhook, Beds24 (invite code) and Lodgify (API key).

Each flow checks what the host typed with the real system (the emulators) before anything is stored, and
shows a webhook's secret once. The property is not set up: these tests are about the forms.
"""

from types import MappingProxyType
from typing import Any
from unittest.mock import AsyncMock, patch

from homeassistant.config_entries import SOURCE_USER, ConfigSubentry
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.guest_pins.const import (
    CONF_API_KEY,
    CONF_BASE_URL,
    CONF_INVITE_CODE,
    CONF_LOCKS,
    CONF_PMS_PROPERTY,
    CONF_PMS_ROOMS,
    CONF_REFRESH_TOKEN,
    CONF_SECRET,
    CONF_UNIT,
    CONF_WEBHOOK_ID,
    DEFAULT_OPTIONS,
    DOMAIN,
)
from custom_components.guest_pins.core.signatures import secret_key

from .pms_peers import Beds24Emulator, LodgifyEmulator
from .property_builders import LOCK_ID, lock_subentry
from .test_beds24 import refresh_token


@pytest.fixture
def entry(hass: HomeAssistant, property_data: dict[str, Any]) -> MockConfigEntry:
    """Return the property with its front door (not loaded)."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Beach House",
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock_subentry()],
    )
    entry.add_to_hass(hass)
    return entry


@pytest.fixture(autouse=True)
def not_set_up() -> Any:
    """Keep the property from loading when a source is added (that reloads it)."""
    with patch("custom_components.guest_pins.async_setup_entry", AsyncMock(return_value=True)):
        yield


async def start(hass: HomeAssistant, entry: MockConfigEntry, kind: str) -> Any:
    """Open a source's flow."""
    return await hass.config_entries.subentries.async_init(
        (entry.entry_id, kind), context={"source": SOURCE_USER}
    )


async def test_the_webhook_shows_its_secret_once_and_can_replace_it(
    hass: HomeAssistant, entry: MockConfigEntry
) -> None:
    """A name and the locks; then the address and a fresh secret; Reconfigure can replace the secret."""
    flows = hass.config_entries.subentries
    result = await start(hass, entry, "webhook")
    result = await flows.async_configure(result["flow_id"], {"name": "Our PMS", CONF_LOCKS: []})
    assert result["errors"] == {CONF_LOCKS: "no_locks"}
    result = await flows.async_configure(
        result["flow_id"], {"name": "Our PMS", CONF_UNIT: "beach", CONF_LOCKS: [LOCK_ID]}
    )
    assert result["step_id"] == "secret"
    shown = result["description_placeholders"]
    assert shown["url"].endswith(f"/api/webhook/{shown['url'].rsplit('/', 1)[1]}")
    assert len(secret_key(shown["secret"])) == 32
    result = await flows.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (source,) = [sub for sub in entry.subentries.values() if sub.subentry_type == "webhook"]
    assert source.data[CONF_SECRET] == shown["secret"]
    assert source.data[CONF_UNIT] == "beach"

    result = await entry.start_subentry_reconfigure_flow(hass, source.subentry_id)
    result = await flows.async_configure(result["flow_id"], {"name": "Our PMS", CONF_LOCKS: [LOCK_ID]})
    assert result["type"] is FlowResultType.ABORT
    assert entry.subentries[source.subentry_id].data[CONF_SECRET] == shown["secret"]
    result = await entry.start_subentry_reconfigure_flow(hass, source.subentry_id)
    result = await flows.async_configure(
        result["flow_id"], {"name": "Our PMS", CONF_LOCKS: [LOCK_ID], "rotate_secret": True}
    )
    assert result["step_id"] == "secret"
    replaced = result["description_placeholders"]["secret"]
    assert replaced != shown["secret"]
    await flows.async_configure(result["flow_id"], {})
    stored = entry.subentries[source.subentry_id].data
    assert (stored[CONF_SECRET], stored[CONF_WEBHOOK_ID]) == (replaced, source.data[CONF_WEBHOOK_ID])


async def test_beds24_takes_an_invite_code_once(
    hass: HomeAssistant, entry: MockConfigEntry, beds24_peer: Beds24Emulator
) -> None:
    """A used invite code is refused; a fresh one gives the account's rooms; the doorbell is shown."""
    flows = hass.config_entries.subentries
    invite = beds24_peer.issue_invite()
    with patch("custom_components.guest_pins.flow_source.BEDS24_URL", beds24_peer.api_url):
        result = await start(hass, entry, "beds24")
        result = await flows.async_configure(result["flow_id"], {"name": "Beds24", CONF_INVITE_CODE: invite})
        assert result["step_id"] == "rooms"
        options = result["data_schema"].schema[CONF_PMS_ROOMS].config["options"]
        assert [option["label"] for option in options] == [
            "Beach House: Front apartment",
            "Beach House: Garden room",
        ]
        result = await flows.async_configure(
            result["flow_id"], {CONF_PMS_ROOMS: ["301"], CONF_LOCKS: [LOCK_ID]}
        )
        assert result["step_id"] == "secret"
        assert result["description_placeholders"]["header"] == "X-Guest-Pins-Token"
        result = await flows.async_configure(result["flow_id"], {})
        assert result["type"] is FlowResultType.CREATE_ENTRY

        again = await start(hass, entry, "beds24")
        again = await flows.async_configure(again["flow_id"], {"name": "Beds24", CONF_INVITE_CODE: invite})
        assert again["errors"] == {CONF_INVITE_CODE: "invalid_invite"}
    (source,) = [sub for sub in entry.subentries.values() if sub.subentry_type == "beds24"]
    assert (source.data[CONF_PMS_PROPERTY], source.data[CONF_PMS_ROOMS]) == (201, [301])
    assert source.data[CONF_REFRESH_TOKEN] in beds24_peer.refresh_tokens
    assert invite not in str(source.data)


async def test_lodgify_checks_its_api_key(
    hass: HomeAssistant, entry: MockConfigEntry, lodgify_peer: LodgifyEmulator
) -> None:
    """A wrong key is refused in the form; the right one lists the room types to pick."""
    flows = hass.config_entries.subentries
    with patch("custom_components.guest_pins.flow_source.LODGIFY_URL", lodgify_peer.base_url):
        result = await start(hass, entry, "lodgify")
        result = await flows.async_configure(result["flow_id"], {"name": "Lodgify", CONF_API_KEY: "wrong"})
        assert result["errors"] == {CONF_API_KEY: "invalid_api_key"}
        result = await flows.async_configure(
            result["flow_id"], {"name": "Lodgify", CONF_API_KEY: lodgify_peer.api_key}
        )
        assert result["step_id"] == "rooms"
        result = await flows.async_configure(result["flow_id"], {CONF_PMS_ROOMS: [], CONF_LOCKS: [LOCK_ID]})
        assert result["errors"] == {CONF_PMS_ROOMS: "no_rooms"}
        result = await flows.async_configure(
            result["flow_id"], {CONF_PMS_ROOMS: ["8001"], CONF_LOCKS: [LOCK_ID]}
        )
        assert result["type"] is FlowResultType.CREATE_ENTRY
    (source,) = [sub for sub in entry.subentries.values() if sub.subentry_type == "lodgify"]
    assert (source.data[CONF_PMS_PROPERTY], source.data[CONF_PMS_ROOMS]) == (7001, [8001])


async def test_beds24_access_withdrawn_is_mended_with_a_new_invite_code(
    hass: HomeAssistant, entry: MockConfigEntry, beds24_peer: Beds24Emulator
) -> None:
    """The stored token no longer opens Beds24: Reconfigure says so and takes a new invite code."""
    withdrawn = await refresh_token(hass, beds24_peer)
    beds24_peer.refresh_tokens.clear()  # the host withdrew guest_pins' access in Beds24
    data = {
        CONF_BASE_URL: beds24_peer.api_url,
        CONF_REFRESH_TOKEN: withdrawn,
        CONF_PMS_PROPERTY: 201,
        CONF_PMS_ROOMS: [301],
        CONF_LOCKS: [LOCK_ID],
        CONF_WEBHOOK_ID: "beds24-doorbell",
        CONF_SECRET: "doorbell-secret",
    }
    hass.config_entries.async_add_subentry(
        entry,
        ConfigSubentry(data=MappingProxyType(data), subentry_type="beds24", title="Beds24", unique_id=None),
    )
    (source,) = [sub for sub in entry.subentries.values() if sub.subentry_type == "beds24"]
    flows = hass.config_entries.subentries
    result = await entry.start_subentry_reconfigure_flow(hass, source.subentry_id)
    assert result["step_id"] == "reconfigure"
    result = await flows.async_configure(result["flow_id"], {})
    assert result["errors"] == {"base": "access_refused"}
    result = await flows.async_configure(result["flow_id"], {CONF_INVITE_CODE: "used-or-mistyped"})
    assert result["errors"] == {CONF_INVITE_CODE: "invalid_invite"}
    invite = beds24_peer.issue_invite()
    result = await flows.async_configure(result["flow_id"], {CONF_INVITE_CODE: invite})
    assert result["step_id"] == "rooms"
    result = await flows.async_configure(result["flow_id"], {CONF_PMS_ROOMS: ["301"], CONF_LOCKS: [LOCK_ID]})
    assert result["step_id"] == "secret"
    result = await flows.async_configure(result["flow_id"], {})
    assert result["reason"] == "reconfigure_successful"
    token = entry.subentries[source.subentry_id].data[CONF_REFRESH_TOKEN]
    assert token != withdrawn
    assert token in beds24_peer.refresh_tokens
    assert invite not in str(entry.subentries[source.subentry_id].data)
