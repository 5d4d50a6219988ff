"""An in-memory lock path: a complete lock for tests and the demo, with failures on demand."""

from dataclasses import dataclass, field

from ..core.model import SlotCode
from .base import Capabilities, LockPathError


@dataclass
class InMemoryLockPath:
    """A lock held in a dict; it refuses duplicate codes like real locks do and counts every transaction."""

    capabilities: Capabilities = field(default_factory=lambda: Capabilities(slot_count=10, read_back=True))
    slots: dict[int, SlotCode] = field(default_factory=dict)
    online: bool = True
    fail_next: int = 0
    transactions: int = 0

    async def async_start(self) -> None:
        """Nothing to follow: the lock is in memory."""

    def stop(self) -> None:
        """Nothing to stop."""

    def available(self) -> bool:
        """Return whether the lock answers."""
        return self.online

    def _transaction(self) -> None:
        """Count a radio transaction, or fail it when offline or told to."""
        if not self.online:
            msg = "the lock is offline"
            raise LockPathError(msg)
        self.transactions += 1
        if self.fail_next:
            self.fail_next -= 1
            msg = "the lock did not acknowledge"
            raise LockPathError(msg)

    async def async_set(self, slot: int, content: SlotCode) -> None:
        """Store a code, refusing one that another slot holds."""
        self._transaction()
        if any(held.code == content.code for other, held in self.slots.items() if other != slot):
            msg = f"slot {slot}: the lock already holds this code in another slot"
            raise LockPathError(msg)
        self.slots[slot] = content

    async def async_clear(self, slot: int) -> None:
        """Empty a slot."""
        self._transaction()
        self.slots.pop(slot, None)

    async def async_read(self, slot: int) -> str | None:
        """Return the slot's code."""
        self._transaction()
        held = self.slots.get(slot)
        return held.code if held else None
