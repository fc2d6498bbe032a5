"""Finding and creating people; NHS numbers; duplicates."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from whatmatters.casework.audit import wording
from whatmatters.casework.audit.models import AuditEntry
from whatmatters.casework.people import nhs_number, search
from whatmatters.casework.people.models import Person
from whatmatters.casework.people.services import create_person


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("9434765919", True),
        ("943 476 5919", True),
        ("943-476-5919", True),
        ("9434765918", False),  # wrong check digit
        ("943476591", False),  # nine digits
        ("abcdefghij", False),
        ("", False),
    ],
)
def test_nhs_number_checksum(value, valid):
    assert nhs_number.is_valid(value) is valid


def test_nhs_number_with_remainder_ten_is_never_valid():
    # 1000000010: weights give a check digit of 10, which no NHS number has.
    assert nhs_number.check_digit("100000001") is None
    assert not any(nhs_number.is_valid(f"100000001{d}") for d in range(10))


def test_search_query_understands_each_identifier():
    query = search.parse("Jones 3/4/1941 943 476 5919 P0000012")
    assert query.names == ["jones"]
    assert query.date_of_birth == datetime.date(1941, 4, 3)
    assert query.nhs_number == "9434765919"
    assert query.council_id == "P0000012"


def test_find_by_part_of_a_name_in_my_team(as_user, alice, mary):
    page = as_user(alice).get(reverse("people:find"), {"q": "jon"})
    assert page.status_code == 200
    assert "Mary Jones" in page.text


def test_find_by_nhs_number_and_council_id(as_user, alice, mary):
    client = as_user(alice)
    assert "Mary Jones" in client.get(reverse("people:find"), {"q": "943 476 5919"}).text
    assert "Mary Jones" in client.get(reverse("people:find"), {"q": mary.council_id}).text


def test_someone_elsewhere_is_found_only_by_an_exact_identifier(as_user, bob, mary):
    client = as_user(bob)
    browse = client.get(reverse("people:find"), {"q": "jon"})
    assert "Mary Jones" not in browse.text
    exact = client.get(reverse("people:find"), {"q": "Mary Jones 3/4/1941"})
    assert "Mary Jones" in exact.text
    assert reverse("person:break_glass", args=[mary.council_id]) in exact.text
    assert f'href="{reverse("person:overview", args=[mary.council_id])}"' not in exact.text


def test_create_a_person_allocates_them_to_my_team(as_user, alice, north):
    response = as_user(alice).post(
        reverse("people:create"),
        {
            "first_name": "Tom",
            "last_name": "Price",
            "date_of_birth_0": "1",
            "date_of_birth_1": "2",
            "date_of_birth_2": "1950",
            "nhs_number": "",
            "postcode": "cf10 1aa",
        },
    )
    person = Person.objects.get(first_name="Tom")
    assert response.status_code == 302
    assert response.url == reverse("person:overview", args=[person.council_id])
    assert person.team == north and person.worker == alice
    assert person.postcode == "CF10 1AA"


def test_likely_duplicates_are_shown_before_creating(as_user, alice, mary):
    client = as_user(alice)
    data = {
        "first_name": "Mary",
        "last_name": "Jones",
        "date_of_birth_0": "3",
        "date_of_birth_1": "4",
        "date_of_birth_2": "1941",
    }
    first = client.post(reverse("people:create"), data)
    assert first.status_code == 200
    assert "may already have a record" in first.text
    assert Person.objects.count() == 1
    second = client.post(reverse("people:create"), {**data, "not_a_duplicate": "on"})
    assert second.status_code == 302
    assert Person.objects.count() == 2


def _add_mary_jones(client, born: str):
    day, month, year = born.split("/")
    data = {"first_name": "Mary", "last_name": "Jones"}
    data |= {"date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": year}
    return client.post(reverse("people:create"), data)


def test_adding_a_person_shows_no_other_teams_people_by_name_alone(as_user, bob, mary):
    # Mary Jones (born 3/4/1941) is North's; Bob is in South.
    page = _add_mary_jones(as_user(bob), "5/6/1950")
    assert page.status_code == 302  # no likely duplicate he may see: the person is added
    assert not AuditEntry.objects.filter(what=wording.LIKELY_DUPLICATE).exists()


def test_an_exact_match_in_another_team_is_shown_and_audited(as_user, bob, mary):
    page = _add_mary_jones(as_user(bob), "3/4/1941")
    assert page.status_code == 200 and "may already have a record" in page.text
    assert mary.council_id in page.text
    shown = AuditEntry.objects.get(what=wording.LIKELY_DUPLICATE)
    assert (shown.person, shown.user, shown.action) == (mary, bob, "view")


def test_my_own_teams_namesakes_are_shown_whatever_their_birth_date(as_user, alice, mary):
    page = _add_mary_jones(as_user(alice), "5/6/1950")
    assert page.status_code == 200 and mary.council_id in page.text


def test_a_search_finding_someone_elsewhere_is_audited(as_user, bob, mary):
    as_user(bob).get(reverse("people:find"), {"q": "Mary Jones 3/4/1941"})
    assert AuditEntry.objects.filter(
        what=wording.FOUND_BY_IDENTIFIER, person=mary, user=bob
    ).exists()


def test_a_known_nhs_number_cannot_make_a_second_record(as_user, alice, mary):
    response = as_user(alice).post(
        reverse("people:create"),
        {
            "first_name": "M",
            "last_name": "J",
            "nhs_number": "943 476 5919",
            "not_a_duplicate": "on",
        },
    )
    assert response.status_code == 200
    assert "already has a record" in response.text
    assert Person.objects.count() == 1


def test_invalid_nhs_number_is_named_in_the_error_summary(as_user, alice):
    response = as_user(alice).post(
        reverse("people:create"), {"first_name": "A", "last_name": "B", "nhs_number": "9434765918"}
    )
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in response.text
    assert 'href="#id_nhs_number"' in response.text
    assert "not a valid NHS number" in response.text


def test_impossible_date_of_birth_is_refused(as_user, alice):
    response = as_user(alice).post(
        reverse("people:create"),
        {
            "first_name": "A",
            "last_name": "B",
            "date_of_birth_0": "31",
            "date_of_birth_1": "2",
            "date_of_birth_2": "1950",
        },
    )
    assert response.status_code == 200
    assert 'href="#id_date_of_birth_0"' in response.text
    assert "Enter a real date" in response.text


def test_council_ids_are_unique_and_readable(alice):
    a = create_person(alice, {"first_name": "A", "last_name": "One"})
    b = create_person(alice, {"first_name": "B", "last_name": "Two"})
    assert a.council_id != b.council_id
    assert a.council_id.startswith("P") and len(a.council_id) == 8


def test_correcting_details_to_another_records_nhs_number_is_refused(as_user, alice, mary):
    other = create_person(alice, {"first_name": "Tom", "last_name": "Price"})
    details = {"first_name": "Tom", "last_name": "Price", "version": str(other.version)}
    page = as_user(alice).post(
        reverse("person:details", args=[other.council_id]),
        {**details, "nhs_number": mary.nhs_number},
    )
    assert page.status_code == 200  # the form again, not a server error
    assert "A person with this NHS number already has a record" in page.text
    other.refresh_from_db()
    assert other.nhs_number in ("", None)


def test_a_date_no_calendar_has_is_named_not_silently_dropped(as_user, alice, mary):
    page = as_user(alice).get(reverse("people:find"), {"q": "Jones 31/02/1941"}).text
    assert "31/02/1941 is not a real date, so the search left it out." in page
    assert "Mary Jones" in page


def test_the_none_of_these_box_shows_only_when_people_are_listed(as_user, alice, mary):
    client = as_user(alice)
    blank = client.get(reverse("people:create")).text
    assert "None of the people listed" not in blank
    listed = _add_mary_jones(client, "3/4/1941").text
    assert "None of the people listed" in listed
