"""The PHP step library file the council edits: every situation the issue names is there."""

from datetime import date
from pathlib import Path

import pytest

from hoclient.services.step_library import StepLibraryError, step_library
from hoclient.vocabulary import PlanStepKind


def test_the_library_covers_the_common_situations_with_all_three_kinds() -> None:
    situations = {s.situation_id: s for s in step_library()}
    assert {
        "family-exclusion",
        "end-of-private-tenancy",
        "rent-arrears",
        "domestic-abuse",
        "prison-release",
        "hospital-discharge",
        "care-leaver",
    } <= set(situations)
    kinds = {step.kind for s in situations.values() for step in s.steps}
    assert kinds == set(PlanStepKind)
    ids = [step.library_id for s in situations.values() for step in s.steps]
    assert len(ids) == len(set(ids))


def test_a_wording_suggests_its_due_date_from_today() -> None:
    step = next(s for s in step_library()[0].steps if s.days == 7)
    assert step.due_on(date(2026, 11, 25)) == date(2026, 12, 2)


def test_a_broken_library_file_is_reported_by_name(tmp_path: Path) -> None:
    broken = tmp_path / "php_steps.toml"
    broken.write_text('[[situation]]\nid = "x"\ntitle = "X"\n[[situation.step]]\nid = "a"\n')
    with pytest.raises(StepLibraryError, match=r"php_steps\.toml cannot be read"):
        step_library(broken)
