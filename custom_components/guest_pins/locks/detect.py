"""Which path reaches a lock, and what that path can do, read from the lock entity's integration."""

from dataclasses import dataclass

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.entity import entity_sources

# Integration (entity platform) -> the path guest_pins uses and what it offers the host.
_PATHS: dict[str, tuple[str, str]] = {
    "zwave_js": ("zwave_js", "Z-Wave JS: user codes, read-back"),
    "mqtt": ("zigbee2mqtt", "Zigbee2MQTT over MQTT: PIN codes, read-back with expose_pin"),
    "zha": ("zha", "ZHA: user codes through Home Assistant actions"),
    "matter": ("matter", "Matter: credentials through Home Assistant actions"),
    "ttlock": ("ttlock", "TTLock: passcodes with a validity window"),
    "tuya": ("tuya", "Tuya cloud: temporary passwords with a validity window"),
    "ring": ("ring", "Ring Intercom: no PIN codes; guests are invited by e-mail for their stay, remote open"),
    "demo": ("simulated", "a simulated keypad for the demo: user codes, read-back"),
}
NO_PATH = ("none", "no code path known for this lock: guest_pins cannot program it")


@dataclass(frozen=True, slots=True)
class LockInfo:
    """What the lock subentry flow tells the host about a lock."""

    name: str
    integration: str
    path: str
    abilities: str


def describe_lock(hass: HomeAssistant, entity_id: str) -> LockInfo:
    """Return the lock's name, integration, path and abilities (FR-014)."""
    entry = er.async_get(hass).async_get(entity_id)
    state = hass.states.get(entity_id)
    name = (
        (state.name if state else None) or (entry.name or entry.original_name if entry else None) or entity_id
    )
    # Entities without a unique id are not in the registry; the entity sources still name their integration.
    source = entity_sources(hass).get(entity_id)
    integration = entry.platform if entry else source["domain"] if source else "unknown"
    path, abilities = _PATHS.get(integration, NO_PATH)
    return LockInfo(name=str(name), integration=integration, path=path, abilities=abilities)


def tuya_device_id(hass: HomeAssistant, entity_id: str) -> str | None:
    """Return the Tuya device id of a lock from its device (Home Assistant's tuya identifies it so)."""
    entry = er.async_get(hass).async_get(entity_id)
    device = dr.async_get(hass).async_get(entry.device_id) if entry and entry.device_id else None
    return next((ident for domain, ident in device.identifiers if domain == "tuya"), None) if device else None
