"""Rules for recording who a person is: names, date of birth, National Insurance number."""

import re
from datetime import date

# The NI number format: two prefix letters, six digits, suffix A-D. The first letter is never
# D, F, I, Q, U or V; the second never D, F, I, O, Q, U or V; the prefixes BG, GB, KN, NK, NT,
# TN and ZZ are not issued (HMRC's published rules; TN marks a temporary number, not an NI
# number).
_NI_PATTERN = re.compile(r"^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$")
_NI_NEVER_ISSUED_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_NAME_MAX = 100
OLDEST_AGE_YEARS = 120


def normalise_ni_number(text: str) -> str:
    """Upper case with spaces and dashes taken out: 'ab 12 34 56 c' -> 'AB123456C'."""
    return re.sub(r"[\s-]", "", text).upper()


def ni_number_problem(text: str) -> str | None:
    """Why `text` is not a valid NI number, in plain words; None if it is valid."""
    ni = normalise_ni_number(text)
    if len(ni) != 9:
        return (
            "An NI number has 2 letters, 6 numbers and a final letter A to D, like AB 12 34 56 C."
        )
    if not _NI_PATTERN.match(ni) or ni[:2] in _NI_NEVER_ISSUED_PREFIXES:
        return f"{text.strip()} is not a valid NI number: check the letters at each end."
    return None


def family_name_problem(text: str) -> str | None:
    name = text.strip()
    if not name:
        return "Enter the family name."
    if len(name) > _NAME_MAX:
        return f"The family name is too long (at most {_NAME_MAX} characters)."
    if not any(ch.isalpha() for ch in name):
        return "The family name must contain letters."
    return None


def given_names_problem(text: str) -> str | None:
    names = text.strip()
    if not names:
        return "Enter the given names."
    if len(names) > 150:
        return "The given names are too long (at most 150 characters)."
    if not any(ch.isalpha() for ch in names):
        return "The given names must contain letters."
    return None


def date_of_birth_problem(born_on: date, *, today: date) -> str | None:
    if born_on > today:
        return "The date of birth cannot be in the future."
    if today.year - born_on.year > OLDEST_AGE_YEARS:
        return f"The date of birth is more than {OLDEST_AGE_YEARS} years ago: check the year."
    return None


def age_on(born_on: date, on: date) -> int:
    """Age in whole years on a date (a birthday on 29 February counts from 1 March)."""
    had_birthday = (on.month, on.day) >= (born_on.month, born_on.day)
    return on.year - born_on.year - (0 if had_birthday else 1)


# Royal Mail format, spaces optional: outward code (area, district) then inward code.
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def postcode_key(text: str) -> str:
    """The postcode as searched and indexed: upper case, no spaces."""
    return re.sub(r"\s", "", text).upper()


def postcode_problem(text: str) -> str | None:
    if not _POSTCODE.match(postcode_key(text)):
        return f"{text.strip()} is not a UK postcode (for example SW1A 1AA)."
    return None


def format_postcode(text: str) -> str:
    """'sw1a1aa' -> 'SW1A 1AA' (the inward code is always the last three characters)."""
    key = postcode_key(text)
    return f"{key[:-3]} {key[-3:]}"
