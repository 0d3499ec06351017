"""Facts hoclient relies on that are not yet checked against statute or guidance.

Each is kept here, in one place, so the council's solicitor can check and correct it
(../shared/domain/README.md: "(unverified)"). Code imports the name, never the number.
"""

from datetime import date

# Children under 16, or 16-18 in full-time education or training, are dependent (CoG ch.8).
DEPENDENT_CHILD_AGE_LIMIT_YEARS = 19

# Renters' Rights Act 2025 (Royal Assent 27 October 2025): private landlords lose s21 of the
# Housing Act 1988 from this day, and s175(5) as rewritten by Sch 1 para 48 counts a valid s8
# notice instead (domain/duties.md §4).
RENTERS_RIGHTS_ACT_2025_COMMENCES_ON = date(2026, 5, 1)

# s195(6) takes away the "complied and 56 days" ground for ending prevention where the threat
# comes from a valid s21 notice. Whether the Renters' Rights Act 2025 carries that to s8
# notices is UNKNOWN; issue 4 builds it to both, so this is the one switch to flip.
SECTION_195_6_COVERS_SECTION_8_NOTICES = True

# Domestic Abuse Act 2021: homeless as a result of being a victim of domestic abuse is a
# priority need for decisions made from this day (domain/duties.md §7).
DOMESTIC_ABUSE_PRIORITY_NEED_FROM = date(2021, 7, 5)

# SI 2003/3326: an applicant with family commitments may be in B&B for no more than 6 weeks,
# counted as the total of all placements (domain/clocks.md §2, §4).
BED_AND_BREAKFAST_FAMILY_LIMIT_NIGHTS = 42

# A private rented sector offer is an assured shorthold tenancy with a fixed term of at least
# this many months (s193(7AC); domain/duties.md §6).
PRIVATE_RENTED_SECTOR_OFFER_MINIMUM_MONTHS = 12

# The councils' local connection referral agreement (domain/duties.md §9), not statute:
# residence for 6 of the last 12 months or 3 of the last 5 years; family (parents, adult
# children, brothers and sisters) living in the district for at least 5 years.
# Each test is (months resided, out of the last this many months).
RESIDENCE_TESTS_IN_MONTHS = ((6, 12), (3 * 12, 5 * 12))
FAMILY_ASSOCIATION_YEARS = 5

# Citations whose subsection letters come from the Code, Shelter or a council policy rather
# than the statute's own text (domain/duties.md §4-§7, §10). The UI shows them as unverified.
CITATIONS_NOT_CHECKED_AGAINST_THE_STATUTE = frozenset(
    {
        "HA 1996 s195(8)(b)",
        "HA 1996 s195(8)(c)",
        "HA 1996 s195(8)(d)",
        "HA 1996 s195(8)(e)",
        "HA 1996 s195(8)(f)",
        "HA 1996 s195(8)(g)",
        "HA 1996 s189B(7)(c)",
        "HA 1996 s189B(7)(d)",
        "HA 1996 s189B(7)(e)",
        "HA 1996 s189B(7)(f)",
        "HA 1996 s193(6)(a)",
        "HA 1996 s193(6)(b)",
        "HA 1996 s193(6)(c)",
        "HA 1996 s193(6)(d)",
        "HA 1996 s193C(4)",
        "HA 1996 s188(1ZB)",
        "Domestic Abuse Act 2021",
        "SI 2002/2051 art 5",
    }
)
