"""A reservation source's settings, read once from its subentry (secrets included: never logged)."""

from dataclasses import dataclass, field

from homeassistant.config_entries import ConfigSubentry

from ..const import (
    BEDS24_URL,
    CONF_API_KEY,
    CONF_BASE_URL,
    CONF_LOCKS,
    CONF_PMS_PROPERTY,
    CONF_PMS_ROOMS,
    CONF_REFRESH_TOKEN,
    CONF_SECRET,
    CONF_UNIT,
    CONF_WEBHOOK_ID,
    LODGIFY_URL,
    SUBENTRY_BEDS24,
)

_DEFAULT_URLS = {SUBENTRY_BEDS24: BEDS24_URL}


@dataclass(frozen=True, slots=True)
class SourceSettings:
    """One reservation source: which kind, the locks it feeds, how it is reached and how it signs."""

    source_id: str
    kind: str
    title: str
    locks: frozenset[str]
    webhook_id: str | None = None
    # Our webhook's `whsec_` secret; Beds24's shared header value (Lodgify signs per subscription).
    secret: str | None = field(default=None, repr=False)
    unit: str | None = None
    base_url: str = LODGIFY_URL
    refresh_token: str | None = field(default=None, repr=False)
    api_key: str | None = field(default=None, repr=False)
    property_id: int | None = None
    rooms: frozenset[int] = frozenset()


def source_settings(subentry: ConfigSubentry) -> SourceSettings:
    """Return a source subentry's settings."""
    data = subentry.data
    kind = subentry.subentry_type
    property_id = data.get(CONF_PMS_PROPERTY)
    return SourceSettings(
        source_id=subentry.subentry_id,
        kind=kind,
        title=subentry.title,
        locks=frozenset(data.get(CONF_LOCKS) or ()),
        webhook_id=data.get(CONF_WEBHOOK_ID) or None,
        secret=data.get(CONF_SECRET) or None,
        unit=data.get(CONF_UNIT) or None,
        base_url=str(data.get(CONF_BASE_URL) or _DEFAULT_URLS.get(kind, LODGIFY_URL)).rstrip("/"),
        refresh_token=data.get(CONF_REFRESH_TOKEN) or None,
        api_key=data.get(CONF_API_KEY) or None,
        property_id=int(property_id) if property_id not in (None, "") else None,
        rooms=frozenset(int(room) for room in data.get(CONF_PMS_ROOMS) or ()),
    )
