"""The calendar subentry flow: an iCal URL or a Home Assistant calendar, and the locks it feeds.

A URL is fetched and read before anything is stored; the parser's typed reason becomes a translated error
on the form, and the link (which holds the platform's secret token) never reaches a message. Booking.com
lists every booking as "CLOSED - Not available", which the default patterns read as a block: a feed that
turns out to be Booking.com's is followed by a question whether its entries are guest stays (yes unless
the host says no); the answer is the calendar's own switch, changed later in its settings.
"""

import re
from typing import Any

from homeassistant.config_entries import (
    SOURCE_RECONFIGURE,
    ConfigEntry,
    ConfigSubentryFlow,
    SubentryFlowResult,
)
from homeassistant.const import CONF_NAME
from homeassistant.helpers.selector import (
    BooleanSelector,
    EntitySelector,
    EntitySelectorConfig,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import probatio

from .const import (
    CONF_BLOCK_PATTERNS,
    CONF_CALENDAR_ENTITY,
    CONF_CALENDAR_TIME_ZONE,
    CONF_ENTRIES_ARE_STAYS,
    CONF_HONOR_EVENT_TIMES,
    CONF_LOCKS,
    CONF_PHONE_PATTERNS,
    CONF_URL,
)
from .core.extract import DEFAULT_BLOCK_PATTERNS
from .core.model import FeedError, Platform
from .feed import FeedFetchError, async_fetch_and_parse, async_zones
from .flow_fields import locks_selector, zone_selector
from .settings import CalendarSettings, feed_settings, property_settings


class CalendarSubentryFlow(ConfigSubentryFlow):
    """Add or change a rental calendar: an iCal URL or a Home Assistant calendar, and the locks it feeds."""

    _pending: dict[str, Any]

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Ask for the calendar's source and settings, and read the feed before storing anything."""
        return await self._async_calendar_step("user", user_input)

    async def async_step_reconfigure(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Change a calendar; the feed is read again before the change is stored."""
        return await self._async_calendar_step("reconfigure", user_input)

    async def _async_calendar_step(
        self, step_id: str, user_input: dict[str, Any] | None
    ) -> SubentryFlowResult:
        """Validate and store the calendar, or show the form with what is wrong."""
        entry = self._get_entry()
        errors: dict[str, str] = {}
        placeholders = {"detail": ""}
        if user_input is not None:
            data = calendar_data(user_input)
            errors, placeholders["detail"], platform = await self._async_validate(entry, data)
            if not errors:
                if platform is Platform.BOOKING and not data[CONF_ENTRIES_ARE_STAYS] and not self._asked():
                    self._pending = data
                    return await self.async_step_booking_com()
                return self._async_store(data)
        current = dict(self._get_reconfigure_subentry().data) if self.source == SOURCE_RECONFIGURE else {}
        current.setdefault(CONF_BLOCK_PATTERNS, "\n".join(DEFAULT_BLOCK_PATTERNS))
        for key in (CONF_BLOCK_PATTERNS, CONF_PHONE_PATTERNS):
            if isinstance(current.get(key), list):
                current[key] = "\n".join(current[key])
        schema = probatio.Schema(
            {
                probatio.Required(CONF_NAME): TextSelector(),
                probatio.Optional(CONF_URL): TextSelector(TextSelectorConfig(type=TextSelectorType.URL)),
                probatio.Optional(CONF_CALENDAR_ENTITY): EntitySelector(
                    EntitySelectorConfig(domain="calendar")
                ),
                probatio.Required(CONF_LOCKS, default=[]): locks_selector(entry),
                probatio.Optional(CONF_CALENDAR_TIME_ZONE, default=""): await zone_selector(
                    self.hass, optional=True
                ),
                probatio.Required(CONF_HONOR_EVENT_TIMES, default=False): BooleanSelector(),
                probatio.Required(CONF_ENTRIES_ARE_STAYS, default=False): BooleanSelector(),
                probatio.Optional(CONF_BLOCK_PATTERNS): TextSelector(TextSelectorConfig(multiline=True)),
                probatio.Optional(CONF_PHONE_PATTERNS): TextSelector(TextSelectorConfig(multiline=True)),
            }
        )
        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(schema, {**current, **(user_input or {})}),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_booking_com(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Ask whether a Booking.com calendar's "CLOSED - Not available" entries are guest stays (yes)."""
        if user_input is not None:
            return self._async_store(
                {**self._pending, CONF_ENTRIES_ARE_STAYS: bool(user_input[CONF_ENTRIES_ARE_STAYS])}
            )
        return self.async_show_form(
            step_id="booking_com",
            data_schema=probatio.Schema(
                {probatio.Required(CONF_ENTRIES_ARE_STAYS, default=True): BooleanSelector()}
            ),
            description_placeholders={"name": self._pending[CONF_NAME]},
        )

    def _asked(self) -> bool:
        """Return whether the host answered for this calendar before (it was stored with the switch)."""
        return (
            self.source == SOURCE_RECONFIGURE
            and CONF_ENTRIES_ARE_STAYS in self._get_reconfigure_subentry().data
        )

    def _async_store(self, data: dict[str, Any]) -> SubentryFlowResult:
        """Store a new calendar, or the change of one."""
        if self.source == SOURCE_RECONFIGURE:
            return self.async_update_and_abort(
                self._get_entry(), self._get_reconfigure_subentry(), title=data[CONF_NAME], data=data
            )
        return self.async_create_entry(title=data[CONF_NAME], data=data)

    async def _async_validate(
        self, entry: ConfigEntry, data: dict[str, Any]
    ) -> tuple[dict[str, str], str, Platform]:
        """Return the form errors for a calendar, a detail to show and the platform its feed comes from.

        The feed is fetched and read when the calendar has a URL.
        """
        if bool(data.get(CONF_URL)) == bool(data.get(CONF_CALENDAR_ENTITY)):
            return {"base": "one_source"}, "", Platform.OTHER
        for key in (CONF_BLOCK_PATTERNS, CONF_PHONE_PATTERNS):
            for pattern in data[key]:
                try:
                    re.compile(pattern)
                except re.error as err:
                    return {key: "invalid_pattern"}, f"{pattern}: {err}", Platform.OTHER
        if not data.get(CONF_URL):
            return {}, "", Platform.OTHER
        settings = property_settings(entry)
        calendar = CalendarSettings(
            calendar_id="new",
            title=data[CONF_NAME],
            url=data[CONF_URL],
            calendar_entity=None,
            locks=frozenset(data[CONF_LOCKS]),
            time_zone=data[CONF_CALENDAR_TIME_ZONE],
            honor_event_times=data[CONF_HONOR_EVENT_TIMES],
            block_patterns=tuple(data[CONF_BLOCK_PATTERNS]),
            phone_patterns=tuple(data[CONF_PHONE_PATTERNS]),
            entries_are_stays=data[CONF_ENTRIES_ARE_STAYS],
        )
        zones = await async_zones(settings.time_zone, calendar.time_zone)
        try:
            result = await async_fetch_and_parse(
                self.hass, data[CONF_URL], feed_settings(settings, calendar, zones)
            )
        except FeedFetchError as err:
            return {CONF_URL: "cannot_connect"}, str(err), Platform.OTHER
        if isinstance(result, FeedError):
            return {CONF_URL: f"feed_{result.kind.value}"}, result.detail, Platform.OTHER
        return {}, "", result.platform


def _lines(value: str | None) -> list[str]:
    """Return the non-empty lines of a multi-line text field."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def calendar_data(user_input: dict[str, Any]) -> dict[str, Any]:
    """Return calendar subentry data in its stored shape."""
    return {
        CONF_NAME: user_input[CONF_NAME].strip(),
        CONF_URL: (user_input.get(CONF_URL) or "").strip() or None,
        CONF_CALENDAR_ENTITY: user_input.get(CONF_CALENDAR_ENTITY) or None,
        CONF_LOCKS: list(user_input.get(CONF_LOCKS, [])),
        CONF_CALENDAR_TIME_ZONE: user_input.get(CONF_CALENDAR_TIME_ZONE) or None,
        CONF_HONOR_EVENT_TIMES: bool(user_input.get(CONF_HONOR_EVENT_TIMES)),
        CONF_ENTRIES_ARE_STAYS: bool(user_input.get(CONF_ENTRIES_ARE_STAYS)),
        CONF_BLOCK_PATTERNS: _lines(user_input.get(CONF_BLOCK_PATTERNS))
        if user_input.get(CONF_BLOCK_PATTERNS) is not None
        else list(DEFAULT_BLOCK_PATTERNS),
        CONF_PHONE_PATTERNS: _lines(user_input.get(CONF_PHONE_PATTERNS)),
    }
