"""The Personalised Housing Plan (s189A(4)-(8)): every change is a new version.

A step added or edited, a status changed, agreement recorded: each writes a whole new
version (hoclient.models.housing_plan), so every earlier version can still be read exactly as
it stood. When a plan changes after a version was given to the applicant, they must be told
of the changes in writing (s189A(10)-(11)); PlanRecord.notice says so.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoclient.letters.text import long_date
from hoclient.models import Officer, PlanNotification, PlanStep, PlanVersion
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.assessments import OFFICER_NOT_HERE
from hoclient.services.cases import live_case
from hoclient.services.errors import InvalidInput, NotFound, ServiceError
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import PlanAgreement, PlanStepKind, PlanStepStatus

STEP_MAX_CHARS = 2_000
OWNER_MAX_CHARS = 100
REASON_MAX_CHARS = 20_000


class PlanMovedOn(ServiceError):
    """The plan was changed (here or by sync) since the officer's screen was drawn."""


@dataclass(frozen=True)
class StepInput:
    kind: PlanStepKind
    text: str
    owner: str
    due_on: date | None = None
    status: PlanStepStatus = PlanStepStatus.OPEN
    library_id: str | None = None  # the library wording it began from


@dataclass(frozen=True)
class StepView:
    step_key: uuid.UUID
    kind: PlanStepKind
    text: str
    owner: str
    due_on: date | None
    status: PlanStepStatus
    library_id: str | None


@dataclass(frozen=True)
class PlanVersionView:
    version_id: uuid.UUID
    number: int  # 1 for the first version
    revises_id: uuid.UUID | None  # the version it was made from
    made_on: date
    made_at: datetime
    made_by_name: str
    change: str
    agreement: PlanAgreement
    not_agreed_because: str | None
    steps: tuple[StepView, ...]  # by list, then position
    notified_on: date | None  # when this version was given to the applicant, if it was

    def steps_of(self, kind: PlanStepKind) -> tuple[StepView, ...]:
        return tuple(step for step in self.steps if step.kind is kind)


@dataclass(frozen=True)
class PlanRecord:
    versions: tuple[PlanVersionView, ...]  # oldest first

    @property
    def current(self) -> PlanVersionView | None:
        return self.versions[-1] if self.versions else None

    @property
    def last_notified(self) -> PlanVersionView | None:
        return next((v for v in reversed(self.versions) if v.notified_on is not None), None)

    @property
    def made_in_parallel(self) -> tuple[int, ...]:
        """Versions made (on another laptop, before sync) from an older version than the one
        before them: the change of the version before is not in them."""
        return tuple(
            later.number
            for earlier, later in zip(self.versions, self.versions[1:], strict=False)
            if later.revises_id != earlier.version_id
        )

    @property
    def parallel_warning(self) -> str | None:
        if not self.made_in_parallel:
            return None
        number = self.made_in_parallel[-1]
        return (
            f"Version {number} was made on another laptop at the same time as version "
            f"{number - 1}, so it does not hold that version's change. Compare the two in the "
            "list of versions and make again any change that is missing."
        )

    @property
    def copy_owed(self) -> bool:
        """The current version, agreed or not, has not been given to the applicant."""
        current = self.current
        return (
            current is not None
            and current.agreement is not PlanAgreement.NOT_YET_RECORDED
            and current.notified_on is None
        )

    @property
    def notice(self) -> str | None:
        """What the officer must do to keep the applicant told; None when nothing is owed."""
        current, notified = self.current, self.last_notified
        if current is None:
            return None
        if current.agreement is PlanAgreement.NOT_YET_RECORDED:
            if any(v.agreement is not PlanAgreement.NOT_YET_RECORDED for v in self.versions):
                return (
                    "The steps have changed since the applicant agreed them: try to agree them "
                    "again and record whether they were agreed (s189A(4), (11)) before giving "
                    "the applicant the plan."
                )
            return None
        if notified is None:
            return "Give the applicant a written copy of this plan (s189A(8))."
        if notified.version_id == current.version_id:
            return None
        assert notified.notified_on is not None
        return (
            f"The plan has changed since version {notified.number} was given to the applicant "
            f"on {long_date(notified.notified_on)}. The applicant must be told of the changes "
            "in writing (s189A(10)-(11))."
        )


def step_problems(step: StepInput) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not step.text.strip():
        problems["text"] = "Write what the step is."
    elif len(step.text) > STEP_MAX_CHARS:
        problems["text"] = f"A step holds at most {STEP_MAX_CHARS:,} characters; split it in two."
    if not step.owner.strip():
        problems["owner"] = "Say who takes this step."
    elif len(step.owner) > OWNER_MAX_CHARS:
        problems["owner"] = f"Who takes the step: at most {OWNER_MAX_CHARS} characters."
    return problems


def agreement_problems(
    agreement: PlanAgreement, not_agreed_because: str, steps: tuple[StepView, ...]
) -> dict[str, str]:
    problems: dict[str, str] = {}
    live = [step for step in steps if step.status is not PlanStepStatus.WITHDRAWN]
    if agreement is PlanAgreement.NOT_YET_RECORDED:
        problems["agreement"] = "Choose whether the steps were agreed."
        return problems
    if not any(step.kind is PlanStepKind.COUNCIL for step in live):
        problems["agreement"] = (
            "Add the steps the council will take before recording agreement (s189A(4)(b), (6)(c))."
        )
    if agreement is PlanAgreement.NOT_AGREED:
        if not not_agreed_because.strip():
            problems["not_agreed_because"] = "Say why the steps could not be agreed (s189A(6)(a))."
        elif len(not_agreed_because) > REASON_MAX_CHARS:
            problems["not_agreed_because"] = f"At most {REASON_MAX_CHARS:,} characters."
        if not any(step.kind is PlanStepKind.APPLICANT_REQUIRED for step in live):
            problems["agreement"] = (
                "Add the steps the council considers it reasonable to require of the "
                "applicant (s189A(6)(b)) before recording that they were not agreed."
            )
    elif not live:
        problems["agreement"] = "Add the steps before recording that they were agreed."
    return problems


def plan_of(store: Store, officer: OfficerView, case_id: uuid.UUID) -> PlanRecord:
    require(officer, Permission.READ_CASEWORK)
    with store.begin() as session:
        live_case(session, case_id)
        return plan_record(session, case_id)


def add_step(
    store: Store,
    officer: OfficerView,
    case_id: uuid.UUID,
    step: StepInput,
    *,
    today: date,
    based_on: uuid.UUID | None,
) -> PlanVersionView:
    """A new version with the step added at the end of its list."""
    require(officer, Permission.WRITE_CASEWORK)
    if problems := step_problems(step):
        raise InvalidInput(problems)
    added = StepView(
        step_key=uuid.uuid4(),
        kind=step.kind,
        text=step.text.strip(),
        owner=step.owner.strip(),
        due_on=step.due_on,
        status=step.status,
        library_id=step.library_id,
    )
    return _change(
        store,
        officer,
        case_id,
        today=today,
        based_on=based_on,
        change=f"Added: {_short(added.text)}",
        edit=lambda version: _needs_agreeing(
            replace(version, steps=(*version.steps, added)), added.kind
        ),
    )


def edit_step(
    store: Store,
    officer: OfficerView,
    case_id: uuid.UUID,
    step_key: uuid.UUID,
    step: StepInput,
    *,
    today: date,
    based_on: uuid.UUID | None,
) -> PlanVersionView:
    """A new version with the step's wording, owner, due date, list or status changed."""
    require(officer, Permission.WRITE_CASEWORK)
    if problems := step_problems(step):
        raise InvalidInput(problems)

    def edit(version: PlanVersionView) -> PlanVersionView:
        old = _step(version, step_key)
        new = replace(
            old,
            kind=step.kind,
            text=step.text.strip(),
            owner=step.owner.strip(),
            due_on=step.due_on,
            status=step.status,
        )
        if new == old:
            raise InvalidInput({"text": "Nothing has changed in this step."})
        edited = replace(
            version, steps=tuple(new if s.step_key == step_key else s for s in version.steps)
        )
        if (new.kind, new.text, new.owner, new.due_on) == (
            old.kind,
            old.text,
            old.owner,
            old.due_on,
        ):
            return edited  # only its status changed
        return _needs_agreeing(_needs_agreeing(edited, old.kind), new.kind)

    return _change(
        store,
        officer,
        case_id,
        today=today,
        based_on=based_on,
        change=f"Changed: {_short(step.text)}",
        edit=edit,
    )


def set_step_status(
    store: Store,
    officer: OfficerView,
    case_id: uuid.UUID,
    step_key: uuid.UUID,
    status: PlanStepStatus,
    *,
    today: date,
    based_on: uuid.UUID | None,
) -> PlanVersionView:
    """Done, not done, withdrawn (no longer appropriate, s189A(11)) or open again."""
    require(officer, Permission.WRITE_CASEWORK)
    text = ""

    def edit(version: PlanVersionView) -> PlanVersionView:
        nonlocal text
        old = _step(version, step_key)
        if old.status is status:
            raise InvalidInput({"status": f"The step is already {status.value.lower()}."})
        text = old.text
        return replace(
            version,
            steps=tuple(
                replace(s, status=status) if s.step_key == step_key else s for s in version.steps
            ),
        )

    return _change(
        store,
        officer,
        case_id,
        today=today,
        based_on=based_on,
        change=lambda: f"{status.value}: {_short(text)}",
        edit=edit,
    )


def record_agreement(
    store: Store,
    officer: OfficerView,
    case_id: uuid.UUID,
    agreement: PlanAgreement,
    not_agreed_because: str = "",
    *,
    today: date,
    based_on: uuid.UUID | None,
) -> PlanVersionView:
    """Whether the applicant agreed the steps; if not, why (s189A(6)(a)). The applicant's
    steps of a plan not agreed are those the council considers reasonable to require."""
    require(officer, Permission.WRITE_CASEWORK)

    def edit(version: PlanVersionView) -> PlanVersionView:
        if problems := agreement_problems(agreement, not_agreed_because, version.steps):
            raise InvalidInput(problems)
        because = not_agreed_because.strip() if agreement is PlanAgreement.NOT_AGREED else None
        if (version.agreement, version.not_agreed_because) == (agreement, because):
            raise InvalidInput({"agreement": "That is already recorded."})
        return replace(version, agreement=agreement, not_agreed_because=because)

    words = {
        PlanAgreement.AGREED: "Steps agreed with the applicant",
        PlanAgreement.NOT_AGREED: "Steps not agreed; reasons and required steps recorded",
        PlanAgreement.NOT_YET_RECORDED: "Agreement not yet recorded",
    }
    return _change(
        store, officer, case_id, today=today, based_on=based_on, change=words[agreement], edit=edit
    )


def record_plan_notified(
    session: Session,
    *,
    officer_id: uuid.UUID,
    case_id: uuid.UUID,
    plan_version_id: uuid.UUID,
    notified_on: date,
    how: str,
) -> None:
    """A version of the plan was given to the applicant in writing (s189A(8), (10)). For the
    service that issues the PHP letter, inside its own transaction."""
    version = session.get(PlanVersion, plan_version_id)
    if version is None or version.case_id != case_id:
        raise NotFound("That version of the plan is not on this case.")
    session.add(
        PlanNotification(
            case_id=case_id,
            plan_version_id=plan_version_id,
            notified_on=notified_on,
            recorded_by=officer_id,
            how=how,
        )
    )
    session.flush()


def record_plan_given(
    store: Store,
    officer: OfficerView,
    case_id: uuid.UUID,
    plan_version_id: uuid.UUID,
    *,
    given_on: date,
    today: date,
) -> PlanRecord:
    """The officer handed the applicant a printed copy of this version."""
    require(officer, Permission.WRITE_CASEWORK)
    if given_on > today:
        raise InvalidInput({"given_on": "The date given cannot be after today."})
    with store.begin() as session:
        live_case(session, case_id)
        version = session.get(PlanVersion, plan_version_id)
        if version is not None and version.agreement is PlanAgreement.NOT_YET_RECORDED:
            raise InvalidInput(
                {"agreement": "Record whether the steps were agreed before giving the plan."}
            )
        record_plan_notified(
            session,
            officer_id=officer.id,
            case_id=case_id,
            plan_version_id=plan_version_id,
            notified_on=given_on,
            how="Copy handed to the applicant",
        )
        return plan_record(session, case_id)


def plan_record(session: Session, case_id: uuid.UUID) -> PlanRecord:
    versions = session.execute(
        select(PlanVersion, Officer.display_name)
        # Outer: a version stays readable if its officer is not on this laptop.
        .outerjoin(Officer, Officer.id == PlanVersion.made_by)
        .where(PlanVersion.case_id == case_id)
        .order_by(PlanVersion.created_at, PlanVersion.id)
    ).all()
    steps: dict[uuid.UUID, list[PlanStep]] = {}
    for step in session.scalars(select(PlanStep).where(PlanStep.case_id == case_id)):
        steps.setdefault(step.plan_version_id, []).append(step)
    notified: dict[uuid.UUID, date] = {}
    for notification in session.scalars(
        select(PlanNotification).where(PlanNotification.case_id == case_id)
    ):
        first = notified.get(notification.plan_version_id)
        if first is None or notification.notified_on < first:
            notified[notification.plan_version_id] = notification.notified_on
    kind_order = list(PlanStepKind)
    return PlanRecord(
        tuple(
            PlanVersionView(
                version_id=version.id,
                number=number,
                revises_id=version.revises_id,
                made_on=version.made_on,
                made_at=version.created_at,
                made_by_name=made_by or OFFICER_NOT_HERE,
                change=version.change,
                agreement=version.agreement,
                not_agreed_because=version.not_agreed_because,
                steps=tuple(
                    StepView(
                        step_key=step.step_key,
                        kind=step.kind,
                        text=step.text,
                        owner=step.owner,
                        due_on=step.due_on,
                        status=step.status,
                        library_id=step.library_id,
                    )
                    for step in sorted(
                        steps.get(version.id, []),
                        key=lambda s: (kind_order.index(s.kind), s.position),
                    )
                ),
                notified_on=notified.get(version.id),
            )
            for number, (version, made_by) in enumerate(versions, start=1)
        )
    )


def _change(
    store: Store,
    officer: OfficerView,
    case_id: uuid.UUID,
    *,
    today: date,
    based_on: uuid.UUID | None,
    change: str | Callable[[], str],
    edit: Callable[[PlanVersionView], PlanVersionView],
) -> PlanVersionView:
    """Apply `edit` to the current version and write the result as the next version."""
    require(officer, Permission.WRITE_CASEWORK)
    with store.begin() as session:
        live_case(session, case_id)
        current = plan_record(session, case_id).current
        if (current.version_id if current else None) != based_on:
            raise PlanMovedOn(
                "The plan has changed since this screen was drawn (on another window, or by "
                "sync). Look at the latest version and make the change again."
            )
        start = current or PlanVersionView(
            version_id=uuid.uuid4(),
            number=0,
            revises_id=None,
            made_on=today,
            made_at=datetime.now().astimezone(),
            made_by_name=officer.display_name,
            change="",
            agreement=PlanAgreement.NOT_YET_RECORDED,
            not_agreed_because=None,
            steps=(),
            notified_on=None,
        )
        edited = edit(start)
        version = PlanVersion(
            case_id=case_id,
            revises_id=current.version_id if current else None,
            made_on=today,
            made_by=officer.id,
            change=change if isinstance(change, str) else change(),
            agreement=edited.agreement,
            not_agreed_because=edited.not_agreed_because,
        )
        session.add(version)
        session.flush()
        positions: dict[PlanStepKind, int] = {}
        for step in edited.steps:
            positions[step.kind] = positions.get(step.kind, 0) + 1
            session.add(
                PlanStep(
                    plan_version_id=version.id,
                    case_id=case_id,
                    step_key=step.step_key,
                    kind=step.kind,
                    position=positions[step.kind],
                    text=step.text,
                    owner=step.owner,
                    due_on=step.due_on,
                    status=step.status,
                    library_id=step.library_id,
                )
            )
        session.flush()
        latest = plan_record(session, case_id).current
        assert latest is not None
        return latest


def _needs_agreeing(version: PlanVersionView, kind: PlanStepKind) -> PlanVersionView:
    """Steps the applicant agreed cannot gain a new or changed step without agreeing it:
    the council tries again to agree (s189A(4), (11)). An advised step binds no one."""
    if kind is PlanStepKind.ADVISED or version.agreement is not PlanAgreement.AGREED:
        return version
    return replace(version, agreement=PlanAgreement.NOT_YET_RECORDED)


def _step(version: PlanVersionView, step_key: uuid.UUID) -> StepView:
    for step in version.steps:
        if step.step_key == step_key:
            return step
    raise NotFound("That step is not in the current version of the plan.")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:79] + "…"
