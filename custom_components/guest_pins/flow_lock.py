"""The lock subentry flow: one of Home Assistant's locks, its path, and its slots split between guests.

The rest of its slots go to static PINs. Lock-specific questions are asked of the lock's path, once per
flow: a Tuya project's key is checked with Tuya's cloud, and a Z-Wave lock is asked how many slots it has.
"""

from typing import Any

from homeassistant.config_entries import SOURCE_RECONFIGURE, ConfigSubentryFlow, SubentryFlowResult
from homeassistant.helpers.selector import (
    EntitySelector,
    EntitySelectorConfig,
    EntityWithDeviceFilterSelectorConfig,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import probatio

from .const import (
    CONF_BACKUP_SLOTS,
    CONF_GUEST_FIRST,
    CONF_GUEST_LAST,
    CONF_LOCK_ENTITY,
    CONF_PATH,
    CONF_SLOT_COUNT,
    CONF_STATIC_FIRST,
    CONF_STATIC_LAST,
    CONF_TUYA_ACCESS_ID,
    CONF_TUYA_ACCESS_SECRET,
    CONF_TUYA_DEVICE_ID,
    CONF_TUYA_REGION,
    MAX_BACKUP_SLOTS,
    SUBENTRY_LOCK,
    TUYA_REGIONS,
)
from .core.validation import InputError, SlotSplit, slot_split
from .locks.detect import LockInfo, describe_lock, tuya_device_id
from .locks.factory import async_detect_slot_count
from .locks.tuya import TuyaCloud, TuyaProjectCheck, async_check_project
from .settings import default_backup_slots

TUYA_KEYS = (CONF_TUYA_ACCESS_ID, CONF_TUYA_ACCESS_SECRET, CONF_TUYA_REGION, CONF_TUYA_DEVICE_ID)
_MIN_SLOT = 1
_MAX_SLOT = 250
# What Tuya's answer about a project means for the form.
_TUYA_ERRORS = {
    TuyaProjectCheck.INVALID_AUTH: {"base": "tuya_invalid_auth"},
    TuyaProjectCheck.UNKNOWN_DEVICE: {CONF_TUYA_DEVICE_ID: "tuya_unknown_device"},
    TuyaProjectCheck.CANNOT_CONNECT: {"base": "tuya_cannot_connect"},
}


class LockSubentryFlow(ConfigSubentryFlow):
    """Manage one of Home Assistant's locks and split its slots between guests and static PINs."""

    _lock_entity: str
    _path_data: dict[str, Any]
    _lock: tuple[LockInfo, int | None] | None = None

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Pick the lock (FR-014); locks this property already manages are not offered (nor accepted).

        Ring's intercom has no lock entity: its "open door" button stands for it.
        """
        entry = self._get_entry()
        managed = {sub.data[CONF_LOCK_ENTITY] for sub in entry.get_subentries_of_type(SUBENTRY_LOCK)}
        if user_input is not None:
            self._lock_entity = user_input[CONF_LOCK_ENTITY]
            self._path_data = {}
            if (await self._async_lock())[0].path == "tuya":
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
            check = await async_check_project(
                self.hass,
                self._lock_entity,
                TuyaCloud(*(candidate[key] for key in TUYA_KEYS)),
            )
            errors = _TUYA_ERRORS.get(check, {})
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

    async def _async_lock(self) -> tuple[LockInfo, int | None]:
        """Return what the lock is and how many slots it reports, asked of it once per flow."""
        if self._lock is None:
            info = describe_lock(self.hass, self._lock_entity)
            self._lock = info, await async_detect_slot_count(self.hass, info.path, self._lock_entity)
        return self._lock

    async def async_step_slots(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Show what the lock's path can do; ask for the slot count and the guest and static ranges."""
        info, detected = await self._async_lock()
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
        current.setdefault(
            CONF_BACKUP_SLOTS,
            default_backup_slots(current[CONF_GUEST_LAST] - current[CONF_GUEST_FIRST] + 1),
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
                probatio.Optional(CONF_BACKUP_SLOTS): NumberSelector(
                    NumberSelectorConfig(min=0, max=MAX_BACKUP_SLOTS, step=1, mode=NumberSelectorMode.BOX)
                ),
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


def _slot_errors(data: dict[str, Any]) -> dict[str, str]:
    """Return the form errors of a slot split (the core judges it, as for every other surface)."""
    try:
        slot_split(
            SlotSplit(
                data[CONF_SLOT_COUNT],
                data[CONF_GUEST_FIRST],
                data[CONF_GUEST_LAST],
                data[CONF_STATIC_FIRST],
                data[CONF_STATIC_LAST],
                data.get(CONF_BACKUP_SLOTS, 0),
            )
        )
    except InputError as err:
        return {err.field or "base": err.key}
    return {}
