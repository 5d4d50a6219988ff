"""A property or lock taken out of guest_pins takes its codes off the lock: nobody would remove them later.

The Beach House's front door (Z-Wave, through Home Assistant's zwave_js actions) holds the manager's code in
slot 8 and, from Tuesday's check-in, Jane's 4567 in slot 1. It is Tuesday 15 Dec 2026, 16:00 in Berlin.
"""

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import persistent_notification
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.guest_pins.const import DOMAIN

from .leaks import places_holding
from .property_builders import LOCK_ID, at, move_to, stored_keys
from .zwave_double import FakeZWaveLock


async def _checked_in(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, zwave_lock: FakeZWaveLock
) -> dict[int, str]:
    """Move to Jane's check-in and return what the lock holds then (her code and the manager's)."""
    await move_to(hass, freezer, at(2026, 12, 15, 16))
    assert zwave_lock.slots[1] == "4567"
    assert 8 in zwave_lock.slots
    return dict(zwave_lock.slots)


async def test_a_removed_property_clears_every_code_it_put_on_its_locks(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    loaded: MockConfigEntry,
    zwave_lock: FakeZWaveLock,
    hass_storage: dict[str, Any],
) -> None:
    """Deleting the property: Jane's and the manager's codes leave the door, once each; no store is left."""
    held = await _checked_in(hass, freezer, zwave_lock)
    writes = len(zwave_lock.writes)
    assert (await hass.config_entries.async_remove(loaded.entry_id))["require_restart"] is False
    await hass.async_block_till_done()
    assert zwave_lock.slots == {}
    assert sorted(slot for _, slot, _ in zwave_lock.writes[writes:]) == sorted(held)
    assert stored_keys(hass_storage, loaded.entry_id) == []


async def test_a_removed_lock_is_cleared_and_the_property_runs_on(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """Taking the front door out of the property clears it; the property stays loaded without it."""
    await _checked_in(hass, freezer, zwave_lock)
    hass.config_entries.async_remove_subentry(loaded, LOCK_ID)
    await hass.async_block_till_done()
    assert loaded.state is ConfigEntryState.LOADED
    assert zwave_lock.slots == {}
    assert LOCK_ID not in loaded.runtime_data.manager.state.lock_contents  # nothing kept of it
    assert not [
        entity
        for entity in er.async_entries_for_config_entry(er.async_get(hass), loaded.entry_id)
        if entity.config_subentry_id == LOCK_ID
    ]
    writes = len(zwave_lock.writes)
    await move_to(hass, freezer, at(2026, 12, 19, 11))  # the cleaner's Saturday: nothing goes on that door
    assert zwave_lock.writes[writes:] == []


async def test_a_lock_that_does_not_confirm_the_clears_is_named_to_the_host(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """The lock fails to answer while it is removed: the host is told which slots to clear, without a code."""
    await _checked_in(hass, freezer, zwave_lock)
    zwave_lock.fail = True
    hass.config_entries.async_remove_subentry(loaded, LOCK_ID)
    await hass.async_block_till_done()
    assert zwave_lock.slots[1] == "4567"
    shown = persistent_notification._async_get_or_create_notifications(hass)
    (notice,) = [item for key, item in shown.items() if key.startswith(f"{DOMAIN}_codes_left_{LOCK_ID}")]
    assert notice["title"] == "Beach House: Codes may still open Front door"
    assert "(slots 1, 8)" in notice["message"]
    assert not places_holding("4567", notice)
