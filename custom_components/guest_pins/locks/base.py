"""The one small protocol every lock path implements, with the capabilities it declares."""

from dataclasses import dataclass
from typing import Protocol

from ..core.model import SlotCode


class LockPathError(Exception):
    """A write or read did not reach the lock, or the lock refused it (the message is safe to show)."""


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a path can do for a lock."""

    slot_count: int | None = None
    native_windows: bool = False
    native_weekly: bool = False
    read_back: bool = False


class LockPath(Protocol):
    """Writes to and reads from one lock's code slots."""

    capabilities: Capabilities

    async def async_start(self) -> None:
        """Begin following the lock (subscriptions); called once when the property loads."""

    def stop(self) -> None:
        """Stop following the lock; called when the property unloads."""

    def available(self) -> bool:
        """Return whether the lock can be reached now."""

    async def async_set(self, slot: int, content: SlotCode) -> None:
        """Put a code (with its native window, where the path has them) in a slot."""

    async def async_clear(self, slot: int) -> None:
        """Empty a slot."""

    async def async_read(self, slot: int) -> str | None:
        """Return the code a slot holds, read from the lock (only where `read_back`)."""
