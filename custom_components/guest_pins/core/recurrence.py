"""Expanding a feed's recurring events, at a bounded cost.

Feeds come from servers we do not control: a rule may recur every second, never occur at all, or start in
the year 1, and dateutil walks a rule period by period from its start (on to the year 9999 for one that never
occurs). So what reading a feed may cost is charged before it is paid: the events of a feed, the occurrences
of a series, and the steps its rules take to reach the window. A series over its share is skipped and named;
a feed over the whole is refused.
"""

from dataclasses import dataclass
from datetime import MAXYEAR, date, datetime, time, timedelta, tzinfo
from math import gcd

from dateutil.rrule import rrulestr
import icalendar
import recurring_ical_events
from recurring_ical_events.util import time_span_contains_event

from .model import SkippedEvent, SkipReason

DETAIL_LENGTH = 200
RECURRENCE_PROPERTIES = ("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")


def describe(err: Exception) -> str:
    """Return an error's message, bounded, for a skip or a refusal the host reads."""
    return (str(err).strip() or type(err).__name__)[:DETAIL_LENGTH]


# A booking calendar holds a few hundred stays and blocks a year (a daily series over the default window is
# 396 occurrences): these caps are far above that, and far below what would stall Home Assistant's executor.
MAX_OCCURRENCES_PER_SERIES = 1_000
# Longer than any stay or block (Airbnb's "Not available" beyond the booking window runs a year or two); an
# event of millennia also overflows the library's date arithmetic.
MAX_EVENT_LENGTH = timedelta(days=3653)
MAX_EVENTS_PER_FEED = 10_000
# Recurrence work in units of about one step of a daily rule (a microsecond or two): what a whole feed may
# cost, and the share one series may take before it is skipped.
MAX_RECURRENCE_WORK = 1_000_000
MAX_SERIES_WORK = MAX_RECURRENCE_WORK // 10


_SUB_DAILY = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
# The Gregorian calendar repeats itself every 400 years: 146,097 days, 20,871 weeks, 4,800 months.
_CYCLE_YEARS = 400
_STEPS_PER_CYCLE = {"DAILY": 146_097, "WEEKLY": 20_871, "MONTHLY": 4_800, "YEARLY": _CYCLE_YEARS}
# What one step of each frequency costs dateutil, relative to a daily one (measured: 1.3, 2.5, 5 and 26 µs).
_STEP_COST = {"DAILY": 1, "WEEKLY": 2, "MONTHLY": 4, "YEARLY": 20}


class TooManyEventsError(Exception):
    """The feed holds more events, or more recurrence to walk, than a booking calendar can."""


@dataclass(slots=True)
class Budget:
    """What reading a feed has cost so far, against its caps; and whether the window decided a skip.

    A series skipped for what its window holds (its walk to the window's end, its occurrences in it, the
    library failing on it) might be read over a narrower window: such a reading cannot be narrowed later.
    """

    max_events: int
    work: int = 0
    events: int = 0
    window_bound: bool = False

    def charge(self, work: int = 0, events: int = 0) -> None:
        """Add a cost; raise once the feed is past either cap, so the rest is never paid for."""
        self.work += work
        self.events += events
        if self.events > self.max_events:
            msg = f"more than {self.max_events} events in the window"
            raise TooManyEventsError(msg)
        if self.work > MAX_RECURRENCE_WORK:
            msg = f"its recurring events take more than {MAX_RECURRENCE_WORK} steps to expand"
            raise TooManyEventsError(msg)


def occurrences(
    series: list[icalendar.cal.Component], start: datetime, end: datetime, budget: Budget
) -> list[icalendar.cal.Component] | SkippedEvent:
    """Return a series' occurrences between start and end, or why the series is skipped.

    Each series is expanded on its own, so one the library finds broken is skipped and named instead of
    failing the feed (or, with the library's own skip_bad_series, vanishing without a word).
    """
    uid = str(series[0].get("UID", ""))
    if len(series) == 1 and clearly_outside(series[0], start, end):
        return []
    if problem := _recurrence_problem(uid, series, end.date(), budget):
        return problem
    calendar = icalendar.Calendar()
    calendar.subcomponents = list(series)
    try:
        occurrences: list[icalendar.cal.Component] = recurring_ical_events.of(calendar).between(start, end)
    except (recurring_ical_events.InvalidCalendar, icalendar.InvalidCalendar) as err:
        budget.window_bound = True
        return SkippedEvent(uid, SkipReason.BAD_RECURRENCE, describe(err))
    except OverflowError:  # the library adds durations and offsets to dates next to the year 1 or 9999
        budget.window_bound = True
        return SkippedEvent(uid, SkipReason.BAD_DATES, "a date too close to the year 1 or 9999")
    if len(occurrences) > MAX_OCCURRENCES_PER_SERIES:
        budget.window_bound = True
        return SkippedEvent(
            uid,
            SkipReason.TOO_MANY_OCCURRENCES,
            f"{len(occurrences)} occurrences in the window, more than {MAX_OCCURRENCES_PER_SERIES}",
        )
    budget.charge(events=len(occurrences))
    return occurrences


def occurrence_span(occurrence: icalendar.cal.Component, zone: tzinfo | None) -> tuple[datetime, datetime]:
    """Return an occurrence's start and end as the library compares them with a window starting in `zone`.

    The library gives each occurrence a DTSTART and a DTEND, and compares a date as its midnight and a
    floating time as wall time, both in that zone.
    """
    instants = []
    for value in (occurrence.decoded("DTSTART"), occurrence.decoded("DTEND")):
        moment = value if isinstance(value, datetime) else datetime.combine(value, time())
        instants.append(moment if moment.tzinfo else moment.replace(tzinfo=zone))
    return instants[0], instants[1]


def in_window(span: tuple[datetime, datetime], start: datetime, end: datetime) -> bool:
    """Return whether the library finds an occurrence of this span between start and end (its own test)."""
    return bool(time_span_contains_event(start, end, *span, comparable=True))


def clearly_outside(component: icalendar.cal.Component, start: datetime, end: datetime) -> bool:
    """Return whether a single event lies days away from the window, so the library need not expand it.

    Only for an event that does not recur and ends by DTEND (or has no end); compared on dates with two days
    to spare on either side, which no zone or check-in time can make up. A feed with years of history then
    costs its parsing, not a query per past event.
    """
    if any(name in component for name in (*RECURRENCE_PROPERTIES, "DURATION")):
        return False
    first = _day(component.decoded("DTSTART"))
    last = _day(component.decoded("DTEND")) if "DTEND" in component else first
    margin = timedelta(days=2)
    return last < start.date() - margin or first > end.date() + margin


def _day(value: date) -> date:
    """Return the date of a DATE or DATE-TIME value."""
    return value.date() if isinstance(value, datetime) else value


def _recurrence_problem(
    uid: str, series: list[icalendar.cal.Component], window_end: date, budget: Budget
) -> SkippedEvent | None:
    """Return why a series' rules are not worth expanding (or cannot be), or None; charge what they cost.

    A stay or block recurs at most daily; a rule must be able to occur at all; and the steps dateutil walks
    from the series' start to the end of the window must stay within a series' share of the feed's budget.
    """
    trials: list[tuple[str, str, int, datetime]] = []
    work = 0
    for component in series:
        values = component.get("RDATE", [])
        dates = sum(len(value.dts) for value in (values if isinstance(values, list) else [values]))
        if dates > MAX_OCCURRENCES_PER_SERIES:
            return SkippedEvent(
                uid,
                SkipReason.TOO_MANY_OCCURRENCES,
                f"{dates} RDATE values, more than {MAX_OCCURRENCES_PER_SERIES}",
            )
        first = _naive(component.decoded("DTSTART"))
        rules = component.get("RRULE", [])
        for rule in rules if isinstance(rules, list) else [rules]:
            text = rule.to_ical().decode()
            freq = str(rule.get("FREQ", [""])[0]).upper()
            if freq in _SUB_DAILY or any(len(rule.get(part, ())) > 1 for part in _TIME_PARTS):
                return SkippedEvent(uid, SkipReason.TOO_FREQUENT, f"RRULE:{text} recurs more than once a day")
            interval = rule.get("INTERVAL", [1])[0]
            if freq not in _STEP_COST or interval < 1:
                return SkippedEvent(
                    uid, SkipReason.BAD_RECURRENCE, f"RRULE:{text} has no usable FREQ/INTERVAL"
                )
            until = rule.get("UNTIL", [window_end])[0]
            walk_end = min(window_end, _day(until))
            work += _steps(freq, interval, first.date(), walk_end) * _STEP_COST[freq]
            trials.append((text, freq, interval, first))
    if work > MAX_SERIES_WORK:
        budget.window_bound = True
        return SkippedEvent(
            uid,
            SkipReason.TOO_MANY_OCCURRENCES,
            f"its rules walk {work} steps from their start to the window, more than {MAX_SERIES_WORK}",
        )
    budget.charge(work=work)
    for text, freq, interval, first in trials:
        try:
            occurrence, cost = _first_occurrence(text, freq, interval, first)
        except ValueError as err:  # dateutil refuses a part icalendar let through (BYSETPOS=0, ...)
            return SkippedEvent(uid, SkipReason.BAD_RECURRENCE, f"RRULE:{text}: {err}"[:DETAIL_LENGTH])
        budget.charge(work=cost)
        if occurrence is None:
            return SkippedEvent(uid, SkipReason.BAD_RECURRENCE, f"RRULE:{text} never occurs")
    return None


def _naive(value: date) -> datetime:
    """Return a DTSTART as a wall-clock datetime (a date at midnight), the way dateutil walks it."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time())


def _steps(freq: str, interval: int, start: date, end: date) -> int:
    """Return how many of a rule's periods lie from its start to an end (at least one)."""
    days = max((end - start).days, 0)
    match freq:
        case "DAILY":
            periods = days
        case "WEEKLY":
            periods = days // 7
        case "MONTHLY":
            periods = max((end.year - start.year) * 12 + end.month - start.month, 0)
        case _:
            periods = max(end.year - start.year, 0)
    return periods // interval + 1


def _first_occurrence(text: str, freq: str, interval: int, first: datetime) -> tuple[datetime | None, int]:
    """Return when a rule occurs if it ever does (None if never), and the work spent finding out.

    dateutil looks for a rule's next occurrence period by period up to the year 9999, which takes seconds
    for one that never comes (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30). A rule repeats with the calendar: every
    `400 * INTERVAL / gcd(INTERVAL, periods in 400 years)` years. So it is tried from its start moved by whole
    repeats to the last one that still ends before 9999: it occurs there if it occurs at all, and the walk
    is bounded by two repeats. COUNT and UNTIL only end a rule; they are left out of the trial.
    """
    repeat = _CYCLE_YEARS * interval // gcd(interval, _STEPS_PER_CYCLE[freq])
    start = first.replace(year=first.year + max((MAXYEAR - repeat - first.year) // repeat, 0) * repeat)
    trial = ";".join(part for part in text.split(";") if part.partition("=")[0] not in ("COUNT", "UNTIL"))
    occurrence: datetime | None = rrulestr(trial, dtstart=start).after(start, inc=True)
    reached = occurrence.date() if occurrence else date(MAXYEAR, 12, 31)
    return occurrence, _steps(freq, interval, start.date(), reached) * _STEP_COST[freq]
