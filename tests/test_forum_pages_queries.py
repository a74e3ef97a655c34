"""The forum pages make the same number of queries however many meetings and registrations
there are, and the form's and filters' cached choices follow committed changes."""

import pytest

from forums.models import Registration
from forums.selectors import MEETINGS_PER_PAGE

from .factories import region
from .forum_factories import (
    ForumFactory,
    GroupQuotaFactory,
    StakeholderGroupFactory,
    language,
    register,
)
from .forum_page_helpers import form_data, listed, meeting_at, meeting_url, url
from .page_html import find_all

pytestmark = pytest.mark.django_db


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

    def option(html: str) -> str:
        # The group's name with its seats ("Parents – seats available").
        (found,) = find_all(html, "option", value=str(parents.pk))
        return found.text

    assert "Vanhemmat" in option(finnish)
    assert "Parents" in option(english)
    assert "Parents" not in option(finnish_again)
    assert "Vanhemmat" in option(finnish_again)


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
