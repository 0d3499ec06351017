"""Decisions on a case (issue 4): append-only records the case's duty history is replayed from.

Each row is one event of the duty engine (hoclient.casework.case_events), stored in the words
of the hoclient.case-history/1 format: `what` is the event type, and the few columns below it
hold that event's details. They are plain scalar columns, not a JSON document, so sync can
carry and merge them field by field and reports can query them. This package sits below the
duty engine in the layers, so the engine's enums are stored by their values ("became_homeless")
and the services turn them back into the engine's types.

A decision is never changed once written (change capture refuses an UPDATE of any append-only
row: hoclient.models.change_capture). A correction is a new record that points at the record it
replaces (`corrects_decision_id`); striking a record out is a correction whose `what`
is STRUCK_OUT. Where the law needs a second officer (a s193B notice, SI 2018/223 regs 2-3) the
decision is pending until a DecisionAuthorisation row names the officer who authorised it; a
pending decision is not part of the duty history.
"""

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import AppendOnlyRow
from hoclient.models.types import utc_now

# The `what` of a correction that takes a record out of the history (recorded in error).
STRUCK_OUT = "struck_out"


class DutyDecision(AppendOnlyRow):
    __tablename__ = "duty_decision"
    __table_args__ = (
        # A case's history is read in one index range, in date order.
        Index("ix_duty_decision_case_decided", "case_id", "decided_on"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"))
    what: Mapped[str] = mapped_column(String(40))  # the engine's event type, or STRUCK_OUT
    decided_on: Mapped[date]  # the event's date: the day decided, or the fact happened
    notified_on: Mapped[date | None]  # None: notified the day it was decided
    legal_basis: Mapped[str | None] = mapped_column(String(60))  # as the engine gave it then
    reasons: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"))
    # A s193B notice waits for a second officer (DecisionAuthorisation) before it counts.
    needs_authorisation: Mapped[bool] = mapped_column(Boolean, default=False)
    # Not indexed: a case's records are always read together (ix_duty_decision_case_decided).
    corrects_decision_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("duty_decision.id"))
    correction_reason: Mapped[str | None] = mapped_column(Text)

    # The event's details, each used by the event types named (NULL for every other type).
    reason: Mapped[str | None] = mapped_column(String(60))  # *_duty_ended
    priority_need: Mapped[bool | None]  # priority_need_decided
    intentional: Mapped[bool | None]  # intentionality_decided
    notice_kind: Mapped[str | None] = mapped_column(String(20))  # notice_to_quit
    notice_expires_on: Mapped[date | None]  # notice_to_quit: the date it expires or specifies
    # review_requested: the decision reviewed; review_decided: the review_requested record.
    # The engine's `of` is an index into the history; a record points at a record instead, as
    # indexes move when a pending decision joins the history or a record is corrected.
    refers_to_decision_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("duty_decision.id"))
    reviewer: Mapped[str | None] = mapped_column(String(40))  # review_requested
    outcome: Mapped[str | None] = mapped_column(String(20))  # review_decided
    placement: Mapped[str | None] = mapped_column(String(40))  # placement_started / _ended
    placement_kind: Mapped[str | None] = mapped_column(String(40))


class DecisionAuthorisation(AppendOnlyRow):
    """A second officer's authorisation of a pending decision (SI 2018/223 regs 2-3)."""

    __tablename__ = "decision_authorisation"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"), index=True)
    # One authorisation per decision: the database refuses a second.
    decision_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("duty_decision.id"), unique=True)
    authorised_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"))
    authorised_at: Mapped[datetime] = mapped_column(default=utc_now)
