"""The duty to refer: Housing Act 1996 s213B, in force from 1 October 2018."""

from hoclient.vocabulary import ReferralSource

# s213B and SI 2018/223 Part 4 list the public bodies under the duty (domain/duties.md §11).
# Early help and NRPF teams are counted only where the referral names the social services
# authority itself; the H-CLIC list keeps them apart, so they stay outside this set.
PUBLIC_BODIES_UNDER_THE_DUTY = frozenset(
    {
        ReferralSource.PRISON,
        ReferralSource.YOUTH_SECURE_ESTATE,
        ReferralSource.PROBATION,
        ReferralSource.HOSPITAL_EMERGENCY_OR_INPATIENT,
        ReferralSource.MENTAL_HEALTH_INPATIENT,
        ReferralSource.JOBCENTRE_PLUS,
        ReferralSource.ADULT_SOCIAL_SERVICES,
        ReferralSource.CHILDRENS_SOCIAL_CARE,
        ReferralSource.ARMED_FORCES,
        ReferralSource.DUTY_TO_REFER_AGENCY_NOT_GIVEN,
    }
)


def is_duty_to_refer_referral(source: ReferralSource | None) -> bool:
    """True when the referral came from a public body under the s213B duty."""
    return source in PUBLIC_BODIES_UNDER_THE_DUTY
