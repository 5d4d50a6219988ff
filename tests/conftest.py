"""Fixtures shared by the Home Assistant side of the test suite."""

from collections.abc import AsyncGenerator, Generator
import logging
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import mqtt
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from hypothesis import settings
from playwright.async_api import Browser
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

# Imported before any `hass` fixture runs: the harness puts its own testing_config first on sys.path, and
# that folder has a `custom_components` package that would otherwise shadow ours.
import custom_components  # noqa: F401
from custom_components.guest_pins.const import CONF_TIME_ZONE, DEFAULT_OPTIONS, DOMAIN

from .browser import Site, launch, serve
from .mqtt_peer import mosquitto
from .pms_peers import beds24_peer, lodgify_peer  # noqa: F401 - the emulators' fixtures
from .property_builders import FeedServer, build_property_entry, load_property
from .waiting import until
from .zwave_double import FakeZWaveLock, install_zwave_lock
from .zwave_peer import HOME_ID, ZWavePeer, zwave_server

# aiohttp's access log cannot read the local time under a frozen clock (and says nothing a test needs).
logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

# CI must be repeatable: the same examples on every run (the example database is not kept between runs).
settings.register_profile("guest_pins", derandomize=True, database=None)
settings.load_profile("guest_pins")


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load integrations from custom_components in every test."""


@pytest.fixture
def property_data() -> dict[str, Any]:
    """Return the data of a property config entry as the config flow stores it."""
    return {CONF_NAME: "Beach House", CONF_TIME_ZONE: "Europe/Berlin"}


@pytest.fixture
def mock_config_entry(property_data: dict[str, Any]) -> MockConfigEntry:
    """Return a property config entry, not yet added to Home Assistant."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=property_data[CONF_NAME],
        unique_id=property_data[CONF_NAME].casefold(),
        data=property_data,
        options=DEFAULT_OPTIONS,
        version=1,
        minor_version=1,
    )


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Serialize Home Assistant objects (states, registry entries) without their volatile parts."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture
async def zwave_lock(hass: HomeAssistant) -> FakeZWaveLock:
    """Return the simulated Z-Wave lock behind a zwave_js lock entity."""
    return await install_zwave_lock(hass)


@pytest.fixture
def property_entry(property_data: dict[str, Any]) -> MockConfigEntry:
    """Return a property with a lock, an Airbnb calendar, a cleaner (Sat 10-14) and a manager (always)."""
    return build_property_entry(property_data)


@pytest.fixture
async def loaded(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    zwave_lock: FakeZWaveLock,
    property_entry: MockConfigEntry,
) -> AsyncGenerator[MockConfigEntry]:
    """Load the property on Monday 14 Dec 2026, 12:00 in Berlin, with the Airbnb feed served."""
    async with load_property(hass, freezer, aioclient_mock, property_entry) as entry:
        yield entry


# Real peers, one per test, shared by the suites that reach them through Home Assistant's own integrations.
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
def zwave_peer(socket_enabled: None) -> Generator[ZWavePeer]:
    """Run the Z-Wave peer (requested before `hass`, so Home Assistant disconnects first)."""
    with zwave_server() as peer:
        yield peer


@pytest.fixture
async def zwave_locks(zwave_peer: ZWavePeer, hass: HomeAssistant) -> AsyncGenerator[dict[int, str]]:
    """Connect Home Assistant's real zwave_js integration to the peer; return the lock entity per node."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    entry = MockConfigEntry(
        domain="zwave_js",
        unique_id=str(HOME_ID),
        version=1,
        minor_version=2,
        data={"url": zwave_peer.url, "use_addon": False, "integration_created_addon": False},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED

    def locks() -> dict[int, str]:
        """Return the lock entity zwave_js created for each node (unique ids start "<home>.<node>-")."""
        return {
            int(item.unique_id.split(".")[1].split("-")[0]): item.entity_id
            for item in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
            if item.domain == "lock"
        }

    await until(lambda: len(locks()) == 3, "the simulated locks' entities (their interviews)")
    yield locks()
    assert await hass.config_entries.async_unload(entry.entry_id)


@pytest.fixture
async def browser(socket_enabled: None) -> AsyncGenerator[Browser]:
    """Run Debian's chromium for one test (fails under CI without it; .ci/run installs it)."""
    async for started in launch(socket_enabled):
        yield started


@pytest.fixture
async def site(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    aiohttp_client: ClientSessionGenerator,
    browser: Browser,
) -> Site:
    """Home Assistant's real frontend, served to the browser (onboarding done, a dashboard with the card)."""
    return await serve(hass, hass_storage, aiohttp_client, browser)


@pytest.fixture
async def feed_server(socket_enabled: None) -> AsyncGenerator[FeedServer]:
    """Serve a calendar on loopback (for tests that keep Home Assistant's web session real)."""
    server = FeedServer()
    await server.start()
    yield server
    await server.stop()
