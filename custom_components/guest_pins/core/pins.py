"""Guest PINs: the generation chain (FR-005/FR-006), weak-code avoidance, stability and regeneration (FR-007).

The chain, first success wins: the owner's custom value > a regenerated code > the methods the host enabled
and ordered (phone last digits, description-derived) > date-based, which always succeeds.

Date-based codes take their digits from check-in day, check-out day, check-in month, check-out month,
check-in year, check-out year (two digits each), in that order, as many as the length asks: 4 digits for
the 20th to the 23rd give "2023"; 6 digits for Dec 20-23 give "202312"; 8 give "20231212".

Description-derived codes are an HMAC-SHA256 of the description under a per-installation secret, so nobody
can compute a guest's code from the feed text alone; they change when the description changes.

Generated codes (every method but custom and phone) avoid trivially weak codes with a deterministic
perturbation, recorded in `GuestPin.perturbed`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
import hashlib
import hmac
from itertools import pairwise

from .model import FeedEvent, GuestPin, PinMethod

MIN_LENGTH = 4
MAX_LENGTH = 8
# Description-derived codes are opt-in: with the defaults a stay without phone digits gets its date code
# (user story 1: Dec 20-23 -> 2023), which hosts can predict and read out on the phone.
DEFAULT_METHODS: tuple[PinMethod, ...] = (PinMethod.PHONE,)
# A code that was programmed or announced is frozen once the stay is this close (or has started).
FREEZE_BEFORE_CHECKIN = timedelta(hours=24)
# FR-007: regeneration only for stays whose start or end is at least this far ahead.
REGENERATION_MIN_LEAD = timedelta(days=1)
_COMMON_CODES = frozenset({"1212", "1004", "2580", "0852", "1122", "6969", "1313", "2000", "1010", "2001"})
_MAX_PERTURBATIONS = 1000


@dataclass(frozen=True, slots=True)
class PinSettings:
    """The host's choices for guest codes."""

    length: int = MIN_LENGTH
    methods: tuple[PinMethod, ...] = DEFAULT_METHODS

    def __post_init__(self) -> None:
        """Refuse settings the chain cannot honour."""
        if not MIN_LENGTH <= self.length <= MAX_LENGTH:
            msg = f"PIN length must be {MIN_LENGTH}-{MAX_LENGTH}, not {self.length}"
            raise ValueError(msg)
        if not set(self.methods) <= {PinMethod.PHONE, PinMethod.DESCRIPTION}:
            msg = "only the phone and description methods can be enabled and ordered"
            raise ValueError(msg)


@dataclass(frozen=True, slots=True)
class CodeMemory:
    """What the shell remembers of a stay's code between plans.

    `frozen` is set once the code was programmed on a lock or announced to the guest; `regenerations`
    counts the host's regeneration requests; `custom` is the owner's own value.
    """

    pin: GuestPin | None = None
    frozen: bool = False
    regenerations: int = 0
    custom: str | None = None


def is_weak(code: str) -> bool:
    """Return whether a code is trivially guessable: all one digit, a straight run, or a common choice."""
    digits = [int(char) for char in code]
    steps = {(b - a) % 10 for a, b in pairwise(digits)}
    return len(set(digits)) == 1 or steps in ({1}, {9}) or code in _COMMON_CODES


def date_code(checkin: datetime, checkout: datetime, length: int) -> str:
    """Return the date-based code: days, then months, then years of check-in and check-out."""
    source = (
        f"{checkin.day:02}{checkout.day:02}{checkin.month:02}{checkout.month:02}"
        f"{checkin.year % 100:02}{checkout.year % 100:02}"
    )
    return source[:length]


def digits_from(secret: bytes, message: str, length: int) -> str:
    """Return `length` decimal digits derived from an HMAC of the message (uniform, deterministic)."""
    digest = hmac.new(secret, message.encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(digest, 'big') % 10**length:0{length}}"


def description_code(description: str, secret: bytes, length: int) -> str | None:
    """Return the description-derived code, or None when the event has no description."""
    text = " ".join(description.split())
    return digits_from(secret, f"description|{text}", length) if text else None


def _never_taken(code: str) -> bool:
    """Treat every code as free (no other party to avoid)."""
    return False


def perturb(code: str, salt: str, secret: bytes, taken: Callable[[str], bool] = _never_taken) -> str:
    """Return the first code derived from (code, salt, n) that is neither weak nor taken."""
    for attempt in range(_MAX_PERTURBATIONS):
        candidate = digits_from(secret, f"perturb|{salt}|{code}|{attempt}", len(code))
        if not is_weak(candidate) and not taken(candidate):
            return candidate
    msg = "no free code of this length"  # only reachable when nearly the whole code space is taken
    raise ValueError(msg)


def _strengthen(pin: GuestPin, salt: str, secret: bytes) -> GuestPin:
    """Perturb a generated code that is weak; custom and phone codes are the guest's or host's own."""
    if pin.method in (PinMethod.CUSTOM, PinMethod.PHONE) or not is_weak(pin.code):
        return pin
    return GuestPin(perturb(pin.code, salt, secret), pin.method, perturbed=True)


def candidates(event: FeedEvent, memory: CodeMemory, settings: PinSettings, secret: bytes) -> list[GuestPin]:
    """Return the generated codes the chain offers, best first; the last one (date-based) always exists.

    The owner's custom value is not among them: `choose` takes it as it is.
    """
    offers: list[GuestPin] = []
    if memory.regenerations:
        regenerated = digits_from(
            secret, f"regenerate|{event.event_id}|{memory.regenerations}", settings.length
        )
        offers.append(GuestPin(regenerated, PinMethod.REGENERATED))
    for method in settings.methods:
        if method is PinMethod.PHONE:
            if event.phone_digits and len(event.phone_digits) >= settings.length:
                offers.append(GuestPin(event.phone_digits[-settings.length :], PinMethod.PHONE))
        elif code := description_code(event.description, secret, settings.length):
            offers.append(GuestPin(code, PinMethod.DESCRIPTION))
    offers.append(GuestPin(date_code(event.checkin, event.checkout, settings.length), PinMethod.DATE))
    return [_strengthen(pin, event.event_id, secret) for pin in offers]


def is_frozen(memory: CodeMemory, checkin: datetime, now: datetime) -> bool:
    """Return whether the stay's code must no longer change (announced/programmed and within 24 h)."""
    return memory.frozen and memory.pin is not None and checkin - now <= FREEZE_BEFORE_CHECKIN


class RegenerationRefusal(StrEnum):
    """Why a stay cannot get a new code."""

    STAY_STARTED = "stay_started"
    ENDS_WITHIN_A_DAY = "ends_within_a_day"


def regeneration_refusal(
    access_from: datetime, checkout: datetime, now: datetime
) -> RegenerationRefusal | None:
    """Return why FR-007 refuses a new code now, or None when it allows one.

    FR-007 allows one when the stay's start or end is at least a day ahead. A stay whose access has begun
    (`access_from`: its window's start, before check-in with early access) keeps its code: the guest may be
    inside or on the way with it, and a new code would lock them out. So of a stay that has started
    nothing moves; of one still ahead, its end decides (it is never before its start).
    """
    if now >= access_from:
        return RegenerationRefusal.STAY_STARTED
    if checkout - now < REGENERATION_MIN_LEAD:
        return RegenerationRefusal.ENDS_WITHIN_A_DAY
    return None


def choose(
    event: FeedEvent,
    memory: CodeMemory,
    settings: PinSettings,
    secret: bytes,
    now: datetime,
    taken: Callable[[str], bool] = _never_taken,
) -> GuestPin:
    """Return the stay's code (see `choose_with_preference`)."""
    return choose_with_preference(event, memory, settings, secret, now, taken)[1]


def choose_with_preference(
    event: FeedEvent,
    memory: CodeMemory,
    settings: PinSettings,
    secret: bytes,
    now: datetime,
    taken: Callable[[str], bool] = _never_taken,
) -> tuple[GuestPin, GuestPin]:
    """Return the code the chain prefers and the code the stay gets, in one pass over the chain.

    The owner's custom value (from Home Assistant, else from their property-management system) comes first
    and is never moved, even when taken (the collision is reported
    instead); then a frozen code; then the chain's first offer that is not taken. When every offer is taken,
    the last one is perturbed until it is free.
    """
    # The host's own value: set in Home Assistant, else given by their property-management system.
    if custom := memory.custom or event.host_code:
        pin = GuestPin(custom, PinMethod.CUSTOM)
        return pin, pin
    if is_frozen(memory, event.checkin, now):
        assert memory.pin is not None  # noqa: S101 - is_frozen checked it
        return memory.pin, memory.pin
    offers = candidates(event, memory, settings, secret)
    for pin in offers:
        if not taken(pin.code):
            return offers[0], pin
    last = offers[-1]
    moved = GuestPin(
        perturb(last.code, f"collision|{event.event_id}", secret, taken), last.method, perturbed=True
    )
    return offers[0], moved


def regenerate(memory: CodeMemory, event: FeedEvent, settings: PinSettings, secret: bytes) -> CodeMemory:
    """Return the memory after one regeneration request; the resulting code differs from the current one."""
    current = memory.pin.code if memory.pin else None
    regenerations = memory.regenerations
    while True:
        regenerations += 1
        code = digits_from(secret, f"regenerate|{event.event_id}|{regenerations}", settings.length)
        if code != current and not is_weak(code):
            return CodeMemory(pin=None, frozen=False, regenerations=regenerations, custom=None)


def ordered_methods(enabled: Sequence[str]) -> tuple[PinMethod, ...]:
    """Return the host's enabled middle methods in their order (unknown names are ignored)."""
    allowed = {PinMethod.PHONE.value, PinMethod.DESCRIPTION.value}
    return tuple(PinMethod(name) for name in dict.fromkeys(enabled) if name in allowed)
