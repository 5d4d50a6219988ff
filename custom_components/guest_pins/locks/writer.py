"""The writer that owns every write to one lock: it delivers the lock's queue (`queue.py`).

It flushes the whole queue in one communication once any slot is due: in an order the lock accepts,
verified by reading back where the path can, each slot retried on its own with exponential back-off (so one
failing slot neither blocks the others nor causes more than a bounded number of transactions per hour) and
reported after its last quick retry. Time comes from the clock it is given; nothing here knows Home Assistant.

A write cut short (Home Assistant stopped while the radio was out) leaves the writer unsure whether the lock
took it. So before anything is sent, what is about to go is noted as in flight and the journal callback keeps
it (the property's store); the next flush, in this run or the next, first reads those slots back and keeps
what the lock answers, so such a write is neither lost nor sent twice.
"""

import asyncio
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..core.model import SlotCode
from ..core.reconciler import Operation
from .base import LockPath, LockPathError
from .queue import WriteQueue

# Failures of one slot before the host hears of it (write_failed and a repair); retries go on after that.
RETRIES_BEFORE_REPORT = 5
# A lock that reported this recently is taken to be awake: what is queued for it leaves at once.
AWAKE_FOR = timedelta(seconds=10)
# The owner of a code a lock holds that guest_pins did not put there.
FOREIGN = "foreign"


# What `in_flight` answers for a slot with nothing in flight (None there means a clear in flight).
_ABSENT = object()


class _UnreadError(LockPathError):
    """The lock took a write, but reading it back went unanswered: what the slot holds is not known."""


async def _nothing_to_keep() -> None:
    """Keep nothing (a writer without a store: the tests' and the benchmarks' own)."""


@dataclass(frozen=True, slots=True)
class Delivered:
    """One operation the lock took: the slot, what it holds now (None: empty) and what it held before.

    `issued` is the code the lock holds when it differs from the one asked for (a cloud-issued code).
    """

    slot: int
    content: SlotCode | None
    previous: SlotCode | None
    issued: str | None = None


@dataclass(frozen=True, slots=True)
class Failed:
    """One operation the lock did not take; `report` is set once, when the host should be told."""

    slot: int
    content: SlotCode | None
    reason: str
    attempts: int
    report: bool


@dataclass
class FlushResult:
    """What one flush did: operations delivered and failed, and the lock transactions it cost."""

    delivered: list[Delivered] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    transactions: int = 0
    held_back: bool = False

    @property
    def communicated(self) -> bool:
        """Return whether the lock was talked to (one wake-up, however many transactions)."""
        return self.transactions > 0


class LockWriter:
    """Owns every write to one lock: its queue, what it holds, its back-offs and when it is awake."""

    def __init__(
        self,
        path: LockPath,
        queue: WriteQueue,
        held: dict[int, SlotCode],
        clock: Callable[[], datetime],
        in_flight: dict[int, SlotCode | None] | None = None,
    ) -> None:
        """Write through `path`; `held` and `in_flight` are updated in place as the lock takes each operation.

        `in_flight` holds what was sent to a slot without an answer yet (None: a clear), as the store kept it.
        """
        self.path = path
        self.queue = queue
        self.held = held
        self.clock = clock
        self.in_flight: dict[int, SlotCode | None] = {} if in_flight is None else in_flight
        # Keeps `in_flight` where a restart finds it, before anything is sent; raises when it cannot.
        self.journal: Callable[[], Awaitable[None]] = _nothing_to_keep
        # Slots noted in flight by `note_due` in this run and not yet sent: nothing to read back there.
        self._noted: set[int] = set()
        self.awake_until: datetime | None = None
        # One flush at a time: a report that arrives mid-flush must not send the same operations again.
        self._flushing = asyncio.Lock()

    def mark_awake(self) -> None:
        """Note that the lock just reported: for a while, changes leave at once."""
        self.awake_until = self.clock() + AWAKE_FOR

    def awake(self) -> bool:
        """Return whether the lock reported recently enough to be taken as awake."""
        return self.awake_until is not None and self.clock() < self.awake_until

    def update(
        self,
        desired: Mapping[int, SlotCode],
        urgent: Collection[int] = (),
        deferred: Mapping[int, datetime] | None = None,
    ) -> None:
        """Queue what the lock should hold; everything is urgent while the lock is awake."""
        everything = desired.keys() | self.held.keys()
        self.queue.update(desired, self.held, self.clock(), everything if self.awake() else urgent, deferred)

    def note_due(self) -> bool:
        """Note as in flight what a flush now would send; return whether anything new is to be kept.

        A property flushing many locks in one pass keeps them all with one journal write (its caller's)
        instead of one per lock: the flush then finds its operations already kept.
        """
        now = self.clock()
        due = self.queue.due_at()
        if due is None or not self.path.available() or not (self.awake() or due <= now):
            return False
        operations = self.queue.operations(self.held, self.queue.ready(now))
        fresh = {
            op.slot: op.content for op in operations if self.in_flight.get(op.slot, _ABSENT) != op.content
        }
        self.in_flight.update(fresh)
        self._noted.update(fresh)
        return bool(fresh)

    def next_flush(self) -> datetime | None:
        """Return when a flush is due (None: nothing waits)."""
        return self.queue.due_at()

    async def flush(self, *, force: bool = False) -> FlushResult:
        """Deliver the queue in one communication once a slot is due, the lock is awake or `force` is given.

        Everything queued goes, except slots waiting out a back-off (`force`, the host's "apply now",
        ignores those too). Nothing is sent while the lock cannot be reached.
        """
        async with self._flushing:
            return await self._async_flush(force=force)

    async def _async_flush(self, *, force: bool) -> FlushResult:
        """Flush while holding the writer's lock (see `flush`)."""
        now = self.clock()
        due = self.queue.due_at()
        if due is None:
            return FlushResult()
        if not self.path.available():
            return FlushResult(held_back=True)
        if not (force or self.awake() or due <= now):
            return FlushResult()
        result = FlushResult()
        before = self.path.transactions
        try:
            if await self._async_settle_in_flight(result):
                await self._async_send(result, now, force=force)
        finally:
            result.transactions = self.path.transactions - before
        # Noted but not sent after all (the flush saw it otherwise): no longer in flight.
        for slot in self._noted:
            self.in_flight.pop(slot, None)
        self._noted.clear()
        return result

    async def _async_send(self, result: FlushResult, now: datetime, *, force: bool) -> None:
        """Send what is ready, each slot noted as in flight (and kept) before anything goes."""
        operations = self.queue.operations(self.held, self.queue.ready(now, force=force))
        if not operations:
            return
        # A slot may take two operations (a ring of swapped codes is broken by a clear): it is in flight
        # with what its last one sends, until that one is answered.
        last = {operation.slot: index for index, operation in enumerate(operations)}
        if not await self._async_note_in_flight(operations):
            return
        for index, operation in enumerate(operations):
            reachable, answered = await self._async_send_one(operation, result)
            self._noted.discard(operation.slot)  # sent: from here on, only a read-back tells what it holds
            # Answered (or never sent): no longer in flight. A stop while it is out leaves it there, and so
            # does a read-back that went unanswered: the next flush reads the slot before writing it again.
            if last[operation.slot] == index and answered:
                self.in_flight.pop(operation.slot, None)
            if not reachable:
                # The lock went away: the rest waits until it is back (and was never sent).
                for rest in operations[index + 1 :]:
                    self.in_flight.pop(rest.slot, None)
                break

    async def _async_send_one(self, operation: Operation, result: FlushResult) -> tuple[bool, bool]:
        """Send one operation and note its outcome.

        Return whether the lock is still reachable, and whether what the slot holds is known (False: the
        lock took the write but its read-back went unanswered).
        """
        if self._refused(operation):
            return True, True
        previous = self.held.get(operation.slot)
        try:
            issued = await self._async_write(operation, previous)
        except LockPathError as err:
            result.failed.append(self._failed(operation, err))
            return self.path.available(), not isinstance(err, _UnreadError)
        self._took(operation.slot, operation.content)
        result.delivered.append(Delivered(operation.slot, operation.content, previous, issued))
        return True, True

    async def _async_note_in_flight(self, operations: list[Operation]) -> bool:
        """Note the operations as in flight and have the journal keep them; return whether it did."""
        if all(self.in_flight.get(op.slot, _ABSENT) == op.content for op in operations):
            return True  # noted and kept already (`note_due`)
        self.in_flight.update({operation.slot: operation.content for operation in operations})
        try:
            await self.journal()
        except Exception:  # noqa: BLE001 - whatever kept the store from writing, nothing may go unnoted
            for operation in operations:
                self.in_flight.pop(operation.slot, None)
            return False
        return True

    def _refused(self, operation: Operation) -> bool:
        """Return whether the lock would refuse a code that still sits in a slot whose change failed."""
        return operation.content is not None and any(
            content.code == operation.content.code
            for slot, content in self.held.items()
            if slot != operation.slot
        )

    def _took(self, slot: int, content: SlotCode | None) -> None:
        """Note that the lock holds `content` in a slot now (None: empty)."""
        if content is None:
            self.held.pop(slot, None)
        else:
            self.held[slot] = content
        self.queue.delivered(slot, content)

    async def _async_settle_in_flight(self, result: FlushResult) -> bool:
        """Read back the slots a cut-short flush left in flight and keep what the lock holds there.

        Return whether the flush may go on (False: the lock stopped answering). A path that cannot read
        back cannot tell: its queue sends the slot again, the one case a write may repeat.
        """
        for slot, sent in [(slot, sent) for slot, sent in self.in_flight.items() if slot not in self._noted]:
            if not self.path.capabilities.read_back:
                del self.in_flight[slot]
                continue
            try:
                answer = await self.path.async_read(slot)
            except LockPathError:
                return False
            del self.in_flight[slot]
            previous = self.held.get(slot)
            if answer == (None if sent is None else self._reads_as(sent)):
                self._took(slot, sent)
                result.delivered.append(Delivered(slot, sent, previous))
            elif answer is None:
                self.held.pop(slot, None)
            elif previous is None or answer != previous.code:
                self.held[slot] = SlotCode(FOREIGN, answer)  # neither: the next flush puts it right
        return True

    async def clear_now(self, slot: int) -> FlushResult:
        """Empty a slot the plan does not hold (a code set at the keypad) now, and read back what it holds.

        What the lock then reports is what the writer keeps for the slot: nothing, or a code it still holds
        (owner `FOREIGN`), which the next flush clears again. Nothing is sent while the lock is out of reach.
        """
        async with self._flushing:
            if not self.path.available():
                return FlushResult(held_back=True)
            result = FlushResult()
            before = self.path.transactions
            previous = self.held.get(slot)
            try:
                await self.path.async_clear(slot, previous)
                still = await self.path.async_read(slot) if self.path.capabilities.read_back else None
            except LockPathError as err:
                result.failed.append(Failed(slot, None, str(err), 1, report=False))
            else:
                if still is None:
                    self.held.pop(slot, None)
                    result.delivered.append(Delivered(slot, None, previous))
                else:
                    self.held[slot] = SlotCode(FOREIGN, still)
                    reason = f"slot {slot} still holds a code after the clear"
                    result.failed.append(Failed(slot, None, reason, 1, report=False))
            result.transactions = self.path.transactions - before
            return result

    async def _async_write(self, operation: Operation, previous: SlotCode | None) -> str | None:
        """Carry out one operation, reading it back where the path can and the lock did not confirm it."""
        if operation.content is None:
            await self.path.async_clear(operation.slot, previous)
            return None
        issued = await self.path.async_set(operation.slot, operation.content, previous)
        capabilities = self.path.capabilities
        if capabilities.read_back and not capabilities.confirmed_writes:
            try:
                held = await self.path.async_read(operation.slot)
            except LockPathError as err:
                raise _UnreadError(str(err)) from err
            if held != (issued or self._reads_as(operation.content)):
                msg = f"slot {operation.slot} reads back a different code"
                raise LockPathError(msg)
        return issued

    def _reads_as(self, content: SlotCode) -> str | None:
        """Return what reading a slot shows when it holds `content` (unless the lock issued its own code).

        An invitation lock holds the guest's address; others the code.
        """
        return content.contact if self.path.capabilities.invites else content.code

    def _failed(self, operation: Operation, err: LockPathError) -> Failed:
        """Record a failed operation on its slot; say whether the host should hear of it now."""
        queued = self.queue.failed(operation.slot, self.clock(), permanent=err.permanent)
        report = not queued.reported and (err.permanent or queued.attempts >= RETRIES_BEFORE_REPORT)
        if report:
            self.queue.mark_reported(operation.slot)
        return Failed(operation.slot, operation.content, str(err), queued.attempts, report)
