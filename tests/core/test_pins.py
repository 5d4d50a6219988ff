"""Guest PINs: the chain, lengths, weak codes, HMAC, freezing and regeneration."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from custom_components.guest_pins.core import pins
from custom_components.guest_pins.core.model import GuestPin, PinMethod
from custom_components.guest_pins.core.pins import CodeMemory, PinSettings

from .builders import BERLIN, SECRET, local, stay_event

DEC_15_18 = stay_event(
    "a", date(2026, 12, 15), date(2026, 12, 18), phone="4567", description="Reserved via x"
)
DEC_20_23 = stay_event("b", date(2026, 12, 20), date(2026, 12, 23))
EARLY = local(BERLIN, 2026, 12, 1, 12)


def code_for(event=DEC_15_18, memory=CodeMemory(), settings=PinSettings(), now=EARLY) -> GuestPin:  # noqa: ANN001, B008
    """Return the chain's code for an event."""
    return pins.choose(event, memory, settings, SECRET, now)


def test_phone_last_four_wins_over_generated_methods() -> None:
    """US1-1: "Last 4 Digits: 4567" for Dec 15-18 gives 4567."""
    assert code_for() == GuestPin("4567", PinMethod.PHONE)


def test_date_based_fallback() -> None:
    """US1-2: no phone digits, no description: Dec 20-23 gives 2023."""
    assert code_for(DEC_20_23) == GuestPin("2023", PinMethod.DATE)


def test_owner_custom_value_beats_everything() -> None:
    """FR-005: the owner's custom value is first."""
    assert code_for(memory=CodeMemory(custom="8080")) == GuestPin("8080", PinMethod.CUSTOM)


@pytest.mark.parametrize(
    ("length", "expected"),
    [(4, "2023"), (5, "20231"), (6, "202312"), (8, "20231212")],
)
def test_date_codes_extend_with_months(length: int, expected: str) -> None:
    """Longer date codes append the months (then the years)."""
    assert code_for(DEC_20_23, settings=PinSettings(length=length)).code == expected


def test_date_code_years_are_in_the_source() -> None:
    """After months come two-digit years, documented for completeness."""
    assert pins.date_code(DEC_20_23.checkin, DEC_20_23.checkout, 12) == "202312122626"


def test_phone_needs_as_many_digits_as_the_length() -> None:
    """With 6-digit PINs, 4 phone digits fall through; a full phone number gives its last 6."""
    six = PinSettings(length=6, methods=(PinMethod.PHONE,))
    assert code_for(settings=six).method is PinMethod.DATE
    full = replace(DEC_15_18, phone_digits="15552017788")
    assert code_for(full, settings=six) == GuestPin("017788", PinMethod.PHONE)


def test_description_code_is_hmac_and_follows_the_text() -> None:
    """Description codes depend on the secret and the text, not on the text alone."""
    settings = PinSettings(methods=(PinMethod.DESCRIPTION, PinMethod.PHONE))
    first = code_for(settings=settings)
    assert first.method is PinMethod.DESCRIPTION
    assert len(first.code) == 4
    assert code_for(settings=settings) == first  # deterministic
    other_secrets = {pins.description_code(DEC_15_18.description, bytes([n]), 8) for n in range(5)}
    assert len(other_secrets) == 5
    assert pins.description_code(DEC_15_18.description, SECRET, 8) not in other_secrets
    edited = replace(DEC_15_18, description="Reserved via x, 2 guests")
    assert code_for(edited, settings=settings).code != first.code
    # Whitespace alone is not an edit.
    spaced = replace(DEC_15_18, description="  Reserved   via x ")
    assert code_for(spaced, settings=settings).code == first.code


def test_disabled_methods_are_skipped_and_empty_descriptions_fall_through() -> None:
    """Only date-based remains when the host disables both middle methods."""
    assert code_for(settings=PinSettings(methods=())).method is PinMethod.DATE
    description_only = PinSettings(methods=(PinMethod.DESCRIPTION,))
    assert code_for(DEC_20_23, settings=description_only).method is PinMethod.DATE


@pytest.mark.parametrize("code", ["0000", "7777", "1234", "4321", "7890", "0987", "2580", "123456"])
def test_weak_codes(code: str) -> None:
    """All-same digits, straight runs (also wrapping 9->0) and common picks are weak."""
    assert pins.is_weak(code)


@pytest.mark.parametrize("code", ["2023", "4568", "1357", "902318"])
def test_ordinary_codes_are_not_weak(code: str) -> None:
    """Date codes like 2023 and mixed digits pass."""
    assert not pins.is_weak(code)


@pytest.mark.parametrize(
    ("checkin", "checkout", "weak_date_code"),
    [
        (date(2027, 3, 11), date(2027, 4, 11), "1111"),  # all one digit
        (date(2027, 3, 12), date(2027, 4, 3), "1203"),  # not weak: the control case
        (date(2027, 3, 23), date(2027, 4, 1), "2301"),  # not weak
        (date(2027, 3, 1), date(2027, 3, 23), "0123"),  # a straight run
        (date(2027, 3, 10), date(2027, 4, 10), "1010"),  # a common pick
    ],
)
def test_weak_generated_codes_are_perturbed_deterministically(
    checkin: date, checkout: date, weak_date_code: str
) -> None:
    """A weak date code is replaced by a deterministic, non-weak perturbation, recorded on the PIN."""
    event = stay_event("w", checkin, checkout)
    assert pins.date_code(event.checkin, event.checkout, 4) == weak_date_code
    pin = code_for(event)
    assert pin.method is PinMethod.DATE
    assert pin.perturbed is pins.is_weak(weak_date_code)
    assert not pins.is_weak(pin.code)
    assert code_for(event) == pin


def test_phone_codes_are_never_perturbed() -> None:
    """The guest's own digits stay, even when they look weak: the guest expects them."""
    weak_phone = replace(DEC_15_18, phone_digits="1234")
    assert code_for(weak_phone) == GuestPin("1234", PinMethod.PHONE)


def test_frozen_code_survives_edits_within_24_hours() -> None:
    """Once programmed or announced, edits to the description or dates no longer change the code."""
    programmed = CodeMemory(pin=GuestPin("4567", PinMethod.PHONE), frozen=True)
    moved = replace(DEC_15_18, phone_digits=None, description="", checkout=local(BERLIN, 2026, 12, 19, 11))
    day_before = local(BERLIN, 2026, 12, 14, 17)
    assert pins.choose(moved, programmed, PinSettings(), SECRET, day_before).code == "4567"
    # Further ahead, a future reservation follows its changes.
    assert pins.choose(moved, programmed, PinSettings(), SECRET, EARLY).code == "1519"
    # Not yet programmed: follows changes even close to check-in.
    assert (
        pins.choose(
            moved, CodeMemory(pin=GuestPin("4567", PinMethod.PHONE)), PinSettings(), SECRET, day_before
        ).code
        == "1519"
    )


def test_regeneration_eligibility() -> None:
    """FR-007: while the start or the end is a day ahead; never once the stay's access has begun."""
    checkin, checkout = DEC_15_18.checkin, DEC_15_18.checkout
    assert pins.regeneration_refusal(checkin, checkout, EARLY) is None
    # Six hours before check-in: the start is less than a day ahead, the end days ahead.
    assert pins.regeneration_refusal(checkin, checkout, checkin - timedelta(hours=6)) is None
    started = pins.RegenerationRefusal.STAY_STARTED
    assert pins.regeneration_refusal(checkin, checkout, checkin) is started
    assert (
        pins.regeneration_refusal(checkin - timedelta(hours=2), checkout, checkin - timedelta(hours=1))
        is started
    )
    # A day-use stay (10:00-18:00) seen at 8:00: both its start and its end are within a day.
    day_use = pins.regeneration_refusal(checkin, checkin + timedelta(hours=8), checkin - timedelta(hours=2))
    assert day_use is pins.RegenerationRefusal.ENDS_WITHIN_A_DAY


def test_regeneration_gives_a_different_code_each_time() -> None:
    """US1-5: regeneration yields a new code, recorded as such, and again a new one the next time."""
    memory = CodeMemory(pin=code_for())
    seen = {memory.pin.code}  # type: ignore[union-attr]
    for _ in range(5):
        memory = pins.regenerate(memory, DEC_15_18, PinSettings(), SECRET)
        pin = code_for(memory=memory)
        assert pin.method is PinMethod.REGENERATED
        assert pin.code not in seen
        seen.add(pin.code)
        memory = replace(memory, pin=pin)


def test_regeneration_replaces_a_custom_value() -> None:
    """The host asking for a new code means a new code, even over their own earlier value."""
    memory = pins.regenerate(
        CodeMemory(custom="8080", pin=GuestPin("8080", PinMethod.CUSTOM)), DEC_15_18, PinSettings(), SECRET
    )
    assert code_for(memory=memory).method is PinMethod.REGENERATED


def test_collision_moves_to_the_next_method_then_a_perturbation() -> None:
    """A taken code moves the stay along its chain; when the chain is exhausted, a perturbation follows."""
    both = PinSettings(methods=(PinMethod.PHONE, PinMethod.DESCRIPTION))
    taken_phone = pins.choose(DEC_15_18, CodeMemory(), both, SECRET, EARLY, taken=lambda code: code == "4567")
    assert taken_phone.method is PinMethod.DESCRIPTION
    everything = {pin.code for pin in pins.candidates(DEC_15_18, CodeMemory(), both, SECRET)}
    moved = pins.choose(DEC_15_18, CodeMemory(), both, SECRET, EARLY, taken=everything.__contains__)
    assert moved.perturbed
    assert moved.method is PinMethod.DATE
    assert moved.code not in everything


def test_perturbation_gives_up_only_when_no_code_is_free() -> None:
    """A code space with nothing free is an error, not an endless loop."""
    with pytest.raises(ValueError, match="no free code"):
        pins.perturb("2023", "salt", SECRET, taken=lambda _code: True)


def test_settings_validation_and_method_ordering() -> None:
    """Lengths stay 4-8; only the two middle methods are orderable; unknown names are ignored."""
    with pytest.raises(ValueError, match="4-8"):
        PinSettings(length=3)
    with pytest.raises(ValueError, match="only the phone"):
        PinSettings(methods=(PinMethod.DATE,))
    assert pins.ordered_methods(["description", "phone", "phone", "date", "bogus"]) == (
        PinMethod.DESCRIPTION,
        PinMethod.PHONE,
    )


def test_regeneration_skips_a_result_equal_to_the_current_code() -> None:
    """If the next regenerated code equals the current one, the one after it is taken."""
    first = pins.regenerate(CodeMemory(), DEC_15_18, PinSettings(), SECRET)
    first_code = code_for(memory=first).code
    clash = pins.regenerate(
        CodeMemory(pin=GuestPin(first_code, PinMethod.PHONE)), DEC_15_18, PinSettings(), SECRET
    )
    assert clash.regenerations == 2
    assert code_for(memory=clash).code != first_code
