"""B2: the cost of a sync: parsing and planning feeds of growing size, beside two peers, and the event loop.

Each feed holds N reservations back to back (1-3 nights, many same-day turnovers) in Airbnb's shape, read
with a horizon that spans them all, so every event is really parsed and planned. The peers read the same
bytes: Home Assistant's own `remote_calendar` path (the `ical` library, with its compatibility fixes, and a
timeline over the span) and a plain icalendar + recurring-ical-events expansion. Times are the median of a
few runs (absolute times on a shared machine are noise; the ratios in one run are the figures); peak memory
is what tracemalloc sees for one run. The last test measures, in a real Home Assistant, the longest the
event loop is blocked while ten feeds sync: at set-up (until its first sync, which runs in the background,
has landed), when every feed's bytes changed (each one is parsed), and when none did; and what a sync of the
ten unchanged feeds costs (CPU time, every thread) as a share of parsing them.
"""

import asyncio
from collections.abc import Callable, Generator
import contextlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
import math
import random
import statistics
import time as wall
import tracemalloc
from typing import Any
from unittest.mock import patch
from zoneinfo import ZoneInfo

from homeassistant.components.remote_calendar.ics import _compat_calendar_from_ics
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import icalendar
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
import recurring_ical_events

from custom_components.guest_pins.const import CONF_TIME_ZONE, DEFAULT_OPTIONS, DOMAIN
from custom_components.guest_pins.core.engine import PropertyInputs, plan_property
from custom_components.guest_pins.core.feeds import FeedSettings, parse_feed, read_feed
from custom_components.guest_pins.core.model import LockProfile, ParsedFeed
from custom_components.guest_pins.locks.base import Capabilities
from custom_components.guest_pins.locks.memory import InMemoryLockPath
from tests.property_builders import calendar_subentry, lock_subentry

from .results import FULL, record

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2027, 1, 1, 12, tzinfo=UTC)
SIZES = (100, 1_000, 10_000) if FULL else (100, 1_000)
RUNS = 3 if FULL else 2
LOOP_FEEDS, LOOP_EVENTS = 10, (1_000 if FULL else 200)
# An unchanged sync of the ten feeds as a share of reading them: 2 % with feeds of 1,000 events; the quick
# run's feeds of 200 events weigh the fixed cost of a fetch five times more (its bound still catches a parse).
TARGET_SHARE_PCT = 2 if FULL else 10


def feed(
    events: int, seed: int = 7, uid_prefix: str = "b", first_day: date | None = None
) -> tuple[bytes, datetime]:
    """Return an Airbnb-shaped feed of back-to-back reservations, and where the last one ends.

    They start the day after NOW, or on `first_day` with a first stay of three nights (under way all
    through the next day, whatever its hour).
    """
    rng = random.Random(seed)
    day = first_day or NOW.date() + timedelta(days=1)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Airbnb Inc//Hosting Calendar 1.0//EN"]
    for number in range(events):
        nights = 3 if first_day and number == 0 else rng.choice((1, 1, 2, 3))
        checkout = day + timedelta(days=nights)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid_prefix}{number:06d}-{rng.getrandbits(40):010x}@airbnb.com",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{checkout:%Y%m%d}",
            "SUMMARY:Reserved",
            (
                f"DESCRIPTION:Reservation URL: https://www.airbnb.com/hosting/reservations/details/HM{number:06d}"
                f"\\nPhone Number (Last 4 Digits): {rng.randrange(10000):04d}"
            ),
            "END:VEVENT",
        ]
        day = checkout + timedelta(days=rng.choice((0, 0, 0, 1)))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode(), datetime.combine(day, time(0), tzinfo=UTC)


def settings(until: datetime) -> FeedSettings:
    """Return how the benchmark reads a feed: with a horizon reaching its last event."""
    return FeedSettings(calendar_id="airbnb", property_tz=BERLIN, horizon=until - NOW + timedelta(days=2))


def ours_parse(raw: bytes, until: datetime) -> ParsedFeed:
    """guest_pins: parse, expand, classify and extract (core.feeds)."""
    parsed = parse_feed(raw, settings(until), NOW)
    assert isinstance(parsed, ParsedFeed)
    return parsed


def ours_plan(parsed: ParsedFeed) -> object:
    """guest_pins: stays, codes, collisions and the slots of two locks (core.engine)."""
    profiles = {
        lock: LockProfile(
            lock, guest_slots=range(1, 8), static_slots=range(8, 11), native_windows=lock == "a"
        )
        for lock in ("a", "b")
    }
    inputs = PropertyInputs(
        events=parsed.events,
        calendar_locks={"airbnb": frozenset(profiles)},
        statics=(),
        profiles=profiles,
        zone=BERLIN,
        secret=b"benchmark",
    )
    return plan_property(inputs, NOW)


def ical_library(raw: bytes, until: datetime) -> int:
    """Home Assistant's remote_calendar path: `ical` with its compatibility fixes, then a timeline."""
    calendar = _compat_calendar_from_ics(raw.decode())
    return sum(1 for _ in calendar.timeline_tz(BERLIN).overlapping(NOW - timedelta(days=30), until))


def icalendar_plain(raw: bytes, until: datetime) -> int:
    """A plain icalendar + recurring-ical-events expansion over the same span."""
    calendar = icalendar.Calendar.from_ical(raw)
    return len(recurring_ical_events.of(calendar).between(NOW - timedelta(days=30), until))


def measure(work: Callable[[], Any]) -> tuple[float, float]:
    """Return the median seconds of a few runs (after one to warm up) and the peak traced memory (MiB)."""
    work()
    times = []
    for _ in range(RUNS):
        started = wall.perf_counter()
        work()
        times.append(wall.perf_counter() - started)
    tracemalloc.start()
    try:
        work()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def exponent(points: list[tuple[int, float]]) -> float:
    """Return the least-squares slope of log(time) over log(size): 1.0 is linear."""
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(seconds) for _, seconds in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def test_parse_and_plan_grow_linearly_beside_the_peers() -> None:
    """Time and memory of guest_pins' parse and plan and of the two peers, per feed size; growth exponents."""
    rows: dict[str, dict[str, Any]] = {}
    series: dict[str, list[tuple[int, float]]] = {
        name: [] for name in ("parse", "parse_and_plan", "ical", "icalendar")
    }
    for size in SIZES:
        raw, until = feed(size)
        parsed = ours_parse(raw, until)
        assert len(parsed.reservations) == size
        assert ical_library(raw, until) == size
        assert icalendar_plain(raw, until) == size
        figures = {
            "parse": measure(lambda raw=raw, until=until: ours_parse(raw, until)),
            "parse_and_plan": measure(lambda raw=raw, until=until: ours_plan(ours_parse(raw, until))),
            "ical": measure(lambda raw=raw, until=until: ical_library(raw, until)),
            "icalendar": measure(lambda raw=raw, until=until: icalendar_plain(raw, until)),
        }
        rows[str(size)] = {
            name: {"seconds": round(seconds, 4), "peak_mib": round(peak, 1)}
            for name, (seconds, peak) in figures.items()
        }
        rows[str(size)]["bytes"] = len(raw)
        for name, (seconds, _) in figures.items():
            series[name].append((size, seconds))
    growth = {name: round(exponent(points), 2) for name, points in series.items()}
    record("b2_sync_cost", {"sizes": rows, "growth_exponent": growth})
    assert growth["parse_and_plan"] < 1.3, growth  # about linear


@dataclass
class LoopWatch:
    """What the event loop went through: its longest callback, and its worst heartbeat delay.

    A callback blocks the loop for as long as it runs on it: that is its CPU time on the loop's thread
    (`time.thread_time`), which excludes waiting for the GIL while executor threads parse and plan. The
    heartbeat (every millisecond) measures the latency everything else on the loop saw, GIL included.
    """

    longest_callback: float = 0.0
    longest_callback_name: str = ""
    worst_delay: float = 0.0
    beats: int = 0
    running: bool = True

    def reset(self) -> None:
        """Start a new measurement."""
        self.longest_callback, self.longest_callback_name, self.worst_delay = 0.0, "", 0.0

    async def watch(self) -> None:
        """Beat every millisecond and keep the worst delay beyond it."""
        last = wall.perf_counter()
        while self.running:
            await asyncio.sleep(0.001)
            now = wall.perf_counter()
            self.worst_delay = max(self.worst_delay, now - last - 0.001)
            self.beats += 1
            last = now

    @contextlib.contextmanager
    def timing_callbacks(self) -> Generator[None]:
        """Time every callback the loop runs (by the loop thread's CPU time) while in the block."""
        original = asyncio.events.Handle._run
        watch = self

        def timed(handle: asyncio.events.Handle) -> None:
            """Run one callback and keep the longest."""
            started = wall.thread_time()
            original(handle)
            spent = wall.thread_time() - started
            if spent > watch.longest_callback:
                watch.longest_callback, watch.longest_callback_name = spent, callback_name(handle)

        asyncio.events.Handle._run = timed  # type: ignore[method-assign]
        try:
            yield
        finally:
            asyncio.events.Handle._run = original  # type: ignore[method-assign]


def callback_name(handle: asyncio.events.Handle) -> str:
    """Return what a callback ran: the coroutine of the task a step or wake-up belongs to, if it tells."""
    task = getattr(getattr(handle, "_callback", None), "__self__", None)
    coro = task.get_coro() if isinstance(task, asyncio.Task) else None
    name = getattr(coro, "__qualname__", "")
    return f"{repr(handle)[:120]}{f' {name}' if name else ''}"


def url(number: int) -> str:
    """Return the address of a unit's feed."""
    return f"https://pms.example/feeds/{number}.ics"


def serve(aioclient_mock: AiohttpClientMocker, version: int) -> list[bytes]:
    """Serve each unit's feed, and return the bodies.

    Each `version` of a feed holds the same stays in other bytes (its name), as a platform that regenerates
    its feed sends it: every one of them is read again, the plan stays the same.
    """
    aioclient_mock.clear_requests()
    bodies = []
    for number in range(LOOP_FEEDS):
        raw, _ = feed(LOOP_EVENTS, seed=number, uid_prefix=f"f{number}-")
        raw = raw.replace(
            b"VERSION:2.0\r\n", f"VERSION:2.0\r\nX-WR-CALNAME:Unit {number} ({version})\r\n".encode()
        )
        aioclient_mock.get(url(number), content=raw)
        bodies.append(raw)
    return bodies


def cpu_of(work: Callable[[], Any]) -> float:
    """Return the median CPU time (the process's, every thread) of a few runs of `work`."""
    spent = []
    for _ in range(RUNS):
        started = wall.process_time()
        work()
        spent.append(wall.process_time() - started)
    return statistics.median(spent)


async def test_a_full_sync_of_ten_feeds_never_blocks_the_event_loop_long(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """A property of ten units, each with its big feed and its lock: the longest the loop is blocked.

    Then what a sync of the ten feeds costs when none changed (fetch, hash, narrowing; no replan follows),
    as a share of reading them: the target is 2 %.
    """
    await hass.config.async_set_time_zone("Europe/Berlin")
    lock_ids = [f"unit{number}" for number in range(LOOP_FEEDS)]
    bodies = serve(aioclient_mock, 0)
    calendars = [
        calendar_subentry(
            f"https://pms.example/feeds/{number}.ics",
            (lock_id,),
            subentry_id=f"cal{number}",
            name=f"Feed {number}",
        )
        for number, lock_id in enumerate(lock_ids)
    ]
    for lock_id in lock_ids:
        hass.states.async_set(f"lock.{lock_id}", "locked")
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={CONF_NAME: "Ten Units", CONF_TIME_ZONE: "Europe/Berlin"},
        options=DEFAULT_OPTIONS,
        subentries_data=[
            # Distinct titles, distinct entity ids, as a real property has.
            *(lock_subentry(lock_id, f"lock.{lock_id}", title=lock_id) for lock_id in lock_ids),
            *calendars,
        ],
    )
    entry.add_to_hass(hass)
    watch = LoopWatch()
    # Not one of Home Assistant's background tasks: set-up's phase waits for those (its first sync is one).
    watcher = asyncio.create_task(watch.watch())
    capabilities = Capabilities(slot_count=10, read_back=True)
    figures: dict[str, Any] = {"feeds": LOOP_FEEDS, "events_per_feed": LOOP_EVENTS}
    with (
        patch(
            "custom_components.guest_pins.lock_runtime.create_path",
            side_effect=lambda _hass, _spec: InMemoryLockPath(capabilities=capabilities),
        ),
        watch.timing_callbacks(),
    ):
        for phase in ("setup", "sync", "unchanged_sync"):
            if phase == "sync":
                bodies = serve(aioclient_mock, 1)  # every feed's bytes changed: each one is read
                # Building them is the test's work: its step ends here, before the measurement begins.
                await asyncio.sleep(0)
            watch.reset()
            started = wall.perf_counter()
            if phase == "setup":
                assert await hass.config_entries.async_setup(entry.entry_id)
                await hass.async_block_till_done()
                figures["loaded_seconds"] = round(wall.perf_counter() - started, 2)
                # The first sync follows in the background: the phase lasts until it has landed.
                await hass.async_block_till_done(wait_background_tasks=True)
            else:
                await hass.services.async_call(
                    DOMAIN, "sync", {"config_entry_id": entry.entry_id}, blocking=True
                )
            await hass.async_block_till_done()
            figures[phase] = {
                "seconds": round(wall.perf_counter() - started, 2),
                "longest_callback_ms": round(watch.longest_callback * 1000, 1),
                "longest_callback": watch.longest_callback_name,
                "worst_heartbeat_delay_ms": round(watch.worst_delay * 1000, 1),
            }
        watch.running = False
        await watcher
        figures["unchanged_share"] = await unchanged_share(hass, entry, bodies)
        assert await hass.config_entries.async_unload(entry.entry_id)
    record("b2_event_loop", figures)
    assert watch.beats > 0
    assert figures["setup"]["longest_callback_ms"] < 20, figures
    assert figures["sync"]["longest_callback_ms"] < 20, figures
    assert figures["unchanged_share"]["share_pct"] <= TARGET_SHARE_PCT, figures


async def unchanged_share(
    hass: HomeAssistant, entry: MockConfigEntry, bodies: list[bytes]
) -> dict[str, float]:
    """Return the CPU of a sync of the ten unchanged feeds, of reading them, and the first as a share.

    The sync is what each calendar's own timer runs: every coordinator refreshes (fetch, hash, narrowing),
    and none tells the property to replan, as nothing changed. The reading is the coordinators' own.
    """
    coordinators = list(entry.runtime_data.coordinators.values())
    plan = entry.runtime_data.manager.plan
    feed_settings = [coordinator.settings for coordinator in coordinators]  # type: ignore[union-attr]
    now = datetime.now(UTC)
    parse = cpu_of(
        lambda: [read_feed(raw, each, now) for raw, each in zip(bodies, feed_settings, strict=True)]
    )
    # What the syncs before left to do a moment later (their readings kept in the store) is theirs.
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=5))
    await hass.async_block_till_done()
    spent = []
    for _ in range(RUNS):
        started = wall.process_time()
        await asyncio.gather(*(coordinator.async_refresh() for coordinator in coordinators))
        await hass.async_block_till_done()
        spent.append(wall.process_time() - started)
    assert all(coordinator.last_update_success for coordinator in coordinators)
    assert entry.runtime_data.manager.plan is plan  # nothing changed, nothing replanned
    resync = statistics.median(spent)
    return {
        "parse_cpu_s": round(parse, 4),
        "resync_cpu_s": round(resync, 4),
        "share_pct": round(100 * resync / parse, 2),
    }
