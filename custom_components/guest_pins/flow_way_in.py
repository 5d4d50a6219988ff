"""The options that shape the guest's way in, each checked before it is stored.

When and to whom a stay's code is sent, the message, the checks before arrival, the battery level that
worries the host.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    TextSelector,
    TextSelectorConfig,
)
import probatio

from .const import (
    CONF_BATTERY_LEVEL,
    CONF_CHECK_HOURS,
    CONF_DELIVERY_HOURS,
    CONF_DELIVERY_WHEN,
    CONF_GUEST_EMAIL,
    CONF_GUEST_SMS,
    CONF_MESSAGE_TEMPLATE,
    CONF_SEND_TO_HOST,
)
from .core.delivery import DeliveryWhen, Due, Keys, Send
from .core.model import Interval, Stay
from .core.validation import InputError, check_hours
from .delivery import DeliveryError, MessageContext, render, variables
from .settings import notify_action

WAY_IN_FIELDS: dict[Any, Any] = {
    probatio.Required(CONF_DELIVERY_WHEN): SelectSelector(
        SelectSelectorConfig(
            options=[when.value for when in DeliveryWhen], translation_key=CONF_DELIVERY_WHEN
        )
    ),
    probatio.Required(CONF_DELIVERY_HOURS): NumberSelector(
        NumberSelectorConfig(min=1, max=14 * 24, step=1, mode=NumberSelectorMode.BOX)
    ),
    probatio.Required(CONF_SEND_TO_HOST): BooleanSelector(),
    probatio.Optional(CONF_GUEST_SMS): TextSelector(),
    probatio.Optional(CONF_GUEST_EMAIL): TextSelector(),
    probatio.Optional(CONF_MESSAGE_TEMPLATE): TextSelector(TextSelectorConfig(multiline=True)),
    probatio.Required(CONF_CHECK_HOURS): TextSelector(),
    probatio.Required(CONF_BATTERY_LEVEL): NumberSelector(
        NumberSelectorConfig(min=0, max=100, step=1, mode=NumberSelectorMode.BOX, unit_of_measurement="%")
    ),
}

# A stay the message template is tried with before it is stored.
_SAMPLE_START = datetime(2026, 12, 15, 15, tzinfo=UTC)
_SAMPLE = Stay(
    "sample",
    "4567",
    Interval(_SAMPLE_START, _SAMPLE_START + timedelta(days=3)),
    _SAMPLE_START,
    _SAMPLE_START + timedelta(days=3),
    frozenset({"lock"}),
    _SAMPLE_START,
    guest_name="Jane",
    reference="HMABCD1234",
)


def way_in_errors(hass: HomeAssistant, user_input: dict[str, Any]) -> dict[str, str]:
    """Return the form errors of the way-in options: the checks' hours, the notify actions, the template."""
    errors: dict[str, str] = {}
    try:
        check_hours(str(user_input.get(CONF_CHECK_HOURS, "")))
    except InputError as err:
        errors[CONF_CHECK_HOURS] = err.key
    for key in (CONF_GUEST_SMS, CONF_GUEST_EMAIL):
        action = notify_action(user_input.get(key))
        if action is not None and not hass.services.has_service("notify", action):
            errors[key] = "notify_action_unknown"
    if template := (user_input.get(CONF_MESSAGE_TEMPLATE) or "").strip():
        keys = Keys({"lock": "4567"}, frozenset({"lock"}))
        values = variables(
            _SAMPLE,
            keys,
            Due(Send.FIRST, "sample"),
            MessageContext("Property", {"lock": "Front door"}, UTC),
        )
        try:
            render(hass, template, values)
        except DeliveryError:
            errors[CONF_MESSAGE_TEMPLATE] = "template_error"
    return errors
