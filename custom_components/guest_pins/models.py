"""Typed runtime data that a loaded guest_pins config entry carries."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from homeassistant.config_entries import ConfigEntry


@dataclass(slots=True)
class GuestPinsData:
    """What a loaded property (one config entry) holds while it runs."""

    property_name: str
    time_zone: ZoneInfo


type GuestPinsConfigEntry = ConfigEntry[GuestPinsData]
