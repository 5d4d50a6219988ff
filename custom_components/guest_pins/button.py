"""Buttons of a managed lock: sync its calendars now, and deliver what is pending now."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .commands import PropertyCommands
from .entity import GuestPinsLockEntity, async_add_by_subentry
from .errors import translate_errors
from .models import GuestPinsConfigEntry

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class LockButtonDescription(ButtonEntityDescription):
    """A lock button and the host command pressing it runs."""

    press_fn: Callable[[PropertyCommands, str], Awaitable[None]]


BUTTONS: tuple[LockButtonDescription, ...] = (
    LockButtonDescription(
        key="sync_now",
        translation_key="sync_now",
        press_fn=lambda commands, lock_id: commands.async_sync(lock_id),
    ),
    LockButtonDescription(
        key="apply_pending",
        translation_key="apply_pending",
        entity_category=EntityCategory.CONFIG,
        press_fn=lambda commands, lock_id: commands.async_apply_now(lock_id),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant, entry: GuestPinsConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the buttons of each managed lock."""
    await async_add_by_subentry(
        async_add_entities,
        (
            (lock_id, [LockButton(entry, description, lock_id) for description in BUTTONS])
            for lock_id in entry.runtime_data.settings.locks
        ),
    )


class LockButton(GuestPinsLockEntity, ButtonEntity):
    """A button of a managed lock."""

    entity_description: LockButtonDescription

    def __init__(self, entry: GuestPinsConfigEntry, description: LockButtonDescription, lock_id: str) -> None:
        """Press through the property's commands, like every other host edit."""
        super().__init__(entry, description, lock_id)
        self._commands = entry.runtime_data.commands

    @translate_errors
    async def async_press(self) -> None:
        """Do what the button says (a lock out of reach is said so, in the host's language)."""
        await self.entity_description.press_fn(self._commands, self.lock_id)
