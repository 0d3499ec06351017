"""PyInstaller hook for Faker that bundles only the locales hoclient asks for.

It replaces the pyinstaller-hooks-contrib hook (hooks given in the spec's `hookspath` win),
which bundles all ~70 locales: some 18 MB of the folder for a demo seeder that uses
a handful. The spec names the locales (no list: every locale):

    hooksconfig={"faker": {"locales": ["en_GB", "pl_PL"]}}

Frozen, Faker lists its providers and locales by globbing
sys._MEIPASS/faker/providers/*/[locale/]__init__.py on disk (faker.utils.loading), so those
files go in as data beside the bytecode in the archive, as the contrib hook does - only for
the kept locales. A provider without one of them falls back to its own `default_locale` or
Faker's DEFAULT_LOCALE; those are kept too, and PyInstaller follows their imports (en_GB
modules import from en and en_US).
"""

from pathlib import PurePath
from typing import Any

from PyInstaller import isolated
from PyInstaller.utils.hooks import collect_data_files, collect_submodules, get_hook_config


@isolated.decorate
def _fallback_locales() -> list[str]:
    # Run in a separate interpreter, as PyInstaller wants for importing the package analysed.
    import importlib

    from faker.config import DEFAULT_LOCALE, PROVIDERS

    found = {DEFAULT_LOCALE}
    for name in PROVIDERS:
        module = importlib.import_module(name)
        if getattr(module, "localized", False) and getattr(module, "default_locale", ""):
            found.add(module.default_locale)
    return sorted(found)


def _locale_of(parts: tuple[str, ...]) -> str | None:
    # faker.providers.<provider>.<locale>...: the fourth part, if there is one.
    return parts[3] if len(parts) > 3 else None


def hook(hook_api: Any) -> None:
    wanted = get_hook_config(hook_api, "faker", "locales")
    # No list: every locale, as the contrib hook would.
    keep = set(wanted) | set(_fallback_locales()) if wanted else None

    def kept(parts: tuple[str, ...]) -> bool:
        locale = _locale_of(parts)
        return keep is None or locale is None or locale in keep

    hook_api.add_imports(
        *collect_submodules("faker.providers", filter=lambda name: kept(tuple(name.split("."))))
    )
    hook_api.add_datas(
        [
            (source, dest)
            for source, dest in collect_data_files("faker.providers", include_py_files=True)
            if kept(PurePath(dest).parts) and "__pycache__" not in PurePath(dest).parts
        ]
    )
