"""What a running app keeps between letters never changes a letter, and a council's edit to
its templates or settings is picked up without restarting."""

import os
import shutil
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.platypus import Paragraph

from hoclient.letters import pdf
from hoclient.letters.pdf import render_pdf
from hoclient.letters.settings import letters_resources_dir, load_settings, template_version
from tests.letters.samples import ALL_CONTEXTS

# A letter that runs to a second page, with bullet lists, a signature kept with the body and
# the authorising officer; and the PHP, whose step lists split across pages.
KINDS = ("non-cooperation-notice", "personal-housing-plan")


@pytest.mark.parametrize("large_print", [False, True])
@pytest.mark.parametrize("kind_id", KINDS)
def test_a_letter_is_the_same_pdf_as_reportlabs_own_paragraphs_make(
    kind_id: str, large_print: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # invariant: no timestamp or random document id, so two renders can be compared byte
    # for byte. Rendered twice: the second time from the parsed-markup cache.
    monkeypatch.setattr(rl_config, "invariant", 1)
    context = ALL_CONTEXTS[kind_id]
    first = render_pdf(context, large_print=large_print)
    again = render_pdf(context, large_print=large_print)
    monkeypatch.setattr(pdf, "_Paragraph", Paragraph)
    plain = render_pdf(context, large_print=large_print)
    assert first == again == plain


def copy_of_resources(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    shutil.copytree(letters_resources_dir(), folder, ignore=shutil.ignore_patterns("fonts"))
    return folder


def edit(path: Path, old: str, new: str) -> None:
    """An editor's save a second later: the new text and a later modified time."""
    modified = path.stat().st_mtime_ns
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(modified + 1_000_000_000, modified + 1_000_000_000))


def test_the_template_version_changes_with_an_edited_added_or_removed_template(
    tmp_path: Path,
) -> None:
    folder = copy_of_resources(tmp_path)
    shipped = template_version(folder)
    assert template_version(folder) == shipped == template_version(letters_resources_dir())

    template = folder / "templates" / "s184-no-duty.txt"
    original = template.read_text(encoding="utf-8")
    edit(template, original, original.replace("a", "b", 1))  # the same size: only the time tells
    edited = template_version(folder)
    assert edited != shipped

    (folder / "templates" / "extra.txt").write_text("# Extra\n", encoding="utf-8")
    added = template_version(folder)
    assert added not in (shipped, edited)

    (folder / "templates" / "extra.txt").unlink()
    edit(template, template.read_text(encoding="utf-8"), original)
    assert template_version(folder) == shipped  # the same files again: the same version


def test_edited_council_settings_are_read_again(tmp_path: Path) -> None:
    path = copy_of_resources(tmp_path) / "council.toml"
    name = load_settings(path)["name"]
    assert isinstance(name, str)
    edit(path, name, "Northshire Council")
    assert load_settings(path)["name"] == "Northshire Council"


def test_changing_the_settings_a_caller_was_given_changes_nothing_for_the_next(
    tmp_path: Path,
) -> None:
    path = copy_of_resources(tmp_path) / "council.toml"
    settings = load_settings(path)
    review = settings["review"]
    assert isinstance(review, dict)
    review["phone"] = "999"
    settings["name"] = "Changed"
    again = load_settings(path)
    assert again["name"] != "Changed"
    assert again["review"] != review
