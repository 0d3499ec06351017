"""The device token lives in the OS keyring (DESIGN.md, Security), never in a file."""

import base64
import uuid

import keyring
from keyring.errors import KeyringError

KEYRING_SERVICE = "hoclient-sync"


class NoDeviceToken(Exception):
    """The laptop cannot reach its token; its message says what to do."""


def save_token(device_id: uuid.UUID, token: str) -> None:
    try:
        keyring.set_password(KEYRING_SERVICE, str(device_id), token)
    except KeyringError as error:
        raise NoDeviceToken(
            f"The OS keyring refused to keep this device's token ({error}). hoclient keeps it "
            "nowhere else: unlock or set up the keyring, then enrol again."
        ) from error


def load_token(device_id: uuid.UUID) -> str:
    try:
        token = keyring.get_password(KEYRING_SERVICE, str(device_id))
    except KeyringError as error:
        raise NoDeviceToken(
            f"Cannot read this device's token from the OS keyring: {error}"
        ) from error
    if token is None:
        raise NoDeviceToken("This laptop's token is not in the OS keyring: enrol it again.")
    return token


# The council's case-bundle key (hoclient.server.bundle_key) sits beside the token, under this
# laptop's device id: a store that is not enrolled has no device id, so no key, and writes
# plain bundles (hoclient.sync.bundle).
BUNDLE_KEY_SERVICE = "hoclient-bundle-key"


class NoBundleKey(Exception):
    """The keyring would not keep or give the bundle key; the message says what to do."""


def save_bundle_key(device_id: uuid.UUID, key: bytes) -> None:
    try:
        keyring.set_password(
            BUNDLE_KEY_SERVICE, str(device_id), base64.b64encode(key).decode("ascii")
        )
    except KeyringError as error:
        raise NoBundleKey(
            f"The OS keyring refused to keep the council's case-bundle key ({error}). hoclient "
            "keeps it nowhere else: unlock or set up the keyring, then sync again."
        ) from error


def load_bundle_key(device_id: uuid.UUID) -> bytes | None:
    """The key, or None when this laptop has not received it yet."""
    try:
        text = keyring.get_password(BUNDLE_KEY_SERVICE, str(device_id))
    except KeyringError as error:
        raise NoBundleKey(
            f"Cannot read the council's case-bundle key from the OS keyring: {error}"
        ) from error
    if text is None:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except ValueError as error:
        raise NoBundleKey(
            "The case-bundle key in the OS keyring is not readable: sync this laptop again."
        ) from error
