"""The property manager: turns Home Assistant into inputs for the core and the core's decisions into writes.

It replans on every feed change and host edit, writes what the reconciler asks for through each lock's path
(holding writes while a lock is unavailable), remembers what each lock holds, fires `guest_pins_event`,
raises and clears repairs, and wakes exactly at the plan's next change instead of polling.
"""

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from homeassistant.components import persistent_notification
from homeassistant.config_entries import ConfigSubentry
from homeassistant.core import CALLBACK_TYPE, Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, issue_registry as ir, translation
from homeassistant.helpers.debounce import Debouncer
from homeassistant.helpers.event import async_track_point_in_utc_time, async_track_state_change_event
from homeassistant.util import dt as dt_util

from .const import (
    CONF_BATCH_SECONDS,
    CONF_CODE,
    CONF_EARLY_ACCESS,
    CONF_ENABLED,
    CONF_EXPIRE_AT,
    CONF_GRACE,
    CONF_GUEST_FIRST,
    CONF_GUEST_LAST,
    CONF_LOCK_ENTITY,
    CONF_LOCKS,
    CONF_NOTIFY_TARGETS,
    CONF_PIN_LENGTH,
    CONF_PIN_METHODS,
    CONF_PROVISION_LEAD,
    CONF_SCHEDULE,
    CONF_STATIC_FIRST,
    CONF_STATIC_LAST,
    CONF_VALID_FROM,
    CONF_VALID_UNTIL,
    CONF_WINDOW_POLICY,
    DEFAULT_OPTIONS,
    DOMAIN,
    LOGGER,
    POLICY_EXPIRE_NEXT_DAY,
    SUBENTRY_CALENDAR,
    SUBENTRY_STATIC_PIN,
    WEEKDAYS,
)
from .core import pins
from .core.engine import PropertyInputs, PropertyPlan, plan_property
from .core.model import GuestPin, Interval, LockProfile, PinMethod, SlotCode, StaticPin, Stay, WeeklySchedule
from .core.reconciler import retain_expired
from .core.schedule_text import parse_ranges
from .core.stays import source_id
from .core.windows import WindowPolicy
from .locks.base import LockPath
from .locks.queue import Delivered, Failed, FlushResult, LockWriter, WriteQueue
from .masking import mask
from .storage import GuestPinsStore, PropertyState, slot_from_json, slot_to_json

if TYPE_CHECKING:
    from .coordinator import CalendarCoordinator
    from .models import GuestPinsConfigEntry

EVENT_GUEST_PINS = "guest_pins_event"
# A lock that still lacks a guest's code this long before check-in gets a repair.
MISSING_CODE_ALERT = timedelta(hours=6)
# A code a lock will limit to its window by itself may wait for another reason to talk to the lock (its
# provisioning lead is the earliest it goes on), but it is on the lock at the latest this long before.
LATEST_PROVISION = timedelta(hours=12)
SAVE_DELAY = 2.0


def static_pin_from_subentry(subentry: ConfigSubentry) -> StaticPin:
    """Return the core's view of a static PIN subentry."""
    data = subentry.data
    schedule_text: dict[str, str] = data.get(CONF_SCHEDULE) or {}
    schedule = (
        WeeklySchedule.of(
            {WEEKDAYS.index(day): list(parse_ranges(text)) for day, text in schedule_text.items()}
        )
        if schedule_text
        else None
    )
    return StaticPin(
        name=data["name"],
        code=data[CONF_CODE],
        locks=frozenset(data.get(CONF_LOCKS, [])),
        schedule=schedule,
        enabled=data.get(CONF_ENABLED, True),
        valid_from=dt_util.parse_date(data[CONF_VALID_FROM]) if data.get(CONF_VALID_FROM) else None,
        valid_until=dt_util.parse_date(data[CONF_VALID_UNTIL]) if data.get(CONF_VALID_UNTIL) else None,
    )


def lock_profile(
    subentry: ConfigSubentry, path: LockPath, options: dict[str, Any], manual: Iterable[int] = ()
) -> LockProfile:
    """Return the core's view of a lock subentry, with what its path can do; manual slots are not planned."""
    data = subentry.data
    reserved = set(manual)
    return LockProfile(
        lock_id=subentry.subentry_id,
        guest_slots=[
            slot for slot in range(data[CONF_GUEST_FIRST], data[CONF_GUEST_LAST] + 1) if slot not in reserved
        ],
        static_slots=[
            slot
            for slot in range(data[CONF_STATIC_FIRST], data[CONF_STATIC_LAST] + 1)
            if slot not in reserved
        ],
        native_windows=path.capabilities.native_windows,
        native_weekly=path.capabilities.native_weekly,
        provision_lead=timedelta(hours=options[CONF_PROVISION_LEAD]),
        wake_interval=path.capabilities.wake_interval or timedelta(0),
        invites=path.capabilities.invites,
    )


def window_policy(options: dict[str, Any]) -> WindowPolicy:
    """Return the property's window policy from its options."""
    if options[CONF_WINDOW_POLICY] == POLICY_EXPIRE_NEXT_DAY:
        return WindowPolicy(expire_next_day_at=time.fromisoformat(options[CONF_EXPIRE_AT]))
    return WindowPolicy(
        early_access=timedelta(minutes=options[CONF_EARLY_ACCESS]),
        grace=timedelta(minutes=options[CONF_GRACE]),
    )


@dataclass
class LockRuntime:
    """A managed lock while the property runs: its path, device and the writer that owns its writes."""

    subentry: ConfigSubentry
    path: LockPath
    device_id: str
    writer: LockWriter = field(init=False)
    last_error: str | None = None

    @property
    def entity_id(self) -> str:
        """Return the managed lock entity."""
        return str(self.subentry.data[CONF_LOCK_ENTITY])

    @property
    def queue(self) -> WriteQueue:
        """Return what still waits for the lock."""
        return self.writer.queue


class PropertyManager:
    """Plans a property and keeps its locks in step with the plan."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: GuestPinsConfigEntry,
        store: GuestPinsStore,
        state: PropertyState,
        zone: ZoneInfo,
        coordinators: dict[str, CalendarCoordinator],
        locks: dict[str, LockRuntime],
    ) -> None:
        """Hold the property's parts; nothing runs until `async_start`."""
        self.hass = hass
        self.entry = entry
        self.store = store
        self.state = state
        self.zone = zone
        self.coordinators = coordinators
        self.locks = locks
        self.options: dict[str, Any] = {**DEFAULT_OPTIONS, **entry.options}
        self.plan: PropertyPlan | None = None
        self.last_tick: datetime | None = None
        self._wake: CALLBACK_TYPE | None = None
        self._wake_at: datetime | None = None
        self._listeners: list[Callable[[], None]] = []
        self._update_listeners: dict[str, list[Callable[[], None]]] = {}
        self._raised: set[str] = set()
        self._collisions_reported: set[tuple[str, str]] = set()
        self._statics: tuple[StaticPin, ...] | None = None
        self._syncing = 0  # syncs under way: their calendars' updates wait for their one replan
        self._debouncer = Debouncer(hass, LOGGER, cooldown=0.2, immediate=False, function=self.async_replan)
        self._replanning = asyncio.Lock()
        self.batch_window = timedelta(seconds=int(self.options[CONF_BATCH_SECONDS]))
        for lock_id, lock in locks.items():
            queue = WriteQueue.from_json(state.queues.get(lock_id, {}), slot_from_json, self.batch_window)
            lock.writer = LockWriter(
                lock.path, queue, state.lock_contents.setdefault(lock_id, {}), dt_util.utcnow
            )

    @property
    def pin_settings(self) -> pins.PinSettings:
        """Return the property's PIN settings."""
        order = self.options[CONF_PIN_METHODS]
        return pins.PinSettings(
            length=int(self.options[CONF_PIN_LENGTH]),
            methods=pins.ordered_methods([] if order == "none" else order.split(",")),
        )

    def statics(self) -> tuple[StaticPin, ...]:
        """Return the property's static PINs (read once: a change to them reloads the property)."""
        if self._statics is None:
            self._statics = tuple(
                static_pin_from_subentry(subentry)
                for subentry in self.entry.get_subentries_of_type(SUBENTRY_STATIC_PIN)
            )
        return self._statics

    def inputs(self) -> PropertyInputs:
        """Gather everything the plan depends on from the feeds, the configuration and the store."""
        events = tuple(
            event
            for coordinator in self.coordinators.values()
            if coordinator.data
            for event in coordinator.data.events
        )
        calendar_locks = {
            sub.subentry_id: frozenset(sub.data.get(CONF_LOCKS, []))
            for sub in self.entry.get_subentries_of_type(SUBENTRY_CALENDAR)
        }
        profiles = {
            lock_id: lock_profile(lock.subentry, lock.path, self.options, self.state.manual.get(lock_id, {}))
            for lock_id, lock in self.locks.items()
        }
        return PropertyInputs(
            events=events,
            calendar_locks=calendar_locks,
            statics=self.statics(),
            profiles=profiles,
            zone=self.zone,
            secret=self.state.secret,
            pin_settings=self.pin_settings,
            policy=window_policy(self.options),
            # Copies: the plan is made in the executor while writes may update these.
            memory=dict(self.state.memory),
            first_seen=dict(self.state.first_seen),
        )

    async def async_start(self) -> None:
        """Follow the locks and the calendars, and make the first plan now."""
        for lock_id, lock in self.locks.items():
            await lock.path.async_start(partial(self.async_lock_reported, lock_id))
            if lock.path.transactions:  # a path may ask the lock what it can do
                self.state.count_transactions(lock_id, dt_util.utcnow(), lock.path.transactions)
        for coordinator in self.coordinators.values():
            self._listeners.append(coordinator.async_add_listener(self.async_schedule_replan))
        entities = {lock.entity_id: lock_id for lock_id, lock in self.locks.items()}
        if entities:
            self._listeners.append(
                async_track_state_change_event(
                    self.hass, list(entities), partial(self._lock_entity_changed, entities)
                )
            )
        await self.async_replan()

    @callback
    def _lock_entity_changed(self, entities: dict[str, str], event: Event[EventStateChangedData]) -> None:
        """The lock's entity changed (it was used, or came back): the lock just reported."""
        self.async_lock_reported(entities[event.data["entity_id"]])

    @callback
    def async_lock_reported(self, lock_id: str) -> None:
        """A lock just reported, so it is awake: deliver what waits for it now (FR-020)."""
        lock = self.locks[lock_id]
        lock.writer.mark_awake()
        if len(lock.queue):
            self.hass.async_create_task(self.async_apply(lock_id), eager_start=False)

    @callback
    def async_stop(self) -> None:
        """Stop listening and waking (on unload)."""
        for unsubscribe in self._listeners:
            unsubscribe()
        self._listeners.clear()
        if self._wake is not None:
            self._wake()
            self._wake = None
        self._debouncer.async_cancel()

    async def async_sync(self, calendar_ids: Iterable[str] | None = None) -> None:
        """Fetch the calendars (all, or those named) now, together, and replan once, not as each lands."""
        wanted = self.coordinators.keys() if calendar_ids is None else set(calendar_ids)
        self._syncing += 1
        try:
            await asyncio.gather(
                *(
                    coordinator.async_refresh()
                    for key, coordinator in self.coordinators.items()
                    if key in wanted
                )
            )
        finally:
            self._syncing -= 1
        self._debouncer.async_cancel()
        await self.async_replan()

    @callback
    def async_schedule_replan(self) -> None:
        """Replan soon, coalescing bursts of changes into one pass (a sync in progress replans at its end)."""
        if not self._syncing:
            self.hass.async_create_task(self._debouncer.async_call(), eager_start=True)

    @callback
    def add_listener(self, update: Callable[[], None], scope: str) -> Callable[[], None]:
        """Call `update` after every plan, and after writes to the lock `scope` names (entities refresh)."""
        listeners = self._update_listeners.setdefault(scope, [])
        listeners.append(update)
        return lambda: listeners.remove(update)

    @callback
    def _notify(self, scope: str) -> None:
        """Let the entities of one lock (or calendar) show the new state."""
        for update in list(self._update_listeners.get(scope, ())):
            update()

    async def _async_notify_all(self) -> None:
        """Let every entity show the new state, one lock or calendar at a time (the loop is shared)."""
        for scope in list(self._update_listeners):
            self._notify(scope)
            await asyncio.sleep(0)

    async def async_replan(self, *_: object, timed: bool = False) -> None:
        """Plan, queue what changed, flush what is due, raise what needs the host, sleep until next change.

        The plan looks one batching window ahead, so a code due at a window start is on the lock before it and
        a code due to go is gone by its window end; changes within the window leave in one communication.
        `timed` marks a replan the clock asked for: its changes are due now.
        """
        # One plan at a time: planning runs in the executor, and a second replan arriving meanwhile (a feed,
        # an action, the clock) must plan from what the first one decided.
        async with self._replanning:
            await self._async_replan(timed=timed)

    async def _async_replan(self, *, timed: bool) -> None:
        """Replan while holding the replanning lock (see `async_replan`)."""
        now = dt_util.utcnow()
        # A replan that runs once the clock has reached the pending wake (a feed update landing on the same
        # instant) is the clock's replan too: its changes must not wait for the batching window.
        timed = timed or (self._wake_at is not None and self._wake_at <= now)
        self._record_first_seen(now)
        # Planning a large property takes long enough to be felt by everything else on the event loop.
        plan = await self.hass.async_add_executor_job(
            plan_property,
            self.inputs(),
            now + self.batch_window,
            {lock_id: dict(owners) for lock_id, owners in self.state.slot_owners.items()},
        )
        self.plan = plan
        self._remember_codes(plan)
        # The loop is shared: give it back between the stages of a large property's replan.
        await asyncio.sleep(0)
        windows = {f"stay:{stay.stay_id}": stay.window for stay in plan.stay_plan.stays}
        for lock_id, lock in self.locks.items():
            lock_plan = plan.locks[lock_id]
            self.state.slot_owners[lock_id] = {
                slot: content.owner for slot, content in lock_plan.slots.items()
            }
            held = lock.writer.held
            # A lock that enforces windows already refuses an expired code: it stays until its slot is wanted.
            desired = retain_expired(self.desired(lock_id), held, now + self.batch_window)
            deferred = self._deferred_slots(desired, held, now)
            urgent = (
                set(desired.keys() | held.keys())
                if timed
                else self._urgent_slots(desired, held, now, windows)
            )
            lock.writer.update(desired, urgent - deferred.keys(), deferred)
            self._persist_queue(lock_id)
        self._fire_time_events(plan, now)
        self.last_tick = now
        for lock_id in self.locks:
            await self.async_apply(lock_id, rearm=False)
        self._update_repairs(plan, now)
        self._schedule_wake(now)
        self.store.async_delay_save(self.state.to_json, SAVE_DELAY)
        await self._async_notify_all()

    def _deferred_slots(
        self, desired: dict[int, SlotCode], held: dict[int, SlotCode], now: datetime
    ) -> dict[int, datetime]:
        """Return the slots whose write may wait for a communication with the lock, and until when.

        A guest's code that the lock will limit to the stay's window by itself can go on with whatever
        next wakes the lock (several guests in one wake-up); it leaves on its own only `LATEST_PROVISION`
        before the window.
        """
        deferred: dict[int, datetime] = {}
        for slot, want in desired.items():
            window = want.native_window
            if window is not None and held.get(slot) != want:
                latest = window.start - LATEST_PROVISION
                if latest > now + self.batch_window:
                    deferred[slot] = latest
        return deferred

    @staticmethod
    def _urgent_slots(
        desired: dict[int, SlotCode], held: dict[int, SlotCode], now: datetime, windows: dict[str, Interval]
    ) -> set[int]:
        """Return the slots that cannot wait for the batching window (`windows`: each stay owner's window).

        A guest whose window has begun would be locked out, or a guest's code must go (its window ended, or
        the stay is gone).
        """
        urgent: set[int] = set()
        for slot in desired.keys() | held.keys():
            want, have = desired.get(slot), held.get(slot)
            if (
                want is not None
                and want.owner in windows
                and windows[want.owner].covers(now)
                and have != want
            ):
                urgent.add(slot)
            if (
                have is not None
                and have.owner.startswith("stay:")
                and (want is None or want.owner != have.owner)
            ):
                urgent.add(slot)
        return urgent

    def _persist_queue(self, lock_id: str) -> None:
        """Keep the lock's queue in the store, so a restart neither loses nor repeats a write."""
        self.state.queues[lock_id] = self.locks[lock_id].queue.to_json(slot_to_json)

    def desired(self, lock_id: str) -> dict[int, SlotCode]:
        """Return what the lock should hold: the plan's slots and the host's manual ones (FR-025)."""
        slots = dict(self.plan.locks[lock_id].slots) if self.plan else {}
        for slot, code in self.state.manual.get(lock_id, {}).items():
            slots[slot] = SlotCode(f"manual:{slot}", code)
        return dict(sorted(slots.items()))

    def _record_first_seen(self, now: datetime) -> None:
        """Note when each booking first appeared: the booking order decides who moves in a collision."""
        for coordinator in self.coordinators.values():
            for event in coordinator.data.events if coordinator.data else ():
                self.state.first_seen.setdefault(source_id(event), now)

    def _remember_codes(self, plan: PropertyPlan) -> None:
        """Keep each stay's current code, so a programmed code can be frozen and shown."""
        for stay_id, pin in plan.stay_plan.pins.items():
            memory = self.state.memory.get(stay_id, pins.CodeMemory())
            if memory.pin != pin and not memory.frozen:
                self.state.memory[stay_id] = replace(memory, pin=pin)

    async def async_apply(self, lock_id: str, *, force: bool = False, rearm: bool = True) -> None:
        """Let the lock's writer flush what is due (everything, when `force`d by the host), then report it.

        `rearm` is False inside a replan, which sets the next wake-up once, after every lock.
        """
        lock = self.locks[lock_id]
        result = await lock.writer.flush(force=force)
        if result.held_back:
            LOGGER.debug("Lock %s is unavailable; holding %d slots", lock.entity_id, len(lock.queue))
            return
        self._record(lock, result, rearm=rearm)

    def _record(self, lock: LockRuntime, result: FlushResult, *, rearm: bool) -> None:
        """Count what a flush cost, tell automations and the host what happened, and keep it in the store."""
        lock_id = lock.subentry.subentry_id
        now = dt_util.utcnow()
        if result.communicated:
            self.state.count_wakeup(lock_id, now)
            self.state.count_transactions(lock_id, now, result.transactions)
        for delivered in result.delivered:
            self.state.last_write[lock_id] = now
            self._note_issued(lock_id, delivered)
            self._fire_write_events(lock, delivered)
        for failed in result.failed:
            self._write_failed(lock, failed)
        if not result.failed and result.delivered:
            lock.last_error = None
        if not lock.queue.reported:
            ir.async_delete_issue(self.hass, DOMAIN, f"write_failed_{lock_id}")
        self._persist_queue(lock_id)
        if rearm:
            # Also when nothing could go (a report during a back-off): wake when the back-off ends.
            self._schedule_wake(now)
        if result.delivered or result.failed:
            self.store.async_delay_save(self.state.to_json, SAVE_DELAY)
            if rearm:  # a replan refreshes every entity when it is done
                self._notify(lock_id)

    def _note_issued(self, lock_id: str, delivered: Delivered) -> None:
        """Remember a code the lock's cloud issued in place of ours (the guest must be given that one)."""
        issued = self.state.issued.setdefault(lock_id, {})
        if delivered.issued is not None:
            issued[delivered.slot] = delivered.issued
        else:
            issued.pop(delivered.slot, None)

    def _write_failed(self, lock: LockRuntime, failed: Failed) -> None:
        """Log a failed write; after its last quick retry (or a refusal), tell automations and the host."""
        lock.last_error = failed.reason
        LOGGER.warning(
            "Writing slot %s of %s failed (attempt %d): %s",
            failed.slot,
            lock.entity_id,
            failed.attempts,
            failed.reason,
        )
        if not failed.report:
            return
        self._fire(lock, "write_failed", slot=failed.slot, reason=failed.reason, attempts=failed.attempts)
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            f"write_failed_{lock.subentry.subentry_id}",
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key="write_failed",
            translation_placeholders={"lock": lock.subentry.title, "reason": failed.reason},
        )

    def _fire(self, runtime: LockRuntime | None, kind: str, /, **data: object) -> None:
        """Fire one guest_pins_event (device_id names the lock's device, when there is a lock)."""
        payload: dict[str, Any] = {"type": kind, "config_entry_id": self.entry.entry_id, **data}
        if runtime is not None:
            payload["device_id"] = runtime.device_id
            payload["lock"] = runtime.entity_id
        self.hass.bus.async_fire(EVENT_GUEST_PINS, payload)

    def _fire_write_events(self, lock: LockRuntime, delivered: Delivered) -> None:
        """Tell automations a code reached or left a lock; freeze a guest code once programmed."""
        previous, content = delivered.previous, delivered.content
        if previous is not None and (content is None or previous.owner != content.owner):
            self._fire(lock, "pin_removed", slot=delivered.slot, owner=previous.owner)
        if content is not None:
            owner = content.owner
            self._fire(
                lock,
                "pin_programmed",
                slot=delivered.slot,
                owner=owner,
                code=mask(delivered.issued or content.code),
                issued_by_lock=delivered.issued is not None,
            )
            if owner.startswith("stay:"):
                stay_id = owner.removeprefix("stay:")
                memory = self.state.memory.get(stay_id, pins.CodeMemory())
                self.state.memory[stay_id] = replace(
                    memory, pin=memory.pin or GuestPin(content.code, PinMethod.DATE), frozen=True
                )

    def issued_codes(self, stay: Stay) -> dict[str, str]:
        """Return the codes locks issued in place of the stay's own, by lock entity."""
        owner = f"stay:{stay.stay_id}"
        return {
            lock.entity_id: code
            for lock_id, lock in self.locks.items()
            for slot, code in self.state.issued.get(lock_id, {}).items()
            if (held := lock.writer.held.get(slot)) is not None and held.owner == owner
        }

    def fire_door_opened(self, lock: LockRuntime, stay: Stay) -> None:
        """Tell automations the door was opened remotely for a guest."""
        self._fire(lock, "door_opened", reservation=stay.stay_id, guest=stay.guest_name)

    def stay(self, stay_id: str) -> Stay | None:
        """Return a planned stay by id."""
        return (
            next((stay for stay in self.plan.stay_plan.stays if stay.stay_id == stay_id), None)
            if self.plan
            else None
        )

    def _stay_devices(self, stay: Stay) -> dict[str, object]:
        """Return the device ids of a stay's locks (the first as device_id, for device triggers)."""
        devices = sorted(self.locks[lock].device_id for lock in stay.locks if lock in self.locks)
        return {"device_id": devices[0] if devices else None, "device_ids": devices}

    def _fire_time_events(self, plan: PropertyPlan, now: datetime) -> None:
        """Fire reminders, check-ins and check-outs that fell between the last plan and now."""
        if self.last_tick is None:
            return
        for moment in plan.moments_between(self.last_tick, now):
            stay = moment.stay
            reminder: dict[str, object] = {}
            if moment.before is not None:
                reminder = {
                    "hours_before": moment.before.total_seconds() / 3600,
                    "checkin": stay.checkin.isoformat(),
                    # The reminder exists so an automation can send the guest their code; a lock that had to
                    # issue its own (offline) code gets that one listed beside it.
                    "code": stay.code,
                    "lock_codes": self.issued_codes(stay),
                    "locks": sorted(self.locks[lock].entity_id for lock in stay.locks if lock in self.locks),
                }
            self._fire(
                None,
                moment.kind,
                reservation=stay.stay_id,
                guest=stay.guest_name,
                **reminder,
                **self._stay_devices(stay),
            )
            # The code a guest was reminded of no longer changes.
            if moment.before is not None and (memory := self.state.memory.get(stay.stay_id)) is not None:
                self.state.memory[stay.stay_id] = replace(memory, frozen=True)

    def _collision_issues(self, plan: PropertyPlan) -> dict[str, tuple[str, dict[str, str]]]:
        """Announce every collision once; return repairs for those no code could be moved out of."""
        wanted: dict[str, tuple[str, dict[str, str]]] = {}
        for collision in plan.stay_plan.collisions:
            pair = (collision.stay_id, collision.other)
            if pair not in self._collisions_reported:
                # FR-008: every collision is reported with both parties, also when it was solved by moving.
                self._collisions_reported.add(pair)
                self._fire(
                    None,
                    "collision",
                    reservation=collision.stay_id,
                    other=collision.other,
                    moved_to=collision.moved_to.method.value if collision.moved_to else None,
                )
            if collision.moved_to is None:
                wanted[f"collision_{collision.stay_id}"] = (
                    "collision",
                    {"reservation": collision.stay_id, "other": collision.other},
                )
        return wanted

    def _lock_issues(self, plan: PropertyPlan, now: datetime) -> dict[str, tuple[str, dict[str, str]]]:
        """Return repairs for locks out of slots and for codes still missing close to check-in."""
        wanted: dict[str, tuple[str, dict[str, str]]] = {}
        for lock_id, lock_plan in plan.locks.items():
            lock = self.locks[lock_id]
            for shortfall in lock_plan.shortfalls:
                wanted[f"capacity_{lock_id}_{shortfall.kind}"] = (
                    "capacity",
                    {
                        "lock": lock.subentry.title,
                        "count": str(len(shortfall.owners)),
                        "kind": shortfall.kind,
                    },
                )
            held = {content.owner for content in self.state.lock_contents.get(lock_id, {}).values()}
            lead = (
                timedelta(hours=self.options[CONF_PROVISION_LEAD])
                if lock.path.capabilities.native_windows
                else timedelta(0)
            )
            for stay in plan.stays_on(lock_id):
                # Due on the lock (48 h early where it enforces windows, else at window start), within six
                # hours of check-in (or later, while the window lasts), and still not there: tell the host.
                due = stay.window.start - lead
                if (
                    due <= now < stay.window.end
                    and stay.checkin - MISSING_CODE_ALERT <= now
                    and f"stay:{stay.stay_id}" not in held
                ):
                    wanted[f"missing_{lock_id}_{stay.stay_id}"] = (
                        "missing_code",
                        {"lock": lock.subentry.title, "reservation": stay.stay_id},
                    )
        return wanted

    def _update_repairs(self, plan: PropertyPlan, now: datetime) -> None:
        """Raise repairs for collisions, full locks and missing codes; withdraw the ones that are solved."""
        wanted = self._collision_issues(plan) | self._lock_issues(plan, now)
        for issue_id, (key, placeholders) in wanted.items():
            if issue_id not in self._raised:
                if key != "collision":  # collisions were announced above
                    self._fire(None, key if key != "capacity" else "capacity_exceeded", **placeholders)
                self.hass.async_create_task(
                    self._async_tell_host(issue_id, key, placeholders), eager_start=False
                )
            ir.async_create_issue(
                self.hass,
                DOMAIN,
                issue_id,
                is_fixable=False,
                severity=ir.IssueSeverity.WARNING,
                translation_key=key,
                translation_placeholders=placeholders,
            )
        for issue_id in self._raised - wanted.keys():
            ir.async_delete_issue(self.hass, DOMAIN, issue_id)
            persistent_notification.async_dismiss(self.hass, f"{DOMAIN}_{issue_id}")
        self._raised = set(wanted)

    async def _async_tell_host(self, issue_id: str, key: str, placeholders: dict[str, str]) -> None:
        """Tell the host at once (SC-008): a persistent notification, and the notify targets they chose."""
        strings = await translation.async_get_translations(
            self.hass, self.hass.config.language, "issues", [DOMAIN]
        )
        prefix = f"component.{DOMAIN}.issues.{key}"
        title = strings.get(f"{prefix}.title", key).format(**placeholders)
        message = strings.get(f"{prefix}.description", "").format(**placeholders)
        persistent_notification.async_create(
            self.hass, message, title=f"{self.entry.title}: {title}", notification_id=f"{DOMAIN}_{issue_id}"
        )
        targets = self.options.get(CONF_NOTIFY_TARGETS) or []
        if targets and self.hass.services.has_service("notify", "send_message"):
            await self.hass.services.async_call(
                "notify",
                "send_message",
                {"entity_id": targets, "title": f"{self.entry.title}: {title}", "message": message},
                blocking=False,
            )

    def _schedule_wake(self, now: datetime) -> None:
        """Sleep until the next thing that needs doing: a plan change, a reminder, a check-in or a retry."""
        if self._wake is not None:
            self._wake()
            self._wake = None
        self._wake_at = None
        candidates: list[datetime] = []
        if self.plan is not None and self.plan.next_change:
            # Wake a batching window early: the plan looks that far ahead, so the change is on time.
            candidates.append(self.plan.next_change - self.batch_window)
        if self.plan is not None and (moment := self.plan.next_moment(now)) is not None:
            candidates.append(moment)
        # A lock that cannot be reached says when it is back (its report starts the flush).
        candidates.extend(
            due
            for lock in self.locks.values()
            if (due := lock.writer.next_flush()) is not None and lock.path.available()
        )
        if candidates:
            self._wake_at = max(min(candidates), now)
            self._wake = async_track_point_in_utc_time(self.hass, self._async_woken, self._wake_at)

    @property
    def next_wake(self) -> datetime | None:
        """Return when the manager next wakes by itself (a plan change, a reminder, a retry), if ever."""
        return self._wake_at

    async def _async_woken(self, _now: datetime) -> None:
        """Replan at the instant something is due."""
        self._wake = None
        await self.async_replan(timed=True)


def lock_device_id(hass: HomeAssistant, entry: GuestPinsConfigEntry, subentry: ConfigSubentry) -> str:
    """Return (creating it) the device guest_pins owns for a managed lock (never the lock's own device)."""
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id,
        config_subentry_id=subentry.subentry_id,
        identifiers={(DOMAIN, f"{entry.entry_id}_{subentry.subentry_id}")},
        name=subentry.title,
        manufacturer="guest_pins",
        model=f"Managed lock ({subentry.data.get('path', 'none')})",
    )
    return device.id
