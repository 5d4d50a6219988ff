"""The access calendar of a managed lock: who may open it when (guest windows and static PIN times)."""

from datetime import datetime, timedelta

from homeassistant.components.calendar import CalendarEntity, CalendarEntityDescription, CalendarEvent
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .core import windows
from .core.model import Interval
from .entity import GuestPinsLockEntity, async_add_by_subentry
from .models import GuestPinsConfigEntry

PARALLEL_UPDATES = 0
ACCESS = CalendarEntityDescription(key="access", translation_key="access")
# How far ahead the "current or next" event looks first (a static PIN's week repeats within 8 days), and at
# most (a stay booked a year ahead).
_STATIC_LOOKAHEAD = timedelta(days=8)
_SEARCH_LIMIT = timedelta(days=400)


async def async_setup_entry(
    hass: HomeAssistant, entry: GuestPinsConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the access calendar of each managed lock."""
    await async_add_by_subentry(
        async_add_entities,
        (
            (lock_id, [AccessCalendar(entry, ACCESS, lock_id)])
            for lock_id in entry.runtime_data.settings.locks
        ),
    )


class AccessCalendar(GuestPinsLockEntity, CalendarEntity):
    """Guest stays (their access windows) and static PIN times on one lock; no codes."""

    def _windows(self, span: Interval) -> list[tuple[Interval, str, str | None]]:
        """Return the access windows on this lock that overlap a span: (when, summary, uid)."""
        access = self.view.access
        found: list[tuple[Interval, str, str | None]] = [
            (stay.window, stay.guest_name or "Guest stay", stay.stay_id)
            for stay in access.stays
            if stay.window.overlaps(span) and not stay.window.empty
        ]
        zone = access.zone
        if zone is None:
            return found
        found.extend(
            (occurrence, pin.name, None)
            for pin in access.statics
            for occurrence in windows.static_occurrences(pin, span, zone)
        )
        return sorted(found, key=lambda item: (item[0].start, item[1]))

    @staticmethod
    def _event(window: Interval, summary: str, uid: str | None) -> CalendarEvent:
        """Return an access window as a calendar event (local times)."""
        return CalendarEvent(
            start=dt_util.as_local(window.start), end=dt_util.as_local(window.end), summary=summary, uid=uid
        )

    @property
    def event(self) -> CalendarEvent | None:
        """Return the access window under way, or the next one.

        Written with every state update, so it looks only as far as it must: a week (a static PIN's week
        repeats), then further out in doubling steps until something is found or a year is searched.
        """
        now = dt_util.utcnow()
        reach = _STATIC_LOOKAHEAD
        while True:
            upcoming = [item for item in self._windows(Interval(now, now + reach)) if item[0].end > now]
            if upcoming or reach >= _SEARCH_LIMIT:
                return self._event(*upcoming[0]) if upcoming else None
            reach *= 2

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Return the access windows between two instants."""
        return [self._event(*item) for item in self._windows(Interval(start_date, end_date))]
