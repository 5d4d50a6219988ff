"""The Zigbee2MQTT path against a real broker (mosquitto) and a scripted Zigbee2MQTT lock on it."""

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

from homeassistant.const import EVENT_CALL_SERVICE, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import CONF_PATH, DEFAULT_OPTIONS, DOMAIN
from custom_components.guest_pins.core.model import Interval, SlotCode
from custom_components.guest_pins.locks.base import Capabilities, LockPathError
from custom_components.guest_pins.locks.zigbee2mqtt import Zigbee2MQTTPath

from .contract import Reports, check_contract
from .leaks import places_holding
from .mqtt_peer import ScriptedZigbeeLock
from .property_builders import FEED_URL, calendar_subentry, feed_around_today, lock_subentry
from .waiting import until

LOCK_NAME = "Front Lock"
LOCK_ENTITY = "lock.front_lock"


@pytest.fixture
def zigbee_lock(broker: int) -> Generator[ScriptedZigbeeLock]:
    """Return a scripted Zigbee2MQTT keypad lock that exposes its PINs."""
    lock = ScriptedZigbeeLock(broker, LOCK_NAME)
    yield lock
    lock.close()


@dataclass
class ZigbeeLockPeer:
    """The scripted Zigbee2MQTT lock as the contract sees it."""

    path: Zigbee2MQTTPath
    lock: ScriptedZigbeeLock
    reports_itself: bool = True
    code_length: int = 4

    async def held(self, slot: int) -> str | None:
        """Return the code the scripted lock holds in a user slot."""
        return self.lock.users[slot]

    async def window(self, slot: int) -> Interval | None:
        """Zigbee2MQTT locks enforce no windows (the path declares none)."""
        raise NotImplementedError

    async def answer(self, *, answering: bool) -> None:
        """Stop answering and go offline (as Zigbee2MQTT reports an unreachable device), or come back."""
        self.lock.answer = answering
        self.lock.set_online(online=answering)


def zigbee_path(hass: HomeAssistant, **kwargs: Any) -> Zigbee2MQTTPath:
    """Return a path to the scripted lock, with the capabilities the factory gives Zigbee2MQTT locks."""
    capabilities = Capabilities(slot_count=10, read_back=True, confirmed_writes=True)
    return Zigbee2MQTTPath(hass, LOCK_ENTITY, LOCK_NAME, capabilities, **kwargs)


async def test_contract(
    hass: HomeAssistant, mqtt_entry: MockConfigEntry, zigbee_lock: ScriptedZigbeeLock
) -> None:
    """The path keeps the contract over a real broker; the PIN travels as a string, one publish per write."""
    path = zigbee_path(hass, timeout=0.5)
    await check_contract(ZigbeeLockPeer(path, zigbee_lock))
    assert zigbee_lock.commands[-1] == {
        "user": 3,
        "user_type": "unrestricted",
        "user_enabled": True,
        "pin_code": "4567",
    }


async def test_without_expose_pin_read_back_trusts_status(
    hass: HomeAssistant, mqtt_entry: MockConfigEntry, broker: int
) -> None:
    """Without expose_pin the lock reports only the slot's status; the written code stands for it."""
    lock = ScriptedZigbeeLock(broker, LOCK_NAME, expose_pin=False)
    try:
        path = zigbee_path(hass)
        await path.async_start(Reports())
        await until(path.available, "the lock's availability")
        await path.async_set(2, SlotCode("stay:a", "1357"), None)
        assert await path.async_read(2) == "1357"
        path.stop()
    finally:
        lock.close()


async def test_without_mqtt_the_path_is_down(hass: HomeAssistant) -> None:
    """With no MQTT integration the lock is unavailable and writes fail clearly."""
    path = Zigbee2MQTTPath(hass, LOCK_ENTITY, LOCK_NAME, Capabilities())
    await path.async_start(Reports())
    assert not path.available()
    with pytest.raises(LockPathError, match="MQTT refused"):
        await path.async_clear(1, None)


async def load_zigbee_property(
    hass: HomeAssistant,
    mqtt_entry: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
    lock_state: str = "locked",
) -> MockConfigEntry:
    """Load a property managing the Zigbee2MQTT lock, with a stay from yesterday to the day after tomorrow."""
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=mqtt_entry.entry_id,
        identifiers={("mqtt", "zigbee2mqtt_0x00158d0001")},
        name=LOCK_NAME,
    )
    er.async_get(hass).async_get_or_create(
        "lock", "mqtt", "0x00158d0001_lock_zigbee2mqtt", suggested_object_id="front_lock", device_id=device.id
    )
    hass.states.async_set(LOCK_ENTITY, lock_state)
    lock = lock_subentry(entity_id=LOCK_ENTITY)
    lock["data"] = {**lock["data"], CONF_PATH: "zigbee2mqtt"}
    aioclient_mock.get(FEED_URL, content=feed_around_today())
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock, calendar_subentry()],
    )
    entry.add_to_hass(hass)
    await hass.config.async_set_time_zone("Europe/Berlin")
    assert await hass.config_entries.async_setup(entry.entry_id)
    return entry


async def test_property_programs_a_zigbee_lock_over_mqtt(
    hass: HomeAssistant,
    mqtt_entry: MockConfigEntry,
    zigbee_lock: ScriptedZigbeeLock,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """US5-2: with Zigbee2MQTT there, guest_pins talks MQTT directly, not through any action."""
    calls = async_capture_events(hass, EVENT_CALL_SERVICE)
    entry = await load_zigbee_property(hass, mqtt_entry, aioclient_mock, property_data)
    await until(lambda: zigbee_lock.users[1] == "4567", "the guest's code on the Zigbee lock")
    manager = entry.runtime_data.manager
    await until(lambda: not any(lock.queue for lock in manager.locks.values()), "the write confirmed")
    # One command: the lock's confirmation was heard (sent right after start, before the subscription
    # reached the broker, it was lost and the code written twice).
    assert zigbee_lock.commands == [
        {"user": 1, "user_type": "unrestricted", "user_enabled": True, "pin_code": "4567"}
    ]
    assert [call.data for call in calls] == []
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_an_offline_zigbee_lock_gets_its_code_when_it_is_back(
    hass: HomeAssistant,
    mqtt_entry: MockConfigEntry,
    zigbee_lock: ScriptedZigbeeLock,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """Edge case "lock offline": the code waits; Zigbee2MQTT's "online" is a report that delivers it."""
    await ZigbeeLockPeer(zigbee_path(hass), zigbee_lock).answer(answering=False)
    # Home Assistant's own MQTT lock entity follows the same availability topic.
    entry = await load_zigbee_property(hass, mqtt_entry, aioclient_mock, property_data, STATE_UNAVAILABLE)
    manager = entry.runtime_data.manager
    lock_id = next(iter(manager.locks))
    await until(lambda: not manager.locks[lock_id].path.available(), "the lock seen offline")
    await until(lambda: len(manager.locks[lock_id].queue) == 1, "the guest's code queued")
    assert zigbee_lock.users[1] is None
    assert hass.states.get("sensor.front_door_status").state == "offline"  # type: ignore[union-attr]
    zigbee_lock.answer = True
    zigbee_lock.set_online(online=True)
    await until(lambda: zigbee_lock.users[1] == "4567", "the guest's code once the lock is back")
    await until(lambda: len(manager.locks[lock_id].queue) == 0, "the queue emptied")
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_the_guest_typing_the_code_on_the_zigbee_keypad_checks_the_stay_in(
    hass: HomeAssistant,
    mqtt_entry: MockConfigEntry,
    zigbee_lock: ScriptedZigbeeLock,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """Zigbee2MQTT's keypad unlock by user 1, over the real broker: the guest in slot 1 has arrived."""
    events = async_capture_events(hass, "guest_pins_event")
    entry = await load_zigbee_property(hass, mqtt_entry, aioclient_mock, property_data)
    await until(lambda: zigbee_lock.users[1] == "4567", "the guest's code on the Zigbee lock")
    zigbee_lock.operate("unlock", 1)
    await until(
        lambda: hass.states.get("sensor.front_door_stay_status").state == "checked_in",  # type: ignore[union-attr]
        "the stay checked in",
    )
    (used,) = [event.data for event in events if event.data["type"] == "code_used"]
    assert (used["who"], used["slot"], used["lock"]) == ("guest", 1, LOCK_ENTITY)
    assert not places_holding("4567", events)
    assert await hass.config_entries.async_unload(entry.entry_id)
