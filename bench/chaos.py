"""B1 under restarts: the machinery that stops Home Assistant at the worst moments and starts it again.

Each life is a Home Assistant of its own (the harness's test instance) on the same storage: the property's
store and its calendars' caches carry over, as they do on disk. A stop is Home Assistant's real
`async_stop` (its stages: stop, final write, close; what still runs is cancelled), never a config-entry
reload. The locks are the year's simulated ones, which outlive every life, as real locks do.

The worst moments are made, not hoped for: a trap on a lock holds its answer to a write (after it took the
write, or before) or to the read-back after a write, a trap on a calendar server holds a fetch, and the
stop comes while they hang. Others stop just after a stay's moment fell due and before Home Assistant
handled it, or cut the stop's final write of the store in half (the store keeps its previous copy).
"""

import asyncio
from collections import Counter
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
import random
import re
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant import loader
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import storage
from homeassistant.util.async_ import _SHUTDOWN_RUN_CALLBACK_THREADSAFE, get_scheduled_timer_handles
from homeassistant.util.file import WriteError
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_test_home_assistant,
)

from custom_components.guest_pins.core.model import Interval, SlotCode
from custom_components.guest_pins.locks.base import Capabilities
from tests.notify_stand_ins import Inbox

from .way_in import booking_uid
from .year import CHECKIN, KINDS, LockKind, SimulatedLock, Window, Year, local

# A lock that reads every write back (a Z-Wave lock without confirmed writes): the stop can come between a
# write and its read-back.
READ_BACK = LockKind("read_back", Capabilities(slot_count=10, read_back=True))
CHAOS_KINDS = (*KINDS, READ_BACK)
# Home Assistant is down this long at each restart.
DOWNTIME = timedelta(minutes=2)
# The ways a restart comes, in turn.
RESTART_KINDS = (
    "mid_flush",
    "before_read_back",
    "moment_due",
    "feed_fetch",
    "store_write_cut",
    "quiet",
)
# A trap that has not sprung after this long is given up: the restart happens anyway, quietly.
TRAP_PATIENCE = timedelta(days=7)


@dataclass
class Trap:
    """What hangs until the stop: a lock's answer ("write", "write_lost", "read"), a feed ("fetch").

    A "moment" trap hangs nothing: the stop comes a second after its moment fell due.
    """

    kind: str
    lock: str | None = None
    due: datetime | None = None  # a "moment" trap: the stay's moment the stop comes a second after
    fired: asyncio.Event = field(default_factory=asyncio.Event)
    armed: bool = True

    async def hang(self) -> None:
        """Spring: tell the replay, and never answer (the stop cancels whoever waits)."""
        self.armed = False
        self.fired.set()
        await asyncio.get_running_loop().create_future()


@dataclass
class ChaosLock(SimulatedLock):
    """A simulated lock that can be made to hang mid-exchange and counts writes it did not need."""

    trap: Trap | None = None
    # Writes that changed nothing on the lock: a set of what a slot held, a clear of an empty slot.
    repeated: int = 0
    _hang_next_read: bool = False

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Write a slot; a "write_lost" trap hangs before the lock takes it, a "write" trap after."""
        trap = self.trap if self.trap is not None and self.trap.armed else None
        if trap is not None and trap.kind == "write_lost":
            self._exchange()
            await trap.hang()
        same = self.slots.get(slot) == content
        result = await super().async_set(slot, content, held)
        self.repeated += same
        if trap is not None and trap.kind == "write":
            await trap.hang()
        if trap is not None and trap.kind == "read":
            self._hang_next_read = True
        return result

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Empty a slot (counting a clear of an empty one)."""
        empty = slot not in self.slots
        await super().async_clear(slot, held)
        self.repeated += empty

    async def async_read(self, slot: int) -> str | None:
        """Read a slot; after a "read" trap's write, the answer never comes."""
        if self._hang_next_read and self.trap is not None:
            self._hang_next_read = False
            self._exchange()
            await self.trap.hang()
        return await super().async_read(slot)


@dataclass(frozen=True)
class Restart:
    """One planned restart: from when, and how."""

    at: datetime
    kind: str


def plan_restarts(year: Year, count: int, seed: int) -> list[Restart]:
    """Return `count` restarts at seeded instants of the year (not its first or last day), kinds in turn."""
    rng = random.Random(f"{seed}-restarts")
    span = (year.end - year.start - timedelta(days=2)).total_seconds()
    instants = sorted(year.start + timedelta(days=1, seconds=rng.uniform(0, span)) for _ in range(count))
    return [Restart(at, RESTART_KINDS[index % len(RESTART_KINDS)]) for index, at in enumerate(instants)]


@dataclass
class Witness:
    """What every life told: guest_pins' events by kind and stay, and the host's phone's messages."""

    events: Counter[tuple[str, str, float]] = field(default_factory=Counter)
    inboxes: list[Inbox] = field(default_factory=list)

    def listen(self, hass: HomeAssistant, entry_id: str) -> None:
        """Count the property's reminders and checks in this life."""

        @callback
        def _heard(event: Event) -> None:
            """Count a reminder or a check before arrival, by stay and hours before check-in."""
            data = event.data
            if data.get("config_entry_id") != entry_id or data["type"] not in {"reminder", "arrival_check"}:
                return
            uid = booking_uid(data["reservation"])
            self.events[data["type"], uid, round(float(data.get("hours_before", 0)), 2)] += 1

        hass.bus.async_listen("guest_pins_event", _heard)

    def key_messages(self, codes: set[str]) -> Counter[str]:
        """Return each message that told a code, with how often it arrived (alerts tell none)."""
        return Counter(
            text
            for inbox in self.inboxes
            for text in inbox.texts
            if any(code in codes for code in re.findall(r"\b\d{4,8}\b", text))
        )


def expected_moments(
    year: Year, checks: tuple[float, ...], reminders: tuple[float, ...], known_after: timedelta
) -> set[tuple[str, str, float]]:
    """Return the reminders and checks each stay of the year must get once.

    Those whose instant comes after guest_pins knew the booking (`known_after` its booking: the replay's
    sync after a feed change, and the step's second) and that fall inside the year.
    """
    wanted: set[tuple[str, str, float]] = set()
    for booking in year.stays():
        checkin = local(booking.final_dates[0], CHECKIN)
        for kind, hours in (*(("reminder", h) for h in reminders), *(("arrival_check", h) for h in checks)):
            when = checkin - timedelta(hours=hours)
            if booking.booked_at + known_after < when and year.start + timedelta(minutes=1) < when < year.end:
                wanted.add((kind, booking.uid, round(hours, 2)))
    return wanted


def copy_entry(first: MockConfigEntry) -> MockConfigEntry:
    """Return the property's entry as the next life reads it from its configuration: same ids, same data."""
    return MockConfigEntry(
        domain=first.domain,
        entry_id=first.entry_id,
        title=first.title,
        data=dict(first.data),
        options=dict(first.options),
        subentries_data=[
            ConfigSubentryData(
                data=dict(subentry.data),
                subentry_id=subentry.subentry_id,  # type: ignore[typeddict-unknown-key]
                subentry_type=subentry.subentry_type,
                title=subentry.title,
                unique_id=subentry.unique_id,
            )
            for subentry in first.subentries.values()
        ],
    )


@asynccontextmanager
async def home_assistant(config_dir: str) -> AsyncGenerator[HomeAssistant]:
    """Yield a new Home Assistant on the shared storage, with custom integrations loadable."""
    async with async_test_home_assistant(config_dir=config_dir) as hass:
        hass.data.pop(loader.DATA_CUSTOM_COMPONENTS, None)
        yield hass


async def settle(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, instant: datetime, traps: list[Trap]
) -> bool:
    """Move the clock to an instant and let what fell due run; return True when a trap sprang meanwhile.

    A sprung trap hangs a task for good, so waiting for all of them would never end: the replay stops Home
    Assistant instead, which ends them.
    """
    freezer.move_to(instant)
    async_fire_time_changed(hass, instant)
    waiting = asyncio.ensure_future(hass.async_block_till_done(wait_background_tasks=True))
    # Also a trap that sprang as the clock moved (a task that starts eagerly): its wait ends at once.
    sprung = [asyncio.ensure_future(trap.fired.wait()) for trap in traps]
    await asyncio.wait({waiting, *sprung}, return_when=asyncio.FIRST_COMPLETED)
    for future in sprung:
        future.cancel()
    if waiting.done():
        waiting.result()
        return any(trap.fired.is_set() for trap in traps)
    waiting.cancel()
    with suppress(asyncio.CancelledError):
        await waiting
    return True


async def stop(hass: HomeAssistant, *, cut_final_write: bool) -> None:
    """Stop Home Assistant for real; with `cut_final_write`, the store's final write dies half way.

    The harness keeps stores in memory: a write that dies is one that never replaces the stored copy, as
    an atomic write cut short by a crash leaves the previous file in place.
    """
    original = storage.Store._async_write_data

    async def cut(store: storage.Store[Any], data: dict[str, Any]) -> None:
        """Die before the guest_pins store's copy is replaced; others write as usual."""
        if store.key.startswith("guest_pins.") and ".feed." not in store.key:
            lost = "power lost while writing"
            raise WriteError(lost)
        await original(store, data)

    if cut_final_write:
        with patch.object(storage.Store, "_async_write_data", cut):
            await hass.async_stop()
    else:
        await hass.async_stop()
    # The stopped instance shuts run_callback_threadsafe on the shared loop; the next life needs it.
    with suppress(AttributeError):
        delattr(hass.loop, _SHUTDOWN_RUN_CALLBACK_THREADSAFE)
    # A process that stopped keeps no timer and runs nothing more: on this shared loop its leftovers would
    # (the next life's clock would fire the old manager's wake-up).
    for handle in get_scheduled_timer_handles(hass.loop):
        handle.cancel()
    current = asyncio.current_task()
    leftovers = [task for task in asyncio.all_tasks() if task is not current]
    for task in leftovers:
        task.cancel()
    await asyncio.gather(*leftovers, return_exceptions=True)


def view_mismatches(held: dict[int, SlotCode], lock: SimulatedLock) -> int:
    """Return the slots whose code guest_pins believes differs from what the lock really holds."""
    believed = {slot: content.code for slot, content in held.items()}
    real = {slot: content.code for slot, content in lock.slots.items()}
    return sum(believed.get(slot) != real.get(slot) for slot in believed.keys() | real.keys())


def late_while_up(lock: SimulatedLock, windows: list[Window], downtimes: list[Interval]) -> tuple[int, int]:
    """Return the windows whose code still opened the door a minute after their end: with all up, and not.

    The first count is with the lock and Home Assistant up; the second while Home Assistant was down
    (restarting), when nobody could take a code away. A lock out of reach at that minute (B1's outages)
    is counted in B1's own column, not here.
    """
    up = down = 0
    for window in windows:
        after = window.span.end + timedelta(minutes=1)
        lingering = lock.usable_until(window.code, window.span.end, timedelta(days=2))
        if lingering <= timedelta(minutes=1) or lock.is_offline(after):
            continue
        if any(downtime.start <= after and window.span.end < downtime.end for downtime in downtimes):
            down += 1
        else:
            up += 1
    return up, down
