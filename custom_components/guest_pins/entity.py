"""Base classes: every lock entity lives on guest_pins' own device for that lock, never the lock's."""

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import DOMAIN
from .manager import LockRuntime, PropertyManager
from .models import GuestPinsConfigEntry


class GuestPinsEntity(Entity):
    """An entity that refreshes after every plan and write of its property."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(self, entry: GuestPinsConfigEntry, description: EntityDescription, scope_id: str) -> None:
        """Name the entity by translation key and give it a unique id within the property."""
        self.entity_description = description
        self.manager: PropertyManager = entry.runtime_data.manager
        self.scope_id = scope_id
        self._attr_unique_id = f"{entry.entry_id}_{scope_id}_{description.key}"

    async def async_added_to_hass(self) -> None:
        """Follow the manager's updates of this entity's lock or calendar."""
        await super().async_added_to_hass()
        self.async_on_remove(self.manager.add_listener(self.async_write_ha_state, self.scope_id))


class GuestPinsLockEntity(GuestPinsEntity):
    """An entity of a managed lock."""

    def __init__(self, entry: GuestPinsConfigEntry, description: EntityDescription, lock_id: str) -> None:
        """Attach the entity to guest_pins' device for the lock."""
        super().__init__(entry, description, lock_id)
        self.lock_id = lock_id
        self._attr_device_info = DeviceInfo(identifiers={(DOMAIN, f"{entry.entry_id}_{lock_id}")})

    @property
    def lock(self) -> LockRuntime:
        """Return the managed lock."""
        return self.manager.locks[self.lock_id]


class GuestPinsCalendarFeedEntity(GuestPinsEntity):
    """An entity of a rental calendar, on a service device of its own."""

    def __init__(self, entry: GuestPinsConfigEntry, description: EntityDescription, calendar_id: str) -> None:
        """Attach the entity to the calendar's service device."""
        super().__init__(entry, description, calendar_id)
        self.calendar_id = calendar_id
        subentry = entry.subentries[calendar_id]
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, f"{entry.entry_id}_{calendar_id}")},
            name=subentry.title,
            entry_type=DeviceEntryType.SERVICE,
            manufacturer="guest_pins",
            model="Rental calendar",
        )
