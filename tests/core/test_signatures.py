"""Pushed reservations are accepted only when signed by the host's system, fresh, and not seen before."""

import base64
from datetime import UTC, datetime, timedelta
import hashlib
import hmac

from hypothesis import given, strategies as st
import pytest

from custom_components.guest_pins.core.signatures import (
    MIN_SECRET_BYTES,
    REPLAY_MEMORY,
    SignatureError,
    new_secret,
    remember,
    secret_key,
    verify_lodgify,
    verify_standard,
    verify_token,
)

# The published Standard Webhooks test vector.
VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # noqa: S105 - the specification's example
VECTOR_ID, VECTOR_TS, VECTOR_BODY = "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", b'{"test": 2432232314}'
VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
VECTOR_NOW = datetime.fromtimestamp(int(VECTOR_TS), UTC)


def headers(
    signature: str = VECTOR_SIGNATURE, stamp: str = VECTOR_TS, msg_id: str = VECTOR_ID
) -> dict[str, str]:
    """Return the three Standard Webhooks headers."""
    return {"webhook-id": msg_id, "webhook-timestamp": stamp, "webhook-signature": signature}


def test_the_published_vector_verifies() -> None:
    """The specification's own example passes; its id comes back."""
    key = secret_key(VECTOR_SECRET)
    assert verify_standard(key, headers(), VECTOR_BODY, VECTOR_NOW) == VECTOR_ID


@pytest.mark.parametrize(
    ("changed", "reason"),
    [
        ({"signature": "v1,h0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}, "bad_signature"),
        ({"signature": "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}, "bad_signature"),
        ({"signature": "v1,not base64!! v1"}, "bad_signature"),
        ({"signature": ""}, "missing_signature"),
        ({"stamp": "1614265330.5"}, "missing_signature"),
        ({"msg_id": ""}, "missing_signature"),
        ({"stamp": str(int(VECTOR_TS) - 301)}, "stale"),
        ({"stamp": str(int(VECTOR_TS) + 301)}, "stale"),
    ],
)
def test_forged_malformed_and_stale_pushes_are_refused(changed: dict[str, str], reason: str) -> None:
    """Each way a push can be wrong is named (and none of them lets it through)."""
    with pytest.raises(SignatureError) as err:
        verify_standard(secret_key(VECTOR_SECRET), headers(**changed), VECTOR_BODY, VECTOR_NOW)
    assert err.value.key == reason


def test_a_rotated_secret_signs_alongside_the_old_one() -> None:
    """During a rotation the sender lists both signatures: either key accepts the push."""
    old = secret_key(VECTOR_SECRET)
    new = secret_key(new_secret(b"n" * 32))
    signed = base64.b64encode(
        hmac.new(new, f"{VECTOR_ID}.{VECTOR_TS}.".encode() + VECTOR_BODY, hashlib.sha256).digest()
    ).decode()
    both = headers(f"{VECTOR_SIGNATURE} v1,{signed}")
    assert verify_standard(old, both, VECTOR_BODY, VECTOR_NOW) == VECTOR_ID
    assert verify_standard(new, both, VECTOR_BODY, VECTOR_NOW) == VECTOR_ID


@given(st.binary(max_size=64))
def test_a_tampered_body_never_verifies(extra: bytes) -> None:
    """Any change to the body breaks the signature."""
    body = VECTOR_BODY + extra + b" " if extra else VECTOR_BODY + b"x"
    with pytest.raises(SignatureError):
        verify_standard(secret_key(VECTOR_SECRET), headers(), body, VECTOR_NOW)


def test_secrets_are_checked_strictly() -> None:
    """A `whsec_` secret must be valid base64 of at least 24 bytes."""
    assert len(secret_key(new_secret(bytes(range(MIN_SECRET_BYTES))))) == MIN_SECRET_BYTES
    for bad in ("whsec_***", "whsec_" + base64.b64encode(b"short").decode(), ""):
        with pytest.raises(SignatureError):
            secret_key(bad)


def test_lodgify_and_shared_header_secrets() -> None:
    """Lodgify's hex HMAC of the body (any case); a shared header secret compared in constant time."""
    body = b'{"action":"booking_change"}'
    signature = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    verify_lodgify("s3cret", signature, body)
    verify_lodgify("s3cret", signature.upper().replace("SHA256", "sha256"), body)
    for header, reason in (
        (None, "missing_signature"),
        ("md5=00", "missing_signature"),
        (signature[:-1] + "0", "bad_signature"),
    ):
        with pytest.raises(SignatureError) as err:
            verify_lodgify("s3cret", header, body)
        assert err.value.key == reason
    verify_token("doorbell", "doorbell")
    for wrong in (None, "", "doorbel"):
        with pytest.raises(SignatureError):
            verify_token("doorbell", wrong)


def test_message_ids_are_remembered_for_seven_days() -> None:
    """A replay within a week is recognised; older ids are forgotten."""
    now = datetime(2026, 12, 14, 12, tzinfo=UTC)
    replay, seen = remember({}, "msg_1", now)
    assert not replay
    replay, seen = remember(seen, "msg_1", now + timedelta(days=6))
    assert replay
    replay, seen = remember(seen, "msg_2", now + REPLAY_MEMORY)
    assert not replay
    assert set(seen) == {"msg_2"}
