"""The subentry flows of reservation sources: our signed webhook, Beds24 and Lodgify.

Each is checked before it is stored: Beds24's invite code is exchanged for a refresh token (invite codes
work once), Lodgify's API key must read the account's properties. The host picks the system's rooms and the
locks they feed. A webhook's secret (and Beds24's shared header value) is shown once, on the last step,
and can be replaced from *Reconfigure*; no secret ever appears in a message or the log.
"""

import secrets
from typing import Any

from homeassistant.components import webhook
from homeassistant.config_entries import SOURCE_RECONFIGURE, ConfigSubentryFlow, SubentryFlowResult
from homeassistant.const import CONF_NAME
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.network import NoURLAvailableError
from homeassistant.helpers.selector import (
    BooleanSelector,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
from homeassistant.util import dt as dt_util
import probatio

from .const import (
    BEDS24_URL,
    CONF_API_KEY,
    CONF_BASE_URL,
    CONF_INVITE_CODE,
    CONF_LOCKS,
    CONF_PMS_PROPERTY,
    CONF_PMS_ROOMS,
    CONF_REFRESH_TOKEN,
    CONF_SECRET,
    CONF_UNIT,
    CONF_WEBHOOK_ID,
    LODGIFY_URL,
)
from .core.signatures import new_secret
from .flow_fields import locks_selector
from .sources.beds24 import Beds24Client, Beds24Error
from .sources.lodgify import LodgifyClient, LodgifyError
from .sources.webhook import BEDS24_HEADER

CONF_ROTATE = "rotate_secret"
_PASSWORD = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))


def _url(flow: ConfigSubentryFlow, webhook_id: str) -> str:
    """Return the webhook's address as the system must call it (the path alone without a known URL)."""
    try:
        return webhook.async_generate_url(flow.hass, webhook_id)
    except NoURLAvailableError:
        return webhook.async_generate_path(webhook_id)


class _SourceFlow(ConfigSubentryFlow):
    """What the three source flows share: the locks, the last step that shows the secret, reconfiguring."""

    data: dict[str, Any]

    def _finish(self) -> SubentryFlowResult:
        """Store the source (new or changed)."""
        title = self.data.pop(CONF_NAME)
        if self.source == SOURCE_RECONFIGURE:
            return self.async_update_and_abort(
                self._get_entry(), self._get_reconfigure_subentry(), title=title, data=self.data
            )
        return self.async_create_entry(title=title, data=self.data)

    async def async_step_secret(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Show where the system must send its pushes and the secret it must use: once, now."""
        if user_input is not None:
            return self._finish()
        return self.async_show_form(
            step_id="secret",
            data_schema=probatio.Schema({}),
            description_placeholders={
                "url": _url(self, self.data[CONF_WEBHOOK_ID]),
                "secret": self.data[CONF_SECRET],
                "header": BEDS24_HEADER,
            },
        )

    def _current(self) -> dict[str, Any]:
        """Return the stored data of the source being reconfigured (with its name), or nothing."""
        if self.source != SOURCE_RECONFIGURE:
            return {}
        subentry = self._get_reconfigure_subentry()
        return {**subentry.data, CONF_NAME: subentry.title}


class WebhookSourceFlow(_SourceFlow):
    """Our signed webhook: a name, the unit it must name (optional), the locks; a secret made here."""

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Ask for the webhook's name, unit and locks."""
        return await self._async_form("user", user_input)

    async def async_step_reconfigure(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Change the name, unit or locks; or replace the secret (shown once again)."""
        return await self._async_form("reconfigure", user_input)

    async def _async_form(self, step_id: str, user_input: dict[str, Any] | None) -> SubentryFlowResult:
        """Show or take the webhook's form."""
        current = self._current()
        errors: dict[str, str] = {}
        if user_input is not None:
            if not user_input.get(CONF_LOCKS):
                errors[CONF_LOCKS] = "no_locks"
            else:
                rotate = bool(user_input.get(CONF_ROTATE)) or not current
                self.data = {
                    CONF_NAME: user_input[CONF_NAME].strip(),
                    CONF_UNIT: (user_input.get(CONF_UNIT) or "").strip() or None,
                    CONF_LOCKS: list(user_input[CONF_LOCKS]),
                    CONF_WEBHOOK_ID: current.get(CONF_WEBHOOK_ID) or webhook.async_generate_id(),
                    CONF_SECRET: new_secret(secrets.token_bytes(32)) if rotate else current[CONF_SECRET],
                }
                return await self.async_step_secret() if rotate else self._finish()
        fields: dict[Any, Any] = {
            probatio.Required(CONF_NAME): TextSelector(),
            probatio.Optional(CONF_UNIT): TextSelector(),
            probatio.Required(CONF_LOCKS): locks_selector(self._get_entry(), codes_only=False),
        }
        if current:
            fields[probatio.Optional(CONF_ROTATE, default=False)] = BooleanSelector()
        schema = self.add_suggested_values_to_schema(
            probatio.Schema(fields), {**current, **(user_input or {})}
        )
        return self.async_show_form(step_id=step_id, data_schema=schema, errors=errors)


class _PmsFlow(_SourceFlow):
    """A property-management system: credentials first, then its rooms and the locks they feed."""

    rooms: list[SelectOptionDict]
    room_property: dict[str, int]
    # The field of the system's credential, and the error shown when the account's rooms cannot be read.
    credential: str
    refused: tuple[str, str]

    async def async_step_reconfigure(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Change the rooms and locks; a new credential (optional) replaces one the system refuses."""
        errors: dict[str, str] = {}
        if user_input is not None:
            self.data = self._current()
            if value := (user_input.get(self.credential) or "").strip():
                errors = await self._async_use_credential(value)
            if not errors:
                if (result := await self._async_load_rooms()) is not None:
                    return result
                field_name, error = self.refused
                errors[field_name] = error
        schema = probatio.Schema({probatio.Optional(self.credential): _PASSWORD})
        return self.async_show_form(step_id="reconfigure", data_schema=schema, errors=errors)

    async def _async_use_credential(self, value: str) -> dict[str, str]:
        """Put a new credential into the source's data; return the form's errors (none: it may be used)."""
        raise NotImplementedError

    async def _async_load_rooms(self) -> SubentryFlowResult | None:
        """Offer the account's rooms (the rooms step); None when the stored credential cannot read them."""
        raise NotImplementedError

    async def async_step_rooms(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Pick the system's rooms and the locks they feed."""
        errors: dict[str, str] = {}
        if user_input is not None:
            chosen = list(user_input.get(CONF_PMS_ROOMS) or [])
            if not chosen:
                errors[CONF_PMS_ROOMS] = "no_rooms"
            elif not user_input.get(CONF_LOCKS):
                errors[CONF_LOCKS] = "no_locks"
            else:
                properties = {self.room_property[room] for room in chosen}
                self.data[CONF_PMS_ROOMS] = [int(room) for room in chosen]
                self.data[CONF_PMS_PROPERTY] = properties.pop() if len(properties) == 1 else None
                self.data[CONF_LOCKS] = list(user_input[CONF_LOCKS])
                return await self._async_after_rooms()
        schema = probatio.Schema(
            {
                probatio.Required(CONF_PMS_ROOMS): SelectSelector(
                    SelectSelectorConfig(options=self.rooms, multiple=True)
                ),
                probatio.Required(CONF_LOCKS): locks_selector(self._get_entry(), codes_only=True),
            }
        )
        current = {CONF_PMS_ROOMS: [str(room) for room in self.data.get(CONF_PMS_ROOMS) or []]}
        current[CONF_LOCKS] = self.data.get(CONF_LOCKS) or []
        schema = self.add_suggested_values_to_schema(schema, {**current, **(user_input or {})})
        return self.async_show_form(step_id="rooms", data_schema=schema, errors=errors)

    async def _async_after_rooms(self) -> SubentryFlowResult:
        """Store the source (a system that pushes with a shared secret shows it first)."""
        return self._finish()

    def _rooms_of(self, properties: list[dict[str, Any]], rooms_key: str) -> None:
        """Offer each property's rooms, labelled "Property: Room"."""
        self.rooms, self.room_property = [], {}
        for item in properties:
            for room in item.get(rooms_key) or ():
                value = str(room["id"])
                self.rooms.append(
                    SelectOptionDict(value=value, label=f"{item.get('name')}: {room.get('name')}")
                )
                self.room_property[value] = int(item["id"])


class Beds24SourceFlow(_PmsFlow):
    """Beds24: an invite code (exchanged at once), then rooms and locks; its webhook's header secret."""

    credential = CONF_INVITE_CODE
    # The stored refresh token no longer reads the account: the form as a whole says so.
    refused = ("base", "access_refused")

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Ask for a name and an invite code (Beds24: Settings, Marketplace, API, Generate invite code)."""
        errors: dict[str, str] = {}
        if user_input is not None:
            session = async_get_clientsession(self.hass)
            try:
                token = await Beds24Client.async_exchange_invite(
                    session, BEDS24_URL, user_input[CONF_INVITE_CODE].strip()
                )
            except Beds24Error, TimeoutError, OSError:
                errors[CONF_INVITE_CODE] = "invalid_invite"
            else:
                self.data = {
                    CONF_NAME: user_input[CONF_NAME].strip(),
                    CONF_BASE_URL: BEDS24_URL,
                    CONF_REFRESH_TOKEN: token,
                    CONF_WEBHOOK_ID: webhook.async_generate_id(),
                    CONF_SECRET: secrets.token_urlsafe(24),
                }
                return await self._async_load_rooms() or self.async_abort(reason="cannot_connect")
        schema = probatio.Schema(
            {
                probatio.Required(CONF_NAME, default="Beds24"): TextSelector(),
                probatio.Required(CONF_INVITE_CODE): _PASSWORD,
            }
        )
        return self.async_show_form(step_id="user", data_schema=schema, errors=errors)

    async def _async_use_credential(self, invite: str) -> dict[str, str]:
        """Exchange a new invite code for the refresh token the source reads Beds24 with."""
        try:
            self.data[CONF_REFRESH_TOKEN] = await Beds24Client.async_exchange_invite(
                async_get_clientsession(self.hass), self.data[CONF_BASE_URL], invite
            )
        except Beds24Error, TimeoutError, OSError:
            return {CONF_INVITE_CODE: "invalid_invite"}
        return {}

    async def _async_load_rooms(self) -> SubentryFlowResult | None:
        """Read the account's properties and rooms for the host to pick from (None: they cannot be read)."""
        client = Beds24Client(
            async_get_clientsession(self.hass), self.data[CONF_BASE_URL], self.data[CONF_REFRESH_TOKEN]
        )
        try:
            properties = await client.async_properties(dt_util.utcnow())
        except Beds24Error, TimeoutError, OSError:
            return None
        self._rooms_of(properties, "roomTypes")
        return await self.async_step_rooms()

    async def _async_after_rooms(self) -> SubentryFlowResult:
        """Show the webhook Beds24 may call (optional: polling works without it)."""
        return await self.async_step_secret()


class LodgifySourceFlow(_PmsFlow):
    """Lodgify: an API key (checked by reading the properties), then room types and locks."""

    credential = CONF_API_KEY
    refused = (CONF_API_KEY, "invalid_api_key")

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Ask for a name and the API key (Lodgify: Settings, Public API)."""
        errors: dict[str, str] = {}
        if user_input is not None:
            self.data = {
                CONF_NAME: user_input[CONF_NAME].strip(),
                CONF_BASE_URL: LODGIFY_URL,
                CONF_API_KEY: user_input[CONF_API_KEY].strip(),
                CONF_WEBHOOK_ID: webhook.async_generate_id(),
            }
            result = await self._async_load_rooms()
            if result is not None:
                return result
            errors[CONF_API_KEY] = "invalid_api_key"
        schema = probatio.Schema(
            {
                probatio.Required(CONF_NAME, default="Lodgify"): TextSelector(),
                probatio.Required(CONF_API_KEY): _PASSWORD,
            }
        )
        return self.async_show_form(step_id="user", data_schema=schema, errors=errors)

    async def _async_use_credential(self, api_key: str) -> dict[str, str]:
        """Use a new API key (it is checked by reading the room types)."""
        self.data[CONF_API_KEY] = api_key
        return {}

    async def _async_load_rooms(self) -> SubentryFlowResult | None:
        """Read the account's properties and room types (None: the key does not read them)."""
        client = LodgifyClient(
            async_get_clientsession(self.hass), self.data[CONF_BASE_URL], self.data[CONF_API_KEY]
        )
        try:
            properties = await client.async_properties()
        except LodgifyError, TimeoutError, OSError:
            return None
        self._rooms_of(properties, "rooms")
        return await self.async_step_rooms()
