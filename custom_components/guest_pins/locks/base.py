"""The one small protocol every lock path implements, with the capabilities it declares."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from ..core.model import SlotCode

# Called by a path whenever its lock reports (a wake-up notification, a state message, coming back online):
# the lock is awake, so what waits for it can go now without a wake-up of its own (FR-020).
type ReportCallback = Callable[[], None]


@dataclass(frozen=True, slots=True)
class KeypadUse:
    """A code was used at the lock's keypad: in which slot, and when; never the code itself.

    `slot` is None when the lock says only "the keypad"; `at` is None when the lock gives no time (now).
    """

    slot: int | None
    at: datetime | None = None


# Called by a path when its lock reports that a code was used (the door unlocked from the keypad).
type UseCallback = Callable[[KeypadUse], None]


def ignore_use(_use: KeypadUse) -> None:
    """Ignore keypad use (for whoever starts a path without caring who comes in)."""


class LockPathError(Exception):
    """A write or read did not reach the lock, or the lock refused it (the message is safe to show).

    `permanent` marks a refusal that repeating the same write cannot cure (the lock's rules, a guest without
    the e-mail address an invitation needs): it is reported at once instead of after the last retry.
    """

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        """Keep the message and whether retrying can help."""
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a path can do for a lock.

    `read_back`: a slot can be read from the lock, so a write is verified by reading it. `confirmed_writes`:
    the lock itself confirms each write (Zigbee2MQTT's `pin_code_added`), so no read is spent on it.
    `wake_interval`: the lock sleeps and takes commands only when it wakes, about this often.
    `invites`: access is an invitation to the guest's e-mail address, not a code (Ring).
    `remote_open`: the door can be opened remotely for a guest.
    `reports_use`: the lock says which slot's code opened it at the keypad (`UseCallback`).
    `fixed_offset`: the lock keeps a weekly schedule at the UTC offset it was written with, so schedules
    are rewritten when the property's offset changes (Tuya's cloud).
    """

    slot_count: int | None = None
    native_windows: bool = False
    native_weekly: bool = False
    read_back: bool = False
    confirmed_writes: bool = False
    wake_interval: timedelta | None = None
    invites: bool = False
    remote_open: bool = False
    reports_use: bool = False
    fixed_offset: bool = False


class LockPath(Protocol):
    """Writes to and reads from one lock's code slots, counting every exchange with the lock."""

    capabilities: Capabilities

    @property
    def transactions(self) -> int:
        """Return the exchanges with the lock itself so far (cloud-only calls do not count)."""

    async def async_start(self, on_report: ReportCallback, on_use: UseCallback = ignore_use) -> None:
        """Begin following the lock (subscriptions); called once when the property loads.

        `on_report` hears that the lock talked (it is awake); `on_use` that a code opened it at the keypad.
        """

    def stop(self) -> None:
        """Stop following the lock; called when the property unloads."""

    def available(self) -> bool:
        """Return whether the lock can take commands now."""

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Put a code (with its native window, where the path has them) in a slot that holds `held`.

        Returns the code the lock now holds when it is not `content.code` (a code the lock's cloud issued
        because the lock could not be reached), else None.
        """

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Empty a slot that holds `held`."""

    async def async_read(self, slot: int) -> str | None:
        """Return the code a slot holds, read from the lock (only where `read_back`)."""
