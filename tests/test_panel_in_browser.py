"""The Guest PINs panel and card in a real browser, on Home Assistant's real frontend.

Three guests at the Beach House: Anna (Dec 12-14, gone), Jane (Dec 15-18, in since 16:40) and Max
(Dec 18-20, coming); a cleaner on Saturdays and a manager always. It is Tuesday 15 Dec 2026, 16:41.
"""

from collections.abc import AsyncGenerator
import json
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from playwright.async_api import Page, expect
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from .browser import Site, screenshot
from .notify_stand_ins import async_install_host_phone, async_install_sms
from .property_builders import at, move_to, static_subentry
from .test_journey import jane_loaded
from .zwave_double import FakeZWaveLock, keypad

THREE_GUESTS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pms//EN\r\n"
    b"BEGIN:VEVENT\r\nUID:anna@pms\r\nDTSTART;VALUE=DATE:20261212\r\nDTEND;VALUE=DATE:20261214\r\n"
    b"SUMMARY:Reserved - Anna Berg\r\nDESCRIPTION:Phone: +46 70 123 1357\r\nEND:VEVENT\r\n"
    b"BEGIN:VEVENT\r\nUID:jane@pms\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218\r\n"
    b"SUMMARY:Reserved - Jane Doe\r\n"
    b"DESCRIPTION:Phone: +49 151 2345 4567\\nReservation code: HMJANE1234\r\nEND:VEVENT\r\n"
    b"BEGIN:VEVENT\r\nUID:max@pms\r\nDTSTART;VALUE=DATE:20261218\r\nDTEND;VALUE=DATE:20261220\r\n"
    b"SUMMARY:Reserved - Max Mustermann\r\nDESCRIPTION:Phone: +49 170 555 2468\r\nEND:VEVENT\r\n"
    b"END:VCALENDAR\r\n"
)
NOW = at(2026, 12, 15, 16, 41)
TRANSLATIONS = Path(__file__).parent.parent / "custom_components" / "guest_pins" / "translations"
JANE, MAX, ANNA = "cal1/jane@pms", "cal1/max@pms", "cal1/anna@pms"


@pytest.fixture
async def rental(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
    site: Site,
) -> AsyncGenerator[MockConfigEntry]:
    """Load the property on Monday, let Jane in on Tuesday at 16:40, and stop the clock at 16:41."""
    await async_install_sms(hass)
    await async_install_host_phone(hass)
    statics = [
        static_subentry("Cleaner - Maria", "5831", {"saturday": "10:00-14:00"}),
        static_subentry("Manager", "9911"),
    ]
    async with jane_loaded(hass, freezer, aioclient_mock, property_data, THREE_GUESTS, statics) as loaded:
        await move_to(hass, freezer, at(2026, 12, 15, 15, 59, 30))
        await move_to(hass, freezer, at(2026, 12, 15, 16, 40))
        keypad(hass, "lock.front_door", user=1)
        await move_to(hass, freezer, NOW)
        yield loaded


def bar(page: Page, stay_id: str) -> Any:
    """Return a stay's bar on the timeline."""
    return page.locator(f'[data-testid="stay-bar"][data-stay="{stay_id}"]')


async def test_the_timeline_shows_who_may_enter_when(
    site: Site, rental: MockConfigEntry, hass_admin_user: MockUser
) -> None:
    """One row for the front door: Anna gone, Jane checked in, Max coming; the cleaner and the manager."""
    page = await site.page(hass_admin_user, NOW)
    await expect(page.get_by_test_id("lock-row")).to_have_count(1)
    await expect(bar(page, JANE)).to_have_attribute("data-state", "checked_in")
    await expect(bar(page, MAX)).to_have_attribute("data-state", "scheduled")
    await expect(bar(page, ANNA)).to_have_attribute("data-state", "ended")
    assert (await bar(page, JANE).get_attribute("aria-label") or "").startswith("Jane Doe, ")
    statics = page.get_by_test_id("static-bar")
    assert {await item.get_attribute("aria-label") or "" for item in await statics.all()} >= set()
    labels = " ".join([await item.get_attribute("aria-label") or "" for item in await statics.all()])
    assert "Cleaner - Maria" in labels
    assert "Manager" in labels
    content = await page.content()
    for code in ("4567", "2468", "1357", "5831", "9911"):
        assert code not in content
    await screenshot(page, "timeline")


async def test_an_administrator_reveals_a_stays_code(
    site: Site, rental: MockConfigEntry, hass_admin_user: MockUser
) -> None:
    """Jane's stay: masked until revealed; her state on the front door; her first use."""
    page = await site.page(hass_admin_user, NOW)
    await bar(page, JANE).click()
    code = page.get_by_test_id("stay-code")
    await expect(code).to_have_text("••••")
    await page.get_by_test_id("reveal").click()
    await expect(code).to_have_text("4567")
    await expect(page.get_by_text("HMJANE1234")).to_be_visible()
    await screenshot(page, "stay")


async def test_the_lock_shows_its_slots_and_queue(
    site: Site, rental: MockConfigEntry, hass_admin_user: MockUser
) -> None:
    """The front door: Jane, the manager and the backup in their slots, codes masked."""
    page = await site.page(hass_admin_user, NOW)
    await page.get_by_test_id("lock-name").click()
    slots = page.get_by_test_id("slots")
    await expect(slots).to_contain_text("Jane Doe")
    await expect(slots).to_contain_text("Manager")
    assert "4567" not in await slots.inner_text()
    await screenshot(page, "lock")


async def test_a_user_who_is_not_an_administrator_cannot_reveal(
    site: Site, rental: MockConfigEntry, hass_read_only_user: MockUser
) -> None:
    """No panel in their sidebar, and the server refuses the reveal they ask for all the same."""
    page = await site.page(hass_read_only_user, NOW, path="/lovelace/0")
    await page.wait_for_function("document.querySelector('home-assistant')?.hass?.panels?.lovelace")
    answer = await page.evaluate(
        """async ([entry, stay]) => {
            const hass = document.querySelector('home-assistant').hass;
            try { return await hass.callWS({type: 'guest_pins/reveal', entry_id: entry, stay_id: stay}); }
            catch (err) { return err; }
        }""",
        [rental.entry_id, JANE],
    )
    assert answer["code"] == "unauthorized"
    panels = await page.evaluate("Object.keys(document.querySelector('home-assistant').hass.panels)")
    assert "guest_pins" not in panels
    assert "4567" not in json.dumps(answer)


async def test_a_new_code_for_max_reaches_the_lock(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    site: Site,
    rental: MockConfigEntry,
    hass_admin_user: MockUser,
    zwave_lock: FakeZWaveLock,
) -> None:
    """Regenerate Max's code in the panel: the new one, not his phone's, is on the door when he arrives."""
    page = await site.page(hass_admin_user, NOW)
    await bar(page, MAX).click()
    await page.get_by_test_id("regenerate").click()
    await page.get_by_test_id("regenerate-confirm").click()
    await expect(page.get_by_test_id("success")).to_be_visible()
    await page.get_by_test_id("reveal").click()
    code = page.get_by_test_id("stay-code")
    await expect(code).not_to_have_text("••••")
    new_code = await code.inner_text()
    assert new_code.isdigit()
    assert new_code != "2468"
    await move_to(hass, freezer, at(2026, 12, 18, 15, 59, 30))
    assert new_code in zwave_lock.slots.values()
    assert "2468" not in zwave_lock.slots.values()


async def test_the_card_on_a_dashboard(
    hass: HomeAssistant, site: Site, rental: MockConfigEntry, hass_read_only_user: MockUser
) -> None:
    """A user who is not an administrator sees who is in, who comes next and whether their code is ready."""
    page = await site.page(hass_read_only_user, NOW, path="/lovelace/0")
    card = page.get_by_test_id("guest-pins-card")
    await expect(card).to_be_visible()
    await expect(page.get_by_test_id("card-current")).to_have_text("Jane Doe")
    await expect(page.get_by_test_id("card-next")).to_contain_text("Max Mustermann")
    assert "4567" not in await card.inner_text()
    await screenshot(page, "card")


async def test_the_panel_speaks_german(
    site: Site, rental: MockConfigEntry, hass_admin_user: MockUser
) -> None:
    """A browser in German gets the panel in German."""
    german = json.loads(
        (
            __import__("pathlib").Path(__file__).parent.parent
            / "custom_components/guest_pins/translations/de.json"
        ).read_text(encoding="utf-8")
    )["config_panel"]["panel"]
    page = await site.page(hass_admin_user, NOW, locale="de-DE")
    await expect(page.get_by_test_id("tab-timeline")).to_have_text(german["tab_timeline"])
    await expect(bar(page, JANE)).to_be_visible()
    await screenshot(page, "timeline-de")
