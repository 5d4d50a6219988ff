"""Sensors: per managed lock (guest, next check-in, slots, queue, writes, battery impact) and per calendar."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.util import dt as dt_util

from .const import CONF_SHOW_CODES, SUBENTRY_CALENDAR
from .coordinator import CalendarCoordinator
from .core.model import Stay
from .entity import GuestPinsCalendarFeedEntity, GuestPinsLockEntity
from .locks.factory import UnsupportedPath
from .manager import PropertyManager
from .masking import mask
from .models import GuestPinsConfigEntry

PARALLEL_UPDATES = 0


def _stays_on(manager: PropertyManager, lock_id: str) -> tuple[Stay, ...]:
    """Return the planned stays of a lock."""
    return manager.plan.stays_on(lock_id) if manager.plan else ()


def current_guest(manager: PropertyManager, lock_id: str) -> str | None:
    """Return who is staying now (the guest's name, or "Guest" when the feed gives none)."""
    now = dt_util.utcnow()
    stay = next((stay for stay in _stays_on(manager, lock_id) if stay.checkin <= now < stay.checkout), None)
    return None if stay is None else stay.guest_name or "Guest"


def next_checkin(manager: PropertyManager, lock_id: str) -> datetime | None:
    """Return the next check-in on the lock."""
    now = dt_util.utcnow()
    return min((stay.checkin for stay in _stays_on(manager, lock_id) if stay.checkin > now), default=None)


def lock_status(manager: PropertyManager, lock_id: str) -> str:
    """Return whether the lock can be reached (US3-3), or that guest_pins has no way to program it.

    A sleeping lock out of reach between its wake-ups is asleep, not offline.
    """
    lock = manager.locks[lock_id]
    if isinstance(lock.path, UnsupportedPath):
        return "no_path"
    if lock.path.available():
        return "online"
    return "asleep" if lock.path.capabilities.wake_interval else "offline"


def lock_last_seen(manager: PropertyManager, lock_id: str) -> dict[str, Any]:
    """Return when the lock last reported (its entity's last report), shown beside an offline status."""
    state = manager.hass.states.get(manager.locks[lock_id].entity_id)
    return {"last_seen": state.last_reported.isoformat() if state else None}


def _this_week(stamps: list[datetime]) -> int:
    """Return how many instants fall in the last seven days."""
    since = dt_util.utcnow() - timedelta(days=7)
    return sum(1 for stamp in stamps if stamp > since)


def transactions_this_week(manager: PropertyManager, lock_id: str) -> int:
    """Return the lock transactions of the last seven days (FR-021: the battery-impact estimate)."""
    return _this_week(manager.state.transactions.get(lock_id, []))


def wake_ups_this_week(manager: PropertyManager, lock_id: str) -> dict[str, Any]:
    """Return how often guest_pins woke the lock in the last seven days (transactions may share one)."""
    return {"wake_ups": _this_week(manager.state.wakeups.get(lock_id, []))}


def slot_attributes(manager: PropertyManager, lock_id: str) -> dict[str, Any]:
    """Return what each slot holds, codes masked unless the host chose to show them."""
    show = bool(manager.options.get(CONF_SHOW_CODES))
    lock = manager.locks[lock_id]
    return {
        "slot_count": lock.path.capabilities.slot_count,
        "slots": {
            str(slot): {"owner": content.owner, "code": content.code if show else mask(content.code)}
            for slot, content in sorted(manager.state.lock_contents.get(lock_id, {}).items())
        },
    }


@dataclass(frozen=True, kw_only=True)
class LockSensorDescription(SensorEntityDescription):
    """A lock sensor: its value (and attributes) from the manager."""

    value_fn: Callable[[PropertyManager, str], StateType | datetime]
    attributes_fn: Callable[[PropertyManager, str], Mapping[str, Any]] | None = None


LOCK_SENSORS: tuple[LockSensorDescription, ...] = (
    LockSensorDescription(
        key="status",
        translation_key="status",
        device_class=SensorDeviceClass.ENUM,
        options=["online", "asleep", "offline", "no_path"],
        value_fn=lock_status,
        attributes_fn=lock_last_seen,
    ),
    LockSensorDescription(key="current_guest", translation_key="current_guest", value_fn=current_guest),
    LockSensorDescription(
        key="next_checkin",
        translation_key="next_checkin",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=next_checkin,
    ),
    LockSensorDescription(
        key="slots_used",
        translation_key="slots_used",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda manager, lock_id: len(manager.state.lock_contents.get(lock_id, {})),
        attributes_fn=slot_attributes,
    ),
    LockSensorDescription(
        key="pending_operations",
        translation_key="pending_operations",
        entity_category=EntityCategory.DIAGNOSTIC,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda manager, lock_id: len(manager.locks[lock_id].queue),
    ),
    LockSensorDescription(
        key="last_confirmed_write",
        translation_key="last_confirmed_write",
        device_class=SensorDeviceClass.TIMESTAMP,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda manager, lock_id: manager.state.last_write.get(lock_id),
    ),
    LockSensorDescription(
        key="transactions_week",
        translation_key="transactions_week",
        entity_category=EntityCategory.DIAGNOSTIC,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=transactions_this_week,
        attributes_fn=wake_ups_this_week,
    ),
)


@dataclass(frozen=True, kw_only=True)
class CalendarSensorDescription(SensorEntityDescription):
    """A calendar sensor: its value from the calendar's coordinator."""

    value_fn: Callable[[CalendarCoordinator], StateType | datetime]


CALENDAR_SENSORS: tuple[CalendarSensorDescription, ...] = (
    CalendarSensorDescription(
        key="last_sync",
        translation_key="last_sync",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda coordinator: coordinator.last_success,
    ),
    CalendarSensorDescription(
        key="reservations",
        translation_key="reservations",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda coordinator: len(coordinator.data.reservations) if coordinator.data else None,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant, entry: GuestPinsConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the sensors of each managed lock and each calendar, each under its subentry."""
    manager = entry.runtime_data.manager
    for lock_id in manager.locks:
        async_add_entities(
            [LockSensor(entry, description, lock_id) for description in LOCK_SENSORS],
            config_subentry_id=lock_id,
        )
    for subentry in entry.get_subentries_of_type(SUBENTRY_CALENDAR):
        async_add_entities(
            [CalendarSensor(entry, description, subentry.subentry_id) for description in CALENDAR_SENSORS],
            config_subentry_id=subentry.subentry_id,
        )


class LockSensor(GuestPinsLockEntity, SensorEntity):
    """A sensor of a managed lock."""

    entity_description: LockSensorDescription

    @property
    def native_value(self) -> StateType | datetime:
        """Return the sensor's value."""
        return self.entity_description.value_fn(self.manager, self.lock_id)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        """Return the sensor's attributes (codes masked unless shown)."""
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.manager, self.lock_id)


class CalendarSensor(GuestPinsCalendarFeedEntity, SensorEntity):
    """A sensor of a rental calendar."""

    entity_description: CalendarSensorDescription

    @property
    def native_value(self) -> StateType | datetime:
        """Return the sensor's value."""
        return self.entity_description.value_fn(self.manager.coordinators[self.calendar_id])

    async def async_added_to_hass(self) -> None:
        """Also follow the calendar's own refreshes (a failed fetch changes no plan)."""
        await super().async_added_to_hass()
        coordinator = self.manager.coordinators[self.calendar_id]
        self.async_on_remove(coordinator.async_add_listener(self.async_write_ha_state))
