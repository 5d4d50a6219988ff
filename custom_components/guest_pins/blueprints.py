"""Ship guest_pins' automation blueprints into the host's blueprint folder.

Home Assistant has no way for a custom integration to offer blueprints, so they are copied into
`blueprints/automation/guest_pins/` once the automation integration has made that folder (copying earlier
would stop Home Assistant from adding its own blueprints on a fresh install); a file the host changed or
deleted in place is left alone once it exists.
"""

from pathlib import Path
import shutil

from homeassistant.const import EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import CoreState, Event, HomeAssistant, callback

from .const import DOMAIN, LOGGER

SHIPPED = Path(__file__).parent / "blueprints" / "automation"


def _copy(target: Path) -> list[str]:
    """Copy the blueprints that are not there yet (blocking); return their names."""
    if not target.parent.exists():
        return []  # the automation integration has not made its folder yet
    target.mkdir(exist_ok=True)
    copied = []
    for blueprint in sorted(SHIPPED.glob("*.yaml")):
        if not (target / blueprint.name).exists():
            shutil.copyfile(blueprint, target / blueprint.name)
            copied.append(blueprint.name)
    return copied


async def async_install(hass: HomeAssistant) -> None:
    """Copy the blueprints now, or once Home Assistant has started (its automation folder exists then)."""
    target = Path(hass.config.path("blueprints", "automation", DOMAIN))

    async def _async_copy(_event: Event | None = None) -> None:
        """Copy in the executor (it touches the disk)."""
        if copied := await hass.async_add_executor_job(_copy, target):
            LOGGER.info("Added guest_pins blueprints: %s", ", ".join(copied))

    if hass.state is CoreState.running:
        await _async_copy()
        return

    @callback
    def _started(event: Event) -> None:
        """Copy once Home Assistant runs."""
        hass.async_create_task(_async_copy(event))

    hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STARTED, _started)
