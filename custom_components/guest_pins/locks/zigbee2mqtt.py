"""Zigbee2MQTT over Home Assistant's MQTT integration: `pin_code` on `zigbee2mqtt/<name>/set` (FR-018).

A write counts only once the lock confirms it: its `users` state shows the slot enabled (and, with the
device option `expose_pin`, holding the code: the read-back comes with the confirmation, no extra `get` is
spent) or it reports the `pin_code_added` action for that user; a clear likewise (`available` /
`pin_code_deleted`). Without `expose_pin` Zigbee2MQTT never returns codes, so a read trusts the slot's
status and the code guest_pins wrote. Availability follows `zigbee2mqtt/<name>/availability`
(`{"state": "online"}` or, in older setups, plain `online`); every message from the lock is a report.
Keypad use: Zigbee2MQTT's `lock_operation_event` publishes `action: unlock` with `action_source_name:
keypad` (`action_source` 0) and `action_user`, the user the path writes the slot's code to: reported with
that slot. A retained message (the device option `retain`) is an old operation, not a use.
Home Assistant sends new subscriptions to the broker after a short cool-down (half a second at start), so
the first command waits (at most `SUBSCRIBE_SETTLE`) until the lock's topics are heard: a confirmation that
arrives before the subscription would be lost, and the retry would cost the lock a second transaction.
"""

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
import json
from typing import TYPE_CHECKING, Any

from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError

from ..core.model import SlotCode
from .action_paths import slot_number
from .base import Capabilities, KeypadUse, LockPathError, ReportCallback, UseCallback, ignore_use

if TYPE_CHECKING:
    # Imported where used: the mqtt integration (and its paho requirement) exists only where a host set it up,
    # and guest_pins must load without it.
    from homeassistant.components.mqtt import ReceiveMessage

DEFAULT_BASE_TOPIC = "zigbee2mqtt"
CONFIRM_TIMEOUT = 10.0
# Longer than Home Assistant's first subscription cool-down (0.5 s) and a broker's answer on a busy host.
SUBSCRIBE_SETTLE = 2.0

type Check = Callable[[], bool]


@dataclass
class _Slot:
    """What the lock last reported about one user slot."""

    status: str | None = None
    pin_code: str | None = None


@dataclass
class Zigbee2MQTTPath:
    """Writes a Zigbee2MQTT lock's PIN codes over MQTT and waits for the lock to confirm them."""

    hass: HomeAssistant
    entity_id: str
    device_name: str
    capabilities: Capabilities
    base_topic: str = DEFAULT_BASE_TOPIC
    timeout: float = CONFIRM_TIMEOUT
    transactions: int = 0
    _on_report: ReportCallback | None = None
    _on_use: UseCallback = ignore_use
    _slots: dict[int, _Slot] = field(default_factory=dict)
    _written: dict[int, str] = field(default_factory=dict)
    _online: bool | None = None
    _waiters: list[tuple[Check, asyncio.Future[None]]] = field(default_factory=list)
    _unsubscribe: list[CALLBACK_TYPE] = field(default_factory=list)
    _heard: asyncio.Event = field(default_factory=asyncio.Event)
    _subscribed_at: float | None = None

    @property
    def topic(self) -> str:
        """Return the device's state topic."""
        return f"{self.base_topic}/{self.device_name}"

    async def async_start(self, on_report: ReportCallback, on_use: UseCallback = ignore_use) -> None:
        """Follow the lock's state and availability (without MQTT set up, writes fail until it is)."""
        self._on_report = on_report
        self._on_use = on_use
        try:
            from homeassistant.components import mqtt  # noqa: PLC0415 - see the TYPE_CHECKING note above

            self._unsubscribe = [
                await mqtt.async_subscribe(self.hass, self.topic, self._on_state),
                await mqtt.async_subscribe(self.hass, f"{self.topic}/availability", self._on_availability),
            ]
            self._subscribed_at = self.hass.loop.time()
        except HomeAssistantError, ImportError:
            self._online = False

    @callback
    def stop(self) -> None:
        """Stop following the lock (on unload)."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []

    def available(self) -> bool:
        """Return whether the lock is online (its availability topic, else its entity's state)."""
        if self._online is not None:
            return self._online
        state = self.hass.states.get(self.entity_id)
        return state is not None and state.state != STATE_UNAVAILABLE

    @callback
    def _on_availability(self, message: ReceiveMessage) -> None:
        """Track online/offline in either of Zigbee2MQTT's formats."""
        payload = str(message.payload).strip()
        try:
            decoded = json.loads(payload)
        except ValueError:
            decoded = payload
        state = decoded.get("state") if isinstance(decoded, dict) else decoded
        self._heard.set()
        self._online = state == "online"
        if self._online and self._on_report is not None:
            self._on_report()

    @callback
    def _on_state(self, message: ReceiveMessage) -> None:
        """Record what the lock reports about its users and keypad, then wake whoever waits for it."""
        try:
            state: Any = json.loads(message.payload)
        except ValueError:
            return
        if not isinstance(state, dict):
            return
        self._heard.set()
        if self._on_report is not None and not self._waiters:
            self._on_report()  # the lock talked on its own (not answering us): it is awake
        if not message.retain and (use := keypad_use(state)) is not None:
            self._on_use(use)
        for slot, user in (state.get("users") or {}).items():
            if isinstance(user, dict) and str(slot).isdigit():
                self._slots[int(slot)] = _Slot(user.get("status"), user.get("pin_code"))
        action, user = state.get("action"), state.get("action_user")
        if action in ("pin_code_added", "pin_code_deleted") and isinstance(user, int):
            held = self._slots.setdefault(user, _Slot())
            held.status = "enabled" if action == "pin_code_added" else "available"
        for check, future in list(self._waiters):
            if not future.done() and check():
                future.set_result(None)

    async def _subscriptions_settled(self) -> None:
        """Wait until the lock's topics were heard, or the subscriptions surely reached the broker."""
        if self._subscribed_at is None or self._heard.is_set():
            return
        remaining = self._subscribed_at + SUBSCRIBE_SETTLE - self.hass.loop.time()
        if remaining > 0:
            try:
                async with asyncio.timeout(remaining):
                    await self._heard.wait()
            except TimeoutError:
                pass  # a lock without retained availability: its subscription is active by now

    async def _publish_and_wait(self, suffix: str, payload: dict[str, Any], check: Check, what: str) -> None:
        """Publish a command and wait (bounded) until `check` holds for what the lock reports."""
        await self._subscriptions_settled()
        future: asyncio.Future[None] = self.hass.loop.create_future()
        waiter = (check, future)
        self._waiters.append(waiter)
        try:
            from homeassistant.components import mqtt  # noqa: PLC0415 - see the TYPE_CHECKING note above

            self.transactions += 1
            await mqtt.async_publish(self.hass, f"{self.topic}/{suffix}", json.dumps(payload))
            async with asyncio.timeout(self.timeout):
                await future
        except (HomeAssistantError, ImportError) as err:
            msg = f"MQTT refused the {what}: {type(err).__name__}"
            raise LockPathError(msg) from None
        except TimeoutError:
            msg = f"the lock did not confirm the {what} within {self.timeout:.0f} s"
            raise LockPathError(msg) from None
        finally:
            self._waiters.remove(waiter)

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Write a code to a user slot (the PIN as a string) and wait for the lock to confirm it."""
        self._slots.pop(slot, None)

        def confirmed() -> bool:
            """Return whether the lock reports the slot enabled (with the code, when it exposes codes)."""
            held = self._slots.get(slot)
            return held is not None and held.status == "enabled" and held.pin_code in (None, content.code)

        command = {"user": slot, "user_type": "unrestricted", "user_enabled": True, "pin_code": content.code}
        await self._publish_and_wait("set", {"pin_code": command}, confirmed, f"code for slot {slot}")
        self._written[slot] = content.code
        return None

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Clear a user slot and wait for the lock to report it free."""
        self._slots.pop(slot, None)

        def confirmed() -> bool:
            """Return whether the lock reports the slot free."""
            held = self._slots.get(slot)
            return held is not None and held.status == "available"

        await self._publish_and_wait(
            "set", {"pin_code": {"user": slot, "pin_code": None}}, confirmed, f"clear of slot {slot}"
        )
        self._written.pop(slot, None)

    async def async_read(self, slot: int) -> str | None:
        """Ask the lock for a slot; return its code (or, without expose_pin, the code written there)."""
        self._slots.pop(slot, None)
        await self._publish_and_wait(
            "get", {"pin_code": {"user": slot}}, lambda: slot in self._slots, f"read of slot {slot}"
        )
        held = self._slots[slot]
        if held.status != "enabled":
            return None
        return held.pin_code or self._written.get(slot)


def keypad_use(state: Mapping[str, Any]) -> KeypadUse | None:
    """Return the keypad unlock a state message reports, else None (a lock, a failure, another source).

    The source's name wins where both are there; without it, `action_source` 0 is the keypad.
    """
    if state.get("action") != "unlock":
        return None
    name, source = state.get("action_source_name"), state.get("action_source")
    from_keypad = name == "keypad" if name is not None else type(source) is int and source == 0
    return KeypadUse(slot_number(state.get("action_user"))) if from_keypad else None
