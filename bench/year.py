"""B1: a year at a busy rental: the generator, the simulated locks, the naive baseline and the scoring.

The generator is seeded: about 150 stays of 1-7 nights with same-day turnovers, booked 6 hours to 90 days
ahead on Airbnb or VRBO (each mirrored on the other as a block), 10 % with date edits, 5 % cancelled, some
description edits; a cleaner PIN on Saturdays 10:00-14:00 and a manager PIN always. The feeds it renders
are what each platform would serve at any instant of the year.

Scoring is independent of guest_pins' own planning: a guest's window is 16:00 on the check-in day to 11:00
on the check-out day (the property's defaults), a cleaner's is each Saturday 10:00-14:00, and what a lock
really allowed is read from its own timeline of slot contents.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
import random
from zoneinfo import ZoneInfo

from custom_components.guest_pins.core.model import Interval, SlotCode
from custom_components.guest_pins.locks.base import (
    Capabilities,
    LockPathError,
    ReportCallback,
    UseCallback,
    ignore_use,
)

ZONE = ZoneInfo("Europe/Berlin")
CHECKIN, CHECKOUT = time(16), time(11)
CLEANER_CODE, MANAGER_CODE = "5678", "9911"
# Nights per stay and days between stays: short stays and many same-day turnovers (about 150 a year).
NIGHTS = {1: 45, 2: 32, 3: 10, 4: 5, 5: 4, 6: 2, 7: 2}
GAPS = {0: 80, 1: 17, 2: 3}
# This share of bookings gets a date-edit attempt; some find no room (a one-night stay between two
# turnovers), which leaves about 10 % edited (15 of 150 with the benchmark's seed).
EDIT_ATTEMPTS = 0.12


@dataclass
class Booking:
    """One reservation and its history: when it appeared, changed, was cancelled."""

    uid: str
    platform: str  # "airbnb" or "vrbo"
    checkin: date
    checkout: date
    booked_at: datetime
    phone: str | None
    edits: list[tuple[datetime, date, date]] = field(default_factory=list)  # when, new check-in, new out
    description_edits: list[datetime] = field(default_factory=list)
    cancelled_at: datetime | None = None

    def dates_at(self, instant: datetime) -> tuple[date, date]:
        """Return the booking's dates as the feed shows them at an instant."""
        dates = (self.checkin, self.checkout)
        for when, checkin, checkout in self.edits:
            if when <= instant:
                dates = (checkin, checkout)
        return dates

    def visible_at(self, instant: datetime) -> bool:
        """Return whether the feed lists the booking at an instant."""
        return self.booked_at <= instant and (self.cancelled_at is None or instant < self.cancelled_at)

    @property
    def final_dates(self) -> tuple[date, date]:
        """Return the dates the guest finally stays."""
        return self.dates_at(datetime.max.replace(tzinfo=UTC))


@dataclass
class Year:
    """A generated year: its bookings, when each feed changes, and the span it covers."""

    start: datetime
    end: datetime
    bookings: list[Booking]

    def change_times(self) -> list[datetime]:
        """Return every instant a feed changes."""
        times = [booking.booked_at for booking in self.bookings]
        for booking in self.bookings:
            times += [when for when, _, _ in booking.edits] + booking.description_edits
            if booking.cancelled_at:
                times.append(booking.cancelled_at)
        return sorted(time for time in times if self.start <= time < self.end)

    def stays(self) -> list[Booking]:
        """Return the bookings that were not cancelled."""
        return [booking for booking in self.bookings if booking.cancelled_at is None]


def _pick(rng: random.Random, weights: dict[int, int]) -> int:
    """Draw a key with the given weights."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def local(day: date, at: time) -> datetime:
    """Return a local wall-clock time on a day as a UTC instant."""
    return datetime.combine(day, at, tzinfo=ZONE).astimezone(UTC)


def generate(seed: int, first_day: date, days: int) -> Year:
    """Generate the bookings of `days` days from `first_day` (stays may be booked before it)."""
    rng = random.Random(seed)
    start = local(first_day, time(0))
    bookings: list[Booking] = []
    day = first_day + timedelta(days=1)
    last = first_day + timedelta(days=days)
    while True:
        nights = _pick(rng, NIGHTS)
        checkin, checkout = day, day + timedelta(days=nights)
        if checkout > last:
            break
        lead = (
            timedelta(hours=rng.uniform(6, 36)) if rng.random() < 0.1 else timedelta(days=rng.uniform(2, 90))
        )
        platform = "airbnb" if rng.random() < 0.6 else "vrbo"
        booking = Booking(
            uid=f"{len(bookings):04d}-{rng.getrandbits(48):012x}",
            platform=platform,
            checkin=checkin,
            checkout=checkout,
            booked_at=max(start - timedelta(days=1), local(checkin, CHECKIN) - lead),
            phone=f"{rng.randrange(10000):04d}" if platform == "airbnb" else None,
        )
        bookings.append(booking)
        day = checkout + timedelta(days=_pick(rng, GAPS))
    for booking, following in zip(bookings, [*bookings[1:], None], strict=True):
        window = local(booking.checkin, CHECKIN) - booking.booked_at
        roll = rng.random()
        if roll < 0.05:
            booking.cancelled_at = booking.booked_at + window * rng.uniform(0.1, 0.9)
        elif roll < 0.05 + EDIT_ATTEMPTS:
            # One night longer where the next guest leaves room, else one night shorter.
            room = following is None or following.checkin > booking.checkout
            change = timedelta(days=1 if room else -1)
            if booking.checkout + change > booking.checkin:
                when = booking.booked_at + window * rng.uniform(0.1, 0.9)
                booking.edits.append((when, booking.checkin, booking.checkout + change))
        if rng.random() < 0.1:
            booking.description_edits.append(booking.booked_at + window * rng.uniform(0.05, 0.95))
    return Year(start, local(last, time(0)), bookings)


def _ical_date(day: date) -> str:
    """Return a date in iCal's form."""
    return day.strftime("%Y%m%d")


def render(year: Year, platform: str, instant: datetime) -> bytes:
    """Return the platform's feed at an instant: its own reservations, and the other's as blocks."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    lines.append(
        "PRODID:-//Airbnb Inc//Hosting Calendar 1.0//EN"
        if platform == "airbnb"
        else "PRODID:-//HomeAway.com, Inc.//EN"
    )
    for booking in year.bookings:
        if not booking.visible_at(instant):
            continue
        checkin, checkout = booking.dates_at(instant)
        edited = sum(1 for when in booking.description_edits if when <= instant)
        lines += ["BEGIN:VEVENT", f"UID:{booking.uid}-{platform}@{platform}.example"]
        lines += [f"DTSTART;VALUE=DATE:{_ical_date(checkin)}", f"DTEND;VALUE=DATE:{_ical_date(checkout)}"]
        if booking.platform != platform:
            lines.append("SUMMARY:Airbnb (Not available)" if platform == "airbnb" else "SUMMARY:Blocked")
        elif platform == "airbnb":
            lines.append("SUMMARY:Reserved")
            details = (
                f"Reservation URL: https://www.airbnb.com/hosting/reservations/details/HM{booking.uid[:4]}"
            )
            lines.append(
                f"DESCRIPTION:{details}\\nPhone Number (Last 4 Digits): {booking.phone}\\nNote {edited}"
            )
        else:
            lines += [f"SUMMARY:Reserved - Guest {booking.uid[:4]}", f"DESCRIPTION:Guests: {2 + edited}"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


@dataclass
class LockKind:
    """A kind of lock the year is replayed against."""

    name: str
    capabilities: Capabilities
    wake_interval: timedelta | None = None  # a sleeping lock takes commands only at its wake-ups


KINDS = (
    LockKind(
        "native_windows",
        Capabilities(
            slot_count=10, native_windows=True, native_weekly=True, read_back=True, confirmed_writes=True
        ),
    ),
    LockKind("no_native_windows", Capabilities(slot_count=10, read_back=True, confirmed_writes=True)),
    LockKind(
        "sleeping",
        Capabilities(slot_count=10, read_back=True, confirmed_writes=True, wake_interval=timedelta(hours=1)),
        wake_interval=timedelta(hours=1),
    ),
)


@dataclass
class SimulatedLock:
    """A battery lock: slots with (native) windows, failing writes, offline episodes, maybe sleeping.

    Every exchange is a transaction; exchanges within one flush are one communication (a wake-up). Its
    timeline records what each slot held from when, to score what the lock really allowed.
    """

    capabilities: Capabilities
    clock: Callable[[], datetime]
    rng: random.Random
    failure_rate: float
    offline: list[Interval]
    wake_interval: timedelta | None = None
    wake_phase: timedelta = timedelta(0)
    transactions: int = 0
    sessions: int = 0
    slots: dict[int, SlotCode] = field(default_factory=dict)
    timeline: dict[int, list[tuple[datetime, SlotCode | None]]] = field(default_factory=dict)
    failures: list[datetime] = field(default_factory=list)
    _awake_until: datetime | None = None
    _last_exchange: datetime | None = None
    on_report: ReportCallback | None = None

    async def async_start(self, on_report: ReportCallback, on_use: UseCallback = ignore_use) -> None:
        """Remember whom to tell when the lock wakes or comes back."""
        self.on_report = on_report

    def stop(self) -> None:
        """Nothing to stop."""

    def is_offline(self, instant: datetime) -> bool:
        """Return whether an offline episode covers the instant."""
        return any(episode.covers(instant) for episode in self.offline)

    def available(self) -> bool:
        """Return whether the lock takes commands now: online, and (if it sleeps) awake."""
        now = self.clock()
        if self.is_offline(now):
            return False
        return self.wake_interval is None or (self._awake_until is not None and now < self._awake_until)

    def wake_ups(self, start: datetime, end: datetime) -> list[datetime]:
        """Return the sleeping lock's wake-ups in [start, end)."""
        if self.wake_interval is None:
            return []
        instants, instant = [], start + self.wake_phase
        while instant < end:
            instants.append(instant)
            instant += self.wake_interval
        return instants

    def next_wake_up(self, after: datetime) -> datetime:
        """Return the sleeping lock's first wake-up after an instant."""
        assert self.wake_interval is not None
        start = after.replace(hour=0, minute=0, second=0, microsecond=0) + self.wake_phase
        steps = (after - start) // self.wake_interval + 1
        return start + steps * self.wake_interval

    def wake(self) -> None:
        """Wake up (for ten seconds) and report, as a Wake Up Notification would."""
        self._awake_until = self.clock() + timedelta(seconds=10)
        self.report()

    def report(self) -> None:
        """Tell the manager the lock just talked."""
        if self.on_report is not None:
            self.on_report()

    def _exchange(self) -> None:
        """Count one transaction (and a new communication when it starts one); fail some, as radios do."""
        now = self.clock()
        if self.is_offline(now):
            msg = "the lock is offline"
            raise LockPathError(msg)
        self.transactions += 1
        if self._last_exchange is None or now - self._last_exchange > timedelta(seconds=5):
            self.sessions += 1
        self._last_exchange = now
        if self.rng.random() < self.failure_rate:
            self.failures.append(now)
            msg = "the lock did not acknowledge"
            raise LockPathError(msg)

    def _record(self, slot: int, content: SlotCode | None) -> None:
        """Note what a slot holds from now on."""
        if content is None:
            self.slots.pop(slot, None)
        else:
            self.slots[slot] = content
        self.timeline.setdefault(slot, []).append((self.clock(), content))

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Write a slot (a lock refuses a code another slot holds)."""
        self._exchange()
        if any(other.code == content.code for number, other in self.slots.items() if number != slot):
            msg = "duplicate code"
            raise LockPathError(msg)
        self._record(slot, content)
        return None

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Empty a slot."""
        self._exchange()
        self._record(slot, None)

    async def async_read(self, slot: int) -> str | None:
        """Read a slot."""
        self._exchange()
        content = self.slots.get(slot)
        return content.code if content else None

    def usable(self, code: str, instant: datetime) -> bool:
        """Return whether the code opened the door at an instant (a native window is the lock's own check)."""
        for history in self.timeline.values():
            index = bisect_right([when for when, _ in history], instant) - 1
            content = history[index][1] if index >= 0 else None
            if content is None or content.code != code:
                continue
            window, week = content.native_window, content.native_schedule
            if window is not None and not window.covers(instant):
                continue
            if week is not None and not _in_week(week, instant):
                continue
            return True
        return False

    def usable_until(self, code: str, after: datetime, horizon: timedelta) -> timedelta:
        """Return how long after `after` the code still opened the door (0: not at all), up to `horizon`."""
        changes = sorted(
            {
                when
                for history in self.timeline.values()
                for when, _ in history
                if after < when < after + horizon
            }
        )
        lingering = timedelta(0)
        probe = after
        for when in [*changes, after + horizon]:
            if not self.usable(code, probe):
                return lingering
            lingering = when - after
            probe = when
        return lingering


def _in_week(week: object, instant: datetime) -> bool:
    """Return whether a weekly schedule covers an instant (local time)."""
    from custom_components.guest_pins.core.model import WeeklySchedule  # noqa: PLC0415

    assert isinstance(week, WeeklySchedule)
    moment = instant.astimezone(ZONE)
    for offset in (0, -1):  # a range from the day before may run past midnight
        day = moment.date() + timedelta(days=offset)
        for time_range in week.ranges_on(day.weekday()):
            begin = datetime.combine(day, time_range.start, tzinfo=ZONE)
            end_day = day + timedelta(days=1) if time_range.crosses_midnight else day
            if begin <= moment < datetime.combine(end_day, time_range.end, tzinfo=ZONE):
                return True
    return False


@dataclass(frozen=True)
class Window:
    """One time someone must be able to enter: whose, with which code, when."""

    who: str
    code: str
    span: Interval


def guest_windows(year: Year, codes: dict[str, str]) -> list[Window]:
    """Return every stay's window (16:00 check-in day to 11:00 check-out day) with the code it got."""
    windows = []
    for booking in year.stays():
        checkin, checkout = booking.final_dates
        span = Interval(local(checkin, CHECKIN), local(checkout, CHECKOUT))
        if booking.uid in codes and year.start <= span.start and span.end <= year.end:
            windows.append(Window(booking.uid, codes[booking.uid], span))
    return windows


def cleaner_windows(year: Year) -> list[Window]:
    """Return every Saturday 10:00-14:00 of the year."""
    windows, day = [], year.start.astimezone(ZONE).date()
    while local(day, time(14)) <= year.end:
        if day.weekday() == 5 and local(day, time(10)) >= year.start:
            windows.append(
                Window("cleaner", CLEANER_CODE, Interval(local(day, time(10)), local(day, time(14))))
            )
        day += timedelta(days=1)
    return windows


@dataclass
class Score:
    """What a lock did for the windows of a year."""

    transactions: int
    wake_ups: int
    reservations: int
    weeks: float
    missing_at_start: int
    missing_when_reachable: int
    late_removals: int  # windows whose code still opened the door a minute after the end
    lingering_max_min: float
    lingering_total_h: float
    windows: int

    def as_dict(self) -> dict[str, float | int]:
        """Return the figures the report shows."""
        return {
            "transactions": self.transactions,
            "transactions_per_reservation": round(self.transactions / self.reservations, 3),
            "wake_ups": self.wake_ups,
            "wake_ups_per_week": round(self.wake_ups / self.weeks, 2),
            "windows": self.windows,
            "missing_at_start": self.missing_at_start,
            "missing_at_start_when_reachable_1h_before": self.missing_when_reachable,
            "present_after_end_plus_1_min": self.late_removals,
            "lingering_max_minutes": round(self.lingering_max_min, 1),
            "lingering_total_hours": round(self.lingering_total_h, 2),
        }


def score(
    lock: SimulatedLock,
    windows: Iterable[Window],
    reservations: int,
    weeks: float,
    *,
    reachable: Callable[[datetime], bool],
) -> Score:
    """Score what a lock allowed against the windows it should have allowed."""
    windows = list(windows)
    missing = [window for window in windows if not lock.usable(window.code, window.span.start)]
    missing_reachable = [window for window in missing if reachable(window.span.start - timedelta(hours=1))]
    lingering = [lock.usable_until(window.code, window.span.end, timedelta(days=2)) for window in windows]
    late = [span for span in lingering if span > timedelta(minutes=1)]
    return Score(
        transactions=lock.transactions,
        wake_ups=lock.sessions,
        reservations=reservations,
        weeks=weeks,
        missing_at_start=len(missing),
        missing_when_reachable=len(missing_reachable),
        late_removals=len(late),
        lingering_max_min=max(lingering, default=timedelta(0)).total_seconds() / 60,
        lingering_total_h=sum(lingering, timedelta(0)).total_seconds() / 3600,
        windows=len(windows),
    )


# The baseline retries a failed write at its next sync, as a manager that polls its calendar does.
BASELINE_RETRY = timedelta(minutes=15)


@dataclass
class _Clock:
    """The baseline's clock, moved by its replay."""

    now: datetime

    def __call__(self) -> datetime:
        """Return the current instant."""
        return self.now


def baseline_operations(windows: list[Window], year: Year) -> list[tuple[datetime, str, str, bool]]:
    """Return the baseline's writes: (when, whose, code, set or clear), clears first at the same instant."""
    operations: list[tuple[datetime, str, str, bool]] = [(year.start, "manager", MANAGER_CODE, True)]
    for window in windows:
        operations.append((window.span.start, window.who, window.code, True))
        operations.append((window.span.end, window.who, window.code, False))
    return sorted(operations, key=lambda item: (item[0], item[3]))


async def replay_baseline(
    kind: LockKind,
    windows: list[Window],
    year: Year,
    *,
    rng: random.Random,
    failure_rate: float,
    offline: list[Interval],
    wake_phase: timedelta,
) -> SimulatedLock:
    """Replay the year the way existing lock-code managers work, on a lock of the same kind.

    Every change is written when it is due, as its own transaction and communication: a code goes on at its
    window's start and off at its end (a cleaner's code at each Saturday's 10:00 and 14:00), the manager's
    once; a failed write is tried again at the next sync, and a set still retrying when its window ended is
    dropped. A sleeping lock takes a command at its first wake-up after it was sent. No native windows.
    """
    clock = _Clock(year.start)
    lock = SimulatedLock(
        Capabilities(slot_count=10), clock, rng, failure_rate, offline, kind.wake_interval, wake_phase
    )
    wake_ups = lock.wake_ups(year.start, year.end + timedelta(days=2))
    pending = baseline_operations(windows, year)
    slot_of: dict[str, int] = {"manager": 10, "cleaner": 9}
    ended: set[str] = set()
    used_wake_ups: set[datetime] = set()
    while pending:
        when, who, code, put = pending.pop(0)
        if put and who in ended:
            continue
        if wake_ups:
            when = wake_ups[bisect_left(wake_ups, when)]
        clock.now = when
        if put and who not in slot_of:
            slot_of[who] = next(slot for slot in range(1, 8) if slot not in lock.slots)
        lock._last_exchange = None  # every command is a communication of its own
        try:
            if put:
                await lock.async_set(slot_of[who], SlotCode(who, code), None)
            else:
                await lock.async_clear(slot_of[who], None)
        except LockPathError:
            retry = (when + BASELINE_RETRY, who, code, put)
            pending.insert(bisect_right([item[0] for item in pending], retry[0]), retry)
            continue
        used_wake_ups.add(when)
        if not put and who != "cleaner":
            ended.add(who)
            slot_of.pop(who)
    if wake_ups:
        lock.sessions = len(used_wake_ups)
    return lock
