"""The Ring path: ring-doorbell against an emulator of Ring's endpoints, through a loaded ring entry.

Ring has no PIN API: guests are invited to the intercom by e-mail for their stay and removed after it, and
the door can be opened remotely while a guest stays. These tests run on real time (a real TLS server).
"""

from collections.abc import AsyncGenerator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from ring_doorbell import Ring

from custom_components.guest_pins.const import CONF_PATH, DEFAULT_OPTIONS, DOMAIN
from custom_components.guest_pins.core.model import Interval, SlotCode
from custom_components.guest_pins.locks.base import Capabilities, LockPathError
from custom_components.guest_pins.locks.ring import RingPath

from .contract import check_contract
from .property_builders import FEED_URL, calendar_subentry, ical_day, lock_subentry, static_subentry
from .ring_peer import INTERCOM_ID, RingCloudEmulator, ring_cloud
from .waiting import until

INTERCOM = "button.front_intercom_open_door"
CAPABILITIES = Capabilities(slot_count=10, read_back=True, invites=True, remote_open=True)


@pytest.fixture
async def ring(socket_enabled: None, hass: HomeAssistant) -> AsyncGenerator[tuple[RingCloudEmulator, Ring]]:
    """Run the emulator and give Home Assistant a loaded ring entry whose client talks to it."""
    async with ring_cloud() as (cloud, client):
        entry = MockConfigEntry(domain="ring")
        entry.add_to_hass(hass)
        entry.mock_state(hass, ConfigEntryState.LOADED)
        entry.runtime_data = SimpleNamespace(api=client, devices=client.devices())
        er.async_get(hass).async_get_or_create(
            "button",
            "ring",
            f"{INTERCOM_ID}-open_door",
            suggested_object_id="front_intercom_open_door",
            config_entry=entry,
        )
        hass.states.async_set(INTERCOM, "unknown")
        yield cloud, client


@dataclass
class RingIntercomPeer:
    """The emulated intercom as the contract sees it."""

    path: RingPath
    cloud: RingCloudEmulator
    hass: HomeAssistant
    reports_itself: bool = False
    code_length: int = 4

    async def held(self, _slot: int) -> str | None:
        """Return the address invited to the intercom (the contract uses one slot at a time)."""
        invited = self.cloud.invited()
        assert len(invited) <= 1, invited
        return invited[0] if invited else None

    async def window(self, slot: int) -> Interval | None:
        """Ring enforces no windows (the path declares none)."""
        raise NotImplementedError

    async def answer(self, *, answering: bool) -> None:
        """Take Ring's cloud down (and the intercom's entity with it), or bring it back."""
        self.cloud.answering = answering
        self.hass.states.async_set(INTERCOM, "unknown" if answering else "unavailable")


async def test_contract(hass: HomeAssistant, ring: tuple[RingCloudEmulator, Ring]) -> None:
    """Invite, replace, remove, read back; Ring down is an error and makes the intercom unavailable."""
    cloud, _ = ring
    path = RingPath(hass, INTERCOM, CAPABILITIES)
    await check_contract(RingIntercomPeer(path, cloud, hass))
    assert path.transactions == 0  # invitations are Ring's cloud, not a radio exchange with the intercom


async def test_no_address_no_invitation_and_remote_open(
    hass: HomeAssistant, ring: tuple[RingCloudEmulator, Ring]
) -> None:
    """A guest without an e-mail address cannot be invited (permanent); the door opens remotely."""
    cloud, _ = ring
    path = RingPath(hass, INTERCOM, CAPABILITIES)
    with pytest.raises(LockPathError, match="no e-mail address") as refused:
        await path.async_set(1, SlotCode("stay:a", "4567"), None)
    assert refused.value.permanent
    await path.async_open_door()
    assert cloud.opened == 1
    assert path.transactions == 1
    hass.config_entries.async_get_entry(
        er.async_get(hass).async_get(INTERCOM).config_entry_id  # type: ignore[union-attr,arg-type]
    ).mock_state(hass, ConfigEntryState.NOT_LOADED)  # type: ignore[union-attr]
    assert not path.available()
    with pytest.raises(LockPathError, match="ring integration does not have this intercom"):
        await path.async_open_door()


def feed_with_guest(start_offset: int, end_offset: int) -> bytes:
    """Return a PMS-style feed with one stay (days from today) whose guest left an e-mail address."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Lodgify//PMS//EN\r\nBEGIN:VEVENT\r\nUID:stay-1@pms.example\r\n"
        f"DTSTART;VALUE=DATE:{ical_day(start_offset)}\r\nDTEND;VALUE=DATE:{ical_day(end_offset)}\r\n"
        "SUMMARY:Ada Lovelace\r\n"
        "DESCRIPTION:Guest: Ada Lovelace\\nEmail: ada@example.com\\nPhone: +44 20 7946 0958\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


async def load_ring_property(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, property_data: dict[str, Any], feed: bytes
) -> MockConfigEntry:
    """Load a property whose calendar feeds the Ring Intercom (and a static PIN, which Ring cannot take)."""
    lock = lock_subentry(entity_id=INTERCOM)
    lock["data"] = {**lock["data"], CONF_PATH: "ring"}
    static = static_subentry("Manager", "9911")
    aioclient_mock.get(FEED_URL, content=feed)
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[lock, calendar_subentry(), static],
    )
    entry.add_to_hass(hass)
    await hass.config.async_set_time_zone("Europe/Berlin")
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def test_the_staying_guest_is_invited_and_the_door_opens_for_them(
    hass: HomeAssistant,
    ring: tuple[RingCloudEmulator, Ring],
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """The guest's address from the booking is invited for the stay; open_door works while they stay."""
    cloud, _ = ring
    events = async_capture_events(hass, "guest_pins_event")
    entry = await load_ring_property(hass, aioclient_mock, property_data, feed_with_guest(-1, 2))
    await until(lambda: cloud.invited() == ["ada@example.com"], "the guest's invitation")
    await hass.services.async_call(
        DOMAIN, "open_door", {"config_entry_id": entry.entry_id, "lock": INTERCOM}, blocking=True
    )
    assert cloud.opened == 1
    assert [event.data["type"] for event in events if event.data["type"] == "door_opened"] == ["door_opened"]
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_the_door_is_not_opened_outside_a_stay(
    hass: HomeAssistant,
    ring: tuple[RingCloudEmulator, Ring],
    aioclient_mock: AiohttpClientMocker,
    property_data: dict[str, Any],
) -> None:
    """Before the guest's window, nobody is invited and open_door is refused with a clear reason."""
    cloud, _ = ring
    entry = await load_ring_property(hass, aioclient_mock, property_data, feed_with_guest(5, 8))
    with pytest.raises(ServiceValidationError) as refused:
        await hass.services.async_call(
            DOMAIN, "open_door", {"config_entry_id": entry.entry_id, "lock": INTERCOM}, blocking=True
        )
    assert refused.value.translation_key == "no_guest_now"
    assert cloud.opened == 0
    assert cloud.invited() == []
    assert await hass.config_entries.async_unload(entry.entry_id)
