"""A stand-in for Home Assistant's zwave_js integration: a lock entity and the three user-code actions.

The actions behave like zwave_js's (entity targeted, code_slot, usercode; get answers per entity), and the
lock behind them refuses a code that another slot holds, as real locks do.
"""

from dataclasses import dataclass, field

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockModule, mock_integration

LOCK_ENTITY = "lock.front_door"


@dataclass
class FakeZWaveLock:
    """The user-code slots of one simulated Z-Wave lock, and every action call it received."""

    slots: dict[int, str] = field(default_factory=dict)
    calls: list[tuple[str, int, str | None]] = field(default_factory=list)
    fail: bool = False

    async def set_usercode(self, call: ServiceCall) -> None:
        """zwave_js.set_lock_usercode."""
        slot, code = call.data["code_slot"], str(call.data["usercode"])
        self.calls.append(("set", slot, code))
        if self.fail:
            raise HomeAssistantError("node did not respond")
        if any(held == code for other, held in self.slots.items() if other != slot):
            raise HomeAssistantError("duplicate code")
        self.slots[slot] = code

    async def clear_usercode(self, call: ServiceCall) -> None:
        """zwave_js.clear_lock_usercode."""
        slot = call.data["code_slot"]
        self.calls.append(("clear", slot, None))
        if self.fail:
            raise HomeAssistantError("node did not respond")
        self.slots.pop(slot, None)

    async def get_usercode(self, call: ServiceCall) -> ServiceResponse:
        """zwave_js.get_lock_usercode (answers per entity, like entity actions do)."""
        slot = call.data["code_slot"]
        code = self.slots.get(slot)
        return {LOCK_ENTITY: {str(slot): {"usercode": code or "", "in_use": code is not None}}}

    @property
    def writes(self) -> list[tuple[str, int, str | None]]:
        """Return the set and clear calls (the radio transactions that change the lock)."""
        return [call for call in self.calls if call[0] in {"set", "clear"}]


def install_zwave_lock(hass: HomeAssistant) -> FakeZWaveLock:
    """Register the zwave_js stand-in, its lock entity and its actions; return the lock."""
    lock = FakeZWaveLock()
    mock_integration(hass, MockModule("zwave_js"))
    er.async_get(hass).async_get_or_create(
        "lock", "zwave_js", "3245146787.5-98", suggested_object_id="front_door", original_name="Front door"
    )
    hass.states.async_set(LOCK_ENTITY, "locked", {"friendly_name": "Front door"})
    hass.services.async_register("zwave_js", "set_lock_usercode", lock.set_usercode)
    hass.services.async_register("zwave_js", "clear_lock_usercode", lock.clear_usercode)
    hass.services.async_register(
        "zwave_js", "get_lock_usercode", lock.get_usercode, supports_response=SupportsResponse.ONLY
    )
    return lock
