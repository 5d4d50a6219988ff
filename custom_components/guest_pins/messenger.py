"""Sending each stay's keys to its guest (and the host's copy), once, when due, retried until it goes out.

The core decides when and what (`core/delivery`); this module writes the message from the host's template
(or the translated default), sends it through each channel that reaches the guest, remembers what went out
(saved at once, so a restart never sends it twice), and tells the host when a message keeps failing.
"""

from collections.abc import Callable, Iterable
from datetime import datetime

from homeassistant.helpers import issue_registry as ir

from .alerts import Alert
from .const import UNNAMED_GUEST
from .core import delivery
from .core.model import Stay
from .delivery import (
    Channel,
    DeliveryError,
    GuestChannel,
    MessageContext,
    async_default_templates,
    render,
    variables,
)
from .lock_runtime import keys_of
from .parts import PropertyPart, PropertyParts

DELIVERY_SCOPE = "delivery:"


def delivery_scope(stay_id: str) -> str:
    """Return the alert scope of a stay's messages."""
    return f"{DELIVERY_SCOPE}{stay_id}"


class Messenger(PropertyPart):
    """Sends one property's keys."""

    def __init__(
        self, parts: PropertyParts, channels: Iterable[Channel], save_now: Callable[[], object]
    ) -> None:
        """Send through `channels`; `save_now` writes the store at once."""
        super().__init__(parts)
        self.channels = list(channels)
        self._save_now = save_now

    def keys(self, stay: Stay, now: datetime) -> delivery.Keys:
        """Return the stay's keys now."""
        return keys_of(stay, self.locks, self.state.journey.backups, now, self.settings.ready_from)

    async def async_deliver(self, stays: Iterable[Stay], now: datetime) -> None:
        """Send each stay's keys through every channel that reaches its guest, once, when due."""
        templates: dict[str, str] | None = None
        deliveries = self.state.journey.deliveries
        horizon = self.settings.horizon
        for stay in stays if self.channels else ():
            record = self.state.journey.stays.get(stay.stay_id)
            if (record is not None and record.cancelled) or not stay.checkin - horizon <= now < stay.checkout:
                continue  # nothing is sent before the earliest a key can be ready, nor after the stay
            keys = self.keys(stay, now)
            failing: list[tuple[Channel, delivery.Delivery]] = []
            for channel in self.channels:
                if not channel.reaches(stay):
                    continue
                sends = deliveries.setdefault(stay.stay_id, {})
                current = sends.get(channel.name, delivery.Delivery())
                due = delivery.due(
                    keys, current, self.settings.delivery, stay.checkin, stay.checkout, now, self.state.secret
                )
                if due is None:
                    if current.failures:
                        failing.append((channel, current))
                    continue
                templates = templates or await async_default_templates(self.hass)
                try:
                    title, message = self._message(stay, keys, due, channel.name, templates)
                    await channel.async_send(stay, keys, title, message)
                except DeliveryError as err:
                    sends[channel.name] = delivery.failed(current, now, err.key)
                    failing.append((channel, sends[channel.name]))
                    self.events.fire(
                        "delivery_failed", reservation=stay.stay_id, channel=channel.name, reason=err.key
                    )
                    continue
                sends[channel.name] = delivery.sent(current, due, now)
                # Saved at once: a restart right after must not send the same keys again.
                self._save_now()
                self.events.fire(
                    "code_sent",
                    reservation=stay.stay_id,
                    guest=stay.guest_name,
                    channel=channel.name,
                    replacement=due.kind is delivery.Send.REPLACEMENT,
                    again=due.kind is delivery.Send.AGAIN,
                    backup=bool(due.backups),
                    confirmed=due.complete,
                )
            self._sync_alerts(stay, failing)
            self._tell_unreachable_guest(stay, keys, now)

    def resend(self, stay: Stay, now: datetime) -> int:
        """Have the stay's keys go out again now through each channel that reaches its guest; return how many.

        Nothing goes before the earliest a key can be ready (the messages would have nothing to say yet).
        """
        if now < stay.checkin - self.settings.horizon or now >= stay.checkout:
            return 0
        sends = self.state.journey.deliveries.setdefault(stay.stay_id, {})
        channels = [channel for channel in self.channels if channel.reaches(stay)]
        for channel in channels:
            sends[channel.name] = delivery.resend(sends.get(channel.name, delivery.Delivery()))
        return len(channels)

    def _tell_unreachable_guest(self, stay: Stay, keys: delivery.Keys, now: datetime) -> None:
        """Tell the host once when a guest is due their code but the booking has no contact to send it to."""
        guest_channels = [channel for channel in self.channels if isinstance(channel, GuestChannel)]
        if not guest_channels or any(channel.reaches(stay) for channel in guest_channels):
            return
        first = delivery.due(
            keys,
            delivery.Delivery(),
            self.settings.delivery,
            stay.checkin,
            stay.checkout,
            now,
            self.state.secret,
        )
        if first is not None:
            placeholders = {
                "guest": stay.guest_name or UNNAMED_GUEST,
                "checkin": f"{stay.checkin.astimezone(self.zone):%Y-%m-%d %H:%M}",
                "channels": ", ".join(channel.label for channel in guest_channels),
            }
            self.alerts.tell(Alert(f"guest_no_contact_{stay.stay_id}", "guest_no_contact", placeholders))

    def _message(
        self, stay: Stay, keys: delivery.Keys, due: delivery.Due, channel: str, templates: dict[str, str]
    ) -> tuple[str, str]:
        """Return a message's title and text, from the host's template or the translated default."""
        context = MessageContext(
            self.settings.title, {lock_id: lock.title for lock_id, lock in self.locks.items()}, self.zone
        )
        values = variables(stay, keys, due, context)
        try:
            text = render(self.hass, self.settings.message_template or templates["guest"], values)
        except DeliveryError:
            # The host's template broke: the guest still gets the default, and the host hears of it.
            self.alerts.tell(Alert(f"template_error_{stay.stay_id}", "template_error", {}))
            text = render(self.hass, templates["guest"], values)
        title = render(self.hass, templates["host_title" if channel == "host" else "guest_title"], values)
        return title, text

    def _sync_alerts(self, stay: Stay, failing: list[tuple[Channel, delivery.Delivery]]) -> None:
        """Alert the host while a stay's message keeps failing (or its notify action is missing)."""
        alerts = [
            Alert(
                f"delivery_failed_{stay.stay_id}_{channel.name}",
                "delivery_missing" if record.last_error == "notify_missing" else "delivery_failed",
                {"guest": stay.guest_name or UNNAMED_GUEST, "channel": channel.label},
                ir.IssueSeverity.ERROR,
            )
            for channel, record in failing
            if record.failures >= delivery.FAILURES_BEFORE_ALERT or record.last_error == "notify_missing"
        ]
        self.alerts.sync(delivery_scope(stay.stay_id), alerts)

    def sent(self, stay: Stay, now: datetime) -> bool:
        """Return whether the stay's current keys reached a channel (the guest, or the host to forward)."""
        wanted = delivery.digest(self.keys(stay, now), self.state.secret)
        sends = self.state.journey.deliveries.get(stay.stay_id, {})
        return any(record.sent_digest == wanted for record in sends.values())

    def next_retry(self) -> datetime | None:
        """Return when a failed message is next tried."""
        retries = (
            retry
            for sends in self.state.journey.deliveries.values()
            if (retry := delivery.next_attempt(sends)) is not None
        )
        return min(retries, default=None)
