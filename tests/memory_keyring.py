"""Keyring backends for tests: never the user's keyring, never a plaintext file in their home."""

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend

FILE_VARIABLE = "HOCLIENT_TEST_KEYRING_FILE"
ROOT = Path(__file__).resolve().parents[1]


class MemoryKeyring(KeyringBackend):
    """The OS keyring, for tests: in memory, gone with the process."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


class TmpFolderKeyring(KeyringBackend):
    """For a test's child process, which cannot share the in-memory one: a JSON file that
    lives in the test's own tmp folder (named by HOCLIENT_TEST_KEYRING_FILE) and dies with it.
    Chosen with PYTHON_KEYRING_BACKEND=tests.memory_keyring.TmpFolderKeyring."""

    priority = 1  # type: ignore[assignment]

    def _file(self) -> Path:
        return Path(os.environ[FILE_VARIABLE])

    def _read(self) -> dict[str, str]:
        file = self._file()
        return json.loads(file.read_text()) if file.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        secrets = self._read()
        secrets[f"{service}/{username}"] = password
        self._file().write_text(json.dumps(secrets))

    def delete_password(self, service: str, username: str) -> None:
        secrets = self._read()
        secrets.pop(f"{service}/{username}", None)
        self._file().write_text(json.dumps(secrets))


def child_environment(folder: Path, keys: MemoryKeyring) -> dict[str, str]:
    """os.environ for a child process that shares this run's keys, through a TmpFolderKeyring
    file in `folder` (a test's tmp_path)."""
    file = folder / "keyring.json"
    file.write_text(json.dumps({f"{s}/{u}": secret for (s, u), secret in keys.secrets.items()}))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON_KEYRING")}
    env.update(
        PYTHON_KEYRING_BACKEND="tests.memory_keyring.TmpFolderKeyring",
        PYTHONPATH=str(ROOT),
        **{FILE_VARIABLE: str(file)},
    )
    return env
