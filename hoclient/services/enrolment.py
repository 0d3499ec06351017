"""Enrolling this laptop with the central service: online, once, by an officer.

The centre checks the password and gives the laptop its device token (kept in the OS
keyring); the first sync brings the officer's own row and their team's cases; the laptop then
keeps the password's verifier, so later sign-ins need no signal. There is no officer signed
in yet, so no permission is checked: the centre's check of the password is the gate.
"""

from dataclasses import dataclass

import httpx

from hoclient.services.errors import ServiceError
from hoclient.services.officers import set_current_officer
from hoclient.services.sign_in import remember_for_offline_sign_in
from hoclient.services.sync_followups import refresh_derived_rows
from hoclient.store.handle import Store
from hoclient.sync.credentials import NoDeviceToken
from hoclient.sync.engine import SyncFailed, enrol, synchronise


class EnrolmentFailed(ServiceError):
    """The centre refused, or could not be reached; the message says which."""


@dataclass(frozen=True)
class Enrolled:
    officer_name: str
    sync_summary: str


def enrol_this_laptop(
    store: Store, client: httpx.Client, *, username: str, password: str
) -> Enrolled:
    username = username.strip()
    try:
        enrolment = enrol(store.engine, client, username=username, password=password)
        # The officer's own row and the team's cases arrive before the laptop works as them.
        report = synchronise(
            store.engine, client, enrolment.token, after_apply=refresh_derived_rows
        )
    except (SyncFailed, NoDeviceToken) as error:
        raise EnrolmentFailed(str(error)) from error
    except httpx.HTTPError as error:
        raise EnrolmentFailed(f"Cannot reach the sync service: {error}") from error
    with store.begin() as session:
        set_current_officer(session, enrolment.officer_id)
    # The centre has just accepted this password: keep its verifier, never the password.
    remember_for_offline_sign_in(store, enrolment.officer_id, username, password)
    return Enrolled(enrolment.officer_name, report.summary())
