"""Static PIN edits: code shape and unique names (FR-013a)."""

from datetime import time

import pytest

from custom_components.guest_pins.core.model import StaticPin, TimeRange
from custom_components.guest_pins.core.schedule_text import ScheduleTextError, format_ranges, parse_ranges
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


def test_schedule_text_round_trip() -> None:
    """Hosts type ranges per day; an end before the start runs past midnight."""
    ranges = parse_ranges(" 10:00-14:00,22:30 - 02:00 ,")
    assert ranges == (TimeRange(time(10), time(14)), TimeRange(time(22, 30), time(2)))
    assert ranges[1].crosses_midnight
    assert format_ranges(ranges) == "10:00-14:00, 22:30-02:00"
    assert parse_ranges("") == ()


@pytest.mark.parametrize("text", ["10-14", "10:00-24:00", "10:60-11:00", "ten to two"])
def test_schedule_text_errors(text: str) -> None:
    """Anything but HH:MM-HH:MM is refused with a message the form can show."""
    with pytest.raises(ScheduleTextError):
        parse_ranges(text)
