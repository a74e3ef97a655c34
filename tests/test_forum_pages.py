"""The public forum pages: listing, filters, the meeting page with its registration form, and
the registration status and cancel pages.

Finnish and Swedish wording of the forum pages is still being translated, so those pages are
checked for their structure and language; the wording is checked on the English pages."""

import datetime
import re
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from forums.models import EmailKind, Meeting, OutboundEmail, Registration, RegistrationStatus
from forums.selectors import MEETINGS_PER_PAGE
from forums.services import meeting_cancel
from forums.tokens import registration_token

from .factories import ProjectFactory, region
from .forum_factories import (
    ForumFactory,
    GroupQuotaFactory,
    MeetingFactory,
    StakeholderGroupFactory,
    language,
    register,
    send_queued,
)
from .page_html import Element, elements, find_all

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "sv", "en"]


def url(name: str, language_code: str = "en", **kwargs: Any) -> str:
    with translation.override(language_code):
        return reverse(name, kwargs=kwargs or None)


def meeting_url(meeting: Meeting, language_code: str = "en") -> str:
    return url("forums:meeting", language_code, pk=meeting.pk)


def meeting_at(days: float, **kwargs: Any) -> Meeting:
    starts_at = timezone.now() + datetime.timedelta(days=days)
    return MeetingFactory.create(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2), **kwargs
    )


def listed(html: str, language_code: str = "en") -> set[int]:
    """The meetings a page links to."""
    return {int(pk) for pk in re.findall(rf'href="/{language_code}/meetings/(\d+)/"', html)}


# --- A small HTML reader, so tests look at elements and attributes rather than at spacing.


def by_id(html: str, element_id: str) -> Element:
    (found,) = [element for element in elements(html) if element.attrs.get("id") == element_id]
    return found


def error_summary_links(html: str) -> list[Element]:
    summary = by_id(html, "error-summary")
    assert summary.attrs["role"] == "alert"
    return [link for link in find_all(html, "a") if link.is_inside(summary)]


# --- Every page, in every language.


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_every_forum_page_renders_in_its_language(client, language_code):
    meeting = meeting_at(14)
    meeting_at(-30, forum=meeting.forum)
    registration = register(meeting, "aino.virtanen@example.org")
    pages = [
        url("forums:list", language_code),
        url("forums:archive", language_code),
        url("forums:forum", language_code, slug=meeting.forum.slug),
        meeting_url(meeting, language_code),
        url("forums:registration", language_code, token=registration_token(registration)),
        url("forums:registration_cancel", language_code, token=registration_token(registration)),
    ]
    for page in pages:
        assert page.startswith(f"/{language_code}/")
        response = client.get(page)
        assert response.status_code == 200, page
        assert f'<html lang="{language_code}">' in response.content.decode(), page


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_home_lists_the_next_meeting(client, language_code):
    meeting = meeting_at(7, title_fi="Yhteishaku tutuksi", title_en="The joint application")
    cancelled = meeting_at(3)
    meeting_cancel(meeting_id=cancelled.pk)
    hidden = meeting_at(2, forum=ForumFactory(project=ProjectFactory(is_published=False)))
    meeting_at(-2)  # past

    response = client.get(url("home", language_code))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language_code}">' in html
    assert listed(html, language_code) == {meeting.pk}
    assert hidden.pk not in listed(html, language_code)
    if language_code == "en":
        assert "The joint application" in html


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_project_page_links_to_its_forum(client, language_code):
    forum = ForumFactory(name_fi="OmaPolku-yhteistyöfoorumit", name_en="OmaPolku forums")
    with translation.override(language_code):
        page = forum.project.get_absolute_url()
    html = client.get(page).content.decode()
    links = find_all(html, "a", href=url("forums:forum", language_code, slug=forum.slug))
    assert len(links) == 1
    if language_code == "en":
        assert links[0].text == "OmaPolku forums"


def test_forum_page_lists_its_upcoming_meetings_and_links_its_project(client):
    meeting = meeting_at(14)
    later = meeting_at(40, forum=meeting.forum)
    meeting_at(-14, forum=meeting.forum)
    other = meeting_at(10)
    html = client.get(url("forums:forum", slug=meeting.forum.slug)).content.decode()
    assert listed(html) == {meeting.pk, later.pk}
    assert other.pk not in listed(html)
    assert f'href="{url("projects:detail", slug=meeting.forum.project.slug)}"' in html
    assert f'href="{url("forums:forum_feed", slug=meeting.forum.slug)}"' in html


# --- The list, its filters and the archive.


def test_list_filters_by_forum(client):
    first = meeting_at(10)
    same_forum = meeting_at(20, forum=first.forum)
    other = meeting_at(15)
    html = client.get(url("forums:list"), {"forum": first.forum.slug}).content.decode()
    assert listed(html) == {first.pk, same_forum.pk}
    assert other.pk not in listed(html)


def test_list_filters_by_region(client):
    in_uusimaa = meeting_at(10, region=region("uusimaa"))
    in_pirkanmaa = meeting_at(12, region=region("pirkanmaa"))
    meeting_at(14, region=None)
    assert listed(client.get(url("forums:list"), {"region": "uusimaa"}).content.decode()) == {
        in_uusimaa.pk
    }
    assert listed(client.get(url("forums:list"), {"region": "pirkanmaa"}).content.decode()) == {
        in_pirkanmaa.pk
    }


def test_list_filters_by_language_spoken(client):
    swedish = meeting_at(10)
    swedish.languages.set([language("sv"), language("fi")])
    finnish = meeting_at(12)
    finnish.languages.set([language("fi")])
    # Interpretation into Swedish is not the same as a meeting held in Swedish.
    interpreted = meeting_at(14)
    interpreted.interpretation_languages.set([language("sv")])

    html = client.get(url("forums:list"), {"language": "sv"}).content.decode()
    assert listed(html) == {swedish.pk}
    html = client.get(url("forums:list"), {"language": "fi"}).content.decode()
    # A meeting held in two languages is listed once.
    assert listed(html) == {swedish.pk, finnish.pk}
    assert len(find_all(html, "a", href=meeting_url(swedish))) == 1


def test_list_filters_combine(client):
    wanted = meeting_at(10, region=region("uusimaa"))
    wanted.languages.set([language("sv")])
    elsewhere = meeting_at(11, forum=wanted.forum, region=region("pirkanmaa"))
    elsewhere.languages.set([language("sv")])
    html = client.get(
        url("forums:list"), {"forum": wanted.forum.slug, "region": "uusimaa", "language": "sv"}
    ).content.decode()
    assert listed(html) == {wanted.pk}


@pytest.mark.parametrize("query", ["?forum=%00", "?language=zz", "?region=nowhere&forum="])
def test_list_ignores_filters_it_cannot_read(client, query):
    meetings = {meeting_at(10).pk, meeting_at(20).pk}
    response = client.get(url("forums:list") + query)
    assert response.status_code == 200
    assert listed(response.content.decode()) == meetings


def test_past_meetings_are_only_in_the_archive(client):
    past = meeting_at(-3)
    under_way = meeting_at(-1 / 24)  # started an hour ago, ends in an hour
    upcoming = meeting_at(3)
    listing = client.get(url("forums:list")).content.decode()
    archive = client.get(url("forums:archive")).content.decode()
    assert listed(listing) == {under_way.pk, upcoming.pk}
    assert listed(archive) == {past.pk}


def test_meetings_of_unpublished_projects_are_hidden(client):
    forum = ForumFactory(project=ProjectFactory(is_published=False))
    upcoming = meeting_at(5, forum=forum)
    past = meeting_at(-5, forum=forum)
    shown = meeting_at(6)
    assert listed(client.get(url("forums:list")).content.decode()) == {shown.pk}
    assert listed(client.get(url("forums:archive")).content.decode()) == set()
    assert client.get(meeting_url(upcoming)).status_code == 404
    assert client.get(meeting_url(past)).status_code == 404
    assert client.get(url("forums:forum", slug=forum.slug)).status_code == 404
    # An unpublished forum is not a valid choice: the filter is dropped, its meetings stay hidden.
    filtered = client.get(url("forums:list"), {"forum": forum.slug})
    assert filtered.status_code == 200
    assert listed(filtered.content.decode()) == {shown.pk}


def test_forum_filter_offers_only_forums_of_published_projects(client):
    shown = ForumFactory(name_en="Published forum")
    hidden = ForumFactory(name_en="Unpublished forum", project=ProjectFactory(is_published=False))
    html = client.get(url("forums:list")).content.decode()
    offered = {
        option.attrs["value"]
        for option in find_all(html, "option")
        if option.is_inside(by_id(html, "id_forum"))
    }
    assert shown.slug in offered
    assert hidden.slug not in offered
    assert "Unpublished forum" not in html


# --- Registering through the form.


def form_data(meeting: Meeting, **changes: str | None) -> dict[str, str]:
    """A complete form; a change of None leaves the field out."""
    group = meeting.forum.stakeholder_groups.first()
    assert group is not None
    data = {
        "name": "Amina Hassan",
        "email": "amina.hassan@example.org",
        "phone": "+358 40 000 0002",
        "group": str(group.pk),
        "organisation": "Tikkurilan koulu",
        "language": "ar",
        "interpreter_language": "so",
        "needs": "Pyörätuolipaikka",
        "age_group": "adult",
        "consent": "on",
    }
    for name, value in changes.items():
        if value is None:
            del data[name]
        else:
            data[name] = value
    return data


def test_registering_through_the_form(client):
    meeting = meeting_at(14)
    started = timezone.now()

    response = client.post(meeting_url(meeting), form_data(meeting))

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("forums:registration_sent", pk=meeting.pk)
    sent_page = client.get(response["Location"]).content.decode()
    assert find_all(sent_page, "h1")[0].text == "Check your e-mail"
    assert "amina.hassan@example.org" not in sent_page
    assert registration.meeting == meeting
    # A seat is held until the address's owner confirms.
    assert registration.status == RegistrationStatus.PENDING
    assert registration.address_confirmed_at is None
    assert registration.name == "Amina Hassan"
    assert registration.email == "amina.hassan@example.org"
    assert registration.phone == "+358 40 000 0002"
    assert registration.organisation == "Tikkurilan koulu"
    assert registration.group == meeting.forum.stakeholder_groups.first()
    assert registration.language.code == "ar"
    assert registration.interpreter_language is not None
    assert registration.interpreter_language.code == "so"
    assert registration.needs == "Pyörätuolipaikka"
    assert registration.ui_language == "en"
    assert started <= registration.consent_at <= timezone.now()
    assert registration.consent_version == settings.REGISTRATION_CONSENT_VERSION

    # The e-mail's link asks to confirm; opening it changes nothing, the button does.
    token = registration_token(registration)
    confirm_page = client.get(url("forums:registration_confirm", token=token)).content.decode()
    assert find_all(confirm_page, "h1")[0].text == "Confirm your registration"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    confirmed = client.post(url("forums:registration_confirm", token=token))
    assert confirmed["Location"] == url("forums:registration", token=token)
    html = client.get(confirmed["Location"]).content.decode()
    assert find_all(html, "h1")[0].text == "You are registered"
    assert "amina.hassan@example.org" in html
    assert f'href="{url("forums:registration_cancel", token=token)}"' in html
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_registering_in_finnish_records_the_finnish_page(client):
    meeting = meeting_at(14)
    response = client.post(meeting_url(meeting, "fi"), form_data(meeting))
    registration = Registration.objects.get()
    assert response["Location"] == url("forums:registration_sent", "fi", pk=meeting.pk)
    assert registration.ui_language == "fi"


def test_registering_for_a_full_meeting_joins_the_waiting_list(client):
    meeting = meeting_at(14, capacity=1)
    register(meeting, "first@example.org")
    register(meeting, "second@example.org")

    html = client.get(meeting_url(meeting)).content.decode()
    assert "Join the waiting list" in html

    response = client.post(meeting_url(meeting), form_data(meeting))

    registration = Registration.objects.get(email="amina.hassan@example.org")
    assert response.status_code == 302
    assert registration.status == RegistrationStatus.WAITING
    token = registration_token(registration)
    client.post(url("forums:registration_confirm", token=token))
    html = client.get(url("forums:registration", token=token)).content.decode()
    assert find_all(html, "h1")[0].text == "You are on the waiting list"
    assert "number 2 on the waiting list" in html


@pytest.mark.parametrize(
    ("field_name", "changes"),
    [
        ("consent", {"consent": None}),
        ("email", {"email": "amina.hassan(at)example.org"}),
        ("group", {"group": None}),
        ("group", {"group": "999999"}),
    ],
)
def test_invalid_form_names_each_error_and_registers_no_one(client, field_name, changes):
    meeting = meeting_at(14)

    response = client.post(meeting_url(meeting), form_data(meeting, **changes))

    assert response.status_code == 400
    assert not Registration.objects.exists()
    html = response.content.decode()
    error = response.context["form"].errors[field_name][0]
    summary_links = error_summary_links(html)
    assert [link.attrs["href"] for link in summary_links] == [f"#id_{field_name}"]
    assert error in summary_links[0].text
    _assert_field_marked_invalid(html, field_name, error)
    # What the visitor typed is kept.
    assert by_id(html, "id_name").attrs["value"] == "Amina Hassan"


def test_every_invalid_field_is_in_the_summary_in_form_order(client):
    meeting = meeting_at(14)
    response = client.post(
        meeting_url(meeting), form_data(meeting, consent=None, email="no", group=None)
    )
    assert response.status_code == 400
    html = response.content.decode()
    hrefs = [link.attrs["href"] for link in error_summary_links(html)]
    assert hrefs == ["#id_email", "#id_group", "#id_consent"]
    for field_name, errors in response.context["form"].errors.items():
        _assert_field_marked_invalid(html, field_name, errors[0])
    # Valid fields are not marked.
    assert "aria-invalid" not in by_id(html, "id_name").attrs
    assert not Registration.objects.exists()


def test_group_of_another_forum_is_refused(client):
    meeting = meeting_at(14)
    stranger = StakeholderGroupFactory(slug="journalists")
    assert not meeting.forum.stakeholder_groups.filter(pk=stranger.pk).exists()

    response = client.post(meeting_url(meeting), form_data(meeting, group=str(stranger.pk)))

    assert response.status_code == 400
    assert not Registration.objects.exists()
    _assert_field_marked_invalid(
        response.content.decode(), "group", response.context["form"].errors["group"][0]
    )


def _assert_field_marked_invalid(html: str, field_name: str, error: str) -> None:
    control = by_id(html, f"id_{field_name}")
    assert control.tag in {"input", "select", "textarea"}
    assert control.attrs.get("aria-invalid") == "true"
    described_by = control.attrs.get("aria-describedby", "").split()
    assert described_by, f"{field_name} has no aria-describedby"
    descriptions = [by_id(html, element_id).text for element_id in described_by]
    assert any(error in text for text in descriptions), (field_name, descriptions)


def test_a_second_registration_with_the_same_email_is_answered_by_email_only(client):
    """A stranger typing someone's address learns nothing: the page is the one every
    registration gets, and only the address's owner hears that it was already registered."""
    meeting = meeting_at(14)
    existing = register(meeting, "Amina.Hassan@example.org")
    fresh = client.post(meeting_url(meeting), form_data(meeting, email="new@example.org"))
    OutboundEmail.objects.all().delete()

    response = client.post(meeting_url(meeting), form_data(meeting))

    assert response.status_code == 302
    assert response["Location"] == fresh["Location"]
    assert Registration.objects.filter(email__iexact="amina.hassan@example.org").count() == 1
    send_queued()
    (message,) = OutboundEmail.objects.all()
    assert message.kind == EmailKind.ALREADY_REGISTERED
    assert message.recipient == "Amina.Hassan@example.org"
    assert message.registration == existing
    assert registration_token(existing).split(":")[0] in message.text_body


def test_same_email_can_register_again_after_cancelling(client):
    meeting = meeting_at(14)
    earlier = register(meeting, "amina.hassan@example.org")
    client.post(url("forums:registration_cancel", token=registration_token(earlier)))

    response = client.post(meeting_url(meeting), form_data(meeting))

    assert response.status_code == 302
    assert Registration.objects.filter(status=RegistrationStatus.PENDING).count() == 1


@pytest.mark.parametrize(
    "window",
    [
        {"registration_closes_at": -1},
        {"registration_opens_at": 2},
    ],
)
def test_closed_registration_shows_no_form(client, window):
    now = timezone.now()
    meeting = meeting_at(
        14, **{name: now + datetime.timedelta(days=days) for name, days in window.items()}
    )
    response = client.get(meeting_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert not find_all(html, "form", method="post")
    assert not find_all(html, "input", name="consent")
    assert "Registration for this meeting is not open." in html

    response = client.post(meeting_url(meeting), form_data(meeting))
    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert "Registration for this meeting is not open." in response.content.decode()
    assert not find_all(response.content.decode(), "input", name="consent")


def test_cancelled_meeting_shows_no_form(client):
    meeting = meeting_at(14)
    meeting_cancel(meeting_id=meeting.pk)
    response = client.get(meeting_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This meeting is cancelled." in html
    assert not find_all(html, "input", name="consent")
    assert client.post(meeting_url(meeting), form_data(meeting)).status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("capacity", "confirmed", "said"),
    [
        (10, 0, "Seats available"),
        (10, 7, "Seats available"),
        (10, 8, "Only a few seats left"),
        (10, 9, "Only a few seats left"),
        (10, 10, "Full: you can join the waiting list"),
        (30, 24, "Only a few seats left"),
    ],
)
def test_open_meeting_shows_the_form_with_its_seats_said_coarsely(
    client, capacity, confirmed, said
):
    meeting = meeting_at(14, capacity=capacity)
    for number in range(confirmed):
        register(meeting, f"person{number}@example.org")
    html = client.get(meeting_url(meeting)).content.decode()
    assert find_all(html, "input", name="consent")
    assert said in html


def test_meeting_page_shows_seats_left_per_group(client):
    parents = StakeholderGroupFactory(slug="parents", name_en="Parents")
    counsellors = StakeholderGroupFactory(slug="counsellors", name_en="Study counsellors")
    meeting = meeting_at(14, capacity=10, forum=ForumFactory(groups=[parents, counsellors]))
    GroupQuotaFactory(meeting=meeting, group=parents, seats=2)
    GroupQuotaFactory(meeting=meeting, group=counsellors, seats=3)
    register(meeting, "first@example.org", group=parents)
    register(meeting, "second@example.org", group=parents)
    register(meeting, "third@example.org", group=counsellors)
    gone = register(meeting, "fourth@example.org", group=counsellors)
    client.post(url("forums:registration_cancel", token=registration_token(gone)))

    html = client.get(meeting_url(meeting)).content.decode()

    items = [item.text for item in find_all(html, "li")]
    assert "Parents: all 2 seats taken, waiting list" in items
    assert "Study counsellors: 3 seats, only a few left" in items
    assert "Seats available" in html


# --- Cancelling.


def test_cancel_page_asks_before_cancelling(client):
    meeting = meeting_at(14)
    registration = register(meeting, "aino.virtanen@example.org")
    page = url("forums:registration_cancel", token=registration_token(registration))

    html = client.get(page).content.decode()

    (form,) = find_all(html, "form", method="post")
    assert form.attrs.get("action", page) in {"", page}
    buttons = [button.text for button in find_all(html, "button")]
    assert "Yes, cancel my registration" in buttons
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.cancelled_at is None


def test_cancelling_gives_the_seat_to_the_first_person_waiting(client):
    meeting = meeting_at(14, capacity=1)
    registration = register(meeting, "aino.virtanen@example.org")
    first_waiting = register(meeting, "leo.nieminen@example.org")
    second_waiting = register(meeting, "sara.ali@example.org")
    assert first_waiting.status == second_waiting.status == RegistrationStatus.WAITING

    response = client.post(
        url("forums:registration_cancel", token=registration_token(registration))
    )

    assert response.status_code == 200
    assert find_all(response.content.decode(), "h1")[0].text == "Registration cancelled"
    registration.refresh_from_db()
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.cancelled_at is not None
    assert first_waiting.status == RegistrationStatus.CONFIRMED
    assert first_waiting.promoted_at is not None
    assert second_waiting.status == RegistrationStatus.WAITING
    status_page = url("forums:registration", token=registration_token(second_waiting))
    assert "number 1 on the waiting list" in client.get(status_page).content.decode()


def test_cancelling_twice_changes_nothing(client):
    meeting = meeting_at(14)
    registration = register(meeting, "aino.virtanen@example.org")
    page = url("forums:registration_cancel", token=registration_token(registration))
    client.post(page)
    registration.refresh_from_db()
    cancelled_at = registration.cancelled_at

    response = client.post(page)

    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.cancelled_at == cancelled_at
    status_html = client.get(url("forums:registration", token=registration_token(registration)))
    assert find_all(status_html.content.decode(), "h1")[0].text == "Registration cancelled"


def test_unknown_token_is_not_found(client):
    register(meeting_at(14), "aino.virtanen@example.org")
    for name in ("forums:registration", "forums:registration_cancel"):
        assert client.get(url(name, token="no-such-token")).status_code == 404
    assert client.post(url("forums:registration_cancel", token="no-such-token")).status_code == 404
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


# --- Query counts.


@pytest.mark.parametrize("size", [3, 30])
def test_forum_list_query_count_does_not_grow(client, django_assert_num_queries, size):
    for index in range(size):
        meeting = meeting_at(index + 1, region=region("uusimaa"))  # each in its own forum
        meeting.languages.set([language("fi"), language("sv")])
        meeting.interpretation_languages.set([language("ar")])
        register(meeting, f"person{index}@example.org")
    # 1 the forums for the filter, 2 the regions for the filter, 3 the languages for the
    # filter, 4 the number of meetings (for the pages), 5 a page of meetings with forum,
    # region and seat counts, 6 their languages spoken.
    with django_assert_num_queries(6):
        response = client.get(url("forums:list"))
    assert len(listed(response.content.decode())) == min(size, MEETINGS_PER_PAGE)


@pytest.mark.parametrize("size", [3, 30])
def test_meeting_page_query_count_does_not_grow(client, django_assert_num_queries, settings, size):
    parents = StakeholderGroupFactory(slug="parents")
    counsellors = StakeholderGroupFactory(slug="counsellors")
    meeting = meeting_at(14, capacity=10, forum=ForumFactory(groups=[parents, counsellors]))
    meeting.languages.set([language("fi"), language("sv")])
    meeting.interpretation_languages.set([language("ar"), language("so")])
    GroupQuotaFactory(meeting=meeting, group=parents, seats=6)
    GroupQuotaFactory(meeting=meeting, group=counsellors, seats=6)
    for index in range(size):
        register(
            meeting,
            f"person{index}@example.org",
            group=parents if index % 2 else counsellors,
            interpreter_language=language("ar") if index % 3 else None,
        )
    # 1 the meeting with forum, project, region and seat counts, 2 its languages spoken, 3 its
    # interpretation languages, 4 the forum's stakeholder groups, 5 the group quotas with
    # their groups and seats taken. The form's choices: 6 the groups, 7-9 the languages of
    # the three language fields, and 10 the first language again, for the required
    # attribute of the select that has no empty choice.
    with django_assert_num_queries(10):
        response = client.get(meeting_url(meeting))
    assert response.status_code == 200
    assert meeting.registrations.count() == size


def test_the_form_follows_a_change_of_the_forums_groups_once_it_is_committed(
    client, django_capture_on_commit_callbacks
):
    parents = StakeholderGroupFactory(slug="parents")
    counsellors = StakeholderGroupFactory(slug="counsellors")
    meeting = meeting_at(14, forum=ForumFactory(groups=[parents]))
    client.get(meeting_url(meeting))

    refused = client.post(meeting_url(meeting), form_data(meeting, group=str(counsellors.pk)))
    assert refused.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        meeting.forum.stakeholder_groups.add(counsellors)
    accepted = client.post(meeting_url(meeting), form_data(meeting, group=str(counsellors.pk)))

    assert accepted.status_code == 302
    assert Registration.objects.get().group == counsellors


def test_the_forms_options_are_labelled_in_each_visitors_language(client):
    parents = StakeholderGroupFactory(slug="parents", name_fi="Vanhemmat", name_en="Parents")
    meeting = meeting_at(14, forum=ForumFactory(groups=[parents]))

    finnish = client.get(meeting_url(meeting, "fi")).content.decode()
    english = client.get(meeting_url(meeting, "en")).content.decode()
    finnish_again = client.get(meeting_url(meeting, "fi")).content.decode()

    option = f'<option value="{parents.pk}">{{}}</option>'
    assert option.format("Vanhemmat") in finnish
    assert option.format("Parents") in english
    assert option.format("Vanhemmat") in finnish_again


def test_the_forums_filter_offers_a_new_forum_once_it_is_committed(
    client, settings, django_capture_on_commit_callbacks
):
    ForumFactory(slug="vanha-foorumi")
    assert 'value="vanha-foorumi"' in client.get(url("forums:list", "fi")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ForumFactory(slug="uusi-foorumi")
    html = client.get(url("forums:list", "fi")).content.decode()
    assert 'value="uusi-foorumi"' in html
    chosen = client.get(url("forums:list", "fi"), {"forum": "uusi-foorumi"}).content.decode()
    assert '<option value="uusi-foorumi" selected>' in chosen
