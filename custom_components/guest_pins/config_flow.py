"""Config flow: a property per entry, settings as options; calendars, locks and static PINs as subentries.

The subentry flows live in their own modules (`flow_calendar`, `flow_lock`, `flow_static_pin`).
"""

from typing import Any, override

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    ConfigSubentryFlow,
    OptionsFlowWithReload,
)
from homeassistant.const import CONF_NAME
from homeassistant.core import callback
from homeassistant.helpers.selector import (
    BooleanSelector,
    EntitySelector,
    EntitySelectorConfig,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    TextSelector,
    TimeSelector,
)
import probatio

from .const import (
    CONF_BATCH_SECONDS,
    CONF_CHECKIN_TIME,
    CONF_CHECKOUT_TIME,
    CONF_EARLY_ACCESS,
    CONF_EXPIRE_AT,
    CONF_GRACE,
    CONF_NOTIFY_TARGETS,
    CONF_PIN_LENGTH,
    CONF_PIN_METHODS,
    CONF_PROVISION_LEAD,
    CONF_SHOW_CODES,
    CONF_SYNC_INTERVAL,
    CONF_TIME_ZONE,
    CONF_WINDOW_POLICY,
    DEFAULT_OPTIONS,
    DOMAIN,
    METHOD_ORDERS,
    POLICY_EXPIRE_NEXT_DAY,
    POLICY_OFFSETS,
    SUBENTRY_BEDS24,
    SUBENTRY_CALENDAR,
    SUBENTRY_LOCK,
    SUBENTRY_LODGIFY,
    SUBENTRY_STATIC_PIN,
    SUBENTRY_WEBHOOK,
)
from .flow_calendar import CalendarSubentryFlow
from .flow_fields import zone_selector
from .flow_lock import LockSubentryFlow
from .flow_source import Beds24SourceFlow, LodgifySourceFlow, WebhookSourceFlow
from .flow_static_pin import StaticPinSubentryFlow
from .flow_way_in import WAY_IN_FIELDS, way_in_errors


class GuestPinsConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add one property (a rental unit or a house) per config entry."""

    VERSION = 1
    MINOR_VERSION = 1

    @staticmethod
    @callback
    @override
    def async_get_options_flow(config_entry: ConfigEntry) -> GuestPinsOptionsFlow:
        """Return the flow that edits the property's settings."""
        return GuestPinsOptionsFlow()

    @classmethod
    @callback
    @override
    def async_get_supported_subentry_types(
        cls, config_entry: ConfigEntry
    ) -> dict[str, type[ConfigSubentryFlow]]:
        """Return the parts a property is made of: calendars, locks and static PINs."""
        return {
            SUBENTRY_CALENDAR: CalendarSubentryFlow,
            SUBENTRY_LOCK: LockSubentryFlow,
            SUBENTRY_STATIC_PIN: StaticPinSubentryFlow,
            SUBENTRY_WEBHOOK: WebhookSourceFlow,
            SUBENTRY_BEDS24: Beds24SourceFlow,
            SUBENTRY_LODGIFY: LodgifySourceFlow,
        }

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
                    title=name,
                    data={CONF_NAME: name, CONF_TIME_ZONE: user_input[CONF_TIME_ZONE]},
                    options=dict(DEFAULT_OPTIONS),
                )

        # The selector only offers zones tzdata has, so a stored zone always resolves at setup.
        schema = probatio.Schema(
            {
                probatio.Required(CONF_NAME): TextSelector(),
                probatio.Required(CONF_TIME_ZONE, default=self.hass.config.time_zone): await zone_selector(
                    self.hass
                ),
            }
        )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(schema, user_input),
            errors=errors,
        )


def _minutes(maximum: int) -> NumberSelector:
    """Return a box for a number of minutes or hours from 0 to `maximum`."""
    return NumberSelector(NumberSelectorConfig(min=0, max=maximum, step=1, mode=NumberSelectorMode.BOX))


class GuestPinsOptionsFlow(OptionsFlowWithReload):
    """Edit a property's settings; the property reloads with them."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Show every setting of the property in one form."""
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = way_in_errors(self.hass, user_input)
            if user_input[CONF_SYNC_INTERVAL] < 1:
                errors[CONF_SYNC_INTERVAL] = "sync_interval_too_short"
            if not errors:
                return self.async_create_entry(data={**DEFAULT_OPTIONS, **user_input})
        schema = probatio.Schema(
            {
                probatio.Required(CONF_CHECKIN_TIME): TimeSelector(),
                probatio.Required(CONF_CHECKOUT_TIME): TimeSelector(),
                probatio.Required(CONF_PIN_LENGTH): NumberSelector(
                    NumberSelectorConfig(min=4, max=8, step=1, mode=NumberSelectorMode.BOX)
                ),
                probatio.Required(CONF_PIN_METHODS): SelectSelector(
                    SelectSelectorConfig(options=list(METHOD_ORDERS), translation_key=CONF_PIN_METHODS)
                ),
                probatio.Required(CONF_WINDOW_POLICY): SelectSelector(
                    SelectSelectorConfig(
                        options=[POLICY_OFFSETS, POLICY_EXPIRE_NEXT_DAY], translation_key=CONF_WINDOW_POLICY
                    )
                ),
                probatio.Required(CONF_EARLY_ACCESS): _minutes(24 * 60),
                probatio.Required(CONF_GRACE): _minutes(24 * 60),
                probatio.Required(CONF_EXPIRE_AT): TimeSelector(),
                probatio.Required(CONF_PROVISION_LEAD): _minutes(14 * 24),
                probatio.Required(CONF_SYNC_INTERVAL): NumberSelector(
                    NumberSelectorConfig(min=0, max=24 * 60, step=1, mode=NumberSelectorMode.BOX)
                ),
                probatio.Required(CONF_BATCH_SECONDS): NumberSelector(
                    NumberSelectorConfig(min=0, max=300, step=1, mode=NumberSelectorMode.BOX)
                ),
                probatio.Optional(CONF_NOTIFY_TARGETS): EntitySelector(
                    EntitySelectorConfig(domain="notify", multiple=True)
                ),
                probatio.Required(CONF_SHOW_CODES): BooleanSelector(),
                **WAY_IN_FIELDS,
            }
        )
        values = {**DEFAULT_OPTIONS, **self.config_entry.options, **(user_input or {})}
        return self.async_show_form(
            step_id="init", data_schema=self.add_suggested_values_to_schema(schema, values), errors=errors
        )
