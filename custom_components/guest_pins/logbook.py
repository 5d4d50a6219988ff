"""Describe guest_pins' events in Home Assistant's logbook: "Jane Doe (guest) opened Front door".

The logbook lists every event of a type it has a describer for, so each kind of guest_pins event reads as a
sentence about people and doors, never an internal id. The logbook asks for descriptions synchronously, so
the phrases (in Home Assistant's language) are loaded when a property sets up. Entries name the lock's
entity, so they also show in that lock's logbook.
"""

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ENTITY_ID,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import translation
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN
from .core.lifecycle import StayStatus
from .events import EVENT_GUEST_PINS

PHRASES: HassKey[dict[str, str]] = HassKey(f"{DOMAIN}_logbook")
# What the logbook says when the phrases could not be loaded (English, as in strings.json).
FALLBACK = {
    "who_guest": "{name} (guest)",
    "who_backup": "{name} (guest, backup code)",
    "who_static": "{name} (static PIN)",
    "who_manual": "Manual code",
    "who_spare_backup": "Backup code",
    "who_idle_backup": "Someone (a backup code nobody was given)",
    "who_unknown": "Someone (an unknown code)",
    "opened": "opened {lock}",
    "opened_outside": "opened {lock} outside that code's time",
    "code_on": "code put on {lock}",
    "code_off": "code removed from {lock}",
    "checked_in": "checked in",
    "checked_out": "checked out",
    "status": "stay now: {status}",
    "reminder": "arrives in {hours} h",
    "check_ready": "check before arrival: the code works on every lock",
    "check_not_ready": "check before arrival: the code is not confirmed on {locks}",
    "code_sent": "was sent the door code ({channel})",
    "code_resent": "was sent a new door code that replaces the earlier one ({channel})",
    "backup_handed_out": "was given the backup code for {lock}",
    "delivery_failed": "could not be sent the door code ({channel})",
    "door_opened": "had {lock} opened remotely",
    "missing_code": "has no code on {lock} yet, close to check-in",
    "collision": "would have had the same code as {other} on {lock}",
    "collision_moved": "would have had the same code as {other} on {lock}; got another code",
    "write_failed": "keeps failing to take a code (slot {slot})",
    "capacity_exceeded": "has no free slot for {count} codes",
    "missed_while_down": "{count} steps fell due while Home Assistant was stopped",
    "channel_host": "host",
    "channel_sms": "SMS",
    "channel_email": "e-mail",
    "channel_beds24": "Beds24",
    "channel_lodgify": "Lodgify",
    "guest": "Guest",
}
_GUEST_SAYS = {
    "checked_in",
    "checked_out",
    "backup_handed_out",
    "door_opened",
    "missing_code",
    "delivery_failed",
}


async def async_load_phrases(hass: HomeAssistant) -> None:
    """Load the logbook's phrases and the stay statuses' names in Home Assistant's language."""
    language = hass.config.language
    panel = await translation.async_get_translations(hass, language, "config_panel", [DOMAIN])
    entity = await translation.async_get_translations(hass, language, "entity", [DOMAIN])
    prefix = f"component.{DOMAIN}.config_panel.logbook."
    phrases = {key: panel.get(prefix + key, fallback) for key, fallback in FALLBACK.items()}
    for status in StayStatus:
        key = f"component.{DOMAIN}.entity.sensor.stay_status.state.{status}"
        phrases[f"status_{status}"] = entity.get(key, status.replace("_", " "))
    hass.data[PHRASES] = phrases


def _phrase(phrases: Mapping[str, str], key: str) -> str:
    """Return a phrase (a status's name falls back to the status itself)."""
    return phrases.get(key, key.removeprefix("status_").replace("_", " "))


def describe(
    phrases: Mapping[str, str], data: Mapping[str, Any], lock_name: str, property_name: str = ""
) -> dict[str, str]:
    """Return a logbook entry's name and message for one guest_pins event."""
    kind = str(data.get("type", ""))
    guest = str(data.get("guest") or phrases["guest"])
    channel = phrases.get(f"channel_{data.get('channel')}", str(data.get("channel", "")))
    fields = {
        "lock": lock_name,
        "channel": channel,
        "slot": str(data.get("slot", "")),
        "count": str(data.get("count", "")),
        "other": str(data.get("other_name") or phrases["guest"]),
    }
    name, message = guest, kind
    match kind:
        case "code_used" | "pin_programmed" | "pin_removed":
            who = str(data.get("who", "unknown"))
            spare = kind != "code_used" and who == "backup"
            name = _phrase(phrases, "who_spare_backup" if spare else f"who_{who}")
            name = name.format(name=data.get("name") or phrases["guest"])
            verbs = {"pin_programmed": "code_on", "pin_removed": "code_off"}
            verb = verbs.get(kind, "opened_outside" if data.get("outside_window") else "opened")
            message = phrases[verb].format(**fields)
        case "code_sent":
            message = phrases["code_resent" if data.get("replacement") else "code_sent"].format(**fields)
        case "stay_status":
            status = _phrase(phrases, f"status_{data.get('status')}")
            message = phrases["status"].format(status=status)
        case "reminder":
            message = phrases["reminder"].format(hours=f"{float(data.get('hours_before', 0)):g}")
        case "arrival_check":
            not_ready = data.get("not_ready") or []
            message = (
                phrases["check_not_ready"].format(locks=", ".join(map(str, not_ready)))
                if not_ready
                else phrases["check_ready"]
            )
        case "collision":
            message = phrases["collision_moved" if data.get("moved_to") else "collision"].format(**fields)
        case "write_failed" | "capacity_exceeded":
            name, message = lock_name, phrases[kind].format(**fields)
        case "missed_while_down":
            name, message = property_name, phrases[kind].format(**fields)
        case _ if kind in _GUEST_SAYS:
            message = phrases[kind].format(**fields)
    return {LOGBOOK_ENTRY_NAME: name, LOGBOOK_ENTRY_MESSAGE: message}


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Any], dict[str, str]]], None],
) -> None:
    """Describe guest_pins' events for the logbook."""

    @callback
    def describe_event(event: Any) -> dict[str, str]:  # noqa: ANN401 - the logbook's lazy event row
        """Describe one event, naming the lock and the property as the host named them."""
        data = event.data
        lock = data.get("lock")
        state = hass.states.get(lock) if isinstance(lock, str) else None
        entry = hass.config_entries.async_get_entry(str(data.get("config_entry_id", "")))
        loaded = hass.data.get(PHRASES)
        described = describe(
            loaded if loaded is not None else FALLBACK,
            data,
            state.name if state else str(lock or ""),
            entry.title if entry else "",
        )
        if isinstance(lock, str):
            described[LOGBOOK_ENTRY_ENTITY_ID] = lock
        return described

    async_describe_event(DOMAIN, EVENT_GUEST_PINS, describe_event)
