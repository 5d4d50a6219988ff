"""End to end through Home Assistant's core: a feed over HTTP, codes written with the Z-Wave JS actions."""

from collections.abc import AsyncGenerator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState, ConfigSubentryData
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import (
    CONF_BLOCK_PATTERNS,
    CONF_CALENDAR_ENTITY,
    CONF_CALENDAR_TIME_ZONE,
    CONF_CODE,
    CONF_ENABLED,
    CONF_GUEST_FIRST,
    CONF_GUEST_LAST,
    CONF_HONOR_EVENT_TIMES,
    CONF_LOCK_ENTITY,
    CONF_LOCKS,
    CONF_PATH,
    CONF_PHONE_PATTERNS,
    CONF_SCHEDULE,
    CONF_SLOT_COUNT,
    CONF_STATIC_FIRST,
    CONF_STATIC_LAST,
    CONF_URL,
    CONF_VALID_FROM,
    CONF_VALID_UNTIL,
    DEFAULT_OPTIONS,
    DOMAIN,
)
from custom_components.guest_pins.core.extract import DEFAULT_BLOCK_PATTERNS

from .core.builders import feed
from .zwave_double import LOCK_ENTITY, FakeZWaveLock, install_zwave_lock

BERLIN = ZoneInfo("Europe/Berlin")
FEED_URL = "https://www.airbnb.com/calendar/ical/12345.ics?s=secret-token"
LOCK_ID = "lock1"
CALENDAR_ID = "cal1"


def at(*args: int) -> datetime:
    """Return a Berlin wall-clock instant."""
    return datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


def lock_subentry(lock_id: str = LOCK_ID, entity_id: str = LOCK_ENTITY) -> ConfigSubentryData:
    """Return a managed Z-Wave lock: 10 slots, guests 1-7, static PINs 8-10."""
    return ConfigSubentryData(
        subentry_id=lock_id,  # type: ignore[typeddict-unknown-key]
        subentry_type="lock",
        title="Front door",
        unique_id=entity_id,
        data={
            CONF_LOCK_ENTITY: entity_id,
            CONF_PATH: "zwave_js",
            CONF_SLOT_COUNT: 10,
            CONF_GUEST_FIRST: 1,
            CONF_GUEST_LAST: 7,
            CONF_STATIC_FIRST: 8,
            CONF_STATIC_LAST: 10,
        },
    )


def calendar_subentry(url: str = FEED_URL, locks: tuple[str, ...] = (LOCK_ID,)) -> ConfigSubentryData:
    """Return an Airbnb calendar feeding the lock."""
    return ConfigSubentryData(
        subentry_id=CALENDAR_ID,  # type: ignore[typeddict-unknown-key]
        subentry_type="calendar",
        title="Airbnb",
        unique_id=None,
        data={
            CONF_NAME: "Airbnb",
            CONF_URL: url,
            CONF_CALENDAR_ENTITY: None,
            CONF_LOCKS: list(locks),
            CONF_CALENDAR_TIME_ZONE: None,
            CONF_HONOR_EVENT_TIMES: False,
            CONF_BLOCK_PATTERNS: list(DEFAULT_BLOCK_PATTERNS),
            CONF_PHONE_PATTERNS: [],
        },
    )


def static_subentry(name: str, code: str, schedule: dict[str, str] | None = None) -> ConfigSubentryData:
    """Return a static PIN on the lock."""
    return ConfigSubentryData(
        subentry_type="static_pin",
        title=name,
        unique_id=None,
        data={
            CONF_NAME: name,
            CONF_CODE: code,
            CONF_LOCKS: [LOCK_ID],
            CONF_ENABLED: True,
            CONF_VALID_FROM: None,
            CONF_VALID_UNTIL: None,
            CONF_SCHEDULE: schedule,
        },
    )


@pytest.fixture
def zwave_lock(hass: HomeAssistant) -> FakeZWaveLock:
    """Return the simulated Z-Wave lock behind Home Assistant's zwave_js actions."""
    return install_zwave_lock(hass)


@pytest.fixture
def property_entry(property_data: dict[str, Any]) -> MockConfigEntry:
    """Return a property with a lock, an Airbnb calendar, a cleaner (Sat 10-14) and a manager (always)."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Beach House",
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[
            lock_subentry(),
            calendar_subentry(),
            static_subentry("Cleaner - Maria", "5678", {"saturday": "10:00-14:00"}),
            static_subentry("Manager", "9911"),
        ],
    )


@pytest.fixture
async def loaded(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_entry: MockConfigEntry,
) -> AsyncGenerator[MockConfigEntry]:
    """Load the property on Monday 14 Dec 2026, 12:00 in Berlin, with the Airbnb feed served."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    freezer.move_to(at(2026, 12, 14, 12))
    aioclient_mock.get(FEED_URL, content=feed("airbnb.ics"), headers={"ETag": '"v1"'})
    property_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(property_entry.entry_id)
    await hass.async_block_till_done()
    yield property_entry
    if property_entry.state is ConfigEntryState.LOADED:
        assert await hass.config_entries.async_unload(property_entry.entry_id)


async def move_to(hass: HomeAssistant, freezer: FrozenDateTimeFactory, instant: datetime) -> None:
    """Move the clock and let every timer that fell due run."""
    freezer.move_to(instant)
    async_fire_time_changed(hass, instant)
    await hass.async_block_till_done()


async def test_guest_codes_follow_the_stays(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """US1-1/2/3 and US2-1/2/3: codes arrive at check-in, leave at check-out; static PINs follow schedules."""
    events = async_capture_events(hass, "guest_pins_event")
    # Monday: only the manager's always-on code is on the lock.
    assert zwave_lock.slots == {8: "9911"}

    await move_to(hass, freezer, at(2026, 12, 15, 15, 59))
    assert 1 not in zwave_lock.slots
    await move_to(hass, freezer, at(2026, 12, 15, 16))
    assert zwave_lock.slots[1] == "4567"  # "Last 4 Digits: 4567", Dec 15-18
    programmed = [event.data for event in events if event.data["type"] == "pin_programmed"]
    assert programmed[-1]["slot"] == 1
    assert programmed[-1]["code"] == "••67"
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


async def test_reminders_carry_the_code_for_the_guest(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry
) -> None:
    """An automation can send the guest their code from the reminder 24 h and 1 h before check-in."""
    events = async_capture_events(hass, "guest_pins_event")
    await move_to(hass, freezer, at(2026, 12, 14, 16))
    await move_to(hass, freezer, at(2026, 12, 15, 15))
    reminders = [event.data for event in events if event.data["type"] == "reminder"]
    assert [(reminder["hours_before"], reminder["code"]) for reminder in reminders] == [
        (24.0, "4567"),
        (1.0, "4567"),
    ]
    assert reminders[0]["locks"] == [LOCK_ENTITY]


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
    for _ in range(40):  # three hours and a bit, in five-minute steps
        now += timedelta(minutes=5)
        await move_to(hass, freezer, now)
    assert zwave_lock.slots[1] == "4567"
    assert registry.async_get_issue(DOMAIN, issue_id) is not None
    assert "secret-token" not in str(registry.async_get_issue(DOMAIN, issue_id).translation_placeholders)

    aioclient_mock.clear_requests()
    aioclient_mock.get(FEED_URL, content=feed("airbnb.ics"))
    await move_to(hass, freezer, now + timedelta(minutes=16))
    assert registry.async_get_issue(DOMAIN, issue_id) is None
    assert zwave_lock.slots[1] == "4567"
