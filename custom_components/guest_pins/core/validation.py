"""Every check of what a host types, in one place: codes, static PINs, slot ranges and manual slots.

The config flow and the actions (and the panel) all call these, so one input is judged the same way
everywhere. A refusal is an `InputError` naming its reason (the translation key of the error the host
reads), the input it concerns, and what the message needs; it never carries the refused code.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from .backups import MAX_BACKUPS
from .model import StaticPin, WeeklySchedule
from .pins import MAX_LENGTH, MIN_LENGTH
from .schedule_text import ScheduleTextError, parse_ranges

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Checks before arrival happen at most two weeks before check-in.
MAX_CHECK_HOURS = 14 * 24


class InputError(ValueError):
    """Input that cannot be stored: `key` is the reason, `field` the input it concerns (None: the whole)."""

    def __init__(self, key: str, field: str | None = None, **placeholders: str) -> None:
        """Keep the reason, the field and the message's placeholders (never the refused value)."""
        super().__init__(key)
        self.key = key
        self.field = field
        self.placeholders = placeholders


def check_code(code: str) -> str:
    """Return the code if it is 4-8 ASCII digits, else raise `InputError("invalid_code")`."""
    if not (code.isascii() and code.isdigit() and MIN_LENGTH <= len(code) <= MAX_LENGTH):
        raise InputError("invalid_code", "code")
    return code


@dataclass(frozen=True, slots=True)
class StaticPinDraft:
    """A static PIN as the host typed it; `schedule` maps weekday names to range text ("10:00-14:00")."""

    name: str
    code: str
    locks: frozenset[str] = frozenset()
    enabled: bool = True
    valid_from: date | None = None
    valid_until: date | None = None
    schedule: Mapping[str, str] = field(default_factory=dict)

    def cleaned(self) -> StaticPinDraft:
        """Return the draft with blanks trimmed and empty days left out (no day at all: always on)."""
        return StaticPinDraft(
            name=self.name.strip(),
            code=self.code.strip(),
            locks=self.locks,
            enabled=self.enabled,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            schedule={day: text.strip() for day, text in self.schedule.items() if text and text.strip()},
        )


def static_pin(draft: StaticPinDraft, other_names: Iterable[str]) -> StaticPin:
    """Return the static PIN a (cleaned) draft describes, or raise `InputError`.

    `other_names` are the names of the property's other static PINs: a name is unique regardless of letter
    case (FR-013a), while two names may share a code.
    """
    if not draft.name:
        raise InputError("static_pin_name_empty", "name")
    check_code(draft.code)
    ranges = {}
    for day, text in draft.schedule.items():
        if day not in WEEKDAYS:
            raise InputError("invalid_ranges", day, day=day)
        try:
            ranges[WEEKDAYS.index(day)] = list(parse_ranges(text))
        except ScheduleTextError:
            raise InputError("invalid_ranges", day, day=day) from None
    if draft.valid_from and draft.valid_until and draft.valid_until < draft.valid_from:
        raise InputError("until_before_from", "valid_until")
    if draft.name.casefold() in {name.casefold() for name in other_names}:
        raise InputError("static_pin_name_taken", "name", name=draft.name)
    return StaticPin(
        name=draft.name,
        code=draft.code,
        locks=draft.locks,
        schedule=WeeklySchedule.of(ranges) if ranges else None,
        enabled=draft.enabled,
        valid_from=draft.valid_from,
        valid_until=draft.valid_until,
    )


def check_hours(text: str) -> tuple[timedelta, ...]:
    """Return the hours before check-in typed as "24, 2" (each 0-336, at least one), latest first."""
    try:
        hours = sorted(
            {float(part) for part in text.replace(";", ",").split(",") if part.strip()}, reverse=True
        )
    except ValueError:
        raise InputError("invalid_check_hours", "check_hours") from None
    if not hours or any(not 0 <= hour <= MAX_CHECK_HOURS for hour in hours):
        raise InputError("invalid_check_hours", "check_hours")
    return tuple(timedelta(hours=hour) for hour in hours)


@dataclass(frozen=True, slots=True)
class SlotSplit:
    """How many code slots a lock has and which ranges go to guests and to static PINs (inclusive)."""

    count: int
    guest_first: int
    guest_last: int
    static_first: int
    static_last: int
    backups: int = 0


def slot_split(split: SlotSplit) -> SlotSplit:
    """Return a split whose ranges are ordered, inside the lock and apart, or raise `InputError`."""
    if not 1 <= split.guest_first <= split.guest_last <= split.count:
        raise InputError("range_outside_lock", "guest_last_slot")
    if not 1 <= split.static_first <= split.static_last <= split.count:
        raise InputError("range_outside_lock", "static_last_slot")
    if split.guest_first <= split.static_last and split.static_first <= split.guest_last:
        raise InputError("ranges_overlap")
    # Backups take the guest range's last slots: at most three, and at least one slot stays for guests.
    if not 0 <= split.backups <= min(MAX_BACKUPS, split.guest_last - split.guest_first):
        raise InputError("too_many_backups", "backup_slots")
    return split


def manual_code(
    slot: int, code: str, slot_count: int, codes_in_other_slots: Iterable[str], *, lock: str
) -> str:
    """Return a code the host may put in a slot of `lock` outside planning (FR-025), or raise `InputError`.

    The slot must be on the lock, and the code in no other slot of it: locks refuse a code twice.
    """
    check_code(code)
    if not 1 <= slot <= slot_count:
        raise InputError("slot_outside_lock", "slot", slot=str(slot), count=str(slot_count))
    if code in set(codes_in_other_slots):
        raise InputError("code_on_lock_already", "code", lock=lock)
    return code
