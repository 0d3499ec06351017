"""The Part 7 duties an applicant can be owed, and the ways each one ends.

Housing Act 1996 Part 7 as amended by the Homelessness Reduction Act 2017 (domain/duties.md
§2-§6). Each way of ending carries the subsection that allows it; letters the notes could not
check against the statute are listed in `unverified.CITATIONS_NOT_CHECKED_AGAINST_THE_STATUTE`.
"""

import enum


class Duty(enum.Enum):
    """Which duty is owed. The values are the words of the hoclient.duty-state/1 format."""

    NONE = "none"  # application made, no duty decided yet (s183-s184 inquiries)
    PREVENTION = "prevention"  # s195(2)
    RELIEF = "relief"  # s189B(2)
    MAIN = "main"  # s193(2)
    S190 = "s190"  # intentionally homeless and in priority need, after relief (s190(2))
    S193C = "s193c"  # relief ended by a s193B notice; priority need, not intentional
    NO_DUTY = "no_duty"  # not eligible, or neither homeless nor threatened (s184)
    ENDED = "ended"  # every duty owed has ended

    @property
    def basis(self) -> str | None:
        return _DUTY_BASIS.get(self)


_DUTY_BASIS = {
    Duty.NONE: "HA 1996 s184(1)",
    Duty.PREVENTION: "HA 1996 s195(2)",
    Duty.RELIEF: "HA 1996 s189B(2)",
    Duty.MAIN: "HA 1996 s193(2)",
    Duty.S190: "HA 1996 s190(2)",
    Duty.S193C: "HA 1996 s193C(4)",
    Duty.NO_DUTY: "HA 1996 s184(3)",
}


class PreventionEnding(enum.Enum):
    """The circumstances in which a notice may end the prevention duty (s195(5), (8))."""

    SUITABLE_ACCOMMODATION = "suitable_accommodation"
    FIFTY_SIX_DAYS_COMPLIED = "fifty_six_days_complied"
    BECAME_HOMELESS = "became_homeless"
    REFUSED_SUITABLE_OFFER = "refused_suitable_offer"
    INTENTIONALLY_HOMELESS_FROM_ACCOMMODATION = "intentionally_homeless_from_accommodation"
    NO_LONGER_ELIGIBLE = "no_longer_eligible"
    WITHDRAWN = "withdrawn"

    @property
    def basis(self) -> str:
        return _PREVENTION_ENDING_BASIS[self]


_PREVENTION_ENDING_BASIS = {
    PreventionEnding.SUITABLE_ACCOMMODATION: "HA 1996 s195(8)(a)",
    PreventionEnding.FIFTY_SIX_DAYS_COMPLIED: "HA 1996 s195(8)(b)",
    PreventionEnding.BECAME_HOMELESS: "HA 1996 s195(8)(c)",
    PreventionEnding.REFUSED_SUITABLE_OFFER: "HA 1996 s195(8)(d)",
    PreventionEnding.INTENTIONALLY_HOMELESS_FROM_ACCOMMODATION: "HA 1996 s195(8)(e)",
    PreventionEnding.NO_LONGER_ELIGIBLE: "HA 1996 s195(8)(f)",
    PreventionEnding.WITHDRAWN: "HA 1996 s195(8)(g)",
}


class ReliefEnding(enum.Enum):
    """The ways relief ends by notice: s189B(5)-(7), a refused final offer (s193A) or a
    referral to another council (s198(A1)). The end at day 56 needs no notice (s189B(4))."""

    SUITABLE_ACCOMMODATION = "suitable_accommodation"
    FIFTY_SIX_DAYS_COMPLIED = "fifty_six_days_complied"
    REFUSED_SUITABLE_OFFER = "refused_suitable_offer"
    INTENTIONALLY_HOMELESS_FROM_ACCOMMODATION = "intentionally_homeless_from_accommodation"
    NO_LONGER_ELIGIBLE = "no_longer_eligible"
    WITHDRAWN = "withdrawn"
    REFUSED_FINAL_OFFER = "refused_final_offer"
    REFERRED_LOCAL_CONNECTION = "referred_local_connection"

    @property
    def basis(self) -> str:
        return _RELIEF_ENDING_BASIS[self]


_RELIEF_ENDING_BASIS = {
    ReliefEnding.SUITABLE_ACCOMMODATION: "HA 1996 s189B(7)(a)",
    ReliefEnding.FIFTY_SIX_DAYS_COMPLIED: "HA 1996 s189B(7)(b)",
    ReliefEnding.REFUSED_SUITABLE_OFFER: "HA 1996 s189B(7)(c)",
    ReliefEnding.INTENTIONALLY_HOMELESS_FROM_ACCOMMODATION: "HA 1996 s189B(7)(d)",
    ReliefEnding.NO_LONGER_ELIGIBLE: "HA 1996 s189B(7)(e)",
    ReliefEnding.WITHDRAWN: "HA 1996 s189B(7)(f)",
    ReliefEnding.REFUSED_FINAL_OFFER: "HA 1996 s193A(2)",
    ReliefEnding.REFERRED_LOCAL_CONNECTION: "HA 1996 s198(A1)",
}

# After these endings the authority decide whether s190 follows: an applicant in priority need
# who became homeless intentionally (domain/duties.md §3, D2). Issue 4 limits it to these three.
RELIEF_ENDINGS_AFTER_WHICH_S190_MAY_FOLLOW = frozenset(
    {
        ReliefEnding.FIFTY_SIX_DAYS_COMPLIED,
        ReliefEnding.REFUSED_SUITABLE_OFFER,
        ReliefEnding.INTENTIONALLY_HOMELESS_FROM_ACCOMMODATION,
    }
)


class MainDutyEnding(enum.Enum):
    """The events that end the main duty, s193(5)-(7AA) (domain/duties.md §6)."""

    REFUSED_SUITABLE_OFFER = "refused_suitable_offer"
    NO_LONGER_ELIGIBLE = "no_longer_eligible"
    INTENTIONALLY_HOMELESS_FROM_ACCOMMODATION = "intentionally_homeless_from_accommodation"
    ACCEPTED_PART6_OFFER = "accepted_part6_offer"
    ACCEPTED_ASSURED_TENANCY = "accepted_assured_tenancy"
    VOLUNTARILY_CEASED_TO_OCCUPY = "voluntarily_ceased_to_occupy"
    REFUSED_FINAL_PART6_OFFER = "refused_final_part6_offer"
    ACCEPTED_PRSO = "accepted_prso"
    REFUSED_PRSO = "refused_prso"

    @property
    def basis(self) -> str:
        return _MAIN_DUTY_ENDING_BASIS[self]


_MAIN_DUTY_ENDING_BASIS = {
    MainDutyEnding.REFUSED_SUITABLE_OFFER: "HA 1996 s193(5)",
    MainDutyEnding.NO_LONGER_ELIGIBLE: "HA 1996 s193(6)(a)",
    MainDutyEnding.INTENTIONALLY_HOMELESS_FROM_ACCOMMODATION: "HA 1996 s193(6)(b)",
    MainDutyEnding.ACCEPTED_PART6_OFFER: "HA 1996 s193(6)(c)",
    # Any assured tenancy from a private landlord other than an assured shorthold.
    MainDutyEnding.ACCEPTED_ASSURED_TENANCY: "HA 1996 s193(6)(cc)",
    MainDutyEnding.VOLUNTARILY_CEASED_TO_OCCUPY: "HA 1996 s193(6)(d)",
    MainDutyEnding.REFUSED_FINAL_PART6_OFFER: "HA 1996 s193(7)",
    # Accepting or refusing ends it alike, once told in writing of s193(7AB)'s matters.
    MainDutyEnding.ACCEPTED_PRSO: "HA 1996 s193(7AA)",
    MainDutyEnding.REFUSED_PRSO: "HA 1996 s193(7AA)",
}
