"""Import-and-setup smoke test of guest_pins against whatever Home Assistant is installed.

.ci/run runs it in a separate venv with the newest released Home Assistant, so an API break in the next
release shows up here before hosts upgrade. It needs no pytest plugin (the test harness pins the older
release). Every failure prints one `COMPAT:` line saying what broke, and exits 1.
"""

import asyncio
import importlib
from pathlib import Path
import pkgutil
import socket
import sys
import tempfile
import traceback

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "custom_components.guest_pins"


def _fail(what: str, err: BaseException | None = None) -> None:
    """Print what broke as one COMPAT line (and the traceback below it) and exit 1."""
    detail = f": {type(err).__name__}: {err}" if err else ""
    print(f"COMPAT: {what}{detail}")
    if err:
        traceback.print_exception(err)
    sys.exit(1)


def _import_every_module() -> int:
    """Import each module of the integration; an import error is an API break in the new release."""
    sys.path.insert(0, str(REPO))
    package = importlib.import_module(PACKAGE)
    names = [PACKAGE] + [info.name for info in pkgutil.walk_packages(package.__path__, prefix=f"{PACKAGE}.")]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as err:  # noqa: BLE001 - any failure is what this script reports
            _fail(f"import of {name} failed", err)
    return len(names)


async def _setup_and_unload(config_dir: Path) -> str:
    """Add a property through the real config flow, check it loads, unload it, stop Home Assistant."""
    from homeassistant import auth as ha_auth, loader  # noqa: PLC0415
    from homeassistant.config_entries import ConfigEntries, ConfigEntryState  # noqa: PLC0415
    from homeassistant.const import __version__ as ha_version  # noqa: PLC0415
    from homeassistant.core import HomeAssistant  # noqa: PLC0415
    from homeassistant.helpers import (  # noqa: PLC0415  # noqa: PLC0415
        device_registry as dr,
        entity_registry as er,
        frame,
        issue_registry as ir,
    )
    from homeassistant.setup import async_setup_component  # noqa: PLC0415

    hass = HomeAssistant(str(config_dir))
    hass.config.skip_pip = True
    # As bootstrap does: usage reports (e.g. a custom integration's bool from async_setup_entry) need it.
    frame.async_setup(hass)
    await hass.config.async_set_time_zone("Europe/Berlin")
    loader.async_setup(hass)
    hass.config_entries = ConfigEntries(hass, {})
    await hass.config_entries.async_initialize()
    dr.async_setup(hass)
    await asyncio.gather(dr.async_load(hass), er.async_load(hass), ir.async_load(hass))
    # guest_pins serves its panel and webhooks: Home Assistant's HTTP server (and the auth it needs), on
    # loopback and a free port.
    hass.auth = await ha_auth.auth_manager_from_config(hass, [{"type": "homeassistant"}], [])
    await hass.async_start()
    try:
        http = {"http": {"server_host": ["127.0.0.1"], "server_port": _free_port()}}
        if not await async_setup_component(hass, "http", http):
            _fail("async_setup_component('http') returned False")
        if not await async_setup_component(hass, "guest_pins", {}):
            _fail("async_setup_component('guest_pins') returned False")
        flow = await hass.config_entries.flow.async_init("guest_pins", context={"source": "user"})
        result = await hass.config_entries.flow.async_configure(
            flow["flow_id"], {"name": "Smoke Cottage", "time_zone": "Europe/Berlin"}
        )
        if result.get("type") != "create_entry":
            _fail(f"the config flow did not create an entry: {result}")
        await hass.async_block_till_done()
        entry = hass.config_entries.async_entries("guest_pins")[0]
        if entry.state is not ConfigEntryState.LOADED:
            _fail(f"the property did not load: {entry.state} {entry.reason}")
        if not await hass.config_entries.async_unload(entry.entry_id):
            _fail("the property did not unload")
        if entry.state is not ConfigEntryState.NOT_LOADED:
            _fail(f"the property is {entry.state} after unload")
    finally:
        await hass.async_stop(force=True)
    return ha_version


def _free_port() -> int:
    """Return a TCP port on loopback nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def main() -> None:
    """Run the smoke test and print one line with what passed."""
    try:
        modules = _import_every_module()
        with tempfile.TemporaryDirectory() as tmp:
            config_dir = Path(tmp)
            (config_dir / "custom_components").mkdir()
            (config_dir / "custom_components" / "guest_pins").symlink_to(
                REPO / "custom_components" / "guest_pins"
            )
            version = asyncio.run(_setup_and_unload(config_dir))
    except SystemExit:
        raise
    except Exception as err:  # noqa: BLE001 - any failure is what this script reports
        _fail("setting up the integration raised", err)
    print(f"compat smoke: Home Assistant {version}: {modules} modules imported, property set up and unloaded")


if __name__ == "__main__":
    main()
