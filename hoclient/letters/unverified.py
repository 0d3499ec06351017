"""Facts the letters rely on that are not yet checked against statute or guidance.

Kept in one place so the council's solicitor can check and correct them
(../shared/domain/README.md, "(unverified)"). Templates read them as `law.<name>`, so a
correction here reaches every letter; the council's solicitor approves every template too.
"""

LAW: dict[str, str] = {
    # s184(5): the s184 notice states the right to a review and its time limit
    # (letters.md §1: the subsection number is unverified).
    "review_right": "HA 1996 s184(5)",
    # s184(6): a notice not received counts as given if it was available for collection at
    # the council's office for a reasonable period (unverified subsection).
    "deemed_notice": "HA 1996 s184(6)",
    # s189A(8): the applicant is given a copy of the written record of the plan (unverified).
    "plan_copy": "HA 1996 s189A(8)",
    # s188(1ZB): interim accommodation ends with relief after a refused final offer, but not
    # while a suitability review of that offer is pending (s188(2A)) (both unverified).
    "interim_ends_after_final_offer": "HA 1996 s188(1ZB)",
    "interim_kept_pending_review": "HA 1996 s188(2A)",
    # SI 2018/223 reg 5(3): the review procedure is told to the applicant (unverified).
    "review_procedure": "SI 2018/223 reg 5(3)",
    # SI 2018/223 reg 7 and Hall v Wandsworth [2004] EWCA Civ 1740 (unverified).
    "minded_to": "SI 2018/223 reg 7",
    # s203(4)-(5): reasons for a review decision confirming an adverse decision, and the
    # right to appeal on a point of law (unverified subsections).
    "review_reasons": "HA 1996 s203(4)",
    "appeal_right": "HA 1996 s203(5) and s204(1)",
    # s184(4) and s200(2): telling the applicant of a referral, and of whether the conditions
    # for it are met (unverified).
    "referral_notice": "HA 1996 s184(4)",
    "referral_conditions_notice": "HA 1996 s200(2)",
    # s195A: a new application within 2 years of accepting a PRSO; s195A(2): deemed homeless
    # on a landlord's notice (Norton v Haringey [2022] EWCA Civ 1340) (unverified).
    "reapplication_after_prso": "HA 1996 s195A(1)",
    "reapplication_landlord_notice": "HA 1996 s195A(2)",
    # s193C(4): the lesser duty after a s193B notice at relief stage (unverified).
    "after_non_cooperation": "HA 1996 s193C(4)",
    # s193(7AC): a PRSO's fixed term is at least this long (unverified); the duty engine's
    # own figure is hoclient.casework.unverified.PRIVATE_RENTED_SECTOR_OFFER_MINIMUM_MONTHS,
    # and a test keeps the two the same.
    "prso_minimum_term": "12 months",
    # SI 2018/223 reg 3: a s193B notice is authorised by a second officer at least as senior
    # who took no part in the decision.
    "non_cooperation_authorisation": "SI 2018/223 reg 3",
}
