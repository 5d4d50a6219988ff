"""What the panel shows of a property: its locks, stays, static PINs and open problems, over a span of time.

One JSON value (see docs/panel-contract.md), built from the manager's plan and state each time something
changed. People are named, never internal ids (a stay's and a lock's handle travel only to come back in a
command); codes are masked unless the host turned on "show codes" (the panel reveals one through its own
command); static PINs' times are expanded here, in the property's zone, so the browser never re-implements
schedules.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from homeassistant.core import HomeAssistant

from .alerts import Alert
from .arrivals import battery_level
from .const import UNNAMED_GUEST
from .core import pins, windows
from .core.backups import handed_to
from .core.model import Interval, Stay
from .core.owners import stay_owner
from .lock_runtime import FAILING_AFTER, LockRuntime
from .locks.queue import Queued
from .manager import PropertyManager
from .masking import mask
from .views import alert_lock, owner_view


def _iso(instant: datetime | None) -> str | None:
    """Return an instant as ISO text, or None."""
    return instant.isoformat() if instant else None


class OverviewBuilder:
    """Builds one property's overview for the panel."""

    def __init__(self, hass: HomeAssistant, manager: PropertyManager) -> None:
        """Read `manager`'s plan and state."""
        self.hass = hass
        self.manager = manager
        self.settings = manager.settings
        self.state = manager.state

    def code(self, code: str) -> str:
        """Return a code as the panel shows it: masked unless the host shows codes."""
        return code if self.settings.show_codes else mask(code)

    def build(self, span: Interval, now: datetime, stay_id: str | None = None) -> dict[str, Any]:
        """Return the overview over `span` at `now` (with the stay `stay_id`, wherever it lies)."""
        manager = self.manager
        plan = manager.plan
        stays = plan.stay_plan.stays if plan else ()
        shown = [stay for stay in stays if stay.window.overlaps(span) or stay.stay_id == stay_id]
        # The current and the next stay of each lock, also when the span shows neither.
        for lock_id in manager.locks:
            on_lock = plan.stays_on(lock_id) if plan else ()
            current = [stay for stay in on_lock if stay.window.end > now]
            if current and current[0] not in shown:
                shown.append(current[0])
        return {
            "entry_id": self.settings.entry_id,
            "title": self.settings.title,
            "time_zone": self.settings.time_zone,
            "now": now.isoformat(),
            "start": span.start.isoformat(),
            "end": span.end.isoformat(),
            "show_codes": self.settings.show_codes,
            "locks": [self.lock(lock, stays, now) for lock in manager.locks.values()],
            "stays": [self.stay(stay, now) for stay in sorted(shown, key=lambda stay: stay.window.start)],
            "statics": [self.static(pin_index, span) for pin_index in range(len(self.settings.statics))],
            "alerts": [self.alert(alert) for alert in manager.alerts.current.values()],
        }

    # Locks.

    def lock(self, lock: LockRuntime, stays: tuple[Stay, ...], now: datetime) -> dict[str, Any]:
        """Return one lock: its status, what it holds, what waits for it and why, its backups."""
        lock_id = lock.lock_id
        view = self.manager.views.views.get(lock_id)
        level = battery_level(self.hass, lock.entity_id)
        by_id = {stay.stay_id: stay for stay in stays}
        statics = {pin.key: pin for pin in self.settings.statics}
        written = self.state.written.get(lock_id, {})
        slots = []
        for slot, content in sorted(lock.writer.held.items()):
            name, kind = owner_view(content.owner, by_id, statics)
            slots.append(
                {
                    "slot": slot,
                    "name": name if kind in ("guest", "static") else "",
                    "kind": kind,
                    "code": self.code(self.state.issued.get(lock_id, {}).get(slot) or content.code),
                    "since": _iso(written.get(slot)),
                }
            )
        return {
            "id": lock_id,
            "entity_id": lock.entity_id,
            "name": lock.title,
            "status": lock.status,
            "last_seen": _iso(view.last_seen) if view else None,
            "battery": level if isinstance(level, float) else None,
            "native_windows": lock.path.capabilities.native_windows,
            "slot_count": lock.path.capabilities.slot_count,
            "pending": len(lock.queue),
            "transactions_week": view.transactions_week if view else 0,
            "wakeups_week": view.wakeups_week if view else 0,
            "slots": slots,
            "queue": [
                self.queued(lock, slot, item, by_id, now) for slot, item in sorted(lock.queue.slots.items())
            ],
            "backups": self.backups(lock, by_id),
        }

    def queued(
        self, lock: LockRuntime, slot: int, item: Queued, stays: Mapping[str, Stay], now: datetime
    ) -> dict[str, Any]:
        """Return one slot waiting for the lock, and why it waits."""
        if item.content is None:
            name, kind = "", "empty"
        else:
            statics = {pin.key: pin for pin in self.settings.statics}
            name, kind = owner_view(item.content.owner, dict(stays), statics)
            name = name if kind in ("guest", "static") else ""
        if lock.status == "offline":
            reason = "lock_unreachable"
        elif lock.status == "asleep":
            reason = "waiting_for_wake_up"
        elif item.attempts:
            reason = "retrying"
        elif item.deadline > now + self.settings.batch_window:
            reason = "scheduled"
        else:
            reason = "batching"
        return {
            "slot": slot,
            "name": name,
            "kind": kind,
            "due": item.deadline.isoformat(),
            "reason": reason,
            "attempts": item.attempts,
            "retry_at": _iso(item.retry_at),
        }

    def backups(self, lock: LockRuntime, stays: Mapping[str, Stay]) -> list[dict[str, Any]]:
        """Return the lock's backup codes: idle, handed to a guest (until when), or not on the lock yet."""
        held = {content.owner: (slot, content.code) for slot, content in lock.writer.held.items()}
        found = []
        for backup in self.state.journey.backups:
            if backup.lock_id != lock.lock_id:
                continue
            slot, code = held.get(backup.owner, (None, None))
            if code is None or code != backup.code:
                state = "not_on_lock"
            else:
                state = "idle" if backup.idle else "handed_out"
            guest = stays.get(backup.handed_to) if backup.handed_to else None
            found.append(
                {
                    "slot": slot,
                    "state": state,
                    "guest": (guest.guest_name or UNNAMED_GUEST) if guest else None,
                    "until": _iso(backup.until),
                    "code": self.code(backup.code) if backup.code else "",
                }
            )
        return found

    # Stays.

    def stay(self, stay: Stay, now: datetime) -> dict[str, Any]:
        """Return one stay: its status, code (masked), how it was made, its state on each lock, messages."""
        manager = self.manager
        journey = self.state.journey
        record = journey.stays.get(stay.stay_id)
        memory = self.state.memory.get(stay.stay_id, pins.CodeMemory())
        method = manager.plan.stay_plan.pins.get(stay.stay_id) if manager.plan else None
        calendars = self.settings.calendars
        channels = {channel.name: channel.label for channel in manager.journey.messenger.channels}
        return {
            "id": stay.stay_id,
            "guest": stay.guest_name or UNNAMED_GUEST,
            "reference": stay.reference,
            "calendars": sorted(
                {calendars[source.split("/", 1)[0]].title for source in stay.sources}
                & {calendar.title for calendar in calendars.values()}
            ),
            "checkin": stay.checkin.isoformat(),
            "checkout": stay.checkout.isoformat(),
            "window_start": stay.window.start.isoformat(),
            "window_end": stay.window.end.isoformat(),
            "status": record.status.value if record else "booked",
            "code": self.code(stay.code),
            "method": method.method.value if method else "date",
            "frozen": memory.frozen,
            "regenerate_refusal": pins.regeneration_refusal(stay.window.start, stay.checkout, now),
            "locks": [
                {"lock_id": lock_id, "state": self.bar_state(stay, lock_id, now)}
                for lock_id in sorted(stay.locks & manager.locks.keys())
            ],
            "delivery": [
                {
                    "channel": channel,
                    "label": channels.get(channel, channel),
                    "state": "sent" if sent.sent_digest else "failing" if sent.failures else "waiting",
                    "sent_at": _iso(sent.sent_at),
                }
                for channel, sent in sorted(journey.deliveries.get(stay.stay_id, {}).items())
            ],
            "first_use": _iso(record.first_use) if record else None,
            "access": [
                {"at": use.at.isoformat(), "lock_id": use.lock_id, "who": use.who.value, "name": use.name}
                for use in manager.journey.arrivals.stay_access(stay.stay_id)
            ],
        }

    def bar_state(self, stay: Stay, lock_id: str, now: datetime) -> str:
        """Return the colour of a stay's bar on a lock's row (see the contract's BarState)."""
        lock = self.manager.locks[lock_id]
        record = self.state.journey.stays.get(stay.stay_id)
        owner = stay_owner(stay.stay_id)
        if stay.window.end <= now:
            return "ended"
        if record is not None and record.first_use is not None:
            return "checked_in"
        if lock_id in handed_to(self.state.journey.backups, stay.stay_id):
            return "backup"
        if lock.held_codes().get(owner) == stay.code:
            capabilities = lock.path.capabilities
            return "confirmed" if capabilities.read_back or capabilities.confirmed_writes else "on_lock"
        queued = [item for item in lock.queue.slots.values() if item.content and item.content.owner == owner]
        if queued:
            near = now >= stay.checkin - max(self.settings.checks, default=stay.checkin - now)
            failing = any(item.attempts >= FAILING_AFTER for item in queued) or (near and not lock.healthy())
            return "failing" if failing else "queued"
        return "scheduled"

    # Static PINs and alerts.

    def static(self, index: int, span: Interval) -> dict[str, Any]:
        """Return a static PIN and when it opens the door within the span."""
        pin = self.settings.statics[index]
        zone = self.manager.zone
        return {
            "name": pin.name,
            "locks": sorted(pin.locks & self.manager.locks.keys()),
            "code": self.code(pin.code),
            "always": pin.schedule is None,
            "enabled": pin.enabled,
            "occurrences": [
                {"start": occurrence.start.isoformat(), "end": occurrence.end.isoformat()}
                for occurrence in (windows.static_occurrences(pin, span, zone) if pin.enabled else ())
            ],
        }

    def alert(self, alert: Alert) -> dict[str, Any]:
        """Return an open problem, for the panel to say in the host's language."""
        return {
            "id": alert.alert_id,
            "kind": alert.kind,
            "placeholders": dict(alert.placeholders),
            "severity": alert.severity.value,
            "lock_id": alert_lock(alert, self.manager.locks),
        }
