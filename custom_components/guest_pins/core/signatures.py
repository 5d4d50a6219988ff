"""Is a pushed reservation really from the host's system? Standard Webhooks, Lodgify's signature, replays.

Standard Webhooks (our own signed webhook): `webhook-id`, `webhook-timestamp` (unix seconds) and
`webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, several during a secret rotation),
under a `whsec_` secret of at least 24 random bytes. A timestamp more than five minutes off is refused; an id
seen in the last seven days is a replay (answered as done, and changing nothing). Lodgify signs the raw
body (`ms-signature: sha256=<hex>`) and carries no timestamp. Every comparison is constant-time, every
malformed part fails closed.
"""

import base64
import binascii
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
import hashlib
import hmac
import re

SECRET_PREFIX = "whsec_"  # noqa: S105 - the scheme's prefix, not a secret
MIN_SECRET_BYTES = 24
TOLERANCE = timedelta(minutes=5)
REPLAY_MEMORY = timedelta(days=7)
MAX_BODY = 256 * 1024
_TIMESTAMP = re.compile(r"^\d{1,12}$")


class SignatureError(Exception):
    """A push that must be refused; `key` says why (a translation key; never the pushed content)."""

    def __init__(self, key: str) -> None:
        """Keep the reason."""
        super().__init__(key)
        self.key = key


def new_secret(key: bytes) -> str:
    """Return a Standard Webhooks secret (`whsec_` + base64) for random key bytes."""
    return SECRET_PREFIX + base64.b64encode(key).decode()


def secret_key(secret: str) -> bytes:
    """Return the HMAC key of a `whsec_` secret; raise SignatureError("invalid_secret") when malformed."""
    encoded = secret.strip().removeprefix(SECRET_PREFIX)
    try:
        key = base64.b64decode(encoded, validate=True)
    except binascii.Error, ValueError:
        raise SignatureError("invalid_secret") from None
    if len(key) < MIN_SECRET_BYTES:
        raise SignatureError("invalid_secret")
    return key


def verify_standard(key: bytes, headers: Mapping[str, str], body: bytes, now: datetime) -> str:
    """Return the message id of a validly signed, fresh push; else raise SignatureError.

    `headers` are looked up in lower case. "missing_signature" when a header is missing or malformed,
    "stale" for a timestamp more than five minutes off, "bad_signature" when no `v1` entry matches.
    """
    msg_id = headers.get("webhook-id", "").strip()
    stamp = headers.get("webhook-timestamp", "").strip()
    signatures = headers.get("webhook-signature", "")
    if not msg_id or not _TIMESTAMP.match(stamp) or not signatures:
        raise SignatureError("missing_signature")
    sent = datetime.fromtimestamp(int(stamp), UTC)
    if abs(now - sent) > TOLERANCE:
        raise SignatureError("stale")
    expected = hmac.new(key, f"{msg_id}.{stamp}.".encode() + body, hashlib.sha256).digest()
    for entry in signatures.split():
        version, _, encoded = entry.partition(",")
        if version != "v1":
            continue  # another scheme (asymmetric v1a) or a malformed entry: not ours to accept
        try:
            given = base64.b64decode(encoded, validate=True)
        except binascii.Error, ValueError:
            continue
        if hmac.compare_digest(given, expected):
            return msg_id
    raise SignatureError("bad_signature")


def verify_lodgify(secret: str, header: str | None, body: bytes) -> None:
    """Check Lodgify's `ms-signature: sha256=<hex>` of the raw body; raise SignatureError when it fails."""
    if not header or not secret:
        raise SignatureError("missing_signature")
    scheme, _, given = header.strip().partition("=")
    if scheme.lower() != "sha256":
        raise SignatureError("missing_signature")
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(given.lower().encode(), expected.encode()):
        raise SignatureError("bad_signature")


def verify_token(expected: str, given: str | None) -> None:
    """Check a shared secret sent in a header (Beds24's webhooks cannot be signed); fail closed."""
    if not expected or not given or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise SignatureError("bad_signature")


def remember(seen: Mapping[str, datetime], msg_id: str, now: datetime) -> tuple[bool, dict[str, datetime]]:
    """Return whether a message id was seen in the last seven days, and the ids to keep (this one added)."""
    kept = {key: when for key, when in seen.items() if now - when < REPLAY_MEMORY}
    replay = msg_id in kept
    kept.setdefault(msg_id, now)
    return replay, kept
