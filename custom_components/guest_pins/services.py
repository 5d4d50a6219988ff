"""Actions: everything the UI does is also reachable from automations and scripts."""

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date
from types import MappingProxyType
from typing import Any

from homeassistant.config_entries import ConfigEntryState, ConfigSubentry
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from homeassistant.helpers import config_validation as cv
from homeassistant.util import dt as dt_util
import probatio

from .const import (
    CONF_CODE,
    CONF_ENABLED,
    CONF_LOCKS,
    CONF_SCHEDULE,
    CONF_VALID_FROM,
    CONF_VALID_UNTIL,
    DOMAIN,
    SUBENTRY_STATIC_PIN,
    WEEKDAYS,
)
from .core import pins, statics
from .core.model import SlotCode
from .core.schedule_text import ScheduleTextError, parse_ranges
from .locks.base import LockPathError
from .manager import PropertyManager
from .masking import mask
from .models import GuestPinsConfigEntry

ATTR_CONFIG_ENTRY_ID = "config_entry_id"
ATTR_RESERVATION = "reservation"
ATTR_LOCK = "lock"
ATTR_SLOT = "slot"
ATTR_REVEAL = "reveal"
ATTR_NEW_NAME = "new_name"

type ActionHandler = Callable[[HomeAssistant, ServiceCall], Awaitable[ServiceResponse | None]]

_ENTRY = {probatio.Required(ATTR_CONFIG_ENTRY_ID): cv.string}
_CODE = probatio.All(cv.string, probatio.Strip)
_STATIC_FIELDS = {
    probatio.Optional(CONF_LOCKS): [cv.entity_id],
    probatio.Optional(CONF_ENABLED): cv.boolean,
    probatio.Optional(CONF_VALID_FROM): probatio.Any(None, cv.date),
    probatio.Optional(CONF_VALID_UNTIL): probatio.Any(None, cv.date),
    probatio.Optional(CONF_SCHEDULE): probatio.Any(None, {probatio.In(WEEKDAYS): cv.string}),
}


def _validation_error(key: str, **placeholders: str) -> ServiceValidationError:
    """Return a translated validation error."""
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def _manager(hass: HomeAssistant, call: ServiceCall) -> PropertyManager:
    """Return the loaded property an action names."""
    entry: GuestPinsConfigEntry | None = hass.config_entries.async_get_entry(call.data[ATTR_CONFIG_ENTRY_ID])
    if entry is None or entry.domain != DOMAIN:
        raise _validation_error("unknown_property", property=call.data[ATTR_CONFIG_ENTRY_ID])
    if entry.state is not ConfigEntryState.LOADED:
        raise _validation_error("property_not_loaded", property=entry.title)
    return entry.runtime_data.manager


def _lock_id(manager: PropertyManager, entity_id: str) -> str:
    """Return the managed lock (subentry id) of a lock entity."""
    for lock_id, lock in manager.locks.items():
        if lock.entity_id == entity_id:
            return lock_id
    raise _validation_error("unknown_lock", lock=entity_id)


def _stay_id(manager: PropertyManager, reference: str) -> str:
    """Return a planned stay by its id, a source event id or its reservation code."""
    if manager.plan is not None:
        for stay in manager.plan.stay_plan.stays:
            if reference == stay.stay_id or any(
                reference in (source, source.split("/", 1)[-1]) for source in stay.sources
            ):
                return stay.stay_id
        for coordinator in manager.coordinators.values():
            for event in coordinator.data.events if coordinator.data else ():
                if reference == event.reservation_code:
                    return _stay_id(manager, f"{event.calendar_id}/{event.event_id}")
    raise _validation_error("unknown_reservation", reservation=reference)


def _check_code(code: str) -> str:
    """Return a valid code or raise a translated error."""
    try:
        return statics.check_code(code)
    except statics.InvalidCodeError:
        raise _validation_error("invalid_code") from None


async def _async_sync(hass: HomeAssistant, call: ServiceCall) -> None:
    """Fetch every calendar of the property now and replan."""
    await _manager(hass, call).async_sync()


async def _async_set_reservation_pin(hass: HomeAssistant, call: ServiceCall) -> None:
    """Give a reservation the host's own code (FR-005: it beats every generated one)."""
    manager = _manager(hass, call)
    stay_id = _stay_id(manager, call.data[ATTR_RESERVATION])
    code = _check_code(call.data[CONF_CODE])
    memory = manager.state.memory.get(stay_id, pins.CodeMemory())
    manager.state.memory[stay_id] = replace(memory, custom=code)
    await manager.async_replan()


async def _async_regenerate_pin(hass: HomeAssistant, call: ServiceCall) -> None:
    """Give a future reservation a new code (FR-007: start and end at least a day ahead)."""
    manager = _manager(hass, call)
    stay_id = _stay_id(manager, call.data[ATTR_RESERVATION])
    stay = manager.stay(stay_id)
    assert stay is not None  # noqa: S101 - _stay_id found it in the plan
    if not pins.can_regenerate(stay.checkin, stay.checkout, dt_util.utcnow()):
        raise _validation_error("regeneration_not_allowed", reservation=call.data[ATTR_RESERVATION])
    event = next(
        event
        for coordinator in manager.coordinators.values()
        for event in (coordinator.data.events if coordinator.data else ())
        if f"{event.calendar_id}/{event.event_id}" == stay_id
    )
    memory = manager.state.memory.get(stay_id, pins.CodeMemory())
    manager.state.memory[stay_id] = pins.regenerate(memory, event, manager.pin_settings, manager.state.secret)
    await manager.async_replan()


def _static_data(manager: PropertyManager, data: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """Return static PIN subentry data from an action's fields, validated like the form."""
    result = dict(base)
    if CONF_CODE in data:
        result[CONF_CODE] = _check_code(data[CONF_CODE])
    if CONF_LOCKS in data:
        result[CONF_LOCKS] = [_lock_id(manager, entity_id) for entity_id in data[CONF_LOCKS]]
    if CONF_ENABLED in data:
        result[CONF_ENABLED] = data[CONF_ENABLED]
    for key in (CONF_VALID_FROM, CONF_VALID_UNTIL):
        if key in data:
            value: date | None = data[key]
            result[key] = value.isoformat() if value else None
    if CONF_SCHEDULE in data:
        for day, text in (data[CONF_SCHEDULE] or {}).items():
            try:
                parse_ranges(text)
            except ScheduleTextError:
                raise _validation_error("invalid_ranges", day=day) from None
        result[CONF_SCHEDULE] = dict(data[CONF_SCHEDULE]) if data[CONF_SCHEDULE] else None
    if (
        result.get(CONF_VALID_FROM)
        and result.get(CONF_VALID_UNTIL)
        and result[CONF_VALID_UNTIL] < result[CONF_VALID_FROM]
    ):
        raise _validation_error("until_before_from")
    return result


def _static_subentry(manager: PropertyManager, name: str) -> ConfigSubentry:
    """Return the static PIN subentry with a name (in any letter case)."""
    for subentry in manager.entry.get_subentries_of_type(SUBENTRY_STATIC_PIN):
        if subentry.data[CONF_NAME].casefold() == name.strip().casefold():
            return subentry
    raise _validation_error("unknown_static_pin", name=name)


def _refuse_taken_name(manager: PropertyManager, name: str, own: ConfigSubentry | None = None) -> None:
    """Refuse a name another static PIN has (FR-013a; the same code is fine)."""
    for subentry in manager.entry.get_subentries_of_type(SUBENTRY_STATIC_PIN):
        if subentry is not own and subentry.data[CONF_NAME].casefold() == name.casefold():
            raise _validation_error("static_pin_name_taken", name=name)


async def _async_add_static_pin(hass: HomeAssistant, call: ServiceCall) -> None:
    """Add a static PIN (the property reloads with it)."""
    manager = _manager(hass, call)
    name = call.data[CONF_NAME].strip()
    if not name:
        raise _validation_error("static_pin_name_empty")
    _refuse_taken_name(manager, name)
    base = {
        CONF_NAME: name,
        CONF_LOCKS: [],
        CONF_ENABLED: True,
        CONF_VALID_FROM: None,
        CONF_VALID_UNTIL: None,
        CONF_SCHEDULE: None,
    }
    data = _static_data(manager, dict(call.data), base)
    hass.config_entries.async_add_subentry(
        manager.entry,
        ConfigSubentry(
            data=MappingProxyType(data), subentry_type=SUBENTRY_STATIC_PIN, title=name, unique_id=None
        ),
    )


async def _async_update_static_pin(hass: HomeAssistant, call: ServiceCall) -> None:
    """Change a static PIN by name; it may get a new name no other PIN has."""
    manager = _manager(hass, call)
    subentry = _static_subentry(manager, call.data[CONF_NAME])
    data = _static_data(manager, dict(call.data), dict(subentry.data))
    if new_name := (call.data.get(ATTR_NEW_NAME) or "").strip():
        _refuse_taken_name(manager, new_name, own=subentry)
        data[CONF_NAME] = new_name
    hass.config_entries.async_update_subentry(manager.entry, subentry, data=data, title=data[CONF_NAME])


async def _async_remove_static_pin(hass: HomeAssistant, call: ServiceCall) -> None:
    """Remove a static PIN by name; its code leaves the locks on the next plan."""
    manager = _manager(hass, call)
    subentry = _static_subentry(manager, call.data[CONF_NAME])
    hass.config_entries.async_remove_subentry(manager.entry, subentry.subentry_id)


async def _async_set_manual_pin(hass: HomeAssistant, call: ServiceCall) -> None:
    """Put the host's own code in a slot, outside planning, until clear_slot (FR-025)."""
    manager = _manager(hass, call)
    lock_id = _lock_id(manager, call.data[ATTR_LOCK])
    slot, code = call.data[ATTR_SLOT], _check_code(call.data[CONF_CODE])
    count = manager.locks[lock_id].subentry.data["slot_count"]
    if not 1 <= slot <= count:
        raise _validation_error("slot_outside_lock", slot=str(slot), count=str(count))
    others = {other: content.code for other, content in manager.desired(lock_id).items() if other != slot}
    if code in others.values():
        raise _validation_error("code_on_lock_already", lock=call.data[ATTR_LOCK])
    manager.state.manual.setdefault(lock_id, {})[slot] = code
    await manager.async_replan()


async def _async_clear_slot(hass: HomeAssistant, call: ServiceCall) -> None:
    """Clear a slot: a manual code goes and the slot returns to planning; a planned slot cannot be cleared."""
    manager = _manager(hass, call)
    lock_id = _lock_id(manager, call.data[ATTR_LOCK])
    slot = call.data[ATTR_SLOT]
    manual = manager.state.manual.get(lock_id, {})
    if slot in manual:
        del manual[slot]
    elif manager.plan is not None and slot in manager.plan.locks[lock_id].slots:
        raise _validation_error("slot_managed", slot=str(slot))
    else:
        # Nothing planned there: clear whatever the lock may hold (a code set outside guest_pins).
        manager.state.lock_contents.setdefault(lock_id, {})[slot] = SlotCode("unknown", "")
    await manager.async_replan()


async def _async_open_door(hass: HomeAssistant, call: ServiceCall) -> None:
    """Open a lock remotely for the guest staying now (a Ring Intercom); never outside a stay."""
    manager = _manager(hass, call)
    lock_id = _lock_id(manager, call.data[ATTR_LOCK])
    lock = manager.locks[lock_id]
    opener = getattr(lock.path, "async_open_door", None)
    if not lock.path.capabilities.remote_open or opener is None:
        raise _validation_error("cannot_open_remotely", lock=call.data[ATTR_LOCK])
    now = dt_util.utcnow()
    stays = manager.plan.stays_on(lock_id) if manager.plan else ()
    stay = next((stay for stay in stays if stay.window.covers(now)), None)
    if stay is None:
        raise _validation_error("no_guest_now", lock=call.data[ATTR_LOCK])
    try:
        await opener()
    except LockPathError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="door_not_opened",
            translation_placeholders={"lock": call.data[ATTR_LOCK], "reason": str(err)},
        ) from err
    manager.fire_door_opened(lock, stay)


async def _async_get_codes(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Return what each lock holds, per slot: owner, window, state; codes only for admins who ask."""
    manager = _manager(hass, call)
    reveal = bool(call.data.get(ATTR_REVEAL))
    if reveal:
        user = await hass.auth.async_get_user(call.context.user_id) if call.context.user_id else None
        if user is None or not user.is_admin:
            raise Unauthorized(context=call.context, permission="admin")
    locks: dict[str, Any] = {}
    for lock_id, lock in manager.locks.items():
        held = manager.state.lock_contents.get(lock_id, {})
        wanted = manager.plan.locks[lock_id].slots if manager.plan else {}
        slots = {}
        for slot in sorted(held.keys() | wanted.keys()):
            content = held.get(slot) or wanted[slot]
            window = content.native_window
            # A code the lock issued itself (offline) is the one that opens the door.
            issued = manager.state.issued.get(lock_id, {}).get(slot) if slot in held else None
            code = issued or content.code
            slots[str(slot)] = {
                "owner": content.owner,
                "code": code if reveal else mask(code),
                "issued_by_lock": issued is not None,
                "window": [window.start.isoformat(), window.end.isoformat()] if window else None,
                "state": "programmed"
                if held.get(slot) == wanted.get(slot)
                else ("pending" if slot in wanted else "removing"),
            }
        locks[lock.entity_id] = {"name": lock.subentry.title, "slots": slots}
    return {"locks": locks}


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the actions (once, in async_setup)."""
    reservation = {**_ENTRY, probatio.Required(ATTR_RESERVATION): cv.string}
    registrations: list[tuple[str, Any, dict[Any, Any], SupportsResponse]] = [
        ("sync", _async_sync, _ENTRY, SupportsResponse.NONE),
        (
            "set_reservation_pin",
            _async_set_reservation_pin,
            {**reservation, probatio.Required(CONF_CODE): _CODE},
            SupportsResponse.NONE,
        ),
        ("regenerate_pin", _async_regenerate_pin, reservation, SupportsResponse.NONE),
        (
            "add_static_pin",
            _async_add_static_pin,
            {
                **_ENTRY,
                probatio.Required(CONF_NAME): cv.string,
                probatio.Required(CONF_CODE): _CODE,
                **_STATIC_FIELDS,
            },
            SupportsResponse.NONE,
        ),
        (
            "update_static_pin",
            _async_update_static_pin,
            {
                **_ENTRY,
                probatio.Required(CONF_NAME): cv.string,
                probatio.Optional(ATTR_NEW_NAME): cv.string,
                probatio.Optional(CONF_CODE): _CODE,
                **_STATIC_FIELDS,
            },
            SupportsResponse.NONE,
        ),
        (
            "set_manual_pin",
            _async_set_manual_pin,
            {
                **_ENTRY,
                probatio.Required(ATTR_LOCK): cv.entity_id,
                probatio.Required(ATTR_SLOT): cv.positive_int,
                probatio.Required(CONF_CODE): _CODE,
            },
            SupportsResponse.NONE,
        ),
        (
            "clear_slot",
            _async_clear_slot,
            {
                **_ENTRY,
                probatio.Required(ATTR_LOCK): cv.entity_id,
                probatio.Required(ATTR_SLOT): cv.positive_int,
            },
            SupportsResponse.NONE,
        ),
        (
            "open_door",
            _async_open_door,
            {**_ENTRY, probatio.Required(ATTR_LOCK): cv.entity_id},
            SupportsResponse.NONE,
        ),
        (
            "remove_static_pin",
            _async_remove_static_pin,
            {**_ENTRY, probatio.Required(CONF_NAME): cv.string},
            SupportsResponse.NONE,
        ),
        (
            "get_codes",
            _async_get_codes,
            {**_ENTRY, probatio.Optional(ATTR_REVEAL, default=False): cv.boolean},
            SupportsResponse.ONLY,
        ),
    ]
    for name, handler, fields, supports in registrations:

        async def _handle(call: ServiceCall, handler: ActionHandler = handler) -> ServiceResponse:
            """Run the action's handler with Home Assistant."""
            response: ServiceResponse = await handler(hass, call)
            return response

        hass.services.async_register(
            DOMAIN, name, _handle, schema=probatio.Schema(fields), supports_response=supports
        )
