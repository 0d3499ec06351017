"""Council settings and the letter resources: resources/letters/ in a checkout or the bundle.

The council edits resources/letters/council.toml and the templates beside it without
touching code. A caller may override any setting (a case history's "council" object does).
"""

import copy
import functools
import hashlib
import os
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path

from hoclient.letters.context import Council, Officer, ReviewChannels


class LetterSettingsError(Exception):
    """The council's settings cannot be read or lack a value; the message says which."""


@functools.cache  # where the package is does not change while it runs
def letters_resources_dir() -> Path:
    """resources/letters/: beside the package in a checkout, inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parents[2]
    return root / "resources" / "letters"


# Every letter reads the settings (some twice): parsed once per version of the file, told
# apart by _file_key, so a council.toml edited while the app runs is read again.
_FileKey = tuple[int, int, int]
_PARSED_SETTINGS: dict[Path, tuple[_FileKey, dict[str, object]]] = {}


def load_settings(path: Path | None = None) -> dict[str, object]:
    path = path or letters_resources_dir() / "council.toml"
    try:
        key = _file_key(path)
        cached = _PARSED_SETTINGS.get(path)
        if cached is None or cached[0] != key:
            with path.open("rb") as file:
                cached = key, tomllib.load(file)
            _PARSED_SETTINGS[path] = cached
    except OSError as error:
        raise LetterSettingsError(f"cannot read {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise LetterSettingsError(f"{path} is not valid TOML: {error}") from None
    return copy.deepcopy(cached[1])  # the caller's to change; the cached copy stays as read


def _file_key(path: Path) -> _FileKey:
    """What changes when a file is edited or replaced: modified time (ns), size, inode."""
    status = os.stat(path)
    return status.st_mtime_ns, status.st_size, status.st_ino


def council_from(
    settings: Mapping[str, object], overrides: Mapping[str, object] | None = None
) -> Council:
    values = {**settings, **(overrides or {})}
    review = {**_table(settings, "review"), **_table(overrides or {}, "review")}
    logo_text = _text(values, "logo", required=False)
    logo = None
    if logo_text:
        logo = Path(logo_text)
        logo = logo if logo.is_absolute() else letters_resources_dir() / logo
    return Council(
        name=_text(values, "name"),
        service=_text(values, "service"),
        address=_lines(values, "address"),
        phone=_text(values, "phone"),
        email=_text(values, "email"),
        out_of_hours_phone=_text(values, "out_of_hours_phone"),
        website=_text(values, "website"),
        review=ReviewChannels(
            address=_lines(review, "review.address", key="address"),
            email=_text(review, "review.email", key="email"),
            phone=_text(review, "review.phone", key="phone"),
            in_person=_text(review, "review.in_person", key="in_person"),
        ),
        signature_block=_lines(values, "signature_block"),
        independent_advice=_lines(values, "independent_advice"),
        logo=logo,
    )


def default_officer(
    settings: Mapping[str, object], overrides: Mapping[str, object] | None = None
) -> Officer:
    values = {**_table(settings, "default_officer"), **(overrides or {})}
    return Officer(
        name=_text(values, "officer name", key="name"),
        role=_text(values, "officer role", key="role"),
        phone=_text(values, "officer phone", key="phone"),
        email=_text(values, "officer email", key="email"),
    )


def _table(values: Mapping[str, object], key: str) -> dict[str, object]:
    table = values.get(key, {})
    if not isinstance(table, dict):
        raise LetterSettingsError(f"council setting {key!r} must be a table of values")
    return table


def _text(
    values: Mapping[str, object], name: str, *, key: str | None = None, required: bool = True
) -> str:
    value = values.get(key or name, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise LetterSettingsError(f"council setting {name!r} must be non-empty text")
    return value.strip()


def _lines(values: Mapping[str, object], name: str, *, key: str | None = None) -> tuple[str, ...]:
    value = values.get(key or name)
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(line, str) and line.strip() for line in value)
    ):
        raise LetterSettingsError(f"council setting {name!r} must be a list of lines of text")
    return tuple(line.strip() for line in value)


def template_version(folder: Path | None = None) -> str:
    """SHA-256 of the council's letter resources: every template file and council.toml.

    Stored with an issued letter, it says which wording and settings were in force; two
    letters with the same version were written from the same files. The whole set is hashed,
    not one template, because a letter includes the shared blocks (_common.txt, _letter.txt).
    """
    folder = folder or letters_resources_dir()
    files = [folder / "council.toml", *sorted((folder / "templates").glob("*.txt"))]
    try:
        keys = tuple((path, _file_key(path)) for path in files)
    except OSError as error:
        raise LetterSettingsError(
            f"cannot read {error.filename}: {error.strerror or error}"
        ) from None
    # Issuing asks for the version every time: the files are hashed again only when one of
    # them is added, removed, edited or replaced.
    cached = _VERSIONS.get(folder)
    if cached is not None and cached[0] == keys:
        return cached[1]
    version = _hash_files(folder, files)
    _VERSIONS[folder] = keys, version
    return version


_VERSIONS: dict[Path, tuple[tuple[tuple[Path, _FileKey], ...], str]] = {}


def _hash_files(folder: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        try:
            content = path.read_bytes()
        except OSError as error:
            raise LetterSettingsError(f"cannot read {path}: {error.strerror or error}") from None
        name = path.relative_to(folder).as_posix().encode()
        digest.update(len(name).to_bytes(4, "big") + name)
        digest.update(len(content).to_bytes(8, "big") + content)
    return digest.hexdigest()
