"""An in-memory lock path: a complete lock for tests and the demo, with failures on demand.

Keypad use: `keypad(slot)` stands for a guest typing the slot's code; it reports the use and the report.
"""

from dataclasses import dataclass, field

from ..core.model import SlotCode
from .base import Capabilities, KeypadUse, LockPathError, ReportCallback, UseCallback, ignore_use


@dataclass
class InMemoryLockPath:
    """A lock held in a dict; it refuses duplicate codes like real locks do and counts every transaction."""

    capabilities: Capabilities = field(default_factory=lambda: Capabilities(slot_count=10, read_back=True))
    slots: dict[int, SlotCode] = field(default_factory=dict)
    online: bool = True
    fail_next: int = 0
    transactions: int = 0
    on_report: ReportCallback | None = None
    on_use: UseCallback = ignore_use

    async def async_start(self, on_report: ReportCallback, on_use: UseCallback = ignore_use) -> None:
        """Remember whom to tell when the lock reports (see `report`) and when a code opens it (`keypad`)."""
        self.on_report = on_report
        self.on_use = on_use

    def stop(self) -> None:
        """Nothing to stop."""

    def available(self) -> bool:
        """Return whether the lock answers."""
        return self.online

    def report(self) -> None:
        """Let the lock report (someone used the keypad), as a real lock's state message would."""
        if self.on_report is not None:
            self.on_report()

    def keypad(self, slot: int) -> None:
        """Let a guest open the lock with the slot's code: the lock reports it, naming the slot."""
        self.on_use(KeypadUse(slot))
        self.report()

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

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Store a code, refusing one that another slot holds."""
        self._transaction()
        if any(other.code == content.code for number, other in self.slots.items() if number != slot):
            msg = f"slot {slot}: the lock already holds this code in another slot"
            raise LockPathError(msg)
        self.slots[slot] = content
        return None

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Empty a slot."""
        self._transaction()
        self.slots.pop(slot, None)

    async def async_read(self, slot: int) -> str | None:
        """Return the slot's code."""
        self._transaction()
        content = self.slots.get(slot)
        return content.code if content else None
