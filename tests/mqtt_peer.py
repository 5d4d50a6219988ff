"""A real MQTT broker (Debian's mosquitto on a free loopback port) and a scripted Zigbee2MQTT lock on it."""

from collections.abc import Generator
import contextlib
import json
from pathlib import Path
import shutil
import socket
import subprocess
import tempfile
import threading
import time

import paho.mqtt.client as paho
import pytest

from .waiting import peer_missing

MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
START_TIMEOUT_S = 10.0
# zigbee-herdsman-converters' `lockSourceName`: the operation event's source, by number.
LOCK_SOURCES = {"keypad": 0, "rf": 1, "manual": 2, "rfid": 3}


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def mosquitto() -> Generator[int]:
    """Run a broker on 127.0.0.1 for one test; yield its port; stop it by its PID."""
    if not Path(MOSQUITTO).exists():
        peer_missing("mosquitto is not installed (.ci/run installs it from Debian)")
    port = free_port()
    # World-readable: as root mosquitto drops to its own user before it reads the config.
    workdir = Path(tempfile.mkdtemp(prefix="guest-pins-mqtt-"))
    workdir.chmod(0o755)
    config = workdir / "mosquitto.conf"
    config.write_text(
        f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n",
        encoding="utf-8",
    )
    config.chmod(0o644)
    process = subprocess.Popen([MOSQUITTO, "-c", str(config)], stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail("mosquitto did not start")
            time.sleep(0.05)  # polling a subprocess's port, not the code under test
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


class ScriptedZigbeeLock:
    """Answers on the broker like Zigbee2MQTT does for a keypad lock (users state, pin_code actions)."""

    def __init__(self, port: int, name: str, *, slots: int = 10, expose_pin: bool = True) -> None:
        """Connect to the broker as the lock's bridge and announce the lock online."""
        self.name = name
        self.expose_pin = expose_pin
        self.users: dict[int, str | None] = dict.fromkeys(range(1, slots + 1))
        self.commands: list[dict[str, object]] = []
        self.answer = True
        self._ready = threading.Event()
        self.client = paho.Client(paho.CallbackAPIVersion.VERSION2, client_id=f"z2m-{name}")
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()
        if not self._ready.wait(START_TIMEOUT_S):
            pytest.fail("the scripted Zigbee2MQTT lock could not subscribe")

    @property
    def topic(self) -> str:
        """Return the lock's state topic."""
        return f"zigbee2mqtt/{self.name}"

    def _on_connect(self, client: paho.Client, *_: object) -> None:
        """Subscribe to the lock's command topics once connected."""
        client.subscribe([(f"{self.topic}/set", 1), (f"{self.topic}/get", 1)])
        self.set_online(online=True)
        self._ready.set()

    def set_online(self, *, online: bool) -> None:
        """Publish the lock's availability, as Zigbee2MQTT does (retained)."""
        payload = json.dumps({"state": "online" if online else "offline"})
        self.client.publish(f"{self.topic}/availability", payload, qos=1, retain=True)

    def _state(self, *, retain: bool = False, **extra: object) -> paho.MQTTMessageInfo:
        """Publish the lock's state with its users (and what else Zigbee2MQTT merges into the message)."""
        users = {
            str(slot): {
                "status": "enabled" if code else "available",
                **({"pin_code": code} if self.expose_pin and code else {}),
            }
            for slot, code in self.users.items()
        }
        return self.client.publish(self.topic, json.dumps({"users": users, **extra}), qos=1, retain=retain)

    def operate(
        self, action: str, user: int, source: str = "keypad", *, named: bool = True, retain: bool = False
    ) -> paho.MQTTMessageInfo:
        """Publish a lock operation as Zigbee2MQTT's `lock_operation_event` does ("unlock" by "keypad").

        `named`: with `action_source_name` (else only `action_source`, the number); `retain`: as with the
        device option `retain`. Returns the publish, to wait for where the broker must have it.
        """
        operation = {
            "action": action,
            "action_user": user,
            "action_source": LOCK_SOURCES[source],
            **({"action_source_name": source} if named else {}),
        }
        return self._state(retain=retain, **operation)

    def _on_message(self, _client: paho.Client, _userdata: object, message: paho.MQTTMessage) -> None:
        """Carry out set/get commands and report like the real bridge."""
        command = json.loads(message.payload)["pin_code"]
        self.commands.append(command)
        if not self.answer:
            return
        slot = int(command["user"])
        if message.topic.endswith("/get"):
            self._state()
            return
        code = command.get("pin_code")
        if code is not None and not isinstance(code, str):
            return  # Zigbee2MQTT wants the PIN as a string
        self.users[slot] = code
        self._state(action="pin_code_added" if code else "pin_code_deleted", action_user=slot)

    def close(self) -> None:
        """Disconnect and stop the network thread (the test plugin flags lingering threads)."""
        self.client.disconnect()
        self.client.loop_stop()
