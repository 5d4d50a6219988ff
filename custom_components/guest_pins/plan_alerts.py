"""The plan's problems (collisions, full locks, missing codes) as alerts and events that name people.

The core says what is wrong in ids; this module puts the lock's name and the guest's name and dates in their
place.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .alerts import Alert
from .const import UNNAMED_GUEST
from .core.engine import PropertyPlan
from .core.loop import PlanAlert, PlanAlertKind, plan_alerts
from .core.model import Stay
from .core.owners import owned_stay
from .lock_runtime import LockRuntime
from .settings import PropertySettings


def stay_label(stay: Stay | None, zone: ZoneInfo, fallback: str) -> str:
    """Return how a host recognises a stay: the guest's name and the local dates of the stay."""
    if stay is None:
        return fallback
    checkin, checkout = stay.checkin.astimezone(zone), stay.checkout.astimezone(zone)
    return f"{stay.guest_name or UNNAMED_GUEST} ({checkin:%Y-%m-%d} \N{EN DASH} {checkout:%Y-%m-%d})"


def owner_label(owner: str, stays: Mapping[str, Stay], zone: ZoneInfo) -> str:
    """Return a slot owner as a host reads it: a stay by guest and dates, a static PIN by its name."""
    if (stay_id := owned_stay(owner)) is not None:
        return stay_label(stays.get(stay_id), zone, UNNAMED_GUEST)
    return owner.split(":", 1)[-1]


def plan_problems(
    plan: PropertyPlan, locks: Mapping[str, LockRuntime], provision_lead: timedelta, now: datetime
) -> list[PlanAlert]:
    """Return the plan's problems now, given what each lock holds and how early a code is due on it."""
    held = {
        lock_id: {content.owner for content in lock.writer.held.values()} for lock_id, lock in locks.items()
    }
    leads = {
        lock_id: provision_lead if lock.path.capabilities.native_windows else timedelta(0)
        for lock_id, lock in locks.items()
    }
    return plan_alerts(plan, held, leads, now)


def plan_alert(
    found: PlanAlert, locks: Mapping[str, LockRuntime], plan: PropertyPlan, zone: ZoneInfo
) -> Alert:
    """Return the alert of a plan problem, with the lock's and the guest's names in its message."""
    stays = {stay.stay_id: stay for stay in plan.stay_plan.stays}
    lock = locks[found.lock_id].title if found.lock_id is not None and found.lock_id in locks else ""
    reservation = stay_label(stays.get(found.stay_id or ""), zone, UNNAMED_GUEST)
    match found.kind:
        case PlanAlertKind.COLLISION:
            placeholders = {"reservation": reservation, "other": owner_label(found.other or "", stays, zone)}
        case PlanAlertKind.CAPACITY:
            placeholders = {"lock": lock, "count": str(found.count), "kind": found.slot_kind or ""}
        case PlanAlertKind.MISSING_CODE:
            placeholders = {"lock": lock, "reservation": reservation}
    return Alert(found.alert_id, found.kind, placeholders)


def disagreement_alerts(plan: PropertyPlan, settings: PropertySettings, zone: ZoneInfo) -> list[Alert]:
    """Return an alert per visit a property-management system cancelled while a calendar still lists it."""
    names = {
        **{calendar_id: calendar.title for calendar_id, calendar in settings.calendars.items()},
        **{source_id: source.title for source_id, source in settings.sources.items()},
    }

    def named(source: str) -> str:
        """Return the calendar or source a source id belongs to, by its name."""
        return names.get(source.split("/", 1)[0], source.split("/", 1)[0])

    return [
        Alert(
            f"sources_disagree_{found.stay_id}",
            "sources_disagree",
            {
                "guest": found.guest_name or UNNAMED_GUEST,
                "checkin": f"{found.checkin.astimezone(zone):%Y-%m-%d %H:%M}",
                "cancelled_by": named(found.cancelled_by),
                "listed_by": ", ".join(sorted({named(source) for source in found.listed_by})),
            },
        )
        for found in plan.disagreements
    ]
