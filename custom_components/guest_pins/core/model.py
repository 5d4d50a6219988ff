"""The value types the core works on: immutable, hashable, free of Home Assistant.

Every instant is a timezone-aware `datetime`; the core never reads the clock, so "now" is always an argument.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

# Stand-ins for "no limit" that still compare and subtract safely in any zone.
FAR_PAST = datetime(1970, 1, 1, tzinfo=UTC)
FAR_FUTURE = datetime(9000, 1, 1, tzinfo=UTC)

# A code that a lock does not limit to its window goes on this long before the window opens.
ARRIVAL_MARGIN = timedelta(minutes=10)


class EventKind(StrEnum):
    """What a calendar event means for the door."""

    RESERVATION = "reservation"
    BLOCK = "block"
    # A booking a property-management system cancelled: the visit ends wherever else it is still listed.
    CANCELLED = "cancelled"


class Platform(StrEnum):
    """Where a feed comes from, read from PRODID or the UID's domain."""

    AIRBNB = "airbnb"
    VRBO = "vrbo"
    BOOKING = "booking"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Interval:
    """A half-open span of time [start, end); empty when end <= start."""

    start: datetime
    end: datetime

    @property
    def empty(self) -> bool:
        """Return whether no instant lies inside."""
        return self.end <= self.start

    def covers(self, instant: datetime) -> bool:
        """Return whether the instant lies inside [start, end)."""
        return self.start <= instant < self.end

    def overlaps(self, other: Interval) -> bool:
        """Return whether both spans share at least one instant."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One occurrence of a calendar event, classified, with what the feed tells about the guest.

    `checkin` and `checkout` are in the property's time zone, after the default times were applied.
    """

    event_id: str
    calendar_id: str
    uid: str
    kind: EventKind
    checkin: datetime
    checkout: datetime
    summary: str = ""
    description: str = ""
    all_day: bool = True
    guest_name: str | None = None
    phone_digits: str | None = None
    phone: str | None = None
    reservation_code: str | None = None
    reservation_url: str | None = None
    guest_count: int | None = None
    email: str | None = None
    platform: Platform = Platform.OTHER
    created: datetime | None = None
    # From a property-management system: the visit's source of truth (its times, contacts, cancellation).
    authoritative: bool = False
    # The host's own code for the stay, given by their system (it beats every generated one); never shown.
    host_code: str | None = field(default=None, repr=False)

    @property
    def stay_dates(self) -> tuple[date, date]:
        """Return the local check-in and check-out dates (what matching across platforms compares)."""
        return self.checkin.date(), self.checkout.date()


class SkipReason(StrEnum):
    """Why one event of an otherwise readable feed was left out."""

    NO_START = "no_start"
    BAD_DATES = "bad_dates"
    ENDS_BEFORE_START = "ends_before_start"
    # A series' RRULE, RDATE, EXDATE or RECURRENCE-ID is unreadable, or its rule can never occur.
    BAD_RECURRENCE = "bad_recurrence"
    # A series that recurs more often than daily: no stay or block does.
    TOO_FREQUENT = "too_frequent"
    # A series with more occurrences than a booking calendar ever has, or one that takes too long to walk.
    TOO_MANY_OCCURRENCES = "too_many_occurrences"


@dataclass(frozen=True, slots=True)
class SkippedEvent:
    """An event that was left out, and why (the feed's other events are kept)."""

    uid: str
    reason: SkipReason
    detail: str = ""


class FeedErrorKind(StrEnum):
    """Why a whole feed was refused; the last good data stays in use."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    HTML = "html"
    JSON = "json"
    NOT_ICALENDAR = "not_icalendar"
    TRUNCATED = "truncated"
    MALFORMED = "malformed"
    # More events (or recurrence to walk) than any booking calendar has: refused, not read in part.
    TOO_MANY_EVENTS = "too_many_events"


@dataclass(frozen=True, slots=True)
class FeedError:
    """A feed that could not be used at all."""

    kind: FeedErrorKind
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed that was read: its events (reservations and blocks), what was skipped and what was cancelled."""

    events: tuple[FeedEvent, ...]
    skipped: tuple[SkippedEvent, ...] = ()
    cancelled_uids: frozenset[str] = frozenset()
    platform: Platform = Platform.OTHER

    @property
    def reservations(self) -> tuple[FeedEvent, ...]:
        """Return the events that are guest stays."""
        return tuple(event for event in self.events if event.kind is EventKind.RESERVATION)


type FeedResult = ParsedFeed | FeedError


class PinMethod(StrEnum):
    """How a guest's PIN was obtained (FR-005); the order of the chain is the host's."""

    CUSTOM = "custom"
    REGENERATED = "regenerated"
    PHONE = "phone"
    DESCRIPTION = "description"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class GuestPin:
    """A guest's code and how it came about."""

    code: str
    method: PinMethod
    perturbed: bool = False


@dataclass(frozen=True, slots=True)
class TimeRange:
    """A daily range in local time; an end at or before its start runs past midnight (00:00-00:00: 24 h)."""

    start: time
    end: time

    @property
    def crosses_midnight(self) -> bool:
        """Return whether the range ends on the next day."""
        return self.end <= self.start


@dataclass(frozen=True, slots=True)
class WeeklySchedule:
    """Ranges per weekday (0 = Monday); days without ranges have none."""

    days: tuple[tuple[int, tuple[TimeRange, ...]], ...]

    @classmethod
    def of(cls, ranges: dict[int, list[TimeRange]]) -> WeeklySchedule:
        """Build a schedule from a weekday -> ranges mapping, in a canonical (hashable, sorted) form."""
        return cls(
            tuple(
                (day, tuple(sorted(day_ranges, key=lambda rng: (rng.start, rng.end))))
                for day, day_ranges in sorted(ranges.items())
                if day_ranges
            )
        )

    def ranges_on(self, weekday: int) -> tuple[TimeRange, ...]:
        """Return the ranges that start on that weekday."""
        return next((ranges for day, ranges in self.days if day == weekday), ())

    def day_pieces(self) -> list[tuple[int, time, time | None]]:
        """Return the ranges cut at midnight, for locks whose weekly ranges cannot cross it.

        Each piece is (weekday, start, end), an end of None being the midnight that ends the day: a range
        past midnight becomes its part on its own day and, unless it ends at 00:00, the rest on the next.
        """
        pieces: list[tuple[int, time, time | None]] = []
        for day, ranges in self.days:
            for time_range in ranges:
                if not time_range.crosses_midnight:
                    pieces.append((day, time_range.start, time_range.end))
                    continue
                pieces.append((day, time_range.start, None))
                if time_range.end != time(0):
                    pieces.append(((day + 1) % 7, time(0), time_range.end))
        return pieces


@dataclass(frozen=True, slots=True)
class StaticPin:
    """A named recurring PIN (cleaner, manager): always on, or on a weekly schedule, within optional dates."""

    name: str
    code: str
    locks: frozenset[str]
    schedule: WeeklySchedule | None = None
    enabled: bool = True
    valid_from: date | None = None
    valid_until: date | None = None

    @property
    def key(self) -> str:
        """Return the case-insensitive identity of the PIN (names are unique regardless of case)."""
        return self.name.casefold()


@dataclass(frozen=True, slots=True)
class Stay:
    """A reservation as planned: merged across calendars, with its code and its access window."""

    stay_id: str
    code: str
    window: Interval
    checkin: datetime
    checkout: datetime
    locks: frozenset[str]
    booked_at: datetime
    sources: tuple[str, ...] = ()
    guest_name: str | None = None
    email: str | None = None
    phone: str | None = None
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class LockProfile:
    """What guest_pins knows of a managed lock's abilities and how the host split its slots.

    `wake_interval` is how often a sleeping lock takes commands (zero for a lock that always listens): a
    lock without native windows gets a code at one of its last two wake-ups before the window (two, so one
    lost write still leaves a chance), not after it.
    `invites` marks a lock that admits guests by an invitation to their e-mail address instead of a code.
    `backup_slots` hold the lock's backup codes (kept apart from the guest slots, so a backup is never
    pushed out by a guest and handing one out costs no write).
    `fixed_offset` marks a lock whose weekly schedules keep the UTC offset they were written with (Tuya's
    cloud): they are rewritten when the property's offset changes (daylight saving time).
    """

    lock_id: str
    guest_slots: Sequence[int]
    static_slots: Sequence[int]
    native_windows: bool = False
    native_weekly: bool = False
    provision_lead: timedelta = timedelta(hours=48)
    wake_interval: timedelta = timedelta(0)
    invites: bool = False
    backup_slots: Sequence[int] = ()
    fixed_offset: bool = False

    @property
    def wake_lead(self) -> timedelta:
        """Return how early a lock gets a code it does not limit itself.

        Two wake-ups on a sleeping lock; on one that listens, `ARRIVAL_MARGIN`: Home Assistant restarting,
        or the lock missing a write, right at check-in must not leave the guest outside.
        """
        return max(2 * self.wake_interval, ARRIVAL_MARGIN)

    @property
    def lead(self) -> timedelta:
        """Return how long before its window a guest's code goes on this lock."""
        return self.provision_lead if self.native_windows else self.wake_lead


@dataclass(frozen=True, slots=True)
class SlotCode:
    """What one slot of a lock should hold: whose code it is, the code, and the window the lock enforces.

    `native_window` is set only on locks that enforce windows themselves; `native_schedule` likewise for
    weekly static PINs. Without either the lock treats the code as always valid and guest_pins adds and
    removes it on time. `contact` is the guest's e-mail address, set only on locks that admit by invitation.
    `utc_offset` (minutes) is the property's offset a weekly schedule is written with, set only on locks
    that keep a schedule at a fixed offset: when the property's offset changes the content differs, so the
    schedule is rewritten at the change.
    """

    owner: str
    code: str
    native_window: Interval | None = None
    native_schedule: WeeklySchedule | None = None
    contact: str | None = None
    utc_offset: int | None = None


@dataclass(frozen=True, slots=True)
class CapacityShortfall:
    """Owners that wanted a slot on a lock at an instant and found none free."""

    lock_id: str
    owners: tuple[str, ...]
    kind: str


@dataclass(frozen=True, slots=True)
class LockPlan:
    """The desired content of one lock's slots at an instant, and when that next changes."""

    lock_id: str
    slots: dict[int, SlotCode] = field(default_factory=dict)
    next_change: datetime | None = None
    shortfalls: tuple[CapacityShortfall, ...] = ()
