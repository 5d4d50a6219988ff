"""The config flow that adds a rental property to guest_pins."""

from typing import Any
from zoneinfo import available_timezones

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_NAME
from homeassistant.helpers.selector import (
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
)
import probatio

from .const import CONF_TIME_ZONE, DOMAIN


class GuestPinsConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add one property (a rental unit or a house) per config entry."""

    VERSION = 1
    MINOR_VERSION = 1

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the property's name and the time zone its check-in times are in."""
        errors: dict[str, str] = {}
        if user_input is not None:
            name = user_input[CONF_NAME].strip()
            if not name:
                errors[CONF_NAME] = "name_empty"
            else:
                # Two properties with one name (in any letter case) would be indistinguishable on dashboards.
                await self.async_set_unique_id(name.casefold())
                self._abort_if_unique_id_configured()
                return self.async_create_entry(
                    title=name, data={CONF_NAME: name, CONF_TIME_ZONE: user_input[CONF_TIME_ZONE]}
                )

        # The selector only offers zones tzdata has, so a stored zone always resolves at setup.
        # Listing the zones reads tzdata from disk, which must not happen on the event loop.
        zones = sorted(await self.hass.async_add_executor_job(available_timezones))
        schema = probatio.Schema(
            {
                probatio.Required(CONF_NAME): TextSelector(),
                probatio.Required(CONF_TIME_ZONE, default=self.hass.config.time_zone): SelectSelector(
                    SelectSelectorConfig(options=zones, mode=SelectSelectorMode.DROPDOWN, sort=False)
                ),
            }
        )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(schema, user_input),
            errors=errors,
        )
