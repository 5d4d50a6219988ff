"""The Z-Wave server killed and started again while guest_pins has a change waiting for its lock.

A real zwave-js server with its simulated locks (tests/zwave_peer), killed as a crash does and started again
on the same port and cache, its locks keeping what they hold. Home Assistant's zwave_js reconnects by
itself; guest_pins' property reloads meanwhile (the host adds a PIN). Real time: the peer is a process.
"""

from typing import Any

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.guest_pins.const import CONF_BATCH_SECONDS, CONF_PATH, DEFAULT_OPTIONS, DOMAIN

from .property_builders import lock_subentry, static_subentry
from .waiting import until
from .zwave_peer import CODES_NODE, ZWavePeer

# zwave_js retries its connection with a growing back-off; the server takes a few seconds to start.
RECONNECT_S = 120.0


async def test_a_killed_zwave_server_loses_and_repeats_no_write(
    zwave_peer: ZWavePeer,
    hass: HomeAssistant,
    zwave_locks: dict[int, str],
    property_data: dict[str, Any],
) -> None:
    """The manager's code is on the lock; the server dies; the host adds the cleaner; it comes back.

    The cleaner's code reaches the lock once the server is back, written once; the manager's is neither
    lost nor written again, and guest_pins knows what the lock holds.
    """
    entity_id = zwave_locks[CODES_NODE]
    lock = lock_subentry(entity_id=entity_id)
    lock["data"] = {**lock["data"], CONF_PATH: "zwave_js"}
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options={**DEFAULT_OPTIONS, CONF_BATCH_SECONDS: 3},
        subentries_data=[lock, static_subentry("Manager", "9911")],
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    def slot_of(code: str) -> int | None:
        """Return the slot guest_pins believes holds a code."""
        held = entry.runtime_data.manager.locks["lock1"].writer.held
        return next((slot for slot, content in held.items() if content.code == code), None)

    await until(lambda: slot_of("9911") is not None, "the manager's code on the lock")
    manager_slot = slot_of("9911")
    assert manager_slot is not None
    assert zwave_peer.held(CODES_NODE, manager_slot)["code"] == "9911"
    assert zwave_peer.writes(CODES_NODE, manager_slot) == 1

    zwave_peer.kill()
    await until(lambda: hass.states.get(entity_id).state == "unavailable", "the lock to go away")
    await hass.services.async_call(
        DOMAIN,
        "add_static_pin",
        {"config_entry_id": entry.entry_id, "name": "Cleaner", "code": "5678", "locks": [entity_id]},
        blocking=True,
    )
    await hass.async_block_till_done()
    assert slot_of("5678") is None  # waiting: the lock cannot be reached

    zwave_peer.start_again()
    await until(
        lambda: slot_of("5678") is not None, "the cleaner's code after the server came back", RECONNECT_S
    )
    cleaner_slot = slot_of("5678")
    assert cleaner_slot is not None
    assert zwave_peer.held(CODES_NODE, cleaner_slot)["code"] == "5678"
    assert zwave_peer.held(CODES_NODE, manager_slot)["code"] == "9911"
    assert zwave_peer.writes(CODES_NODE, cleaner_slot) == 1
    assert zwave_peer.writes(CODES_NODE, manager_slot) == 1  # neither lost nor written again
    lock_runtime = entry.runtime_data.manager.locks["lock1"]
    assert (len(lock_runtime.queue), lock_runtime.writer.in_flight) == (0, {})
    assert await hass.config_entries.async_unload(entry.entry_id)
