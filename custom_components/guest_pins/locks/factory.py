"""The path each managed lock gets, chosen by the path the host's lock settings name (plain values only)."""

from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er

from ..core.model import SlotCode
from .action_paths import ActionPath, MatterPath, TTLockPath, ZHAPath
from .base import Capabilities, LockPath, LockPathError, ReportCallback, UseCallback, ignore_use
from .memory import InMemoryLockPath
from .ring import RingPath
from .tuya import TuyaCloud, TuyaPath
from .zigbee2mqtt import Zigbee2MQTTPath
from .zwave_js import ZWaveJSPath, async_slot_count

# Demo locks (Home Assistant's `demo` integration) get a simulated keypad, so scripts/develop shows codes
# going on and off a lock.
SIMULATED = "simulated"


@dataclass
class UnsupportedPath:
    """A lock guest_pins has no way to program: writes wait, and a repair says so."""

    reason: str
    capabilities: Capabilities = field(default_factory=Capabilities)
    transactions: int = 0

    async def async_start(self, on_report: ReportCallback, on_use: UseCallback = ignore_use) -> None:
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

# Paths over other integrations' code actions, and what each can do. Matter reports a keypad use too, but
# without the slot: Home Assistant's Matter lock keeps only the source of an operation, not its user.
ACTION_PATHS: dict[str, tuple[type[ActionPath], Capabilities]] = {
    "zha": (ZHAPath, Capabilities(reports_use=True)),
    "matter": (MatterPath, Capabilities()),
    "ttlock": (TTLockPath, Capabilities(native_windows=True, read_back=True)),
}


def zigbee2mqtt_name(hass: HomeAssistant, entity_id: str) -> str:
    """Return the Zigbee2MQTT friendly name of a lock: its device's name, as Zigbee2MQTT discovery sets it."""
    entry = er.async_get(hass).async_get(entity_id)
    device = dr.async_get(hass).async_get(entry.device_id) if entry and entry.device_id else None
    return device.name if device and device.name else entity_id.split(".", 1)[1]


@dataclass(frozen=True, slots=True)
class PathSpec:
    """What a lock path is made from: its kind (as `detect` names it), the lock entity and its slots.

    `zone` is the property's time zone: the lock's clock keeps the property's time, whatever Home
    Assistant's zone is, so windows and schedules are written in it. `tuya` is the cloud project a Tuya
    lock is reached through.
    """

    kind: str
    entity_id: str
    slot_count: int
    zone: ZoneInfo
    tuya: TuyaCloud | None = None


def create_path(hass: HomeAssistant, spec: PathSpec) -> LockPath:
    """Return the path for a managed lock."""
    entity_id, slots, zone = spec.entity_id, spec.slot_count, spec.zone
    if spec.kind == "zwave_js":
        return ZWaveJSPath(
            hass, entity_id, Capabilities(slot_count=slots, read_back=True, reports_use=True), zone=zone
        )
    if spec.kind == "zigbee2mqtt":
        return Zigbee2MQTTPath(
            hass,
            entity_id,
            zigbee2mqtt_name(hass, entity_id),
            Capabilities(slot_count=slots, read_back=True, confirmed_writes=True, reports_use=True),
        )
    if spec.kind == "tuya" and spec.tuya is not None:
        return TuyaPath(
            hass,
            entity_id,
            Capabilities(
                slot_count=slots, native_windows=True, native_weekly=True, read_back=True, fixed_offset=True
            ),
            spec.tuya,
            zone=zone,
        )
    if spec.kind == "ring":
        return RingPath(
            hass,
            entity_id,
            Capabilities(slot_count=slots, read_back=True, invites=True, remote_open=True),
        )
    if spec.kind in ACTION_PATHS:
        kind, capabilities = ACTION_PATHS[spec.kind]
        return kind(hass, entity_id, replace(capabilities, slot_count=slots), zone=zone)
    if spec.kind == SIMULATED:
        return InMemoryLockPath(capabilities=Capabilities(slot_count=slots, read_back=True, reports_use=True))
    return UnsupportedPath(f"no code path for this lock ({spec.kind})")


async def async_detect_slot_count(hass: HomeAssistant, kind: str, entity_id: str) -> int | None:
    """Return how many code slots a lock reports, where its path can ask (else None: the host is asked)."""
    if kind == "zwave_js":
        return await async_slot_count(hass, entity_id)
    return None
