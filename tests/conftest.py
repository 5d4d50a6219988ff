"""Fixtures shared by the Home Assistant side of the test suite."""

from typing import Any

from homeassistant.const import CONF_NAME
from hypothesis import settings
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

# Imported before any `hass` fixture runs: the harness puts its own testing_config first on sys.path, and
# that folder has a `custom_components` package that would otherwise shadow ours.
import custom_components  # noqa: F401
from custom_components.guest_pins.const import CONF_TIME_ZONE, DEFAULT_OPTIONS, DOMAIN

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
