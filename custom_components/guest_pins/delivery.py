"""Sending a stay's keys: the channels, and the message written from the host's template.

Channels: the host's notify entities (a message ready to forward), and the guest through a notify action that
takes a target (an SMS or e-mail integration) when the stay carries their phone number or e-mail address.
Each is reached the way that leaves no trace in Home Assistant's database: a notify entity's own send method,
a legacy notify service's own object; only a notify action guest_pins cannot reach that way is called as an
action, which Home Assistant records (the README says so). Property-management systems add their own channels.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, Protocol

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, TemplateError
from homeassistant.helpers import translation
from homeassistant.helpers.template import Template

from .const import DOMAIN, UNNAMED_GUEST
from .core.delivery import Due, Keys, Send
from .core.model import Stay
from .settings import PropertySettings


class DeliveryError(Exception):
    """A message could not go out; `key` says why (a translation key), the message is safe to show."""

    def __init__(self, key: str, detail: str) -> None:
        """Keep why, and what to show."""
        super().__init__(detail)
        self.key = key


class Channel(Protocol):
    """A way to reach a guest (or the host on their behalf)."""

    @property
    def name(self) -> str:
        """Return the channel's name (what its records and events call it)."""

    @property
    def label(self) -> str:
        """Return how the host knows the channel (its notify entities or action)."""

    def reaches(self, stay: Stay) -> bool:
        """Return whether this channel can reach the stay's guest."""

    async def async_send(self, stay: Stay, keys: Keys, title: str, message: str) -> None:
        """Send one message (`keys`: the codes it tells, by lock); raise DeliveryError if it did not go."""


@dataclass
class HostChannel:
    """The host's notify entities: every stay's message, ready to forward to the guest."""

    hass: HomeAssistant
    targets: tuple[str, ...]
    name: str = "host"

    @property
    def label(self) -> str:
        """Return the host's notify entities."""
        return ", ".join(self.targets)

    def reaches(self, stay: Stay) -> bool:
        """Return True: the host is told of every stay."""
        return True

    async def async_send(self, stay: Stay, keys: Keys, title: str, message: str) -> None:
        """Send through each notify entity's own method (an action call would record the code)."""
        from homeassistant.components.notify.const import DATA_COMPONENT  # noqa: PLC0415 - with notify only

        component = self.hass.data.get(DATA_COMPONENT)
        for entity_id in self.targets:
            entity = component.get_entity(entity_id) if component is not None else None
            if entity is None:
                msg = f"the notify entity {entity_id} does not exist"
                raise DeliveryError("notify_missing", msg)
            try:
                await entity.async_send_message(message, title)
            except HomeAssistantError as err:
                msg = f"{entity_id} could not send: {type(err).__name__}"
                raise DeliveryError("send_failed", msg) from None


@dataclass
class GuestChannel:
    """A notify action that takes a target (phone number or e-mail address) to reach the guest directly."""

    hass: HomeAssistant
    action: str
    kind: str  # "sms" or "email": which of the stay's contacts it takes

    @property
    def name(self) -> str:
        """Return the channel's name (its kind)."""
        return self.kind

    @property
    def label(self) -> str:
        """Return the notify action."""
        return f"notify.{self.action}"

    def target(self, stay: Stay) -> str | None:
        """Return the stay's phone number or e-mail address, as this channel takes."""
        return stay.phone if self.kind == "sms" else stay.email

    def reaches(self, stay: Stay) -> bool:
        """Return whether the stay carries the contact this channel needs."""
        return self.target(stay) is not None

    async def async_send(self, stay: Stay, keys: Keys, title: str, message: str) -> None:
        """Send to the guest's number or address."""
        target = self.target(stay)
        assert target is not None  # noqa: S101 - only called for stays it reaches
        service = _legacy_service(self.hass, self.action)
        try:
            if service is not None:
                await service.async_send_message(message, title=title, target=[target])
                return
            if not self.hass.services.has_service("notify", self.action):
                msg = f"there is no notify action notify.{self.action}"
                raise DeliveryError("notify_missing", msg)
            await self.hass.services.async_call(
                "notify", self.action, {"message": message, "title": title, "target": [target]}, blocking=True
            )
        except HomeAssistantError as err:
            msg = f"notify.{self.action} could not send: {type(err).__name__}"
            raise DeliveryError("send_failed", msg) from None


def _legacy_service(hass: HomeAssistant, action: str) -> Any:  # noqa: ANN401 - notify's own service object
    """Return the legacy notify service object behind `notify.<action>`, if Home Assistant has one."""
    from homeassistant.components.notify.legacy import NOTIFY_SERVICES  # noqa: PLC0415 - with notify only

    for services in hass.data.get(NOTIFY_SERVICES, {}).values():
        for service in services:
            if getattr(service, "_service_name", None) == action:
                return service
    return None


@dataclass(frozen=True, slots=True)
class MessageContext:
    """What a message may say: the property, the lock names and the zone its times are told in."""

    property_name: str
    lock_names: Mapping[str, str]
    zone: tzinfo


def variables(stay: Stay, keys: Keys, due: Due, context: MessageContext) -> dict[str, Any]:
    """Return the template's variables for one stay's message."""

    def local(instant: datetime) -> str:
        """Return an instant as the property's local date and time."""
        return f"{instant.astimezone(context.zone):%Y-%m-%d %H:%M}"

    names = {lock_id: context.lock_names.get(lock_id, lock_id) for lock_id in keys.codes}
    order = sorted(keys.codes, key=names.__getitem__)
    codes: list[dict[str, Any]] = [
        {"lock": names[lock_id], "code": keys.codes[lock_id], "backup": lock_id in keys.backups}
        for lock_id in order
    ]
    distinct = set(keys.codes.values())
    return {
        "guest": stay.guest_name or UNNAMED_GUEST,
        "property": context.property_name,
        "checkin": local(stay.checkin),
        "checkout": local(stay.checkout),
        "reference": stay.reference or "",
        "codes": codes,
        "code": next(iter(distinct)) if len(distinct) == 1 else None,
        "locks": ", ".join(names[lock_id] for lock_id in order),
        "backup": bool(keys.backups),
        "replaces": due.kind is Send.REPLACEMENT,
        "confirmed": due.complete,
    }


async def async_default_templates(hass: HomeAssistant) -> dict[str, str]:
    """Return the default message, and the title of the host's copy, in Home Assistant's language."""
    strings = await translation.async_get_translations(hass, hass.config.language, "config_panel", [DOMAIN])
    prefix = f"component.{DOMAIN}.config_panel.message"
    return {key: strings.get(f"{prefix}.{key}", "") for key in ("guest", "host_title", "guest_title")}


def render(hass: HomeAssistant, text: str, values: Mapping[str, Any]) -> str:
    """Render a message template with a stay's values; raise DeliveryError("template_error") if it fails."""
    try:
        return str(Template(text, hass).async_render(dict(values), parse_result=False)).strip()
    except TemplateError as err:
        raise DeliveryError("template_error", str(err)[:200]) from None


def channels(hass: HomeAssistant, settings: PropertySettings) -> list[Channel]:
    """Return the channels the host chose: their notify targets, and the guest's phone or e-mail."""
    chosen: list[Channel] = []
    if settings.send_to_host and settings.notify_targets:
        chosen.append(HostChannel(hass, settings.notify_targets))
    if settings.guest_sms:
        chosen.append(GuestChannel(hass, settings.guest_sms, "sms"))
    if settings.guest_email:
        chosen.append(GuestChannel(hass, settings.guest_email, "email"))
    return chosen
