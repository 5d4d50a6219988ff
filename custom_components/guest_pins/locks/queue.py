"""The per-lock write queue: what a lock should still receive, and the writer that owns every write to it.

The queue holds the desired content of each slot that differs from what the lock holds, never a list of
commands, so coalescing is built in: a later desired state replaces the queued one, a set followed by a clear
before the flush leaves nothing, and an overwrite is one operation instead of clear + set. Each slot carries
a deadline: now for urgent changes (a guest who would be locked out, a code that must go, a change the clock
made due), else the end of the batching window, so changes made within it leave in one lock communication
(FR-019/FR-020). While the lock is known to be awake (it just reported), changes leave at once.

The writer flushes the whole queue in one communication once any slot is due: in an order the lock accepts,
verified by reading back where the path can, each slot retried on its own with exponential back-off (so one
failing slot neither blocks the others nor causes more than a bounded number of transactions per hour) and
reported after its last quick retry. Time comes from the clock it is given; nothing here knows Home Assistant.
"""

import asyncio
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from ..core.model import SlotCode
from ..core.reconciler import Operation, reconcile
from .base import LockPath, LockPathError

DEFAULT_BATCH_WINDOW = timedelta(seconds=30)
# Back-off of one failing slot: 5, 10, 20, 40 s ... never longer than an hour. Short at first: a code due at a
# window's start leaves 30 s early, so two lost writes still leave a third try before the window opens.
RETRY_BASE = timedelta(seconds=5)
RETRY_MAX = timedelta(hours=1)
# Failures of one slot before the host hears of it (write_failed and a repair); retries go on after that.
RETRIES_BEFORE_REPORT = 5
# A lock that reported this recently is taken to be awake: what is queued for it leaves at once.
AWAKE_FOR = timedelta(seconds=10)
# The owner of a code a lock holds that guest_pins did not put there.
FOREIGN = "foreign"


def backoff(attempts: int) -> timedelta:
    """Return how long a slot waits after its `attempts`-th failed write."""
    doubled: timedelta = RETRY_BASE * 2 ** min(attempts - 1, 20)
    return min(RETRY_MAX, doubled)


@dataclass(frozen=True, slots=True)
class Queued:
    """What one slot should hold (None: empty), by when it must be written, and its failed attempts."""

    content: SlotCode | None
    deadline: datetime
    attempts: int = 0
    retry_at: datetime | None = None
    reported: bool = False


@dataclass
class WriteQueue:
    """The queued slot contents of one lock."""

    window: timedelta = DEFAULT_BATCH_WINDOW
    slots: dict[int, Queued] = field(default_factory=dict)

    def __len__(self) -> int:
        """Return how many slots still need a write."""
        return len(self.slots)

    def update(
        self,
        desired: Mapping[int, SlotCode],
        held: Mapping[int, SlotCode],
        now: datetime,
        urgent: Collection[int] = (),
        deferred: Mapping[int, datetime] | None = None,
    ) -> None:
        """Queue exactly the slots where `desired` differs from `held`; an earlier deadline is kept.

        Urgent slots are due now, `deferred` ones at the instant given, the others at the end of the batching
        window. A slot queued with the same content keeps its failed attempts (its back-off holds); new
        content starts afresh.
        """
        deferred = deferred or {}
        queued: dict[int, Queued] = {}
        for slot in sorted(desired.keys() | held.keys()):
            want = desired.get(slot)
            if want == held.get(slot):
                continue  # already right, or changed back before the flush: nothing to send
            deadline = now if slot in urgent else deferred.get(slot, now + self.window)
            earlier = self.slots.get(slot)
            if earlier is None:
                queued[slot] = Queued(want, deadline)
            elif earlier.content == want:
                queued[slot] = replace(earlier, deadline=min(deadline, earlier.deadline))
            else:
                queued[slot] = Queued(want, min(deadline, earlier.deadline))
        self.slots = queued

    def due_at(self) -> datetime | None:
        """Return when the next flush must happen, or None when nothing waits.

        That is the earliest deadline of a slot not waiting out a back-off, or else the end of the earliest
        back-off.
        """
        return min(
            (
                max(queued.deadline, queued.retry_at) if queued.retry_at else queued.deadline
                for queued in self.slots.values()
            ),
            default=None,
        )

    def operations(
        self, held: Mapping[int, SlotCode], slots: Collection[int] | None = None
    ) -> list[Operation]:
        """Return the fewest lock-acceptable operations that deliver what is queued (for `slots`, or all)."""
        target = dict(held)
        for slot, queued in self.slots.items():
            if slots is not None and slot not in slots:
                continue
            if queued.content is None:
                target.pop(slot, None)
            else:
                target[slot] = queued.content
        return reconcile(held, target)

    def delivered(self, slot: int, content: SlotCode | None) -> None:
        """Forget a slot once the lock holds what was queued for it (a ring-breaking clear is not that)."""
        queued = self.slots.get(slot)
        if queued is not None and queued.content == content:
            del self.slots[slot]

    def failed(self, slot: int, now: datetime, *, permanent: bool) -> Queued:
        """Count a failed write of a slot and schedule its retry; return the slot's new state.

        A permanent refusal waits the longest back-off: repeating it cannot help until its content changes.
        """
        queued = self.slots[slot]
        attempts = queued.attempts + 1
        wait = RETRY_MAX if permanent else backoff(attempts)
        self.slots[slot] = replace(queued, attempts=attempts, retry_at=now + wait)
        return self.slots[slot]

    def mark_reported(self, slot: int) -> None:
        """Remember that the host was told about this slot's failures (told once, not at every retry)."""
        self.slots[slot] = replace(self.slots[slot], reported=True)

    @property
    def reported(self) -> bool:
        """Return whether a slot the host was told about still waits."""
        return any(queued.reported for queued in self.slots.values())

    def to_json(self, slot_to_json: Callable[[SlotCode], dict[str, Any]]) -> dict[str, Any]:
        """Return the queue in the store's JSON shape."""
        return {
            str(slot): {
                "content": slot_to_json(queued.content) if queued.content else None,
                "deadline": queued.deadline.isoformat(),
                "attempts": queued.attempts,
                "retry_at": queued.retry_at.isoformat() if queued.retry_at else None,
                "reported": queued.reported,
            }
            for slot, queued in self.slots.items()
        }

    @classmethod
    def from_json(
        cls, raw: Mapping[str, Any], slot_from_json: Callable[[dict[str, Any]], SlotCode], window: timedelta
    ) -> WriteQueue:
        """Return a queue from the store's JSON shape (attempts were added in store 1.4)."""
        return cls(
            window=window,
            slots={
                int(slot): Queued(
                    slot_from_json(item["content"]) if item["content"] else None,
                    datetime.fromisoformat(item["deadline"]),
                    item.get("attempts", 0),
                    datetime.fromisoformat(item["retry_at"]) if item.get("retry_at") else None,
                    item.get("reported", False),
                )
                for slot, item in raw.items()
            },
        )


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
    ) -> None:
        """Write through `path`; `held` is updated in place as the lock takes each operation."""
        self.path = path
        self.queue = queue
        self.held = held
        self.clock = clock
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
        ready = {
            slot
            for slot, queued in self.queue.slots.items()
            if force or queued.retry_at is None or queued.retry_at <= now
        }
        result = FlushResult()
        before = self.path.transactions
        for operation in self.queue.operations(self.held, ready):
            if operation.content is not None and any(
                content.code == operation.content.code
                for slot, content in self.held.items()
                if slot != operation.slot
            ):
                continue  # the code still sits in a slot whose change failed: the lock would refuse it
            previous = self.held.get(operation.slot)
            try:
                issued = await self._async_write(operation, previous)
            except LockPathError as err:
                result.failed.append(self._failed(operation, err))
                if not self.path.available():
                    break  # the lock went away: the rest waits until it is back
                continue
            if operation.content is None:
                self.held.pop(operation.slot, None)
            else:
                self.held[operation.slot] = operation.content
            self.queue.delivered(operation.slot, operation.content)
            result.delivered.append(Delivered(operation.slot, operation.content, previous, issued))
        result.transactions = self.path.transactions - before
        return result

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
            held = await self.path.async_read(operation.slot)
            # An invitation lock holds the guest's address; others the code (or one the lock issued).
            wanted = operation.content.contact if capabilities.invites else operation.content.code
            if held != (issued or wanted):
                msg = f"slot {operation.slot} reads back a different code"
                raise LockPathError(msg)
        return issued

    def _failed(self, operation: Operation, err: LockPathError) -> Failed:
        """Record a failed operation on its slot; say whether the host should hear of it now."""
        queued = self.queue.failed(operation.slot, self.clock(), permanent=err.permanent)
        report = not queued.reported and (err.permanent or queued.attempts >= RETRIES_BEFORE_REPORT)
        if report:
            self.queue.mark_reported(operation.slot)
        return Failed(operation.slot, operation.content, str(err), queued.attempts, report)
