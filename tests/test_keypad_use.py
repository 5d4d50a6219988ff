"""Keypad use: each lock path that can reports a code opening its lock at the keypad, and nothing else.

Z-Wave JS against the real zwave-js driver and Home Assistant's real zwave_js (the lock sends the Access
Control notification); Zigbee2MQTT against a real broker; ZHA and Matter through the bus events and entity
states their Home Assistant integrations produce (no ZHA or Matter peer runs here). The real peers run on
their own time, so those tests poll them (bounded); the others need no waiting.
"""

from dataclasses import dataclass, field
import logging
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.guest_pins.locks.action_paths import MatterPath, ZHAPath
from custom_components.guest_pins.locks.base import Capabilities, KeypadUse
from custom_components.guest_pins.locks.factory import PathSpec, create_path
from custom_components.guest_pins.locks.memory import InMemoryLockPath
from custom_components.guest_pins.locks.zigbee2mqtt import Zigbee2MQTTPath
from custom_components.guest_pins.locks.zwave_js import ZWaveJSPath

from .contract import Reports
from .lock_entities import StandInLock, async_install_locks
from .mqtt_peer import ScriptedZigbeeLock
from .property_builders import BERLIN
from .waiting import until
from .zwave_double import install_zwave_locks
from .zwave_peer import CODES_NODE, CREDENTIALS_NODE, ZWavePeer

ZWAVE_NOTIFICATION = "zwave_js_notification"
KEYPAD_LOCK, KEYPAD_UNLOCK, USER_CODE_UNLOCK, CREDENTIAL_UNLOCK = 5, 6, 34, 36
SIDE, BACK = "lock.side_door", "lock.back_door"


@dataclass
class Uses:
    """Collects the keypad uses a path reports."""

    seen: list[KeypadUse] = field(default_factory=list)

    def __call__(self, use: KeypadUse) -> None:
        """Keep one use."""
        self.seen.append(use)


def device_of(hass: HomeAssistant, entity_id: str) -> str:
    """Return the device of a lock entity (what the integrations' bus events name)."""
    entry = er.async_get(hass).async_get(entity_id)
    assert entry is not None
    assert entry.device_id is not None
    return entry.device_id


async def test_zwave_keypad_unlock_names_its_slot_through_the_real_driver(
    zwave_peer: ZWavePeer, hass: HomeAssistant, zwave_locks: dict[int, str]
) -> None:
    """The lock's keypad unlock is its user's slot; another lock's, a keypad lock, or after stop: nothing.

    An unlock with a user code (34) names the user too; a credential unlock (36) carries data zwave-js does
    not decode, so it is the keypad without a slot.
    """
    path = ZWaveJSPath(
        hass, zwave_locks[CODES_NODE], Capabilities(slot_count=10, read_back=True), zone=BERLIN
    )
    uses = Uses()
    notifications = async_capture_events(hass, ZWAVE_NOTIFICATION)
    await path.async_start(Reports(), uses)

    async def report(node: int, user: int, event: int = KEYPAD_UNLOCK) -> dict[str, Any]:
        """Have a simulated lock report a code's use; return the bus event Home Assistant fired for it."""
        seen = len(notifications)
        zwave_peer.keypad(node, user, event)

        def fired() -> list[dict[str, Any]]:
            """Return the lock's notification, once zwave_js fired it."""
            return [
                dict(item.data)
                for item in notifications[seen:]
                if item.data["node_id"] == node and item.data["event"] == event
            ]

        await until(lambda: bool(fired()), f"node {node}'s notification (event {event}) on the bus")
        return fired()[0]

    await report(CREDENTIALS_NODE, 5)  # the other lock's keypad: not this lock's guest
    await report(CODES_NODE, 3)
    assert uses.seen == [KeypadUse(3)]
    await report(CODES_NODE, 4, KEYPAD_LOCK)
    assert (await report(CODES_NODE, 6, USER_CODE_UNLOCK))["parameters"] == {"user ID": 6}
    undecoded = await report(CODES_NODE, 7, CREDENTIAL_UNLOCK)
    assert undecoded["parameters"] == {"type": "Buffer", "data": [0, 7, 1, 0, 7]}
    assert uses.seen == [KeypadUse(3), KeypadUse(6), KeypadUse(None)]
    path.stop()
    await report(CODES_NODE, 3)
    assert uses.seen == [KeypadUse(3), KeypadUse(6), KeypadUse(None)]


async def test_zwave_fallback_reports_keypad_use_and_keeps_no_code(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    """Where the driver is out of reach (the fallback), the bus event still reports; a PIN in it goes nowhere.

    zwave-js's `lookupUserIdInNotificationEvents` puts the user's code in the event's parameters.
    """
    await install_zwave_locks(hass, SIDE, BACK)
    path = ZWaveJSPath(hass, SIDE, Capabilities(slot_count=10), zone=BERLIN)
    uses = Uses()
    caplog.set_level(logging.DEBUG)
    await path.async_start(Reports(), uses)
    assert path._node() is None, "this test is about the fallback"

    def notify(entity_id: str, event: int, parameters: dict[str, Any]) -> None:
        """Fire what zwave_js fires for a lock's Access Control notification."""
        hass.bus.async_fire(
            ZWAVE_NOTIFICATION,
            {
                "device_id": device_of(hass, entity_id),
                "command_class": 113,
                "type": 6,
                "event": event,
                "parameters": parameters,
            },
        )

    looked_up = {"userId": 2, "userIdStatus": 1, "userCode": "4567"}
    notify(BACK, KEYPAD_UNLOCK, {"userId": 9})
    notify(SIDE, KEYPAD_UNLOCK, looked_up)
    notify(SIDE, KEYPAD_UNLOCK, {})  # a lock that names no user
    await hass.async_block_till_done()
    assert uses.seen == [KeypadUse(2), KeypadUse(None)]
    assert "4567" not in caplog.text
    path.stop()


async def test_zigbee2mqtt_keypad_unlock_names_its_slot_over_a_real_broker(
    hass: HomeAssistant, mqtt_entry: MockConfigEntry, broker: int
) -> None:
    """Only an unlock from the keypad is a use: not a lock, a manual unlock, a wrong code or a retained one.

    Each message is still a report (the lock talked).
    """
    lock = ScriptedZigbeeLock(broker, "Front Lock")
    try:
        # Retained (the device option `retain`): delivered again on every subscription, an old operation.
        await hass.async_add_executor_job(lock.operate("unlock", 2, retain=True).wait_for_publish, 5)
        path = Zigbee2MQTTPath(hass, "lock.front_lock", "Front Lock", Capabilities(slot_count=10))
        uses, reports = Uses(), Reports()
        await path.async_start(reports, uses)
        await until(path.available, "the lock's availability")
        lock.operate("lock", 5)
        lock.operate("unlock", 6, "manual")
        lock.operate("unlock_failure_invalid_pin_or_id", 7)
        lock.operate("unlock", 8, named=False)  # only `action_source` 0
        lock.operate("unlock", 4)
        await until(lambda: len(uses.seen) >= 2, "the keypad unlocks")
        assert uses.seen == [KeypadUse(8), KeypadUse(4)]
        assert reports.count >= 5
        path.stop()
    finally:
        lock.close()


async def test_zha_operation_event_names_the_code_slot(hass: HomeAssistant) -> None:
    """ZHA's operation event from the keypad is the slot; another device, source or operation is not."""
    await async_install_locks(hass, "zha", [StandInLock("zha", SIDE, 1), StandInLock("zha", BACK, 2)])
    path = ZHAPath(hass, SIDE, Capabilities(slot_count=10))
    uses = Uses()
    await path.async_start(Reports(), uses)

    def operate(entity_id: str, source: str, operation: str, code_slot: int, **data: Any) -> None:
        """Fire what ZHA fires for a lock's operation event notification."""
        hass.bus.async_fire(
            "zha_event",
            {
                "device_ieee": "00:11:22:33:44:55:66:77",
                "device_id": device_of(hass, entity_id),
                "unique_id": "00:11:22:33:44:55:66:77:1:0x0101",
                "endpoint_id": 1,
                "cluster_id": 257,
                "command": "operation_event_notification",
                "args": {"source": source, "operation": operation, "code_slot": code_slot},
                "params": {},
                **data,
            },
        )

    operate(BACK, "Keypad", "Unlock", 2)
    operate(SIDE, "RF", "Unlock", 3)
    operate(SIDE, "Keypad", "Lock", 3)
    operate(SIDE, "Keypad", "UnlockFailureInvalidPINorID", 3)
    operate(SIDE, "Keypad", "Unlock", 3, command="programming_event_notification")
    operate(SIDE, "Keypad", "Unlock", 4)
    await hass.async_block_till_done()
    assert uses.seen == [KeypadUse(4)]
    path.stop()
    operate(SIDE, "Keypad", "Unlock", 4)
    await hass.async_block_till_done()
    assert uses.seen == [KeypadUse(4)]


class MatterLockStandIn(StandInLock):
    """A Matter lock entity, written as Home Assistant's is: each report as it comes, in either order.

    `changed_by` comes from the lock's operation event, the state from its lock state attribute.
    """

    _attr_changed_by = "Unknown"

    def __init__(self) -> None:
        """Stand for the side door."""
        super().__init__("matter", SIDE, 1)

    def write(
        self,
        *,
        locked: bool | None = None,
        unlatched: bool = False,
        by: str | None = None,
        available: bool = True,
    ) -> None:
        """Write what the lock reported: its state (attribute), the operation's source (event), or neither."""
        if locked is not None:
            self._attr_is_locked = locked
        self._attr_is_open = unlatched
        if by is not None:
            self._attr_changed_by = by
        self._attr_available = available
        self.async_write_ha_state()


async def test_matter_keypad_unlock_is_reported_without_a_slot(hass: HomeAssistant) -> None:
    """Turning unlocked by the keypad is one use, in either order; a lock, other sources, a return: none.

    Home Assistant's Matter lock keeps only the source of an operation, so the use names no slot.
    """
    lock = MatterLockStandIn()
    await async_install_locks(hass, "matter", [lock])
    path = MatterPath(hass, SIDE, Capabilities(slot_count=10))
    uses = Uses()
    await path.async_start(Reports(), uses)

    lock.write(by="Keypad")  # the operation event first ...
    lock.write(locked=False)  # ... then the state: one use
    lock.write(locked=False, unlatched=True)  # and unlatched (Matter's "open"): the same use
    lock.write(locked=True)  # locked at the keypad: no use
    lock.write(locked=False)  # the state first (the source still "Keypad") ...
    lock.write(by="Keypad")  # ... then the same source again: one use
    lock.write(by="Manual")
    lock.write(locked=True)
    lock.write(locked=False)  # the state first, with the manual source ...
    lock.write(by="Keypad")  # ... then the keypad's event: one use
    lock.write(by="Remote")
    lock.write(locked=True)
    lock.write(locked=False)
    lock.write(available=False)
    lock.write(by="Keypad", available=False)
    lock.write()  # back from unavailable, showing the keypad's last unlock: no use
    await hass.async_block_till_done()
    assert uses.seen == [KeypadUse(None)] * 3
    path.stop()
    lock.write(locked=True)
    lock.write(locked=False)
    await hass.async_block_till_done()
    assert uses.seen == [KeypadUse(None)] * 3


async def test_simulated_keypad_reports_use_and_a_report() -> None:
    """The demo's keypad: a guest typing a slot's code is that slot's use, and the lock talked."""
    lock = InMemoryLockPath()
    lock.keypad(1)  # not started: nobody to tell, no failure
    uses, reports = Uses(), Reports()
    await lock.async_start(reports, uses)
    lock.keypad(2)
    assert uses.seen == [KeypadUse(2)]
    assert reports.count == 1


@pytest.mark.parametrize(
    ("kind", "reports_use"),
    [
        ("zwave_js", True),
        ("zigbee2mqtt", True),
        ("zha", True),
        ("simulated", True),
        ("matter", False),  # it reports the keypad, but not which slot
        ("ttlock", False),
        ("ring", False),
    ],
)
async def test_factory_declares_which_paths_name_the_slot(
    hass: HomeAssistant, kind: str, *, reports_use: bool
) -> None:
    """`reports_use` is declared where the lock says which slot's code opened it."""
    assert create_path(hass, PathSpec(kind, SIDE, 10, BERLIN)).capabilities.reports_use is reports_use
