"""The Zigbee2MQTT path against a real broker (mosquitto) and a scripted Zigbee2MQTT lock on it."""

from collections.abc import AsyncGenerator, Generator
from datetime import timedelta
from typing import Any
from unittest.mock import patch

from homeassistant.components import mqtt
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import CONF_PATH, DEFAULT_OPTIONS, DOMAIN
from custom_components.guest_pins.core.model import SlotCode
from custom_components.guest_pins.locks.base import Capabilities, LockPathError
from custom_components.guest_pins.locks.zigbee2mqtt import Zigbee2MQTTPath

from .mqtt_peer import ScriptedZigbeeLock, mosquitto
from .property_builders import FEED_URL, calendar_subentry, lock_subentry
from .waiting import until

LOCK_NAME = "Front Lock"
LOCK_ENTITY = "lock.front_lock"


@pytest.fixture
def broker(socket_enabled: None) -> Generator[int]:
    """Run mosquitto for the test (requested before `hass`, so Home Assistant disconnects first)."""
    with mosquitto() as port:
        yield port


@pytest.fixture
async def mqtt_entry(
    broker: int, hass: HomeAssistant, socket_enabled: None, mock_hass_config: None
) -> AsyncGenerator[MockConfigEntry]:
    """Connect Home Assistant's real MQTT integration to the broker; unload it while the broker is up."""
    entry = MockConfigEntry(
        domain="mqtt",
        version=2,
        minor_version=1,
        data={"broker": "127.0.0.1", "port": broker, "protocol": "5"},
        options={"discovery": False, "birth_message": {}},
    )
    entry.add_to_hass(hass)
    with patch("homeassistant.components.mqtt.client.INITIAL_SUBSCRIBE_COOLDOWN", 0):
        assert await hass.config_entries.async_setup(entry.entry_id)
        assert await mqtt.async_wait_for_mqtt_client(hass)
        await until(lambda: mqtt.is_connected(hass), "the MQTT connection")
        yield entry
        assert await hass.config_entries.async_unload(entry.entry_id)


@pytest.fixture
def zigbee_lock(broker: int) -> Generator[ScriptedZigbeeLock]:
    """Return a scripted Zigbee2MQTT keypad lock that exposes its PINs."""
    lock = ScriptedZigbeeLock(broker, LOCK_NAME)
    yield lock
    lock.close()


async def started_path(hass: HomeAssistant, **kwargs: Any) -> Zigbee2MQTTPath:
    """Return a started path to the scripted lock, once the lock is seen online."""
    path = Zigbee2MQTTPath(
        hass, LOCK_ENTITY, LOCK_NAME, Capabilities(slot_count=10, read_back=True), **kwargs
    )
    await path.async_start()
    await until(path.available, "the lock's availability")
    return path


async def test_contract_set_overwrite_read_clear(
    hass: HomeAssistant, mqtt_entry: MockConfigEntry, zigbee_lock: ScriptedZigbeeLock
) -> None:
    """Set, overwrite, read back and clear, each confirmed by the lock; the PIN travels as a string."""
    path = await started_path(hass)
    await path.async_set(3, SlotCode("stay:a", "0456"))
    assert zigbee_lock.users[3] == "0456"
    assert zigbee_lock.commands[-1] == {
        "user": 3,
        "user_type": "unrestricted",
        "user_enabled": True,
        "pin_code": "0456",
    }
    assert await path.async_read(3) == "0456"
    await path.async_set(3, SlotCode("stay:b", "7788"))
    assert zigbee_lock.users[3] == "7788"
    await path.async_clear(3)
    assert zigbee_lock.users[3] is None
    assert await path.async_read(3) is None
    path.stop()


async def test_without_expose_pin_read_back_trusts_status(
    hass: HomeAssistant, mqtt_entry: MockConfigEntry, broker: int
) -> None:
    """Without expose_pin the lock reports only the slot's status; the written code stands for it."""
    lock = ScriptedZigbeeLock(broker, LOCK_NAME, expose_pin=False)
    try:
        path = await started_path(hass)
        await path.async_set(2, SlotCode("stay:a", "1357"))
        assert await path.async_read(2) == "1357"
        path.stop()
    finally:
        lock.close()


async def test_unavailable_and_unconfirmed(
    hass: HomeAssistant, mqtt_entry: MockConfigEntry, zigbee_lock: ScriptedZigbeeLock
) -> None:
    """Offline shows as unavailable; a lock that never confirms is a write error, not a silent success."""
    path = await started_path(hass, timeout=0.5)
    zigbee_lock.set_online(online=False)
    await until(lambda: not path.available(), "the lock going offline")
    zigbee_lock.set_online(online=True)
    await until(path.available, "the lock coming back")
    zigbee_lock.answer = False
    with pytest.raises(LockPathError, match="did not confirm"):
        await path.async_set(1, SlotCode("stay:a", "2468"))
    path.stop()


async def test_without_mqtt_the_path_is_down(hass: HomeAssistant) -> None:
    """With no MQTT integration the lock is unavailable and writes fail clearly."""
    path = Zigbee2MQTTPath(hass, LOCK_ENTITY, LOCK_NAME, Capabilities())
    await path.async_start()
    assert not path.available()
    with pytest.raises(LockPathError, match="MQTT refused"):
        await path.async_clear(1)


def feed_around_today() -> bytes:
    """Return an Airbnb-shaped feed with a stay from yesterday to tomorrow (real time: the broker is real)."""
    today = dt_util.now().date()

    def day(offset: int) -> str:
        """Return a date N days from today in iCal's form."""
        return (today + timedelta(days=offset)).strftime("%Y%m%d")

    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Airbnb Inc//Hosting Calendar 1.0//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:now@airbnb.com\r\nDTSTART;VALUE=DATE:{day(-1)}\r\nDTEND;VALUE=DATE:{day(2)}\r\nSUMMARY:Reserved\r\n"
        "DESCRIPTION:Phone Number (Last 4 Digits): 4567\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


async def test_property_programs_a_zigbee_lock_over_mqtt(
    hass: HomeAssistant,
    mqtt_entry: MockConfigEntry,
    zigbee_lock: ScriptedZigbeeLock,
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """US5-2: with Zigbee2MQTT there, guest_pins talks MQTT directly: the stay's code reaches the lock."""
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=mqtt_entry.entry_id,
        identifiers={("mqtt", "zigbee2mqtt_0x00158d0001")},
        name=LOCK_NAME,
    )
    er.async_get(hass).async_get_or_create(
        "lock", "mqtt", "0x00158d0001_lock_zigbee2mqtt", suggested_object_id="front_lock", device_id=device.id
    )
    hass.states.async_set(LOCK_ENTITY, "locked")
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
    await until(lambda: zigbee_lock.users[1] == "4567", "the guest's code on the Zigbee lock")
    assert await hass.config_entries.async_unload(entry.entry_id)
