"""The lock writer on its own: batching, back-off, bounds, order, offline hold, read-back, restarts.

Time is a clock the test moves; the lock is the in-memory path, which refuses duplicate codes like real
locks do and counts every transaction.
"""

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from custom_components.guest_pins.core.model import Interval, SlotCode
from custom_components.guest_pins.locks.base import Capabilities, LockPathError
from custom_components.guest_pins.locks.memory import InMemoryLockPath
from custom_components.guest_pins.locks.queue import RETRY_MAX, WriteQueue, backoff
from custom_components.guest_pins.locks.writer import AWAKE_FOR, RETRIES_BEFORE_REPORT, LockWriter
from custom_components.guest_pins.storage import slot_from_json, slot_to_json

START = datetime(2026, 12, 14, 12, tzinfo=UTC)
A, B, C = SlotCode("stay:a", "1111"), SlotCode("stay:b", "2222"), SlotCode("stay:c", "3333")


@dataclass
class Clock:
    """A clock the test moves by hand."""

    now: datetime = START

    def __call__(self) -> datetime:
        """Return the current instant."""
        return self.now

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward."""
        self.now += delta


@dataclass
class FlakyLock(InMemoryLockPath):
    """A lock that refuses every write to some slots, and may hold a different code than it was sent."""

    refuse: set[int] = field(default_factory=set)
    permanent: bool = False
    garble: set[int] = field(default_factory=set)

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Refuse, garble or store the code."""
        if slot in self.refuse:
            self._transaction()
            msg = f"slot {slot} refused"
            raise LockPathError(msg, permanent=self.permanent)
        await super().async_set(slot, content, held)
        if slot in self.garble:
            self.slots[slot] = SlotCode(content.owner, "0000")
        return None


def writer_for(lock: InMemoryLockPath, clock: Clock, held: dict[int, SlotCode] | None = None) -> LockWriter:
    """Return a writer for a lock, starting from what it holds."""
    return LockWriter(lock, WriteQueue(), held if held is not None else {}, clock)


async def test_changes_wait_for_the_batching_window_then_leave_together() -> None:
    """Three changes within 30 s: nothing leaves before the first one's window ends, then all in one go."""
    clock, lock = Clock(), FlakyLock(capabilities=Capabilities(slot_count=10))
    writer = writer_for(lock, clock)
    writer.update({1: A})
    clock.advance(timedelta(seconds=10))
    writer.update({1: A, 2: B})
    assert (await writer.flush()).transactions == 0
    clock.advance(timedelta(seconds=20))
    result = await writer.flush()
    assert [(item.slot, item.content) for item in result.delivered] == [(1, A), (2, B)]
    assert result.transactions == 2
    assert result.communicated
    assert writer.next_flush() is None


async def test_a_reporting_lock_takes_changes_at_once() -> None:
    """While a lock is awake (it just reported), a change is due at once; later it waits again."""
    clock, lock = Clock(), FlakyLock(capabilities=Capabilities(slot_count=10))
    writer = writer_for(lock, clock)
    writer.mark_awake()
    writer.update({1: A})
    assert writer.next_flush() == START
    assert [item.slot for item in (await writer.flush()).delivered] == [1]
    clock.advance(AWAKE_FOR)
    writer.update({1: A, 2: B})
    assert writer.next_flush() == clock.now + timedelta(seconds=30)


async def test_one_failing_slot_backs_off_alone_and_is_reported_once() -> None:
    """Slot 2 fails: 5, 10, 20, 40 s back-off, reported at the 5th failure; slot 1 is delivered."""
    clock, lock = Clock(), FlakyLock(capabilities=Capabilities(slot_count=10), refuse={2})
    writer = writer_for(lock, clock)
    writer.update({1: A, 2: B}, urgent={1, 2})
    first = await writer.flush()
    assert [item.slot for item in first.delivered] == [1]
    assert [(failed.slot, failed.attempts, failed.report) for failed in first.failed] == [(2, 1, False)]
    reports = []
    for attempt in range(2, RETRIES_BEFORE_REPORT + 3):
        wait = backoff(attempt - 1)
        clock.advance(wait - timedelta(seconds=1))
        assert (await writer.flush()).transactions == 0, "retried before its back-off ended"
        clock.advance(timedelta(seconds=1))
        result = await writer.flush()
        assert [failed.attempts for failed in result.failed] == [attempt]
        reports += [failed.attempts for failed in result.failed if failed.report]
    assert reports == [RETRIES_BEFORE_REPORT]
    assert [backoff(n).total_seconds() for n in range(1, 6)] == [5, 10, 20, 40, 80]
    assert backoff(30) == RETRY_MAX
    assert writer.queue.reported


async def test_a_failing_slot_costs_a_bounded_number_of_transactions_per_hour() -> None:
    """Even on a lock that reports every 10 s (so it is always awake), one failing slot stays bounded."""
    clock, lock = Clock(), FlakyLock(capabilities=Capabilities(slot_count=10, read_back=True), refuse={2})
    writer = writer_for(lock, clock)
    writer.update({2: B}, urgent={2})
    for hour in range(3):
        before = lock.transactions
        for _ in range(360):
            writer.mark_awake()
            await writer.flush()
            clock.advance(timedelta(seconds=10))
        spent = lock.transactions - before
        # Attempts at 0, 5, 15, 35, 75, 155, 315, 635, 1275 and 2555 s, then hourly.
        assert spent <= (10 if hour == 0 else 1), f"hour {hour}: {spent} transactions"


async def test_a_code_still_held_elsewhere_waits_for_its_clear() -> None:
    """Moving code 1111 from slot 1 to slot 2 while slot 1's clear fails: slot 2 is not written yet."""
    clock = Clock()
    lock = FlakyLock(capabilities=Capabilities(slot_count=10), slots={1: A})
    writer = writer_for(lock, clock, {1: A})

    async def refuse_clear(slot: int, held: SlotCode | None) -> None:
        """Refuse every clear of slot 1, as a lock out of reach would."""
        lock.transactions += 1
        raise LockPathError("no answer")

    lock.async_clear = refuse_clear  # type: ignore[method-assign]
    moved = SlotCode("stay:a", "1111")
    writer.update({2: moved}, urgent={1, 2})
    result = await writer.flush()
    assert [failed.slot for failed in result.failed] == [1]
    assert result.delivered == []
    assert lock.slots == {1: A}, "the lock would have refused 1111 in slot 2"
    assert len(writer.queue) == 2


async def test_an_offline_lock_holds_everything_and_gets_it_in_order_when_back() -> None:
    """Nothing is sent while the lock is away; when back, the swap is delivered in an order it accepts."""
    clock = Clock()
    lock = FlakyLock(capabilities=Capabilities(slot_count=10), slots={1: A, 2: B}, online=False)
    writer = writer_for(lock, clock, {1: A, 2: B})
    writer.update({1: B, 2: A, 3: C}, urgent={1, 2, 3})
    held_back = await writer.flush()
    assert held_back.held_back
    assert lock.transactions == 0
    lock.online = True
    result = await writer.flush()
    assert result.failed == []
    assert {slot: content.code for slot, content in lock.slots.items()} == {1: "2222", 2: "1111", 3: "3333"}
    # A swap is a ring: one slot is cleared first, then both written; the third slot is one set.
    assert result.transactions == 4


async def test_a_read_back_that_differs_is_a_failure_and_is_retried() -> None:
    """A lock that reads back another code has not taken the write: it stays queued and backs off."""
    clock = Clock()
    lock = FlakyLock(capabilities=Capabilities(slot_count=10, read_back=True), garble={1})
    writer = writer_for(lock, clock)
    writer.update({1: A}, urgent={1})
    result = await writer.flush()
    assert [failed.reason for failed in result.failed] == ["slot 1 reads back a different code"]
    assert result.transactions == 2  # the write and the read
    lock.garble.clear()
    clock.advance(backoff(1))
    assert [item.slot for item in (await writer.flush()).delivered] == [1]


async def test_confirmed_writes_are_not_read_back() -> None:
    """A lock that confirms each write itself costs one transaction per write, not two."""
    clock = Clock()
    lock = FlakyLock(capabilities=Capabilities(slot_count=10, read_back=True, confirmed_writes=True))
    writer = writer_for(lock, clock)
    writer.update({1: A}, urgent={1})
    assert (await writer.flush()).transactions == 1


async def test_a_permanent_refusal_is_reported_at_once_and_retried_hourly() -> None:
    """A refusal retrying cannot cure is reported at the first failure and not hammered."""
    clock = Clock()
    lock = FlakyLock(capabilities=Capabilities(slot_count=10), refuse={1}, permanent=True)
    writer = writer_for(lock, clock)
    writer.update({1: A}, urgent={1})
    (failed,) = (await writer.flush()).failed
    assert failed.report
    assert writer.next_flush() == START + RETRY_MAX
    writer.update({1: B}, urgent={1})  # new content starts afresh
    assert writer.next_flush() == START


async def test_force_ignores_back_off_and_deadlines() -> None:
    """The host's "apply now" sends what waits, back-off or not."""
    clock = Clock()
    lock = FlakyLock(capabilities=Capabilities(slot_count=10), refuse={1})
    writer = writer_for(lock, clock)
    writer.update({1: A}, urgent={1})
    await writer.flush()
    lock.refuse.clear()
    assert (await writer.flush()).transactions == 0
    assert [item.slot for item in (await writer.flush(force=True)).delivered] == [1]


async def test_a_restart_mid_queue_loses_and_repeats_nothing() -> None:
    """The queue (with its back-off) goes through the store's JSON and on; each write happens once."""
    clock = Clock()
    lock = FlakyLock(capabilities=Capabilities(slot_count=10), refuse={2})
    held: dict[int, SlotCode] = {}
    window = Interval(START, START + timedelta(days=2))
    writer = writer_for(lock, clock, held)
    writer.update({1: SlotCode("stay:a", "1111", native_window=window), 2: B}, urgent={1, 2})
    await writer.flush()
    stored = writer.queue.to_json(slot_to_json)
    assert set(stored) == {"2"}
    restored = WriteQueue.from_json(stored, slot_from_json, timedelta(seconds=30))
    assert restored.slots == writer.queue.slots
    lock.refuse.clear()
    again = LockWriter(lock, restored, held, clock)
    assert (await again.flush()).transactions == 0  # its back-off survived the restart
    clock.advance(backoff(1))
    result = await again.flush()
    assert [item.slot for item in result.delivered] == [2]
    assert lock.transactions == 3  # slot 1 once, slot 2's failure, slot 2 once


@dataclass
class CutShortLock(FlakyLock):
    """A lock whose answer to one write never comes: Home Assistant stops while the radio is out."""

    cut_after_taking: bool = True
    cut: set[int] = field(default_factory=set)
    sets: list[int] = field(default_factory=list)

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Take the code (or not), then never answer for a slot in `cut` (the task is cancelled)."""
        if slot in self.cut:
            self.cut.discard(slot)
            if self.cut_after_taking:
                await super().async_set(slot, content, held)
            raise asyncio.CancelledError
        self.sets.append(slot)
        return await super().async_set(slot, content, held)


@pytest.mark.parametrize("lock_took_it", [True, False])
async def test_a_write_cut_short_by_a_stop_is_read_back_not_sent_again(lock_took_it: bool) -> None:
    """Stopped while slot 1's write was out: the next start reads slot 1 back before anything else.

    The journal kept the write as in flight before it went. A lock that took it is not written again; one
    that did not gets it once. Slot 2, never sent, goes normally.
    """
    clock = Clock()
    capabilities = Capabilities(slot_count=10, read_back=True, confirmed_writes=True)
    lock = CutShortLock(capabilities=capabilities, cut={1}, cut_after_taking=lock_took_it)
    held: dict[int, SlotCode] = {}
    writer = writer_for(lock, clock, held)
    journaled: list[dict[int, SlotCode | None]] = []

    async def journal() -> None:
        """Keep a copy of what is in flight, as the store would."""
        journaled.append(dict(writer.in_flight))

    writer.journal = journal
    writer.update({1: A, 2: B}, urgent={1, 2})
    with pytest.raises(asyncio.CancelledError):
        await writer.flush()
    assert journaled == [{1: A, 2: B}]
    assert writer.in_flight == {1: A, 2: B}  # as the stop's final write keeps it
    stored = writer.queue.to_json(slot_to_json)

    restarted = LockWriter(
        lock,
        WriteQueue.from_json(stored, slot_from_json, timedelta(seconds=30)),
        held,
        clock,
        dict(journaled[0]),
    )
    restarted.update({1: A, 2: B}, urgent={1, 2})
    result = await restarted.flush()
    assert restarted.in_flight == {}
    assert {slot: content.code for slot, content in lock.slots.items()} == {1: "1111", 2: "2222"}
    assert lock.sets == [2] if lock_took_it else [1, 2]
    assert [item.slot for item in result.delivered] == [1, 2]
    assert len(restarted.queue) == 0


async def test_nothing_goes_when_the_journal_cannot_keep_it() -> None:
    """The store could not write what is about to go: nothing is sent, and it is tried again later."""
    clock, lock = Clock(), FlakyLock(capabilities=Capabilities(slot_count=10))
    writer = writer_for(lock, clock)

    async def full_disk() -> None:
        """Fail as a store on a full disk does."""
        raise OSError("no space left on device")

    writer.journal = full_disk
    writer.update({1: A}, urgent={1})
    result = await writer.flush()
    assert (result.delivered, lock.transactions, writer.in_flight) == ([], 0, {})
    assert len(writer.queue) == 1


@dataclass
class DeafAfterWriteLock(FlakyLock):
    """A lock that takes a write but does not answer the read-back that follows it, once."""

    deaf: bool = True
    sets: int = 0

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Take the code (counting the write)."""
        self.sets += 1
        return await super().async_set(slot, content, held)

    async def async_read(self, slot: int) -> str | None:
        """Fail the first read-back, as a lost answer does."""
        if self.deaf:
            self.deaf = False
            self._transaction()
            msg = "no answer"
            raise LockPathError(msg)
        return await super().async_read(slot)


async def test_a_write_whose_read_back_went_unanswered_is_read_again_not_written_again() -> None:
    """The lock took the code but its read-back was lost: the retry reads the slot, and writes nothing."""
    clock = Clock()
    lock = DeafAfterWriteLock(capabilities=Capabilities(slot_count=10, read_back=True))
    writer = writer_for(lock, clock)
    writer.update({1: A}, urgent={1})
    first = await writer.flush()
    assert [failed.slot for failed in first.failed] == [1]
    assert writer.in_flight == {1: A}  # sent, outcome unknown
    clock.advance(backoff(1))
    second = await writer.flush()
    assert [item.slot for item in second.delivered] == [1]
    assert (lock.sets, second.transactions, writer.in_flight, len(writer.queue)) == (1, 1, {}, 0)


async def test_writes_noted_ahead_for_a_whole_pass_are_not_kept_again_nor_read_back() -> None:
    """A property notes every lock's writes and keeps them once; each flush then sends without keeping."""
    clock, lock = Clock(), FlakyLock(capabilities=Capabilities(slot_count=10, read_back=True))
    writer = writer_for(lock, clock)
    kept: list[dict[int, SlotCode | None]] = []

    async def journal() -> None:
        """Count what a flush itself keeps."""
        kept.append(dict(writer.in_flight))

    writer.journal = journal
    writer.update({1: A, 2: B}, urgent={1, 2})
    assert writer.note_due()
    assert writer.in_flight == {1: A, 2: B}
    assert not writer.note_due()  # nothing new
    result = await writer.flush()
    assert kept == []
    assert [item.slot for item in result.delivered] == [1, 2]
    assert (writer.in_flight, result.transactions) == ({}, 4)  # two writes, two read-backs: no extra read
