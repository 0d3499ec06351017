"""Facts hoclient relies on that are not yet checked against statute or guidance.

Each is kept here, in one place, so the council's solicitor can check and correct it
(../shared/domain/README.md: "(unverified)"). Code imports the name, never the number.
"""

# Children under 16, or 16-18 in full-time education or training, are dependent (CoG ch.8).
DEPENDENT_CHILD_AGE_LIMIT_YEARS = 19
