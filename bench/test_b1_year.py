"""B1: a year at a busy rental, replayed through guest_pins in Home Assistant and through a naive baseline.

guest_pins runs for real: a property with an Airbnb and a VRBO calendar (served as they were at each
instant), a cleaner and a manager PIN, and three simulated locks (native windows, none, sleeping), each with
a 5 % write failure rate and two 6-hour outages. The clock jumps from one thing that happens to the next
(a feed change and the sync after it, a wake-up, the manager's own next wake). The baseline replays the same
year on locks of the same kinds, with the same failures and outages.
"""

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from itertools import pairwise
import os
import random
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed
from pytest_homeassistant_custom_component.test_util.aiohttp import (
    AiohttpClientMocker,
    AiohttpClientMockResponse,
)

from custom_components.guest_pins.const import CONF_NOTIFY_TARGETS, CONF_TIME_ZONE, DEFAULT_OPTIONS, DOMAIN
from custom_components.guest_pins.core.model import Interval
from tests.notify_stand_ins import HOST_PHONE, async_install_host_phone
from tests.property_builders import calendar_subentry, lock_subentry, static_subentry

from .results import FULL, record
from .way_in import Keys, booking_uid, way_in
from .year import (
    CLEANER_CODE,
    KINDS,
    MANAGER_CODE,
    LockKind,
    SimulatedLock,
    Year,
    cleaner_windows,
    generate,
    guest_windows,
    render,
    replay_baseline,
    score,
)

SEED = 2026
FAILURE_RATE = 0.05
OUTAGE = timedelta(hours=6)
SYNC = timedelta(minutes=15, seconds=1)
URLS = {
    "airbnb": "https://www.airbnb.com/calendar/ical/1.ics?s=t",
    "vrbo": "https://www.vrbo.com/icalendar/2.ics",
}


def outages(rng: random.Random, year: Year) -> list[Interval]:
    """Return two 6-hour outages at random times of the year."""
    span = (year.end - year.start - timedelta(days=2)).total_seconds()
    starts = sorted(year.start + timedelta(days=1, seconds=rng.uniform(0, span)) for _ in range(2))
    return [Interval(start, start + OUTAGE) for start in starts]


def property_entry(lock_ids: list[str]) -> MockConfigEntry:
    """Return the property: two calendars and two static PINs on three locks, each with a backup code.

    Stays' codes go to the host's phone 24 hours before check-in (the default).
    """
    locks = [lock_subentry(lock_id, f"lock.{lock_id}", title=lock_id, backups=1) for lock_id in lock_ids]
    calendars = [
        calendar_subentry(url, tuple(lock_ids), subentry_id=platform, name=platform)
        for platform, url in URLS.items()
    ]
    return MockConfigEntry(
        domain=DOMAIN,
        title="Busy Rental",
        data={CONF_NAME: "Busy Rental", CONF_TIME_ZONE: "Europe/Berlin"},
        options={**DEFAULT_OPTIONS, CONF_NOTIFY_TARGETS: [HOST_PHONE]},
        subentries_data=[
            *locks,
            *calendars,
            static_subentry("Cleaner", CLEANER_CODE, {"saturday": "10:00-14:00"}, tuple(lock_ids)),
            static_subentry("Manager", MANAGER_CODE, None, tuple(lock_ids)),
        ],
    )


def simulated_locks[L: SimulatedLock](
    year: Year, rng: random.Random, make: type[L], kinds: Iterable[LockKind] = KINDS, seed: str = "ours"
) -> dict[str, L]:
    """Return one simulated lock per kind, each with its outages and (when it sleeps) its wake-up phase.

    `make` builds each lock (B1's, or the chaos year's that can hang); `seed` names its failure draws.
    """
    return {
        kind.name: make(
            kind.capabilities,
            dt_util.utcnow,
            random.Random(f"{SEED}-{seed}-{kind.name}"),
            FAILURE_RATE,
            outages(rng, year),
            kind.wake_interval,
            timedelta(minutes=rng.uniform(0, 60)),
        )
        for kind in kinds
    }


async def replay(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    year: Year,
    locks: dict[str, SimulatedLock],
    keys: Keys,
) -> tuple[dict[str, str], int]:
    """Run the property through the year; return each booking's code and how many steps the clock took.

    `keys` hears what the guests were told.
    """

    async def feed(method: str, url: Any, data: Any) -> AiohttpClientMockResponse:
        """Serve a platform's feed as it was at the (frozen) current instant."""
        platform = next(name for name, address in URLS.items() if str(url).startswith(address.split("?")[0]))
        return AiohttpClientMockResponse(method, url, response=render(year, platform, dt_util.utcnow()))

    for url in URLS.values():
        aioclient_mock.get(url, side_effect=feed)
    for name in locks:
        hass.states.async_set(f"lock.{name}", "locked")
    await hass.config.async_set_time_zone("Europe/Berlin")
    freezer.move_to(year.start)
    entry = property_entry(list(locks))
    entry.add_to_hass(hass)
    await async_install_host_phone(hass)
    keys.listen(hass, entry)
    codes: dict[str, str] = {}
    sleepers = [name for name, lock in locks.items() if lock.wake_interval]
    back = {episode.end: lock for lock in locks.values() for episode in lock.offline}
    outside = sorted({*(change + SYNC for change in year.change_times()), *back})
    with patch(
        "custom_components.guest_pins.lock_runtime.create_path",
        side_effect=lambda _hass, spec: locks[spec.entity_id.removeprefix("lock.")],
    ):
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        manager = entry.runtime_data.manager
        cursor, index, steps = year.start, 0, 0
        while True:
            index = bisect_right(outside, cursor, lo=index)
            candidates = outside[index : index + 1]
            if manager.next_wake is not None and manager.next_wake > cursor:
                candidates.append(manager.next_wake)
            # A sleeping lock's wake-up changes something only when a change waits for it.
            waking = {
                locks[name].next_wake_up(cursor): locks[name]
                for name in sleepers
                if len(manager.locks[name].queue)
            }
            candidates += list(waking)
            if not candidates or min(candidates) >= year.end:
                break
            cursor = min(candidates)
            await advance(hass, freezer, cursor)
            if (sleeper := waking.get(cursor)) is not None:
                sleeper.wake()
            if (returning := back.get(cursor)) is not None:
                returning.report()
            # A second later: what the step set off behind a short timer (a feed change's debounced replan)
            # runs, as it would in real time.
            cursor += timedelta(seconds=1)
            await advance(hass, freezer, cursor)
            for stay in manager.plan.stay_plan.stays if manager.plan else ():
                codes[booking_uid(stay.stay_id)] = stay.code
            steps += 1
        assert await hass.config_entries.async_unload(entry.entry_id)
    return codes, steps


async def advance(hass: HomeAssistant, freezer: FrozenDateTimeFactory, instant: datetime) -> None:
    """Move the clock to an instant and let everything due by then run."""
    freezer.move_to(instant)
    async_fire_time_changed(hass, instant)
    # Calendar refreshes run as background tasks: they too must finish at this instant.
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_a_year_at_a_busy_rental(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, aioclient_mock: AiohttpClientMocker
) -> None:
    """Replay the year; score guest_pins and the baseline per lock kind against the year's windows."""
    year = generate(SEED, date(2027, 1, 1), 365 if FULL else 42)
    locks = simulated_locks(year, random.Random(SEED), SimulatedLock)
    started = os.times().elapsed  # freezegun freezes time's clocks, not this one
    keys = Keys()
    codes, steps = await replay(hass, freezer, aioclient_mock, year, locks, keys)
    replay_seconds = os.times().elapsed - started

    weeks = (year.end - year.start) / timedelta(weeks=1)
    windows = guest_windows(year, codes) + cleaner_windows(year)
    stays = year.stays()
    figures: dict[str, Any] = {
        "days": (year.end - year.start).days,
        "reservations": len(year.bookings),
        "cancelled": len(year.bookings) - len(stays),
        "date_edits": sum(1 for booking in year.bookings if booking.edits),
        "same_day_turnovers": sum(
            1 for first, then in pairwise(stays) if first.final_dates[1] == then.final_dates[0]
        ),
        "windows_scored": len(windows),
        "clock_steps": steps,
        "replay_seconds": round(replay_seconds, 1),
        "kinds": {},
    }
    for kind in KINDS:
        ours = locks[kind.name]

        def reachable(instant: datetime, lock: SimulatedLock = ours) -> bool:
            """Return whether the lock was online at an instant."""
            return not lock.is_offline(instant)

        baseline = await replay_baseline(
            kind,
            windows,
            year,
            rng=random.Random(f"{SEED}-baseline-{kind.name}"),
            failure_rate=FAILURE_RATE,
            offline=ours.offline,
            wake_phase=ours.wake_phase,
        )
        mine, theirs = (
            score(
                lock,
                windows,
                len(year.bookings),
                weeks,
                reachable=reachable,
            ).as_dict()
            for lock in (ours, baseline)
        )
        figures["kinds"][kind.name] = {
            "guest_pins": mine,
            "way_in": way_in(ours, kind.name, windows, keys, reachable),
            "baseline": theirs,
            "fewer_wake_ups_x": round(theirs["wake_ups"] / max(mine["wake_ups"], 1), 2),
        }
    record("b1_year", figures)

    native = figures["kinds"]["native_windows"]
    plain = figures["kinds"]["no_native_windows"]
    for kind in figures["kinds"].values():
        assert kind["guest_pins"]["missing_at_start_when_reachable_1h_before"] == 0
        assert kind["way_in"]["guest_at_door_without_working_code_when_reachable_1h_before"] == 0
    assert plain["guest_pins"]["present_after_end_plus_1_min"] == 0
    # Each lock's backup code is written and read back once at set-up: a cost of the lock, not of a stay.
    backup_set_up = 2
    assert native["guest_pins"]["transactions"] - backup_set_up <= 1.2 * figures["reservations"]
    assert native["fewer_wake_ups_x"] >= 3
