"""guest_pins: door codes for short-term rentals, driven by their booking calendars."""

import asyncio

from homeassistant.config_entries import (
    SIGNAL_CONFIG_ENTRY_CHANGED,
    ConfigEntry,
    ConfigEntryChange,
    ConfigEntryState,
    ConfigSubentry,
)
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.typing import ConfigType
from homeassistant.util import dt as dt_util

from .alerts import Alert, AlertCenter
from .arrivals import BATTERY_SCOPE
from .blueprints import async_install as async_install_blueprints
from .commands import PropertyCommands
from .const import DOMAIN, SUBENTRY_LOCK
from .coordinator import CalendarCoordinator, feed_scope
from .feed import async_zones
from .journey import CHECK_SCOPE
from .lock_runtime import LockRuntime, create_lock_runtime
from .locks.factory import UnsupportedPath
from .logbook import async_load_phrases
from .manager import PLAN_SCOPE, SAVE_DELAY, PropertyManager, write_scope
from .messenger import DELIVERY_SCOPE
from .models import GuestPinsConfigEntry, GuestPinsData
from .panel import async_add_panel, async_remove_panel
from .removal import Holding, async_clear_codes, async_forget_property, async_forget_subentries
from .services import async_setup_services
from .settings import PropertySettings, lock_settings, property_settings
from .sources.coordinator import SourceCoordinator, source_scope
from .sources.setup import async_start_sources, async_subscribe_lodgify, pulled, register_webhooks
from .storage import async_load_state, create_store
from .websocket import async_register_commands

# guest_pins is configured in the UI only; a `guest_pins:` block in YAML is refused with a clear message.
CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)
PLATFORMS: list[Platform] = [Platform.BUTTON, Platform.CALENDAR, Platform.SENSOR]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions and the panel's commands once, for every property; offer the blueprints."""
    async_setup_services(hass)
    async_register_commands(hass)
    await async_install_blueprints(hass)
    return True


def path_scope(lock_id: str) -> str:
    """Return the alert scope of a lock's path (a lock guest_pins cannot program)."""
    return f"path:{lock_id}"


async def async_setup_entry(hass: HomeAssistant, entry: GuestPinsConfigEntry) -> bool:
    """Load one property: its settings, store, alerts, calendars, locks and manager, then its entities.

    It waits for no calendar server: the property starts from what it stored and syncs in the background.
    """
    settings = property_settings(entry)
    time_zone = await dt_util.async_get_time_zone(settings.time_zone)
    if time_zone is None:
        # The zone vanished from tzdata (or the entry was edited by hand): retrying cannot help.
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="unknown_time_zone",
            translation_placeholders={"time_zone": settings.time_zone},
        )
    await async_load_phrases(hass)
    store = create_store(hass, entry.entry_id)
    state = await async_load_state(store)
    state.keep_locks(settings.locks)
    alerts = AlertCenter(
        hass,
        settings.title,
        settings.notify_targets,
        state.announced,
        lambda: store.async_delay_save(state.to_json, SAVE_DELAY),
    )
    alerts.keep_only(_alert_scopes(settings), (DELIVERY_SCOPE,))

    zones = await async_zones(settings.time_zone, *(cal.time_zone for cal in settings.calendars.values()))
    coordinators = {
        calendar_id: CalendarCoordinator(hass, entry, settings, calendar, zones, alerts)
        for calendar_id, calendar in settings.calendars.items()
    }

    # Each calendar starts from what it kept (its last good feed or read), all at once; none is fetched here.
    await asyncio.gather(*(coordinator.async_load_cache() for coordinator in coordinators.values()))
    sources = await async_start_sources(hass, entry, settings, time_zone, alerts)

    locks: dict[str, LockRuntime] = {}
    for lock_id, configured in settings.locks.items():
        lock = create_lock_runtime(hass, settings, configured, state, time_zone)
        entry.async_on_unload(lock.path.stop)
        locks[lock_id] = lock
        unsupported = isinstance(lock.path, UnsupportedPath)
        alerts.sync(
            path_scope(lock_id),
            [
                Alert(
                    f"unsupported_lock_{lock_id}",
                    "unsupported_lock",
                    {"lock": lock.title, "path": configured.path},
                )
            ]
            if unsupported
            else [],
        )

    readers: dict[str, CalendarCoordinator | SourceCoordinator] = {**coordinators, **sources}
    manager = PropertyManager(hass, settings, store, state, time_zone, readers, locks, alerts)
    entry.runtime_data = GuestPinsData(
        settings=settings,
        time_zone=time_zone,
        manager=manager,
        commands=PropertyCommands(hass, entry, manager),
        coordinators=readers,
    )
    entry.async_on_unload(manager.async_stop)
    # The first plan before the entities: they are added with the view of their lock already there. It is
    # made from what was stored; what needs the network runs after set-up (`_async_first_sync`).
    await manager.async_start()
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    for coordinator in coordinators.values():
        entry.async_on_unload(coordinator.cancel_repair_timer)
    _reload_on_subentry_change(hass, entry)
    register_webhooks(hass, entry, sources, manager.async_replan)
    await async_add_panel(hass)
    entry.async_create_background_task(
        hass,
        _async_first_sync(hass, manager, [*coordinators, *pulled(sources)], sources),
        f"{DOMAIN} first sync",
    )
    return True


async def _async_first_sync(
    hass: HomeAssistant, manager: PropertyManager, readers: list[str], sources: dict[str, SourceCoordinator]
) -> None:
    """Fetch the calendars and pull the sources together, replan once; then subscribe Lodgify's webhooks.

    In the background: a server that hangs (up to its request's timeout) holds nothing back, and the property
    runs from what it stored meanwhile. The subscriptions follow the pulls, whose success would otherwise
    withdraw the repair a subscription raises.
    """
    await manager.async_sync(readers)
    await async_subscribe_lodgify(hass, sources)


def _alert_scopes(settings: PropertySettings) -> list[str]:
    """Return the alert scopes the property has now (those of removed locks and calendars are gone)."""
    return [
        PLAN_SCOPE,
        CHECK_SCOPE,
        BATTERY_SCOPE,
        *(feed_scope(calendar_id) for calendar_id in settings.calendars),
        *(source_scope(source_id) for source_id in settings.sources),
        *(scope(lock_id) for lock_id in settings.locks for scope in (write_scope, path_scope)),
    ]


def _reload_on_subentry_change(hass: HomeAssistant, entry: GuestPinsConfigEntry) -> None:
    """Reload the property when a calendar, lock or static PIN is added, changed or removed.

    A dispatcher subscription, not an update listener: the options flow reloads by itself
    (OptionsFlowWithReload), which Home Assistant does not allow together with update listeners.
    """
    loaded_with = dict(entry.subentries)
    known = {sid: (sub.title, dict(sub.data)) for sid, sub in loaded_with.items()}

    @callback
    def _changed(change: ConfigEntryChange, changed_entry: ConfigEntry) -> None:
        """Schedule a reload when this entry's subentries differ from the ones it was loaded with."""
        if change is not ConfigEntryChange.UPDATED or changed_entry.entry_id != entry.entry_id:
            return
        current = {sid: (sub.title, dict(sub.data)) for sid, sub in changed_entry.subentries.items()}
        if current == known:
            return
        removed = [sub for sid, sub in loaded_with.items() if sid not in changed_entry.subentries]
        if not removed:
            hass.config_entries.async_schedule_reload(entry.entry_id)
            return
        # What the removed locks hold, as the running property knows it (the reload drops them from its plan).
        state = entry.runtime_data.manager.state
        holdings = [
            Holding.of(lock_settings(sub), state) for sub in removed if sub.subentry_type == SUBENTRY_LOCK
        ]
        # Not the entry's own task: the reload unloads the entry, which would cancel it halfway.
        hass.async_create_task(
            _async_reload_and_forget(hass, entry, removed, holdings), f"{DOMAIN} forget removed subentries"
        )

    entry.async_on_unload(async_dispatcher_connect(hass, SIGNAL_CONFIG_ENTRY_CHANGED, _changed))


async def _async_reload_and_forget(
    hass: HomeAssistant, entry: GuestPinsConfigEntry, removed: list[ConfigSubentry], holdings: list[Holding]
) -> None:
    """Reload the property without the removed parts, then clear removed locks and remove what parts kept.

    After the reload: the calendars have written what waited to be kept by then, so nothing brings it back,
    and no plan of the property puts a code on a removed lock again.
    """
    await hass.config_entries.async_reload(entry.entry_id)
    if holdings and entry.state is ConfigEntryState.LOADED:
        data = entry.runtime_data
        await async_clear_codes(hass, data.time_zone, holdings, data.manager.alerts)
    await async_forget_subentries(hass, entry.entry_id, removed)


async def async_unload_entry(hass: HomeAssistant, entry: GuestPinsConfigEntry) -> bool:
    """Unload a property: entities first, then write what it remembers."""
    unloaded = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    if unloaded:
        manager = entry.runtime_data.manager
        await manager.store.async_save(manager.state.to_json())
        await asyncio.gather(
            *(
                reader.async_close()
                for reader in entry.runtime_data.coordinators.values()
                if isinstance(reader, CalendarCoordinator)
            )
        )
        if not hass.config_entries.async_loaded_entries(DOMAIN):
            async_remove_panel(hass)
    return unloaded


async def async_remove_entry(hass: HomeAssistant, entry: GuestPinsConfigEntry) -> None:
    """Remove what a removed property kept, here and at its reservation systems (see `removal`)."""
    await async_forget_property(hass, entry)
