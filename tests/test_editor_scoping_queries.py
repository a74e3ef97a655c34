"""An editor's changelist costs the same number of queries however many rows and
organisations there are, and lists each of its rows once."""

import pytest

from .forum_factories import MeetingFactory
from .forum_factories import register as register_for
from .scoping_helpers import listed, url
from .sides import Side, invitee_on_list, make_editor, staff_login

pytestmark = pytest.mark.django_db


def _more_meetings(side: Side, count: int) -> None:
    for index in range(count):
        meeting = MeetingFactory.create(forum=side.forum, capacity=3)
        register_for(meeting, f"extra{index}.{side.organisation.pk}@example.org")


# Each page starts with 6: the session, the user, the device of their one-time code, their
# own and their groups' permissions, their organisations. Then the filters' choices, the
# filtered and the total count, and the page of rows, each with the editor's projects as a
# subquery.
@pytest.mark.parametrize("extra", [0, 6])
def test_editors_meeting_changelist_queries_do_not_grow(
    extra, ours, theirs, editor_client, django_assert_num_queries
):
    _more_meetings(ours, extra)
    _more_meetings(theirs, 3)
    # 6 + forum and region filters, 2 counts, the rows with seat counts, the date
    # hierarchy's range and its days.
    with django_assert_num_queries(13):
        response = editor_client.get(url("forums.meeting", "changelist"))
    assert len(listed(response)) == 1 + extra


@pytest.mark.parametrize("extra", [0, 6])
def test_editors_registration_changelist_queries_do_not_grow(
    extra, ours, theirs, editor_client, django_assert_num_queries
):
    _more_meetings(ours, extra)
    _more_meetings(theirs, 3)
    # 6 + group, language, forum and meeting filters, 2 counts, the rows.
    with django_assert_num_queries(13):
        response = editor_client.get(url("forums.registration", "changelist"))
    assert len(listed(response)) == 1 + extra


@pytest.mark.parametrize("extra", [0, 6])
def test_editors_invitee_changelist_queries_do_not_grow(
    extra, ours, theirs, editor_client, django_assert_num_queries
):
    for index in range(extra):
        invitee_on_list(f"lisa{index}@example.org", ours.invitee.group, ours.organisation)
    # 6 + group, language and list filters, 2 counts, the rows.
    with django_assert_num_queries(12):
        response = editor_client.get(url("forums.invitee", "changelist"))
    assert len(listed(response)) == 1 + extra


def test_project_changelist_rows_are_not_repeated(ours, theirs, client):
    ours.project.maintainers.add(theirs.organisation)
    staff_login(client, make_editor("both", ours.organisation, theirs.organisation))
    response = client.get(url("projects.project", "changelist"))
    rows = [obj.pk for obj in response.context["cl"].result_list]
    assert sorted(rows) == sorted({ours.project.pk, theirs.project.pk})
    assert response.context["cl"].result_count == 2
