"""Typed runtime data that a loaded guest_pins config entry carries."""

from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from homeassistant.config_entries import ConfigEntry

if TYPE_CHECKING:
    from .coordinator import CalendarCoordinator
    from .manager import PropertyManager


@dataclass(slots=True)
class GuestPinsData:
    """What a loaded property (one config entry) holds while it runs."""

    property_name: str
    time_zone: ZoneInfo
    manager: PropertyManager
    coordinators: dict[str, CalendarCoordinator]


type GuestPinsConfigEntry = ConfigEntry[GuestPinsData]
