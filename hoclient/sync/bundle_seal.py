"""Sealing a case bundle with the council's bundle key (DESIGN.md, Sync: "an encrypted case
bundle"), so a case on a USB stick is not personal data in the clear.

A sealed bundle is a small JSON envelope:

    {"format": "hoclient.case-bundle-sealed/1", "key_id": <first 16 hex of sha256(key)>,
     "nonce": <base64, 12 bytes>, "ciphertext": <base64>}

The ciphertext is AES-256-GCM of the plain bundle's JSON (`hoclient.case-bundle/1`), with the
format and key id as associated data: GCM's tag fails for any flipped byte of the ciphertext,
the nonce, the format or the key id. The key id tells "made for another council" apart from
"damaged"; it names the key without revealing it.
"""

import base64
import binascii
import hashlib
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SEALED_FORMAT = "hoclient.case-bundle-sealed/1"
NONCE_BYTES = 12  # GCM's standard nonce; random per bundle, and a key seals few bundles


class SealError(Exception):
    """Why a sealed bundle cannot be opened, in the officer's words (without the file name)."""


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:16]


def seal(plain_json: str, key: bytes) -> str:
    """The envelope's JSON text for `plain_json`."""
    kid = key_id(key)
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(key).encrypt(nonce, plain_json.encode("utf-8"), _associated(kid))
    envelope = {
        "format": SEALED_FORMAT,
        "key_id": kid,
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "ciphertext": base64.b64encode(ciphertext).decode("ascii"),
    }
    return json.dumps(envelope, sort_keys=True, indent=1)


def is_sealed(raw: Any) -> bool:
    return isinstance(raw, dict) and raw.get("format") == SEALED_FORMAT


def unseal(envelope: dict[str, Any], key: bytes | None) -> str:
    """The plain bundle's JSON text. SealError if this laptop has no key, another council's
    key made it, or it was changed after it was written."""
    if key is None:
        raise SealError(
            "this bundle is encrypted with a council's case-bundle key, and this laptop holds "
            "none; enrol this laptop with the sync service to open it (an enrolled laptop gets "
            "the key at its next sync)."
        )
    kid = envelope.get("key_id")
    if not isinstance(kid, str):
        raise _damaged()
    if kid != key_id(key):
        raise SealError(
            "this bundle was made for another council's sync service: this laptop cannot open it."
        )
    try:
        nonce = base64.b64decode(envelope["nonce"], validate=True)
        ciphertext = base64.b64decode(envelope["ciphertext"], validate=True)
        plain = AESGCM(key).decrypt(nonce, ciphertext, _associated(kid))
        return plain.decode("utf-8")
    except (KeyError, TypeError, ValueError, binascii.Error, InvalidTag):
        raise _damaged() from None


def _associated(kid: str) -> bytes:
    return f"{SEALED_FORMAT}\n{kid}".encode("ascii")


def _damaged() -> SealError:
    return SealError(
        "this bundle is damaged or altered, so it cannot be opened: export it again on the "
        "laptop that made it."
    )
