"""Base classes: every lock entity lives on guest_pins' own device for that lock, never the lock's."""

import asyncio
from collections.abc import Iterable

from homeassistant.core import callback
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import DOMAIN, SUBENTRY_BEDS24, SUBENTRY_LODGIFY, SUBENTRY_WEBHOOK
from .models import GuestPinsConfigEntry
from .views import LockView, ViewHub


class GuestPinsLockEntity(Entity):
    """An entity of a managed lock: it shows the lock's latest view, which the manager sends it."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(self, entry: GuestPinsConfigEntry, description: EntityDescription, lock_id: str) -> None:
        """Name the entity by translation key and attach it to guest_pins' device for the lock."""
        self.entity_description = description
        self.lock_id = lock_id
        self._views: ViewHub = entry.runtime_data.manager.views
        self._attr_unique_id = f"{entry.entry_id}_{lock_id}_{description.key}"
        self._attr_device_info = DeviceInfo(identifiers={(DOMAIN, f"{entry.entry_id}_{lock_id}")})

    @property
    def view(self) -> LockView:
        """Return the lock's latest view."""
        return self._views.views[self.lock_id]

    @property
    def available(self) -> bool:
        """Return whether the lock has been planned yet (its first view arrives with the first plan)."""
        return self.lock_id in self._views.views

    async def async_added_to_hass(self) -> None:
        """Follow the lock's views."""
        await super().async_added_to_hass()
        self.async_on_remove(self._views.follow(self.lock_id, self._view_changed))

    @callback
    def _view_changed(self, _view: LockView) -> None:
        """Show the lock's new view."""
        self.async_write_ha_state()


SOURCE_MODELS = {
    SUBENTRY_WEBHOOK: "Signed webhook",
    SUBENTRY_BEDS24: "Beds24",
    SUBENTRY_LODGIFY: "Lodgify",
}


def calendar_device(entry: GuestPinsConfigEntry, calendar_id: str) -> DeviceInfo:
    """Return the service device of a rental calendar or a reservation source."""
    settings = entry.runtime_data.settings
    source = settings.sources.get(calendar_id)
    return DeviceInfo(
        identifiers={(DOMAIN, f"{entry.entry_id}_{calendar_id}")},
        name=source.title if source else settings.calendars[calendar_id].title,
        entry_type=DeviceEntryType.SERVICE,
        manufacturer="guest_pins",
        model=SOURCE_MODELS[source.kind] if source else "Rental calendar",
    )


async def async_add_by_subentry(
    async_add_entities: AddConfigEntryEntitiesCallback, by_subentry: Iterable[tuple[str, list[Entity]]]
) -> None:
    """Add each subentry's entities under it, giving the event loop back between subentries.

    Home Assistant adds a call's entities at once, in the call (an eager task): a property of hundreds of
    locks would otherwise hold the loop for the whole platform.
    """
    for subentry_id, entities in by_subentry:
        async_add_entities(entities, config_subentry_id=subentry_id)
        await asyncio.sleep(0)
