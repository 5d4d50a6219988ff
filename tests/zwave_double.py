"""A stand-in for Home Assistant's zwave_js integration: lock entities and the three user-code actions.

The actions behave like zwave_js's (entity targeted, code_slot, usercode; get answers per entity), and each
lock behind them refuses a code that another of its slots holds, as real locks do.
"""

from dataclasses import dataclass, field

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockModule, mock_integration

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


def install_zwave_locks(hass: HomeAssistant, *entity_ids: str) -> dict[str, FakeZWaveLock]:
    """Register the zwave_js stand-in with lock entities and its actions; return the locks by entity."""
    locks = {entity_id: FakeZWaveLock() for entity_id in entity_ids}
    mock_integration(hass, MockModule("zwave_js"))
    registry = er.async_get(hass)
    for node, entity_id in enumerate(entity_ids, start=5):
        object_id = entity_id.split(".", 1)[1]
        registry.async_get_or_create(
            "lock", "zwave_js", f"3245146787.{node}-98", suggested_object_id=object_id
        )
        hass.states.async_set(
            entity_id, "locked", {"friendly_name": object_id.replace("_", " ").capitalize()}
        )

    async def set_usercode(call: ServiceCall) -> None:
        """zwave_js.set_lock_usercode."""
        for entity_id in (
            call.data["entity_id"] if isinstance(call.data["entity_id"], list) else [call.data["entity_id"]]
        ):
            locks[entity_id].set_usercode(call.data["code_slot"], str(call.data["usercode"]))

    async def clear_usercode(call: ServiceCall) -> None:
        """zwave_js.clear_lock_usercode."""
        for entity_id in (
            call.data["entity_id"] if isinstance(call.data["entity_id"], list) else [call.data["entity_id"]]
        ):
            locks[entity_id].clear_usercode(call.data["code_slot"])

    async def get_usercode(call: ServiceCall) -> ServiceResponse:
        """zwave_js.get_lock_usercode (answers per entity, like entity actions do)."""
        entity_id = (
            call.data["entity_id"] if isinstance(call.data["entity_id"], str) else call.data["entity_id"][0]
        )
        lock = locks[entity_id]
        # With a slot: that slot; without: every slot the lock has, as zwave_js answers.
        slots = [call.data["code_slot"]] if "code_slot" in call.data else list(range(1, SLOT_COUNT + 1))
        return {
            entity_id: {
                str(slot): {"usercode": lock.slots.get(slot, ""), "in_use": slot in lock.slots}
                for slot in slots
            }
        }

    hass.services.async_register("zwave_js", "set_lock_usercode", set_usercode)
    hass.services.async_register("zwave_js", "clear_lock_usercode", clear_usercode)
    hass.services.async_register(
        "zwave_js", "get_lock_usercode", get_usercode, supports_response=SupportsResponse.ONLY
    )
    return locks


def install_zwave_lock(hass: HomeAssistant) -> FakeZWaveLock:
    """Register the stand-in with the one front-door lock most tests use."""
    return install_zwave_locks(hass, LOCK_ENTITY)[LOCK_ENTITY]
