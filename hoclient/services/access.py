"""The role check every service makes before it reads or changes anything."""

from hoclient.security.roles import Permission, may
from hoclient.services.errors import NotAllowed
from hoclient.services.views import OfficerView


def require(officer: OfficerView, permission: Permission) -> None:
    """Refuse, in words the officer can act on, unless the officer's role allows this."""
    if not may(officer.role, permission):
        raise NotAllowed(
            f"{officer.display_name} is signed in as {officer.role.value.lower()}, "
            f"who may not {permission.value}."
        )
