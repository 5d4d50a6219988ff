"""Describe guest_pins' events in Home Assistant's logbook: "Jane (guest) opened Front door".

The logbook asks for descriptions synchronously, so the phrases (in Home Assistant's language) are loaded when
a property sets up. Entries carry guest_pins' device of the lock, so they also show on that device's page.
"""

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.components.logbook.const import LOGBOOK_ENTRY_MESSAGE, LOGBOOK_ENTRY_NAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import translation
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN
from .events import EVENT_GUEST_PINS

PHRASES: HassKey[dict[str, str]] = HassKey(f"{DOMAIN}_logbook")
# What the logbook says when the phrases could not be loaded (English).
_FALLBACK = {
    "who_guest": "{name} (guest)",
    "who_backup": "{name} (guest, backup code)",
    "who_static": "{name} (static PIN)",
    "who_manual": "Manual code",
    "who_idle_backup": "Someone (a backup code nobody was given)",
    "who_unknown": "Someone (an unknown code)",
    "opened": "opened {lock}",
    "opened_outside": "opened {lock} outside that code's time",
    "checked_in": "checked in",
    "checked_out": "checked out",
    "code_sent": "was sent the door code ({channel})",
    "backup_handed_out": "was given the backup code for {lock}",
    "delivery_failed": "could not be sent the door code ({channel})",
    "guest": "Guest",
}
_LOCK = "lock"


async def async_load_phrases(hass: HomeAssistant) -> None:
    """Load the logbook's phrases in Home Assistant's language (once a property sets up)."""
    strings = await translation.async_get_translations(hass, hass.config.language, "config_panel", [DOMAIN])
    prefix = f"component.{DOMAIN}.config_panel.logbook."
    hass.data[PHRASES] = {key: strings.get(prefix + key, fallback) for key, fallback in _FALLBACK.items()}


def describe(phrases: Mapping[str, str], data: Mapping[str, Any], lock_name: str) -> dict[str, str] | None:
    """Return a logbook entry's name and message for one guest_pins event, or None for the others."""
    kind = data.get("type")
    guest = data.get("guest") or data.get("name") or phrases["guest"]
    if kind == "code_used":
        who = str(data.get("who", "unknown"))
        name = phrases.get(f"who_{who}", phrases["who_unknown"]).format(
            name=data.get("name") or phrases["guest"]
        )
        opened = "opened_outside" if data.get("outside_window") else "opened"
        return {LOGBOOK_ENTRY_NAME: name, LOGBOOK_ENTRY_MESSAGE: phrases[opened].format(lock=lock_name)}
    if kind in ("checked_in", "checked_out", "code_sent", "backup_handed_out", "delivery_failed"):
        message = phrases[kind].format(lock=lock_name, channel=data.get("channel", ""))
        return {LOGBOOK_ENTRY_NAME: str(guest), LOGBOOK_ENTRY_MESSAGE: message}
    return None


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Any], dict[str, str]]], None],
) -> None:
    """Describe guest_pins' events for the logbook."""

    @callback
    def describe_event(event: Any) -> dict[str, str]:  # noqa: ANN401 - the logbook's lazy event row
        """Describe one event (the logbook skips those guest_pins does not describe)."""
        data = event.data
        lock = data.get(_LOCK)
        state = hass.states.get(lock) if isinstance(lock, str) else None
        lock_name = state.name if state else str(lock or "")
        loaded = hass.data.get(PHRASES)
        entry = describe(loaded if loaded is not None else _FALLBACK, data, lock_name)
        return entry or {LOGBOOK_ENTRY_NAME: "guest_pins", LOGBOOK_ENTRY_MESSAGE: str(data.get("type", ""))}

    async_describe_event(DOMAIN, EVENT_GUEST_PINS, describe_event)
