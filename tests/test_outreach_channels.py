"""Outreach channels: a channel's short link leads to its meeting's form, the registrations
made through it count for it, and its admin page shows the counts to the editors of the
meeting's organisation only."""

import html

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from forums.channels import channel_of_meeting, figures_without_channel, with_channel_figures
from forums.models import Attendance, Meeting, OutreachChannel, Registration, RegistrationStatus
from forums.services import registration_cancel

from .admin_helpers import _change_data
from .assisted_helpers import assisted_form
from .forum_factories import ForumFactory, MeetingFactory, register
from .forum_page_helpers import form_data, meeting_at, meeting_url
from .page_html import Element, find_all
from .scoping_helpers import autocomplete, is_not_found, listed, url
from .sides import Side, make_editor, staff_login

pytestmark = pytest.mark.django_db

ADMIN = "forums.outreachchannel"
NO_REGISTRATIONS = {
    "registered_count": 0,
    "seated_people": 0,
    "waiting_count": 0,
    "present_count": 0,
    "absent_count": 0,
    "cancelled_count": 0,
}


def _channel(meeting: Meeting, name: str = "Tikkurilan koulu") -> OutreachChannel:
    channel: OutreachChannel = OutreachChannel.objects.create(meeting=meeting, name=name)
    return channel


def _through(channel: OutreachChannel, registration: Registration, **fields) -> None:
    """As if the registration had come through the channel's link."""
    Registration.objects.filter(pk=registration.pk).update(channel=channel, **fields)


def _short_link(channel: OutreachChannel) -> str:
    return channel.get_absolute_url()


def _figures(channel: OutreachChannel) -> dict[str, int]:
    counted = with_channel_figures(OutreachChannel.objects.filter(pk=channel.pk)).get()
    return {name: getattr(counted, name) for name in NO_REGISTRATIONS}


def _cell(html: str, column: str, row: Element | None = None) -> str:
    """The text of a table's one cell in the column (in the row, if given)."""
    (cell,) = [
        cell
        for cell in find_all(html, "td", **{"class": f"field-{column}"})
        if row is None or cell.is_inside(row)
    ]
    return cell.text


# --- The short link.


def test_the_short_link_leads_to_the_meeting_form_with_the_channels_code(client):
    meeting = meeting_at(14)
    channel = _channel(meeting)

    response = client.get(_short_link(channel), headers={"accept-language": "en"})

    assert response.status_code == 302
    assert response["Location"] == f"{meeting_url(meeting)}?via={channel.code}#register-title"
    # Short, and in no language: shared on paper, it suits a reader of any.
    assert _short_link(channel) == f"/l/{channel.code}/"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_short_link_leads_to_the_meeting_in_the_visitors_language(client, language):
    channel = _channel(meeting_at(14))

    response = client.get(_short_link(channel), headers={"accept-language": language})

    assert response["Location"].startswith(meeting_url(channel.meeting, language) + "?via=")


def test_an_unknown_code_is_not_found(client):
    _channel(meeting_at(14))
    assert client.get("/l/zzzzzzz/").status_code == 404


def test_the_link_of_an_unpublished_projects_meeting_is_not_found(client):
    meeting = meeting_at(14)
    channel = _channel(meeting)
    project = meeting.forum.project
    project.is_published = False
    project.save()

    assert client.get(_short_link(channel)).status_code == 404


def test_a_code_counts_only_for_its_own_meeting():
    meeting = meeting_at(14)
    channel = _channel(meeting)
    other = _channel(meeting_at(21), "Uutiskirje")

    assert channel_of_meeting(meeting_id=meeting.pk, code=channel.code) == channel
    assert channel_of_meeting(meeting_id=meeting.pk, code=other.code) is None
    assert channel_of_meeting(meeting_id=meeting.pk, code="") is None


# --- The counts.


def test_registrations_count_for_the_channel_they_came_through():
    meeting = meeting_at(14, capacity=4)
    school = _channel(meeting, "Tikkurilan koulu")
    newsletter = _channel(meeting, "Uutiskirje")
    unused = _channel(meeting, "Moskeija")
    came = register(meeting, "came@example.org")
    held = register(meeting, "held@example.org", confirm=False)
    away = register(meeting, "away@example.org")
    read = register(meeting, "read@example.org")
    waits = register(meeting, "waits@example.org")
    gave_up = register(meeting, "gave.up@example.org")
    registration_cancel(token=gave_up.cancel_token)
    direct = register(meeting, "direct@example.org")
    # Someone came with two adults and a child: four people in one seat group.
    _through(school, came, companion_adults=2, companion_children=1, attendance=Attendance.PRESENT)
    _through(school, held)
    _through(school, away, attendance=Attendance.ABSENT)
    _through(school, waits)
    _through(school, gave_up)
    _through(newsletter, read)
    # Another meeting's registrations count for neither its channels nor this one's.
    elsewhere = _channel(meeting_at(21), "Tikkurilan koulu")
    _through(elsewhere, register(elsewhere.meeting, "elsewhere@example.org"))
    register(elsewhere.meeting, "elsewhere.direct@example.org")

    assert _figures(school) == {
        "registered_count": 4,  # pending, confirmed and waiting
        "seated_people": 5,  # the confirmed: 4 + 1
        "waiting_count": 1,
        "present_count": 1,
        "absent_count": 1,
        "cancelled_count": 1,
    }
    assert _figures(newsletter) == {**NO_REGISTRATIONS, "registered_count": 1, "seated_people": 1}
    assert _figures(unused) == NO_REGISTRATIONS
    assert Registration.objects.get(pk=direct.pk).status == RegistrationStatus.WAITING
    assert figures_without_channel(meeting_id=meeting.pk) == {
        **NO_REGISTRATIONS,
        "registered_count": 1,
        "waiting_count": 1,
    }


def test_the_counts_of_many_channels_take_one_query(django_assert_num_queries):
    meeting = meeting_at(14, capacity=20)
    for index in range(5):
        channel = _channel(meeting, f"Koulu {index}")
        _through(channel, register(meeting, f"parent{index}@example.org"))

    with django_assert_num_queries(1):
        counted = list(with_channel_figures(OutreachChannel.objects.order_by("name")))

    assert [channel.registered_count for channel in counted] == [1] * 5  # type: ignore[attr-defined]


def test_a_registration_through_the_public_form_counts_for_the_channel(client):
    """The whole way a parent goes: the short link, the meeting's form, registering."""
    meeting = meeting_at(14)
    channel = _channel(meeting)

    page = client.get(_short_link(channel), follow=True)

    (carried,) = find_all(page.content.decode(), "input", name="via")
    assert carried.attrs["value"] == channel.code
    response = client.post(meeting_url(meeting), form_data(meeting, via=carried.attrs["value"]))
    assert response.status_code == 302
    assert Registration.objects.get().channel == channel
    assert _figures(channel) == {**NO_REGISTRATIONS, "registered_count": 1}


def test_a_helper_who_came_through_the_short_link_counts_for_the_channel(client):
    """A counsellor follows a school's link, goes on to the form for helpers from the
    meeting's page, and registers a family: it counts for the school."""
    meeting = meeting_at(14)
    channel = _channel(meeting)
    page = client.get(_short_link(channel), follow=True).content.decode()

    (link,) = [a for a in find_all(page, "a") if "/for-a-family/" in a.attrs.get("href", "")]
    helper_page = client.get(html.unescape(link.attrs["href"])).content.decode()
    (carried,) = find_all(helper_page, "input", name="via")
    response = client.post(
        link.attrs["href"].split("?")[0],
        assisted_form(meeting, via=carried.attrs["value"]),
    )

    assert response.status_code == 302
    assert Registration.objects.get().channel == channel


# --- Admin: the editors of the meeting's organisation, and no one else.


def test_an_editor_adds_a_channel_for_their_meeting_and_sees_its_counts(ours, editor_client):
    assert editor_client.get(url(ADMIN, "add")).status_code == 200
    response = editor_client.post(
        url(ADMIN, "add"), {"meeting": ours.meeting.pk, "name": "Tikkurilan koulu"}
    )

    assert response.status_code == 302
    channel = OutreachChannel.objects.get()
    assert channel.meeting == ours.meeting
    _through(channel, ours.registration, attendance=Attendance.PRESENT)
    changelist = editor_client.get(url(ADMIN, "changelist"))
    assert listed(changelist) == {channel.pk}
    html = changelist.content.decode()
    assert _cell(html, "short_link") == f"{settings.PORTAL_URL}/l/{channel.code}/"
    assert (_cell(html, "registered"), _cell(html, "present")) == ("1", "1")
    change = editor_client.get(url(ADMIN, "change", channel.pk))
    assert change.status_code == 200
    assert f"{settings.PORTAL_URL}/l/{channel.code}/" in change.content.decode()


def test_an_editor_names_a_channel_on_the_meetings_page_and_copies_its_link(ours, editor_client):
    new_row = {
        "channels-TOTAL_FORMS": "1",
        "channels-INITIAL_FORMS": "0",
        "channels-MIN_NUM_FORMS": "0",
        "channels-MAX_NUM_FORMS": "1000",
        "channels-0-id": "",
        "channels-0-meeting": str(ours.meeting.pk),
        "channels-0-name": "Seurakunnan uutiskirje",
    }
    meeting_page = url("forums.meeting", "change", ours.meeting.pk)

    response = editor_client.post(meeting_page, _change_data(ours.meeting, **new_row))

    assert response.status_code == 302
    (channel,) = OutreachChannel.objects.filter(meeting=ours.meeting)
    assert channel.name == "Seurakunnan uutiskirje"
    _through(channel, ours.registration)
    html = editor_client.get(meeting_page).content.decode()
    # The saved channel's row, not the blank one kept for adding another.
    (row,) = find_all(html, "tr", id="channels-0")
    assert _cell(html, "short_link", row) == f"{settings.PORTAL_URL}/l/{channel.code}/"
    assert _cell(html, "people_seated", row) == "1"


def test_the_change_page_compares_with_the_registrations_without_a_channel(ours, editor_client):
    channel = _channel(ours.meeting)
    register(ours.meeting, "direct@example.org")  # the meeting is full: waiting

    response = editor_client.get(url(ADMIN, "change", channel.pk), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    # Ours's first registrant has the seat; the meeting was full for the second.
    assert (
        "registrations: 2, people with a seat: 1, waiting: 1, present: 0, absent: 0, "
        "cancelled: 0" in response.content.decode()
    )


def test_an_editor_finds_channels_by_forum_and_by_name(ours, editor_client):
    school = _channel(ours.meeting, "Tikkurilan koulu")
    mosque = _channel(ours.meeting, "Moskeija")
    other_forum = ForumFactory.create(project=ours.project)
    newsletter = _channel(MeetingFactory.create(forum=other_forum), "Koulun uutiskirje")
    changelist = url(ADMIN, "changelist")

    by_forum = editor_client.get(changelist, {"meeting__forum__id__exact": ours.forum.pk})
    by_name = editor_client.get(changelist, {"q": "koulu"})

    assert listed(by_forum) == {school.pk, mosque.pk}
    assert listed(by_name) == {school.pk, newsletter.pk}


def test_a_channel_keeps_its_meeting(ours, editor_client):
    channel = _channel(ours.meeting)
    other = MeetingFactory.create(forum=ours.forum)

    editor_client.post(url(ADMIN, "change", channel.pk), {"meeting": other.pk, "name": "Koulu"})

    channel.refresh_from_db()
    assert (channel.meeting, channel.name) == (ours.meeting, "Koulu")


def test_a_name_the_meeting_already_has_is_refused_with_a_reason_not_an_error(ours, editor_client):
    _channel(ours.meeting, "Koulu")
    channel = _channel(ours.meeting, "Uutiskirje")

    response = editor_client.post(url(ADMIN, "change", channel.pk), {"name": "Koulu"})

    assert response.status_code == 200
    with translation.override("fi"):  # the editor's admin is in Finnish
        refusal = gettext("The meeting already has a channel of this name.")
    assert html.escape(refusal) in response.content.decode("utf-8")
    channel.refresh_from_db()
    assert channel.name == "Uutiskirje"


def test_another_organisations_editor_reaches_no_channel_of_ours(ours, theirs, client):
    channel = _channel(ours.meeting)
    staff_login(client, make_editor("their-editor", theirs.organisation))
    own = _channel(theirs.meeting)

    assert listed(client.get(url(ADMIN, "changelist"))) == {own.pk}
    assert is_not_found(client.get(url(ADMIN, "change", channel.pk)))
    assert is_not_found(client.post(url(ADMIN, "delete", channel.pk), {"post": "yes"}))
    assert OutreachChannel.objects.filter(pk=channel.pk).exists()
    offered = autocomplete(client, "forums", "outreachchannel", "meeting")
    assert offered == {str(theirs.meeting.pk)}
    response = client.post(url(ADMIN, "add"), {"meeting": ours.meeting.pk, "name": "Ujutettu"})
    assert response.status_code == 200  # the form again, with the meeting refused
    assert response.context["adminform"].form.errors["meeting"]
    assert not OutreachChannel.objects.filter(name="Ujutettu").exists()


def test_a_stranger_is_sent_to_log_in(ours, client):
    channel = _channel(ours.meeting)
    for address in (url(ADMIN, "changelist"), url(ADMIN, "add"), url(ADMIN, "change", channel.pk)):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def _more_channels(side: Side, count: int) -> None:
    for index in range(count):
        meeting = MeetingFactory.create(forum=side.forum, capacity=3)
        channel = _channel(meeting, f"Koulu {index}")
        _through(channel, register(meeting, f"extra{index}.{side.organisation.pk}@example.org"))


# Each page starts with 6: the session, the user, the device of their one-time code, their
# own and their groups' permissions, their organisations. Then the forum filter's choices,
# the filtered and the total count, and the page of rows with their counts as subqueries.
@pytest.mark.parametrize("extra", [0, 6])
def test_the_changelist_queries_do_not_grow(
    extra, ours, theirs, editor_client, django_assert_num_queries
):
    _channel(ours.meeting)
    _more_channels(ours, extra)
    _more_channels(theirs, 3)

    with django_assert_num_queries(10):
        response = editor_client.get(url(ADMIN, "changelist"))

    assert len(listed(response)) == 1 + extra
