"""Typed runtime data that a loaded guest_pins config entry carries."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from homeassistant.config_entries import ConfigEntry

from .commands import PropertyCommands
from .coordinator import CalendarCoordinator
from .manager import PropertyManager
from .settings import PropertySettings
from .sources.coordinator import SourceCoordinator


@dataclass(slots=True)
class GuestPinsData:
    """What a loaded property (one config entry) holds while it runs."""

    settings: PropertySettings
    time_zone: ZoneInfo
    manager: PropertyManager
    commands: PropertyCommands
    coordinators: dict[str, CalendarCoordinator | SourceCoordinator]

    @property
    def property_name(self) -> str:
        """Return the property's name."""
        return self.settings.title


type GuestPinsConfigEntry = ConfigEntry[GuestPinsData]
