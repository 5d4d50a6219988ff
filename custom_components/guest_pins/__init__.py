"""guest_pins: door codes for short-term rentals, driven by their booking calendars."""

import asyncio

from homeassistant.config_entries import SIGNAL_CONFIG_ENTRY_CHANGED, ConfigEntry, ConfigEntryChange
from homeassistant.const import CONF_NAME, Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryError
from homeassistant.helpers import config_validation as cv, issue_registry as ir
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.typing import ConfigType
from homeassistant.util import dt as dt_util

from .const import CONF_CALENDAR_TIME_ZONE, CONF_TIME_ZONE, DOMAIN, SUBENTRY_CALENDAR, SUBENTRY_LOCK
from .coordinator import CalendarCoordinator
from .feed import async_zones
from .locks.factory import UnsupportedPath, create_path
from .manager import LockRuntime, PropertyManager, lock_device_id
from .models import GuestPinsConfigEntry, GuestPinsData
from .services import async_setup_services
from .storage import async_load_state, create_store

# guest_pins is configured in the UI only; a `guest_pins:` block in YAML is refused with a clear message.
CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)
PLATFORMS: list[Platform] = [Platform.BUTTON, Platform.CALENDAR, Platform.SENSOR]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the integration's actions once, for every property."""
    async_setup_services(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: GuestPinsConfigEntry) -> bool:
    """Load one property: its store, calendars, locks and manager, then its entities."""
    time_zone = await dt_util.async_get_time_zone(entry.data[CONF_TIME_ZONE])
    if time_zone is None:
        # The zone vanished from tzdata (or the entry was edited by hand): retrying cannot help.
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="unknown_time_zone",
            translation_placeholders={"time_zone": entry.data[CONF_TIME_ZONE]},
        )
    store = create_store(hass, entry.entry_id)
    state = await async_load_state(store)

    calendars = entry.get_subentries_of_type(SUBENTRY_CALENDAR)
    zones = await async_zones(
        entry.data[CONF_TIME_ZONE], *(sub.data.get(CONF_CALENDAR_TIME_ZONE) for sub in calendars)
    )
    coordinators = {
        subentry.subentry_id: CalendarCoordinator(hass, entry, subentry, zones) for subentry in calendars
    }

    async def _async_first_sync(coordinator: CalendarCoordinator) -> None:
        """Start from the cached feed, then fetch it (all calendars at once, not one after another)."""
        await coordinator.async_load_cache()
        # Not the first-refresh helper: one failing calendar must not hold the whole property (and its
        # static PINs) back; it keeps its cached data and retries.
        await coordinator.async_refresh()

    await asyncio.gather(*(_async_first_sync(coordinator) for coordinator in coordinators.values()))

    locks: dict[str, LockRuntime] = {}
    for subentry in entry.get_subentries_of_type(SUBENTRY_LOCK):
        path = create_path(hass, subentry)
        entry.async_on_unload(path.stop)
        locks[subentry.subentry_id] = LockRuntime(subentry, path, lock_device_id(hass, entry, subentry))
        issue_id = f"unsupported_lock_{subentry.subentry_id}"
        if isinstance(path, UnsupportedPath):
            ir.async_create_issue(
                hass,
                DOMAIN,
                issue_id,
                is_fixable=False,
                severity=ir.IssueSeverity.WARNING,
                translation_key="unsupported_lock",
                translation_placeholders={"lock": subentry.title, "path": str(subentry.data.get("path"))},
            )
        else:
            ir.async_delete_issue(hass, DOMAIN, issue_id)

    manager = PropertyManager(hass, entry, store, state, time_zone, coordinators, locks)
    entry.runtime_data = GuestPinsData(
        property_name=entry.data[CONF_NAME], time_zone=time_zone, manager=manager, coordinators=coordinators
    )
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    await manager.async_start()
    entry.async_on_unload(manager.async_stop)
    for coordinator in coordinators.values():
        entry.async_on_unload(coordinator.cancel_repair_timer)
    _reload_on_subentry_change(hass, entry)
    return True


def _reload_on_subentry_change(hass: HomeAssistant, entry: GuestPinsConfigEntry) -> None:
    """Reload the property when a calendar, lock or static PIN is added, changed or removed.

    A dispatcher subscription, not an update listener: the options flow reloads by itself
    (OptionsFlowWithReload), which Home Assistant does not allow together with update listeners.
    """
    known = {sid: (sub.title, dict(sub.data)) for sid, sub in entry.subentries.items()}

    @callback
    def _changed(change: ConfigEntryChange, changed_entry: ConfigEntry) -> None:
        """Schedule a reload when this entry's subentries differ from the ones it was loaded with."""
        if change is not ConfigEntryChange.UPDATED or changed_entry.entry_id != entry.entry_id:
            return
        current = {sid: (sub.title, dict(sub.data)) for sid, sub in changed_entry.subentries.items()}
        if current != known:
            hass.config_entries.async_schedule_reload(entry.entry_id)

    entry.async_on_unload(async_dispatcher_connect(hass, SIGNAL_CONFIG_ENTRY_CHANGED, _changed))


async def async_unload_entry(hass: HomeAssistant, entry: GuestPinsConfigEntry) -> bool:
    """Unload a property: entities first, then write what it remembers."""
    unloaded = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    if unloaded:
        manager = entry.runtime_data.manager
        await manager.store.async_save(manager.state.to_json())
    return unloaded
