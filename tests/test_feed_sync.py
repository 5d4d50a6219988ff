"""Syncs that cost nothing when nothing changed, and a set-up that waits for no calendar server."""

import asyncio
from datetime import UTC
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed
from pytest_homeassistant_custom_component.test_util.aiohttp import (
    AiohttpClientMocker,
    AiohttpClientMockResponse,
)

from custom_components.guest_pins.const import CONF_CHECKIN_TIME
from custom_components.guest_pins.coordinator import CalendarCoordinator
from custom_components.guest_pins.core.feeds import read_feed

from .core.builders import feed
from .property_builders import CALENDAR_ID, FEED_URL, LOCK_ID, at, ical, load_property, move_to
from .zwave_double import FakeZWaveLock

# No ETag, as most platforms: each sync fetches the whole body. Loaded on 14 Dec 2026 at 12:00 in Berlin
# (11:00 UTC), with a 30-day look-back and a 365-day horizon: "past" leaves the window and "next year" enters
# it when the 15th begins in UTC.
FEED = ical(
    ("past@test", "20261110", "20261115", ""),
    ("now@test", "20261215", "20261218", "Phone Number (Last 4 Digits): 4567"),
    ("next-year@test", "20271215", "20271218", ""),
)


def stamped(stamp: str) -> bytes:
    """Return the feed as generated at an instant: many platforms stamp each event with the request's time."""
    return FEED.replace(b"BEGIN:VEVENT\r\n", f"BEGIN:VEVENT\r\nDTSTAMP:{stamp}\r\n".encode())


READS = "custom_components.guest_pins.coordinator.read_feed"
LAST_SYNC = "sensor.airbnb_last_sync"


def uids(coordinator: CalendarCoordinator) -> list[str]:
    """Return the uids of the calendar's events."""
    return [event.uid for event in coordinator.data.events]


def checkins(entry: MockConfigEntry) -> list[str]:
    """Return the check-in days of the stays planned, in order."""
    plan = entry.runtime_data.manager.plan
    assert plan is not None
    return sorted(stay.checkin.date().isoformat() for stay in plan.stay_plan.stays)


async def test_an_unchanged_feed_is_narrowed_to_each_sync_not_read_again(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_entry: MockConfigEntry,
) -> None:
    """The same body costs a hash: events still leave and enter the window; it is read again a day on."""
    aioclient_mock.get(FEED_URL, content=stamped("20261214T110000Z"))
    async with load_property(hass, freezer, aioclient_mock, property_entry, serve_feed=False) as entry:
        coordinator: CalendarCoordinator = entry.runtime_data.coordinators[CALENDAR_ID]  # type: ignore[assignment]
        manager = entry.runtime_data.manager
        assert uids(coordinator) == ["past@test", "now@test"]
        aioclient_mock.clear_requests()
        aioclient_mock.get(FEED_URL, content=stamped("20261214T110031Z"))  # generated again: new DTSTAMPs
        with patch(READS, wraps=read_feed) as reads:
            plan, data = manager.plan, coordinator.data
            await coordinator.async_refresh()
            async_fire_time_changed(hass)  # past the manager's debounce of a calendar's update
            await hass.async_block_till_done()
            assert coordinator.data is data
            assert manager.plan is plan  # nothing changed: nothing replanned
            # The sync itself is shown, even though it changed nothing.
            synced = at(2026, 12, 14, 12, 0, 31).astimezone(UTC).isoformat()
            assert hass.states.get(LAST_SYNC).state == synced  # type: ignore[union-attr]

            # 02:00 in Berlin is 01:00 on the 15th in UTC: the window moved on by a day (its periodic sync).
            await move_to(hass, freezer, at(2026, 12, 15, 2))
            await coordinator.async_refresh()
            assert uids(coordinator) == ["now@test", "next-year@test"]
            assert reads.call_count == 0

            # A day after the body was read, it is read again; a 304 reads the body it kept.
            aioclient_mock.clear_requests()
            aioclient_mock.get(FEED_URL, status=304)
            await move_to(hass, freezer, at(2026, 12, 15, 12, 1))
            await coordinator.async_refresh()
            assert reads.call_count >= 1
            assert coordinator.last_update_success
            assert uids(coordinator) == ["now@test", "next-year@test"]
        await move_to(hass, freezer, at(2026, 12, 15, 16))
        assert zwave_lock.slots[1] == "4567"  # the stay of the 15th, at its check-in


async def test_set_up_waits_for_no_calendar_server(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_entry: MockConfigEntry,
) -> None:
    """A server that does not answer: the property loads and plans from what it kept; the fresh feed follows.

    Its static PINs and the stays of the feed it kept are planned at once; a new stay once the server answers.
    """
    async with load_property(hass, freezer, aioclient_mock, property_entry) as entry:
        assert await hass.config_entries.async_unload(entry.entry_id)
        answer = asyncio.Event()
        fresh = feed("airbnb.ics").replace(
            b"END:VCALENDAR",
            b"BEGIN:VEVENT\r\nUID:new@airbnb.com\r\nDTSTART;VALUE=DATE:20270105\r\n"
            b"DTEND;VALUE=DATE:20270108\r\nSUMMARY:Reserved\r\nEND:VEVENT\r\nEND:VCALENDAR",
        )

        async def silent(method: str, url: Any, _data: Any) -> AiohttpClientMockResponse:
            """Say nothing until told to answer, then serve the feed with a new stay."""
            await answer.wait()
            return AiohttpClientMockResponse(method, url, response=fresh)

        aioclient_mock.clear_requests()
        aioclient_mock.get(FEED_URL, side_effect=silent)
        setting_up = asyncio.create_task(hass.config_entries.async_setup(entry.entry_id))
        # Set-up's own steps (store loads in the executor, the platforms' tasks), however many, but no answer:
        # a thousand turns of the loop (the clock is frozen: a pause would never end), the server silent.
        for _ in range(1000):
            await hass.async_block_till_done()
            if setting_up.done():
                break
            await asyncio.sleep(0)
        if not setting_up.done():
            answer.set()
            await setting_up
            pytest.fail("set-up waited for the calendar server")
        assert setting_up.result()
        assert entry.state is ConfigEntryState.LOADED
        # The first sync runs in the background: it may ask the server a few loop turns after set-up ended.
        for _ in range(1000):
            if aioclient_mock.call_count:
                break
            await asyncio.sleep(0)
        assert aioclient_mock.call_count == 1  # asked, and still waiting
        plan = entry.runtime_data.manager.plan
        assert plan is not None
        assert {slot.code for slot in plan.locks[LOCK_ID].slots.values()} >= {"9911"}  # the manager, always
        assert checkins(entry) == ["2026-12-15", "2026-12-20"]

        answer.set()
        await hass.async_block_till_done(wait_background_tasks=True)
        assert checkins(entry) == ["2026-12-15", "2026-12-20", "2027-01-05"]


async def test_a_restart_starts_from_the_kept_reading_and_parses_no_feed(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_entry: MockConfigEntry,
) -> None:
    """Set-up plans from the events kept at the last sync; under other settings it reads the kept body.

    A property of hundreds of calendars would otherwise parse every cached feed before it could load.
    """
    async with load_property(hass, freezer, aioclient_mock, property_entry) as entry:
        assert await hass.config_entries.async_unload(entry.entry_id)
        aioclient_mock.clear_requests()
        aioclient_mock.get(FEED_URL, status=503)  # the restart's first sync fails: what was kept stays
        with patch(READS, wraps=read_feed) as reads:
            assert await hass.config_entries.async_setup(entry.entry_id)
            await hass.async_block_till_done(wait_background_tasks=True)
            assert reads.call_count == 0
            assert checkins(entry) == ["2026-12-15", "2026-12-20"]
            assert await hass.config_entries.async_unload(entry.entry_id)

            # Check-in at 15:00 now: the events kept were read with 16:00, so the kept body is read again.
            hass.config_entries.async_update_entry(
                entry, options={**entry.options, CONF_CHECKIN_TIME: "15:00:00"}
            )
            assert await hass.config_entries.async_setup(entry.entry_id)
            await hass.async_block_till_done(wait_background_tasks=True)
            assert reads.call_count == 1
            plan = entry.runtime_data.manager.plan
            assert plan is not None
            assert {stay.checkin.hour for stay in plan.stay_plan.stays} == {15}


async def test_a_removed_calendar_keeps_nothing_even_what_it_was_about_to_write(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """The listing changed just before the host removed the calendar: its copy (guests' stays) is not kept."""
    aioclient_mock.get(FEED_URL, content=FEED)
    async with load_property(hass, freezer, aioclient_mock, property_entry, serve_feed=False) as entry:
        feed_key = f"guest_pins.{entry.entry_id}.feed.{CALENDAR_ID}"
        assert "now@test" in str(hass_storage[feed_key])
        aioclient_mock.clear_requests()
        aioclient_mock.get(FEED_URL, content=stamped("20261214T110031Z").replace(b"20261218", b"20261219"))
        await entry.runtime_data.coordinators[CALENDAR_ID].async_refresh()  # its reading waits a second
        hass.config_entries.async_remove_subentry(entry, CALENDAR_ID)
        await hass.async_block_till_done()
        assert entry.state is ConfigEntryState.LOADED
        assert feed_key not in hass_storage
        await move_to(hass, freezer, at(2026, 12, 14, 12, 0, 45))  # the second it would have waited is over
        assert feed_key not in hass_storage
        assert entry.runtime_data.manager.plan is not None
        assert checkins(entry) == []
