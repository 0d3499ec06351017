"""A keyring backend for tests that run `hoclient` as a subprocess (PYTHON_KEYRING_BACKEND=
tests.sync.tmp_keyring.TmpDirKeyring): secrets in a JSON file that HOCLIENT_TEST_KEYRING_FILE
names, which must lie in the test's own temporary folder, deleted with it. Never for real use:
hoclient keeps device tokens only in the OS keyring."""

import json
import os
import tempfile
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

FILE_VARIABLE = "HOCLIENT_TEST_KEYRING_FILE"


class TmpDirKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _file(self) -> Path:
        named = os.environ.get(FILE_VARIABLE)
        if not named:
            raise KeyringError(f"{FILE_VARIABLE} is not set")
        path = Path(named).resolve()
        if not path.is_relative_to(Path(tempfile.gettempdir()).resolve()):
            raise KeyringError("the test keyring lives only in a temporary folder")
        return path

    def _secrets(self) -> dict[str, str]:
        path = self._file()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        secrets = self._secrets()
        secrets[f"{service}/{username}"] = password
        path = self._file()
        written = path.with_suffix(".tmp")
        written.write_text(json.dumps(secrets))
        os.replace(written, path)  # a killed process never leaves half a file

    def delete_password(self, service: str, username: str) -> None:
        secrets = self._secrets()
        secrets.pop(f"{service}/{username}", None)
        self._file().write_text(json.dumps(secrets))
