"""The s189A assessment: three parts, H-CLIC codes from the one table, every version kept."""

from dataclasses import replace

import pytest

from hoclient.models import Assessment, AssessmentSupportNeed
from hoclient.reports.hclic_codes import CodeList, codes_in_force
from hoclient.services.assessments import assessment_of, save_assessment
from hoclient.services.errors import InvalidInput, NotAllowed
from hoclient.services.households import NewMember, add_household_member
from hoclient.services.persons import PersonDetails
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Relationship, Role, Sex
from tests.conftest import TODAY
from tests.services.helpers import approach_for, record
from tests.services.plan_helpers import ASSESSED_ON, an_assessment


@pytest.fixture
def case(store: Store, officer: OfficerView) -> CaseView:
    return record(store, officer, approach_for())


def _rows(store: Store) -> tuple[int, int]:
    with store.begin() as session:
        return (
            session.query(Assessment).count(),
            session.query(AssessmentSupportNeed).count(),
        )


def test_an_assessment_keeps_its_three_parts_and_each_persons_support_needs(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    child = add_household_member(
        store,
        officer,
        case.case_id,
        NewMember(PersonDetails("Okafor", "Amara", None, Sex.FEMALE), Relationship.CHILD),
        today=TODAY,
    )
    applicant = assessment_of(store, officer, case.case_id).household[0]
    saved = save_assessment(
        store,
        officer,
        case.case_id,
        an_assessment(
            member_needs={
                applicant.member_id: ("YOUNG_PARENT", "DIFFICULTY_BUDGETING"),
                child.member_id: ("PHYSICAL_ILL_HEALTH_DISABILITY",),
            }
        ),
        today=TODAY,
    )

    assert saved.number == 1
    assert saved.reason_for_loss_label == "Family or friends no longer willing or able"
    assert saved.suitable_accommodation.startswith("A two-bedroom flat")
    assert [(n.name, n.labels) for n in saved.member_needs] == [
        ("OKAFOR, Grace", ("Young parent needing support", "Difficulty budgeting")),
        ("OKAFOR, Amara", ("Physical ill health or disability",)),
    ]
    assert assessment_of(store, officer, case.case_id).current == saved


def test_a_review_makes_a_new_version_and_keeps_the_first(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    first = save_assessment(store, officer, case.case_id, an_assessment(), today=TODAY)
    second = save_assessment(
        store,
        officer,
        case.case_id,
        an_assessment(
            reason_for_loss="RELATIONSHIP_BREAKDOWN",
            change_reason="She told us her partner has left too.",
        ),
        today=TODAY,
    )

    versions = assessment_of(store, officer, case.case_id).versions
    assert versions == (first, second)
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].reason_for_loss == "FAMILY_OR_FRIENDS_EXCLUSION"
    assert versions[1].reason_for_loss == "RELATIONSHIP_BREAKDOWN"
    assert versions[1].change_reason == "She told us her partner has left too."


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"circumstances": "  "}, "circumstances", "s189A(2)(a)"),
        ({"housing_needs": ""}, "housing_needs", "s189A(2)(b)"),
        ({"suitable_accommodation": ""}, "suitable_accommodation", "suitable"),
        ({"support_needs": ""}, "support_needs", "s189A(2)(c)"),
        ({"reason_for_loss": None}, "reason_for_loss", "Choose the reason"),
        ({"reason_for_loss": "FIRE"}, "reason_for_loss", "not in the H-CLIC list"),
        ({"assessed_on": TODAY.replace(day=26)}, "assessed_on", "after today"),
        ({"assessed_on": ASSESSED_ON.replace(month=10)}, "assessed_on", "before the approach"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    store: Store,
    officer: OfficerView,
    case: CaseView,
    changes: dict[str, object],
    field: str,
    words: str,
) -> None:
    with pytest.raises(InvalidInput) as refused:
        save_assessment(store, officer, case.case_id, an_assessment(**changes), today=TODAY)
    assert words in refused.value.problems[field]
    assert _rows(store) == (0, 0)


def test_a_support_need_not_in_the_mapping_table_is_refused(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    applicant = assessment_of(store, officer, case.case_id).household[0]
    for codes in (("HOMELESS_CAT",), ("CARE_LEAVER_21_PLUS",)):  # unknown; retired in 2023
        with pytest.raises(InvalidInput) as refused:
            save_assessment(
                store,
                officer,
                case.case_id,
                an_assessment(member_needs={applicant.member_id: codes}),
                today=TODAY,
            )
        assert "not in the H-CLIC list" in refused.value.problems["member_needs"]
    assert _rows(store) == (0, 0)


def test_every_code_in_force_can_be_recorded(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    applicant = assessment_of(store, officer, case.case_id).household[0]
    support = tuple(r.internal_value for r in codes_in_force(CodeList.SUPPORT_NEED, ASSESSED_ON))
    saved = save_assessment(
        store,
        officer,
        case.case_id,
        an_assessment(member_needs={applicant.member_id: support}),
        today=TODAY,
    )
    assert saved.member_needs[0].codes == support
    assert "CARE_LEAVER_21_24" in support and "CARE_LEAVER_21_PLUS" not in support


def test_a_revision_must_say_what_changed_and_must_change_something(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    save_assessment(store, officer, case.case_id, an_assessment(), today=TODAY)
    with pytest.raises(InvalidInput) as refused:
        save_assessment(
            store, officer, case.case_id, an_assessment(housing_needs="Three rooms."), today=TODAY
        )
    assert "s189A(9)-(10)" in refused.value.problems["change_reason"]
    with pytest.raises(InvalidInput) as unchanged:
        save_assessment(
            store, officer, case.case_id, an_assessment(change_reason="Reviewed."), today=TODAY
        )
    assert "Nothing has changed since version 1" in str(unchanged.value)
    assert _rows(store) == (1, 0)


def test_a_volunteer_may_neither_read_nor_write_an_assessment(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    volunteer = replace(officer, role=Role.VOLUNTEER)
    with pytest.raises(NotAllowed):
        assessment_of(store, volunteer, case.case_id)
    with pytest.raises(NotAllowed):
        save_assessment(store, volunteer, case.case_id, an_assessment(), today=TODAY)
    assert _rows(store) == (0, 0)
