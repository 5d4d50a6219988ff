"""guest_pins: door codes for short-term rentals, driven by their booking calendars."""

from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryError
from homeassistant.helpers import config_validation as cv
from homeassistant.util import dt as dt_util

from .const import CONF_TIME_ZONE, DOMAIN
from .models import GuestPinsConfigEntry, GuestPinsData

# guest_pins is configured in the UI only; a `guest_pins:` block in YAML is refused with a clear message.
CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup_entry(hass: HomeAssistant, entry: GuestPinsConfigEntry) -> bool:
    """Load one property: resolve its time zone and attach the typed runtime data."""
    time_zone = await dt_util.async_get_time_zone(entry.data[CONF_TIME_ZONE])
    if time_zone is None:
        # The zone vanished from tzdata (or the entry was edited by hand): retrying cannot help.
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="unknown_time_zone",
            translation_placeholders={"time_zone": entry.data[CONF_TIME_ZONE]},
        )
    entry.runtime_data = GuestPinsData(property_name=entry.data[CONF_NAME], time_zone=time_zone)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: GuestPinsConfigEntry) -> bool:
    """Unload one property; it owns no platforms or listeners yet beyond its runtime data."""
    return True
