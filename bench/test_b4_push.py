"""B4: how fast a pushed reservation reaches the door, next to an iCal calendar's worst case.

A real Home Assistant with its real zwave_js connected to the real zwave-js server (the simulated keypad
lock of the tests), a property whose reservations come from a signed webhook. Each run pushes a same-day
booking (the guest is on the way) through Home Assistant's own HTTP server and measures, on the wall clock,
the time until the code is queued for the lock (the push is answered only then) and until the simulated
lock itself holds it. The iCal path's worst case is the sync interval (a booking made just after a sync
waits for the next one) plus what a sync then takes to queue the code, measured the same way.
"""

from datetime import timedelta
import json
import os
import statistics
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.guest_pins.const import (
    CONF_LOCKS,
    CONF_PATH,
    CONF_SECRET,
    CONF_SYNC_INTERVAL,
    CONF_TIME_ZONE,
    CONF_WEBHOOK_ID,
    DEFAULT_OPTIONS,
    DOMAIN,
    SUBENTRY_WEBHOOK,
)
from tests.pms_peers import new_secret, signed_headers
from tests.property_builders import FeedServer, calendar_subentry, lock_subentry
from tests.waiting import until
from tests.zwave_peer import CODES_NODE, ZWavePeer

from .results import FULL, record

RUNS = 10 if FULL else 3
HOOK = "bench-push-hook"
SECRET = new_secret()


def elapsed() -> float:
    """Return the wall clock (os.times: no test fixture freezes it)."""
    return os.times().elapsed


def push_body(number: int, *, cancelled: bool = False) -> bytes:
    """Return a same-day booking (under way from now for two nights) with its own code, or its cancelling."""
    now = dt_util.now()
    return json.dumps(
        {
            "type": "reservation.cancelled" if cancelled else "reservation.upserted",
            "data": {
                "id": f"R-{number}",
                "checkin": (now - timedelta(minutes=1)).isoformat(),
                # Two nights: other dates than the iCal runs' bookings (one unit, one booking per dates).
                "checkout": (now + timedelta(days=2)).isoformat(),
                "guest": {"name": f"Guest {number}"},
                "code": f"{2400 + number * 7:04d}",
            },
        }
    ).encode()


def ical_body(number: int) -> bytes:
    """Return a calendar whose only stay is under way (a same-day booking) with the guest's phone digits."""
    today, tomorrow = dt_util.now().date(), dt_util.now().date() + timedelta(days=1)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:ical-{number}@test\r\nDTSTART;VALUE=DATE:{today:%Y%m%d}\r\nDTEND;VALUE=DATE:{tomorrow:%Y%m%d}\r\n"
        f"SUMMARY:Reserved\r\nDESCRIPTION:Phone Number (Last 4 Digits): {3100 + number * 7:04d}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def queued_codes(entry: MockConfigEntry) -> set[str]:
    """Return the codes waiting for, or held by, the property's lock."""
    (lock,) = entry.runtime_data.manager.locks.values()
    waiting = {item.content.code for item in lock.queue.slots.values() if item.content}
    return waiting | {content.code for content in lock.writer.held.values()}


async def test_push_to_door(
    zwave_peer: ZWavePeer,
    hass: HomeAssistant,
    zwave_locks: dict[int, str],
    hass_client_no_auth: ClientSessionGenerator,
    feed_server: FeedServer,
) -> None:
    """Signed pushes reach the lock's queue in under a second, the lock itself soon after."""
    lock = lock_subentry(entity_id=zwave_locks[CODES_NODE])
    lock["data"] = {**lock["data"], CONF_PATH: "zwave_js"}
    hook = {
        "subentry_type": SUBENTRY_WEBHOOK,
        "title": "PMS",
        "unique_id": None,
        "data": {CONF_LOCKS: ["lock1"], CONF_WEBHOOK_ID: HOOK, CONF_SECRET: SECRET},
    }
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Bench House",
        data={CONF_NAME: "Bench House", CONF_TIME_ZONE: "Europe/Berlin"},
        options={**DEFAULT_OPTIONS, CONF_SYNC_INTERVAL: 15},
        subentries_data=[lock, calendar_subentry(feed_server.url), hook],  # type: ignore[list-item]
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    client: TestClient = await hass_client_no_auth()
    to_queue, to_lock = [], []
    for number in range(RUNS):
        body = push_body(number)
        code = json.loads(body)["data"]["code"]
        started = elapsed()
        response = await client.post(f"/api/webhook/{HOOK}", data=body, headers=signed_headers(SECRET, body))
        to_queue.append(elapsed() - started)
        assert response.status == 200
        assert code in queued_codes(entry)
        await until(lambda code=code: code in held_codes(zwave_peer), f"code {number} on the lock")
        to_lock.append(elapsed() - started)
        # The guest cancels (not timed): the lock's guest slots are fewer than the runs.
        cancel = push_body(number, cancelled=True)
        response = await client.post(
            f"/api/webhook/{HOOK}", data=cancel, headers=signed_headers(SECRET, cancel)
        )
        assert response.status == 200

    # The iCal path: a sync that finds a new same-day booking, to the code queued.
    syncs = []
    for number in range(RUNS):
        feed_server.content = ical_body(number)
        started = elapsed()
        await hass.services.async_call(DOMAIN, "sync", {"config_entry_id": entry.entry_id}, blocking=True)
        syncs.append(elapsed() - started)
        assert f"{3100 + number * 7:04d}" in queued_codes(entry)
    assert await hass.config_entries.async_unload(entry.entry_id)

    figures: dict[str, Any] = {
        "runs": RUNS,
        "push_to_queued_ms": _spread(to_queue),
        "push_to_lock_ms": _spread(to_lock),
        "ical_sync_to_queued_ms": _spread(syncs),
        "ical_sync_interval_s": 15 * 60,
        "ical_worst_case_s": round(15 * 60 + max(syncs), 1),
    }
    record("b4_push", figures)
    assert max(to_queue) < 1.0


def held_codes(peer: ZWavePeer) -> set[str]:
    """Return the codes the simulated Z-Wave lock holds in its guest slots."""
    return {code for slot in range(1, 8) if (code := peer.held(CODES_NODE, slot)["code"])}


def _spread(seconds: list[float]) -> dict[str, float]:
    """Return the median and the worst of some durations, in milliseconds."""
    return {
        "median": round(statistics.median(seconds) * 1000, 1),
        "max": round(max(seconds) * 1000, 1),
    }
