"""The actions, with good and bad input, as automations would call them."""

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.guest_pins.const import DOMAIN

from .property_builders import at, move_to
from .zwave_double import LOCK_ENTITY, FakeZWaveLock

DEC_15 = "1418fb94e984-8c1d2b0f2a9e5d9b8e1e6d2e6f0a1b2c@airbnb.com"


type Act = Callable[..., Awaitable[Any]]


@pytest.fixture
def act(hass: HomeAssistant, loaded: MockConfigEntry, freezer: FrozenDateTimeFactory) -> Act:
    """Return a caller of guest_pins actions on the property that lets their writes leave (30 s batching)."""

    async def call(service: str, **data: Any) -> Any:
        """Call the action, then move the clock past the batching window."""
        response = await hass.services.async_call(
            DOMAIN,
            service,
            {"config_entry_id": loaded.entry_id, **data},
            blocking=True,
            return_response=service == "get_codes",
        )
        await hass.async_block_till_done()
        await move_to(hass, freezer, dt_util.utcnow() + timedelta(seconds=30))
        return response

    return call


async def test_set_reservation_pin_by_airbnb_code(
    act: Act,
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    loaded: MockConfigEntry,
    zwave_lock: FakeZWaveLock,
) -> None:
    """The host's own code, found by the HM... reservation code, reaches the lock at check-in."""
    await act("set_reservation_pin", reservation="HMABCD1234", code="8080")
    await move_to(hass, freezer, at(2026, 12, 15, 16))
    assert zwave_lock.slots[1] == "8080"


async def test_regenerate_pin_while_the_stay_is_ahead_never_once_it_started(
    act: Act,
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    loaded: MockConfigEntry,
    zwave_lock: FakeZWaveLock,
) -> None:
    """FR-007: a new code while the stay's start or end is a day or more ahead; the guest inside keeps theirs.

    The Dec 15-18 stay: a new code on Monday; another on Tuesday morning, six hours before check-in (its
    end is days ahead); from check-in on, refused with its own reason, and the lock keeps the code.
    """
    await act("regenerate_pin", reservation=DEC_15)
    await move_to(hass, freezer, at(2026, 12, 15, 10))
    first = dec_15_code(loaded)
    assert first != "4567"
    await act("regenerate_pin", reservation=DEC_15)
    await move_to(hass, freezer, at(2026, 12, 15, 16))
    second = dec_15_code(loaded)
    assert second not in {first, "4567"}
    assert zwave_lock.slots[1] == second
    with pytest.raises(ServiceValidationError) as err:
        await act("regenerate_pin", reservation=DEC_15)
    assert err.value.translation_key == "regeneration_stay_started"
    await move_to(hass, freezer, at(2026, 12, 15, 17))
    assert (dec_15_code(loaded), zwave_lock.slots[1]) == (second, second)


def dec_15_code(entry: MockConfigEntry) -> str:
    """Return the code of the Dec 15-18 stay."""
    plan = entry.runtime_data.manager.plan
    assert plan is not None
    (code,) = (stay.code for stay in plan.stay_plan.stays if f"cal1/{DEC_15}" in stay.sources)
    return code


async def test_static_pin_actions(
    act: Act,
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    loaded: MockConfigEntry,
    zwave_lock: FakeZWaveLock,
) -> None:
    """Add, update and remove static PINs; names unique in any case; the same code under two names is fine."""
    await act("add_static_pin", name="Gardener", code="2468", locks=[LOCK_ENTITY])
    assert "2468" in zwave_lock.slots.values()
    await act("add_static_pin", name="Backup Manager", code="9911", locks=[LOCK_ENTITY])
    assert list(zwave_lock.slots.values()).count("9911") == 1  # one slot for one code (FR-013a)
    with pytest.raises(ServiceValidationError) as err:
        await act("add_static_pin", name="GARDENER", code="1357")
    assert err.value.translation_key == "static_pin_name_taken"

    await act(
        "update_static_pin",
        name="gardener",
        new_name="Pool",
        code="1357",
        schedule={"sunday": "09:00-10:00"},
    )
    assert "2468" not in zwave_lock.slots.values()
    assert "1357" not in zwave_lock.slots.values()  # Monday: not on schedule
    await act("remove_static_pin", name="Pool")
    assert not [sub for sub in loaded.subentries.values() if sub.title == "Pool"]


@pytest.mark.parametrize(
    ("service", "data", "key"),
    [
        ("set_reservation_pin", {"reservation": "HMNOPE", "code": "8080"}, "unknown_reservation"),
        ("set_reservation_pin", {"reservation": "HMABCD1234", "code": "12a"}, "invalid_code"),
        ("add_static_pin", {"name": " ", "code": "1357"}, "static_pin_name_empty"),
        ("add_static_pin", {"name": "X", "code": "1357", "locks": ["lock.nope"]}, "unknown_lock"),
        ("add_static_pin", {"name": "X", "code": "1357", "schedule": {"monday": "9-5"}}, "invalid_ranges"),
        (
            "add_static_pin",
            {"name": "X", "code": "1357", "valid_from": "2026-12-10", "valid_until": "2026-12-01"},
            "until_before_from",
        ),
        ("update_static_pin", {"name": "Nobody"}, "unknown_static_pin"),
        ("update_static_pin", {"name": "Manager", "new_name": "cleaner - maria"}, "static_pin_name_taken"),
        ("set_manual_pin", {"lock": LOCK_ENTITY, "slot": 11, "code": "1357"}, "slot_outside_lock"),
        ("set_manual_pin", {"lock": LOCK_ENTITY, "slot": 5, "code": "9911"}, "code_on_lock_already"),
        ("clear_slot", {"lock": LOCK_ENTITY, "slot": 8}, "slot_managed"),
    ],
)
async def test_bad_input_is_a_translated_validation_error(
    act: Act, hass: HomeAssistant, loaded: MockConfigEntry, service: str, data: dict[str, Any], key: str
) -> None:
    """Every bad input names what is wrong, and nothing stored changes."""
    before = dict(loaded.subentries)
    with pytest.raises(ServiceValidationError) as err:
        await act(service, **data)
    assert err.value.translation_key == key
    assert loaded.subentries == before


async def test_unknown_or_unloaded_property(act: Act, hass: HomeAssistant, loaded: MockConfigEntry) -> None:
    """An action for a property that does not exist, or is not loaded, says so."""
    # Home Assistant's own lookup of an action's config entry, with its own translated messages.
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "sync", {"config_entry_id": "nope"}, blocking=True)
    assert err.value.translation_key == "service_config_entry_not_found"
    await hass.config_entries.async_unload(loaded.entry_id)
    assert loaded.state is ConfigEntryState.NOT_LOADED
    with pytest.raises(ServiceValidationError) as err:
        await act("sync")
    assert err.value.translation_key == "service_config_entry_not_loaded"


async def test_manual_pin_and_clear_slot(
    act: Act, hass: HomeAssistant, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """FR-025: a manual code sits outside planning until cleared; a foreign code in a free slot is cleared."""
    await act("set_manual_pin", lock=LOCK_ENTITY, slot=5, code="7777")
    assert zwave_lock.slots[5] == "7777"
    await act("sync")
    assert zwave_lock.slots[5] == "7777"
    await act("clear_slot", lock=LOCK_ENTITY, slot=5)
    assert 5 not in zwave_lock.slots
    zwave_lock.slots[6] = "3141"  # set at the keypad, unknown to guest_pins
    await act("clear_slot", lock=LOCK_ENTITY, slot=6)
    assert 6 not in zwave_lock.slots


async def test_clear_slot_keeps_what_the_lock_then_reports(
    act: Act, hass: HomeAssistant, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """A keypad code is cleared through the lock's writer and read back; a lock that kept it is seen to."""
    held = loaded.runtime_data.manager.locks["lock1"].writer.held
    zwave_lock.slots[6] = "3141"  # set at the keypad, unknown to guest_pins
    clear = zwave_lock.clear_usercode

    def acknowledge_but_keep(slot: int) -> None:
        """Answer the clear without clearing (a lock that lost the command)."""
        zwave_lock.calls.append(("clear", slot, None))

    zwave_lock.clear_usercode = acknowledge_but_keep  # type: ignore[method-assign]
    with pytest.raises(HomeAssistantError):  # the read-back shows the code is still there
        await hass.services.async_call(
            DOMAIN,
            "clear_slot",
            {"config_entry_id": loaded.entry_id, "lock": LOCK_ENTITY, "slot": 6},
            blocking=True,
        )
    assert (held[6].owner, held[6].code) == ("foreign", "3141")  # what the lock reports, not a made-up value
    zwave_lock.clear_usercode = clear  # type: ignore[method-assign]
    await act("sync")  # its queue clears it again within the batching window
    assert 6 not in zwave_lock.slots
    assert 6 not in held


async def test_get_codes_masks_unless_an_admin_reveals(
    act: Act, hass: HomeAssistant, loaded: MockConfigEntry, hass_admin_user: Any, hass_read_only_user: Any
) -> None:
    """Codes are masked by default; only an administrator who asks sees them."""
    masked = await act("get_codes")
    assert masked["locks"][LOCK_ENTITY]["slots"]["8"] == {
        "owner": "static:manager",
        "code": "••••",
        "issued_by_lock": False,
        "window": None,
        "state": "programmed",
    }
    from homeassistant.core import Context  # noqa: PLC0415

    revealed = await hass.services.async_call(
        DOMAIN,
        "get_codes",
        {"config_entry_id": loaded.entry_id, "reveal": True},
        blocking=True,
        return_response=True,
        context=Context(user_id=hass_admin_user.id),
    )
    assert revealed["locks"][LOCK_ENTITY]["slots"]["8"]["code"] == "9911"
    with pytest.raises(Unauthorized):
        await hass.services.async_call(
            DOMAIN,
            "get_codes",
            {"config_entry_id": loaded.entry_id, "reveal": True},
            blocking=True,
            return_response=True,
            context=Context(user_id=hass_read_only_user.id),
        )
