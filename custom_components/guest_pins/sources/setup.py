"""Starting a property's reservation sources: their stores, first pulls, webhooks, Lodgify subscriptions."""

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from zoneinfo import ZoneInfo

from homeassistant.components import webhook
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.network import NoURLAvailableError

from ..alerts import Alert, AlertCenter
from ..const import DOMAIN, LOGGER
from ..settings import PropertySettings
from .coordinator import SourceCoordinator, source_scope
from .lodgify import EVENTS, LodgifyError
from .webhook import webhook_handler


async def async_start_sources(
    hass: HomeAssistant, entry: ConfigEntry, settings: PropertySettings, zone: ZoneInfo, alerts: AlertCenter
) -> dict[str, SourceCoordinator]:
    """Return the property's sources, each started from its store (the first pull is the first sync's)."""
    coordinators = {
        source_id: SourceCoordinator(hass, entry, settings, source, zone, alerts)
        for source_id, source in settings.sources.items()
    }
    await asyncio.gather(*(coordinator.async_load() for coordinator in coordinators.values()))
    return coordinators


def pulled(coordinators: Mapping[str, SourceCoordinator]) -> list[str]:
    """Return the sources read by polling (a webhook-only source has nothing to pull)."""
    return [source_id for source_id, coordinator in coordinators.items() if coordinator.update_interval]


def register_webhooks(
    hass: HomeAssistant,
    entry: ConfigEntry,
    coordinators: Mapping[str, SourceCoordinator],
    replan: Callable[[], Awaitable[None]],
) -> None:
    """Take each source's pushes (until the property unloads)."""
    for coordinator in coordinators.values():
        webhook_id = coordinator.source.webhook_id
        if not webhook_id:
            continue
        webhook.async_register(
            hass,
            DOMAIN,
            f"{entry.title}: {coordinator.source.title}",
            webhook_id,
            webhook_handler(coordinator, replan),
            allowed_methods=["POST"],
        )
        entry.async_on_unload(partial(webhook.async_unregister, hass, webhook_id))


async def async_subscribe_lodgify(hass: HomeAssistant, coordinators: Mapping[str, SourceCoordinator]) -> None:
    """Subscribe each Lodgify source's webhooks once (their secrets are shown only then, and kept)."""
    for coordinator in coordinators.values():
        client, source = coordinator.lodgify, coordinator.source
        if client is None or not source.webhook_id or coordinator.state.subscriptions:
            continue
        try:
            url = webhook.async_generate_url(hass, source.webhook_id)
        except NoURLAvailableError:
            coordinator.alerts.sync(
                source_scope(source.source_id),
                [Alert(f"no_webhook_url_{source.source_id}", "no_webhook_url", {"source": source.title})],
            )
            continue
        try:
            for event in EVENTS:
                subscription_id, secret = await client.async_subscribe(url, event)
                coordinator.state.subscriptions.append(
                    {"id": subscription_id, "event": event, "secret": secret}
                )
        except (LodgifyError, TimeoutError, OSError) as err:
            # Polling still works; the subscription is tried again at the next start.
            LOGGER.warning("Could not subscribe %s's webhooks: %s", source.title, type(err).__name__)
        await coordinator.async_save()
