"""Static PINs as the host edits them: codes of the allowed shape, names unique regardless of case."""

from collections.abc import Iterable

from .model import StaticPin
from .pins import MAX_LENGTH, MIN_LENGTH


class InvalidCodeError(ValueError):
    """A code that is not 4-8 digits."""


class DuplicateNameError(ValueError):
    """A static PIN name that another one already has, in any letter case (FR-013a)."""


def check_code(code: str) -> str:
    """Return the code if it is 4-8 ASCII digits, else raise `InvalidCodeError`."""
    if not (code.isascii() and code.isdigit() and MIN_LENGTH <= len(code) <= MAX_LENGTH):
        msg = f"a code is {MIN_LENGTH}-{MAX_LENGTH} digits"
        raise InvalidCodeError(msg)
    return code


def upsert(
    existing: Iterable[StaticPin], pin: StaticPin, *, replacing: str | None = None
) -> tuple[StaticPin, ...]:
    """Return the PINs with `pin` added, or with the one named `replacing` replaced by it.

    Refuses a name another PIN has (case-insensitively); the same code under another name is allowed.
    """
    check_code(pin.code)
    if not pin.name.strip():
        msg = "a static PIN needs a name"
        raise DuplicateNameError(msg)
    replaced = replacing.casefold() if replacing is not None else None
    others = tuple(static for static in existing if static.key != replaced)
    if any(static.key == pin.key for static in others):
        msg = f"a static PIN named {pin.name!r} exists already"
        raise DuplicateNameError(msg)
    return (*others, pin)
