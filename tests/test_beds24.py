"""Reservations from Beds24 (against a local HTTPS emulator of its API v2) through Home Assistant.

The Beach House's front apartment (Beds24 room 301) opens the front door; its Airbnb calendar lists the
same bookings. Jane booked on Airbnb: Beds24 knows her name, mobile and the HM code that matches her in the
Airbnb feed. It is Monday 14 Dec 2026, 12:00 in Berlin.
"""

from collections.abc import AsyncGenerator
from datetime import datetime, timedelta
from typing import Any

from aiohttp.test_utils import TestClient
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState, ConfigSubentryData
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.guest_pins.const import (
    CONF_BASE_URL,
    CONF_LOCKS,
    CONF_PMS_PROPERTY,
    CONF_PMS_ROOMS,
    CONF_REFRESH_TOKEN,
    CONF_SECRET,
    CONF_WEBHOOK_ID,
    DEFAULT_OPTIONS,
    DOMAIN,
    SUBENTRY_BEDS24,
)
from custom_components.guest_pins.sources.beds24 import Beds24Client

from .pms_peers import Beds24Emulator
from .property_builders import (
    LOCK_ID,
    FeedServer,
    at,
    calendar_subentry,
    load_property,
    lock_subentry,
    move_to,
    stored_keys,
)
from .zwave_double import FakeZWaveLock

HOOK = "guest-pins-beds24-hook"
DOORBELL = "doorbell-secret-value-1234567890"


def airbnb_feed(reference: str) -> bytes:
    """Return Airbnb's feed listing Jane's Dec 15-18 visit with her reservation's HM code."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Airbnb Inc//Hosting Calendar 1.0//EN\r\nBEGIN:VEVENT\r\n"
        "UID:jane@airbnb.com\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218\r\nSUMMARY:Reserved\r\n"
        f"DESCRIPTION:Reservation URL: https://www.airbnb.com/hosting/reservations/details/{reference}\\n"
        "Phone Number (Last 4 Digits): 4567\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


async def refresh_token(hass: HomeAssistant, peer: Beds24Emulator) -> str:
    """Return a refresh token, exchanged from an invite code as the config flow does."""
    session = async_get_clientsession(hass)
    return await Beds24Client.async_exchange_invite(session, peer.api_url, peer.issue_invite())


async def beds24_subentry(hass: HomeAssistant, peer: Beds24Emulator) -> ConfigSubentryData:
    """Return the Beds24 source: room 301 of property 201 feeding the front door."""
    return ConfigSubentryData(
        subentry_id="beds24",  # type: ignore[typeddict-unknown-key]
        subentry_type=SUBENTRY_BEDS24,
        title="Beds24",
        unique_id=None,
        data={
            CONF_LOCKS: [LOCK_ID],
            CONF_BASE_URL: peer.api_url,
            CONF_REFRESH_TOKEN: await refresh_token(hass, peer),
            CONF_PMS_PROPERTY: 201,
            CONF_PMS_ROOMS: [301],
            CONF_WEBHOOK_ID: HOOK,
            CONF_SECRET: DOORBELL,
        },
    )


def jane(peer: Beds24Emulator, **fields: Any) -> dict[str, Any]:
    """Add Jane's Airbnb booking (Dec 15-18, room 301) to Beds24."""
    return peer.add_booking(
        arrival="2026-12-15",
        departure="2026-12-18",
        firstName="Jane",
        lastName="Doe",
        mobile="+49 151 2345 4567",
        apiReference="HMJANE1234",
        **fields,
    )


@pytest.fixture
async def beach_house(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    feed_server: FeedServer,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
    beds24_peer: Beds24Emulator,
) -> AsyncGenerator[MockConfigEntry]:
    """Load the property with Beds24 and the Airbnb calendar (Jane and a Garden room booking in Beds24)."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    freezer.move_to(at(2026, 12, 14, 12))
    jane(beds24_peer)
    beds24_peer.add_booking(roomId=302, firstName="Max", lastName="Garden")
    feed_server.content = airbnb_feed("HMJANE1234")
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Beach House",
        data=property_data,
        options=DEFAULT_OPTIONS,
        subentries_data=[
            lock_subentry(),
            calendar_subentry(feed_server.url),
            await beds24_subentry(hass, beds24_peer),
        ],
    )
    async with load_property(hass, freezer, None, entry, serve_feed=False) as loaded:
        yield loaded


async def poll(hass: HomeAssistant, freezer: FrozenDateTimeFactory, instant: datetime) -> None:
    """Move to an instant (a pull falls due), then a second on (the replan it set off runs)."""
    await move_to(hass, freezer, instant)
    await move_to(hass, freezer, instant + timedelta(seconds=1))


def stays(entry: MockConfigEntry) -> list[Any]:
    """Return the property's planned stays."""
    plan = entry.runtime_data.manager.plan
    return list(plan.stay_plan.stays) if plan else []


def bookings_requests(peer: Beds24Emulator) -> list[list[tuple[str, str]]]:
    """Return the query of every bookings list Beds24 answered."""
    return [query for method, path, query in peer.requests if method == "GET" and path == "/v2/bookings"]


async def test_a_beds24_booking_and_its_airbnb_listing_are_one_stay(
    hass: HomeAssistant, beach_house: MockConfigEntry, beds24_peer: Beds24Emulator
) -> None:
    """One stay for Jane: Beds24's name and mobile, matched to Airbnb's listing by the HM code."""
    (stay,) = stays(beach_house)
    assert stay.guest_name == "Jane Doe"
    assert stay.phone == "+49 151 2345 4567"
    assert {source.split("/", 1)[0] for source in stay.sources} == {"beds24", "cal1"}
    assert stay.code == "4567"
    (query,) = bookings_requests(beds24_peer)
    statuses = [value for key, value in query if key == "status"]
    assert sorted(statuses) == ["black", "cancelled", "confirmed", "inquiry", "new", "request"]
    assert ("propertyId", "201") in query


async def test_beds24_is_read_for_changes_every_five_minutes_and_in_full_daily(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    beds24_peer: Beds24Emulator,
) -> None:
    """Changes since the last pass (with overlap) every five minutes; everything once a day."""
    (booking_id,) = [key for key, item in beds24_peer.bookings.items() if item["firstName"] == "Jane"]
    beds24_peer.modify(booking_id, departure="2026-12-19")
    await poll(hass, freezer, at(2026, 12, 14, 12, 5, 31))
    incremental = bookings_requests(beds24_peer)[-1]
    assert any(key == "modifiedFrom" for key, _ in incremental)
    (stay,) = stays(beach_house)
    assert stay.checkout.date().isoformat() == "2026-12-19"
    await poll(hass, freezer, at(2026, 12, 15, 12, 1))
    assert not any(key == "modifiedFrom" for key, _ in bookings_requests(beds24_peer)[-1])


async def test_a_cancellation_in_beds24_ends_the_stay_even_while_airbnb_lists_it(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    beds24_peer: Beds24Emulator,
) -> None:
    """Beds24 is the source of truth: no stay, and the host learns the sources disagree."""
    (booking_id,) = [key for key, item in beds24_peer.bookings.items() if item["firstName"] == "Jane"]
    beds24_peer.cancel(booking_id)
    await poll(hass, freezer, at(2026, 12, 14, 12, 5, 31))
    assert stays(beach_house) == []
    issue = ir.async_get(hass).async_get_issue(DOMAIN, "sources_disagree_beds24/5001")
    assert issue is not None
    assert issue.translation_placeholders == {
        "guest": "Jane Doe",
        "checkin": "2026-12-15 16:00",
        "cancelled_by": "Beds24",
        "listed_by": "Airbnb",
    }


async def test_the_credits_are_kept_for_the_hosts_other_tools(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    beds24_peer: Beds24Emulator,
) -> None:
    """Near the end of the account's credits guest_pins stops, tells the host, and waits for the reset."""
    beds24_peer.request_cost = 95.0  # the next read leaves fewer credits than guest_pins keeps in reserve
    await poll(hass, freezer, at(2026, 12, 14, 12, 5, 31))
    issue = ir.async_get(hass).async_get_issue(DOMAIN, "beds24_credits_beds24")
    assert issue is not None
    before = len(bookings_requests(beds24_peer))
    await move_to(hass, freezer, at(2026, 12, 14, 12, 6, 31))
    await move_to(hass, freezer, at(2026, 12, 14, 12, 7, 0))
    assert len(bookings_requests(beds24_peer)) == before  # no call until the window resets
    assert stays(beach_house)  # nothing lost meanwhile


@pytest.fixture
async def client(hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator) -> TestClient:
    """Return a client of Home Assistant's real HTTP server."""
    return await hass_client_no_auth()


async def test_beds24_rings_the_doorbell_and_the_booking_is_read_again(
    hass: HomeAssistant, beach_house: MockConfigEntry, beds24_peer: Beds24Emulator, client: TestClient
) -> None:
    """A push with the shared header: the booking is read again at once; without it: 401 and no read."""
    (booking_id,) = [key for key, item in beds24_peer.bookings.items() if item["firstName"] == "Jane"]
    beds24_peer.modify(booking_id, departure="2026-12-20")
    reads = len(bookings_requests(beds24_peer))
    forged = await beds24_peer.send_webhook(str(client.make_url(f"/api/webhook/{HOOK}")), booking_id, {})
    assert forged == 401
    assert len(bookings_requests(beds24_peer)) == reads
    rung = await beds24_peer.send_webhook(
        str(client.make_url(f"/api/webhook/{HOOK}")), booking_id, {"X-Guest-Pins-Token": DOORBELL}
    )
    assert rung == 200
    assert ("id", str(booking_id)) in bookings_requests(beds24_peer)[-1]
    (stay,) = stays(beach_house)
    assert stay.checkout.date().isoformat() == "2026-12-20"


async def test_the_guest_is_messaged_through_the_booking_channel(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    beds24_peer: Beds24Emulator,
) -> None:
    """24 h before check-in: Jane's code goes out as an Airbnb message; a direct booking gets DOORCODE."""
    direct = beds24_peer.add_booking(
        arrival="2026-12-20", departure="2026-12-22", channel="direct", mobile="+49 170 555 2468"
    )
    await poll(hass, freezer, at(2026, 12, 14, 16))
    (message,) = beds24_peer.messages
    assert "4567" in message["message"]
    await poll(hass, freezer, at(2026, 12, 19, 16, 0, 2))
    info = beds24_peer.bookings[direct["id"]].get("infoItems") or []
    assert [(item["code"], item["text"]) for item in info] == [("DOORCODE", "2468")]
    assert len(beds24_peer.messages) == 1  # Beds24 cannot message a direct booking's guest


async def test_an_expired_access_token_is_renewed_once(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    beds24_peer: Beds24Emulator,
) -> None:
    """Beds24 refuses the stored access token: a new one is fetched with the refresh token; the read works."""
    beds24_peer.expire_access_tokens()
    renewals = [path for _, path, _ in beds24_peer.requests].count("/v2/authentication/token")
    (booking_id,) = [key for key, item in beds24_peer.bookings.items() if item["firstName"] == "Jane"]
    beds24_peer.modify(booking_id, departure="2026-12-21")
    await poll(hass, freezer, at(2026, 12, 14, 12, 5, 31))
    assert [path for _, path, _ in beds24_peer.requests].count("/v2/authentication/token") == renewals + 1
    (stay,) = stays(beach_house)
    assert stay.checkout.date().isoformat() == "2026-12-21"


async def test_removing_a_source_or_the_property_leaves_no_guest_data_or_key_behind(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    beach_house: MockConfigEntry,
    beds24_peer: Beds24Emulator,
    hass_storage: dict[str, Any],
) -> None:
    """Beds24 removed: its token revoked, its bookings gone from disk; the property removed: all of it."""
    entry_id = beach_house.entry_id
    await move_to(hass, freezer, at(2026, 12, 14, 12, 5))  # what waits to be kept is written
    kept = set(stored_keys(hass_storage, entry_id))
    source_key = f"{DOMAIN}.{entry_id}.source.beds24"
    (feed_key,) = [key for key in kept if ".feed." in key]
    assert {f"{DOMAIN}.{entry_id}", source_key} <= kept
    assert "Jane" in str(hass_storage[source_key])
    assert len(beds24_peer.refresh_tokens) == 1

    hass.config_entries.async_remove_subentry(beach_house, "beds24")
    await hass.async_block_till_done()
    assert beach_house.state is ConfigEntryState.LOADED
    assert beds24_peer.refresh_tokens == {}  # Beds24 no longer lets that token in
    assert source_key not in hass_storage
    assert feed_key in hass_storage  # the Airbnb calendar stays, and so does what it keeps
    (stay,) = stays(beach_house)
    assert stay.guest_name is None  # Jane's name came from Beds24 only; the Airbnb listing names nobody

    assert (await hass.config_entries.async_remove(entry_id))["require_restart"] is False
    await hass.async_block_till_done()
    assert stored_keys(hass_storage, entry_id) == []
