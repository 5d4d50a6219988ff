"""Diagnostics a host can share in a bug report: codes, phones, names and calendar URLs redacted."""

from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.core import HomeAssistant

from .const import (
    CONF_API_KEY,
    CONF_CALENDAR_ENTITY,
    CONF_CODE,
    CONF_REFRESH_TOKEN,
    CONF_SECRET,
    CONF_URL,
    CONF_WEBHOOK_ID,
    SUBENTRY_STATIC_PIN,
)
from .coordinator import CalendarCoordinator
from .locks.base import Capabilities
from .models import GuestPinsConfigEntry

TO_REDACT = {
    CONF_URL,
    CONF_CODE,
    CONF_CALENDAR_ENTITY,
    CONF_SECRET,
    # Whoever knows a webhook id can push to it (a signature still has to match); tokens and keys open the
    # host's property-management account.
    CONF_WEBHOOK_ID,
    CONF_REFRESH_TOKEN,
    CONF_API_KEY,
    "guest",
    "guest_name",
    "phone_digits",
    "email",
    "tuya_access_id",
    "tuya_access_secret",
    # Notify entities are often named after a person ("notify.mobile_app_jane").
    "notify_targets",
    # The host's message may carry their own details (a phone number, the wifi password).
    "message_template",
}
REDACTED = "**REDACTED**"


def _iso(instant: datetime | None) -> str | None:
    """Return an instant as ISO 8601, or None."""
    return instant.isoformat() if instant else None


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: GuestPinsConfigEntry
) -> dict[str, Any]:
    """Return the property's configuration and state, with everything personal or secret redacted."""
    manager = entry.runtime_data.manager
    subentries = [
        {
            "type": subentry.subentry_type,
            # Static PINs are named after people ("Cleaner - Maria").
            "title": REDACTED if subentry.subentry_type == SUBENTRY_STATIC_PIN else subentry.title,
            "data": async_redact_data(dict(subentry.data), TO_REDACT | {"name"}),
        }
        for subentry in entry.subentries.values()
    ]
    plan = manager.plan
    return {
        "entry": {"data": dict(entry.data), "options": dict(entry.options)},
        "subentries": subentries,
        "calendars": {
            coordinator.calendar.title: {
                "last_success": _iso(coordinator.last_success),
                "failing_since": _iso(coordinator.failing_since),
                "events": len(coordinator.data.events) if coordinator.data else None,
                "skipped": [skip.reason.value for skip in coordinator.data.skipped]
                if coordinator.data
                else None,
                "platform": coordinator.data.platform.value if coordinator.data else None,
            }
            for coordinator in manager.coordinators.values()
            if isinstance(coordinator, CalendarCoordinator)
        },
        "sources": {
            coordinator.source.title: {
                "kind": coordinator.source.kind,
                "last_success": _iso(coordinator.last_success),
                "failing_since": _iso(coordinator.failing_since),
                "bookings": len(coordinator.state.bookings),
                "events": len(coordinator.data.events) if coordinator.data else None,
                "webhook_subscriptions": len(coordinator.state.subscriptions),
            }
            for coordinator in manager.coordinators.values()
            if not isinstance(coordinator, CalendarCoordinator)
        },
        "stays": [
            {
                "window": [stay.window.start.isoformat(), stay.window.end.isoformat()],
                "locks": sorted(stay.locks),
                "sources": len(stay.sources),
                "code": REDACTED,
            }
            for stay in (plan.stay_plan.stays if plan else ())
        ],
        "collisions": len(plan.stay_plan.collisions) if plan else 0,
        "alert_scopes": sorted(manager.alerts.announced.values()),
        "locks": {
            lock.title: {
                "path": type(lock.path).__name__,
                "capabilities": _capabilities(lock.path.capabilities),
                "available": lock.path.available(),
                "slots": {
                    str(slot): {"owner_kind": content.owner.split(":", 1)[0], "code": REDACTED}
                    for slot, content in sorted(lock.writer.held.items())
                },
                "pending": [operation.kind.value for operation in lock.queue.operations(lock.writer.held)],
                "failed_attempts": {
                    str(slot): queued.attempts for slot, queued in lock.queue.slots.items() if queued.attempts
                },
                "last_error": lock.last_error,
                "transactions": len(manager.state.transactions.get(lock_id, [])),
                "wakeups": len(manager.state.wakeups.get(lock_id, [])),
                "next_change": _iso(plan.locks[lock_id].next_change) if plan else None,
            }
            for lock_id, lock in manager.locks.items()
        },
    }


def _capabilities(capabilities: Capabilities) -> dict[str, Any]:
    """Return what a lock's path can do, in JSON form."""
    return {
        key: value.total_seconds() if isinstance(value, timedelta) else value
        for key, value in asdict(capabilities).items()
    }
