"""Outreach follow-up: a person seen on a count who agreed to be contacted becomes a referral
for the outreach team - a new approach in the casework, made by an officer (never by the
volunteer, whose device holds no casework), linked to the sighting."""

import uuid
from datetime import date

from sqlalchemy import select

from hoclient.models import StreetCountEntry, StreetCountReferral
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.approaches import NewApproach, record_new_approach
from hoclient.services.errors import InvalidInput, NotFound
from hoclient.services.persons import PersonDetails
from hoclient.services.street_count_entries import current_versions
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import (
    AccommodationAtApproach,
    ApproachMethod,
    OutreachConsent,
    ReferralSource,
)

REFERRING_AGENCY = "Rough sleeping street count (outreach follow-up)"


def refer_to_outreach(
    store: Store,
    officer: OfficerView,
    entry_id: uuid.UUID,
    applicant: PersonDetails,
    *,
    today: date,
    existing_person_id: uuid.UUID | None = None,
    confirmed_new_person: bool = False,
) -> CaseView:
    """Open a case for the person seen, sleeping rough, and link it to their sighting.

    The name comes from the outreach contact, not the count (which records none). Someone
    already on record raises PossibleDuplicate, as for any new approach.
    """
    require(officer, Permission.WRITE_CASEWORK)
    with store.begin() as session:
        entry = session.get(StreetCountEntry, entry_id)
        if entry is None:
            raise NotFound("That entry is not on this laptop.")
        current = current_versions(session, entry.street_count_id).get(entry.sighting_id)
        assert current is not None  # the sighting has at least this version
        if current.withdrawn:
            raise InvalidInput({"entry": "That entry was withdrawn: nobody to refer."})
        if current.outreach_consent is not OutreachConsent.YES:
            raise InvalidInput(
                {"entry": "Only a person who agreed to be contacted by outreach is referred."}
            )
        already = session.scalar(
            select(StreetCountReferral.case_reference).where(
                StreetCountReferral.sighting_id == entry.sighting_id
            )
        )
        if already is not None:
            raise InvalidInput({"entry": f"This person was already referred: case {already}."})
        current_id, count_id, sighting_id = current.id, current.street_count_id, current.sighting_id
    case = record_new_approach(
        store,
        officer,
        NewApproach(
            applicant=applicant,
            approached_on=today,
            approach_method=ApproachMethod.REFERRAL,
            accommodation_at_approach=AccommodationAtApproach.ROUGH_SLEEPING,
            referral_source=ReferralSource.AGENCY_NOT_UNDER_DUTY,
            referring_agency=REFERRING_AGENCY,
        ),
        today=today,
        existing_person_id=existing_person_id,
        confirmed_new_person=confirmed_new_person,
    )
    # A second transaction: record_new_approach makes its own. If this one failed, the case
    # stands and the sighting shows as not yet referred; referring again would open a second
    # case, which the duplicate-person check then offers to reuse.
    with store.begin() as session:
        session.add(
            StreetCountReferral(
                street_count_id=count_id,
                sighting_id=sighting_id,
                entry_id=current_id,
                author_id=officer.id,
                referred_case_id=case.case_id,
                case_reference=case.reference,
            )
        )
    return case
