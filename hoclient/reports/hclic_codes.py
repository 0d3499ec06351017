"""The H-CLIC code lists an assessment picks from, in one mapping table (hclic.md §4).

Casework stores hoclient's own stable `internal_value`; the H-CLIC return looks each one up
here and nowhere else. The lists are the published breakdowns of MHCLG's detailed tables
(hclic.md §3): A2 (reason for loss, or threat of loss, of the last settled home) and A3
(support needs). Labels are in our own words.

The official XML element names and codes are not public (UNKNOWN — do not invent): every row
ships with `hclic_element` and `hclic_code` empty, and the export must refuse a value whose
mapping is missing rather than guess. A council fills them in from the specification MHCLG
sends on request.

Lists change over time, so each row carries the dates it is in force (a case is coded with
the list in force on its event date). Retired options whose end date is not published (the
combined "landlord selling or re-letting", the undivided domestic abuse option, the retired
institution option) are left out: no new assessment may pick them, and their dates are
UNKNOWN.
"""

import enum
from dataclasses import dataclass
from datetime import date
from functools import cache


class CodeList(enum.Enum):
    REASON_FOR_LOSS = "A2: reason for loss, or threat of loss, of last settled home"
    SUPPORT_NEED = "A3: support needs"


@dataclass(frozen=True)
class HclicCode:
    code_list: CodeList
    internal_value: str  # stored in the database; never changes once released
    label: str  # what the officer picks, in our words
    group: str = ""  # the heading the option sits under in the published tables
    valid_from: date | None = None  # None: in force since H-CLIC began (April 2018)
    valid_to: date | None = None  # None: still in force
    hclic_element: str | None = None  # UNKNOWN until the council has the specification
    hclic_code: str | None = None  # UNKNOWN — do not invent
    note: str = ""

    def in_force_on(self, on: date) -> bool:
        starts = self.valid_from is None or self.valid_from <= on
        return starts and (self.valid_to is None or on <= self.valid_to)


_A2 = CodeList.REASON_FOR_LOSS
_A3 = CodeList.SUPPORT_NEED
_AST = "End of private AST"
_DOMESTIC_ABUSE = "Domestic abuse"
_SOCIAL = "End of social tenancy"
_SUPPORTED = "Eviction from supported housing"
_INSTITUTION = "Left an institution with nowhere to go"
# The April 2023 split of the care leaver option (hclic.md §3, A3).
_CARE_LEAVER_SPLIT = date(2023, 4, 1)

MAPPING_TABLE: tuple[HclicCode, ...] = (
    # A2: reason for loss, or threat of loss, of the last settled home.
    HclicCode(_A2, "AST_ARREARS_BUDGETING", "Rent arrears: difficulty budgeting", _AST),
    HclicCode(_A2, "AST_ARREARS_RENT_INCREASE", "Rent arrears: the rent went up", _AST),
    HclicCode(_A2, "AST_ARREARS_LOWER_EARNINGS", "Rent arrears: earnings fell", _AST),
    HclicCode(_A2, "AST_ARREARS_BENEFIT_CHANGE", "Rent arrears: benefits changed", _AST),
    HclicCode(
        _A2,
        "AST_ARREARS_CHANGE_OF_CIRCUMSTANCES",
        "Rent arrears: personal circumstances changed",
        _AST,
    ),
    HclicCode(_A2, "AST_BREACH_OTHER_THAN_ARREARS", "Breach of tenancy, not arrears", _AST),
    HclicCode(_A2, "AST_TENANT_COMPLAINED_DISREPAIR", "Tenant complained of disrepair", _AST),
    HclicCode(_A2, "AST_ILLEGAL_EVICTION", "Illegal eviction", _AST),
    HclicCode(_A2, "AST_TENANT_ABANDONED", "Tenant abandoned the property", _AST),
    HclicCode(_A2, "AST_OTHER_OR_NOT_KNOWN", "Other reason, or not known", _AST),
    HclicCode(_A2, "PRIVATE_TENANCY_NOT_AST", "End of a private tenancy that is not an AST"),
    HclicCode(_A2, "FAMILY_OR_FRIENDS_EXCLUSION", "Family or friends no longer willing or able"),
    HclicCode(_A2, "RELATIONSHIP_BREAKDOWN", "Relationship with a partner ended (not violent)"),
    HclicCode(_A2, "DOMESTIC_ABUSE_VICTIM", "Victim of domestic abuse", _DOMESTIC_ABUSE),
    HclicCode(_A2, "DOMESTIC_ABUSE_ALLEGED_PERPETRATOR", "Alleged perpetrator", _DOMESTIC_ABUSE),
    HclicCode(_A2, "OTHER_VIOLENCE_OR_HARASSMENT", "Other violence or harassment"),
    HclicCode(_A2, "SOCIAL_TENANCY_ARREARS", "Rent arrears", _SOCIAL),
    HclicCode(_A2, "SOCIAL_TENANCY_OTHER", "Other reason, or not known", _SOCIAL),
    HclicCode(_A2, "SUPPORTED_HOUSING_ARREARS", "Arrears", _SUPPORTED),
    HclicCode(_A2, "SUPPORTED_HOUSING_BREACH", "Breach other than arrears", _SUPPORTED),
    HclicCode(_A2, "SUPPORTED_HOUSING_OTHER", "Other reason, or not known", _SUPPORTED),
    HclicCode(_A2, "LEFT_CUSTODY", "Left custody", _INSTITUTION),
    HclicCode(_A2, "LEFT_PSYCHIATRIC_HOSPITAL", "Left a psychiatric hospital", _INSTITUTION),
    HclicCode(_A2, "LEFT_GENERAL_HOSPITAL", "Left a general hospital", _INSTITUTION),
    HclicCode(_A2, "LEFT_CARE_PLACEMENT", "Left a looked-after child placement", _INSTITUTION),
    HclicCode(_A2, "LEFT_ASYLUM_SUPPORT", "Required to leave Home Office asylum support"),
    HclicCode(_A2, "HOME_UNSUITABLE_HEALTH", "Home no longer suitable: disability or ill health"),
    HclicCode(_A2, "RESETTLEMENT_PLACEMENT_ENDED", "Resettlement placement or sponsorship ended"),
    HclicCode(
        _A2,
        "OTHER_OR_NOT_KNOWN",
        "Other reason, or not known",
        note="Covers fire, flood or other emergency; leaving the armed forces; mortgage "
        "repossession; disrepair; loss of tied accommodation; moving away by choice.",
    ),
    # A3: support needs. Multi-select; each need counts once a household; none is allowed.
    HclicCode(_A3, "YOUNG_PERSON_16_17", "Young person aged 16 or 17"),
    HclicCode(_A3, "YOUNG_PERSON_18_25", "Young person 18 to 25 needing support to live alone"),
    HclicCode(_A3, "YOUNG_PARENT", "Young parent needing support"),
    HclicCode(_A3, "CARE_LEAVER_18_20", "Care leaver aged 18 to 20"),
    HclicCode(
        _A3, "CARE_LEAVER_21_PLUS", "Care leaver aged 21 or over", valid_to=date(2023, 3, 31)
    ),
    HclicCode(_A3, "CARE_LEAVER_21_24", "Care leaver aged 21 to 24", valid_from=_CARE_LEAVER_SPLIT),
    HclicCode(
        _A3, "CARE_LEAVER_25_PLUS", "Care leaver aged 25 or over", valid_from=_CARE_LEAVER_SPLIT
    ),
    HclicCode(_A3, "PHYSICAL_ILL_HEALTH_DISABILITY", "Physical ill health or disability"),
    HclicCode(_A3, "MENTAL_HEALTH", "History of mental health problems"),
    HclicCode(_A3, "LEARNING_DISABILITY", "Learning disability"),
    HclicCode(_A3, "SEXUAL_ABUSE_OR_EXPLOITATION", "Sexual abuse or exploitation (risk or past)"),
    HclicCode(_A3, "DOMESTIC_ABUSE", "Domestic abuse (risk or past)"),
    HclicCode(_A3, "OTHER_ABUSE", "Other abuse (risk or past)"),
    HclicCode(_A3, "DRUG_DEPENDENCY", "Drug dependency"),
    HclicCode(_A3, "ALCOHOL_DEPENDENCY", "Alcohol dependency"),
    HclicCode(_A3, "OFFENDING_HISTORY", "Offending history"),
    HclicCode(_A3, "REPEAT_HOMELESSNESS", "Repeat homelessness"),
    HclicCode(_A3, "ROUGH_SLEEPING_HISTORY", "History of sleeping rough"),
    HclicCode(_A3, "FORMER_ASYLUM_SEEKER", "Former asylum seeker"),
    HclicCode(_A3, "OLD_AGE", "Old age"),
    HclicCode(_A3, "SERVED_IN_HM_FORCES", "Served in HM Forces"),
    HclicCode(_A3, "EDUCATION_EMPLOYMENT_TRAINING", "Help into education, work or training"),
    HclicCode(_A3, "MODERN_SLAVERY", "Victim of modern slavery"),
    HclicCode(_A3, "DIFFICULTY_BUDGETING", "Difficulty budgeting"),
)


@cache
def _by_value() -> dict[tuple[CodeList, str], HclicCode]:
    return {(row.code_list, row.internal_value): row for row in MAPPING_TABLE}


def code_of(code_list: CodeList, internal_value: str) -> HclicCode | None:
    """The row for a stored value; None if the value is not in this list at all."""
    return _by_value().get((code_list, internal_value))


def codes_in_force(code_list: CodeList, on: date) -> tuple[HclicCode, ...]:
    """The options an officer may pick for an event on `on`, in the table's order."""
    return tuple(row for row in MAPPING_TABLE if row.code_list is code_list and row.in_force_on(on))


def label_of(code_list: CodeList, internal_value: str) -> str:
    """'End of private assured shorthold tenancy: Illegal eviction' for lists and letters; an
    unknown value (from a newer laptop) is shown as it is stored, never dropped."""
    row = code_of(code_list, internal_value)
    if row is None:
        return internal_value
    return f"{row.group}: {row.label}" if row.group else row.label
