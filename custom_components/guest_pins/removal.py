"""What a removed property, lock, calendar or reservation source leaves behind goes with it.

A removed property or lock takes its codes off the locks: a code nobody manages any more would open the door
for good (for a guest, the stay's end would never remove it). Each slot guest_pins holds or was writing is
cleared and, where the path can, read back; a lock that does not confirm within `CLEAR_WAIT` (asleep, out of
reach) is named to the host with its slots, to be cleared at the lock. A sleeping Z-Wave lock still gets the
clear from its controller's queue at its next wake-up.

Each keeps a private store on disk: the property its codes, a calendar its last feed (guests' names), a source
its bookings (names, phones, e-mails) and tokens. Outside Home Assistant, a Lodgify source subscribed webhooks
that would go on posting guests' bookings to a dead address, and a Beds24 source holds a refresh token that
would go on opening the account. All of it is removed, best effort: a system that cannot be reached is logged
(by the error's type) and the local copy is removed all the same.
"""

import asyncio
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.util import dt as dt_util

from .alerts import Alert, AlertCenter
from .const import LOGGER, SOURCE_KINDS, SUBENTRY_BEDS24, SUBENTRY_CALENDAR, SUBENTRY_LODGIFY
from .coordinator import create_feed_cache
from .core.model import SlotCode
from .locks.base import LockPathError
from .locks.factory import create_path
from .settings import LockSettings, property_settings
from .sources.beds24 import Beds24Client
from .sources.coordinator import SOURCE_FAILURES
from .sources.lodgify import LodgifyClient, LodgifyError
from .sources.settings import SourceSettings, source_settings
from .sources.store import SourceState, create_source_store
from .storage import PropertyState, async_load_state, create_store

# What a call to a system that is gone, refuses or times out raises (a pull's failures, and a bare socket's).
_UNREACHABLE = (*SOURCE_FAILURES, OSError)

# How long a removal waits for its locks to confirm the clears (all locks at once).
CLEAR_WAIT = timedelta(seconds=30)


@dataclass(frozen=True, slots=True)
class Holding:
    """What guest_pins holds on one lock, as its store kept it: slots with a code, and writes in flight."""

    lock: LockSettings
    held: Mapping[int, SlotCode]
    in_flight: tuple[int, ...] = ()

    @classmethod
    def of(cls, lock: LockSettings, state: PropertyState) -> Holding:
        """Return what the property's state says guest_pins holds on `lock` (copied: the state may go on)."""
        return cls(
            lock,
            dict(state.lock_contents.get(lock.lock_id, {})),
            tuple(state.in_flight.get(lock.lock_id, {})),
        )


async def async_forget_property(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Take a removed property's codes off its locks, then remove everything it kept."""
    settings = property_settings(entry)
    store = create_store(hass, entry.entry_id)
    state = await async_load_state(store)
    # A zone that vanished from tzdata: the codes are cleared all the same (windows do not matter to a clear).
    zone = await dt_util.async_get_time_zone(settings.time_zone) or ZoneInfo("UTC")
    alerts = AlertCenter(hass, settings.title, settings.notify_targets, {}, lambda: None)
    await async_clear_codes(hass, zone, [Holding.of(lock, state) for lock in settings.locks.values()], alerts)
    await async_forget_subentries(hass, entry.entry_id, entry.subentries.values())
    await store.async_remove()


async def async_clear_codes(
    hass: HomeAssistant, zone: ZoneInfo, holdings: Iterable[Holding], alerts: AlertCenter
) -> None:
    """Clear every slot guest_pins holds on these locks; tell the host of each lock that did not confirm."""
    holdings = [holding for holding in holdings if holding.held or holding.in_flight]
    left = await asyncio.gather(*(_async_clear_lock(hass, zone, holding) for holding in holdings))
    for holding, slots in zip(holdings, left, strict=True):
        if not slots:
            continue
        LOGGER.warning("%s did not confirm the removal of the codes in slots %s", holding.lock.title, slots)
        alerts.tell(
            Alert(
                f"codes_left_{holding.lock.lock_id}_{dt_util.utcnow():%Y%m%d%H%M%S}",
                "codes_left",
                {"lock": holding.lock.title, "slots": ", ".join(str(slot) for slot in slots)},
            )
        )


async def _async_clear_lock(hass: HomeAssistant, zone: ZoneInfo, holding: Holding) -> list[int]:
    """Clear the lock's slots one by one; return those not confirmed empty."""
    path = create_path(hass, holding.lock.path_spec(zone))
    left = sorted({*holding.held, *holding.in_flight})
    try:
        async with asyncio.timeout(CLEAR_WAIT.total_seconds()):
            await path.async_start(_nothing_heard)
            for slot in list(left):
                await path.async_clear(slot, holding.held.get(slot))
                if not path.capabilities.read_back or await path.async_read(slot) is None:
                    left.remove(slot)
    except (LockPathError, TimeoutError) as err:
        LOGGER.debug("Clearing %s stopped: %s", holding.lock.title, type(err).__name__)
    finally:
        path.stop()
    return left


def _nothing_heard() -> None:
    """Ignore what a lock reports while it is cleared (no property runs it any more)."""


async def async_forget_subentries(
    hass: HomeAssistant, entry_id: str, subentries: Iterable[ConfigSubentry]
) -> None:
    """Remove what removed calendars and sources kept (locks and static PINs keep nothing of their own)."""
    for subentry in subentries:
        if subentry.subentry_type == SUBENTRY_CALENDAR:
            await create_feed_cache(hass, entry_id, subentry.subentry_id).async_remove()
        elif subentry.subentry_type in SOURCE_KINDS:
            await _async_forget_source(hass, entry_id, source_settings(subentry))


async def _async_forget_source(hass: HomeAssistant, entry_id: str, source: SourceSettings) -> None:
    """Withdraw a source's webhooks and token from its system, then remove its store."""
    store = create_source_store(hass, entry_id, source.source_id)
    state = SourceState.from_json(await store.async_load() or {})
    session = async_get_clientsession(hass)
    try:
        if source.kind == SUBENTRY_LODGIFY:
            lodgify = LodgifyClient(session, source.base_url, source.api_key or "")
            for subscription in state.subscriptions:
                await _async_unsubscribe(lodgify, subscription["id"])
        elif source.kind == SUBENTRY_BEDS24 and source.refresh_token:
            await Beds24Client(session, source.base_url, source.refresh_token).async_revoke()
    except _UNREACHABLE as err:
        LOGGER.warning(
            "Could not withdraw the removed source %s from its system (%s); remove guest_pins there by hand",
            source.title,
            type(err).__name__,
        )
    await store.async_remove()


async def _async_unsubscribe(lodgify: LodgifyClient, subscription_id: str) -> None:
    """Remove one webhook subscription; one Lodgify no longer has is already gone."""
    try:
        await lodgify.async_unsubscribe(subscription_id)
    except LodgifyError as err:
        if err.key != "not_found":
            raise
