"""The per-lock write queue: what a lock should still receive, slot by slot, and by when.

The queue holds the desired content of each slot that differs from what the lock holds, never a list of
commands, so coalescing is built in: a later desired state replaces the queued one, a set followed by a clear
before the flush leaves nothing, and an overwrite is one operation instead of clear + set. Each slot carries
a deadline: now for urgent changes (a guest who would be locked out, a code that must go, a change the clock
made due), else the end of the batching window, so changes made within it leave in one lock communication
(FR-019/FR-020). Its writer (`writer.py`) delivers it. Nothing here knows Home Assistant.
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from ..core.model import SlotCode
from ..core.reconciler import Operation, reconcile

DEFAULT_BATCH_WINDOW = timedelta(seconds=30)
# Back-off of one failing slot: 5, 10, 20, 40 s ... never longer than an hour. Short at first: a code due at a
# window's start leaves 30 s early, so two lost writes still leave a third try before the window opens.
RETRY_BASE = timedelta(seconds=5)
RETRY_MAX = timedelta(hours=1)


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

    def ready(self, now: datetime, *, force: bool = False) -> set[int]:
        """Return the slots that may go now: not waiting out a back-off (`force`: all of them)."""
        return {
            slot
            for slot, queued in self.slots.items()
            if force or queued.retry_at is None or queued.retry_at <= now
        }

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
