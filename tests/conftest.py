"""Fixtures shared by the Home Assistant side of the test suite."""

from collections.abc import AsyncGenerator
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from hypothesis import settings
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from syrupy.assertion import SnapshotAssertion

# Imported before any `hass` fixture runs: the harness puts its own testing_config first on sys.path, and
# that folder has a `custom_components` package that would otherwise shadow ours.
import custom_components  # noqa: F401
from custom_components.guest_pins.const import CONF_TIME_ZONE, DEFAULT_OPTIONS, DOMAIN

from .property_builders import build_property_entry, load_property
from .zwave_double import FakeZWaveLock, install_zwave_lock

# CI must be repeatable: the same examples on every run (the example database is not kept between runs).
settings.register_profile("guest_pins", derandomize=True, database=None)
settings.load_profile("guest_pins")


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load integrations from custom_components in every test."""


@pytest.fixture
def property_data() -> dict[str, Any]:
    """Return the data of a property config entry as the config flow stores it."""
    return {CONF_NAME: "Beach House", CONF_TIME_ZONE: "Europe/Berlin"}


@pytest.fixture
def mock_config_entry(property_data: dict[str, Any]) -> MockConfigEntry:
    """Return a property config entry, not yet added to Home Assistant."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=property_data[CONF_NAME],
        unique_id=property_data[CONF_NAME].casefold(),
        data=property_data,
        options=DEFAULT_OPTIONS,
        version=1,
        minor_version=1,
    )


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Serialize Home Assistant objects (states, registry entries) without their volatile parts."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture
async def zwave_lock(hass: HomeAssistant) -> FakeZWaveLock:
    """Return the simulated Z-Wave lock behind a zwave_js lock entity."""
    return await install_zwave_lock(hass)


@pytest.fixture
def property_entry(property_data: dict[str, Any]) -> MockConfigEntry:
    """Return a property with a lock, an Airbnb calendar, a cleaner (Sat 10-14) and a manager (always)."""
    return build_property_entry(property_data)


@pytest.fixture
async def loaded(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_entry: MockConfigEntry,
) -> AsyncGenerator[MockConfigEntry]:
    """Load the property on Monday 14 Dec 2026, 12:00 in Berlin, with the Airbnb feed served."""
    async with load_property(hass, freezer, aioclient_mock, property_entry) as entry:
        yield entry
