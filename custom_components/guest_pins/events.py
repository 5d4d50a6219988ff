"""`guest_pins_event`: what automations hear of a property, never with a code in it.

The event bus is recorded in Home Assistant's database (and in every backup), so no event carries a code,
masked or not: an automation that must send a guest their code asks for it with an action that answers
(`guest_pins.get_stay_code`), whose answer is not recorded.
"""

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.core import HomeAssistant, callback

from .core.engine import Moment, PropertyPlan
from .core.loop import PlanAlert, PlanAlertKind
from .core.model import Stay
from .lock_runtime import LockRuntime
from .locks.writer import Delivered, Failed
from .settings import PropertySettings
from .views import owner_view

EVENT_GUEST_PINS = "guest_pins_event"


class PropertyEvents:
    """Fires one property's events; `locks` gives each lock's device and entity, `plan_of` people's names."""

    def __init__(
        self,
        hass: HomeAssistant,
        settings: PropertySettings,
        locks: Mapping[str, LockRuntime],
        plan_of: Callable[[], PropertyPlan | None],
    ) -> None:
        """Fire for the property of `settings`."""
        self.hass = hass
        self.entry_id = settings.entry_id
        self.settings = settings
        self.locks = locks
        self.plan_of = plan_of
        self._collisions_told: set[tuple[str, str]] = set()

    def who(self, owner: str) -> dict[str, str]:
        """Return who a slot owner is, as automations and the logbook name them (`name`; `who`: its kind)."""
        plan = self.plan_of()
        stays = {stay.stay_id: stay for stay in plan.stay_plan.stays} if plan else {}
        name, kind = owner_view(owner, stays, {pin.key: pin for pin in self.settings.statics})
        return {"name": name, "who": kind}

    def guest_of(self, stay_id: str | None) -> str | None:
        """Return the guest's name of a stay in the plan (None when it has none, or is gone)."""
        plan = self.plan_of()
        stay = (
            next((stay for stay in plan.stay_plan.stays if stay.stay_id == stay_id), None) if plan else None
        )
        return stay.guest_name if stay else None

    @callback
    def fire(self, kind: str, lock_id: str | None = None, /, **data: object) -> None:
        """Fire one event; with a lock, `device_id` names guest_pins' device of it (for device triggers)."""
        payload: dict[str, Any] = {"type": kind, "config_entry_id": self.entry_id, **data}
        if lock_id is not None and (lock := self.locks.get(lock_id)) is not None:
            payload["device_id"] = lock.device_id
            payload["lock"] = lock.entity_id
        self.hass.bus.async_fire(EVENT_GUEST_PINS, payload)

    @callback
    def delivered(self, lock_id: str, delivered: Delivered) -> None:
        """Tell automations a code reached or left a lock (who it belongs to, where; not the code)."""
        previous, content = delivered.previous, delivered.content
        if previous is not None and (content is None or previous.owner != content.owner):
            self.fire(
                "pin_removed", lock_id, slot=delivered.slot, owner=previous.owner, **self.who(previous.owner)
            )
        if content is not None:
            self.fire(
                "pin_programmed",
                lock_id,
                slot=delivered.slot,
                owner=content.owner,
                issued_by_lock=delivered.issued is not None,
                **self.who(content.owner),
            )

    @callback
    def write_failed(self, lock_id: str, failed: Failed) -> None:
        """Tell automations a slot's writes keep failing (after its last quick retry, or a refusal)."""
        self.fire("write_failed", lock_id, slot=failed.slot, reason=failed.reason, attempts=failed.attempts)

    def stay_devices(self, stay: Stay) -> dict[str, object]:
        """Return the device ids of a stay's locks (the first as device_id, for device triggers)."""
        devices = sorted(self.locks[lock].device_id for lock in stay.locks if lock in self.locks)
        return {"device_id": devices[0] if devices else None, "device_ids": devices}

    @callback
    def moment(self, moment: Moment) -> None:
        """Fire a stay's reminder (for automations that send or prepare something before check-in)."""
        stay = moment.stay
        details: dict[str, object] = {}
        if moment.before is not None:
            details = {
                "hours_before": moment.before.total_seconds() / 3600,
                "checkin": stay.checkin.isoformat(),
                "locks": sorted(self.locks[lock].entity_id for lock in stay.locks if lock in self.locks),
            }
        self.fire(
            moment.kind, reservation=stay.stay_id, guest=stay.guest_name, **details, **self.stay_devices(stay)
        )

    @callback
    def collisions(self, plan: PropertyPlan) -> None:
        """Tell of each collision once, with both parties, also when it was solved by moving (FR-008)."""
        for collision in plan.stay_plan.collisions:
            pair = (collision.stay_id, collision.other)
            if pair not in self._collisions_told:
                self._collisions_told.add(pair)
                self.fire(
                    "collision",
                    collision.lock_id,
                    reservation=collision.stay_id,
                    guest=self.guest_of(collision.stay_id),
                    other=collision.other,
                    other_name=self.who(collision.other)["name"],
                    moved_to=collision.moved_to.method.value if collision.moved_to else None,
                )

    @callback
    def plan_problem(self, found: PlanAlert) -> None:
        """Tell automations of a full lock or a code missing near check-in, when it first appears.

        Collisions have their own event, fired for every collision, solved or not (FR-008).
        """
        if found.kind is PlanAlertKind.CAPACITY:
            self.fire("capacity_exceeded", found.lock_id, count=found.count, kind=found.slot_kind)
        elif found.kind is PlanAlertKind.MISSING_CODE:
            self.fire(
                "missing_code", found.lock_id, reservation=found.stay_id, guest=self.guest_of(found.stay_id)
            )

    @callback
    def door_opened(self, lock_id: str, stay: Stay) -> None:
        """Tell automations the door was opened remotely for a guest."""
        self.fire("door_opened", lock_id, reservation=stay.stay_id, guest=stay.guest_name)
