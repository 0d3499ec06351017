"""The assessment and the Personalised Housing Plan of a case, as the letters write them.

A placeholder: the assessment and PHP models are built in parallel (issue 5, parts 1-2), and
their branch replaces this module with one that reads them from the store, keeping these two
signatures. Until then no case has an assessment or a plan, and the assessment notice and
the PHP letter are refused ("record the assessment first", "agree a plan first").
"""

import uuid

from sqlalchemy.orm import Session

from hoclient.letters.context import AssessmentText, Plan


def assessment_text_for(session: Session, case_id: uuid.UUID) -> AssessmentText | None:
    """The case's latest s189A(2) assessment in the words the officer wrote; None if none."""
    return None


def plan_for(session: Session, case_id: uuid.UUID) -> Plan | None:
    """The case's latest Personalised Housing Plan (s189A(4)-(6)); None if none is agreed."""
    return None
