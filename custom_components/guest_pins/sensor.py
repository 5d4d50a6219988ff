"""Sensors: per managed lock (guest, next check-in, slots, queue, writes, battery impact) and per calendar."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
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
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .coordinator import CalendarCoordinator
from .core.lifecycle import StayStatus
from .entity import GuestPinsLockEntity, async_add_by_subentry, calendar_device
from .models import GuestPinsConfigEntry
from .sources.coordinator import SourceCoordinator
from .views import LockView

PARALLEL_UPDATES = 0


def last_seen(view: LockView) -> dict[str, Any]:
    """Return when the lock last reported (its entity's last report), shown beside an offline status."""
    return {"last_seen": view.last_seen.isoformat() if view.last_seen else None}


def slot_attributes(view: LockView) -> dict[str, Any]:
    """Return what each slot holds: whose code (a name), which kind, the code masked unless shown."""
    return {
        "slot_count": view.slot_count,
        "slots": {str(slot): item.as_dict() for slot, item in view.slots.items()},
    }


def next_arrival(view: LockView) -> dict[str, Any]:
    """Return who arrives next and whether their code is ready (also while another guest stays)."""
    stay = view.next_stay
    if stay is None:
        return {}
    return {"guest": stay.guest, "status": stay.status, "locks": dict(stay.locks)}


def alert_attributes(view: LockView) -> dict[str, Any]:
    """Return the open problems of the lock and its property: each one's kind and details (no code)."""
    return {
        "alerts": [{"kind": alert.kind, "placeholders": dict(alert.placeholders)} for alert in view.alerts]
    }


@dataclass(frozen=True, kw_only=True)
class LockSensorDescription(SensorEntityDescription):
    """A lock sensor: its value (and attributes) from the lock's view."""

    value_fn: Callable[[LockView], StateType | datetime]
    attributes_fn: Callable[[LockView], Mapping[str, Any]] | None = None


LOCK_SENSORS: tuple[LockSensorDescription, ...] = (
    LockSensorDescription(
        key="status",
        translation_key="status",
        device_class=SensorDeviceClass.ENUM,
        options=["online", "asleep", "offline", "no_path"],
        value_fn=lambda view: view.status,
        attributes_fn=last_seen,
    ),
    LockSensorDescription(
        key="current_guest", translation_key="current_guest", value_fn=lambda view: view.current_guest
    ),
    LockSensorDescription(
        key="stay_status",
        translation_key="stay_status",
        device_class=SensorDeviceClass.ENUM,
        options=[status.value for status in StayStatus],
        value_fn=lambda view: view.stay.status if view.stay else None,
        attributes_fn=lambda view: view.stay.attributes() if view.stay else {},
    ),
    LockSensorDescription(
        key="alerts",
        translation_key="alerts",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda view: len(view.alerts),
        attributes_fn=lambda view: {
            "alerts": [
                {"kind": alert.kind, "placeholders": dict(alert.placeholders)} for alert in view.alerts
            ]
        },
    ),
    LockSensorDescription(
        key="next_checkin",
        translation_key="next_checkin",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda view: view.next_checkin,
        attributes_fn=next_arrival,
    ),
    LockSensorDescription(
        key="slots_used",
        translation_key="slots_used",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda view: len(view.slots),
        attributes_fn=slot_attributes,
    ),
    LockSensorDescription(
        key="pending_operations",
        translation_key="pending_operations",
        entity_category=EntityCategory.DIAGNOSTIC,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda view: view.pending,
    ),
    LockSensorDescription(
        key="last_confirmed_write",
        translation_key="last_confirmed_write",
        device_class=SensorDeviceClass.TIMESTAMP,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda view: view.last_write,
    ),
    LockSensorDescription(
        key="transactions_week",
        translation_key="transactions_week",
        entity_category=EntityCategory.DIAGNOSTIC,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda view: view.transactions_week,
        attributes_fn=lambda view: {"wake_ups": view.wakeups_week},
    ),
)


@dataclass(frozen=True, kw_only=True)
class CalendarSensorDescription(SensorEntityDescription):
    """A calendar sensor: its value from the calendar's coordinator."""

    value_fn: Callable[[CalendarCoordinator | SourceCoordinator], StateType | datetime]
    # Its value moves with every sync of a calendar, also one that found the events unchanged.
    every_sync: bool = False


CALENDAR_SENSORS: tuple[CalendarSensorDescription, ...] = (
    CalendarSensorDescription(
        key="last_sync",
        translation_key="last_sync",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda coordinator: coordinator.last_success,
        every_sync=True,
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
    settings = entry.runtime_data.settings
    await async_add_by_subentry(
        async_add_entities,
        (
            (lock_id, [LockSensor(entry, description, lock_id) for description in LOCK_SENSORS])
            for lock_id in settings.locks
        ),
    )
    await async_add_by_subentry(
        async_add_entities,
        (
            (
                calendar_id,
                [CalendarSensor(entry, description, calendar_id) for description in CALENDAR_SENSORS],
            )
            for calendar_id in [*settings.calendars, *settings.sources]
        ),
    )


class LockSensor(GuestPinsLockEntity, SensorEntity):
    """A sensor of a managed lock."""

    entity_description: LockSensorDescription
    # The open problems' details change with each occurrence: the count's history is enough.
    _unrecorded_attributes = frozenset({"alerts"})

    @property
    def native_value(self) -> StateType | datetime:
        """Return the sensor's value."""
        return self.entity_description.value_fn(self.view)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        """Return the sensor's attributes (codes masked unless shown)."""
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.view)


class CalendarSensor(CoordinatorEntity[CalendarCoordinator | SourceCoordinator], SensorEntity):
    """A sensor of a rental calendar or a reservation source, on its service device; it follows its syncs."""

    _attr_has_entity_name = True
    entity_description: CalendarSensorDescription

    def __init__(
        self, entry: GuestPinsConfigEntry, description: CalendarSensorDescription, calendar_id: str
    ) -> None:
        """Name the sensor by translation key, under the calendar's device."""
        super().__init__(entry.runtime_data.coordinators[calendar_id])
        self.entity_description = description
        self._attr_unique_id = f"{entry.entry_id}_{calendar_id}_{description.key}"
        self._attr_device_info = calendar_device(entry, calendar_id)

    async def async_added_to_hass(self) -> None:
        """Follow the coordinator, and every sync of a calendar if its value moves with each one."""
        await super().async_added_to_hass()
        if self.entity_description.every_sync and isinstance(self.coordinator, CalendarCoordinator):
            self.async_on_remove(self.coordinator.async_follow_syncs(self._handle_coordinator_update))

    @property
    def available(self) -> bool:
        """Return True: a calendar that fails keeps its last good data, which these sensors show."""
        return True

    @property
    def native_value(self) -> StateType | datetime:
        """Return the sensor's value."""
        return self.entity_description.value_fn(self.coordinator)
