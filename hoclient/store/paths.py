"""Where the store lives when no --db is given."""

from pathlib import Path

from platformdirs import user_data_path


def default_store_path() -> Path:
    # platformdirs follows each OS's rules (XDG on Linux, AppData on Windows).
    return user_data_path("hoclient", appauthor=False) / "hoclient.sqlite"
