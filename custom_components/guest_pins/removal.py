"""What a removed property, calendar or reservation source leaves behind goes with it.

Each keeps a private store on disk: the property its codes, a calendar its last feed (guests' names), a source
its bookings (names, phones, e-mails) and tokens. Outside Home Assistant, a Lodgify source subscribed webhooks
that would go on posting guests' bookings to a dead address, and a Beds24 source holds a refresh token that
would go on opening the account. All of it is removed, best effort: a system that cannot be reached is logged
(by the error's type) and the local copy is removed all the same.
"""

from collections.abc import Iterable

import aiohttp
from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .const import LOGGER, SOURCE_KINDS, SUBENTRY_BEDS24, SUBENTRY_CALENDAR, SUBENTRY_LODGIFY
from .coordinator import create_feed_cache
from .sources.beds24 import Beds24Client, Beds24Error
from .sources.lodgify import LodgifyClient, LodgifyError
from .sources.settings import SourceSettings, source_settings
from .sources.store import SourceState, create_source_store
from .storage import create_store

# What a call to a system that is gone, refuses or times out raises.
_UNREACHABLE = (Beds24Error, LodgifyError, aiohttp.ClientError, TimeoutError, OSError)


async def async_forget_property(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Remove everything a removed property kept: its calendars', its sources' and its own store."""
    await async_forget_subentries(hass, entry.entry_id, entry.subentries.values())
    await create_store(hass, entry.entry_id).async_remove()


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
