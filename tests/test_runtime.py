"""End to end through Home Assistant's core: a feed over HTTP, codes written with the Z-Wave JS actions."""

from datetime import timedelta
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import (
    AiohttpClientMocker,
    AiohttpClientMockResponse,
)

from custom_components.guest_pins.const import DEFAULT_OPTIONS, DOMAIN
from custom_components.guest_pins.core.engine import plan_property

from .core.builders import feed
from .leaks import places_holding
from .property_builders import (
    CALENDAR_ID,
    FEED_URL,
    at,
    calendar_subentry,
    load_property,
    lock_subentry,
    move_to,
)
from .zwave_double import LOCK_ENTITY, FakeZWaveLock


async def test_guest_codes_follow_the_stays(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """US1-1/2/3 and US2-1/2/3: codes arrive at check-in, leave at check-out; static PINs follow schedules."""
    events = async_capture_events(hass, "guest_pins_event")
    # Monday: only the manager's always-on code is on the lock.
    assert zwave_lock.slots == {8: "9911"}

    await move_to(hass, freezer, at(2026, 12, 15, 15, 49))
    assert 1 not in zwave_lock.slots
    await move_to(hass, freezer, at(2026, 12, 15, 16))
    assert zwave_lock.slots[1] == "4567"  # "Last 4 Digits: 4567", Dec 15-18
    programmed = [event.data for event in events if event.data["type"] == "pin_programmed"]
    assert programmed[-1]["slot"] == 1
    assert "code" not in programmed[-1]  # the event bus is recorded: no code on it, masked or not
    assert programmed[-1]["device_id"]

    await move_to(hass, freezer, at(2026, 12, 18, 11))
    assert 1 not in zwave_lock.slots  # gone at check-out, not minutes later
    assert any(event.data["type"] == "pin_removed" for event in events)
    assert any(event.data["type"] == "checked_out" for event in events)

    await move_to(hass, freezer, at(2026, 12, 18, 11))  # Friday 11:00: no cleaner
    assert "5678" not in zwave_lock.slots.values()
    await move_to(hass, freezer, at(2026, 12, 19, 11))  # Saturday 11:00: cleaner
    assert "5678" in zwave_lock.slots.values()
    await move_to(hass, freezer, at(2026, 12, 19, 14))
    assert "5678" not in zwave_lock.slots.values()

    await move_to(hass, freezer, at(2026, 12, 20, 16))
    assert zwave_lock.slots[1] == "2023"  # date-based: the 20th to the 23rd
    assert zwave_lock.slots[8] == "9911"  # the manager, always


async def test_reminders_let_an_automation_fetch_the_code_for_the_guest(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry
) -> None:
    """The reminders 24 h and 1 h before check-in carry no code; the automation asks for it by reservation."""
    events = async_capture_events(hass, "guest_pins_event")
    await move_to(hass, freezer, at(2026, 12, 14, 16))
    await move_to(hass, freezer, at(2026, 12, 15, 15))
    reminders = [event.data for event in events if event.data["type"] == "reminder"]
    assert [reminder["hours_before"] for reminder in reminders] == [24.0, 1.0]
    assert not places_holding("4567", reminders)
    assert reminders[0]["locks"] == [LOCK_ENTITY]
    assert reminders[0]["device_id"] == reminders[0]["device_ids"][0]
    answer = await hass.services.async_call(
        DOMAIN,
        "get_stay_code",
        {"config_entry_id": loaded.entry_id, "reservation": reminders[0]["reservation"]},
        blocking=True,
        return_response=True,
    )
    assert answer is not None
    assert (answer["code"], answer["locks"], answer["lock_codes"]) == ("4567", [LOCK_ENTITY], {})


async def test_restart_restores_without_rewriting(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """After a restart, what the lock holds is known from the store: nothing is written twice."""
    await move_to(hass, freezer, at(2026, 12, 15, 16))
    writes = list(zwave_lock.writes)
    assert await hass.config_entries.async_reload(loaded.entry_id)
    await hass.async_block_till_done()
    assert zwave_lock.writes == writes
    assert zwave_lock.slots == {1: "4567", 8: "9911"}


async def test_feed_failure_keeps_codes_and_raises_a_repair_after_three_hours(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    loaded: MockConfigEntry,
    zwave_lock: FakeZWaveLock,
    aioclient_mock: AiohttpClientMocker,
) -> None:
    """Edge case "calendar sync failure": codes stay, retries back off, repair after 3 h, gone on recovery."""
    await move_to(hass, freezer, at(2026, 12, 15, 16))
    aioclient_mock.clear_requests()
    aioclient_mock.get(FEED_URL, status=500)
    issue_id = f"feed_unreachable_{CALENDAR_ID}"
    registry = ir.async_get(hass)
    now = at(2026, 12, 15, 16)
    for _ in range(42):  # three and a half hours, in five-minute steps
        now += timedelta(minutes=5)
        await move_to(hass, freezer, now)
    assert zwave_lock.slots[1] == "4567"
    coordinator = loaded.runtime_data.coordinators[CALENDAR_ID]
    assert registry.async_get_issue(DOMAIN, issue_id) is not None
    assert "secret-token" not in str(registry.async_get_issue(DOMAIN, issue_id).translation_placeholders)

    aioclient_mock.clear_requests()
    aioclient_mock.get(FEED_URL, content=feed("airbnb.ics"))
    # The next retry (within one sync interval) fetches again; run it now rather than racing its jitter.
    await coordinator.async_refresh()
    await hass.async_block_till_done()
    assert registry.async_get_issue(DOMAIN, issue_id) is None
    assert coordinator.update_interval == timedelta(minutes=15)
    assert zwave_lock.slots[1] == "4567"


async def test_a_sync_of_several_calendars_plans_once(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> None:
    """guest_pins.sync fetches the calendars together and plans once, not once more as each one lands."""
    slow = False

    async def slow_feed(method: str, url: Any, data: Any) -> AiohttpClientMockResponse:
        """Serve the feed; during the sync each fetch takes a second, so others land meanwhile."""
        if slow:
            freezer.tick(timedelta(seconds=1))
            async_fire_time_changed(hass)
        return AiohttpClientMockResponse(method, url, response=feed("airbnb.ics"))

    calendars = []
    for number in range(3):
        calendar = calendar_subentry(
            f"https://pms.example/{number}.ics", subentry_id=f"cal{number}", title=f"Feed {number}"
        )
        aioclient_mock.get(f"https://pms.example/{number}.ics", side_effect=slow_feed)
        calendars.append(calendar)
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock_subentry(), *calendars],
    )
    async with load_property(hass, freezer, aioclient_mock, entry):
        slow = True
        with patch("custom_components.guest_pins.manager.plan_property", wraps=plan_property) as planned:
            await hass.services.async_call(DOMAIN, "sync", {"config_entry_id": entry.entry_id}, blocking=True)
            # Past the feeds' debounce: nothing else replans either.
            await move_to(hass, freezer, dt_util.utcnow() + timedelta(seconds=1))
        assert planned.call_count == 1
        assert len(aioclient_mock.mock_calls) >= 6  # each feed fetched at set-up and again by the sync
