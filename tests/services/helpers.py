"""Small builders for service tests: fictional people only."""

from datetime import date

from hoclient.services.approaches import NewApproach, record_new_approach
from hoclient.services.persons import PersonDetails
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import AccommodationAtApproach, ApproachMethod, Sex
from tests.conftest import TODAY


def approach_for(
    family: str = "Okafor",
    given: str = "Grace",
    born_on: date | None = date(1990, 3, 2),
    *,
    ni: str = "",
    postcode: str = "",
    approached_on: date = date(2026, 11, 2),
) -> NewApproach:
    return NewApproach(
        applicant=PersonDetails(family, given, born_on, Sex.FEMALE, ni),
        approached_on=approached_on,
        approach_method=ApproachMethod.IN_PERSON,
        accommodation_at_approach=AccommodationAtApproach.WITH_FAMILY,
        postcode=postcode,
    )


def record(
    store: Store, officer: OfficerView, approach: NewApproach, **options: object
) -> CaseView:
    return record_new_approach(store, officer, approach, today=TODAY, **options)  # type: ignore[arg-type]
