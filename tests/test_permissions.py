"""Who may change a door: administrators and automations; every other user is told no, in words."""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.auth.models import User
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.guest_pins.const import DOMAIN

from .property_builders import move_to
from .zwave_double import LOCK_ENTITY, FakeZWaveLock

# Every action that changes a code, a slot or a schedule, opens a door or answers with a code.
GUARDED: dict[str, dict[str, Any]] = {
    "set_reservation_pin": {"reservation": "HMABCD1234", "code": "8080"},
    "regenerate_pin": {"reservation": "HMWXYZ9876"},
    "get_stay_code": {"reservation": "HMABCD1234"},
    "add_static_pin": {"name": "Gardener", "code": "2468", "locks": [LOCK_ENTITY]},
    "update_static_pin": {"name": "Manager", "code": "9922"},
    "remove_static_pin": {"name": "Manager"},
    "set_manual_pin": {"lock": LOCK_ENTITY, "slot": 5, "code": "7777"},
    "clear_slot": {"lock": LOCK_ENTITY, "slot": 6},
    "open_door": {"lock": LOCK_ENTITY},
    "get_codes": {"reveal": True},
}
RESPONDS = {"get_stay_code", "get_codes"}


async def _call(hass: HomeAssistant, entry: MockConfigEntry, action: str, user: User | None) -> Any:
    """Call an action as a user (None: as an automation does, without one)."""
    return await hass.services.async_call(
        DOMAIN,
        action,
        {"config_entry_id": entry.entry_id, **GUARDED[action]},
        blocking=True,
        return_response=action in RESPONDS,
        context=Context(user_id=user.id if user else None),
    )


@pytest.mark.parametrize("action", sorted(GUARDED))
async def test_a_user_who_is_not_an_administrator_is_told_no(
    hass: HomeAssistant,
    loaded: MockConfigEntry,
    zwave_lock: FakeZWaveLock,
    hass_read_only_user: User,
    action: str,
) -> None:
    """The refusal is translated, counts as unauthorized, and nothing changes."""
    subentries, memory = dict(loaded.subentries), dict(loaded.runtime_data.manager.state.memory)
    writes = list(zwave_lock.writes)
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, loaded, action, hass_read_only_user)
    assert isinstance(err.value, Unauthorized)
    assert err.value.translation_key == "not_allowed"
    assert str(err.value).startswith("Only an administrator can change door codes")
    await hass.async_block_till_done()
    assert loaded.subentries == subentries
    assert loaded.runtime_data.manager.state.memory == memory
    assert zwave_lock.writes == writes


@pytest.mark.parametrize("action", ["set_manual_pin", "get_stay_code", "add_static_pin", "get_codes"])
async def test_administrators_and_automations_may(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    loaded: MockConfigEntry,
    zwave_lock: FakeZWaveLock,
    hass_admin_user: User,
    action: str,
) -> None:
    """The same actions work for an administrator and for a call without a user (automations, scripts)."""
    for user in (hass_admin_user, None):
        response = await _call(hass, loaded, action, user)
        if action in RESPONDS:
            # The Dec 15 guest's code, or the codes the lock holds (Monday: the manager's), revealed.
            assert ("4567" if action == "get_stay_code" else "9911") in str(response)
        await hass.async_block_till_done()
        if action == "add_static_pin":  # the second would be a duplicate name: one run is the proof
            assert any(sub.title == "Gardener" for sub in loaded.subentries.values())
            return
    if action == "set_manual_pin":
        await move_to(hass, freezer, dt_util.utcnow() + timedelta(seconds=31))
        assert zwave_lock.slots[5] == "7777"


async def test_apply_pending_on_a_lock_out_of_reach_says_so(
    hass: HomeAssistant, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """The button does not do nothing silently: the host reads that the lock cannot be reached."""
    hass.states.async_set(LOCK_ENTITY, "unavailable")
    await hass.async_block_till_done()
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            "button", "press", {"entity_id": "button.front_door_apply_pending_now"}, blocking=True
        )
    assert err.value.translation_key == "lock_unreachable"
    assert str(err.value).startswith("Front door cannot be reached right now")
