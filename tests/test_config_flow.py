"""The config flow that adds a property."""

from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.guest_pins.const import CONF_TIME_ZONE, DOMAIN


async def test_user_flow_creates_property(hass: HomeAssistant) -> None:
    """The host names the property and picks its time zone; the zone defaults to Home Assistant's."""
    await hass.config.async_set_time_zone("America/New_York")
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    schema_defaults = {
        str(key): key.default() for key in result["data_schema"].schema if callable(key.default)
    }
    assert schema_defaults[CONF_TIME_ZONE] == "America/New_York"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "  Beach House ", CONF_TIME_ZONE: "Asia/Kolkata"}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Beach House"
    assert result["data"] == {CONF_NAME: "Beach House", CONF_TIME_ZONE: "Asia/Kolkata"}
    assert result["result"].unique_id == "beach house"


async def test_blank_name_is_refused_and_can_be_corrected(hass: HomeAssistant) -> None:
    """A name of only spaces shows a translated error on the name field; a retry then succeeds."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "   ", CONF_TIME_ZONE: "Europe/Berlin"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_NAME: "name_empty"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Loft", CONF_TIME_ZONE: "Europe/Berlin"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_same_name_in_other_case_aborts(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """A second property named like the first, in any letter case, is refused."""
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "BEACH HOUSE", CONF_TIME_ZONE: "Europe/Berlin"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
