"""Actions: the host's commands for automations and scripts (and the UI's action editor).

Each action finds its property with Home Assistant's `service.async_get_config_entry`, runs one command, and
passes its errors through `translate_errors`. Actions that change a code, a slot, a schedule or open a door,
and those that answer with codes, are for administrators: a call without a user (an automation, a script)
is allowed, a user who is not an administrator is told no, in their language.
Home Assistant records the data of every action call in its database: a code given to `set_reservation_pin`
or `set_manual_pin` lands there; the panel and the flows set codes without leaving them in the recorder.
"""

from collections.abc import Awaitable, Callable, Coroutine
from datetime import date
from functools import wraps
from typing import Any

from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.helpers import config_validation as cv, service
import probatio

from .commands import PropertyCommands
from .const import (
    CONF_CODE,
    CONF_ENABLED,
    CONF_LOCKS,
    CONF_SCHEDULE,
    CONF_VALID_FROM,
    CONF_VALID_UNTIL,
    DOMAIN,
)
from .core.validation import WEEKDAYS
from .errors import NotAllowedError, translate_errors
from .models import GuestPinsConfigEntry

ATTR_CONFIG_ENTRY_ID = "config_entry_id"
ATTR_RESERVATION = "reservation"
ATTR_LOCK = "lock"
ATTR_SLOT = "slot"
ATTR_REVEAL = "reveal"
ATTR_NEW_NAME = "new_name"

type Handler = Callable[[PropertyCommands, ServiceCall], Awaitable[ServiceResponse]]
type Action = Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]

_ENTRY = {probatio.Required(ATTR_CONFIG_ENTRY_ID): cv.string}
_RESERVATION = {**_ENTRY, probatio.Required(ATTR_RESERVATION): cv.string}
_SLOT = {**_ENTRY, probatio.Required(ATTR_LOCK): cv.entity_id, probatio.Required(ATTR_SLOT): cv.positive_int}
# Codes are plain strings checked by the command (a schema error would echo the value into the log).
_CODE = probatio.All(cv.string, probatio.Strip)
_STATIC_FIELDS = {
    probatio.Optional(CONF_LOCKS): [cv.entity_id],
    probatio.Optional(CONF_ENABLED): cv.boolean,
    probatio.Optional(CONF_VALID_FROM): probatio.Any(None, cv.date),
    probatio.Optional(CONF_VALID_UNTIL): probatio.Any(None, cv.date),
    probatio.Optional(CONF_SCHEDULE): probatio.Any(None, {probatio.In(WEEKDAYS): cv.string}),
}


def _commands(call: ServiceCall) -> PropertyCommands:
    """Return the commands of the loaded property the call names."""
    entry: GuestPinsConfigEntry = service.async_get_config_entry(
        call.hass, DOMAIN, call.data[ATTR_CONFIG_ENTRY_ID]
    )
    return entry.runtime_data.commands


async def _async_require_admin(call: ServiceCall) -> None:
    """Refuse a user who is not an administrator; calls without a user (automations, scripts) pass."""
    if call.context.user_id is None:
        return
    user = await call.hass.auth.async_get_user(call.context.user_id)
    if user is None or not user.is_admin:
        raise NotAllowedError(call.context)


def action(*, admin: bool) -> Callable[[Handler], Action]:
    """Make a command handler an action: admin check, the property's commands, translated errors."""

    def decorate(handler: Handler) -> Action:
        """Wrap one handler."""

        @wraps(handler)
        @translate_errors
        async def run(call: ServiceCall) -> ServiceResponse:
            """Check who calls, then run the command."""
            if admin:
                await _async_require_admin(call)
            return await handler(_commands(call), call)

        return run

    return decorate


@action(admin=False)
async def _async_sync(commands: PropertyCommands, call: ServiceCall) -> None:
    """Fetch every calendar of the property now and replan."""
    await commands.async_sync()


@action(admin=True)
async def _async_set_reservation_pin(commands: PropertyCommands, call: ServiceCall) -> None:
    """Give a reservation the host's own code."""
    await commands.async_set_stay_code(call.data[ATTR_RESERVATION], call.data[CONF_CODE])


@action(admin=True)
async def _async_regenerate_pin(commands: PropertyCommands, call: ServiceCall) -> None:
    """Give a future reservation a new code."""
    await commands.async_regenerate_stay_code(call.data[ATTR_RESERVATION])


@action(admin=True)
async def _async_get_stay_code(commands: PropertyCommands, call: ServiceCall) -> ServiceResponse:
    """Answer with a stay's code (to send it to the guest); the answer is not recorded."""
    return commands.stay_code(call.data[ATTR_RESERVATION])


def _static_changes(data: dict[str, Any]) -> dict[str, Any]:
    """Return a static PIN's fields from an action's data, dates as ISO text like the form stores them."""
    fields: tuple[str, ...] = (CONF_NAME, CONF_CODE, CONF_LOCKS, CONF_ENABLED, CONF_SCHEDULE)
    changes: dict[str, Any] = {key: data[key] for key in fields if key in data}
    for key in (CONF_VALID_FROM, CONF_VALID_UNTIL):
        if key in data:
            value: date | None = data[key]
            changes[key] = value.isoformat() if value else None
    return changes


@action(admin=True)
async def _async_add_static_pin(commands: PropertyCommands, call: ServiceCall) -> None:
    """Add a static PIN (the property reloads with it)."""
    commands.add_static_pin(_static_changes(dict(call.data)))


@action(admin=True)
async def _async_update_static_pin(commands: PropertyCommands, call: ServiceCall) -> None:
    """Change a static PIN by name."""
    changes = _static_changes(dict(call.data))
    changes.pop(CONF_NAME)
    commands.update_static_pin(call.data[CONF_NAME], changes, call.data.get(ATTR_NEW_NAME))


@action(admin=True)
async def _async_remove_static_pin(commands: PropertyCommands, call: ServiceCall) -> None:
    """Remove a static PIN by name."""
    commands.remove_static_pin(call.data[CONF_NAME])


@action(admin=True)
async def _async_set_manual_pin(commands: PropertyCommands, call: ServiceCall) -> None:
    """Put the host's own code in a slot, outside planning."""
    await commands.async_set_manual_code(call.data[ATTR_LOCK], call.data[ATTR_SLOT], call.data[CONF_CODE])


@action(admin=True)
async def _async_clear_slot(commands: PropertyCommands, call: ServiceCall) -> None:
    """Clear a slot outside planning."""
    await commands.async_clear_slot(call.data[ATTR_LOCK], call.data[ATTR_SLOT])


@action(admin=True)
async def _async_open_door(commands: PropertyCommands, call: ServiceCall) -> None:
    """Open a lock remotely for the guest staying now."""
    await commands.async_open_door(call.data[ATTR_LOCK])


@action(admin=False)
async def _async_get_codes(commands: PropertyCommands, call: ServiceCall) -> ServiceResponse:
    """Answer with what each lock holds; codes only for administrators (or automations) who ask."""
    reveal = bool(call.data.get(ATTR_REVEAL))
    if reveal:
        await _async_require_admin(call)
    return commands.codes(reveal=reveal)


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the actions (once, in async_setup)."""
    static: dict[Any, Any] = {**_ENTRY, probatio.Required(CONF_NAME): cv.string, **_STATIC_FIELDS}
    registrations: list[tuple[str, Action, dict[Any, Any]]] = [
        ("sync", _async_sync, _ENTRY),
        (
            "set_reservation_pin",
            _async_set_reservation_pin,
            {**_RESERVATION, probatio.Required(CONF_CODE): _CODE},
        ),
        ("regenerate_pin", _async_regenerate_pin, _RESERVATION),
        ("add_static_pin", _async_add_static_pin, {**static, probatio.Required(CONF_CODE): _CODE}),
        (
            "update_static_pin",
            _async_update_static_pin,
            {**static, probatio.Optional(ATTR_NEW_NAME): cv.string, probatio.Optional(CONF_CODE): _CODE},
        ),
        ("remove_static_pin", _async_remove_static_pin, {**_ENTRY, probatio.Required(CONF_NAME): cv.string}),
        ("set_manual_pin", _async_set_manual_pin, {**_SLOT, probatio.Required(CONF_CODE): _CODE}),
        ("clear_slot", _async_clear_slot, _SLOT),
        ("open_door", _async_open_door, {**_ENTRY, probatio.Required(ATTR_LOCK): cv.entity_id}),
    ]
    for name, handler, fields in registrations:
        hass.services.async_register(DOMAIN, name, handler, schema=probatio.Schema(fields))
    hass.services.async_register(
        DOMAIN,
        "get_codes",
        _async_get_codes,
        schema=probatio.Schema({**_ENTRY, probatio.Optional(ATTR_REVEAL, default=False): cv.boolean}),
        supports_response=SupportsResponse.ONLY,
    )
    hass.services.async_register(
        DOMAIN,
        "get_stay_code",
        _async_get_stay_code,
        schema=probatio.Schema(_RESERVATION),
        supports_response=SupportsResponse.ONLY,
    )
