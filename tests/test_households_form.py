"""A household registers together on the meeting's public form: the people coming with the
registrant by age band, grouped under one question, and childcare asked only where the
meeting offers it; wrong numbers are explained in the page's language beside their fields."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from forums.models import OutreachChannel, Registration
from forums.services import registration_confirm_address

from .forum_factories import register
from .forum_page_helpers import by_id, form_data, meeting_at, meeting_url
from .page_html import Element, definitions, find_all

pytestmark = pytest.mark.django_db

COMPANIONS = ["companion_adults", "companion_youth", "companion_children"]


def household_group(html: str) -> Element:
    group = by_id(html, "household-fields")
    assert group.tag == "fieldset"
    return group


def inputs_in(html: str, group: Element) -> list[str]:
    return [field.attrs["name"] for field in find_all(html, "input") if field.is_inside(group)]


def test_the_household_is_asked_in_one_group_with_small_number_fields(client):
    html = client.get(meeting_url(meeting_at(14))).content.decode()

    group = household_group(html)
    (legend,) = [legend for legend in find_all(html, "legend") if legend.is_inside(group)]
    assert legend.text == "Who is coming with you?"
    assert "takes a seat" in by_id(html, group.attrs["aria-describedby"]).text
    # No childcare at a meeting that offers none, nor a word of it in the facts.
    assert inputs_in(html, group) == COMPANIONS
    assert definitions(html, "Childcare") == []
    labels = {label.attrs["for"]: label.text for label in find_all(html, "label")}
    assert labels["id_companion_adults"] == "Other adults coming with you"
    assert labels["id_companion_youth"] == "Young people aged 15–17 coming with you"
    assert labels["id_companion_children"] == "Children under 15 taking part"
    for name in COMPANIONS:
        field = by_id(html, f"id_{name}")
        # A phone shows its number keypad; none is required, empty is nobody.
        assert field.attrs["type"] == "number"
        assert field.attrs["inputmode"] == "numeric"
        assert (field.attrs["min"], field.attrs["max"]) == ("0", "9")
        assert "required" not in field.attrs


def test_childcare_is_asked_where_the_meeting_offers_it_and_said_in_the_facts(client):
    html = client.get(meeting_url(meeting_at(14, childcare_places=6))).content.decode()

    group = household_group(html)
    assert inputs_in(html, group) == [*COMPANIONS, "childcare_children"]
    field = by_id(html, "id_childcare_children")
    (help_id,) = field.attrs["aria-describedby"].split()
    assert by_id(html, help_id).text == (
        "Childcare places are separate from the seats and have their own waiting list."
    )
    (said,) = definitions(html, "Childcare")
    assert said.text == "Offered during the meeting, places available"


def test_the_childcare_places_left_count_only_addresses_confirmed(client):
    meeting = meeting_at(14, childcare_places=6)
    held = register(meeting, "amina@example.org", childcare_children=6, confirm=False)

    def said() -> str:
        html = client.get(meeting_url(meeting)).content.decode()
        (childcare,) = definitions(html, "Childcare")
        return childcare.text

    # A place held for an address nobody confirmed shows nothing of it to others.
    assert said() == "Offered during the meeting, places available"
    registration_confirm_address(token=held.cancel_token)
    assert said() == (
        "Offered during the meeting, all places taken: you can join its own waiting list"
    )


def test_a_household_registers_through_the_form(client):
    meeting = meeting_at(14, childcare_places=6)
    data = form_data(
        meeting,
        companion_adults="1",
        companion_youth="",
        companion_children="2",
        childcare_children="1",
    )

    response = client.post(meeting_url(meeting, "fi"), data)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (
        registration.companion_adults,
        registration.companion_youth,
        registration.companion_children,
        registration.childcare_children,
    ) == (1, 0, 2, 1)
    assert registration.people == 4


def test_childcare_sent_to_a_meeting_without_it_is_not_read(client):
    meeting = meeting_at(14)

    response = client.post(
        meeting_url(meeting), form_data(meeting, companion_adults="1", childcare_children="3")
    )

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.companion_adults, registration.childcare_children) == (1, 0)


def test_a_channel_code_of_another_meeting_registers_without_a_channel(client):
    meeting = meeting_at(14)
    elsewhere = OutreachChannel.objects.create(meeting=meeting_at(20), name="Koulu")

    response = client.post(meeting_url(meeting), form_data(meeting, via=elsewhere.code))

    assert response.status_code == 302
    assert Registration.objects.get().channel is None


@pytest.mark.parametrize(
    ("language_code", "begins"), [("fi", "Kirjoita luku"), ("en", "Enter a number")]
)
def test_wrong_numbers_are_explained_beside_their_fields_in_the_pages_language(
    client, language_code, begins
):
    meeting = meeting_at(14, childcare_places=6)
    data = form_data(
        meeting,
        companion_adults="-1",
        companion_youth="12",
        companion_children="kaksi",
        childcare_children="1",
    )

    response = client.post(meeting_url(meeting, language_code), data)

    assert response.status_code == 400
    assert not Registration.objects.exists()
    html = response.content.decode()
    with translation.override(language_code):
        expected = {
            "companion_adults": gettext("Enter 0 or more."),
            "companion_youth": gettext(
                "Enter at most %(limit_value)s. For a larger group, contact the organiser."
            )
            % {"limit_value": 9},
            "companion_children": gettext("Enter a number, for example 0 or 2."),
        }
    summary = by_id(html, "error-summary")
    summarised = {
        link.attrs["href"]: link.text for link in find_all(html, "a") if link.is_inside(summary)
    }
    for name, message in expected.items():
        field = by_id(html, f"id_{name}")
        assert field.attrs["aria-invalid"] == "true"
        assert f"id_{name}_error" in field.attrs["aria-describedby"].split()
        assert by_id(html, f"id_{name}_error").text == message
        assert summarised[f"#id_{name}"] == message
    # What was right is kept.
    assert by_id(html, "id_childcare_children").attrs["value"] == "1"
    # In the page's language (the Finnish words come from the catalogue).
    assert expected["companion_children"].startswith(begins)
