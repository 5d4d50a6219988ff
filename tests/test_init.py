"""Loading and unloading a property through a real config entry."""

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.guest_pins.const import CONF_TIME_ZONE


async def test_load_and_unload(hass: HomeAssistant, mock_config_entry: MockConfigEntry) -> None:
    """A property loads with its time zone resolved, and unloads cleanly."""
    mock_config_entry.add_to_hass(hass)

    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert mock_config_entry.state is ConfigEntryState.LOADED
    assert mock_config_entry.runtime_data.property_name == "Beach House"
    assert str(mock_config_entry.runtime_data.time_zone) == "Europe/Berlin"

    assert await hass.config_entries.async_unload(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert mock_config_entry.state is ConfigEntryState.NOT_LOADED


async def test_unknown_time_zone_fails_setup_without_retry(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """A zone tzdata does not know is a permanent setup error, with a translated reason."""
    mock_config_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_config_entry, data={**mock_config_entry.data, CONF_TIME_ZONE: "Mars/Olympus_Mons"}
    )

    assert not await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert mock_config_entry.state is ConfigEntryState.SETUP_ERROR
    assert mock_config_entry.reason is not None
    assert "Mars/Olympus_Mons" in mock_config_entry.reason
