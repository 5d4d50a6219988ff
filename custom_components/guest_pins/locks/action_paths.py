"""Paths for locks whose Home Assistant integration exposes code actions: ZHA, Matter and TTLock.

ZHA and Matter keep codes in numbered slots like guest_pins does. Their code actions are entity actions, and
guest_pins runs what they run, the lock entity's own code methods, instead of calling the actions: Home
Assistant records the data of every action call in its database, so a code passed to an action would stay
there (and in every backup). TTLock's actions belong to its integration, not to the entity, and are called
as actions (the README says so). TTLock keeps named passcodes with their own validity window, so guest_pins
names each one after its slot and lets the lock enforce the window (a native window).

Keypad use: ZHA fires a `zha_event` (`operation_event_notification`) for each lock operation, with its
source and the 1-based `code_slot`: a keypad unlock is reported with its slot. Matter's lock entity keeps
only who changed it (`changed_by` "Keypad"), not which user: a keypad unlock is reported without a slot.
TTLock reports nothing Home Assistant passes on.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from homeassistant.components.lock.const import DATA_COMPONENT as LOCK_ENTITIES, LockState
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    ServiceResponse,
    State,
    callback,
)
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import async_track_state_change_event

from ..core.model import SlotCode
from .base import Capabilities, KeypadUse, LockPathError, ReportCallback, UseCallback, ignore_use

# What an integration's bus event says about a lock operation: a keypad unlock, or None for anything else.
type UseOf = Callable[[Mapping[str, Any]], KeypadUse | None]

ZHA_EVENT = "zha_event"
# States of a lock that a keypad unlock leaves it in (Matter's unlatched lock is "open").
_UNLOCKED = frozenset({LockState.UNLOCKED, LockState.OPEN})


def slot_number(value: object) -> int | None:
    """Return the slot a lock names (a positive int; guest_pins numbers slots from 1), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def follow_device_events(
    hass: HomeAssistant, entity_id: str, event_type: str, use_of: UseOf, on_use: UseCallback
) -> CALLBACK_TYPE:
    """Pass on the keypad uses an integration's bus event reports for the lock entity's device.

    The device is looked up per event: the entity may be registered only after the path started. Only what
    `use_of` takes from the event (a slot) goes on; the event's data is never kept or logged, since some
    setups put the PIN itself in it (zwave-js's `lookupUserIdInNotificationEvents`).
    """
    registry = er.async_get(hass)

    @callback
    def ours(data: Mapping[str, Any]) -> bool:
        """Return whether the event is about the lock's own device."""
        entry = registry.async_get(entity_id)
        return entry is not None and entry.device_id is not None and data.get("device_id") == entry.device_id

    @callback
    def heard(event: Event[Mapping[str, Any]]) -> None:
        """Pass on a keypad unlock the event reports."""
        if (use := use_of(event.data)) is not None:
            on_use(use)

    return hass.bus.async_listen(event_type, heard, event_filter=ours)


async def run_entity_method(
    hass: HomeAssistant, entity_id: str, label: str, method: str, **arguments: object
) -> Any:  # noqa: ANN401 - whatever the entity's method answers
    """Run one of a lock entity's code methods (what its entity action runs), without calling the action.

    Any failure becomes LockPathError; the message names the action a host knows, never the code.
    """
    component = hass.data.get(LOCK_ENTITIES)
    entity = component.get_entity(entity_id) if component is not None else None
    action = method.removeprefix("async_")
    run = getattr(entity, method, None)
    if run is None:
        msg = f"the {label} lock {entity_id} cannot {action} (is it loaded?)"
        raise LockPathError(msg)
    try:
        return await run(**arguments)
    except HomeAssistantError as err:
        msg = f"{label} refused {action}: {type(err).__name__}"
        raise LockPathError(msg) from None


@dataclass
class ActionPath:
    """Common ground of the action paths: availability from the entity, actions with clear errors."""

    hass: HomeAssistant
    entity_id: str
    capabilities: Capabilities
    # The property's zone, in which instants are given (TTLock's windows): the same instants whatever the
    # zone, shown in the property's time in the action's recorded data.
    zone: ZoneInfo = field(default=ZoneInfo("UTC"), kw_only=True)
    transactions: int = 0
    _unsubscribe: list[CALLBACK_TYPE] = field(default_factory=list)
    domain = ""
    label = ""  # how messages name the integration, when not by its domain

    async def async_start(self, on_report: ReportCallback, on_use: UseCallback = ignore_use) -> None:
        """Nothing to follow: the integration keeps the lock entity's state (the manager follows that)."""

    def stop(self) -> None:
        """Stop following the lock (where a path follows it for keypad use)."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []

    def available(self) -> bool:
        """Return whether the lock entity is there and not unavailable."""
        state = self.hass.states.get(self.entity_id)
        return state is not None and state.state != STATE_UNAVAILABLE

    async def _call(
        self, service: str, data: dict[str, Any], *, response: bool = False, reaches_lock: bool = True
    ) -> ServiceResponse:
        """Call one of the integration's actions on this lock; any failure becomes LockPathError.

        `reaches_lock` is False for actions its integration answers from its cloud or cache (not counted).
        """
        if not self.hass.services.has_service(self.domain, service):
            msg = f"the {self.label or self.domain} action {service} is not available"
            raise LockPathError(msg)
        if reaches_lock:
            self.transactions += 1
        try:
            return await self.hass.services.async_call(
                self.domain,
                service,
                {"entity_id": self.entity_id, **data},
                blocking=True,
                return_response=response,
            )
        except HomeAssistantError as err:
            msg = f"{self.label or self.domain} refused {service}: {type(err).__name__}"
            raise LockPathError(msg) from None

    async def _run(self, method: str, *, reaches_lock: bool = True, **arguments: object) -> Any:  # noqa: ANN401
        """Run one of the lock entity's code methods (what its entity action runs), counting the exchange."""
        if reaches_lock:
            self.transactions += 1
        return await run_entity_method(
            self.hass, self.entity_id, self.label or self.domain, method, **arguments
        )

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Write a code to a slot (each integration's own action)."""
        raise NotImplementedError

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Empty a slot (each integration's own action)."""
        raise NotImplementedError

    async def async_read(self, slot: int) -> str | None:
        """Refuse: this integration does not return codes (capabilities say read_back=False)."""
        msg = f"{self.domain} cannot read codes back"
        raise LockPathError(msg)


@dataclass
class ZHAPath(ActionPath):
    """ZHA: `zha.set_lock_user_code` / `zha.clear_lock_user_code` on numbered slots."""

    domain = "zha"

    async def async_start(self, on_report: ReportCallback, on_use: UseCallback = ignore_use) -> None:
        """Follow the lock device's `zha_event`s for keypad unlocks."""
        self.stop()
        self._unsubscribe = [
            follow_device_events(self.hass, self.entity_id, ZHA_EVENT, zha_keypad_use, on_use)
        ]

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Write a user code to a slot."""
        await self._run("async_set_lock_user_code", code_slot=slot, user_code=content.code)
        return None

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Clear a slot."""
        await self._run("async_clear_lock_user_code", code_slot=slot)


@dataclass
class MatterPath(ActionPath):
    """Matter: `matter.set_lock_credential` / `matter.clear_lock_credential` with PIN credentials."""

    domain = "matter"

    async def async_start(self, on_report: ReportCallback, on_use: UseCallback = ignore_use) -> None:
        """Follow the lock entity's state for unlocks from the keypad (which user, Matter's entity drops)."""
        self.stop()

        @callback
        def changed(event: Event[EventStateChangedData]) -> None:
            """Report a keypad use when the lock turns unlocked by the keypad."""
            if matter_keypad_unlock(event.data["old_state"], event.data["new_state"]):
                on_use(KeypadUse(None))

        self._unsubscribe = [async_track_state_change_event(self.hass, [self.entity_id], changed)]

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Write a PIN credential at the slot's index."""
        await self._run(
            "async_set_lock_credential",
            credential_type="pin",
            credential_data=content.code,
            credential_index=slot,
        )
        return None

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Clear the PIN credential at the slot's index."""
        await self._run("async_clear_lock_credential", credential_type="pin", credential_index=slot)


@dataclass
class TTLockPath(ActionPath):
    """TTLock: named passcodes with a validity window the lock enforces (`create_passcode`)."""

    domain = "ttlock"

    @staticmethod
    def passcode_name(slot: int) -> str:
        """Return the name guest_pins gives the passcode that stands for a slot."""
        return f"guest_pins slot {slot}"

    async def _passcodes(self) -> list[dict[str, Any]]:
        """Return the lock's passcodes (`ttlock.list_passcodes` answers per entity)."""
        response = await self._call("list_passcodes", {}, response=True, reaches_lock=False)
        passcodes = (response or {}).get("passcodes")
        listed = passcodes.get(self.entity_id, []) if isinstance(passcodes, dict) else []
        return [code for code in listed if isinstance(code, dict)] if isinstance(listed, list) else []

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Replace the slot's passcode with the code, valid in its window (or always)."""
        await self.async_clear(slot, held)
        data: dict[str, Any] = {"passcode_name": self.passcode_name(slot), "passcode": content.code}
        if content.native_window is not None:
            # Instants: TTLock turns them into epoch milliseconds; shown in the property's time.
            data["start_time"] = content.native_window.start.astimezone(self.zone)
            data["end_time"] = content.native_window.end.astimezone(self.zone)
        await self._call("create_passcode", data)
        return None

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Delete the slot's passcode, if the lock has one."""
        for code in await self._passcodes():
            if code.get("name") == self.passcode_name(slot) and code.get("id") is not None:
                await self._call("delete_passcode", {"passcode_id": code["id"]})

    async def async_read(self, slot: int) -> str | None:
        """Return the slot's passcode as the lock lists it."""
        for code in await self._passcodes():
            if code.get("name") == self.passcode_name(slot):
                return str(code.get("passcode"))
        return None


def zha_keypad_use(data: Mapping[str, Any]) -> KeypadUse | None:
    """Return the keypad unlock a `zha_event` reports, else None (a lock, a failed code, another source).

    ZHA numbers `code_slot` from 1 (the lock's user id + 1), as its `set_lock_user_code` does.
    """
    args = data.get("args")
    if data.get("command") != "operation_event_notification" or not isinstance(args, Mapping):
        return None
    if args.get("source") != "Keypad" or args.get("operation") != "Unlock":
        return None
    return KeypadUse(slot_number(args.get("code_slot")))


def matter_keypad_unlock(old: State | None, new: State | None) -> bool:
    """Return whether a Matter lock's state change is an unlock from the keypad.

    Matter's entity writes `changed_by` when the lock's operation event comes and the state when its lock
    state attribute does, in either order: the change into "unlocked, by the keypad" is the use, once. A
    lock coming back (from unavailable) or added is no use, whatever it shows.
    """
    if old is None or new is None or old.state in (STATE_UNAVAILABLE, STATE_UNKNOWN):
        return False

    def by_keypad(state: State) -> bool:
        """Return whether the lock shows unlocked, last changed by the keypad."""
        return state.state in _UNLOCKED and state.attributes.get("changed_by") == "Keypad"

    return by_keypad(new) and not by_keypad(old)
