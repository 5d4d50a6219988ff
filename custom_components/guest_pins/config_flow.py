"""Config flow: a property per entry, settings as options; calendars, locks and static PINs as subentries."""

import re
from typing import Any, override
from zoneinfo import available_timezones

from homeassistant.config_entries import (
    SOURCE_RECONFIGURE,
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    ConfigSubentryFlow,
    OptionsFlowWithReload,
    SubentryFlowResult,
)
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.selector import (
    BooleanSelector,
    DateSelector,
    EntitySelector,
    EntitySelectorConfig,
    EntityWithDeviceFilterSelectorConfig,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
    TimeSelector,
)
import probatio

from .const import (
    CONF_BATCH_SECONDS,
    CONF_BLOCK_PATTERNS,
    CONF_CALENDAR_ENTITY,
    CONF_CALENDAR_TIME_ZONE,
    CONF_CHECKIN_TIME,
    CONF_CHECKOUT_TIME,
    CONF_CODE,
    CONF_EARLY_ACCESS,
    CONF_ENABLED,
    CONF_EXPIRE_AT,
    CONF_GRACE,
    CONF_GUEST_FIRST,
    CONF_GUEST_LAST,
    CONF_HONOR_EVENT_TIMES,
    CONF_LOCK_ENTITY,
    CONF_LOCKS,
    CONF_NOTIFY_TARGETS,
    CONF_PATH,
    CONF_PHONE_PATTERNS,
    CONF_PIN_LENGTH,
    CONF_PIN_METHODS,
    CONF_PROVISION_LEAD,
    CONF_SCHEDULE,
    CONF_SHOW_CODES,
    CONF_SLOT_COUNT,
    CONF_STATIC_FIRST,
    CONF_STATIC_LAST,
    CONF_SYNC_INTERVAL,
    CONF_TIME_ZONE,
    CONF_TUYA_ACCESS_ID,
    CONF_TUYA_ACCESS_SECRET,
    CONF_TUYA_DEVICE_ID,
    CONF_TUYA_REGION,
    CONF_URL,
    CONF_VALID_FROM,
    CONF_VALID_UNTIL,
    CONF_WINDOW_POLICY,
    DEFAULT_OPTIONS,
    DOMAIN,
    METHOD_ORDERS,
    POLICY_EXPIRE_NEXT_DAY,
    POLICY_OFFSETS,
    SUBENTRY_CALENDAR,
    SUBENTRY_LOCK,
    SUBENTRY_STATIC_PIN,
    TUYA_REGIONS,
    WEEKDAYS,
)
from .core import statics
from .core.extract import DEFAULT_BLOCK_PATTERNS
from .core.model import FeedError
from .core.schedule_text import ScheduleTextError, parse_ranges
from .feed import FeedFetchError, async_fetch_and_parse
from .locks.base import Capabilities, LockPathError
from .locks.detect import async_detect_slot_count, describe_lock, tuya_device_id
from .locks.factory import INVITATION_PATHS
from .locks.tuya import TUYA_UNKNOWN_DEVICE, TuyaCloud, TuyaPath, TuyaRefusalError

TUYA_KEYS = (CONF_TUYA_ACCESS_ID, CONF_TUYA_ACCESS_SECRET, CONF_TUYA_REGION, CONF_TUYA_DEVICE_ID)
_MIN_SLOT = 1
_MAX_SLOT = 250


async def _zone_selector(hass: HomeAssistant, *, optional: bool = False) -> SelectSelector:
    """Return a select of every tzdata zone (read in the executor: it lists files)."""
    zones = sorted(await hass.async_add_executor_job(available_timezones))
    return SelectSelector(
        SelectSelectorConfig(
            options=[*([""] if optional else []), *zones], mode=SelectSelectorMode.DROPDOWN, sort=False
        )
    )


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
                probatio.Required(CONF_TIME_ZONE, default=self.hass.config.time_zone): await _zone_selector(
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
            if user_input[CONF_SYNC_INTERVAL] < 1:
                errors[CONF_SYNC_INTERVAL] = "sync_interval_too_short"
            else:
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
            }
        )
        values = {**DEFAULT_OPTIONS, **self.config_entry.options, **(user_input or {})}
        return self.async_show_form(
            step_id="init", data_schema=self.add_suggested_values_to_schema(schema, values), errors=errors
        )


def _lock_options(entry: ConfigEntry, *, codes_only: bool = False) -> list[SelectOptionDict]:
    """Return the property's managed locks as choices (by subentry id, labelled with the title).

    `codes_only` leaves out locks that admit by invitation (Ring): they have no code to give.
    """
    return [
        SelectOptionDict(value=subentry_id, label=subentry.title)
        for subentry_id, subentry in entry.subentries.items()
        if subentry.subentry_type == SUBENTRY_LOCK
        and not (codes_only and subentry.data.get(CONF_PATH) in INVITATION_PATHS)
    ]


def _locks_selector(entry: ConfigEntry, *, codes_only: bool = False) -> SelectSelector:
    """Return a multi-select of the property's managed locks."""
    return SelectSelector(
        SelectSelectorConfig(options=_lock_options(entry, codes_only=codes_only), multiple=True)
    )


class CalendarSubentryFlow(ConfigSubentryFlow):
    """Add or change a rental calendar: an iCal URL or a Home Assistant calendar, and the locks it feeds."""

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
            data = _calendar_data(user_input)
            errors, placeholders["detail"] = await self._async_validate(entry, data)
            if not errors:
                if self.source == SOURCE_RECONFIGURE:
                    return self.async_update_and_abort(
                        entry, self._get_reconfigure_subentry(), title=data[CONF_NAME], data=data
                    )
                return self.async_create_entry(title=data[CONF_NAME], data=data)
        current = dict(self._get_reconfigure_subentry().data) if self.source == SOURCE_RECONFIGURE else {}
        current.setdefault(CONF_BLOCK_PATTERNS, "\n".join(DEFAULT_BLOCK_PATTERNS))
        if isinstance(current.get(CONF_BLOCK_PATTERNS), list):
            current[CONF_BLOCK_PATTERNS] = "\n".join(current[CONF_BLOCK_PATTERNS])
        if isinstance(current.get(CONF_PHONE_PATTERNS), list):
            current[CONF_PHONE_PATTERNS] = "\n".join(current[CONF_PHONE_PATTERNS])
        schema = probatio.Schema(
            {
                probatio.Required(CONF_NAME): TextSelector(),
                probatio.Optional(CONF_URL): TextSelector(TextSelectorConfig(type=TextSelectorType.URL)),
                probatio.Optional(CONF_CALENDAR_ENTITY): EntitySelector(
                    EntitySelectorConfig(domain="calendar")
                ),
                probatio.Required(CONF_LOCKS, default=[]): _locks_selector(entry),
                probatio.Optional(CONF_CALENDAR_TIME_ZONE, default=""): await _zone_selector(
                    self.hass, optional=True
                ),
                probatio.Required(CONF_HONOR_EVENT_TIMES, default=False): BooleanSelector(),
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

    async def _async_validate(self, entry: ConfigEntry, data: dict[str, Any]) -> tuple[dict[str, str], str]:
        """Return the form errors for a calendar (and a detail to show), fetching the feed if it has a URL."""
        if bool(data.get(CONF_URL)) == bool(data.get(CONF_CALENDAR_ENTITY)):
            return {"base": "one_source"}, ""
        for key in (CONF_BLOCK_PATTERNS, CONF_PHONE_PATTERNS):
            for pattern in data[key]:
                try:
                    re.compile(pattern)
                except re.error as err:
                    return {key: "invalid_pattern"}, f"{pattern}: {err}"
        if not data.get(CONF_URL):
            return {}, ""
        try:
            result = await async_fetch_and_parse(self.hass, entry, data)
        except FeedFetchError as err:
            return {CONF_URL: "cannot_connect"}, str(err)
        if isinstance(result, FeedError):
            return {CONF_URL: f"feed_{result.kind.value}"}, result.detail
        return {}, ""


def _lines(value: str | None) -> list[str]:
    """Return the non-empty lines of a multi-line text field."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _calendar_data(user_input: dict[str, Any]) -> dict[str, Any]:
    """Return calendar subentry data in its stored shape."""
    return {
        CONF_NAME: user_input[CONF_NAME].strip(),
        CONF_URL: (user_input.get(CONF_URL) or "").strip() or None,
        CONF_CALENDAR_ENTITY: user_input.get(CONF_CALENDAR_ENTITY) or None,
        CONF_LOCKS: list(user_input.get(CONF_LOCKS, [])),
        CONF_CALENDAR_TIME_ZONE: user_input.get(CONF_CALENDAR_TIME_ZONE) or None,
        CONF_HONOR_EVENT_TIMES: bool(user_input.get(CONF_HONOR_EVENT_TIMES)),
        CONF_BLOCK_PATTERNS: _lines(user_input.get(CONF_BLOCK_PATTERNS))
        if user_input.get(CONF_BLOCK_PATTERNS) is not None
        else list(DEFAULT_BLOCK_PATTERNS),
        CONF_PHONE_PATTERNS: _lines(user_input.get(CONF_PHONE_PATTERNS)),
    }


class LockSubentryFlow(ConfigSubentryFlow):
    """Manage one of Home Assistant's locks and split its slots between guests and static PINs."""

    _lock_entity: str
    _path_data: dict[str, Any]

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Pick the lock (FR-014); locks this property already manages are not offered (nor accepted).

        Ring's intercom has no lock entity: its "open door" button stands for it.
        """
        entry = self._get_entry()
        managed = {sub.data[CONF_LOCK_ENTITY] for sub in entry.get_subentries_of_type(SUBENTRY_LOCK)}
        if user_input is not None:
            self._lock_entity = user_input[CONF_LOCK_ENTITY]
            self._path_data = {}
            if describe_lock(self.hass, self._lock_entity).path == "tuya":
                return await self.async_step_tuya()
            return await self.async_step_slots()
        schema = probatio.Schema(
            {
                probatio.Required(CONF_LOCK_ENTITY): EntitySelector(
                    EntitySelectorConfig(
                        filter=[
                            EntityWithDeviceFilterSelectorConfig(domain="lock"),
                            EntityWithDeviceFilterSelectorConfig(integration="ring", domain="button"),
                        ],
                        exclude_entities=sorted(managed),
                    )
                )
            }
        )
        return self.async_show_form(step_id="user", data_schema=schema)

    async def async_step_reconfigure(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Change the slot split of a managed lock (and a Tuya lock's cloud project)."""
        data = self._get_reconfigure_subentry().data
        self._lock_entity = data[CONF_LOCK_ENTITY]
        self._path_data = {key: data[key] for key in TUYA_KEYS if key in data}
        if user_input is None and data.get(CONF_PATH) == "tuya":
            return await self.async_step_tuya()
        return await self.async_step_slots(user_input)

    async def async_step_tuya(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Ask for the Tuya IoT project that reaches the lock, and check it with Tuya's cloud."""
        errors: dict[str, str] = {}
        if user_input is not None:
            # A reconfiguration may leave the secret empty to keep the stored one.
            candidate = {**self._path_data, **{key: value for key, value in user_input.items() if value}}
            errors = await _tuya_errors(self.hass, self._lock_entity, candidate)
            if not errors:
                self._path_data = candidate
                return await self.async_step_slots()
        suggested = {
            CONF_TUYA_REGION: "eu",
            CONF_TUYA_DEVICE_ID: tuya_device_id(self.hass, self._lock_entity),
            **{key: value for key, value in self._path_data.items() if key != CONF_TUYA_ACCESS_SECRET},
            **{key: value for key, value in (user_input or {}).items() if key != CONF_TUYA_ACCESS_SECRET},
        }
        secret = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
        schema = probatio.Schema(
            {
                probatio.Required(CONF_TUYA_ACCESS_ID): TextSelector(),
                (
                    probatio.Optional(CONF_TUYA_ACCESS_SECRET)
                    if CONF_TUYA_ACCESS_SECRET in self._path_data
                    else probatio.Required(CONF_TUYA_ACCESS_SECRET)
                ): secret,
                probatio.Required(CONF_TUYA_REGION): SelectSelector(
                    SelectSelectorConfig(options=list(TUYA_REGIONS), translation_key=CONF_TUYA_REGION)
                ),
                probatio.Required(CONF_TUYA_DEVICE_ID): TextSelector(),
            }
        )
        return self.async_show_form(
            step_id="tuya", data_schema=self.add_suggested_values_to_schema(schema, suggested), errors=errors
        )

    async def async_step_slots(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Show what the lock's path can do; ask for the slot count and the guest and static ranges."""
        info = describe_lock(self.hass, self._lock_entity)
        detected = await async_detect_slot_count(self.hass, self._lock_entity, info.path)
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {
                CONF_LOCK_ENTITY: self._lock_entity,
                CONF_PATH: info.path,
                **self._path_data,
                **{key: int(value) for key, value in user_input.items()},
            }
            errors = _slot_errors(data)
            if not errors:
                title = info.name
                if self.source == SOURCE_RECONFIGURE:
                    return self.async_update_and_abort(
                        self._get_entry(), self._get_reconfigure_subentry(), title=title, data=data
                    )
                return self.async_create_entry(title=title, data=data, unique_id=self._lock_entity)
        count = detected or 10
        current = (
            dict(self._get_reconfigure_subentry().data)
            if self.source == SOURCE_RECONFIGURE
            else {
                CONF_SLOT_COUNT: count,
                CONF_GUEST_FIRST: 1,
                CONF_GUEST_LAST: max(1, count - 3),
                CONF_STATIC_FIRST: min(count, max(2, count - 2)),
                CONF_STATIC_LAST: count,
            }
        )
        slot = NumberSelector(
            NumberSelectorConfig(min=_MIN_SLOT, max=_MAX_SLOT, step=1, mode=NumberSelectorMode.BOX)
        )
        schema = probatio.Schema(
            {
                probatio.Required(CONF_SLOT_COUNT): slot,
                probatio.Required(CONF_GUEST_FIRST): slot,
                probatio.Required(CONF_GUEST_LAST): slot,
                probatio.Required(CONF_STATIC_FIRST): slot,
                probatio.Required(CONF_STATIC_LAST): slot,
            }
        )
        return self.async_show_form(
            step_id="slots",
            data_schema=self.add_suggested_values_to_schema(schema, {**current, **(user_input or {})}),
            errors=errors,
            description_placeholders={
                "lock": info.name,
                "integration": info.integration,
                "path": info.path,
                "abilities": info.abilities,
                "detected": str(detected) if detected else "?",
            },
        )


async def _tuya_errors(hass: HomeAssistant, entity_id: str, data: dict[str, Any]) -> dict[str, str]:
    """Return the form errors of a Tuya project: the cloud must know the key and the device."""
    path = TuyaPath(
        hass,
        entity_id,
        Capabilities(),
        TuyaCloud(
            data[CONF_TUYA_ACCESS_ID],
            data[CONF_TUYA_ACCESS_SECRET],
            data[CONF_TUYA_REGION],
            data[CONF_TUYA_DEVICE_ID],
        ),
    )
    try:
        await path.async_check()
    except TuyaRefusalError as err:
        if err.code in TUYA_UNKNOWN_DEVICE:
            return {CONF_TUYA_DEVICE_ID: "tuya_unknown_device"}
        return {"base": "tuya_invalid_auth"}
    except LockPathError:
        return {"base": "tuya_cannot_connect"}
    return {}


def _slot_errors(data: dict[str, Any]) -> dict[str, str]:
    """Return the errors of a slot split: ranges must be ordered, inside the lock and apart."""
    count = data[CONF_SLOT_COUNT]
    guest = (data[CONF_GUEST_FIRST], data[CONF_GUEST_LAST])
    static = (data[CONF_STATIC_FIRST], data[CONF_STATIC_LAST])
    if guest[0] > guest[1] or not 1 <= guest[0] <= guest[1] <= count:
        return {CONF_GUEST_LAST: "range_outside_lock"}
    if static[0] > static[1] or not 1 <= static[0] <= static[1] <= count:
        return {CONF_STATIC_LAST: "range_outside_lock"}
    if guest[0] <= static[1] and static[0] <= guest[1]:
        return {"base": "ranges_overlap"}
    return {}


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
            data, errors = _static_pin_data(
                entry, user_input, self._get_reconfigure_subentry().subentry_id if reconfiguring else None
            )
            if not errors:
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
                probatio.Required(CONF_LOCKS, default=[]): _locks_selector(entry, codes_only=True),
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


def _static_pin_data(
    entry: ConfigEntry, user_input: dict[str, Any], own_subentry_id: str | None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Return a static PIN's stored data and the form errors (name taken, bad code, bad ranges, bad dates)."""
    name = user_input[CONF_NAME].strip()
    code = user_input[CONF_CODE].strip()
    schedule: dict[str, str] = {}
    for day in WEEKDAYS:
        text = (user_input.get(day) or "").strip()
        if not text:
            continue
        try:
            parse_ranges(text)
        except ScheduleTextError:
            return {}, {day: "invalid_ranges"}
        schedule[day] = text
    data = {
        CONF_NAME: name,
        CONF_CODE: code,
        CONF_LOCKS: list(user_input.get(CONF_LOCKS, [])),
        CONF_ENABLED: bool(user_input.get(CONF_ENABLED, True)),
        CONF_VALID_FROM: user_input.get(CONF_VALID_FROM),
        CONF_VALID_UNTIL: user_input.get(CONF_VALID_UNTIL),
        # No ranges on any day means always on.
        CONF_SCHEDULE: schedule or None,
    }
    if not name:
        return data, {CONF_NAME: "name_empty"}
    try:
        statics.check_code(code)
    except statics.InvalidCodeError:
        return data, {CONF_CODE: "invalid_code"}
    if data[CONF_VALID_FROM] and data[CONF_VALID_UNTIL] and data[CONF_VALID_UNTIL] < data[CONF_VALID_FROM]:
        return data, {CONF_VALID_UNTIL: "until_before_from"}
    taken = {
        sub.data[CONF_NAME].casefold()
        for sub_id, sub in entry.subentries.items()
        if sub.subentry_type == SUBENTRY_STATIC_PIN and sub_id != own_subentry_id
    }
    if name.casefold() in taken:
        return data, {CONF_NAME: "name_taken"}
    return data, {}
