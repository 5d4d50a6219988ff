"""Z-Wave JS: the driver's client directly where it is reachable, else Home Assistant's public actions.

Direct (FR-017): the node from the loaded, connected zwave_js config entry; User Code CC to write, clear and
read a slot straight from the lock; and, where the lock has Schedule Entry Lock CC, a year-day schedule per
user slot, so the lock itself enforces a guest's window and the code can go on early.
Fallback: `zwave_js.set_lock_usercode` / `clear_lock_usercode` / `get_lock_usercode`; no native windows.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util

from ..core.model import Interval, SlotCode
from .base import Capabilities, LockPathError

if TYPE_CHECKING:
    from zwave_js_server.model.node import Node

ZWAVE_DOMAIN = "zwave_js"
USER_CODE_CC = 0x63
SCHEDULE_ENTRY_LOCK_CC = 0x4E
ENABLED = 1  # User ID status "enabled, in use"
NODE_DEAD = 3


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


@dataclass
class ZWaveJSPath:
    """The direct path, falling back to the actions whenever the client or the node cannot be reached."""

    hass: HomeAssistant
    entity_id: str
    capabilities: Capabilities

    def __post_init__(self) -> None:
        """Keep the action path ready as the fallback."""
        self.fallback = ZWaveJSServicePath(self.hass, self.entity_id, self.capabilities)

    def _node(self) -> Node | None:
        """Return the lock's node when zwave_js is loaded and its client connected, else None."""
        entity = er.async_get(self.hass).async_get(self.entity_id)
        zwave_entry = (
            self.hass.config_entries.async_get_entry(entity.config_entry_id)
            if entity is not None and entity.config_entry_id and entity.device_id
            else None
        )
        if zwave_entry is None or zwave_entry.state is not ConfigEntryState.LOADED:
            return None
        try:
            from homeassistant.components.zwave_js.helpers import async_get_node_from_entity_id  # noqa: PLC0415 - only where zwave_js is set up

            node = async_get_node_from_entity_id(self.hass, self.entity_id)
        except ImportError, ValueError, KeyError, AttributeError:
            return None
        return node if node.client.connected else None

    async def async_start(self) -> None:
        """Declare native windows when the lock has Schedule Entry Lock CC."""
        node = self._node()
        if node is not None and SCHEDULE_ENTRY_LOCK_CC in {cc.id for cc in node.command_classes}:
            self.capabilities = replace(self.capabilities, native_windows=True)

    def stop(self) -> None:
        """Nothing to stop: zwave_js owns the connection."""

    def available(self) -> bool:
        """Return whether the node is alive (or, without the client, whether the entity is available)."""
        node = self._node()
        if node is None:
            return self.fallback.available()
        return int(node.status) != NODE_DEAD

    async def _invoke(self, node: Node, cc: int, method: str, *args: object) -> object:
        """Call a CC API method on the node and wait for the lock's answer; failures become LockPathError."""
        from zwave_js_server.const import CommandClass  # noqa: PLC0415
        from zwave_js_server.exceptions import BaseZwaveJSServerError  # noqa: PLC0415

        try:
            return await node.async_invoke_cc_api(CommandClass(cc), method, *args, wait_for_result=True)
        except BaseZwaveJSServerError as err:
            msg = f"the lock refused {method}: {type(err).__name__}"
            raise LockPathError(msg) from None

    async def async_set(self, slot: int, content: SlotCode) -> None:
        """Write a user code, and its year-day window where the lock enforces windows."""
        node = self._node()
        if node is None:
            await self.fallback.async_set(slot, content)
            return
        await self._invoke(node, USER_CODE_CC, "set", slot, ENABLED, content.code)
        if self.capabilities.native_windows and content.native_window is not None:
            await self._invoke(node, SCHEDULE_ENTRY_LOCK_CC, "setEnabled", True, slot)  # noqa: FBT003 - the CC API's
            await self._invoke(
                node,
                SCHEDULE_ENTRY_LOCK_CC,
                "setYearDaySchedule",
                {"userId": slot, "slotId": 1},
                year_day_schedule(content.native_window),
            )

    async def async_clear(self, slot: int) -> None:
        """Clear a user code (its schedules go with it on the lock)."""
        node = self._node()
        if node is None:
            await self.fallback.async_clear(slot)
            return
        await self._invoke(node, USER_CODE_CC, "clear", slot)

    async def async_read(self, slot: int) -> str | None:
        """Read a slot from the lock itself (not Home Assistant's cache)."""
        node = self._node()
        if node is None:
            return await self.fallback.async_read(slot)
        answer = await self._invoke(node, USER_CODE_CC, "get", slot)
        if not isinstance(answer, dict) or answer.get("userIdStatus") != ENABLED:
            return None
        return str(answer.get("userCode") or "") or None

    async def async_read_schedule(self, slot: int) -> dict[str, int] | None:
        """Return the slot's year-day schedule as the lock holds it (for read-back of native windows)."""
        node = self._node()
        if node is None:
            return None
        answer = await self._invoke(
            node, SCHEDULE_ENTRY_LOCK_CC, "getYearDaySchedule", {"userId": slot, "slotId": 1}
        )
        return answer if isinstance(answer, dict) else None


def year_day_schedule(window: Interval) -> dict[str, int]:
    """Return a window as Schedule Entry Lock's year-day schedule, in local time with two-digit years."""
    start, stop = dt_util.as_local(window.start), dt_util.as_local(window.end)
    return {**_fields("start", start), **_fields("stop", stop)}


def _fields(prefix: str, instant: datetime) -> dict[str, int]:
    """Return the year/month/day/hour/minute fields of one end of a schedule."""
    return {
        f"{prefix}Year": instant.year % 100,
        f"{prefix}Month": instant.month,
        f"{prefix}Day": instant.day,
        f"{prefix}Hour": instant.hour,
        f"{prefix}Minute": instant.minute,
    }
