"""Which permission a pushed change needs (DESIGN.md, Security: a role's limits hold at the
centre too, whatever a laptop's own copy of the code was made to do).

The laptop's services check the same table (hoclient.security.roles) before they write; here
the centre checks the row a change touches, by its table, against the pushing device's
officer's role. Tables not named are read off their kind: a case's or a person's rows are
casework; reference data keeps its own rule (hoclient.server.scope.Reach: administrators only).
"""

import sqlalchemy as sa

from hoclient.models.sync_codec import PUSH_ONLY_TABLES
from hoclient.security.roles import Permission, may
from hoclient.server.scope import kind_of
from hoclient.vocabulary import Role

# Rows that record an act needing more (or other) than the right to change casework. A case's
# assessment and plan rows (assessment, assessment_support_need, housing_plan_*) are casework,
# read off their case_id. Street count rows name no case: each table is named here, and
# hoclient.server.street_count_scope adds what depends on the volunteer (their own entries, on
# their own count).
TABLE_PERMISSIONS: dict[str, Permission] = {
    "duty_decision": Permission.DECIDE,
    "decision_authorisation": Permission.AUTHORISE,
    "issued_letter": Permission.DECIDE,  # issuing a letter is part of deciding (s184 notices)
    "street_count": Permission.COORDINATE_STREET_COUNT,
    "street_count_area": Permission.COORDINATE_STREET_COUNT,
    "street_count_team": Permission.COORDINATE_STREET_COUNT,
    "street_count_volunteer": Permission.COORDINATE_STREET_COUNT,
    "street_count_duplicate": Permission.COORDINATE_STREET_COUNT,  # settling a flag
    "street_count_entry": Permission.RECORD_STREET_COUNT,
    "street_count_referral": Permission.WRITE_CASEWORK,  # it opens a case
}


def permission_for(table: sa.Table) -> Permission | None:
    """The permission a change to `table` needs; None when no role check applies here (audit
    events, which every role writes, a volunteer's sign-in too; reference data)."""
    if table.name in PUSH_ONLY_TABLES:
        return None
    if (named := TABLE_PERMISSIONS.get(table.name)) is not None:
        return named
    if kind_of(table) in ("case", "person"):
        return Permission.WRITE_CASEWORK
    return None


def role_refusal(role: Role, table: sa.Table) -> str:
    """Why a device working for an officer of `role` may not push a change to `table`, or ""."""
    permission = permission_for(table)
    if permission is None or may(role, permission):
        return ""
    return (
        f"A device signed in as {role.value.lower()} may not {permission.value} "
        f"({table.name} rows)."
    )
