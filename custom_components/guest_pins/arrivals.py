"""Arrivals: who opened a door with a code (an access log per lock and per stay), and each lock's battery.

A lock's report of a code used at its keypad names a slot; whoever held that slot at that instant is who came
in (`core/arrival`). The guest's first use is their arrival (their stay is checked in); a code used outside
its window, a backup nobody was given, or a slot nobody holds is told to the host. A lock whose battery is
low with a check-in coming is part of the check before arrival.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Literal

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.core import CALLBACK_TYPE, Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.util import dt as dt_util

from .alerts import Alert
from .core import arrival, lifecycle
from .core.arrival import Use, Who
from .core.engine import PropertyPlan
from .lock_runtime import LockRuntime
from .locks.base import KeypadUse
from .parts import PropertyPart

BATTERY_SCOPE = "battery"


def battery_sensor(hass: HomeAssistant, entity_id: str) -> str | None:
    """Return the battery sensor of a lock's device (the lock's own integration's), if it has one."""
    registry = er.async_get(hass)
    entry = registry.async_get(entity_id)
    if entry is None or entry.device_id is None:
        return None
    return next(
        (
            candidate.entity_id
            for candidate in er.async_entries_for_device(registry, entry.device_id)
            if candidate.domain == "sensor"
            and (candidate.device_class or candidate.original_device_class) == SensorDeviceClass.BATTERY
        ),
        None,
    )


def battery_level(hass: HomeAssistant, entity_id: str) -> float | Literal[False] | None:
    """Return the battery level of a lock's device, from its battery sensor.

    None while the sensor has no reading; False when the lock's device has no battery sensor at all.
    """
    sensor = battery_sensor(hass, entity_id)
    if sensor is None:
        return False
    state = hass.states.get(sensor)
    try:
        return float(state.state) if state else None
    except ValueError:
        return None  # unknown or unavailable


class Arrivals(PropertyPart):
    """Follows one property's doors."""

    @callback
    def keypad_used(self, lock_id: str, use: KeypadUse, now: datetime, plan: PropertyPlan | None) -> Use:
        """Log who opened a lock with a code; the guest's first use is their arrival."""
        lock = self.locks[lock_id]
        at = use.at or now
        content = lock.writer.held.get(use.slot) if use.slot is not None else None
        stays = {stay.stay_id: stay for stay in plan.stay_plan.stays} if plan else {}
        seen = arrival.who_used(
            at,
            lock_id,
            use.slot,
            content.owner if content else None,
            stays,
            {pin.key: pin for pin in self.settings.statics},
            self.journey.backups,
            self.zone,
        )
        self.journey.access[lock_id] = arrival.logged(self.journey.access.get(lock_id, ()), seen)
        self.events.fire(
            "code_used",
            lock_id,
            who=seen.who,
            name=seen.name,
            reservation=seen.stay_id,
            slot=use.slot,
            outside_window=seen.outside_window,
        )
        record = self.journey.stays.get(seen.stay_id or "")
        if record is not None and record.first_use is None and seen.who in (Who.GUEST, Who.BACKUP):
            checked_in = lifecycle.StayStatus.CHECKED_IN
            self.journey.stays[record.stay_id] = replace(record, first_use=at, status=checked_in)
            self.events.fire("checked_in", lock_id, reservation=record.stay_id, guest=record.guest)
            self.events.fire(
                "stay_status",
                reservation=record.stay_id,
                guest=record.guest,
                status=checked_in,
                previous=record.status,
            )
        if seen.outside_window or seen.who is Who.UNKNOWN:
            self._tell_unexpected(lock, seen)
        return seen

    def _tell_unexpected(self, lock: LockRuntime, seen: Use) -> None:
        """Tell the host of a code that opened the door when it should not have, or that nobody holds."""
        self.alerts.tell(
            Alert(
                f"unexpected_use_{lock.lock_id}_{seen.at.timestamp():.0f}",
                "unexpected_use",
                {
                    "lock": lock.title,
                    "who": seen.name or seen.who.value,
                    "at": f"{seen.at.astimezone(self.zone):%Y-%m-%d %H:%M}",
                    "slot": str(seen.slot) if seen.slot is not None else "?",
                },
            )
        )

    def stay_access(self, stay_id: str) -> tuple[Use, ...]:
        """Return a stay's access log, from every lock's, oldest first."""
        uses = [use for log in self.journey.access.values() for use in log if use.stay_id == stay_id]
        return tuple(sorted(uses, key=lambda use: use.at))[-arrival.LOG_SIZE :]

    @callback
    def follow_batteries(self, plan_of: Callable[[], PropertyPlan | None]) -> CALLBACK_TYPE:
        """Re-check the battery alerts whenever a lock's battery sensor reports; return how to stop."""
        sensors = [
            sensor for lock in self.locks.values() if (sensor := battery_sensor(self.hass, lock.entity_id))
        ]

        @callback
        def _reported(_event: Event[EventStateChangedData]) -> None:
            """A battery reported: the alert follows its level."""
            if (plan := plan_of()) is not None:
                self.sync_battery_alerts(plan, dt_util.utcnow())

        return async_track_state_change_event(self.hass, sensors, _reported)

    @callback
    def sync_battery_alerts(self, plan: PropertyPlan, now: datetime) -> None:
        """Alert the host of a lock whose battery is low with a check-in in the next 72 hours."""
        alerts = []
        for lock_id, lock in self.locks.items():
            checkins = [stay.checkin for stay in plan.stays_on(lock_id)]
            level = battery_level(self.hass, lock.entity_id)
            if level is False:
                if checkins:  # a lock guests will use: say once that its battery cannot be watched
                    self.alerts.tell(
                        Alert(f"battery_unknown_{lock_id}", "battery_unknown", {"lock": lock.title})
                    )
                continue
            if arrival.battery_low(level, self.settings.battery_level, checkins, now):
                placeholders = {
                    "lock": lock.title,
                    "level": f"{level:.0f}",
                    "threshold": str(self.settings.battery_level),
                }
                alerts.append(Alert(f"battery_low_{lock_id}", "battery_low", placeholders))
        self.alerts.sync(BATTERY_SCOPE, alerts)
