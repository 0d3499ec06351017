"""Case references made on the laptop, offline, without asking the centre for a number."""

import re
import secrets
from datetime import date

# Crockford's base 32: no I, L, O or U, so a reference read over the phone is not misheard.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "HO"
# 8 random characters are 40 bits: across a million references the chance of any two
# laptops making the same one is below 1 in 2,000 (the unique index catches it locally).
_RANDOM_CHARS = 8


def new_case_reference(approached_on: date) -> str:
    """'HO26-7K3M-9QXA': service, year of approach, then random characters in two groups."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(_RANDOM_CHARS))
    return f"{PREFIX}{approached_on.year % 100:02d}-{chars[:4]}-{chars[4:]}"


REFERENCE_START = re.compile(rf"^{PREFIX}[0-9]{{2}}")


def reference_prefix(text: str) -> str:
    """Typed text as the start of a stored reference: 'ho267k3m' -> 'HO26-7K3M'."""
    plain = re.sub(r"[^0-9A-Za-z]", "", text).upper()
    groups = [plain[:4], plain[4:8], plain[8:]]
    prefix = "-".join(group for group in groups if group)
    # A typed dash after a complete group is kept, so 'HO26-' matches 'HO26-...'.
    if len(plain) in (4, 8) and text.rstrip().endswith("-"):
        prefix += "-"
    return prefix
