"""The replan loop of a property: inputs -> core plan -> writers -> locks -> read-back -> state and entities.

It replans on every feed change and host edit and wakes exactly at the plan's next change instead of polling.
Each pass: plan (in the executor), queue what each lock should get (the core decides what is urgent and what
may wait), fire the stays' moments, flush the writers, freeze codes that reached a lock or a guest, raise or
withdraw alerts, sleep until the next thing is due, and send every lock's entities their new view.
The manager is the only writer of the property's state; host edits reach it as commands (`commands.py`).
"""

import asyncio
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from homeassistant.core import CALLBACK_TYPE, Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers.debounce import Debouncer
from homeassistant.helpers.event import async_track_point_in_utc_time, async_track_state_change_event
from homeassistant.util import dt as dt_util

from .alerts import AlertCenter
from .const import LOGGER
from .coordinator import CalendarCoordinator
from .core import loop
from .core.engine import Moment, MomentKind, PropertyInputs, PropertyPlan, plan_property
from .core.merge import source_id
from .core.model import SlotCode
from .core.owners import owned_stay, stay_owner
from .core.pins import CodeMemory
from .delivery import channels
from .events import PropertyEvents
from .inputs import property_inputs
from .journey import GuestJourney
from .lock_runtime import LockRuntime, async_flush, queue_plan, record, write_alerts
from .locks.base import KeypadUse
from .locks.writer import FlushResult
from .messenger import Messenger
from .parts import PropertyParts
from .plan_alerts import disagreement_alerts, plan_alert, plan_problems
from .settings import PropertySettings
from .sources.channels import source_channels
from .sources.coordinator import SourceCoordinator
from .storage import GuestPinsStore, PropertyState
from .views import ViewHub, ViewSource

SAVE_DELAY = 2.0
PLAN_SCOPE = "plan"


def write_scope(lock_id: str) -> str:
    """Return the alert scope of a lock's failing writes."""
    return f"writes:{lock_id}"


class PropertyManager:
    """Plans a property and keeps its locks in step with the plan."""

    def __init__(
        self,
        hass: HomeAssistant,
        settings: PropertySettings,
        store: GuestPinsStore,
        state: PropertyState,
        zone: ZoneInfo,
        coordinators: dict[str, CalendarCoordinator | SourceCoordinator],
        locks: dict[str, LockRuntime],
        alerts: AlertCenter,
    ) -> None:
        """Hold the property's parts; nothing runs until `async_start`."""
        self.hass = hass
        self.settings = settings
        self.store = store
        self.state = state
        self.zone = zone
        self.coordinators = coordinators
        self.locks = locks
        self.alerts = alerts
        self.events = PropertyEvents(hass, settings, locks, lambda: self.plan)
        self.views = ViewHub()
        self.view_source = ViewSource(hass, state, settings, zone, locks, alerts)
        parts = PropertyParts(hass, settings, state, zone, locks, self.events, alerts)
        names = {lock_id: lock.title for lock_id, lock in locks.items()}
        via = [*channels(hass, settings), *source_channels(coordinators, names)]
        self.journey = GuestJourney(parts, Messenger(parts, via, self._async_save_now))
        for lock in locks.values():
            # What a flush is about to send is in the store before it goes: see `LockWriter`.
            lock.writer.journal = self._async_save_in_flight
        self.plan: PropertyPlan | None = None
        # What fell due while Home Assistant was down is handled at start (see `GuestJourney.moments`).
        self._restarted = state.journey.last_tick is not None
        self.batch_window = settings.batch_window
        self._wake: CALLBACK_TYPE | None = None
        self._wake_at: datetime | None = None
        self._listeners: list[Callable[[], None]] = []
        self._syncing = 0  # syncs under way: their calendars' updates wait for their one replan
        self._debouncer = Debouncer(hass, LOGGER, cooldown=0.2, immediate=False, function=self.async_replan)
        self._replanning = asyncio.Lock()
        self._stopped = False

    def inputs(self) -> PropertyInputs:
        """Gather everything the plan depends on from the feeds, the settings and the store."""
        return property_inputs(self.settings, self.state, self.coordinators, self.locks, self.zone)

    async def async_start(self) -> None:
        """Follow the locks and the calendars, and make the first plan now."""
        for lock_id, lock in self.locks.items():
            await lock.path.async_start(
                partial(self.async_lock_reported, lock_id), partial(self.keypad_used, lock_id)
            )
            if lock.path.transactions:  # a path may ask the lock what it can do
                self.state.count_transactions(lock_id, dt_util.utcnow(), lock.path.transactions)
            self._sync_write_alert(lock)
        for coordinator in self.coordinators.values():
            self._listeners.append(coordinator.async_add_listener(self.async_schedule_replan))
        self._listeners.append(self.journey.arrivals.follow_batteries(lambda: self.plan))
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
    def keypad_used(self, lock_id: str, use: KeypadUse) -> None:
        """A lock says a code opened it: log who it was (a guest's first use is their arrival)."""
        self.async_lock_reported(lock_id)
        self.journey.arrivals.keypad_used(lock_id, use, dt_util.utcnow(), self.plan)
        self._save()
        self._publish(self.locks[lock_id], dt_util.utcnow())

    @callback
    def async_stop(self) -> None:
        """Stop listening and waking (on unload), also for a pass or flush still under way."""
        self._stopped = True
        for unsubscribe in self._listeners:
            unsubscribe()
        self._listeners.clear()
        self._cancel_wake()
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
        self.state.journey.backups = plan.backups
        self._remember_codes(plan)
        # The loop is shared: give it back between the stages of a large property's replan.
        await asyncio.sleep(0)
        self._queue(plan, now, timed=timed)
        moments = self._due_moments(plan, now)
        # What every lock is about to be sent is kept with one store write, before any of it goes.
        if [lock for lock in self.locks.values() if lock.writer.note_due()]:
            await self._async_save_in_flight()
        for lock in self.locks.values():
            await self._async_flush(lock, rearm=False)
        self._sync_plan_alerts(plan, now)
        await self.journey.async_step(plan, now, moments)
        self._schedule_wake(now)
        self._save()
        await self._async_publish_all(now)

    def _queue(self, plan: PropertyPlan, now: datetime, *, timed: bool) -> None:
        """Queue on each lock what it should hold (codes on locks that enforce windows by the first check)."""
        windows = {stay_owner(stay.stay_id): stay.window for stay in plan.stay_plan.stays}
        latest = max(loop.LATEST_PROVISION, *self.settings.checks)
        for lock_id, lock in self.locks.items():
            planned = plan.locks[lock_id].slots
            queue_plan(lock, self.state, planned, windows, now, self.batch_window, latest, timed=timed)

    def desired(self, lock_id: str) -> dict[int, SlotCode]:
        """Return what the lock should hold: the plan's slots and the host's manual ones (FR-025)."""
        planned = self.plan.locks[lock_id].slots if self.plan else {}
        return loop.desired_slots(planned, self.state.manual.get(lock_id, {}))

    def _due_moments(self, plan: PropertyPlan, now: datetime) -> list[Moment]:
        """Return the moments since the last pass (see `GuestJourney.moments`); a reminded code is frozen."""
        due = self.journey.moments(plan, now, restarted=self._restarted)
        self._restarted = False
        for moment in due:
            if moment.kind is MomentKind.REMINDER:
                self._freeze(moment.stay.stay_id, moment.stay.code)
        self._save()  # pending at a stop: its final write keeps which reminders went
        return due

    def _freeze(self, stay_id: str, code: str) -> None:
        """Freeze a stay's code: it reached a lock or the guest, so it no longer changes."""
        self.state.memory[stay_id] = loop.frozen(self.state.memory.get(stay_id), code)

    async def async_apply(self, lock_id: str, *, force: bool = False) -> FlushResult:
        """Deliver what is due on a lock (everything, when the host `force`s it) and report what happened."""
        return await self._async_flush(self.locks[lock_id], force=force, rearm=True)

    async def _async_flush(self, lock: LockRuntime, *, force: bool = False, rearm: bool) -> FlushResult:
        """Flush a lock's writer, then tell automations and the host what it did.

        `rearm` is False inside a replan, which sets the next wake-up and refreshes every entity once, after
        every lock.
        """
        now = dt_util.utcnow()
        result = await async_flush(lock, self.state, now, force=force)
        if result.held_back:
            LOGGER.debug("Lock %s is unavailable; holding %d slots", lock.entity_id, len(lock.queue))
            return result
        for delivered in result.delivered:
            self.events.delivered(lock.lock_id, delivered)
            if delivered.content is not None and (stay_id := owned_stay(delivered.content.owner)):
                self._freeze(stay_id, delivered.content.code)
        for failed in result.failed:
            if failed.report:
                self.events.write_failed(lock.lock_id, failed)
        self._sync_write_alert(lock)
        if rearm:
            # Also when nothing could go (a report during a back-off): wake when the back-off ends.
            self._schedule_wake(now)
            if result.delivered or result.failed:
                if self.plan is not None:  # a code that arrived solves a "missing code" at once
                    self._sync_plan_alerts(self.plan, now)
                self._save()
                self._publish(lock, now)
        return result

    def _sync_write_alert(self, lock: LockRuntime) -> None:
        """Alert the host while a slot it was told about still fails; withdraw it once none does."""
        self.alerts.sync(write_scope(lock.lock_id), write_alerts(lock))

    def _sync_plan_alerts(self, plan: PropertyPlan, now: datetime) -> None:
        """Tell of collisions once each; alert on unsolved ones, full locks, codes missing near check-in."""
        self.events.collisions(plan)
        alerts = []
        for found in plan_problems(plan, self.locks, self.settings.provision_lead, now):
            if found.alert_id not in self.alerts.announced:
                self.events.plan_problem(found)
            alerts.append(plan_alert(found, self.locks, plan, self.zone))
        alerts += disagreement_alerts(plan, self.settings, self.zone)
        self.alerts.sync(PLAN_SCOPE, alerts)

    def _schedule_wake(self, now: datetime) -> None:
        """Sleep until the next thing that needs doing: a plan change, a moment or a flush."""
        self._cancel_wake()
        if self._stopped:
            return  # unloaded while a pass or a flush ran: nothing may wake it again
        plan = self.plan
        self._wake_at = loop.wake_at(
            now,
            plan.next_change if plan else None,
            self.batch_window,
            plan.next_moment(now) if plan else None,
            # A lock that cannot be reached says when it is back (its report starts the flush).
            [
                *(lock.writer.next_flush() for lock in self.locks.values() if lock.path.available()),
                self.journey.next_wake(),
            ],
        )
        if self._wake_at is not None:
            self._wake = async_track_point_in_utc_time(self.hass, self._async_woken, self._wake_at)

    def _cancel_wake(self) -> None:
        """Forget the pending wake-up."""
        if self._wake is not None:
            self._wake()
            self._wake = None
        self._wake_at = None

    @property
    def next_wake(self) -> datetime | None:
        """Return when the manager next wakes by itself (a plan change, a moment, a retry), if ever."""
        return self._wake_at

    async def _async_woken(self, _now: datetime) -> None:
        """Replan at the instant something is due."""
        self._wake = None
        await self.async_replan(timed=True)

    def _record_first_seen(self, now: datetime) -> None:
        """Note when each booking first appeared: the booking order decides who moves in a collision."""
        for coordinator in self.coordinators.values():
            for event in coordinator.data.events if coordinator.data else ():
                self.state.first_seen.setdefault(source_id(event), now)

    def _remember_codes(self, plan: PropertyPlan) -> None:
        """Keep each stay's current code (to freeze and show it), and which stay each source belongs to."""
        state = self.state
        state.memory.update(loop.remembered(state.memory, plan.stay_plan.pins))
        state.stay_ids = loop.remembered_stays(state.stay_ids, plan.stay_plan.stays, state.memory.keys())

    # Host edits: `commands.py` checks them; the manager applies them, then plans from them.

    async def async_edit_memory(self, stay_id: str, memory: CodeMemory) -> None:
        """Replace what is remembered of a stay's code (the host's own code, a regeneration) and replan."""
        self.state.memory[stay_id] = memory
        await self.async_replan()

    async def async_edit_manual(self, lock_id: str, slot: int, code: str | None) -> None:
        """Put the host's own code in a slot outside planning, or give the slot back (None), and replan."""
        manual = self.state.manual.setdefault(lock_id, {})
        if code is None:
            manual.pop(slot, None)
        else:
            manual[slot] = code
        await self.async_replan()

    async def async_clear_foreign(self, lock_id: str, slot: int) -> FlushResult:
        """Clear a slot guest_pins does not plan (a code set at the keypad) through the lock's writer now.

        What the lock then reports for the slot is kept: a code it still holds goes again with its queue.
        """
        lock = self.locks[lock_id]
        result = await lock.writer.clear_now(slot)
        if not result.held_back:
            record(lock, self.state, result, dt_util.utcnow())
            await self.async_replan()
        return result

    def _save(self) -> None:
        """Write the state soon (debounced: a replan changes many parts of it at once)."""
        self.store.async_delay_save(self.state.to_json, SAVE_DELAY)

    async def _async_save_in_flight(self) -> None:
        """Write the state now, with the writes about to go noted as in flight."""
        await self.store.async_save(self.state.to_json())

    def _async_save_now(self) -> None:
        """Write the state now (after a message went out: a restart must not send it again)."""
        self.hass.async_create_task(self.store.async_save(self.state.to_json()), eager_start=True)

    def _publish(self, lock: LockRuntime, now: datetime) -> None:
        """Send the lock's entities its new view."""
        stays = self.plan.stays_on(lock.lock_id) if self.plan else ()
        self.views.publish(lock.lock_id, self.view_source.view(lock, stays, now))

    async def _async_publish_all(self, now: datetime) -> None:
        """Send every lock's entities their new view, one lock at a time (the loop is shared)."""
        for lock in self.locks.values():
            self._publish(lock, now)
            await asyncio.sleep(0)
