"""What the parts of a property's guest journey share: Home Assistant, the settings, the store, the locks.

The journey, its messenger and its arrivals each work on one property; they are made from one `PropertyParts`
(by the manager), so each part names the same things the same way.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from homeassistant.core import HomeAssistant

from .alerts import AlertCenter
from .events import PropertyEvents
from .lock_runtime import LockRuntime
from .settings import PropertySettings
from .storage import PropertyState


@dataclass(frozen=True, slots=True)
class PropertyParts:
    """One property's shared parts."""

    hass: HomeAssistant
    settings: PropertySettings
    state: PropertyState
    zone: ZoneInfo
    locks: Mapping[str, LockRuntime]
    events: PropertyEvents
    alerts: AlertCenter


class PropertyPart:
    """A part of a property's guest journey, holding the property's shared parts under their own names."""

    def __init__(self, parts: PropertyParts) -> None:
        """Keep the property's parts."""
        self.parts = parts
        self.hass = parts.hass
        self.settings = parts.settings
        self.state = parts.state
        self.journey = parts.state.journey
        self.zone = parts.zone
        self.locks = parts.locks
        self.events = parts.events
        self.alerts = parts.alerts
