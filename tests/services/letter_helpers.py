"""Cases in a store made from the letters' generated case histories (tests/letters/histories.py):
each event recorded as an officer would record it, through the decisions service."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from hoclient.casework.case_events import NonCooperationNotice, event_type_name
from hoclient.casework.case_history_json import case_history_from_json
from hoclient.services.decisions import authorise_decision, record_decision
from hoclient.services.duty_views import DecisionInput
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from tests.services.helpers import approach_for, record

_DETAILS = ("reason", "priority_need", "intentional", "reviewer", "outcome", "placement")


@dataclass(frozen=True)
class StoredCase:
    case_id: uuid.UUID
    reference: str
    decision_ids: tuple[uuid.UUID, ...]  # one a history event, in order


def store_history(
    store: Store,
    officer: OfficerView,
    document: dict[str, Any],
    *,
    senior: OfficerView | None = None,
    family: str = "O'Brien",
) -> StoredCase:
    """Record the history's events on a new case approached the day of its first event; a
    s193B notice is authorised by `senior` (SI 2018/223 reg 3)."""
    history = case_history_from_json(document)
    first: date = history.events[0].on
    case = record(store, officer, approach_for(family, "Grace", approached_on=first))
    ids: list[uuid.UUID] = []
    for raw, event in zip(document["events"], history.events, strict=True):
        details = {name: getattr(event, name) for name in _DETAILS if hasattr(event, name)}
        if hasattr(event, "kind"):
            details["placement_kind" if "placement" in details else "notice_kind"] = event.kind
        if hasattr(event, "expires_on"):
            details["notice_expires_on"] = event.expires_on
        if hasattr(event, "of"):
            details["refers_to_decision_id"] = ids[event.of]
        reasons = raw.get("reasons")
        decision = DecisionInput(
            what=event_type_name(event),
            decided_on=event.on,
            notified_on=event.notified_on,
            reasons=reasons if isinstance(reasons, str) else "Reasons given in an earlier letter.",
            **details,
        )
        view = record_decision(store, officer, case.case_id, decision, today=date(2026, 11, 25))
        if isinstance(event, NonCooperationNotice):
            assert senior is not None, "a s193B notice needs a second officer"
            authorise_decision(store, senior, view.decision_id)
        ids.append(view.decision_id)
    return StoredCase(case.case_id, case.reference, tuple(ids))
