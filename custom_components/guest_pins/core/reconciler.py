"""The reconciler: what a lock should hold vs. what it is known to hold -> the fewest operations.

One operation per slot that differs (set an empty slot, overwrite a held one, clear one no longer wanted),
nothing for slots already right. Locks refuse a code that another slot already holds, so an operation that
puts a code in place runs only after the operation that takes that code out of its old slot; a ring of
slots swapping codes is opened by clearing one of them first (one extra operation per ring).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .model import SlotCode


class OpKind(StrEnum):
    """What one lock transaction does to a slot."""

    SET = "set"
    OVERWRITE = "overwrite"
    CLEAR = "clear"


@dataclass(frozen=True, slots=True)
class Operation:
    """One write to one slot; `content` is None for a clear."""

    kind: OpKind
    slot: int
    content: SlotCode | None = None


def reconcile(actual: Mapping[int, SlotCode], desired: Mapping[int, SlotCode]) -> list[Operation]:
    """Return the operations that turn `actual` into `desired`, in an order every lock accepts."""
    pending: dict[int, Operation] = {}
    for slot in sorted(actual.keys() | desired.keys()):
        held, wanted = actual.get(slot), desired.get(slot)
        if held == wanted:
            continue
        if wanted is None:
            pending[slot] = Operation(OpKind.CLEAR, slot)
        elif held is None:
            pending[slot] = Operation(OpKind.SET, slot, wanted)
        else:
            pending[slot] = Operation(OpKind.OVERWRITE, slot, wanted)

    holder = {content.code: slot for slot, content in actual.items()}
    ordered: list[Operation] = []
    # A slot's code is gone once its clear or overwrite ran (or was split into a clear).
    released: set[int] = set()

    def blocked(operation: Operation) -> bool:
        """Return whether the code this operation writes still sits in another slot."""
        if operation.content is None:
            return False
        other = holder.get(operation.content.code)
        return other is not None and other != operation.slot and other in pending and other not in released

    while pending:
        ready = [operation for operation in pending.values() if not blocked(operation)]
        if not ready:
            # A ring of swaps: clear the lowest slot now, write it at the end.
            slot = min(pending)
            ring_breaker = pending[slot]
            ordered.append(Operation(OpKind.CLEAR, slot))
            released.add(slot)
            pending[slot] = Operation(OpKind.SET, slot, ring_breaker.content)
            continue
        for operation in sorted(ready, key=lambda op: (op.kind is not OpKind.CLEAR, op.slot)):
            ordered.append(operation)
            released.add(operation.slot)
            del pending[operation.slot]
    return ordered


def apply(actual: Mapping[int, SlotCode], operations: list[Operation]) -> dict[int, SlotCode]:
    """Return the slots after the operations, refusing (ValueError) any a lock would reject."""
    slots = dict(actual)
    for operation in operations:
        if operation.kind is OpKind.CLEAR:
            slots.pop(operation.slot, None)
            continue
        assert operation.content is not None  # noqa: S101 - set and overwrite carry content
        if any(
            content.code == operation.content.code
            for slot, content in slots.items()
            if slot != operation.slot
        ):
            msg = f"slot {operation.slot}: the code is already in another slot"
            raise ValueError(msg)
        if (operation.kind is OpKind.SET) != (operation.slot not in slots):
            msg = f"slot {operation.slot}: {operation.kind} does not match the slot's state"
            raise ValueError(msg)
        slots[operation.slot] = operation.content
    return slots


def retain_expired(
    desired: Mapping[int, SlotCode], held: Mapping[int, SlotCode], at: datetime
) -> dict[int, SlotCode]:
    """Return `desired` plus the held codes whose native window ended by `at`, in slots nobody wants.

    A lock that enforces windows refuses such a code by itself, so clearing it would spend a transaction
    for nothing; when its slot is wanted, one overwrite replaces it. A code that is wanted in another slot
    is not kept: the lock would refuse it there while this slot still holds it.
    """
    kept = dict(desired)
    wanted_codes = {content.code for content in desired.values()}
    for slot, content in held.items():
        window = content.native_window
        if slot not in kept and window is not None and window.end <= at and content.code not in wanted_codes:
            kept[slot] = content
    return kept
