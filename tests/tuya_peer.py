"""A local emulator of the Tuya OpenAPI endpoints a smart lock's temporary passwords use.

HTTPS on 127.0.0.1 with a test CA (trustme); every request's signature is checked as Tuya checks it, and PINs
are decrypted with the ticket key, so a client that signs or encrypts wrongly fails here as it would there.
Written on `cryptography` alone, independent of the tinytuya client it checks. It runs in its own thread
(tinytuya is blocking and runs in Home Assistant's executor) and is joined at teardown.
"""

from collections.abc import Generator
import contextlib
from dataclasses import dataclass, field
import hashlib
import hmac
from http.server import BaseHTTPRequestHandler, HTTPServer
from itertools import count
import json
import secrets
import ssl
import threading
from typing import Any

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
import pytest
import trustme

ACCESS_ID = "guestpinstestaccessid01"
ACCESS_SECRET = "0123456789abcdef0123456789abcdef"  # noqa: S105 - the emulator's own test project
DEVICE_ID = "eb1234567890abcdefgh"
# Made once, at import: certificates carry real dates, which a frozen test clock would break.
AUTHORITY = trustme.CA()
CERTIFICATE = AUTHORITY.issue_cert("127.0.0.1")


def _ecb(key: bytes, data: bytes, *, encrypt: bool) -> bytes:
    """AES-ECB with PKCS7 padding, as Tuya's ticket scheme uses it."""
    cipher = Cipher(algorithms.AES(key), modes.ECB())  # noqa: S305 - Tuya's scheme, not our choice
    if encrypt:
        padder = padding.PKCS7(128).padder()
        worker = cipher.encryptor()
        return worker.update(padder.update(data) + padder.finalize()) + worker.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    worker = cipher.decryptor()
    plain = worker.update(data) + worker.finalize()
    return unpadder.update(plain) + unpadder.finalize()


@dataclass
class TuyaCloudEmulator:
    """The cloud's view of one project and one lock."""

    pin_length: int = 7
    online: bool = True
    answering: bool = True
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    passwords: dict[int, dict[str, Any]] = field(default_factory=dict)
    offline_passwords: list[dict[str, Any]] = field(default_factory=list)
    tickets: dict[str, bytes] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    ids: Any = field(default_factory=lambda: count(1001))

    def held(self) -> dict[str, dict[str, Any]]:
        """Return the live passwords by name."""
        return {item["name"]: item for item in self.passwords.values() if item["phase"] != 0}

    def verify(self, method: str, path: str, headers: Any, body: bytes) -> dict[str, Any] | None:
        """Return Tuya's error answer if the request is not signed with the project's secret, else None."""
        listed = [name for name in (headers.get("Signature-Headers") or "").split(":") if name]
        string_to_sign = "\n".join(
            [
                method,
                hashlib.sha256(body).hexdigest(),
                "".join(f"{name}:{headers.get(name)}\n" for name in listed),
                path,
            ]
        )
        token = "" if path.startswith("/v1.0/token") else headers.get("access_token", "")
        payload = headers.get("client_id", "") + token + headers.get("t", "") + string_to_sign
        expected = hmac.new(ACCESS_SECRET.encode(), payload.encode(), hashlib.sha256).hexdigest().upper()
        if headers.get("client_id") != ACCESS_ID or not hmac.compare_digest(
            expected, headers.get("sign", "")
        ):
            return {"success": False, "code": 1004, "msg": "sign invalid"}
        if token and token != self.token:
            return {"success": False, "code": 1010, "msg": "token invalid"}
        return None

    def answer(self, method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """Carry out one verified request."""
        self.requests.append((method, path))
        device = f"/v1.0/devices/{DEVICE_ID}"
        if path.startswith("/v1.0/token"):
            return self.ok(
                {"access_token": self.token, "refresh_token": "r", "expire_time": 7200, "uid": "u1"}
            )
        if path.startswith("/v1.0/devices/") and not path.startswith(device):
            return {"success": False, "code": 1106, "msg": "permission deny"}  # not a device of the project
        if method == "GET" and path == device:
            return self.ok(
                {"id": DEVICE_ID, "name": "Front Door", "category": "jtmspro", "online": self.online}
            )
        if method == "POST" and path == f"{device}/door-lock/password-ticket":
            ticket_id, key = secrets.token_hex(8), secrets.token_hex(8).encode()
            self.tickets[ticket_id] = key
            sealed = _ecb(ACCESS_SECRET.encode(), key, encrypt=True).hex().upper()
            return self.ok({"ticket_id": ticket_id, "ticket_key": sealed, "expire_time": 300})
        if method == "POST" and path == f"{device}/door-lock/temp-password":
            return self.create(body)
        if method == "GET" and path == f"{device}/door-lock/temp-passwords":
            return self.ok(
                [
                    {key: item[key] for key in ("id", "name", "phase", "effective_time", "invalid_time")}
                    for item in self.passwords.values()
                ]
            )
        if method == "DELETE" and path.startswith(f"{device}/door-lock/temp-passwords/"):
            password = self.passwords.get(int(path.rsplit("/", 1)[1]))
            if password is None:
                return {"success": False, "code": 2008, "msg": "password not exist"}
            password["phase"] = 0
            return self.ok(True)  # noqa: FBT003 - Tuya answers true
        if method == "POST" and path == f"/v1.1/devices/{DEVICE_ID}/door-lock/offline-temp-password":
            code = "".join(secrets.choice("0123456789") for _ in range(10))
            self.offline_passwords.append({**body, "code": code})
            return self.ok({"offline_temp_password": code, "offline_temp_password_id": next(self.ids)})
        return {"success": False, "code": 1108, "msg": "uri path invalid"}

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        """Create a temporary password: decrypt its PIN with the ticket key, check what the lock takes."""
        key = self.tickets.pop(str(body.get("ticket_id")), None)
        if key is None or body.get("password_type") != "ticket":
            return {"success": False, "code": 1109, "msg": "param is illegal: ticket"}
        try:
            code = _ecb(key, bytes.fromhex(body["password"]), encrypt=False).decode()
        except ValueError:
            return {"success": False, "code": 1109, "msg": "param is illegal: password"}
        if len(code) != self.pin_length or not code.isdigit():
            return {"success": False, "code": 1109, "msg": f"param is illegal: {self.pin_length} digits"}
        if any(item["code"] == code and item["phase"] != 0 for item in self.passwords.values()):
            return {"success": False, "code": 2303, "msg": "password already exists"}
        password_id = next(self.ids)
        self.passwords[password_id] = {
            "id": password_id,
            "name": body["name"],
            "code": code,
            "phase": 2 if self.online else 1,  # sent, or waiting for the lock
            "effective_time": body["effective_time"],
            "invalid_time": body["invalid_time"],
            "schedule_list": body.get("schedule_list"),
            "time_zone": body.get("time_zone"),
        }
        return self.ok({"id": password_id})

    @staticmethod
    def ok(result: object) -> dict[str, Any]:
        """Return a successful answer."""
        return {"success": True, "result": result, "t": 0}


def _handler(cloud: TuyaCloudEmulator) -> type[BaseHTTPRequestHandler]:
    """Return a request handler bound to the emulator's state."""

    class Handler(BaseHTTPRequestHandler):
        """Answers like Tuya's OpenAPI (errors as HTTP 200 with success false)."""

        def _serve(self) -> None:
            """Verify and answer one request, or drop the connection when the cloud is "down"."""
            if not cloud.answering:
                self.close_connection = True
                self.connection.close()
                return
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            answer = cloud.verify(self.command, self.path, self.headers, raw) or cloud.answer(
                self.command, self.path.split("?", 1)[0], json.loads(raw) if raw else {}
            )
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_DELETE = do_PUT = _serve  # noqa: N815

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Keep the test output quiet."""

    return Handler


@contextlib.contextmanager
def tuya_cloud(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> Generator[TuyaCloudEmulator]:
    """Run the emulator over TLS on a free loopback port; point tinytuya and requests at it."""
    import tinytuya  # noqa: PLC0415

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    CERTIFICATE.configure_cert(context)
    bundle = tmp_path / "tuya-ca.pem"
    AUTHORITY.cert_pem.write_to_path(str(bundle))
    cloud = TuyaCloudEmulator()
    server = HTTPServer(("127.0.0.1", 0), _handler(cloud))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    original = tinytuya.Cloud.setregion

    def setregion(self: Any, apiRegion: str | None = None) -> None:  # noqa: N803
        """Resolve any region to the emulator."""
        original(self, apiRegion)
        self.urlhost = f"127.0.0.1:{port}"

    monkeypatch.setattr(tinytuya.Cloud, "setregion", setregion)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    thread = threading.Thread(target=server.serve_forever, name="tuya-emulator")
    thread.start()
    try:
        yield cloud
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
