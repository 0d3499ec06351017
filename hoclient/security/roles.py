"""What each role may do (DESIGN.md, Security; issue 7).

The one table of permissions. Services check it at their entry (hoclient/services/access.py)
and the central service checks it for synced changes, so a role's limits hold even when a
button is not hidden.
"""

import enum

from hoclient.vocabulary import Role


class Permission(enum.Enum):
    READ_CASEWORK = "read casework"  # open cases, persons, notes, letters, search
    WRITE_CASEWORK = "change casework"  # approaches, households, notes, assessments, PHPs
    DECIDE = "record decisions"  # s184 and duty decisions, issue letters
    AUTHORISE = "authorise as a second officer"  # decisions needing a senior, payments
    REVIEW = "carry out s202 reviews"
    READ_AUDIT = "read the audit trail"
    MANAGE_USERS = "manage users"
    MANAGE_SETTINGS = "change settings"
    RECORD_STREET_COUNT = "record street count entries"
    COORDINATE_STREET_COUNT = "set up and coordinate street counts"
    SYNC = "sync with the central service"


_VOLUNTEER = frozenset({Permission.RECORD_STREET_COUNT, Permission.SYNC})
_OFFICER = frozenset(
    {
        Permission.READ_CASEWORK,
        Permission.WRITE_CASEWORK,
        Permission.DECIDE,
        Permission.RECORD_STREET_COUNT,
        Permission.SYNC,
    }
)
_SENIOR = _OFFICER | {
    Permission.AUTHORISE,
    Permission.REVIEW,
    Permission.READ_AUDIT,
    Permission.COORDINATE_STREET_COUNT,
}
# An administrator runs the system; casework is not theirs unless they also hold a
# caseworking account.
_ADMIN = frozenset(
    {
        Permission.MANAGE_USERS,
        Permission.MANAGE_SETTINGS,
        Permission.READ_AUDIT,
        Permission.SYNC,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VOLUNTEER: _VOLUNTEER,
    Role.OFFICER: _OFFICER,
    Role.SENIOR: frozenset(_SENIOR),
    Role.ADMIN: _ADMIN,
}


def may(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]
