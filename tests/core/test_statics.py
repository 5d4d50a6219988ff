"""Static PIN edits: code shape and unique names (FR-013a)."""

import pytest

from custom_components.guest_pins.core.model import StaticPin
from custom_components.guest_pins.core.statics import DuplicateNameError, InvalidCodeError, check_code, upsert

MARIA = StaticPin("Cleaner - Maria", "5678", frozenset({"front"}))


def test_duplicate_name_rejected_case_insensitively() -> None:
    """US2-5: "CLEANER - maria" conflicts with "Cleaner - Maria"."""
    with pytest.raises(DuplicateNameError, match="exists already"):
        upsert([MARIA], StaticPin("CLEANER - maria", "1357", frozenset()))


def test_same_code_under_another_name_is_allowed() -> None:
    """US2-6: "Backup Cleaner" with 5678 beside "Cleaner - Maria" with 5678."""
    pins = upsert([MARIA], StaticPin("Backup Cleaner", "5678", frozenset({"front"})))
    assert [pin.name for pin in pins] == ["Cleaner - Maria", "Backup Cleaner"]


def test_update_may_keep_or_change_its_own_name() -> None:
    """Replacing a PIN by name (in any case) is not a duplicate of itself."""
    renamed = upsert([MARIA], StaticPin("Cleaner Maria", "5679", frozenset()), replacing="cleaner - MARIA")
    assert [pin.name for pin in renamed] == ["Cleaner Maria"]


@pytest.mark.parametrize("code", ["123", "123456789", "12a4", "", "١٢٣٤"])
def test_codes_are_4_to_8_ascii_digits(code: str) -> None:
    """Letters, too short or too long, and non-ASCII digits are refused."""
    with pytest.raises(InvalidCodeError):
        check_code(code)


def test_blank_name_is_refused() -> None:
    """A PIN needs a name to be told apart."""
    with pytest.raises(DuplicateNameError, match="needs a name"):
        upsert([], StaticPin("  ", "1357", frozenset()))
