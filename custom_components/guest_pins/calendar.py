"""The access calendar of a managed lock: who may open it when (guest windows and static PIN times)."""

from datetime import datetime, timedelta

from homeassistant.components.calendar import CalendarEntity, CalendarEntityDescription, CalendarEvent
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .core import windows
from .core.model import FAR_FUTURE, Interval
from .entity import GuestPinsLockEntity
from .models import GuestPinsConfigEntry

PARALLEL_UPDATES = 0
ACCESS = CalendarEntityDescription(key="access", translation_key="access")
# How far ahead the "current or next" event looks for a static PIN's next occurrence.
_STATIC_LOOKAHEAD = timedelta(days=8)


async def async_setup_entry(
    hass: HomeAssistant, entry: GuestPinsConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the access calendar of each managed lock."""
    for lock_id in entry.runtime_data.manager.locks:
        async_add_entities([AccessCalendar(entry, ACCESS, lock_id)], config_subentry_id=lock_id)


class AccessCalendar(GuestPinsLockEntity, CalendarEntity):
    """Guest stays (their access windows) and static PIN times on one lock; no codes."""

    def _events(self, span: Interval) -> list[CalendarEvent]:
        """Return the access windows on this lock that overlap a span, in order."""
        manager = self.manager
        stays = manager.plan.stay_plan.stays if manager.plan else ()
        events = [
            CalendarEvent(
                start=dt_util.as_local(stay.window.start),
                end=dt_util.as_local(stay.window.end),
                summary=stay.guest_name or "Guest stay",
                uid=stay.stay_id,
            )
            for stay in stays
            if self.lock_id in stay.locks and stay.window.overlaps(span) and not stay.window.empty
        ]
        for pin in manager.statics():
            if not pin.enabled or self.lock_id not in pin.locks:
                continue
            if pin.schedule is None:
                start, end = windows.validity(pin, manager.zone)
                always = Interval(start or span.start, end or FAR_FUTURE)
                if always.overlaps(span):
                    events.append(
                        CalendarEvent(
                            start=dt_util.as_local(always.start),
                            end=dt_util.as_local(always.end),
                            summary=pin.name,
                        )
                    )
                continue
            events.extend(
                CalendarEvent(
                    start=dt_util.as_local(occurrence.start),
                    end=dt_util.as_local(occurrence.end),
                    summary=pin.name,
                )
                for occurrence in windows.schedule_occurrences(pin.schedule, span, manager.zone)
                if windows.within_validity(pin, occurrence.start, manager.zone)
            )
        return sorted(events, key=lambda event: (event.start_datetime_local, event.summary))

    @property
    def event(self) -> CalendarEvent | None:
        """Return the access window under way, or the next one."""
        now = dt_util.utcnow()
        upcoming = [
            event
            for event in self._events(Interval(now, now + _STATIC_LOOKAHEAD * 52))
            if event.end_datetime_local > now
        ]
        return upcoming[0] if upcoming else None

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Return the access windows between two instants."""
        return self._events(Interval(start_date, end_date))
