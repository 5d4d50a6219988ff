"""Z-Wave JS: the driver's client directly where it is reachable, else Home Assistant's public actions.

Direct (FR-017): the node from the loaded, connected zwave_js config entry. Codes go through User Code CC,
or, on locks with User Credential CC, through the access-control API (one user per slot, holding one PIN
credential). Read-back asks the lock itself (a User Code Get, or the credential). Where the lock has
Schedule Entry Lock CC, a guest's window is a year-day schedule and a static PIN's week a set of week-day
schedules, so the lock enforces them and a code can go on early; a code without either has its schedules
switched off, so a window left from an earlier code never limits it. A sleeping lock takes commands only
while awake: it counts as unavailable while asleep, and its wake-up notification starts the flush.
Fallback: what `zwave_js.set_lock_usercode` / `clear_lock_usercode` / `get_lock_usercode` run, the lock
entity's user-code methods, called directly so no code lands in the recorder's action log; no native windows.
Keypad use, on either: Home Assistant's zwave_js fires `zwave_js_notification` for the lock's Access Control
notifications; a keypad unlock (event 6) or an unlock with a user code (34) is reported with its user id,
which is the slot. A credential unlock (36) carries Credential Usage Data zwave-js does not decode: it is
reported as the keypad, without a slot. Nothing else of the event is kept (it may hold the PIN).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import CALLBACK_TYPE, HomeAssistant
from homeassistant.helpers import entity_registry as er

from ..core.model import Interval, SlotCode, WeeklySchedule
from .action_paths import ActionPath, follow_device_events, run_entity_method, slot_number
from .base import Capabilities, KeypadUse, LockPathError, ReportCallback, UseCallback, ignore_use

if TYPE_CHECKING:
    from zwave_js_server.model.node import Node

ZWAVE_DOMAIN = "zwave_js"
USER_CODE_CC = 0x63
USER_CREDENTIAL_CC = 0x83
SCHEDULE_ENTRY_LOCK_CC = 0x4E
WAKE_UP_CC = 0x84
ENABLED = 1  # User ID status "enabled, in use"
ASLEEP, DEAD = 1, 3  # NodeStatus
# Node events that mean the lock just talked to the controller.
REPORT_EVENTS = ("wake up", "alive", "notification", "value notification")
# A sleeping lock whose Wake Up interval is unknown: Z-Wave's usual default.
DEFAULT_WAKE_INTERVAL = timedelta(hours=1)
_LAST_MINUTE = time(23, 59)
# zwave_js's bus event for Notification CC reports, and the Access Control events that are a code's use,
# each with the parameter that names the user (36's, where a later zwave-js decodes it, assumed the same).
NOTIFICATION_EVENT = "zwave_js_notification"
NOTIFICATION_CC, ACCESS_CONTROL = 0x71, 6
USE_EVENTS = {6: "userId", 34: "user ID", 36: "userId"}


async def async_slot_count(hass: HomeAssistant, entity_id: str) -> int | None:
    """Return how many user-code slots a Z-Wave lock reports (None: it cannot say; the host is asked)."""
    try:
        # Without a slot, the lock entity lists every user-code slot it has (from zwave_js's values).
        slots = await run_entity_method(hass, entity_id, "Z-Wave JS", "async_get_lock_usercode")
    except LockPathError:
        return None
    return len(slots) if isinstance(slots, dict) and slots else None


@dataclass
class ZWaveJSServicePath(ActionPath):
    """Writes a lock's user codes through the zwave_js lock entity's own methods (what its actions run)."""

    domain = ZWAVE_DOMAIN
    label = "Z-Wave JS"

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Write a code to a slot."""
        await self._run("async_set_lock_usercode", code_slot=slot, usercode=content.code)
        return None

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Clear a slot."""
        await self._run("async_clear_lock_usercode", code_slot=slot)

    async def async_read(self, slot: int) -> str | None:
        """Read a slot back, as `zwave_js.get_lock_usercode` does: {"<slot>": {"usercode", "in_use"}}."""
        slots = await self._run("async_get_lock_usercode", code_slot=slot)
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
    # The property's zone: the lock's clock keeps the property's local time.
    zone: ZoneInfo = field(kw_only=True)
    _direct_transactions: int = 0
    _on_report: ReportCallback | None = None
    _followed: Node | None = None
    _unsubscribe: list[Callable[[], None]] = field(default_factory=list)
    _unfollow_use: CALLBACK_TYPE | None = None
    # Schedule Entry Lock slots per kind, asked from the lock once (zwave-js does not expose them as values).
    _schedule_slots: dict[str, int] | None = None

    def __post_init__(self) -> None:
        """Keep the action path ready as the fallback."""
        self.fallback = ZWaveJSServicePath(self.hass, self.entity_id, self.capabilities, zone=self.zone)

    @property
    def transactions(self) -> int:
        """Return the lock transactions so far, direct and through the fallback."""
        return self._direct_transactions + self.fallback.transactions

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
        if not node.client.connected:
            return None
        if node is not self._followed:
            self._follow(node)
        return node

    def _follow(self, node: Node) -> None:
        """Read what the node can do and listen for its reports (again after zwave_js reconnected)."""
        self._unfollow_node()
        self._followed = node
        self._update_capabilities(node)
        if self._on_report is not None:
            on_report = self._on_report
            self._unsubscribe = [
                node.on(event, lambda _event, report=on_report: report()) for event in REPORT_EVENTS
            ]

    def _update_capabilities(self, node: Node) -> None:
        """Declare native windows and weeks where the lock has the schedule slots for them.

        Until the lock was asked for its slot counts, having Schedule Entry Lock CC is taken to mean both.
        """
        schedules = _has_cc(node, SCHEDULE_ENTRY_LOCK_CC)
        slots = self._schedule_slots
        sleeps = node.is_listening is False and not node.is_frequent_listening
        self.capabilities = replace(
            self.capabilities,
            native_windows=schedules and (slots is None or slots.get("numYearDaySlots", 0) > 0),
            native_weekly=schedules and (slots is None or slots.get("numWeekDaySlots", 0) > 0),
            wake_interval=_wake_interval(node) if sleeps else None,
        )

    async def _async_learn(self, node: Node) -> None:
        """Ask the lock once how many schedule slots it has (costs one transaction, while it is awake)."""
        if self._schedule_slots is not None or not _has_cc(node, SCHEDULE_ENTRY_LOCK_CC):
            return
        answer = await self._invoke(node, SCHEDULE_ENTRY_LOCK_CC, "getNumSlots")
        self._schedule_slots = (
            {key: int(value) for key, value in answer.items()} if isinstance(answer, dict) else {}
        )
        self._update_capabilities(node)

    async def async_start(self, on_report: ReportCallback, on_use: UseCallback = ignore_use) -> None:
        """Follow the node (its capabilities, wake-ups and reports) where the client is reachable.

        Keypad use is followed on the bus, so it is heard on the direct path and the fallback alike.
        """
        self.stop()
        self._on_report = on_report
        self._unfollow_use = follow_device_events(
            self.hass, self.entity_id, NOTIFICATION_EVENT, zwave_keypad_use, on_use
        )
        self._followed = None  # followed again, now with someone to report to
        node = self._node()
        if node is not None and self.available():
            await self._async_learn(node)

    def stop(self) -> None:
        """Stop listening to the node and to its keypad."""
        self._unfollow_node()
        if self._unfollow_use is not None:
            self._unfollow_use()
            self._unfollow_use = None

    def _unfollow_node(self) -> None:
        """Stop listening to the node (it is followed again once reachable)."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self._followed = None

    def available(self) -> bool:
        """Return whether the node takes commands now (not dead, not asleep); else the entity's state."""
        node = self._node()
        if node is None:
            return self.fallback.available()
        return int(node.status) not in (ASLEEP, DEAD)

    async def _invoke(self, node: Node, cc: int, method: str, *args: object) -> object:
        """Call a CC API method on the node and wait for the lock's answer; failures become LockPathError."""
        from zwave_js_server.const import CommandClass  # noqa: PLC0415
        from zwave_js_server.exceptions import BaseZwaveJSServerError  # noqa: PLC0415

        self._direct_transactions += 1
        try:
            return await node.async_invoke_cc_api(CommandClass(cc), method, *args, wait_for_result=True)
        except BaseZwaveJSServerError as err:
            msg = f"the lock refused {method}: {type(err).__name__}"
            raise LockPathError(msg) from None

    async def _access(self, method: Callable[..., Any], *args: object) -> object:
        """Call an access-control method (User Credential CC) and check its result code."""
        from zwave_js_server.exceptions import BaseZwaveJSServerError  # noqa: PLC0415

        self._direct_transactions += 1
        try:
            result = await method(*args)
        except BaseZwaveJSServerError as err:
            msg = f"the lock refused {method.__name__}: {type(err).__name__}"
            raise LockPathError(msg) from None
        answer = getattr(result, "user", result)  # add_user answers for the user and the credential
        if isinstance(answer, int) and answer != 0:
            msg = f"the lock refused {method.__name__}: {getattr(answer, 'name', answer)}"
            raise LockPathError(msg)
        credential = getattr(result, "credential", None)
        if credential is not None and credential != 0:
            msg = f"the lock refused the PIN: {getattr(credential, 'name', credential)}"
            raise LockPathError(msg)
        return result

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Write a code, then the schedules that limit it (or switch them off where the lock has them)."""
        node = self._node()
        if node is None:
            return await self.fallback.async_set(slot, content, held)
        await self._async_learn(node)
        if _has_cc(node, USER_CREDENTIAL_CC):
            await self._set_credential(node, slot, content.code)
        else:
            await self._invoke(node, USER_CODE_CC, "set", slot, ENABLED, content.code)
        await self._set_schedules(node, slot, content, held)
        return None

    async def _set_credential(self, node: Node, slot: int, code: str) -> None:
        """Give user `slot` the PIN credential `slot` (creating the user where the slot is empty)."""
        from zwave_js_server.const.command_class.access_control import (  # noqa: PLC0415
            UserCredentialType,
            UserCredentialUserType,
        )
        from zwave_js_server.model.access_control import AddUserCredential, SetUserOptions  # noqa: PLC0415

        access = node.access_control
        user = await self._access(access.get_user, slot)
        # An unused user id reads back as an inactive user without a name.
        if user is None or not (getattr(user, "active", False) or getattr(user, "user_name", None)):
            options = SetUserOptions(active=True, user_type=UserCredentialUserType.GENERAL)
            credential = AddUserCredential(UserCredentialType.PIN_CODE, slot, code)
            await self._access(access.add_user, slot, options, credential)
        else:
            await self._access(access.set_credential, slot, UserCredentialType.PIN_CODE, slot, code)

    async def _set_schedules(self, node: Node, slot: int, content: SlotCode, held: SlotCode | None) -> None:
        """Write the code's year-day window or week-day ranges; switch off the schedules of the code before.

        Clears switch a slot's schedules off too, so a slot guest_pins emptied never holds any.
        """
        if not _scheduled(content):
            if _scheduled(held):
                await self._invoke(node, SCHEDULE_ENTRY_LOCK_CC, "setEnabled", False, slot)  # noqa: FBT003 - the CC API's
            return
        await self._invoke(node, SCHEDULE_ENTRY_LOCK_CC, "setEnabled", True, slot)  # noqa: FBT003 - the CC API's
        if content.native_window is not None:
            await self._invoke(
                node,
                SCHEDULE_ENTRY_LOCK_CC,
                "setYearDaySchedule",
                {"userId": slot, "slotId": 1},
                year_day_schedule(content.native_window, self.zone),
            )
        if content.native_schedule is not None:
            entries = week_day_schedules(content.native_schedule)
            capacity = (self._schedule_slots or {}).get("numWeekDaySlots", 0)
            if len(entries) > capacity:
                msg = f"the lock keeps {capacity} weekly ranges per code; this PIN needs {len(entries)}"
                raise LockPathError(msg, permanent=True)
            previous = len(week_day_schedules(held.native_schedule)) if held and held.native_schedule else 0
            for index in range(max(len(entries), previous)):
                # Entries beyond the new schedule's are erased (an empty schedule), so none lingers.
                entry = entries[index] if index < len(entries) else None
                await self._invoke(
                    node,
                    SCHEDULE_ENTRY_LOCK_CC,
                    "setWeekDaySchedule",
                    {"userId": slot, "slotId": index + 1},
                    *([entry] if entry else []),
                )

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Clear a user code, and switch its schedules off (a later code there may have none)."""
        node = self._node()
        if node is None:
            await self.fallback.async_clear(slot, held)
            return
        if _has_cc(node, USER_CREDENTIAL_CC):
            await self._access(node.access_control.delete_user, slot)
        else:
            await self._invoke(node, USER_CODE_CC, "clear", slot)
        if _scheduled(held):
            await self._invoke(node, SCHEDULE_ENTRY_LOCK_CC, "setEnabled", False, slot)  # noqa: FBT003 - the CC API's

    async def async_read(self, slot: int) -> str | None:
        """Read a slot from the lock itself (not Home Assistant's cache)."""
        node = self._node()
        if node is None:
            return await self.fallback.async_read(slot)
        if _has_cc(node, USER_CREDENTIAL_CC):
            from zwave_js_server.const.command_class.access_control import UserCredentialType  # noqa: PLC0415

            credential = await self._access(
                node.access_control.get_credential, UserCredentialType.PIN_CODE, slot
            )
            data = getattr(credential, "data", None)
            return data if isinstance(data, str) and data else None
        # The lock's own User Code Report, as `get_usercode_from_node` asks for it; read from the answer,
        # because the value cache that helper then reads may trail the answer by a moment.
        answer = await self._invoke(node, USER_CODE_CC, "get", slot)
        if not isinstance(answer, dict) or answer.get("userIdStatus") != ENABLED:
            return None
        return str(answer.get("userCode") or "") or None


def zwave_keypad_use(data: Mapping[str, Any]) -> KeypadUse | None:
    """Return the code's use a `zwave_js_notification` reports, else None (a lock, a failure, another CC).

    Undecoded parameters (36's Credential Usage Data, a Buffer) or none name no user: the keypad, no slot.
    """
    if data.get("command_class") != NOTIFICATION_CC or data.get("type") != ACCESS_CONTROL:
        return None
    event = data.get("event")
    key = USE_EVENTS.get(event) if isinstance(event, int) else None
    if key is None:
        return None
    parameters = data.get("parameters")
    return KeypadUse(slot_number(parameters.get(key) if isinstance(parameters, Mapping) else None))


def _has_cc(node: Node, command_class: int) -> bool:
    """Return whether the node has a command class (User Credential: codes are credentials)."""
    return command_class in {cc.id for cc in node.command_classes}


def _scheduled(content: SlotCode | None) -> bool:
    """Return whether a slot's content carries schedules the lock enforces."""
    return content is not None and (content.native_window is not None or content.native_schedule is not None)


def _wake_interval(node: Node) -> timedelta:
    """Return how often a sleeping node wakes (its Wake Up CC interval, else Z-Wave's usual hour)."""
    for value in node.values.values():
        if value.command_class == WAKE_UP_CC and value.property_ == "wakeUpInterval" and value.value:
            return timedelta(seconds=int(value.value))
    return DEFAULT_WAKE_INTERVAL


def year_day_schedule(window: Interval, zone: ZoneInfo) -> dict[str, int]:
    """Return a window as Schedule Entry Lock's year-day schedule, in the property's local time.

    The lock compares it with its own clock, which keeps the property's time (Home Assistant's zone may be
    another); years have two digits.
    """
    start, stop = window.start.astimezone(zone), window.end.astimezone(zone)
    return {**_fields("start", start), **_fields("stop", stop)}


def week_day_schedules(schedule: WeeklySchedule) -> list[dict[str, int]]:
    """Return a weekly schedule as week-day schedules (weekday 0 = Sunday, as Z-Wave counts).

    A range past midnight becomes two entries, the first ending at 23:59 (a schedule cannot end at 24:00).
    """
    return [
        _week_entry(day, start, end if end is not None else _LAST_MINUTE)
        for day, start, end in schedule.day_pieces()
    ]


def _week_entry(day: int, start: time, end: time) -> dict[str, int]:
    """Return one week-day entry; `day` counts from Monday = 0 like Python, Z-Wave from Sunday = 0."""
    return {
        "weekday": (day + 1) % 7,
        "startHour": start.hour,
        "startMinute": start.minute,
        "stopHour": end.hour,
        "stopMinute": end.minute,
    }


def _fields(prefix: str, instant: datetime) -> dict[str, int]:
    """Return the year/month/day/hour/minute fields of one end of a schedule."""
    return {
        f"{prefix}Year": instant.year % 100,
        f"{prefix}Month": instant.month,
        f"{prefix}Day": instant.day,
        f"{prefix}Hour": instant.hour,
        f"{prefix}Minute": instant.minute,
    }
