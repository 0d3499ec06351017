"""Who is working on this laptop.

Until sign-in exists (issue 7: security), the laptop's store names its current officer in a
local setting. A new, empty store gets a first officer named after the computer's user, so
the app is usable from the first start.
"""

import getpass
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoclient.models import LocalSetting, Officer, Team
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.settings import CURRENT_OFFICER_KEY
from hoclient.vocabulary import Role


def officer_view(session: Session, officer: Officer) -> OfficerView:
    team = session.get(Team, officer.team_id) if officer.team_id else None
    return OfficerView(
        id=officer.id,
        display_name=officer.display_name,
        role=officer.role,
        team_id=officer.team_id,
        team_name=team.name if team else None,
    )


def set_current_officer(session: Session, officer_id: uuid.UUID) -> None:
    session.merge(LocalSetting(key=CURRENT_OFFICER_KEY, value=str(officer_id)))


def current_officer(store: Store) -> OfficerView:
    """The officer this laptop works as; made on first start of an empty store."""
    with store.begin() as session:
        setting = session.get(LocalSetting, CURRENT_OFFICER_KEY)
        officer = session.get(Officer, uuid.UUID(setting.value)) if setting else None
        if officer is None:
            officer = session.scalars(
                select(Officer).where(Officer.deleted_at.is_(None)).order_by(Officer.created_at)
            ).first()
        if officer is None:
            officer = _first_officer(session)
        set_current_officer(session, officer.id)
        return officer_view(session, officer)


def _first_officer(session: Session) -> Officer:
    officer_id = uuid.uuid4()
    team = session.scalars(select(Team).order_by(Team.created_at)).first()
    if team is None:
        team = Team(name="Housing Options", updated_by=officer_id)
        session.add(team)
        session.flush()
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in a minimal container
        user = "Housing officer"
    officer = Officer(
        id=officer_id,
        display_name=user.replace(".", " ").title(),
        role=Role.OFFICER,
        team_id=team.id,
        updated_by=officer_id,
    )
    session.add(officer)
    session.flush()
    return officer


def officers_on_this_laptop(store: Store) -> list[OfficerView]:
    """Every officer this laptop knows of, by name: the choices of an officer filter."""
    with store.begin() as session:
        officers = session.scalars(
            select(Officer).where(Officer.deleted_at.is_(None)).order_by(Officer.display_name)
        ).all()
        return [officer_view(session, officer) for officer in officers]
