"""One judge of host input: codes, static PINs (FR-013a), slot splits and manual slots (FR-025)."""

from datetime import date, time

import pytest

from custom_components.guest_pins.core.model import TimeRange, WeeklySchedule
from custom_components.guest_pins.core.schedule_text import ScheduleTextError, format_ranges, parse_ranges
from custom_components.guest_pins.core.validation import (
    InputError,
    SlotSplit,
    StaticPinDraft,
    check_code,
    manual_code,
    slot_split,
    static_pin,
)

MARIA = "Cleaner - Maria"


def _reason(error: pytest.ExceptionInfo[InputError]) -> tuple[str, str | None]:
    """Return an input error's reason and the field it concerns."""
    return error.value.key, error.value.field


def test_duplicate_name_rejected_case_insensitively() -> None:
    """US2-5: "CLEANER - maria" conflicts with "Cleaner - Maria"."""
    with pytest.raises(InputError) as error:
        static_pin(StaticPinDraft("CLEANER - maria", "1357"), [MARIA])
    assert _reason(error) == ("static_pin_name_taken", "name")
    assert error.value.placeholders == {"name": "CLEANER - maria"}


def test_same_code_under_another_name_is_allowed() -> None:
    """US2-6: "Backup Cleaner" with 5678 beside "Cleaner - Maria" with 5678."""
    pin = static_pin(StaticPinDraft("Backup Cleaner", "5678", frozenset({"front"})), [MARIA])
    assert (pin.name, pin.code, pin.locks) == ("Backup Cleaner", "5678", frozenset({"front"}))


def test_an_update_is_judged_against_the_other_names_only() -> None:
    """A PIN keeps (or changes the case of) its own name: the caller leaves its own name out."""
    assert static_pin(StaticPinDraft("cleaner - MARIA", "5679"), []).name == "cleaner - MARIA"


def test_schedule_dates_and_blanks() -> None:
    """Days become a weekly schedule; blank days are dropped; no day at all means always on."""
    draft = StaticPinDraft(
        " Pool ", " 2468 ", schedule={"saturday": " 10:00-14:00 ", "sunday": "  "}
    ).cleaned()
    assert draft.schedule == {"saturday": "10:00-14:00"}
    pin = static_pin(draft, [])
    assert pin.name == "Pool"
    assert pin.schedule == WeeklySchedule.of({5: [TimeRange(time(10), time(14))]})
    assert static_pin(StaticPinDraft("Manager", "9911"), []).schedule is None


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        (StaticPinDraft("", "1357"), ("static_pin_name_empty", "name")),
        (StaticPinDraft("X", "12a4"), ("invalid_code", "code")),
        (StaticPinDraft("X", "1357", schedule={"monday": "9-5"}), ("invalid_ranges", "monday")),
        (StaticPinDraft("X", "1357", schedule={"someday": "09:00-10:00"}), ("invalid_ranges", "someday")),
        (
            StaticPinDraft("X", "1357", valid_from=date(2026, 12, 10), valid_until=date(2026, 12, 1)),
            ("until_before_from", "valid_until"),
        ),
    ],
)
def test_static_pin_refusals_name_their_field(draft: StaticPinDraft, reason: tuple[str, str]) -> None:
    """Each refusal says why and which input is wrong, so a form can point at it."""
    with pytest.raises(InputError) as error:
        static_pin(draft, [])
    assert _reason(error) == reason


@pytest.mark.parametrize("code", ["123", "123456789", "12a4", "", "١٢٣٤"])
def test_codes_are_4_to_8_ascii_digits(code: str) -> None:
    """Letters, too short or too long, and non-ASCII digits are refused; the error never holds the code."""
    with pytest.raises(InputError) as error:
        check_code(code)
    assert _reason(error) == ("invalid_code", "code")
    assert code not in str(error.value) or not code


@pytest.mark.parametrize(
    ("split", "reason"),
    [
        (SlotSplit(10, 1, 7, 8, 10), None),
        (SlotSplit(10, 0, 7, 8, 10), ("range_outside_lock", "guest_last_slot")),
        (SlotSplit(10, 5, 4, 8, 10), ("range_outside_lock", "guest_last_slot")),
        (SlotSplit(10, 1, 7, 8, 11), ("range_outside_lock", "static_last_slot")),
        (SlotSplit(10, 1, 8, 8, 10), ("ranges_overlap", None)),
    ],
)
def test_slot_splits(split: SlotSplit, reason: tuple[str, str | None] | None) -> None:
    """Guest and static ranges must be ordered, on the lock and apart."""
    if reason is None:
        assert slot_split(split) == split
        return
    with pytest.raises(InputError) as error:
        slot_split(split)
    assert _reason(error) == reason


def test_manual_codes() -> None:
    """A manual code must be valid, in a slot of the lock, and not already in another slot."""
    assert manual_code(5, "7777", 10, ["9911"], lock="Front door") == "7777"
    with pytest.raises(InputError) as error:
        manual_code(11, "7777", 10, [], lock="Front door")
    assert error.value.placeholders == {"slot": "11", "count": "10"}
    with pytest.raises(InputError) as error:
        manual_code(5, "9911", 10, ["9911"], lock="Front door")
    assert (error.value.key, error.value.placeholders) == ("code_on_lock_already", {"lock": "Front door"})
    with pytest.raises(InputError, match="invalid_code"):
        manual_code(5, "99", 10, [], lock="Front door")


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
