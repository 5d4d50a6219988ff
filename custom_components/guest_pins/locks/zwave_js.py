"""Z-Wave JS through Home Assistant's public actions (the direct client comes with the write queue).

`zwave_js.set_lock_usercode` / `clear_lock_usercode` write a slot; `get_lock_usercode`, where Home Assistant
offers it, reads one back. The lock enforces no windows on this path, so guest_pins adds and removes codes on
time itself.
"""

from dataclasses import dataclass

from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError

from ..core.model import SlotCode
from .base import Capabilities, LockPathError

ZWAVE_DOMAIN = "zwave_js"


@dataclass
class ZWaveJSServicePath:
    """Writes a lock's user codes with the zwave_js actions."""

    hass: HomeAssistant
    entity_id: str
    capabilities: Capabilities

    async def async_start(self) -> None:
        """Nothing to follow: Home Assistant's zwave_js keeps the lock entity's state."""

    def stop(self) -> None:
        """Nothing to stop."""

    def available(self) -> bool:
        """Return whether the lock entity is there and not unavailable."""
        state = self.hass.states.get(self.entity_id)
        return state is not None and state.state != STATE_UNAVAILABLE

    async def _call(self, service: str, data: dict[str, object], *, response: bool = False) -> object:
        """Call a zwave_js action for this lock, turning any failure into LockPathError."""
        if not self.hass.services.has_service(ZWAVE_DOMAIN, service):
            msg = f"the Z-Wave JS action {service} is not available"
            raise LockPathError(msg)
        try:
            return await self.hass.services.async_call(
                ZWAVE_DOMAIN,
                service,
                {"entity_id": self.entity_id, **data},
                blocking=True,
                return_response=response,
            )
        except HomeAssistantError as err:
            msg = f"Z-Wave JS refused {service}: {type(err).__name__}"
            raise LockPathError(msg) from None

    async def async_set(self, slot: int, content: SlotCode) -> None:
        """Write a code to a slot."""
        await self._call("set_lock_usercode", {"code_slot": slot, "usercode": content.code})

    async def async_clear(self, slot: int) -> None:
        """Clear a slot."""
        await self._call("clear_lock_usercode", {"code_slot": slot})

    async def async_read(self, slot: int) -> str | None:
        """Read a slot back through `zwave_js.get_lock_usercode`."""
        response = await self._call("get_lock_usercode", {"code_slot": slot}, response=True)
        # Entity actions answer per entity: {entity_id: {"<slot>": {"usercode": ..., "in_use": ...}}}.
        slots = response.get(self.entity_id, {}) if isinstance(response, dict) else {}
        held = slots.get(str(slot), {}) if isinstance(slots, dict) else {}
        if not isinstance(held, dict) or not held.get("in_use") or not held.get("usercode"):
            return None
        return str(held["usercode"])
