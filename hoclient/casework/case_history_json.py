"""The conformance formats: hoclient.case-history/1 in, hoclient.duty-state/1 out.

Plain JSON values (dicts, lists, strings) both ways; reading the file is the caller's job.
Anything malformed is refused with a CaseworkRefusal naming the event's index, never a crash.
"""

import enum
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from hoclient.casework.case_events import (
    EVENT_TYPES,
    CaseEvent,
    CaseHistory,
    Household,
    HouseholdMember,
    IntentionalityDecided,
    MainDutyEnded,
    NoticeKind,
    NoticeToQuit,
    PlacementEnded,
    PlacementKind,
    PlacementStarted,
    PreventionDutyEnded,
    PriorityNeedDecided,
    ReliefDutyEnded,
    ReviewDecided,
    Reviewer,
    ReviewOutcome,
    ReviewRequested,
)
from hoclient.casework.case_history import CaseworkRefusal, DutyState
from hoclient.casework.duties import MainDutyEnding, PreventionEnding, ReliefEnding

HISTORY_SCHEMA = "hoclient.case-history/1"
STATE_SCHEMA = "hoclient.duty-state/1"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_Choice = TypeVar("_Choice", bound=enum.Enum)
_T = TypeVar("_T")


def parse_iso_date(text: object) -> date | None:
    """A calendar date written YYYY-MM-DD; None for anything else (no week dates, no times)."""
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def case_history_from_json(document: object) -> CaseHistory:
    if not isinstance(document, dict):
        raise CaseworkRefusal(None, "a case history is a JSON object")
    if document.get("schema") != HISTORY_SCHEMA:
        raise CaseworkRefusal(
            None, f"'schema' must be {HISTORY_SCHEMA!r}, not {document.get('schema')!r}"
        )
    # A household left out, or null, is an applicant of whom nothing more is recorded.
    household = _household(_or_default(document.get("household"), {}))
    events = document.get("events")
    if not isinstance(events, list):
        raise CaseworkRefusal(None, "'events' must be a list of events")
    return CaseHistory(household, tuple(_event(index, item) for index, item in enumerate(events)))


def duty_state_to_json(state: DutyState) -> dict[str, object]:
    return {
        "schema": STATE_SCHEMA,
        "as_of": state.as_of.isoformat(),
        "duty": state.duty.value,
        "duty_since": state.duty_since.isoformat() if state.duty_since else None,
        "bed_and_breakfast_nights": state.bed_and_breakfast_nights,
        "deadlines": [
            {
                "kind": deadline.kind.value,
                "date": deadline.due_on.isoformat(),
                "basis": deadline.basis,
                "event": deadline.event,
            }
            for deadline in state.deadlines
        ],
        "priority_need": state.priority_need,
        "intentionally_homeless": state.intentionally_homeless,
    }


def _household(value: object) -> Household:
    if not isinstance(value, dict):
        raise CaseworkRefusal(None, "'household' must be an object")
    applicant = _member(_or_default(value.get("applicant"), {}), "household applicant")
    members = _or_default(value.get("members"), [])
    if not isinstance(members, list):
        raise CaseworkRefusal(None, "household 'members' must be a list")
    return Household(
        applicant,
        tuple(_member(member, f"household member {n}") for n, member in enumerate(members)),
    )


def _member(value: object, where: str) -> HouseholdMember:
    if not isinstance(value, dict):
        raise CaseworkRefusal(None, f"{where} must be an object")
    fields = _Fields(value, None, where)
    return HouseholdMember(
        relationship=fields.optional("relationship", _text, "text"),
        born_on=fields.optional("date_of_birth", parse_iso_date, "a date (YYYY-MM-DD)"),
        pregnant=fields.optional("pregnant", _boolean, "true or false") or False,
    )


def _event(index: int, value: object) -> CaseEvent:
    if not isinstance(value, dict):
        raise CaseworkRefusal(index, "an event must be a JSON object")
    type_name = value.get("type")
    if not isinstance(type_name, str):
        raise CaseworkRefusal(index, "an event needs a 'type'")
    event_class = EVENT_TYPES.get(type_name)
    if event_class is None:
        raise CaseworkRefusal(index, f"unknown event type {type_name!r}")
    fields = _Fields(value, index, type_name)
    on = fields.required("date", parse_iso_date, "a date (YYYY-MM-DD)")
    common: dict[str, Any] = {
        "on": on,
        "notified_on": fields.optional("notified", parse_iso_date, "a date (YYYY-MM-DD)"),
    }
    if event_class is NoticeToQuit:
        common["kind"] = fields.choice("kind", NoticeKind)
        common["expires_on"] = fields.required("expires", parse_iso_date, "a date (YYYY-MM-DD)")
    elif event_class is PreventionDutyEnded:
        common["reason"] = fields.choice("reason", PreventionEnding)
    elif event_class is ReliefDutyEnded:
        common["reason"] = fields.choice("reason", ReliefEnding)
    elif event_class is MainDutyEnded:
        common["reason"] = fields.choice("reason", MainDutyEnding)
    elif event_class is PriorityNeedDecided:
        common["priority_need"] = fields.required("priority_need", _boolean, "true or false")
    elif event_class is IntentionalityDecided:
        common["intentional"] = fields.required("intentional", _boolean, "true or false")
    elif event_class is ReviewRequested:
        common["of"] = fields.required("of", _index, "an event index (a whole number)")
        common["reviewer"] = fields.choice("reviewer", Reviewer)
    elif event_class is ReviewDecided:
        common["of"] = fields.required("of", _index, "an event index (a whole number)")
        common["outcome"] = fields.choice("outcome", ReviewOutcome)
    elif event_class is PlacementStarted:
        common["placement"] = fields.required("placement", _text, "a non-empty id string")
        common["kind"] = fields.choice("kind", PlacementKind)
    elif event_class is PlacementEnded:
        common["placement"] = fields.required("placement", _text, "a non-empty id string")
        common["kind"] = fields.choice("kind", PlacementKind, required=False)
    return event_class(**common)


class _Fields:
    """Reads one object's fields, refusing a missing or malformed one by name."""

    def __init__(self, value: Mapping[str, object], index: int | None, what: str) -> None:
        self._value, self._index, self._what = value, index, what

    def required(self, key: str, parse: Callable[[object], _T | None], expected: str) -> _T:
        if self._value.get(key) is None:
            raise CaseworkRefusal(self._index, f"{self._what} needs {key!r}")
        parsed = self.optional(key, parse, expected)
        assert parsed is not None  # optional() refuses a present value it cannot parse
        return parsed

    def optional(self, key: str, parse: Callable[[object], _T | None], expected: str) -> _T | None:
        if self._value.get(key) is None:  # absent, or JSON null
            return None
        parsed = parse(self._value[key])
        if parsed is None:
            raise CaseworkRefusal(
                self._index,
                f"{self._what}: {key!r} must be {expected}, not {_shown(self._value[key])}",
            )
        return parsed

    def choice(self, key: str, choices: type[_Choice], *, required: bool = True) -> _Choice | None:
        words = ", ".join(choice.value for choice in choices)

        def parse(value: object) -> _Choice | None:
            return next((choice for choice in choices if choice.value == value), None)

        if required:
            return self.required(key, parse, f"one of: {words}")
        return self.optional(key, parse, f"one of: {words}")


def _or_default(value: object, default: object) -> object:
    return default if value is None else value


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _boolean(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _index(value: object) -> int | None:
    # JSON true is a Python int: an index must be written as a number.
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
