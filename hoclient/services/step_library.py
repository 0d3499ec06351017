"""The PHP step library: common wordings per situation, from resources/php_steps.toml.

The council edits the file; the officer picks a wording on the PHP tab and edits it for the
household before it becomes a step of the plan.
"""

import sys
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from hoclient.services.errors import ServiceError
from hoclient.vocabulary import PlanStepKind

_KINDS = {
    "applicant": PlanStepKind.APPLICANT_REQUIRED,
    "council": PlanStepKind.COUNCIL,
    "advised": PlanStepKind.ADVISED,
}


class StepLibraryError(ServiceError):
    """The library file cannot be read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class LibraryStep:
    library_id: str
    kind: PlanStepKind
    text: str
    owner: str
    days: int | None  # the usual time to the due date, if any

    def due_on(self, today: date) -> date | None:
        return None if self.days is None else today + timedelta(days=self.days)


@dataclass(frozen=True)
class Situation:
    situation_id: str
    title: str
    steps: tuple[LibraryStep, ...]


def step_library_path() -> Path:
    """resources/php_steps.toml: beside the package in a checkout, in the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parents[2]
    return root / "resources" / "php_steps.toml"


@cache
def step_library(path: Path | None = None) -> tuple[Situation, ...]:
    """Every situation and its steps, in the file's order. Read once a run."""
    path = path or step_library_path()
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
        return _situations(data)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise StepLibraryError(f"The PHP step library {path} cannot be read: {error}") from error


def _situations(data: dict[str, Any]) -> tuple[Situation, ...]:
    seen: set[str] = set()
    situations = []
    for situation in data["situation"]:
        steps = []
        for step in situation["step"]:
            library_id = str(step["id"])
            if library_id in seen:
                raise ValueError(f"step id {library_id!r} is used twice")
            seen.add(library_id)
            kind = _KINDS.get(step["kind"])
            if kind is None:
                raise ValueError(f"step {library_id!r}: kind must be one of {', '.join(_KINDS)}")
            days = step.get("days")
            steps.append(
                LibraryStep(
                    library_id=library_id,
                    kind=kind,
                    text=str(step["text"]).strip(),
                    owner=str(step["owner"]).strip(),
                    days=None if days is None else int(days),
                )
            )
        situations.append(Situation(str(situation["id"]), str(situation["title"]), tuple(steps)))
    return tuple(situations)
