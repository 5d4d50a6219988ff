"""When things go wrong: offline locks, failing writes, feed caching across restarts, live subentry edits."""

from datetime import timedelta
import json
from pathlib import Path
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from homeassistant.util.file import WriteError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.guest_pins.const import DOMAIN
from custom_components.guest_pins.storage import STORAGE_MINOR_VERSION, PropertyState, create_store

from .core.builders import feed
from .property_builders import FEED_URL, LOCK_ID, at, load_property, move_to
from .zwave_double import LOCK_ENTITY, FakeZWaveLock


async def test_offline_lock_holds_changes_and_delivers_in_order(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """Edge case "lock offline": the change waits, then arrives when the lock is back."""
    hass.states.async_set(LOCK_ENTITY, "unavailable")
    await move_to(hass, freezer, at(2026, 12, 15, 16))
    assert 1 not in zwave_lock.slots
    assert hass.states.get("sensor.front_door_pending_operations").state == "1"  # type: ignore[union-attr]
    status = hass.states.get("sensor.front_door_status")
    assert status is not None
    assert status.state == "offline"  # US3-3: offline, with when the lock last reported
    assert status.attributes["last_seen"] == hass.states.get(LOCK_ENTITY).last_reported.isoformat()  # type: ignore[union-attr]
    hass.states.async_set(LOCK_ENTITY, "locked")
    await hass.services.async_call(
        "button", "press", {"entity_id": "button.front_door_apply_pending_now"}, blocking=True
    )
    assert zwave_lock.slots[1] == "4567"
    assert hass.states.get("sensor.front_door_pending_operations").state == "0"  # type: ignore[union-attr]


async def test_failing_writes_retry_with_back_off_then_raise_a_repair(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """A failing write retries after 5, 10, 20 and 40 s; the 5th failure is reported, once.

    A success then withdraws the repair.
    """
    events = async_capture_events(hass, "guest_pins_event")
    zwave_lock.fail = True
    now = at(2026, 12, 15, 15, 59, 30)  # the 16:00 check-in, one batching window early
    await move_to(hass, freezer, now)
    for seconds in (5, 10, 20, 40):
        assert ir.async_get(hass).async_get_issue(DOMAIN, f"write_failed_{LOCK_ID}") is None
        now += timedelta(seconds=seconds)
        await move_to(hass, freezer, now - timedelta(seconds=1))
        attempts = len([call for call in zwave_lock.calls if call[:2] == ("set", 1)])
        await move_to(hass, freezer, now)
        assert len([call for call in zwave_lock.calls if call[:2] == ("set", 1)]) == attempts + 1
    assert len([call for call in zwave_lock.calls if call[:2] == ("set", 1)]) == 5
    failed = [event.data for event in events if event.data["type"] == "write_failed"]
    assert [(event["slot"], event["attempts"]) for event in failed] == [(1, 5)]
    assert ir.async_get(hass).async_get_issue(DOMAIN, f"write_failed_{LOCK_ID}") is not None
    zwave_lock.fail = False
    await move_to(hass, freezer, now + timedelta(minutes=4))
    assert zwave_lock.slots[1] == "4567"
    assert ir.async_get(hass).async_get_issue(DOMAIN, f"write_failed_{LOCK_ID}") is None


async def test_a_feed_that_is_down_at_start_up_uses_the_cached_one(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_entry: MockConfigEntry,
) -> None:
    """After a restart with the feed unreachable, the stays of the last good feed keep their codes."""
    async with load_property(hass, freezer, aioclient_mock, property_entry) as entry:
        await move_to(hass, freezer, at(2026, 12, 15, 16))
        assert zwave_lock.slots[1] == "4567"
        assert await hass.config_entries.async_unload(entry.entry_id)
        aioclient_mock.clear_requests()
        aioclient_mock.get(FEED_URL, status=503)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        assert zwave_lock.slots[1] == "4567"
        assert entry.runtime_data.manager.plan is not None
        assert len(entry.runtime_data.manager.plan.stay_plan.stays) == 2


async def test_unchanged_feed_is_not_parsed_again(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    loaded: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
) -> None:
    """The next sync sends the ETag; a 304 keeps the events without parsing."""
    aioclient_mock.clear_requests()
    aioclient_mock.get(FEED_URL, status=304)
    coordinator = loaded.runtime_data.coordinators["cal1"]
    before = coordinator.data
    await coordinator.async_refresh()
    assert coordinator.data is before
    assert coordinator.last_update_success
    assert aioclient_mock.mock_calls[-1][3]["If-None-Match"] == '"v1"'


async def test_adding_a_static_pin_reaches_the_lock_within_the_batching_window(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, loaded: MockConfigEntry, zwave_lock: FakeZWaveLock
) -> None:
    """US2-4 / SC-004: the edit reloads the property and the code leaves within the 30 s batching window."""
    result = await hass.config_entries.subentries.async_init(
        (loaded.entry_id, "static_pin"), context={"source": "user"}
    )
    await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"name": "Plumber", "code": "3141", "locks": [LOCK_ID], "enabled": True}
    )
    await hass.async_block_till_done()
    assert "3141" not in zwave_lock.slots.values()  # waiting for more changes to share the lock's wake-up
    await move_to(hass, freezer, dt_util.utcnow() + timedelta(seconds=30))
    assert "3141" in zwave_lock.slots.values()


async def test_store_migrates_from_minor_version_1(hass: HomeAssistant, hass_storage: dict[str, Any]) -> None:
    """A store written by 1.1 (no write statistics, no manual slots) loads with them added."""
    hass_storage["guest_pins.old"] = {
        "version": 1,
        "minor_version": 1,
        "key": "guest_pins.old",
        "data": {"secret": "00" * 32, "memory": {}, "first_seen": {}, "slot_owners": {}, "lock_contents": {}},
    }
    data = await create_store(hass, "old").async_load()
    assert data is not None
    assert data["manual"] == {}
    assert data["transactions"] == {}
    assert data["queues"] == {}
    assert data["wakeups"] == {}
    assert data["issued"] == {}
    assert data["announced"] == {}
    assert data["journey"] == {}
    assert data["written"] == {}
    assert data["stay_ids"] == {}
    assert data["in_flight"] == {}
    assert STORAGE_MINOR_VERSION == 9
    state = PropertyState.from_json(data)
    assert state.written == {}


async def test_calendar_entity_as_source(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_data: dict[str, Any],
) -> None:
    """A Home Assistant calendar can feed the lock instead of an iCal URL."""
    from homeassistant.core import ServiceCall, SupportsResponse  # noqa: PLC0415

    from .property_builders import calendar_subentry, lock_subentry  # noqa: PLC0415

    async def get_events(call: ServiceCall) -> dict[str, Any]:
        """Answer like calendar.get_events."""
        return {
            "calendar.pms": {
                "events": [
                    {
                        "start": "2026-12-15",
                        "end": "2026-12-18",
                        "summary": "Reserved",
                        "description": "Last 4 Digits: 1357",
                    }
                ]
            }
        }

    # Home Assistant's calendar component first (guest_pins' access calendars load it too): this stands in
    # for its get_events, which would otherwise replace this one when it loads after the property's set-up.
    assert await async_setup_component(hass, "calendar", {})
    hass.services.async_register(
        "calendar", "get_events", get_events, supports_response=SupportsResponse.ONLY
    )
    hass.states.async_set("calendar.pms", "off")
    source = calendar_subentry()
    source["data"] = {**source["data"], "url": None, "calendar_entity": "calendar.pms"}
    entry = MockConfigEntry(
        domain=DOMAIN, data=property_data, options=loaded_options(), subentries_data=[lock_subentry(), source]
    )
    async with load_property(hass, freezer, aioclient_mock, entry):
        await move_to(hass, freezer, at(2026, 12, 15, 16))
        assert zwave_lock.slots[1] == "1357"
        hass.states.async_remove("calendar.pms")
        await entry.runtime_data.coordinators["cal1"].async_refresh()
        assert not entry.runtime_data.coordinators["cal1"].last_update_success


def loaded_options() -> dict[str, Any]:
    """Return the default options."""
    from custom_components.guest_pins.const import DEFAULT_OPTIONS  # noqa: PLC0415

    return dict(DEFAULT_OPTIONS)


async def test_feed_larger_than_the_cap_is_refused(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """The size cap holds while reading the body, before anything is parsed."""
    import pytest  # noqa: PLC0415

    from custom_components.guest_pins.feed import FeedFetchError, async_fetch  # noqa: PLC0415

    aioclient_mock.get(FEED_URL, content=feed("airbnb.ics"))
    with pytest.raises(FeedFetchError, match="larger than 100 bytes"):
        await async_fetch(hass, FEED_URL, max_bytes=100)


async def test_a_store_write_cut_in_half_leaves_the_previous_copy_readable(
    hass: HomeAssistant, tmp_path: Path
) -> None:
    """The power goes while the store writes: the next start reads the previous copy, never half a file.

    The store's own writer runs on a real file here (the harness keeps stores in memory otherwise).
    """
    hass.config.config_dir = str(tmp_path)
    (tmp_path / ".storage").mkdir()
    store = create_store(hass, "cut")
    good = PropertyState(secret=b"\x01" * 32)
    await hass.async_add_executor_job(store._write_data, {"data": good.to_json()})
    before = await hass.async_add_executor_job(Path(store.path).read_bytes)
    newer = PropertyState(secret=b"\x01" * 32, stay_ids={"cal1/a": "cal1/a"})

    def power_lost(writer: Any, file: Any) -> None:
        """Die after the data went to the side file, before it is synced and renamed into place."""
        raise OSError("power lost")

    with patch("atomicwrites.AtomicWriter.sync", power_lost), pytest.raises(WriteError):
        await hass.async_add_executor_job(store._write_data, {"data": newer.to_json()})
    assert await hass.async_add_executor_job(Path(store.path).read_bytes) == before
    stored = json.loads(before)
    assert PropertyState.from_json(stored["data"]).stay_ids == {}
