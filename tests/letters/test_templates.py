"""The council's templates: an unknown name or leftover syntax never reaches a letter."""

from pathlib import Path

import pytest

from hoclient.letters.settings import LetterSettingsError, council_from, load_settings
from hoclient.letters.text import LetterTemplateError, environment, render_text
from tests.letters.samples import ALL_CONTEXTS

CONTEXT = ALL_CONTEXTS["s184-no-duty"]


def templates_with(tmp_path: Path, text: str) -> Path:
    (tmp_path / CONTEXT.kind.template_name).write_text(text, encoding="utf-8")
    return tmp_path


def test_an_unknown_name_in_a_template_is_an_error_not_a_blank(tmp_path: Path) -> None:
    folder = templates_with(
        tmp_path, "# Subject\n[summary]\n- {{ applicant.nickname }}\n[/summary]\n"
    )
    with pytest.raises(LetterTemplateError, match="nickname"):
        render_text(CONTEXT, environment(folder))


def test_template_syntax_left_in_the_letter_is_refused(tmp_path: Path) -> None:
    text = "# Subject\n[summary]\n- {% raw %}{{ officer.name }}{% endraw %}\n[/summary]\n"
    with pytest.raises(LetterTemplateError, match="left"):
        render_text(CONTEXT, environment(templates_with(tmp_path, text)))


def test_a_broken_template_names_its_line(tmp_path: Path) -> None:
    folder = templates_with(tmp_path, "# Subject\n{% if %}\n")
    with pytest.raises(LetterTemplateError, match="line 2"):
        render_text(CONTEXT, environment(folder))


def test_a_letter_needs_a_subject_and_a_summary_box(tmp_path: Path) -> None:
    with pytest.raises(LetterTemplateError, match="subject"):
        render_text(CONTEXT, environment(templates_with(tmp_path, "[summary]\n- x\n[/summary]\n")))
    with pytest.raises(LetterTemplateError, match="summary"):
        render_text(CONTEXT, environment(templates_with(tmp_path, "# Subject\nText\n")))


def test_a_missing_template_is_named(tmp_path: Path) -> None:
    with pytest.raises(LetterTemplateError, match=r"no template 's184-no-duty\.txt'"):
        render_text(CONTEXT, environment(tmp_path))


def test_the_shipped_council_settings_load_and_any_key_can_be_overridden() -> None:
    settings = load_settings()
    council = council_from(settings, {"name": "Northshire Council", "review": {"phone": "999"}})
    assert council.name == "Northshire Council"
    assert council.review.phone == "999"
    assert council.review.email == council_from(settings).review.email
    assert council.logo is None  # no logo configured: letters print without one


def test_a_council_setting_left_blank_is_refused() -> None:
    with pytest.raises(LetterSettingsError, match="'phone'"):
        council_from(load_settings(), {"phone": ""})
