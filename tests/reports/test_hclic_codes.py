"""The one H-CLIC mapping table: our stable values, our labels, no invented official codes."""

from datetime import date

from hoclient.reports.hclic_codes import (
    MAPPING_TABLE,
    CodeList,
    code_of,
    codes_in_force,
    label_of,
)


def test_every_internal_value_is_unique_within_its_list() -> None:
    keys = [(row.code_list, row.internal_value) for row in MAPPING_TABLE]
    assert len(keys) == len(set(keys))


def test_no_official_code_or_element_is_invented() -> None:
    # hclic.md §4: the official codes are not public; the table ships with them empty.
    assert all(row.hclic_code is None and row.hclic_element is None for row in MAPPING_TABLE)


def test_the_care_leaver_option_split_in_april_2023() -> None:
    before = {
        row.internal_value for row in codes_in_force(CodeList.SUPPORT_NEED, date(2023, 3, 31))
    }
    after = {row.internal_value for row in codes_in_force(CodeList.SUPPORT_NEED, date(2023, 4, 1))}
    assert "CARE_LEAVER_21_PLUS" in before and "CARE_LEAVER_21_24" not in before
    assert {"CARE_LEAVER_21_24", "CARE_LEAVER_25_PLUS"} <= after
    assert "CARE_LEAVER_21_PLUS" not in after


def test_labels_read_with_their_group_and_an_unknown_value_is_shown_as_stored() -> None:
    assert label_of(CodeList.REASON_FOR_LOSS, "AST_ILLEGAL_EVICTION") == (
        "End of private AST: Illegal eviction"
    )
    assert label_of(CodeList.REASON_FOR_LOSS, "FROM_A_NEWER_LAPTOP") == "FROM_A_NEWER_LAPTOP"
    assert code_of(CodeList.SUPPORT_NEED, "AST_ILLEGAL_EVICTION") is None, "lists are separate"


def test_both_lists_the_assessment_picks_from_are_there() -> None:
    today = date(2026, 11, 25)
    assert len(codes_in_force(CodeList.REASON_FOR_LOSS, today)) == 29
    assert len(codes_in_force(CodeList.SUPPORT_NEED, today)) == 23
