"""The registration form asks only what applies to the person and the meeting: the guardian's
fields once "under 15" is chosen (the server shows them when the form comes back, a script at
once), an interpreter only where one is offered, needs worded for the meeting's kind. The
meeting page first says what the meeting is about and names each group's seats in the group
field; the page after registering repeats the address given, to that browser only."""

import pytest
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext

from forums.models import AgeGroup, Registration
from forums.views import SENT_TO_COOKIE

from .forum_factories import (
    ForumFactory,
    GroupQuotaFactory,
    StakeholderGroupFactory,
    language,
    register,
)
from .forum_page_helpers import by_id, form_data, meeting_at, meeting_url, url
from .page_html import Element, elements, find_all

pytestmark = pytest.mark.django_db

GUARDIAN_CONTROLS = ["id_guardian_email", "id_guardian_language"]


def guardian_group(html: str) -> Element:
    group = by_id(html, "guardian-fields")
    assert group.tag == "fieldset"
    return group


def options(html: str, name: str) -> list[str]:
    (select,) = find_all(html, "select", name=name)
    return [option.text for option in find_all(html, "option") if option.is_inside(select)]


# --- The guardian's fields.


def test_the_guardians_fields_are_hidden_and_not_sent_until_under_15_is_chosen(client):
    meeting = meeting_at(14)
    html = client.get(meeting_url(meeting)).content.decode()

    group = guardian_group(html)
    assert "hidden" in group.attrs
    (legend,) = [legend for legend in find_all(html, "legend") if legend.is_inside(group)]
    assert legend.text == "Your parent or guardian"
    for control_id in GUARDIAN_CONTROLS:
        control = by_id(html, control_id)
        assert control.is_inside(group)
        assert "disabled" in control.attrs  # a browser sends nothing from it
    # The choice names what it shows, and says so before anyone chooses.
    age = by_id(html, "id_age_group")
    assert age.attrs["aria-controls"] == "guardian-fields"
    (help_id,) = age.attrs["aria-describedby"].split()
    assert "parent's or guardian's e-mail" in by_id(html, help_id).text
    # A plain script file shows them at once; the page itself carries no code.
    scripts = find_all(html, "script")
    assert static("portal/registration.js") in [script.attrs.get("src") for script in scripts]
    assert all(script.attrs.get("src") or script.attrs.get("type") for script in scripts)


def test_under_15_without_a_guardian_comes_back_with_their_fields_and_what_is_needed(client):
    meeting = meeting_at(14)
    data = form_data(meeting, age_group=AgeGroup.UNDER_15)

    response = client.post(meeting_url(meeting, "fi"), data)

    assert response.status_code == 400
    assert not Registration.objects.exists()
    html = response.content.decode()
    group = guardian_group(html)
    assert "hidden" not in group.attrs
    for control_id in GUARDIAN_CONTROLS:
        assert "disabled" not in by_id(html, control_id).attrs
    # Said in the person's language, beside the field and in the summary.
    with translation.override("fi"):
        needed = gettext("You are under 15: enter the e-mail address of your parent or guardian.")
    assert needed.startswith("Olet alle 15")
    assert by_id(html, "id_guardian_email_error").text == needed
    assert by_id(html, "id_guardian_email").attrs["aria-invalid"] == "true"
    summary = by_id(html, "error-summary")
    links = [link for link in find_all(html, "a") if link.is_inside(summary)]
    assert [(link.attrs["href"], link.text) for link in links] == [("#id_guardian_email", needed)]
    # Nothing typed is lost.
    for name in ("name", "email", "phone", "organisation"):
        assert by_id(html, f"id_{name}").attrs["value"] == data[name]
    assert by_id(html, "id_needs").text == data["needs"]
    for name in ("group", "age_group", "language", "interpreter_language"):
        (chosen,) = find_all(html, "option", value=data[name], selected="")
        assert chosen.is_inside(by_id(html, f"id_{name}"))


def test_under_15_with_a_guardian_registers_and_keeps_the_guardian(client):
    meeting = meeting_at(14)
    data = form_data(
        meeting,
        age_group=AgeGroup.UNDER_15,
        guardian_email="huoltaja@example.org",
        guardian_language="so",
    )

    response = client.post(meeting_url(meeting), data)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.guardian_email == "huoltaja@example.org"
    assert registration.guardian_language == language("so")


def test_what_is_posted_in_the_guardians_fields_for_an_older_age_group_is_not_read(client):
    meeting = meeting_at(14)
    data = form_data(
        meeting,
        age_group=AgeGroup.FROM_15_TO_17,
        guardian_email="not an address",
        guardian_language="zz",
    )

    response = client.post(meeting_url(meeting), data)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.guardian_email, registration.guardian_language) == ("", None)


# --- The interpreter, by what the meeting offers.


def test_no_interpreter_is_asked_or_read_where_none_is_offered(client):
    meeting = meeting_at(14, interpretation_on_request=False)

    html = client.get(meeting_url(meeting)).content.decode()
    assert not find_all(html, "select", name="interpreter_language")
    response = client.post(meeting_url(meeting), form_data(meeting, interpreter_language="so"))

    assert response.status_code == 302
    assert Registration.objects.get().interpreter_language is None


def test_only_the_meetings_own_interpretation_languages_are_offered_and_accepted(client):
    meeting = meeting_at(14, interpretation_on_request=False)
    meeting.interpretation_languages.set([language("ar"), language("ru")])

    html = client.get(meeting_url(meeting)).content.decode()
    assert options(html, "interpreter_language") == [
        "No interpreter needed",
        "Arabic (العربية)",
        "Russian (русский)",
    ]
    refused = client.post(meeting_url(meeting), form_data(meeting, interpreter_language="so"))
    assert refused.status_code == 400
    assert not Registration.objects.exists()
    assert by_id(refused.content.decode(), "id_interpreter_language_error").text == (
        "Choose one of the languages interpreted at this meeting."
    )
    accepted = client.post(meeting_url(meeting), form_data(meeting, interpreter_language="ar"))
    assert accepted.status_code == 302
    assert Registration.objects.get().interpreter_language == language("ar")


def test_interpretation_on_request_offers_every_language(client):
    meeting = meeting_at(14, interpretation_on_request=True)
    meeting.interpretation_languages.set([language("ar")])
    html = client.get(meeting_url(meeting)).content.decode()
    assert "Somali (Soomaali)" in options(html, "interpreter_language")


# --- Needs, by the meeting's kind.


def test_needs_are_asked_about_the_place_only_where_there_is_one(client):
    in_person = meeting_at(14, online_url="")
    hybrid = meeting_at(15, online_url="https://meet.example.org/hybrid")
    online = meeting_at(
        16, venue="", address="", municipality="", online_url="https://meet.example.org/x"
    )

    def needs_help(meeting) -> str:
        html = client.get(meeting_url(meeting)).content.decode()
        return by_id(html, "id_needs_helptext").text

    assert "wheelchair" in needs_help(in_person)
    assert "wheelchair" in needs_help(hybrid)
    online_help = needs_help(online)
    assert "captions" in online_help
    assert not {"wheelchair", "hearing loop", "diet", "childcare"} & set(
        online_help.replace(",", "").split(" ")
    )


# --- What the meeting is about, first.


def first_after_header(html: str) -> Element:
    (header,) = find_all(html, "header", **{"class": "page-header"})
    page = elements(html)
    start = page.index(header) + 1
    return next(element for element in page[start:] if not element.is_inside(header))


def test_the_meeting_page_starts_with_the_meetings_own_description(client):
    meeting = meeting_at(14, description_en="We talk about choosing a school after year nine.")
    html = client.get(meeting_url(meeting)).content.decode()
    about = first_after_header(html)
    assert about.text == "We talk about choosing a school after year nine."
    assert "Parents and study counsellors talk as equals." not in html
    (facts,) = find_all(html, "dl")
    assert elements(html).index(about) < elements(html).index(facts)


def test_without_a_description_the_meeting_page_starts_with_the_forums_purpose(client):
    forum = ForumFactory(purpose_en="", purpose_fi="Vanhemmat ja ohjaajat tasavertaisina.")
    meeting = meeting_at(14, forum=forum)
    html = client.get(meeting_url(meeting)).content.decode()
    about = first_after_header(html)
    assert about.text == "Vanhemmat ja ohjaajat tasavertaisina."
    assert about.attrs["lang"] == "fi"  # in Finnish on the English page, and said so


# --- Each group's seats, in the group field.


@pytest.fixture
def groups():
    parents = StakeholderGroupFactory(slug="parents", name_en="Parents")
    counsellors = StakeholderGroupFactory(slug="counsellors", name_en="Counsellors")
    youth = StakeholderGroupFactory(slug="youth", name_en="Young people")
    return parents, counsellors, youth


def group_options(client, meeting) -> list[str]:
    return options(client.get(meeting_url(meeting)).content.decode(), "group")[1:]


def test_each_groups_seats_are_named_beside_it(client, groups):
    parents, counsellors, _youth = groups
    meeting = meeting_at(14, capacity=20, forum=ForumFactory(groups=groups))
    GroupQuotaFactory(meeting=meeting, group=parents, seats=2)
    GroupQuotaFactory(meeting=meeting, group=counsellors, seats=8)
    register(meeting, "p1@example.org", group=parents)
    register(meeting, "p2@example.org", group=parents)
    for number in range(6):
        register(meeting, f"c{number}@example.org", group=counsellors)

    assert group_options(client, meeting) == [
        "Counsellors – only a few seats left",  # 2 of its 8
        "Parents – waiting list",  # its 2 are taken, though the meeting has 12 free
        "Young people – seats available",  # no seats of its own: the meeting's 12
    ]


def test_a_nearly_full_or_full_meeting_limits_every_group(client, groups):
    parents, _counsellors, youth = groups
    meeting = meeting_at(14, capacity=10, forum=ForumFactory(groups=groups))
    GroupQuotaFactory(meeting=meeting, group=parents, seats=10)
    for number in range(8):
        register(meeting, f"y{number}@example.org", group=youth)

    assert group_options(client, meeting) == [
        "Counsellors – only a few seats left",
        "Parents – only a few seats left",  # its own 10 are free, the meeting's are not
        "Young people – only a few seats left",
    ]
    register(meeting, "y8@example.org", group=youth)
    register(meeting, "y9@example.org", group=youth)
    assert group_options(client, meeting) == [
        "Counsellors – waiting list",
        "Parents – waiting list",
        "Young people – waiting list",
    ]


def test_a_registration_nobody_confirmed_changes_no_groups_seats(client, groups):
    """Anyone can type any address: were a held seat counted, a stranger could tell from the
    page whether someone's address was already registered."""
    parents, _counsellors, youth = groups
    meeting = meeting_at(14, capacity=10, forum=ForumFactory(groups=groups))
    # Counted, the hold would leave the parents 2 of 3 seats (a few) and the meeting 1.
    GroupQuotaFactory(meeting=meeting, group=parents, seats=3)
    register(meeting, "held@example.org", group=parents, confirm=False)
    for number in range(8):
        register(meeting, f"held{number}@example.org", group=youth, confirm=False)

    assert set(group_options(client, meeting)) == {
        "Counsellors – seats available",
        "Parents – seats available",
        "Young people – seats available",
    }


@pytest.mark.parametrize("size", [3, 30])
def test_the_groups_seats_take_no_query_per_group_or_registration(
    client, django_assert_num_queries, groups, size
):
    parents = groups[0]
    meeting = meeting_at(14, capacity=100, forum=ForumFactory(groups=groups))
    GroupQuotaFactory(meeting=meeting, group=parents, seats=40)
    for index in range(size):
        register(meeting, f"person{index}@example.org", group=groups[index % 3])
    # 1 the meeting with forum, project, region and seat counts, 2 its languages spoken, 3 its
    # interpretation languages, 4 the forum's groups, 5 the group quotas with seats taken;
    # the form: 6 the groups with their seats, 7-9 the languages of the three language
    # fields, 10 the first language again for the select with no empty choice.
    with django_assert_num_queries(10):
        response = client.get(meeting_url(meeting))
    assert len(response.context["form"].fields["group"].choices) == 4


# --- The page after registering.


def test_the_page_after_registering_repeats_the_address_given_once(client):
    meeting = meeting_at(14)
    data = form_data(meeting, email="Amina.Hassan@example.org")

    response = client.post(meeting_url(meeting), data)

    sent_page = url("forums:registration_sent", pk=meeting.pk)
    assert response["Location"] == sent_page  # the address is not in the page's address
    # In a cookie of this browser, for that page alone and for a short while.
    cookie = response.cookies[SENT_TO_COOKIE]
    assert (cookie["path"], cookie["httponly"], cookie["samesite"]) == (sent_page, True, "Lax")
    assert cookie["max-age"] == 15 * 60
    first = client.get(sent_page)
    (lead,) = find_all(first.content.decode(), "p", **{"class": "lead"})
    assert "Amina.Hassan@example.org" in lead.text
    assert "no-store" in first["Cache-Control"]
    # Once shown it is gone: someone else at the same computer does not see it.
    again = client.get(sent_page).content.decode()
    assert "Amina.Hassan@example.org" not in again
    assert "to the e-mail address you gave" in again


def test_an_address_in_another_script_is_repeated_too(client):
    meeting = meeting_at(14)
    response = client.post(meeting_url(meeting), form_data(meeting, email="amina@例子.fi"))
    html = client.get(response["Location"]).content.decode()
    assert "amina@例子.fi" in find_all(html, "p", **{"class": "lead"})[0].text


def test_another_browser_or_a_made_up_cookie_shows_no_address(client):
    meeting = meeting_at(14)
    client.post(meeting_url(meeting), form_data(meeting))
    sent_page = url("forums:registration_sent", pk=meeting.pk)

    client.cookies.pop(SENT_TO_COOKIE)
    assert "amina.hassan" not in client.get(sent_page).content.decode()
    # Only what the portal signed is repeated.
    client.cookies[SENT_TO_COOKIE] = "someone.else@example.org"
    html = client.get(sent_page).content.decode()
    assert "someone.else" not in html
    assert "to the e-mail address you gave" in html


def test_a_form_filled_in_by_a_program_gets_the_same_page(client):
    meeting = meeting_at(14)
    response = client.post(meeting_url(meeting), form_data(meeting, website="https://spam.example"))
    assert not Registration.objects.exists()
    html = client.get(response["Location"]).content.decode()
    assert "amina.hassan@example.org" in find_all(html, "p", **{"class": "lead"})[0].text
