"""Lock entities of a stand-in integration (zwave_js, zha, matter), loaded through Home Assistant itself.

guest_pins reaches them exactly as it reaches the real ones: through the lock entity's code methods, which
is what those integrations' entity actions run.
"""

from collections.abc import Sequence
import importlib
from typing import Any

from homeassistant.components.lock import LockEntity
from homeassistant.config_entries import HANDLERS, ConfigEntry, ConfigFlow
from homeassistant.core import HomeAssistant
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    MockPlatform,
    mock_integration,
    mock_platform,
)


class StandInLock(LockEntity):
    """A locked lock on a device of its own; subclasses add the code methods of their integration."""

    _attr_has_entity_name = True
    _attr_name = None
    _attr_should_poll = False
    _attr_is_locked = True

    def __init__(self, domain: str, entity_id: str, node: int) -> None:
        """Name the lock after its entity (lock.front_door: "Front door"), on its own device."""
        object_id = entity_id.split(".", 1)[1]
        self.entity_id = entity_id
        self._attr_unique_id = f"{domain}-{node}-lock"
        self._attr_device_info = DeviceInfo(
            identifiers={(domain, f"node-{node}")}, name=object_id.replace("_", " ").capitalize()
        )


async def async_install_locks(
    hass: HomeAssistant, domain: str, entities: Sequence[StandInLock]
) -> MockConfigEntry:
    """Load a stand-in integration `domain` whose config entry owns the lock entities (and their devices)."""
    return await async_install_entities(hass, domain, "lock", entities)


async def async_install_entities(
    hass: HomeAssistant, domain: str, platform: str, entities: Sequence[Entity]
) -> MockConfigEntry:
    """Load a stand-in integration `domain` whose config entry owns the entities of one platform."""

    async def setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        """Set up the integration's platform."""
        await hass.config_entries.async_forward_entry_setups(entry, [platform])
        return True

    async def unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        """Unload the platform."""
        return await hass.config_entries.async_unload_platforms(entry, [platform])

    async def add_entities(
        hass: HomeAssistant, entry: ConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
    ) -> None:
        """Add the entities."""
        async_add_entities(entities)

    mock_integration(hass, MockModule(domain, async_setup_entry=setup_entry, async_unload_entry=unload_entry))
    mock_platform(hass, f"{domain}.{platform}", MockPlatform(async_setup_entry=add_entities))
    try:
        flow: Any = importlib.import_module(f"homeassistant.components.{domain}.config_flow")
    except ImportError:
        # The real flow needs a library this machine lacks (zha, matter) or there is none: an empty one.
        flow = MockPlatform()
        if domain not in HANDLERS:
            type(f"{domain.title()}StandInFlow", (ConfigFlow,), {"VERSION": 1}, domain=domain)
    mock_platform(hass, f"{domain}.config_flow", flow)
    entry = MockConfigEntry(domain=domain, entry_id=f"01J{domain.upper():0<23}"[:26])
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry
