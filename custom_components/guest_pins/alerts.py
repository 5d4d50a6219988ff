"""Alerts: each problem the host must act on, told once per occurrence and withdrawn when it is solved.

An alert is a repair, a persistent notification and a message to the host's notify targets.

An alert belongs to a scope (the plan, one lock's writes, one calendar, one lock's path): whoever watches that
scope says which of its alerts hold now, and the others are withdrawn. Which alerts the host was told of is
kept in the store, so a reload or a restart while a problem lasts raises its repair again (Home Assistant
forgets repairs at a restart) but tells nobody twice.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from homeassistant.components import persistent_notification
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir, translation

from .const import DOMAIN, LOGGER


@dataclass(frozen=True, slots=True)
class Alert:
    """One problem: its id (stable while it is the same problem), kind (translation key) and details."""

    alert_id: str
    kind: str
    placeholders: Mapping[str, str] = field(default_factory=dict)
    severity: ir.IssueSeverity = ir.IssueSeverity.WARNING


# The scope of one-off notices (told once, nothing to repair), and how many of them are remembered.
NOTICE = "notice"
NOTICES_KEPT = 200


def notification_id(alert_id: str) -> str:
    """Return the persistent notification that stands for an alert."""
    return f"{DOMAIN}_{alert_id}"


class AlertCenter:
    """Raises and withdraws one property's alerts; `announced` (alert id -> scope) is kept in its store."""

    def __init__(
        self,
        hass: HomeAssistant,
        title: str,
        notify_targets: Iterable[str],
        announced: dict[str, str],
        on_change: Callable[[], None],
    ) -> None:
        """Tell the host of `title` (the property) through notifications and `notify_targets`."""
        self.hass = hass
        self.title = title
        self.notify_targets = list(notify_targets)
        self.announced = announced
        self._on_change = on_change
        # The problems raised now (repairs), as the panel and the entities show them.
        self.current: dict[str, Alert] = {}

    @callback
    def sync(self, scope: str, alerts: Iterable[Alert]) -> None:
        """Raise `alerts`, the problems of `scope` that hold now, and withdraw the scope's others."""
        wanted = {alert.alert_id: alert for alert in alerts}
        for alert in wanted.values():
            self._raise(scope, alert)
        for alert_id in [key for key, owner in self.announced.items() if owner == scope]:
            if alert_id not in wanted:
                self._withdraw(alert_id)

    @callback
    def tell(self, alert: Alert) -> None:
        """Tell the host once of something that happened and needs no repair (a notification, the targets).

        The notice's id is remembered (the last `NOTICES_KEPT` of them), so it is told once across restarts.
        """
        if alert.alert_id in self.announced:
            return
        self.announced[alert.alert_id] = NOTICE
        notices = [key for key, scope in self.announced.items() if scope == NOTICE]
        for old in notices[: max(0, len(notices) - NOTICES_KEPT)]:
            del self.announced[old]
        self._on_change()
        self.hass.async_create_task(self._async_tell(alert), eager_start=False)

    @callback
    def keep_only(self, scopes: Iterable[str], prefixes: tuple[str, ...] = ()) -> None:
        """Withdraw the alerts of scopes that no longer exist (a removed lock or calendar).

        Scopes starting with one of `prefixes` stay: their owner withdraws them (a stay's messages).
        """
        alive = {*scopes, NOTICE}
        for alert_id in [
            key
            for key, scope in self.announced.items()
            if scope not in alive and not scope.startswith(prefixes)
        ]:
            self._withdraw(alert_id)

    def active(self, scope: str | None = None) -> list[str]:
        """Return the ids of the alerts raised and not withdrawn (of one scope, or all)."""
        return sorted(key for key, owner in self.announced.items() if scope in (None, owner))

    @callback
    def _raise(self, scope: str, alert: Alert) -> None:
        """Show the repair; tell the host once, unless this occurrence was told already."""
        self.current[alert.alert_id] = alert
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            alert.alert_id,
            is_fixable=False,
            severity=alert.severity,
            translation_key=alert.kind,
            translation_placeholders=dict(alert.placeholders),
        )
        if alert.alert_id in self.announced:
            return
        self.announced[alert.alert_id] = scope
        self._on_change()
        self.hass.async_create_task(self._async_tell(alert), eager_start=False)

    @callback
    def _withdraw(self, alert_id: str) -> None:
        """Remove the repair and the notification of a problem that is solved."""
        ir.async_delete_issue(self.hass, DOMAIN, alert_id)
        persistent_notification.async_dismiss(self.hass, notification_id(alert_id))
        self.current.pop(alert_id, None)
        del self.announced[alert_id]
        self._on_change()

    async def _async_tell(self, alert: Alert) -> None:
        """Tell the host now (SC-008): a persistent notification, and the notify targets they chose."""
        strings = await translation.async_get_translations(
            self.hass, self.hass.config.language, "issues", [DOMAIN]
        )
        prefix = f"component.{DOMAIN}.issues.{alert.kind}"
        # A notice's text may have a title and description like a repair's; it is under "issues" too.
        title = f"{self.title}: {strings.get(f'{prefix}.title', alert.kind).format(**alert.placeholders)}"
        message = strings.get(f"{prefix}.description", "").format(**alert.placeholders)
        if alert.alert_id not in self.announced:
            return  # solved before it could be told
        persistent_notification.async_create(
            self.hass, message, title=title, notification_id=notification_id(alert.alert_id)
        )
        if not self.notify_targets or not self.hass.services.has_service("notify", "send_message"):
            return
        try:
            await self.hass.services.async_call(
                "notify",
                "send_message",
                {"entity_id": self.notify_targets, "title": title, "message": message},
                blocking=True,
            )
        except HomeAssistantError as err:
            # The notification and the repair still show it; the host's notify entity failed on its own.
            LOGGER.warning("Could not notify the host of %s: %s", alert.kind, type(err).__name__)
