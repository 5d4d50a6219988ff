"""Buttons of a managed lock: sync its calendars now, and deliver what is pending now."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import CONF_LOCKS, SUBENTRY_CALENDAR
from .entity import GuestPinsLockEntity
from .manager import PropertyManager
from .models import GuestPinsConfigEntry

PARALLEL_UPDATES = 1


async def sync_lock_calendars(manager: PropertyManager, lock_id: str) -> None:
    """Fetch every calendar that feeds the lock, then replan."""
    await manager.async_sync(
        subentry.subentry_id
        for subentry in manager.entry.get_subentries_of_type(SUBENTRY_CALENDAR)
        if lock_id in subentry.data.get(CONF_LOCKS, [])
    )


async def apply_pending(manager: PropertyManager, lock_id: str) -> None:
    """Deliver the lock's pending operations now, without waiting for a retry."""
    await manager.async_apply(lock_id, force=True)


@dataclass(frozen=True, kw_only=True)
class LockButtonDescription(ButtonEntityDescription):
    """A lock button and what pressing it does."""

    press_fn: Callable[[PropertyManager, str], Awaitable[None]]


BUTTONS: tuple[LockButtonDescription, ...] = (
    LockButtonDescription(key="sync_now", translation_key="sync_now", press_fn=sync_lock_calendars),
    LockButtonDescription(
        key="apply_pending",
        translation_key="apply_pending",
        entity_category=EntityCategory.CONFIG,
        press_fn=apply_pending,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant, entry: GuestPinsConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the buttons of each managed lock."""
    for lock_id in entry.runtime_data.manager.locks:
        async_add_entities(
            [LockButton(entry, description, lock_id) for description in BUTTONS], config_subentry_id=lock_id
        )


class LockButton(GuestPinsLockEntity, ButtonEntity):
    """A button of a managed lock."""

    entity_description: LockButtonDescription

    async def async_press(self) -> None:
        """Do what the button says."""
        await self.entity_description.press_fn(self.manager, self.lock_id)
