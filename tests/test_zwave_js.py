"""The Z-Wave JS path against the real zwave-js driver and server with a simulated keypad lock."""

from collections.abc import AsyncGenerator, Generator
from datetime import UTC, datetime

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.guest_pins.core.model import Interval, SlotCode
from custom_components.guest_pins.locks.base import Capabilities
from custom_components.guest_pins.locks.zwave_js import ZWaveJSPath, year_day_schedule

from .waiting import until
from .zwave_peer import HOME_ID, zwave_server

WINDOW = Interval(datetime(2026, 12, 15, 15, tzinfo=UTC), datetime(2026, 12, 18, 10, tzinfo=UTC))


@pytest.fixture
def zwave_url(socket_enabled: None) -> Generator[str]:
    """Run the Z-Wave peer (requested before `hass`, so Home Assistant disconnects first)."""
    with zwave_server() as url:
        yield url


@pytest.fixture
async def zwave_lock_entity(zwave_url: str, hass: HomeAssistant) -> AsyncGenerator[str]:
    """Connect Home Assistant's real zwave_js integration to the peer; return the lock entity."""
    entry = MockConfigEntry(
        domain="zwave_js",
        unique_id=str(HOME_ID),
        version=1,
        minor_version=2,
        data={"url": zwave_url, "use_addon": False, "integration_created_addon": False},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED

    def locks() -> list[str]:
        """Return the lock entities zwave_js created for the peer's nodes."""
        return [
            item.entity_id
            for item in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
            if item.domain == "lock"
        ]

    await until(lambda: bool(locks()), "the simulated lock's entity (its interview)")
    yield locks()[0]
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_contract_against_the_real_driver(hass: HomeAssistant, zwave_lock_entity: str) -> None:
    """Set with a native window, read back from the lock, overwrite, clear; schedules round-trip."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    path = ZWaveJSPath(hass, zwave_lock_entity, Capabilities(slot_count=10, read_back=True))
    await path.async_start()
    assert path.capabilities.native_windows  # the lock has Schedule Entry Lock CC
    assert path.available()
    await path.async_set(3, SlotCode("stay:a", "4567", native_window=WINDOW))
    assert await path.async_read(3) == "4567"
    schedule = await path.async_read_schedule(3)
    assert schedule is not None
    assert {key: schedule[key] for key in year_day_schedule(WINDOW)} == year_day_schedule(WINDOW)
    assert year_day_schedule(WINDOW)["startYear"] == 26  # two-digit years, local 16:00
    assert year_day_schedule(WINDOW)["startHour"] == 16
    await path.async_set(3, SlotCode("stay:b", "7788"))
    assert await path.async_read(3) == "7788"
    await path.async_clear(3)
    assert await path.async_read(3) is None
    path.stop()
