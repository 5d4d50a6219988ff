"""Form fields the config flow and its subentry flows share."""

from zoneinfo import available_timezones

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import (
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)

from .const import CONF_PATH, SUBENTRY_LOCK
from .locks.factory import INVITATION_PATHS


async def zone_selector(hass: HomeAssistant, *, optional: bool = False) -> SelectSelector:
    """Return a select of every tzdata zone (read in the executor: it lists files)."""
    zones = sorted(await hass.async_add_executor_job(available_timezones))
    return SelectSelector(
        SelectSelectorConfig(
            options=[*([""] if optional else []), *zones], mode=SelectSelectorMode.DROPDOWN, sort=False
        )
    )


def locks_selector(entry: ConfigEntry, *, codes_only: bool = False) -> SelectSelector:
    """Return a multi-select of the property's managed locks (by subentry id, labelled with the title).

    `codes_only` leaves out locks that admit by invitation (Ring): they have no code to give.
    """
    options = [
        SelectOptionDict(value=subentry_id, label=subentry.title)
        for subentry_id, subentry in entry.subentries.items()
        if subentry.subentry_type == SUBENTRY_LOCK
        and not (codes_only and subentry.data.get(CONF_PATH) in INVITATION_PATHS)
    ]
    return SelectSelector(SelectSelectorConfig(options=options, multiple=True))
