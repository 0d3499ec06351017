"""The device token lives in the OS keyring (DESIGN.md, Security), never in a file."""

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
