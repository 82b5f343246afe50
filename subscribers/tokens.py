"""Signed, URL-safe tokens for one-click unsubscribe and preference links.

A token names a subscriber and a purpose and carries an HMAC-SHA256 of both
under SECRET_KEY; nothing else is needed to check it, and it cannot be forged
or turned from one purpose into another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from pipeline.errors import InputError

#: Used when SECRET_KEY is unset, for demo and preview copies only; `send` refuses to run without a key.
PREVIEW_KEY = "smartxiv-preview-only-not-secret"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_token(secret: str, subscriber_id: int, purpose: str = "unsubscribe") -> str:
    """A token for ``subscriber_id`` valid for ``purpose`` only."""
    body = f"{purpose}:{subscriber_id}".encode()
    mac = hmac.new(secret.encode(), body, hashlib.sha256).digest()[:18]
    return f"{_b64(str(subscriber_id).encode())}.{_b64(mac)}"


def read_token(secret: str, token: str, purpose: str = "unsubscribe") -> int:
    """The subscriber id in a valid token; InputError for a forged or malformed one."""
    try:
        sid_text, _ = token.split(".", 1)
        subscriber_id = int(_unb64(sid_text).decode())
    except (ValueError, UnicodeDecodeError):
        raise InputError("malformed token") from None
    if not hmac.compare_digest(make_token(secret, subscriber_id, purpose), token):
        raise InputError("invalid token")
    return subscriber_id
