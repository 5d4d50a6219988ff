"""B1 with restart chaos: the busy rental's year, with Home Assistant stopped and started again at its worst.

The year, the property and the locks are B1's (a 5 % write failure rate, two 6-hour outages per lock), with
a fourth lock that reads every write back. At seeded instants Home Assistant is stopped for real and a new
one started on the same storage two minutes later: in the middle of a flush (the lock took the write, or
not, and its answer never came), between a write and its read-back, just after a stay's moment fell due,
while a calendar fetch hangs, with the store's final write cut in half, or quietly. The invariants are
checked over the whole year, for every lock kind.
"""

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
import os
import random
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.test_util.aiohttp import (
    AiohttpClientMocker,
    AiohttpClientMockResponse,
)

from custom_components.guest_pins.core.lifecycle import DEFAULT_REMINDERS
from custom_components.guest_pins.core.model import Interval
from custom_components.guest_pins.locks.writer import LockWriter
from tests.notify_stand_ins import async_install_host_phone

from .chaos import (
    CHAOS_KINDS,
    DOWNTIME,
    READ_BACK,
    TRAP_PATIENCE,
    ChaosLock,
    Restart,
    Trap,
    Witness,
    copy_entry,
    expected_moments,
    home_assistant,
    late_while_up,
    plan_restarts,
    settle,
    stop,
    view_mismatches,
)
from .results import FULL, record
from .test_b1_year import SEED, SYNC, URLS, property_entry, simulated_locks
from .way_in import Keys, booking_uid, way_in
from .year import Year, cleaner_windows, generate, guest_windows, render, score

RESTARTS = 24 if FULL else 6
# Checks before arrival at the property's defaults (hours before check-in).
CHECK_HOURS = (24.0, 2.0)


@dataclass
class Run:
    """What the chaos year did: restarts by kind (planned, sprung), lives, steps and each stay's code."""

    codes: dict[str, str] = field(default_factory=dict)
    restarts: dict[str, list[int]] = field(default_factory=dict)
    lives: int = 0
    steps: int = 0
    previous_copies: int = 0
    mismatches: dict[str, int] = field(default_factory=dict)
    downtimes: list[Interval] = field(default_factory=list)
    in_flight_left: int = 0


class Replay:
    """The year replayed through lives of Home Assistant, one restart after another."""

    def __init__(
        self,
        freezer: FrozenDateTimeFactory,
        aioclient_mock: AiohttpClientMocker,
        year: Year,
        locks: dict[str, ChaosLock],
        config_dir: str,
    ) -> None:
        """Serve the feeds (a fetch trap can hold them) and prepare the property."""
        self.freezer, self.year, self.locks, self.config_dir = freezer, year, locks, config_dir
        self.fetch_traps: list[Trap] = []
        self.keys, self.witness, self.run = Keys(), Witness(), Run()
        self.first = property_entry(list(locks))
        back = {episode.end: lock for lock in locks.values() for episode in lock.offline}
        self.back = back
        self.outside = sorted({*(change + SYNC for change in year.change_times()), *back})
        self.sleepers = [name for name, lock in locks.items() if lock.wake_interval]
        self.rng = random.Random(f"{SEED}-traps")
        for url in URLS.values():
            aioclient_mock.get(url, side_effect=self._feed)

    async def _feed(self, method: str, url: Any, data: Any) -> AiohttpClientMockResponse:
        """Serve a platform's feed as it is now, unless a fetch trap holds it."""
        for trap in self.fetch_traps:
            if trap.armed:
                await trap.hang()
        platform = next(name for name, address in URLS.items() if str(url).startswith(address.split("?")[0]))
        return AiohttpClientMockResponse(method, url, response=render(self.year, platform, dt_util.utcnow()))

    async def replay(self, restarts: list[Restart]) -> Run:
        """Live the year: each life runs until its restart (or the year's end), then stops for real."""
        pending = list(restarts)
        cursor = self.year.start
        self.freezer.move_to(cursor)
        with patch(
            "custom_components.guest_pins.lock_runtime.create_path",
            side_effect=lambda _hass, spec: self.locks[spec.entity_id.removeprefix("lock.")],
        ):
            while True:
                restart = pending.pop(0) if pending else None
                async with home_assistant(self.config_dir) as hass:
                    entry = await self._start(hass)
                    cursor, ended = await self._live(hass, entry, cursor, restart)
                    if ended:
                        self._final_view(entry)
                        await stop(hass, cut_final_write=False)
                        return self.run
                    assert restart is not None
                    cut = restart.kind == "store_write_cut"
                    self.run.previous_copies += cut
                    await stop(hass, cut_final_write=cut)
                self._disarm()
                # Down from the stop (a sprung trap's instant) until the next life's first second.
                self.run.downtimes.append(
                    Interval(cursor - timedelta(seconds=1), cursor + DOWNTIME + timedelta(seconds=1))
                )
                cursor += DOWNTIME
                self.freezer.move_to(cursor)

    async def _start(self, hass: HomeAssistant) -> Any:
        """Start a life: the lock entities, the host's phone, the property from its configuration."""
        await hass.config.async_set_time_zone("Europe/Berlin")
        for name in self.locks:
            hass.states.async_set(f"lock.{name}", "locked")
        self.witness.inboxes.append(await async_install_host_phone(hass))
        entry = self.first if self.run.lives == 0 else copy_entry(self.first)
        entry.add_to_hass(hass)
        self.keys.listen(hass, entry)
        self.witness.listen(hass, entry.entry_id)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        self.run.lives += 1
        return entry

    async def _live(
        self, hass: HomeAssistant, entry: Any, cursor: datetime, restart: Restart | None
    ) -> tuple[datetime, bool]:
        """Step the clock as B1 does until the restart; return where it stopped, and if the year ended."""
        manager = entry.runtime_data.manager
        traps: list[Trap] = []
        index = 0
        # A second after the start: what fell due while Home Assistant was down (and the start set off) runs.
        cursor += timedelta(seconds=1)
        await settle(hass, self.freezer, cursor, traps)
        while True:
            index = bisect_right(self.outside, cursor, lo=index)
            candidates = self.outside[index : index + 1]
            if manager.next_wake is not None and manager.next_wake > cursor:
                candidates.append(manager.next_wake)
            waking = {
                self.locks[name].next_wake_up(cursor): self.locks[name]
                for name in self.sleepers
                if len(manager.locks[name].queue)
            }
            candidates += list(waking)
            if restart is not None and not traps and restart.at <= min(candidates, default=restart.at):
                cursor, stopping = await self._restart_comes(hass, manager, max(cursor, restart.at), restart)
                if stopping:
                    return cursor, False
                traps = [self._arm(restart, manager)]
                continue
            if not candidates or min(candidates) >= self.year.end:
                return cursor, True
            if traps and traps[0].kind == "moment" and min(candidates) >= (moment := traps[0].due):
                # Stopped a second after a stay's moment fell due, before Home Assistant's timer handled it.
                self.freezer.move_to(moment + timedelta(seconds=1))
                assert restart is not None
                self._count(restart, sprung=True)
                return moment + timedelta(seconds=1), False
            cursor = min(candidates)
            if await self._step(hass, cursor, traps, waking.get(cursor)):
                assert restart is not None
                self._count(restart, sprung=True)
                return cursor + timedelta(seconds=1), False
            for stay in manager.plan.stay_plan.stays if manager.plan else ():
                self.run.codes[booking_uid(stay.stay_id)] = stay.code
            self.run.steps += 1
            if traps and restart is not None and cursor > restart.at + TRAP_PATIENCE:
                self._count(restart, sprung=False)
                return cursor + timedelta(seconds=1), False

    async def _step(
        self, hass: HomeAssistant, cursor: datetime, traps: list[Trap], sleeper: ChaosLock | None
    ) -> bool:
        """Take one of B1's steps (the instant, then a second later); return whether a trap sprang."""
        if await settle(hass, self.freezer, cursor, traps):
            return True
        if sleeper is not None:
            sleeper.wake()
        if (returning := self.back.get(cursor)) is not None:
            returning.report()
        return await settle(hass, self.freezer, cursor + timedelta(seconds=1), traps)

    async def _restart_comes(
        self, hass: HomeAssistant, manager: Any, cursor: datetime, restart: Restart
    ) -> tuple[datetime, bool]:
        """Reach the restart's instant; return the clock and whether Home Assistant stops now.

        A trap's restart goes on (the stop comes when the trap springs, or a second after the next moment
        of a stay fell due, before Home Assistant handled it); the others stop at once: quietly, or with the
        final write cut.
        """
        if await settle(hass, self.freezer, cursor, []):
            return cursor, True
        if restart.kind in {"quiet", "store_write_cut"}:
            self._count(restart, sprung=True)
            return cursor, True
        return cursor, False

    def _arm(self, restart: Restart, manager: Any) -> Trap:
        """Set the restart's trap: a lock's next write or read-back, the next feed fetch or moment."""
        if restart.kind == "moment_due":
            return Trap("moment", due=manager.plan.next_moment(restart.at) if manager.plan else self.year.end)
        if restart.kind == "feed_fetch":
            trap = Trap("fetch")
            self.fetch_traps.append(trap)
            return trap
        if restart.kind == "before_read_back":
            trap = Trap("read", READ_BACK.name)
        else:
            name = self.rng.choice([name for name in self.locks if name != READ_BACK.name])
            trap = Trap(self.rng.choice(["write", "write_lost"]), name)
        self.locks[trap.lock or ""].trap = trap
        return trap

    def _disarm(self) -> None:
        """Take every trap away (a new life starts without one)."""
        self.fetch_traps.clear()
        for lock in self.locks.values():
            lock.trap = None
            lock._hang_next_read = False

    def _count(self, restart: Restart, *, sprung: bool) -> None:
        """Count a restart of its kind: planned, and whether its moment really came."""
        planned, came = self.run.restarts.get(restart.kind, [0, 0])
        self.run.restarts[restart.kind] = [planned + 1, came + sprung]

    def _final_view(self, entry: Any) -> None:
        """Compare what guest_pins believes each lock holds with what it holds, at the year's end."""
        manager = entry.runtime_data.manager
        for name, lock in self.locks.items():
            writer: LockWriter = manager.locks[name].writer
            self.run.mismatches[name] = view_mismatches(writer.held, lock)
            self.run.in_flight_left += len(writer.in_flight)


async def test_a_year_at_a_busy_rental_with_restart_chaos(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    tmp_path: Any,
) -> None:
    """Replay the year with restarts; every invariant holds for every lock kind."""
    year = generate(SEED, date(2027, 1, 1), 365 if FULL else 42)
    locks = simulated_locks(year, random.Random(SEED), ChaosLock, CHAOS_KINDS, "chaos")
    restarts = plan_restarts(year, RESTARTS, SEED)
    started = os.times().elapsed
    replay = Replay(freezer, aioclient_mock, year, locks, str(tmp_path))
    run = await replay.replay(restarts)
    replay_seconds = os.times().elapsed - started

    weeks = (year.end - year.start) / timedelta(weeks=1)
    windows = guest_windows(year, run.codes) + cleaner_windows(year)
    reminders = tuple(before.total_seconds() / 3600 for before in DEFAULT_REMINDERS)
    wanted = expected_moments(year, CHECK_HOURS, reminders, SYNC + timedelta(seconds=1))
    heard = replay.witness.events
    messages = replay.witness.key_messages(set(run.codes.values()))
    figures: dict[str, Any] = {
        "days": (year.end - year.start).days,
        "restarts": sum(planned for planned, _ in run.restarts.values()),
        "restarts_by_kind": {kind: {"planned": p, "came": c} for kind, (p, c) in run.restarts.items()},
        "lives": run.lives,
        "clock_steps": run.steps,
        "replay_seconds": round(replay_seconds, 1),
        "starts_from_previous_copy": run.previous_copies,
        "reminders_and_checks_expected": len(wanted),
        "reminders_and_checks_missing": len(wanted - set(heard)),
        "reminders_and_checks_repeated": sum(count - 1 for count in heard.values() if count > 1),
        "key_messages": len(messages),
        "key_messages_repeated": sum(count - 1 for count in messages.values() if count > 1),
        "writes_in_flight_at_end": run.in_flight_left,
        "kinds": {},
    }
    for kind in CHAOS_KINDS:
        ours = locks[kind.name]

        def reachable(instant: datetime, lock: ChaosLock = ours) -> bool:
            """Return whether the lock was online at an instant."""
            return not lock.is_offline(instant)

        scored = score(ours, windows, len(year.bookings), weeks, reachable=reachable).as_dict()
        late = late_while_up(ours, windows, run.downtimes)
        entry = way_in(ours, kind.name, windows, replay.keys, reachable)
        figures["kinds"][kind.name] = {
            "guest_pins": scored,
            "way_in": entry,
            "usable_after_end_plus_1_min_when_reachable": late[0],
            "usable_after_end_plus_1_min_while_home_assistant_restarted": late[1],
            "writes_repeated": ours.repeated,
            "view_mismatches_at_end": run.mismatches[kind.name],
        }
    record("b1_chaos", figures)

    assert figures["restarts"] == RESTARTS
    assert run.lives == RESTARTS + 1
    for name, kind in figures["kinds"].items():
        assert kind["guest_pins"]["missing_at_start_when_reachable_1h_before"] == 0, name
        assert kind["way_in"]["guest_at_door_without_working_code_when_reachable_1h_before"] == 0, name
        assert kind["writes_repeated"] == 0, name
        assert kind["view_mismatches_at_end"] == 0, name
    for listening in ("no_native_windows", READ_BACK.name):
        assert figures["kinds"][listening]["usable_after_end_plus_1_min_when_reachable"] == 0, listening
    assert figures["reminders_and_checks_missing"] == 0, sorted(wanted - set(heard))[:5]
    assert figures["reminders_and_checks_repeated"] == 0
    assert figures["key_messages_repeated"] == 0
    assert figures["writes_in_flight_at_end"] == 0
