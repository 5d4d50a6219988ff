"""Tuya: smart-lock temporary passwords through Tuya's cloud OpenAPI (tinytuya, always in the executor).

Each slot is a temporary password named after it. A guest's password carries the stay's window
(`effective_time` / `invalid_time`), a static PIN's week a `schedule_list`, so the lock enforces both itself.
The PIN travels encrypted: a password ticket's key, decrypted with the project's access secret, encrypts it
(AES-128-ECB). The cloud lists passwords (never their codes), so a read confirms the slot's password is there
and stands for the code written. When the lock itself is offline, a guest's window gets an offline temporary
password instead: the cloud computes one the lock accepts without a connection, so that code, not ours, is
the guest's (the writer reports it as issued). Only calls that reach the lock count as its transactions.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from ..core.model import SlotCode, WeeklySchedule
from ..core.windows import utc_offset_minutes
from .base import Capabilities, LockPathError, ReportCallback, UseCallback, ignore_use

# OpenAPI paths (not secrets: a temporary "password" is Tuya's word for a lock code).
DEVICE = "/v1.0/devices/{device}"
TICKET = "/v1.0/devices/{device}/door-lock/password-ticket"
TEMP_PASSWORD = "/v1.0/devices/{device}/door-lock/temp-password"  # noqa: S105
TEMP_PASSWORDS = "/v1.0/devices/{device}/door-lock/temp-passwords"
OFFLINE_PASSWORD = "/v1.1/devices/{device}/door-lock/offline-temp-password"  # noqa: S105
# Tuya's answer codes that repeating the same request cannot cure (bad key or secret, no permission,
# an illegal parameter such as a PIN of the wrong length for this lock).
PERMANENT_CODES = frozenset({1004, 1106, 1109, 2009, 2017})
# Answer codes meaning the project does not reach this device (unknown id, or not in the project).
TUYA_UNKNOWN_DEVICE = frozenset({1106, 2009})
# Passwords in these phases are gone (Wi-Fi locks report 0, Zigbee locks 4) or failed to be created (5, 7).
GONE_PHASES = frozenset({0, 4, 5, 7})
# An always-valid password still needs an end: ten years.
ALWAYS = timedelta(days=3650)
# After the cloud could not be reached, wait this long before trying it again.
UNREACHABLE_FOR = timedelta(minutes=1)


class TuyaProjectCheck(StrEnum):
    """What Tuya's cloud said of a project's key and a lock's device id."""

    OK = "ok"
    INVALID_AUTH = "invalid_auth"
    UNKNOWN_DEVICE = "unknown_device"
    CANNOT_CONNECT = "cannot_connect"


class TuyaRefusalError(LockPathError):
    """Tuya's cloud answered, and said no (`code` is its answer code; None: it refused the project's key)."""

    def __init__(self, message: str, code: int | None, *, permanent: bool) -> None:
        """Keep Tuya's answer code beside the message."""
        super().__init__(message, permanent=permanent)
        self.code = code


@dataclass(frozen=True, slots=True)
class TuyaCloud:
    """The Tuya IoT project and device a lock is reached through."""

    access_id: str
    access_secret: str
    region: str
    device_id: str


def password_name(slot: int) -> str:
    """Return the name guest_pins gives the password that stands for a slot."""
    return f"guest_pins slot {slot}"


def schedule_list(schedule: WeeklySchedule) -> list[dict[str, int]]:
    """Return a weekly schedule as Tuya's periodic entries (minutes of the day; bit 0 of the day is Sunday).

    A range past midnight becomes two entries, the second on the next day from 00:00.
    """
    return [
        _periodic(day, _minutes(start), _minutes(end) if end is not None else 24 * 60)
        for day, start, end in schedule.day_pieces()
    ]


def _minutes(clock: time) -> int:
    """Return a time of day as minutes since midnight."""
    return clock.hour * 60 + clock.minute


def _periodic(day: int, start: int, end: int) -> dict[str, int]:
    """Return one periodic entry; `day` counts from Monday = 0, Tuya's bits from Sunday = bit 0."""
    return {"effective_time": start, "invalid_time": end, "working_day": 1 << ((day + 1) % 7)}


def _utc_offset(minutes: int) -> str:
    """Return a UTC offset in minutes as Tuya's "+HH:MM"."""
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@dataclass
class TuyaPath:
    """Writes a Tuya lock's temporary passwords through the cloud."""

    hass: HomeAssistant
    entity_id: str
    capabilities: Capabilities
    cloud: TuyaCloud
    # The property's zone: a weekly schedule's minutes are the property's local time.
    zone: ZoneInfo = field(kw_only=True)
    unreachable_for: timedelta = UNREACHABLE_FOR
    transactions: int = 0
    _client: Any = None
    _unreachable_until: datetime | None = None
    _device_online: bool = True
    _written: dict[int, str] = field(default_factory=dict)
    # Slots holding an offline code: the code, and when it stops working (the cloud cannot delete it).
    _offline: dict[int, tuple[str, datetime]] = field(default_factory=dict)

    async def async_start(self, on_report: ReportCallback, on_use: UseCallback = ignore_use) -> None:
        """Learn whether the lock is online (Tuya pushes nothing here; its entity's changes are reports)."""
        try:
            await self._job(self._refresh_online)
        except LockPathError:
            return  # unreachable for now; writes wait and are tried again

    def stop(self) -> None:
        """Nothing to stop."""

    async def async_check(self) -> bool:
        """Ask the cloud for the lock (the lock flow's test of a project key); return if it is online."""
        return await self._job(self._refresh_online)

    def available(self) -> bool:
        """Return whether the cloud can be asked (not within a pause after it could not be reached).

        An offline lock is still reachable this way: its passwords wait in the cloud, and a guest's window
        gets an offline code the lock takes without a connection.
        """
        return self._unreachable_until is None or dt_util.utcnow() >= self._unreachable_until

    async def _job[T](self, work: Callable[[], T]) -> T:
        """Run blocking cloud work in the executor; a cloud out of reach pauses the path for a while."""
        import requests  # noqa: PLC0415 - tinytuya's transport, present wherever tinytuya is

        try:
            result = await self.hass.async_add_executor_job(work)
        except requests.RequestException as err:
            self._unreachable_until = dt_util.utcnow() + self.unreachable_for
            msg = f"Tuya's cloud could not be reached: {type(err).__name__}"
            raise LockPathError(msg) from None
        self._unreachable_until = None
        return result

    def _request(self, method: str, url: str, body: dict[str, Any] | None = None) -> Any:  # noqa: ANN401 - JSON
        """Send one signed request (blocking); return its result or raise LockPathError with Tuya's reason."""
        import tinytuya  # noqa: PLC0415 - loaded only where a Tuya lock is managed

        if self._client is None:
            client = tinytuya.Cloud(
                apiRegion=self.cloud.region, apiKey=self.cloud.access_id, apiSecret=self.cloud.access_secret
            )
            if not client.token:
                msg = f"Tuya's cloud refused the project's key: {(client.error or {}).get('Payload', '')}"
                raise TuyaRefusalError(msg, None, permanent=True)
            self._client = client
        answer = self._client.cloudrequest(url.format(device=self.cloud.device_id), action=method, post=body)
        if not isinstance(answer, dict) or "Err" in answer:
            reason = answer.get("Error", "empty") if isinstance(answer, dict) else "empty"
            msg = f"Tuya's cloud gave no answer: {reason}"
            raise LockPathError(msg)
        if not answer.get("success"):
            code = answer.get("code")
            what = url.rsplit("/", 1)[-1]
            msg = f"Tuya's cloud refused {method} {what}: {code} {answer.get('msg', '')}".strip()
            raise TuyaRefusalError(msg, code, permanent=code in PERMANENT_CODES)
        return answer.get("result")

    def _refresh_online(self) -> bool:
        """Ask the cloud whether the lock is online (blocking); remember and return it."""
        device = self._request("GET", DEVICE)
        self._device_online = bool(isinstance(device, dict) and device.get("online"))
        return self._device_online

    def _password_ids(self, slot: int) -> list[int]:
        """Return the ids of the live passwords standing for a slot (blocking; answered by the cloud)."""
        listed = self._request("GET", TEMP_PASSWORDS) or []
        return [
            int(item["id"])
            for item in listed
            if isinstance(item, dict)
            and item.get("name") == password_name(slot)
            and item.get("phase") not in GONE_PHASES
        ]

    def _delete(self, slot: int) -> int:
        """Delete the slot's passwords (blocking); return how many there were."""
        ids = self._password_ids(slot)
        for password_id in ids:
            self.transactions += 1
            self._request("DELETE", f"{TEMP_PASSWORDS}/{password_id}")
        return len(ids)

    def _encrypted(self, code: str) -> tuple[str, str]:
        """Return a fresh ticket id and the PIN encrypted with its key (blocking)."""
        import tinytuya  # noqa: PLC0415

        ticket = self._request("POST", TICKET)
        secret = tinytuya.AESCipher(self.cloud.access_secret.encode())
        key = secret.decrypt(bytes.fromhex(ticket["ticket_key"]), use_base64=False, decode_text=False)
        encrypted = tinytuya.AESCipher(key[:16]).encrypt(code.encode(), use_base64=False)
        return str(ticket["ticket_id"]), encrypted.hex().upper()

    def _set(self, slot: int, content: SlotCode) -> str | None:
        """Replace the slot's password (blocking); return a cloud-issued code when the lock is offline."""
        self._delete(slot)
        now = dt_util.utcnow().replace(second=0, microsecond=0)
        window = content.native_window
        if window is not None and not self._refresh_online():
            offline = self._request(
                "POST",
                OFFLINE_PASSWORD,
                {
                    "name": password_name(slot),
                    "type": "multiple",
                    "effective_time": int(window.start.timestamp()),
                    "invalid_time": int(window.end.timestamp()),
                },
            )
            self.transactions += 1  # the lock accepts the code by itself, but it is the lock's code now
            code = str(offline["offline_temp_password"])
            self._offline[slot] = (code, window.end)
            return code
        ticket_id, password = self._encrypted(content.code)
        body: dict[str, Any] = {
            "name": password_name(slot),
            "password": password,
            "password_type": "ticket",
            "ticket_id": ticket_id,
            "effective_time": int((window.start if window else now).timestamp()),
            "invalid_time": int((window.end if window else now + ALWAYS).timestamp()),
            "type": 0,  # usable any number of times within its window
        }
        if content.native_schedule is not None:
            body["schedule_list"] = schedule_list(content.native_schedule)
            # Tuya keeps the schedule at this offset: the plan rewrites it when the property's offset changes.
            offset = content.utc_offset
            body["time_zone"] = _utc_offset(utc_offset_minutes(self.zone, now) if offset is None else offset)
        self.transactions += 1
        self._request("POST", TEMP_PASSWORD, body)
        self._written[slot] = content.code
        self._offline.pop(slot, None)
        return None

    async def async_set(self, slot: int, content: SlotCode, held: SlotCode | None) -> str | None:
        """Write the slot's password (deleting the one before)."""
        return await self._job(lambda: self._set(slot, content))

    async def async_clear(self, slot: int, held: SlotCode | None) -> None:
        """Delete the slot's password; an offline code still in force cannot be taken back remotely."""
        await self._job(lambda: self._delete(slot))
        self._written.pop(slot, None)
        if (offline := self._offline_in_force(slot)) is not None:
            _, ends = offline
            msg = (
                f"slot {slot} holds an offline code: it stops working by itself at {ends:%Y-%m-%d %H:%M} UTC"
            )
            raise LockPathError(msg, permanent=True)
        self._offline.pop(slot, None)

    def _offline_in_force(self, slot: int) -> tuple[str, datetime] | None:
        """Return the slot's offline code and when it stops working, while it still works."""
        offline = self._offline.get(slot)
        return offline if offline is not None and offline[1] > dt_util.utcnow() else None

    async def async_read(self, slot: int) -> str | None:
        """Return the code written to the slot while its password is listed (the cloud lists no codes).

        An offline code is in no list: it is the slot's code until it stops working.
        """
        if (offline := self._offline_in_force(slot)) is not None:
            code, _ = offline
            return code
        ids = await self._job(lambda: self._password_ids(slot))
        return self._written.get(slot) if ids else None


async def async_check_project(hass: HomeAssistant, entity_id: str, cloud: TuyaCloud) -> TuyaProjectCheck:
    """Ask Tuya's cloud once whether a project's key reaches the lock's device (the lock flow's check)."""
    path = TuyaPath(hass, entity_id, Capabilities(), cloud, zone=ZoneInfo("UTC"))  # a check writes nothing
    try:
        await path.async_check()
    except TuyaRefusalError as err:
        if err.code in TUYA_UNKNOWN_DEVICE:
            return TuyaProjectCheck.UNKNOWN_DEVICE
        return TuyaProjectCheck.INVALID_AUTH
    except LockPathError:
        return TuyaProjectCheck.CANNOT_CONNECT
    return TuyaProjectCheck.OK
