"""The panel's websocket commands: one subscription per property, revealing a code, and the host's edits.

Every command is for administrators (the panel's own flag is presentation only: an administrator can change
it). Edits go through the same commands as the actions. Codes arrive as plain strings under a `Secret` key
and are checked inside the handler: a message that fails its schema is logged with its values, and a
translated error never echoes a code. Failures the host can act on are answered with a translation key and
not logged as errors.
"""

from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from homeassistant.components.websocket_api import async_register_command
from homeassistant.components.websocket_api.connection import ActiveConnection
from homeassistant.components.websocket_api.const import ERR_NOT_FOUND
from homeassistant.components.websocket_api.decorators import async_response, require_admin, websocket_command
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util import dt as dt_util
import probatio

from .commands import PropertyCommands
from .const import DOMAIN
from .core.model import Interval
from .core.validation import InputError
from .errors import CommandFailure, translated
from .locks.base import LockPathError
from .models import GuestPinsConfigEntry
from .overview import OverviewBuilder

ENTRY_ID = "entry_id"
STAY_ID = "stay_id"
LOCK_ID = "lock_id"
# The widest span the timeline may ask for at once (a month view and its margins).
MAX_SPAN = timedelta(days=62)

type Connection = ActiveConnection
type Message = dict[str, Any]
type Handler = Callable[[HomeAssistant, Connection, Message, PropertyCommands], Awaitable[None]]


def _entry(hass: HomeAssistant, entry_id: str) -> GuestPinsConfigEntry:
    """Return a loaded property by its entry id."""
    entry: GuestPinsConfigEntry | None = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN or entry.state is not ConfigEntryState.LOADED:
        raise InputError("unknown_property")
    return entry


def _send_error(connection: Connection, msg_id: int, err: HomeAssistantError) -> None:
    """Answer with a translated error (the frontend shows it in the user's language); nothing is logged."""
    connection.send_error(
        msg_id,
        ERR_NOT_FOUND if err.translation_key == "unknown_property" else "home_assistant_error",
        str(err),
        translation_key=err.translation_key,
        translation_domain=DOMAIN,
        translation_placeholders=err.translation_placeholders,
    )


def property_command(handler: Handler) -> Callable[[HomeAssistant, Connection, Message], Awaitable[None]]:
    """Run a command on the property the message names; answer its failures with translated errors."""

    @wraps(handler)
    async def run(hass: HomeAssistant, connection: Connection, msg: Message) -> None:
        """Find the property, run the handler, translate what it raised."""
        try:
            commands = _entry(hass, msg[ENTRY_ID]).runtime_data.commands
            await handler(hass, connection, msg, commands)
        except (InputError, CommandFailure, LockPathError) as err:
            _send_error(connection, msg["id"], translated(err))

    return run


@websocket_command({probatio.Required("type"): "guest_pins/properties"})
@require_admin
@callback
def ws_properties(hass: HomeAssistant, connection: Connection, msg: Message) -> None:
    """Answer with the loaded properties (for the panel's property picker)."""
    entries = hass.config_entries.async_loaded_entries(DOMAIN)
    connection.send_result(
        msg["id"], {"properties": [{"entry_id": entry.entry_id, "title": entry.title} for entry in entries]}
    )


def _span(msg: Message) -> Interval:
    """Return the span the panel shows, as instants (at most `MAX_SPAN` long)."""
    start, end = dt_util.parse_datetime(msg["start"]), dt_util.parse_datetime(msg["end"])
    if start is None or end is None or start.tzinfo is None or end.tzinfo is None or end <= start:
        raise InputError("invalid_span")
    return Interval(start, min(end, start + MAX_SPAN))


@websocket_command(
    {
        probatio.Required("type"): "guest_pins/subscribe",
        probatio.Required(ENTRY_ID): str,
        probatio.Required("start"): str,
        probatio.Required("end"): str,
        # A stay the panel opened directly (a link): it comes with the overview even outside the span.
        probatio.Optional(STAY_ID): str,
    }
)
@require_admin
@async_response
@property_command
async def ws_subscribe(
    hass: HomeAssistant, connection: Connection, msg: Message, commands: PropertyCommands
) -> None:
    """Push the property's overview now and after every change, until the panel unsubscribes.

    Changes come in bursts (a replan publishes every lock's view): they are pushed once, on the next turn
    of the event loop.
    """
    span = _span(msg)
    manager = commands.manager
    builder = OverviewBuilder(hass, manager)
    pending = False

    @callback
    def push() -> None:
        """Send the overview as it is now."""
        nonlocal pending
        pending = False
        connection.send_event(msg["id"], builder.build(span, dt_util.utcnow(), msg.get(STAY_ID)))

    @callback
    def changed() -> None:
        """Push once for a burst of changes."""
        nonlocal pending
        if not pending:
            pending = True
            hass.loop.call_soon(push)

    stop_following = manager.views.follow_property(changed)

    @callback
    def unsubscribe() -> None:
        """Stop following the property (the panel unsubscribed, or its connection closed)."""
        nonlocal pending
        pending = True  # a push already on its way is dropped
        stop_following()

    connection.subscriptions[msg["id"]] = unsubscribe
    connection.send_result(msg["id"])
    push()


@websocket_command(
    {
        probatio.Required("type"): "guest_pins/reveal",
        probatio.Required(ENTRY_ID): str,
        probatio.Required(STAY_ID): str,
    }
)
@require_admin
@async_response
@property_command
async def ws_reveal(
    hass: HomeAssistant, connection: Connection, msg: Message, commands: PropertyCommands
) -> None:
    """Answer with a stay's code, the codes its locks issued instead and the backups handed to it."""
    stay, issued, backups = commands.stay_keys(msg[STAY_ID])
    connection.send_result(msg["id"], {"code": stay.code, "lock_codes": issued, "backups": backups})


@websocket_command(
    {
        probatio.Required("type"): "guest_pins/reveal_slot",
        probatio.Required(ENTRY_ID): str,
        probatio.Required(LOCK_ID): str,
        probatio.Required("slot"): int,
    }
)
@require_admin
@async_response
@property_command
async def ws_reveal_slot(
    hass: HomeAssistant, connection: Connection, msg: Message, commands: PropertyCommands
) -> None:
    """Answer with the code a lock holds in a slot."""
    connection.send_result(msg["id"], {"code": commands.slot_code(msg[LOCK_ID], msg["slot"])})


_STAY: dict[Any, Any] = {probatio.Required(ENTRY_ID): str, probatio.Required(STAY_ID): str}


@websocket_command({probatio.Required("type"): "guest_pins/regenerate", **_STAY})
@require_admin
@async_response
@property_command
async def ws_regenerate(
    hass: HomeAssistant, connection: Connection, msg: Message, commands: PropertyCommands
) -> None:
    """Give a future stay a new code."""
    await commands.async_regenerate_stay_code(msg[STAY_ID])
    connection.send_result(msg["id"], {})


@websocket_command(
    {
        probatio.Required("type"): "guest_pins/set_code",
        **_STAY,
        # Secret: a message that fails its schema is logged with its values, never this one's.
        probatio.Required(probatio.Secret("code")): str,
    }
)
@require_admin
@async_response
@property_command
async def ws_set_code(
    hass: HomeAssistant, connection: Connection, msg: Message, commands: PropertyCommands
) -> None:
    """Give a stay the host's own code (checked by the command; the error never repeats it)."""
    await commands.async_set_stay_code(msg[STAY_ID], msg["code"].strip())
    connection.send_result(msg["id"], {})


@websocket_command({probatio.Required("type"): "guest_pins/resend", **_STAY})
@require_admin
@async_response
@property_command
async def ws_resend(
    hass: HomeAssistant, connection: Connection, msg: Message, commands: PropertyCommands
) -> None:
    """Send a stay's keys again now."""
    await commands.async_resend(msg[STAY_ID])
    connection.send_result(msg["id"], {})


@websocket_command(
    {
        probatio.Required("type"): "guest_pins/apply_now",
        probatio.Required(ENTRY_ID): str,
        probatio.Required(LOCK_ID): str,
    }
)
@require_admin
@async_response
@property_command
async def ws_apply_now(
    hass: HomeAssistant, connection: Connection, msg: Message, commands: PropertyCommands
) -> None:
    """Deliver what waits for a lock now."""
    if msg[LOCK_ID] not in commands.manager.locks:
        raise InputError("unknown_lock", lock=msg[LOCK_ID])
    await commands.async_apply_now(msg[LOCK_ID])
    connection.send_result(msg["id"], {})


@callback
def async_register_commands(hass: HomeAssistant) -> None:
    """Register the panel's commands (once; registering again replaces them)."""
    for command in (
        ws_properties,
        ws_subscribe,
        ws_reveal,
        ws_reveal_slot,
        ws_regenerate,
        ws_set_code,
        ws_resend,
        ws_apply_now,
    ):
        async_register_command(hass, command)
