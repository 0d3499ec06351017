"""Every case's statutory clocks, derived from its decisions: this laptop's own, never synced.

Replaying 20,000 duty histories takes seconds; the Deadlines view has 300 ms. So each decision,
authorisation and household change replays its one case in the same transaction and stores
the clocks here, each with the days on which the engine lists it (`shown_from` to
`shown_until`): a review request deadline, say, is listed until its last day and then drops
off. The rows hold for any day from the case's last event on (`CaseClockReplay.replayed_from`);
for an earlier day the services replay the case itself. Nothing here is a source of truth:
hoclient.services.case_clocks can rebuild it from the decisions at any time.
"""

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import Base
from hoclient.models.types import utc_now


class CaseClock(Base):
    __tablename__ = "case_clock"
    __table_args__ = (
        # The Deadlines view: the clocks listed on a day, soonest first.
        Index("ix_case_clock_due_on", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # the engine's DeadlineKind value
    due_on: Mapped[date]
    basis: Mapped[str] = mapped_column(String(60))
    decision_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("duty_decision.id"))
    shown_from: Mapped[date]
    shown_until: Mapped[date | None]  # None: until a decision changes the case


class CaseClockReplay(Base):
    """When a case's clocks were last worked out, and from which day they hold."""

    __tablename__ = "case_clock_replay"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"), primary_key=True)
    replayed_from: Mapped[date]  # the day of the case's last event in its duty history
    replayed_at: Mapped[datetime] = mapped_column(default=utc_now)
