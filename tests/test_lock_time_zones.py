"""Windows and schedules go onto locks in the property's time zone, not Home Assistant's (issue 14, 3).

The property is in Berlin; Home Assistant runs in New York (a server far from the rental). Both change
their clocks on other days: only Berlin's changes may move anything on the locks.
"""

from collections.abc import Generator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import CONF_PATH, DEFAULT_OPTIONS, DOMAIN
from custom_components.guest_pins.locks.tuya import password_name

from .property_builders import (
    BERLIN,
    FEED_URL,
    FeedServer,
    calendar_subentry,
    feed_around_today,
    ical,
    load_property,
    lock_subentry,
    move_to,
    static_subentry,
)
from .test_tuya import ENTITY, tuya_property
from .tuya_peer import TuyaCloudEmulator, tuya_cloud
from .waiting import until
from .zwave_peer import CODES_NODE, ZWavePeer

SERVER_ZONE = "America/New_York"
CLEANER_SLOT = 8  # the first static slot


@pytest.fixture
def cloud(
    socket_enabled: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Generator[TuyaCloudEmulator]:
    """Run the emulator of Tuya's cloud for the test."""
    with tuya_cloud(monkeypatch, tmp_path) as emulator:
        yield emulator


def utc(*args: int) -> datetime:
    """Return an instant given in UTC."""
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


async def test_a_tuya_week_is_rewritten_at_the_propertys_dst_changes_only(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    cloud: TuyaCloudEmulator,
    property_data: dict[str, Any],
) -> None:
    """The cleaner's Saturdays 10:00-14:00 keep Berlin's time on a Tuya lock all year.

    Tuya keeps a schedule at the UTC offset it was written with: "+01:00" in winter, rewritten to "+02:00"
    when Berlin enters summer time and back when it leaves, once each; New York's changes, weeks apart
    from Berlin's, write nothing.
    """
    entry = tuya_property(
        property_data, static_subentry("Cleaner - Maria", "5678901", {"saturday": "10:00-14:00"})
    )
    aioclient_mock.get(FEED_URL, content=ical())

    def written() -> tuple[str, list[dict[str, int]], int]:
        """Return the cleaner's password's offset and week, and how many passwords were created so far."""
        password = cloud.held()[password_name(CLEANER_SLOT)]
        return password["time_zone"], password["schedule_list"], len(cloud.passwords)

    saturday = [{"effective_time": 600, "invalid_time": 840, "working_day": 0b1000000}]
    async with load_property(hass, freezer, aioclient_mock, entry, serve_feed=False, server_zone=SERVER_ZONE):
        hass.states.async_set(ENTITY, "locked", force_update=True)  # the lock reports: it takes writes
        await hass.async_block_till_done()
        winter = written()
        assert winter[:2] == ("+01:00", saturday)

        # New York enters summer time on 14 March: nothing moves on a lock in Berlin.
        await move_to(hass, freezer, utc(2027, 3, 14, 7, 0, 31))
        assert written() == winter
        # Berlin enters it on 28 March at 01:00 UTC: the week is written again at Berlin's new offset.
        await move_to(hass, freezer, utc(2027, 3, 28, 1, 0, 31))
        await move_to(hass, freezer, utc(2027, 3, 28, 1, 1, 5))
        summer = written()
        assert summer == ("+02:00", saturday, winter[2] + 1)

        # Berlin leaves summer time on 31 October, New York on 7 November (which changes nothing).
        await move_to(hass, freezer, utc(2027, 10, 31, 1, 0, 31))
        await move_to(hass, freezer, utc(2027, 10, 31, 1, 1, 5))
        autumn = written()
        assert autumn == ("+01:00", saturday, winter[2] + 2)
        await move_to(hass, freezer, utc(2027, 11, 7, 6, 1, 5))
        assert written() == autumn


async def test_a_zwave_lock_gets_the_stay_in_the_propertys_local_time(
    zwave_peer: ZWavePeer,
    hass: HomeAssistant,
    zwave_locks: dict[int, str],
    feed_server: FeedServer,
    property_data: dict[str, Any],
) -> None:
    """The real zwave-js lock's year-day schedule says 16:00 to 11:00, Berlin's check-in and check-out.

    The lock compares it with its own clock, which keeps the property's time; written in New York's time
    it would open six hours late and close six hours late. Real time: the peer is a real process.
    """
    await hass.config.async_set_time_zone(SERVER_ZONE)
    lock = lock_subentry(entity_id=zwave_locks[CODES_NODE])
    lock["data"] = {**lock["data"], CONF_PATH: "zwave_js"}
    feed_server.content = feed_around_today()
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock, calendar_subentry(feed_server.url)],
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)

    def written() -> bool:
        """Return whether the lock holds the guest's code and its stay's days (the first sync's writes)."""
        held = zwave_peer.held(CODES_NODE, 1)
        return bool(held["code"] == "4567" and held["yearDay"])

    # The first sync lands in the background a moment after set-up; its code and its days in turn.
    await until(written, "the guest's code and its stay's days on the lock")
    schedule = zwave_peer.held(CODES_NODE, 1)["yearDay"]
    plan = entry.runtime_data.manager.plan
    assert plan is not None
    (stay,) = plan.stay_plan.stays
    checkin, checkout = stay.checkin.astimezone(BERLIN), stay.checkout.astimezone(BERLIN)
    assert (checkin.hour, checkout.hour) == (16, 11)
    assert (schedule["startHour"], schedule["startMinute"], schedule["stopHour"]) == (16, 0, 11)
    assert (schedule["startDay"], schedule["stopDay"]) == (checkin.day, checkout.day)
    assert await hass.config_entries.async_unload(entry.entry_id)
