"""The path each managed lock gets, chosen by the path its subentry recorded."""

from dataclasses import dataclass, field, replace

from homeassistant.config_entries import ConfigSubentry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er

from ..const import (
    CONF_LOCK_ENTITY,
    CONF_PATH,
    CONF_SLOT_COUNT,
    CONF_TUYA_ACCESS_ID,
    CONF_TUYA_ACCESS_SECRET,
    CONF_TUYA_DEVICE_ID,
    CONF_TUYA_REGION,
)
from ..core.model import SlotCode
from .action_paths import ActionPath, MatterPath, TTLockPath, ZHAPath
from .base import Capabilities, LockPath, LockPathError, ReportCallback
from .memory import InMemoryLockPath
from .ring import RingPath
from .tuya import TuyaCloud, TuyaPath
from .zigbee2mqtt import Zigbee2MQTTPath
from .zwave_js import ZWaveJSPath

# Demo locks (Home Assistant's `demo` integration) get a simulated keypad, so scripts/develop shows codes
# going on and off a lock.
SIMULATED = "simulated"


@dataclass
class UnsupportedPath:
    """A lock guest_pins has no way to program: writes wait, and a repair says so."""

    reason: str
    capabilities: Capabilities = field(default_factory=Capabilities)
    transactions: int = 0

    async def async_start(self, on_report: ReportCallback) -> None:
        """Nothing to follow."""

    def stop(self) -> None:
        """Nothing to stop."""

    def available(self) -> bool:
        """Return False: nothing can be delivered."""
        return False

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Refuse the write."""
        raise LockPathError(self.reason, permanent=True)

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Refuse the write."""
        raise LockPathError(self.reason, permanent=True)

    async def async_read(self, slot: int) -> str | None:
        """Refuse the read."""
        raise LockPathError(self.reason, permanent=True)


# Paths that admit guests by invitation (an e-mail address), not by a code.
INVITATION_PATHS = frozenset({"ring"})

# Paths over other integrations' code actions, and what each can do.
ACTION_PATHS: dict[str, tuple[type[ActionPath], Capabilities]] = {
    "zha": (ZHAPath, Capabilities()),
    "matter": (MatterPath, Capabilities()),
    "ttlock": (TTLockPath, Capabilities(native_windows=True, read_back=True)),
}


def zigbee2mqtt_name(hass: HomeAssistant, entity_id: str) -> str:
    """Return the Zigbee2MQTT friendly name of a lock: its device's name, as Zigbee2MQTT discovery sets it."""
    entry = er.async_get(hass).async_get(entity_id)
    device = dr.async_get(hass).async_get(entry.device_id) if entry and entry.device_id else None
    return device.name if device and device.name else entity_id.split(".", 1)[1]


def create_path(hass: HomeAssistant, subentry: ConfigSubentry) -> LockPath:
    """Return the path for a managed lock."""
    data = subentry.data
    path = data.get(CONF_PATH)
    if path == "zwave_js":
        return ZWaveJSPath(
            hass, data[CONF_LOCK_ENTITY], Capabilities(slot_count=data[CONF_SLOT_COUNT], read_back=True)
        )
    if path == "zigbee2mqtt":
        return Zigbee2MQTTPath(
            hass,
            data[CONF_LOCK_ENTITY],
            zigbee2mqtt_name(hass, data[CONF_LOCK_ENTITY]),
            Capabilities(slot_count=data[CONF_SLOT_COUNT], read_back=True, confirmed_writes=True),
        )
    if path == "tuya" and CONF_TUYA_DEVICE_ID in data:
        return TuyaPath(
            hass,
            data[CONF_LOCK_ENTITY],
            Capabilities(
                slot_count=data[CONF_SLOT_COUNT], native_windows=True, native_weekly=True, read_back=True
            ),
            TuyaCloud(
                data[CONF_TUYA_ACCESS_ID],
                data[CONF_TUYA_ACCESS_SECRET],
                data[CONF_TUYA_REGION],
                data[CONF_TUYA_DEVICE_ID],
            ),
        )
    if path == "ring":
        return RingPath(
            hass,
            data[CONF_LOCK_ENTITY],
            Capabilities(slot_count=data[CONF_SLOT_COUNT], read_back=True, invites=True, remote_open=True),
        )
    if path in ACTION_PATHS:
        kind, capabilities = ACTION_PATHS[path]
        return kind(hass, data[CONF_LOCK_ENTITY], replace(capabilities, slot_count=data[CONF_SLOT_COUNT]))
    if path == SIMULATED:
        return InMemoryLockPath(capabilities=Capabilities(slot_count=data[CONF_SLOT_COUNT], read_back=True))
    return UnsupportedPath(f"no code path for this lock ({path})")
