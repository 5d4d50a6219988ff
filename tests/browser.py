"""A real browser on Home Assistant's real frontend, served by the test's own Home Assistant.

Debian's chromium driven by Playwright (Playwright's own browser download cannot work on these machines);
Home Assistant's frontend (the version 2026.10.4 pins) served from the `hass` fixture's HTTP app; the user's
access token put where the frontend keeps it. The browser's clock is set to Home Assistant's frozen one.
"""

from collections.abc import AsyncGenerator
from dataclasses import dataclass
from datetime import datetime
import json
import os
from pathlib import Path
import shutil

from homeassistant.core import HomeAssistant
from playwright.async_api import Browser, Page, async_playwright, expect
import pytest
from pytest_homeassistant_custom_component.common import CLIENT_ID, MockUser
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

# Home Assistant's frontend takes a few seconds to start on a busy two-core machine.
expect.set_options(timeout=20_000)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Where screenshots go (a CI artefact); the README links copies of some in docs/screenshots.
ARTIFACTS = Path(os.environ.get("GUEST_PINS_ARTIFACTS", Path(__file__).parent / "artifacts"))
ONBOARDED = {
    "version": 4,
    "key": "onboarding",
    "data": {"done": ["user", "core_config", "analytics", "integration"]},
}


# The default dashboard: the front door's Guest PINs card.
DASHBOARD = {
    "version": 1,
    "key": "lovelace",
    "data": {
        "config": {
            "views": [
                {
                    "title": "Home",
                    "cards": [{"type": "custom:guest-pins-card", "entity": "sensor.front_door_stay_status"}],
                }
            ]
        }
    },
}


def chromium() -> str:
    """Return Debian's chromium; skip without it (fail under CI, which installs it)."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is needed for the browser tests (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


@dataclass
class Site:
    """Home Assistant's frontend as a browser reaches it."""

    hass: HomeAssistant
    browser: Browser
    aiohttp_client: ClientSessionGenerator
    base: str = ""

    async def page(
        self, user: MockUser, now: datetime, *, path: str = "/guest_pins", locale: str = "en-US"
    ) -> Page:
        """Open a page as `user` (a token made at Home Assistant's frozen time), with the browser's clock."""
        if not self.base:
            client = await self.aiohttp_client(self.hass.http.app)
            self.base = str(client.make_url("")).rstrip("/")
        refresh = await self.hass.auth.async_create_refresh_token(user, CLIENT_ID)
        tokens = {
            "hassUrl": self.base,
            "clientId": f"{self.base}/",
            "expires": int(now.timestamp() * 1000) + 3_600_000,
            "refresh_token": "unused",
            "access_token": self.hass.auth.async_create_access_token(refresh),
            "expires_in": 3600,
        }
        context = await self.browser.new_context(
            viewport={"width": 1280, "height": 800}, locale=locale, timezone_id="Europe/Berlin"
        )
        await context.add_init_script(
            f"localStorage.setItem('hassTokens', {json.dumps(json.dumps(tokens))});"
        )
        page = await context.new_page()
        await page.clock.set_fixed_time(now)
        await page.goto(f"{self.base}{path}")
        return page


async def launch(socket_enabled: None) -> AsyncGenerator[Browser]:
    """Start headless chromium (the `browser` fixture)."""
    executable = chromium()
    async with async_playwright() as playwright:
        started = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield started
        await started.close()


async def serve(
    hass: HomeAssistant,
    hass_storage: dict[str, object],
    aiohttp_client: ClientSessionGenerator,
    browser: Browser,
) -> Site:
    """Set up the frontend (onboarding done, the default dashboard with the card); the `site` fixture.

    The web server starts with the first page: it cannot take new routes once it runs, and the property's
    set-up still adds some.
    """
    from homeassistant.setup import async_setup_component  # noqa: PLC0415 - after the harness's patches

    hass_storage["onboarding"] = ONBOARDED
    hass_storage["lovelace"] = DASHBOARD
    assert await async_setup_component(hass, "frontend", {})
    assert await async_setup_component(hass, "lovelace", {})
    return Site(hass, browser, aiohttp_client)


async def screenshot(page: Page, name: str) -> None:
    """Keep what the page shows, as a test artefact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - a test artefact folder, once
    # Home Assistant's launch screen fades out over the loaded page: wait until it is gone.
    await page.wait_for_function("!document.getElementById('ha-launch-screen')")
    await page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
