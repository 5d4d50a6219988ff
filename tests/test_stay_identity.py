"""A stay keeps its identity (and so its code) whichever sources join or leave it.

Jane booked through VRBO; her code is on the front door. Then the same visit shows up in the Airbnb calendar
(whose id sorts first). It stays one stay with the same code, on the lock and in guest_pins' memory, also
after a restart.
"""

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import DEFAULT_OPTIONS, DOMAIN

from .property_builders import FEED_URL, at, calendar_subentry, load_property, lock_subentry, move_to
from .zwave_double import FakeZWaveLock

VRBO_URL = "https://www.vrbo.com/icalendar/jane.ics"


def feed(uid: str, phone: str | None) -> bytes:
    """Return a feed listing Jane's Dec 15-18 visit under `uid` (with her phone's last digits, if given)."""
    description = f"DESCRIPTION:Phone Number (Last 4 Digits): {phone}\r\n" if phone else ""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218\r\nSUMMARY:Reserved\r\n"
        f"{description}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


EMPTY = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"


async def test_a_source_joining_a_stay_does_not_rename_it(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> None:
    """VRBO's stay, then Airbnb's listing of it: one stay, the same id and code; no write to the lock."""
    aioclient_mock.get(VRBO_URL, content=feed("vr-jane@vrbo.com", "4567"))
    aioclient_mock.get(FEED_URL, content=EMPTY)
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Beach House",
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[
            lock_subentry(),
            calendar_subentry(),  # Airbnb, id "cal1": sorts before "vrbo"
            calendar_subentry(VRBO_URL, subentry_id="vrbo", name="VRBO"),
        ],
    )
    async with load_property(hass, freezer, aioclient_mock, entry, serve_feed=False):
        manager = entry.runtime_data.manager
        await move_to(hass, freezer, at(2026, 12, 15, 15, 59, 30))
        assert zwave_lock.slots[1] == "4567"
        (stay,) = manager.plan.stay_plan.stays  # type: ignore[union-attr]
        assert stay.stay_id == "vrbo/vr-jane@vrbo.com"
        writes = len(zwave_lock.writes)

        aioclient_mock.clear_requests()
        aioclient_mock.get(VRBO_URL, content=feed("vr-jane@vrbo.com", "4567"))
        aioclient_mock.get(FEED_URL, content=feed("hm-jane@airbnb.com", "4567"))
        await hass.services.async_call(DOMAIN, "sync", {"config_entry_id": entry.entry_id}, blocking=True)
        await move_to(hass, freezer, at(2026, 12, 15, 16, 5))
        (joined,) = manager.plan.stay_plan.stays  # type: ignore[union-attr]
        assert joined.stay_id == "vrbo/vr-jane@vrbo.com"
        assert set(joined.sources) == {"cal1/hm-jane@airbnb.com", "vrbo/vr-jane@vrbo.com"}
        assert joined.code == "4567"
        assert manager.state.memory[joined.stay_id].frozen
        assert len(zwave_lock.writes) == writes  # nothing to rewrite

        # VRBO's listing goes; Airbnb's stays: still the same stay, after a restart too.
        aioclient_mock.clear_requests()
        aioclient_mock.get(VRBO_URL, content=EMPTY)
        aioclient_mock.get(FEED_URL, content=feed("hm-jane@airbnb.com", "4567"))
        assert await hass.config_entries.async_reload(entry.entry_id)
        await hass.async_block_till_done()
        (left,) = entry.runtime_data.manager.plan.stay_plan.stays  # type: ignore[union-attr]
        assert left.stay_id == "vrbo/vr-jane@vrbo.com"
        assert len(zwave_lock.writes) == writes
