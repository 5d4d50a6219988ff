"""The guest's way in: each stay's life, the check before arrival, backups handed out, keys sent, arrivals.

The manager runs it after every plan: it keeps a record of each stay (also after it left the feeds), hands a
backup to a stay whose own code is not confirmed on a lock once the check before arrival is due, has the
messenger send each stay's keys, raises what the host must know, and decides each stay's status with the
core (`core/lifecycle`), firing an event at every change. Keypad use goes to `arrivals`.
"""

import asyncio
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from homeassistant.helpers import issue_registry as ir

from .alerts import Alert
from .arrivals import Arrivals
from .const import UNNAMED_GUEST
from .core import arrival, backups as backup_codes, lifecycle
from .core.engine import Moment, MomentKind, PropertyPlan
from .core.model import Stay
from .core.owners import stay_owner
from .journey_state import KEEP_DAYS, StayRecord
from .lock_runtime import LockRuntime, keys_of, working_locks
from .messenger import Messenger, delivery_scope
from .parts import PropertyPart, PropertyParts

CHECK_SCOPE = "checks"


class GuestJourney(PropertyPart):
    """One property's guests, from booking to check-out."""

    def __init__(self, parts: PropertyParts, messenger: Messenger) -> None:
        """Follow the property's stays."""
        super().__init__(parts)
        self.messenger = messenger
        self.arrivals = Arrivals(parts)

    async def async_step(self, plan: PropertyPlan, now: datetime, moments: list[Moment]) -> None:
        """Keep the stays' records, run the checks that fell due, send what is due, and update statuses."""
        stays = {stay.stay_id: stay for stay in plan.stay_plan.stays}
        self._track(stays, now)
        await asyncio.sleep(0)  # the loop is shared: a large property's pass gives it back between stages
        for moment in moments:
            if moment.kind is MomentKind.CHECK:
                self._check_event(moment, now)
        checked = self._checked_stays(plan, now)
        self._hand_out_backups(plan, checked, now)
        self._sync_check_alerts(checked, now)
        self.arrivals.sync_battery_alerts(plan, now)
        self.journey.checks_from = None  # told: a start from here must not tell them again
        await self.messenger.async_deliver(stays.values(), now)
        await asyncio.sleep(0)
        self._update_statuses(stays, now)

    def moments(self, plan: PropertyPlan, now: datetime, *, restarted: bool) -> list[Moment]:
        """Return the moments since the last pass, firing the reminders among them.

        After a restart, what fell due while Home Assistant was down is done once if it still means
        something (a reminder or check before check-in; sending keys happens whenever it is due), and what
        no longer does is told to the host as missed. The pass is marked done up to now at once (no
        reminder fires twice); its checks are told at the end of `async_step`, after the flushes (a code
        written at the check's instant counts), and a stop before then leaves them to the next start.
        """
        state = self.journey
        since, state.last_tick = state.last_tick, now
        if since is None:
            return []
        due = list(plan.moments_between(since, now))
        missed = [moment for moment in due if restarted and now >= moment.stay.checkin]
        missed = [moment for moment in missed if moment.kind in (MomentKind.REMINDER, MomentKind.CHECK)]
        if missed:
            self._tell_missed(missed)
        kept = [moment for moment in due if moment not in missed]
        for moment in kept:
            if moment.kind is MomentKind.REMINDER:
                self.events.moment(moment)
        if state.checks_from is not None and state.checks_from < since:
            untold = plan.moments_between(state.checks_from, since)
            checks = [moment for moment in untold if moment.kind is MomentKind.CHECK]
            kept = [*(moment for moment in checks if now < moment.stay.checkin), *kept]
        state.checks_from = min(state.checks_from or since, since)
        return kept

    def _tell_missed(self, missed: list[Moment]) -> None:
        """Tell the host which reminders and checks fell due while Home Assistant was down, too late now."""
        first = min(moment.when for moment in missed)
        guests = sorted({moment.stay.guest_name or UNNAMED_GUEST for moment in missed})
        placeholders = {
            "count": str(len(missed)),
            "reminders": str(sum(moment.kind is MomentKind.REMINDER for moment in missed)),
            "checks": str(sum(moment.kind is MomentKind.CHECK for moment in missed)),
            "guests": ", ".join(guests),
            "first": f"{first.astimezone(self.zone):%Y-%m-%d %H:%M}",
        }
        alert_id = f"missed_{first.timestamp():.0f}_{len(missed)}"
        self.alerts.tell(Alert(alert_id, "missed_while_down", placeholders))
        self.events.fire("missed_while_down", count=len(missed))

    def _track(self, stays: Mapping[str, Stay], now: datetime) -> None:
        """Keep a record of every stay; a stay gone from the feeds before its window ended was cancelled."""
        records = self.journey.stays
        for stay_id, stay in stays.items():
            old = records.get(stay_id)
            records[stay_id] = StayRecord(
                stay_id=stay_id,
                guest=stay.guest_name,
                checkin=stay.checkin,
                checkout=stay.checkout,
                window_end=stay.window.end,
                locks=stay.locks,
                status=old.status if old else lifecycle.StayStatus.BOOKED,
                first_use=old.first_use if old else None,
                reference=stay.reference,
            )
        for stay_id, record in list(records.items()):
            if stay_id in stays:
                continue
            if not record.cancelled and lifecycle.vanished_means_cancelled(record.window_end, now):
                records[stay_id] = replace(record, cancelled=True)
            elif record.checkout + timedelta(days=KEEP_DAYS) < now:
                del records[stay_id]
                self.journey.deliveries.pop(stay_id, None)
                self.alerts.sync(delivery_scope(stay_id), [])

    def _check_event(self, moment: Moment, now: datetime) -> None:
        """Tell automations what the check before a stay's arrival found, lock by lock."""
        stay = moment.stay
        working = working_locks(stay, self.locks, self.journey.backups, now, self.settings.ready_from)
        locks = stay.locks & self.locks.keys()
        self.events.fire(
            "arrival_check",
            reservation=stay.stay_id,
            guest=stay.guest_name,
            hours_before=moment.before.total_seconds() / 3600 if moment.before else 0,
            ready=sorted(self.locks[lock].entity_id for lock in locks & working),
            not_ready=sorted(self.locks[lock].entity_id for lock in locks - working),
            **self.events.stay_devices(stay),
        )

    def _checked_stays(self, plan: PropertyPlan, now: datetime) -> list[Stay]:
        """Return the stays whose first check before arrival has passed and whose window has not ended."""
        first = max(self.settings.checks, default=timedelta(0))
        return [stay for stay in plan.stay_plan.stays if stay.checkin - first <= now < stay.window.end]

    def _hand_out_backups(self, plan: PropertyPlan, stays: list[Stay], now: datetime) -> None:
        """Give a guest a backup on each lock that cannot be trusted to let them in with their own code."""
        first = max(self.settings.checks, default=timedelta(0))
        for stay in stays:
            owner = stay_owner(stay.stay_id)
            for lock_id in sorted(stay.locks & self.locks.keys()):
                lock = self.locks[lock_id]
                planned = plan.locks[lock_id].slots.values() if lock_id in plan.locks else ()
                if lock.path.capabilities.invites or not arrival.needs_backup(
                    held=lock.held_codes().get(owner) == stay.code,
                    wanted=any(content.owner == owner for content in planned),
                    native_windows=lock.path.capabilities.native_windows,
                    healthy=lock.healthy(),
                    checkin=stay.checkin,
                    window_start=stay.window.start,
                    first_check=first,
                    now=now,
                ):
                    continue
                held = lock.held_codes()
                usable = {
                    backup.index
                    for backup in self.journey.backups
                    if backup.lock_id == lock_id and held.get(backup.owner) == backup.code
                }
                backups, handed = backup_codes.hand_out(
                    self.journey.backups, lock_id, stay.stay_id, stay.window.end, usable
                )
                if handed is not None and backups is not self.journey.backups:
                    self.journey.backups = backups
                    self.events.fire(
                        "backup_handed_out", lock_id, reservation=stay.stay_id, guest=stay.guest_name
                    )

    def _sync_check_alerts(self, stays: list[Stay], now: datetime) -> None:
        """Alert the host of every lock that, after the check, cannot let the guest in with their own code."""
        alerts = []
        for stay in stays:
            keys = keys_of(stay, self.locks, self.journey.backups, now, self.settings.ready_from)
            for lock_id in sorted(stay.locks & self.locks.keys()):
                lock = self.locks[lock_id]
                if lock.path.capabilities.invites or lock_id in keys.confirmed - keys.backups:
                    continue
                kind = "check_backup" if lock_id in keys.backups else "check_no_way_in"
                placeholders = {
                    "lock": lock.title,
                    "guest": stay.guest_name or UNNAMED_GUEST,
                    "checkin": f"{stay.checkin.astimezone(self.zone):%Y-%m-%d %H:%M}",
                    "reason": self._why(lock, stay),
                }
                alert_id = f"{kind}_{lock_id}_{stay.stay_id}"
                alerts.append(Alert(alert_id, kind, placeholders, ir.IssueSeverity.ERROR))
        self.alerts.sync(CHECK_SCOPE, alerts)

    def _why(self, lock: LockRuntime, stay: Stay) -> str:
        """Return, in short, why a lock lacks a stay's code: offline since, failing writes, or full."""
        if not lock.path.available():
            entity = self.hass.states.get(lock.entity_id)
            since = entity.last_reported.astimezone(self.zone) if entity else None
            return f"offline since {since:%Y-%m-%d %H:%M}" if since else "offline"
        if lock.last_error:
            return f"writes failing: {lock.last_error}"
        queued = {queued.content.owner for queued in lock.queue.slots.values() if queued.content}
        return "waiting to be written" if stay_owner(stay.stay_id) in queued else "no free slot"

    def _update_statuses(self, stays: Mapping[str, Stay], now: datetime) -> None:
        """Decide each stay's status with the core; fire an event at every change.

        A stay far from its arrival is booked and nothing can change that yet; one checked out stays so:
        only the others are looked at (a property with thousands of stays must not cost the loop).
        """
        horizon = self.settings.horizon
        for stay_id, record in list(self.journey.stays.items()):
            if _settled(record, now, horizon):
                continue
            stay = stays.get(stay_id)
            facts = lifecycle.StayFacts(
                checkout=record.checkout,
                locks=record.locks & self.locks.keys(),
                working_on=working_locks(
                    stay, self.locks, self.journey.backups, now, self.settings.ready_from
                )
                if stay
                else frozenset(),
                sent=stay is not None and self.messenger.sent(stay, now),
                first_use=record.first_use,
                cancelled=record.cancelled,
            )
            status = lifecycle.status(facts, now)
            if status is record.status:
                continue
            self.journey.stays[stay_id] = replace(record, status=status)
            self.events.fire(
                "stay_status", reservation=stay_id, guest=record.guest, status=status, previous=record.status
            )
            if status is lifecycle.StayStatus.CHECKED_OUT:
                self.events.fire("checked_out", reservation=stay_id, guest=record.guest)

    def next_wake(self) -> datetime | None:
        """Return when the journey needs the loop next (a failed message's retry)."""
        return self.messenger.next_retry()


def _settled(record: StayRecord, now: datetime, horizon: timedelta) -> bool:
    """Return whether a stay's status cannot change now (cancelled, checked out, or far from arrival)."""
    if record.cancelled:
        return record.status is lifecycle.StayStatus.CANCELLED
    if record.status is lifecycle.StayStatus.CHECKED_OUT:
        return True
    return record.status is lifecycle.StayStatus.BOOKED and now < record.checkin - horizon
