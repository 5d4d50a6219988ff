"""The shipped blueprints: offered in the host's blueprint folder, valid for Home Assistant, and working.

Each is loaded and validated by Home Assistant's own blueprint machinery, then used by an automation around
Jane's Dec 15-18 stay: the code texted at the 24 h reminder, the host told of her arrival, lights and
heating on at her first use of the code.
"""

from collections.abc import AsyncGenerator
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.automation.helpers import async_get_blueprints
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.blueprints import SHIPPED, async_install
from custom_components.guest_pins.const import DOMAIN

from .notify_stand_ins import async_install_host_phone, async_install_sms
from .property_builders import at, move_to
from .test_journey import jane_loaded
from .zwave_double import FakeZWaveLock, keypad

NAMES = {"guest_arrived.yaml", "text_guest_code.yaml", "welcome_guest.yaml"}


@pytest.fixture
def hass_config_dir(hass_tmp_config_dir: str) -> str:
    """Give each test its own configuration folder (blueprints are copied into it)."""
    return hass_tmp_config_dir


def folder(hass: HomeAssistant) -> Path:
    """Return where the host's guest_pins blueprints live."""
    return Path(hass.config.path("blueprints", "automation", DOMAIN))


async def test_the_blueprints_are_offered_and_valid(hass: HomeAssistant) -> None:
    """Copied once the automation folder exists, validated by Home Assistant; a host's edit is kept."""
    assert {path.name for path in SHIPPED.glob("*.yaml")} == NAMES
    await async_install(hass)
    assert not folder(hass).exists()  # no automation folder yet: Home Assistant must make it first
    assert await async_setup_component(hass, "automation", {})
    assert await async_setup_component(hass, DOMAIN, {})
    await hass.async_block_till_done()
    assert {path.name for path in folder(hass).glob("*.yaml")} == NAMES

    blueprints = await async_get_blueprints(hass).async_get_blueprints()
    ours = {path: found for path, found in blueprints.items() if path.startswith(f"{DOMAIN}/")}
    assert set(ours) == {f"{DOMAIN}/{name}" for name in NAMES}
    for path, found in ours.items():
        assert not isinstance(found, Exception), f"{path}: {found}"
        assert found.domain == "automation"
        assert found.metadata["input"]["property"]["selector"] == {"config_entry": {"integration": DOMAIN}}

    edited = folder(hass) / "guest_arrived.yaml"
    edited.write_text(edited.read_text().replace("Tell me when a guest arrives", "Guest is here"))
    await async_install(hass)
    assert "Guest is here" in edited.read_text()


def blueprint(path: str, **inputs: Any) -> dict[str, Any]:
    """Return an automation that uses one of guest_pins' blueprints."""
    return {"alias": path, "use_blueprint": {"path": f"{DOMAIN}/{path}", "input": inputs}}


@pytest.fixture
async def jane(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> AsyncGenerator[MockConfigEntry]:
    """Load Jane's property (with the blueprints offered) on Monday 14 Dec 2026, 12:00."""
    folder(hass).parent.mkdir(parents=True)  # as Home Assistant made it at its first start
    await async_install_host_phone(hass)
    await async_install_sms(hass)
    async with jane_loaded(hass, freezer, aioclient_mock, property_data) as entry:
        yield entry


async def test_the_blueprints_text_the_code_tell_the_host_and_welcome_jane(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, jane: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """24 h before check-in the text carries her code; at her first use the host hears and the house warms."""
    texts = async_mock_service(hass, "test", "text_guest")
    tells = async_mock_service(hass, "test", "tell_host")
    lights = async_mock_service(hass, "light", "turn_on")
    heating = async_mock_service(hass, "climate", "set_temperature")
    automations = [
        blueprint(
            "text_guest_code.yaml",
            property=jane.entry_id,
            hours_before="24",
            send=[{"action": "test.text_guest", "data": {"message": "Hi {{ guest }}, code {{ code }}"}}],
        ),
        blueprint(
            "guest_arrived.yaml",
            property=jane.entry_id,
            tell=[{"action": "test.tell_host", "data": {"message": "{{ guest }} arrived at {{ lock }}"}}],
        ),
        blueprint(
            "welcome_guest.yaml",
            property=jane.entry_id,
            lights={"entity_id": "light.living_room"},
            heating="climate.living_room",
            temperature=22,
        ),
    ]
    hass.states.async_set("climate.living_room", "off")
    assert await async_setup_component(hass, "automation", {"automation": automations})
    await hass.async_block_till_done()
    assert [state.state for state in hass.states.async_all("automation")] == ["on", "on", "on"]

    await move_to(hass, freezer, at(2026, 12, 14, 16))
    assert [call.data["message"] for call in texts] == ["Hi Jane Doe, code 4567"]
    assert tells == []

    await move_to(hass, freezer, at(2026, 12, 15, 15, 59, 30))
    await move_to(hass, freezer, at(2026, 12, 15, 16, 40))
    keypad(hass, "lock.front_door", user=1)
    await hass.async_block_till_done()
    assert [call.data["message"] for call in tells] == ["Jane Doe arrived at Front door"]
    assert [call.data["entity_id"] for call in lights] == [["light.living_room"]]
    assert [(call.data["entity_id"], call.data["temperature"]) for call in heating] == [
        (["climate.living_room"], 22)
    ]
    assert len(texts) == 1  # the 1 h reminder is not the one chosen
