"""What the host sees: devices, entities, masking, the access calendar and diagnostics."""

from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, snapshot_platform
from pytest_homeassistant_custom_component.components.diagnostics import get_diagnostics_for_config_entry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from custom_components.guest_pins.const import CONF_SHOW_CODES, DOMAIN

from .leaks import places_holding
from .property_builders import LOCK_ID, at, load_property, move_to
from .zwave_double import FakeZWaveLock


@pytest.mark.parametrize("platform", [Platform.BUTTON, Platform.CALENDAR, Platform.SENSOR])
async def test_entities_snapshot(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    platform: Platform,
) -> None:
    """Every entity of the property, named by translation key, with its state during a stay."""
    with patch("custom_components.guest_pins.PLATFORMS", [platform]):
        async with load_property(hass, freezer, aioclient_mock, property_entry) as entry:
            await move_to(hass, freezer, at(2026, 12, 16, 12))
            await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


async def test_lock_device_is_our_own(
    hass: HomeAssistant,
    loaded: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    """Each managed lock gets a guest_pins device of its own (a device belongs to one config entry)."""
    (device,) = [
        device
        for device in dr.async_entries_for_config_entry(device_registry, loaded.entry_id)
        if (DOMAIN, f"{loaded.entry_id}_{LOCK_ID}") in device.identifiers
    ]
    assert device.config_entry_id == loaded.entry_id
    lock_entity = entity_registry.async_get("lock.front_door")
    assert lock_entity is not None
    assert lock_entity.device_id is not None  # the lock has its own device (zwave_js's) ...
    assert lock_entity.device_id != device.id  # ... which is not ours
    lock_device = device_registry.async_get(lock_entity.device_id)
    assert lock_device is not None
    assert lock_device.config_entry_id != loaded.entry_id  # and we never attached ourselves to it
    ours = er.async_entries_for_device(entity_registry, device.id)
    assert ours
    assert {entity.config_entry_id for entity in ours} == {loaded.entry_id}


async def test_codes_are_masked_unless_shown(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """Slot attributes name the guest and show no digit until the host turns on "show codes"."""
    await move_to(hass, freezer, at(2026, 12, 16, 12))
    state = hass.states.get("sensor.front_door_slots_used")
    assert state is not None
    assert state.state == "2"
    # An Airbnb feed names no guest; the slot says whose it is in words, never by an internal id.
    assert state.attributes["slots"]["1"] == {"owner": "Guest", "kind": "guest", "code": "••••"}
    assert state.attributes["slots"]["8"] == {"owner": "Manager", "kind": "static", "code": "••••"}
    assert not places_holding("4567", hass.states.async_all())
    assert "67" not in str(state.attributes)

    hass.config_entries.async_update_entry(loaded, options={**loaded.options, CONF_SHOW_CODES: True})
    await hass.config_entries.async_reload(loaded.entry_id)
    await hass.async_block_till_done()
    state = hass.states.get("sensor.front_door_slots_used")
    assert state is not None
    assert state.attributes["slots"]["1"]["code"] == "4567"


async def test_access_calendar_lists_stays_and_static_times(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry
) -> None:
    """The lock's calendar shows who may enter when: guest windows and the cleaner's Saturday, no codes."""
    response = await hass.services.async_call(
        "calendar",
        "get_events",
        {
            "entity_id": "calendar.front_door_access",
            "start_date_time": at(2026, 12, 14),
            "end_date_time": at(2026, 12, 21),
        },
        blocking=True,
        return_response=True,
    )
    events = response["calendar.front_door_access"]["events"]  # type: ignore[index]
    summaries = [(event["summary"], event["start"][:16]) for event in events]
    assert ("Guest stay", "2026-12-15T16:00") in summaries
    assert ("Cleaner - Maria", "2026-12-19T10:00") in summaries
    assert any(summary == "Manager" for summary, _ in summaries)
    assert not places_holding("4567", events)
    state = hass.states.get("calendar.front_door_access")
    assert state is not None
    assert state.attributes["message"] == "Manager"


async def test_diagnostics_redact_codes_urls_and_names(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    loaded: MockConfigEntry,
    hass_client: ClientSessionGenerator,
    snapshot: SnapshotAssertion,
) -> None:
    """Diagnostics carry the shape of the property, never a code, phone digits, a name or a feed URL."""
    diagnostics: dict[str, Any] = await get_diagnostics_for_config_entry(hass, hass_client, loaded)
    assert diagnostics == snapshot
    text = str(diagnostics)
    for secret in ("4567", "9911", "5678", "secret-token", "airbnb.com/calendar", "Maria"):
        assert secret not in text
    assert diagnostics["locks"]["Front door"]["slots"]["8"] == {
        "owner_kind": "static",
        "code": "**REDACTED**",
    }
    assert diagnostics["calendars"]["Airbnb"]["events"] == 3
