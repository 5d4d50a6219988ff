"""A stand-in for Home Assistant's zwave_js integration: lock entities with zwave_js's user-code methods.

guest_pins calls those methods (what zwave_js's actions run) so no code lands in the recorder's action log;
each lock behind them refuses a code that another of its slots holds, as real locks do.
"""

from dataclasses import dataclass, field

from homeassistant.core import HomeAssistant, ServiceResponse
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er

from .lock_entities import StandInLock, async_install_locks

LOCK_ENTITY = "lock.front_door"
SLOT_COUNT = 10


@dataclass
class FakeZWaveLock:
    """The user-code slots of one simulated Z-Wave lock, and every action call it received."""

    slots: dict[int, str] = field(default_factory=dict)
    calls: list[tuple[str, int, str | None]] = field(default_factory=list)
    fail: bool = False

    def set_usercode(self, slot: int, code: str) -> None:
        """Store a code, as set_lock_usercode does."""
        self.calls.append(("set", slot, code))
        if self.fail:
            raise HomeAssistantError("node did not respond")
        if any(held == code for other, held in self.slots.items() if other != slot):
            raise HomeAssistantError("duplicate code")
        self.slots[slot] = code

    def clear_usercode(self, slot: int) -> None:
        """Empty a slot, as clear_lock_usercode does."""
        self.calls.append(("clear", slot, None))
        if self.fail:
            raise HomeAssistantError("node did not respond")
        self.slots.pop(slot, None)

    @property
    def writes(self) -> list[tuple[str, int, str | None]]:
        """Return the set and clear calls (the radio transactions that change the lock)."""
        return [call for call in self.calls if call[0] in {"set", "clear"}]


class ZWaveStandIn(StandInLock):
    """A zwave_js lock entity with the user-code methods zwave_js's actions run, over a FakeZWaveLock."""

    def __init__(self, entity_id: str, node: int, lock: FakeZWaveLock) -> None:
        """Stand for one node."""
        super().__init__("zwave_js", entity_id, node)
        self.lock = lock

    async def async_set_lock_usercode(self, code_slot: int, usercode: str) -> None:
        """What zwave_js.set_lock_usercode runs."""
        self.lock.set_usercode(code_slot, usercode)

    async def async_clear_lock_usercode(self, code_slot: int) -> None:
        """What zwave_js.clear_lock_usercode runs."""
        self.lock.clear_usercode(code_slot)

    async def async_get_lock_usercode(self, code_slot: int | None = None) -> ServiceResponse:
        """What zwave_js.get_lock_usercode runs: one slot, or (without one) every slot the lock has."""
        slots = [code_slot] if code_slot is not None else list(range(1, SLOT_COUNT + 1))
        return {
            str(slot): {"usercode": self.lock.slots.get(slot, ""), "in_use": slot in self.lock.slots}
            for slot in slots
        }


async def install_zwave_locks(hass: HomeAssistant, *entity_ids: str) -> dict[str, FakeZWaveLock]:
    """Load the zwave_js stand-in with a lock entity (on its own device) per entity id; return the locks."""
    locks = {entity_id: FakeZWaveLock() for entity_id in entity_ids}
    await async_install_locks(
        hass,
        "zwave_js",
        [
            ZWaveStandIn(entity_id, node, locks[entity_id])
            for node, entity_id in enumerate(entity_ids, start=5)
        ],
    )
    return locks


async def install_zwave_lock(hass: HomeAssistant) -> FakeZWaveLock:
    """Load the stand-in with the one front-door lock most tests use."""
    return (await install_zwave_locks(hass, LOCK_ENTITY))[LOCK_ENTITY]


def keypad(hass: HomeAssistant, entity_id: str, *, user: int) -> None:
    """Report, as Home Assistant's zwave_js does, that the lock was unlocked at its keypad by `user`."""
    entry = er.async_get(hass).async_get(entity_id)
    assert entry is not None
    hass.bus.async_fire(
        "zwave_js_notification",
        {
            "domain": "zwave_js",
            "node_id": 5,
            "device_id": entry.device_id,
            "command_class": 113,
            "command_class_name": "Notification",
            "label": "Access Control",
            "type": 6,
            "event": 6,
            "event_label": "Keypad unlock operation",
            "parameters": {"userId": user},
        },
    )
