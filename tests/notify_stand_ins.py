"""Whom guest_pins sends a stay's keys to in tests: a host's notify entity and a legacy SMS notify service.

Both are reached the way guest_pins reaches real ones (the entity's own method, the service's own object),
and both keep every message they got.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from homeassistant.components.notify import BaseNotificationService, NotifyEntity, NotifyEntityFeature
from homeassistant.const import CONF_NAME, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import discovery
from homeassistant.helpers.typing import ConfigType, DiscoveryInfoType
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import mock_platform

from .lock_entities import async_install_entities

HOST_PHONE = "notify.host_phone"


@dataclass
class Inbox:
    """The messages one recipient got: (title, message, targets)."""

    messages: list[tuple[str | None, str, list[str]]] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """Return the messages' texts."""
        return [message for _title, message, _targets in self.messages]


class HostPhone(NotifyEntity):
    """The host's phone as a notify entity."""

    _attr_has_entity_name = True
    _attr_name = "Host phone"
    _attr_supported_features = NotifyEntityFeature.TITLE

    def __init__(self, inbox: Inbox) -> None:
        """Keep what arrives in `inbox`."""
        self.entity_id = HOST_PHONE
        self._attr_unique_id = "host-phone"
        self.inbox = inbox

    async def async_send_message(self, message: str, title: str | None = None) -> None:
        """Keep the message."""
        self.inbox.messages.append((title, message, []))


async def async_install_host_phone(hass: HomeAssistant) -> Inbox:
    """Load the host's phone (a notify entity of a stand-in integration); return its inbox."""
    inbox = Inbox()
    await async_install_entities(hass, "phone_app", "notify", [HostPhone(inbox)])
    return inbox


class SmsService(BaseNotificationService):
    """A legacy notify service that texts whoever `target` names (like twilio_sms)."""

    def __init__(self, inbox: Inbox) -> None:
        """Keep what is sent in `inbox`."""
        self.inbox = inbox

    async def async_send_message(self, message: str = "", **kwargs: Any) -> None:
        """Keep the message and its targets."""
        self.inbox.messages.append((kwargs.get("title"), message, list(kwargs.get("target") or [])))


async def async_install_sms(hass: HomeAssistant, name: str = "sms") -> Inbox:
    """Set up `notify.<name>`, a legacy SMS notify service; return its inbox."""
    inbox = Inbox()

    async def get_service(
        hass: HomeAssistant, config: ConfigType, discovery_info: DiscoveryInfoType | None = None
    ) -> SmsService:
        """Return the service."""
        return SmsService(inbox)

    # A legacy notify platform is a module with async_get_service.
    platform: Any = SimpleNamespace(async_get_service=get_service)
    mock_platform(hass, "smsgate.notify", platform)
    # Loaded the way config-entry integrations (smtp) load theirs: by discovery, whenever notify is up.
    assert await async_setup_component(hass, "notify", {})
    await discovery.async_load_platform(hass, Platform.NOTIFY, "smsgate", {CONF_NAME: name}, {})
    await hass.async_block_till_done()
    return inbox
