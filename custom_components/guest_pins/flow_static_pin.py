"""The static PIN subentry flow: a named recurring code (cleaner, manager), checked like the actions check it.

Codes set here never pass through Home Assistant's recorder (unlike an action's data).
"""

from typing import Any

from homeassistant.config_entries import SOURCE_RECONFIGURE, ConfigSubentryFlow, SubentryFlowResult
from homeassistant.const import CONF_NAME
from homeassistant.helpers.selector import (
    BooleanSelector,
    DateSelector,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import probatio

from .const import CONF_CODE, CONF_ENABLED, CONF_LOCKS, CONF_SCHEDULE, CONF_VALID_FROM, CONF_VALID_UNTIL
from .core.validation import WEEKDAYS, InputError, static_pin
from .flow_fields import locks_selector
from .settings import static_pin_data, static_pin_draft, static_pin_names

# The form's own words for two of the core's reasons (the actions use the core's keys as they are).
_FORM_ERRORS = {"static_pin_name_empty": "name_empty", "static_pin_name_taken": "name_taken"}


class StaticPinSubentryFlow(ConfigSubentryFlow):
    """Add or change a named recurring PIN (cleaner, manager)."""

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Ask for the name, code, locks, schedule, dates and whether it is enabled."""
        return await self._async_pin_step("user", user_input)

    async def async_step_reconfigure(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Change a static PIN (also its name, unless another PIN has it)."""
        return await self._async_pin_step("reconfigure", user_input)

    async def _async_pin_step(self, step_id: str, user_input: dict[str, Any] | None) -> SubentryFlowResult:
        """Validate and store the PIN, or show the form with what is wrong."""
        entry = self._get_entry()
        reconfiguring = self.source == SOURCE_RECONFIGURE
        errors: dict[str, str] = {}
        if user_input is not None:
            own = self._get_reconfigure_subentry().subentry_id if reconfiguring else None
            draft = static_pin_draft(
                {**user_input, CONF_SCHEDULE: {day: user_input.get(day) or "" for day in WEEKDAYS}}
            )
            try:
                static_pin(draft, static_pin_names(entry, besides=own))
            except InputError as err:
                errors = {err.field or "base": _FORM_ERRORS.get(err.key, err.key)}
            else:
                data = static_pin_data(draft)
                if reconfiguring:
                    return self.async_update_and_abort(
                        entry, self._get_reconfigure_subentry(), title=data[CONF_NAME], data=data
                    )
                return self.async_create_entry(title=data[CONF_NAME], data=data)
        current: dict[str, Any] = {CONF_ENABLED: True}
        if reconfiguring:
            stored = self._get_reconfigure_subentry().data
            current = {
                key: value for key, value in stored.items() if key != CONF_SCHEDULE and value is not None
            }
            current.update(stored.get(CONF_SCHEDULE) or {})
        schema = probatio.Schema(
            {
                probatio.Required(CONF_NAME): TextSelector(),
                probatio.Required(CONF_CODE): TextSelector(
                    TextSelectorConfig(type=TextSelectorType.PASSWORD)
                ),
                probatio.Required(CONF_LOCKS, default=[]): locks_selector(entry, codes_only=True),
                probatio.Required(CONF_ENABLED, default=True): BooleanSelector(),
                probatio.Optional(CONF_VALID_FROM): DateSelector(),
                probatio.Optional(CONF_VALID_UNTIL): DateSelector(),
                **{probatio.Optional(day): TextSelector() for day in WEEKDAYS},
            }
        )
        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(schema, {**current, **(user_input or {})}),
            errors=errors,
        )
