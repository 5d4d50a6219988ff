"""The per-lock write queue: what a lock should still receive, coalesced per slot, and when it must leave.

The queue holds the desired content of each slot that differs from what the lock holds, never a list of
commands, so coalescing is built in: a later desired state replaces the queued one, a set followed by a clear
before the flush leaves nothing, and an overwrite is one operation instead of clear + set. Each slot carries
a deadline: now for urgent changes (a guest who would be locked out, a code that must go), else the end of
the batching window, so changes made within it leave in one lock communication (FR-019/FR-020).
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ..core.model import SlotCode
from ..core.reconciler import Operation, reconcile

DEFAULT_BATCH_WINDOW = timedelta(seconds=30)


@dataclass(frozen=True, slots=True)
class Queued:
    """What one slot should hold (None: empty) and by when it must be written."""

    content: SlotCode | None
    deadline: datetime


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
    ) -> None:
        """Queue exactly the slots where `desired` differs from `held`; an earlier deadline is kept."""
        queued: dict[int, Queued] = {}
        for slot in sorted(desired.keys() | held.keys()):
            want = desired.get(slot)
            if want == held.get(slot):
                continue  # already right, or changed back before the flush: nothing to send
            deadline = now if slot in urgent else now + self.window
            if (earlier := self.slots.get(slot)) is not None:
                deadline = min(deadline, earlier.deadline)
            queued[slot] = Queued(want, deadline)
        self.slots = queued

    def due_at(self) -> datetime | None:
        """Return when the next flush must happen (the earliest deadline), or None when nothing waits."""
        return min((queued.deadline for queued in self.slots.values()), default=None)

    def operations(self, held: Mapping[int, SlotCode]) -> list[Operation]:
        """Return the fewest lock-acceptable operations that deliver everything queued."""
        target = dict(held)
        for slot, queued in self.slots.items():
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

    def to_json(self, slot_to_json: Callable[[SlotCode], dict[str, Any]]) -> dict[str, Any]:
        """Return the queue in the store's JSON shape."""
        return {
            str(slot): {
                "content": slot_to_json(queued.content) if queued.content else None,
                "deadline": queued.deadline.isoformat(),
            }
            for slot, queued in self.slots.items()
        }

    @classmethod
    def from_json(
        cls, raw: Mapping[str, Any], slot_from_json: Callable[[dict[str, Any]], SlotCode], window: timedelta
    ) -> WriteQueue:
        """Return a queue from the store's JSON shape."""
        return cls(
            window=window,
            slots={
                int(slot): Queued(
                    slot_from_json(item["content"]) if item["content"] else None,
                    datetime.fromisoformat(item["deadline"]),
                )
                for slot, item in raw.items()
            },
        )
