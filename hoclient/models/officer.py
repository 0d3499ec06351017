"""Officers and the teams they work in."""

import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import SyncedRow
from hoclient.vocabulary import Role


class Team(SyncedRow):
    __tablename__ = "team"

    name: Mapped[str] = mapped_column(String(120), unique=True)


class Officer(SyncedRow):
    __tablename__ = "officer"

    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    role: Mapped[Role]
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id"), index=True)
