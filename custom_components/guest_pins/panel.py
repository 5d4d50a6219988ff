"""The Guest PINs panel (administrators) and dashboard card (everyone), served from the integration.

The built bundles live in `www/` (hosts install from HACS with no build step); their URLs carry a hash of
their content, so the month-long cache never serves an old bundle after an update. The static path is
registered once per Home Assistant run (it cannot be removed); the panel and the card's module are added
with the first loaded property and removed with the last.
"""

import hashlib
from pathlib import Path

from homeassistant.components import frontend, panel_custom
from homeassistant.components.http.server import StaticPathConfig
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import translation
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN

WWW = Path(__file__).parent / "www"
STATIC_URL = f"/{DOMAIN}_static"
PANEL_PATH = DOMAIN
PANEL_ELEMENT = "guest-pins-panel"
PANEL_BUNDLE = f"{PANEL_ELEMENT}.js"
CARD_BUNDLE = "guest-pins-card.js"
PANEL_ICON = "mdi:key-chain-variant"
# The static path's registration survives reloads: aiohttp cannot remove a route, nor add it twice.
_STATIC: HassKey[str] = HassKey(f"{DOMAIN}_static_version")
_CARD_URL: HassKey[str] = HassKey(f"{DOMAIN}_card_url")


def bundle_version() -> str:
    """Return a short hash of the bundles (blocking: it reads them)."""
    digest = hashlib.sha256()
    for name in (PANEL_BUNDLE, CARD_BUNDLE):
        digest.update((WWW / name).read_bytes())
    return digest.hexdigest()[:12]


async def async_add_panel(hass: HomeAssistant) -> None:
    """Serve the bundles, add the sidebar panel (administrators) and load the card on every dashboard."""
    version = hass.data.get(_STATIC)
    if version is None:
        version = await hass.async_add_executor_job(bundle_version)
        await hass.http.async_register_static_paths(
            [StaticPathConfig(STATIC_URL, str(WWW), cache_headers=True)]
        )
        hass.data[_STATIC] = version
    if not frontend.async_panel_exists(hass, PANEL_PATH):
        await panel_custom.async_register_panel(
            hass,
            frontend_url_path=PANEL_PATH,
            webcomponent_name=PANEL_ELEMENT,
            sidebar_title=await _async_title(hass),
            sidebar_icon=PANEL_ICON,
            module_url=f"{STATIC_URL}/{PANEL_BUNDLE}?v={version}",
            require_admin=True,
            config={"version": version},
        )
    if "frontend" in hass.config.components and _CARD_URL not in hass.data:
        card_url = f"{STATIC_URL}/{CARD_BUNDLE}?v={version}"
        frontend.add_extra_js_url(hass, card_url)
        hass.data[_CARD_URL] = card_url


async def _async_title(hass: HomeAssistant) -> str:
    """Return the sidebar's title in Home Assistant's language (the sidebar shows one fixed string)."""
    strings = await translation.async_get_translations(hass, hass.config.language, "config_panel", [DOMAIN])
    return strings.get(f"component.{DOMAIN}.config_panel.panel.title", "Guest PINs")


@callback
def async_remove_panel(hass: HomeAssistant) -> None:
    """Remove the panel and the card's module (the last property was unloaded)."""
    frontend.async_remove_panel(hass, PANEL_PATH, warn_if_unknown=False)
    if (card_url := hass.data.pop(_CARD_URL, None)) is not None and "frontend" in hass.config.components:
        frontend.remove_extra_js_url(hass, card_url)
