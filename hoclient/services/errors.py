"""Errors an officer can act on. Their str() is the message the officer reads."""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hoclient.services.views import PersonMatch


class ServiceError(Exception):
    """A refusal or problem explained in plain words; anything else is a bug."""


class InvalidInput(ServiceError):
    """Input refused before anything was written. `problems` maps a field to its message."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


class NotFound(ServiceError):
    pass


class PossibleDuplicate(ServiceError):
    """Someone already on record may be this person: the officer must choose."""

    def __init__(self, matches: "Sequence[PersonMatch]") -> None:
        self.matches = list(matches)
        super().__init__(
            f"{len(self.matches)} person(s) already on record have the same name and date of "
            "birth, or the same NI number. Use one of them, or confirm this is someone new."
        )


class NotAllowed(ServiceError):
    """The signed-in officer's role does not allow this (hoclient/security/roles.py)."""
