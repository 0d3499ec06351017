"""The laptop works as one officer; a new store makes its first one."""

from hoclient.services.officers import current_officer
from hoclient.store.handle import Store
from hoclient.vocabulary import Role


def test_a_new_store_makes_a_first_officer_in_a_team(store: Store) -> None:
    officer = current_officer(store)
    assert officer.display_name
    assert officer.role is Role.OFFICER
    assert officer.team_name == "Housing Options"


def test_the_same_officer_is_found_on_every_start(store: Store) -> None:
    assert current_officer(store) == current_officer(store)


def test_every_officer_on_the_laptop_is_listed_by_name(store: Store) -> None:
    from hoclient.models import Officer
    from hoclient.services.officers import officers_on_this_laptop

    first = current_officer(store)
    with store.begin() as session:
        session.add(Officer(display_name="Abel Adams", role=Role.SENIOR, team_id=first.team_id))
    names = [officer.display_name for officer in officers_on_this_laptop(store)]
    assert names == sorted([first.display_name, "Abel Adams"])
