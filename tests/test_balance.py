"""The balance report: seats offered, registered, waiting and attended per stakeholder group
and per language, for a meeting and over a forum's series; on an admin page with a chart and
as CSV, for the forum's own editors only."""

import csv
import datetime
import io
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from forums.balance import BalanceRow, forum_balance, meeting_balance
from forums.models import Forum, Meeting, Registration, StakeholderGroup, WalkIn
from forums.services import meeting_cancel, registration_cancel

from .forum_factories import (
    ForumFactory,
    GroupQuotaFactory,
    MeetingFactory,
    StakeholderGroupFactory,
    language,
    register,
)
from .page_html import elements
from .sides import Side, make_editor, staff_login
from .test_security_headers import inline_code

pytestmark = pytest.mark.django_db

Figures = tuple[int | None, int, int, int]  # offered, registered, waiting, attended


@dataclass
class Series:
    forum: Forum
    first: Meeting
    second: Meeting
    cancelled: Meeting


def _present(*registrations: Registration) -> None:
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(attendance="present")


def _walk_in(meeting: Meeting, group: StakeholderGroup, code: str | None) -> None:
    WalkIn.objects.create(meeting=meeting, group=group, language=language(code) if code else None)


@pytest.fixture
def series(ours: Side, groups: dict[str, StakeholderGroup]) -> Series:
    """Our project's forum of three meetings and three groups; the figures each test expects
    are worked out by hand in the comments."""
    parents, counsellors, students = groups["parents"], groups["counsellors"], groups["students"]
    forum = ForumFactory.create(project=ours.project, groups=list(groups.values()))
    # The first: 6 seats, 2 kept for parents and 2 for counsellors, so 2 are shared.
    first = MeetingFactory.create(forum=forum, capacity=6)
    GroupQuotaFactory.create(meeting=first, group=parents, seats=2)
    GroupQuotaFactory.create(meeting=first, group=counsellors, seats=2)
    p1 = register(first, "p1@example.org", group=parents, language_code="fi")
    p2 = register(first, "p2@example.org", group=parents, language_code="ar")
    p3 = register(first, "p3@example.org", group=parents, language_code="ar")  # parents full
    c1 = register(first, "c1@example.org", group=counsellors, language_code="fi")
    register(first, "c2@example.org", group=counsellors, confirm=False)  # held, not counted
    s1 = register(first, "s1@example.org", group=students, language_code="ar")
    s2 = register(first, "s2@example.org", group=students, language_code="fi")
    registration_cancel(token=s2.cancel_token)
    register(first, "p4@example.org", group=parents, confirm=False)  # waits unconfirmed
    statuses = dict(first.registrations.values_list("email", "status"))
    assert statuses == {
        "p1@example.org": "confirmed",
        "p2@example.org": "confirmed",
        "p3@example.org": "waiting",
        "c1@example.org": "confirmed",
        "c2@example.org": "pending",
        "s1@example.org": "confirmed",
        "s2@example.org": "cancelled",
        "p4@example.org": "waiting",
    }
    _present(p1, c1, p3, s1)  # p2 was marked absent
    Registration.objects.filter(pk=p2.pk).update(attendance="absent")
    _walk_in(first, students, "fi")
    _walk_in(first, students, None)
    _walk_in(first, counsellors, "ar")
    # The second: 4 seats, 1 kept for students, 3 shared.
    later = first.starts_at + datetime.timedelta(days=14)
    second = MeetingFactory.create(forum=forum, capacity=4, starts_at=later)
    GroupQuotaFactory.create(meeting=second, group=students, seats=1)
    s3 = register(second, "s3@example.org", group=students, language_code="ar")
    s4 = register(second, "s4@example.org", group=students, language_code="fi")  # students full
    p5 = register(second, "p5@example.org", group=parents, language_code="fi")
    assert [s4.status, p5.status] == ["waiting", "confirmed"]
    _present(s3)
    _walk_in(second, parents, "fi")
    _walk_in(second, counsellors, "ar")
    # The third is cancelled: nothing of it counts in the series.
    cancelled = MeetingFactory.create(forum=forum, capacity=5)
    GroupQuotaFactory.create(meeting=cancelled, group=counsellors, seats=3)
    _present(register(cancelled, "c3@example.org", group=counsellors))
    _walk_in(cancelled, parents, "ar")
    meeting_cancel(meeting_id=cancelled.pk)
    return Series(forum, first, second, cancelled)


def by_name(rows: list[BalanceRow]) -> dict[str, Figures]:
    return {row.name: (row.offered, row.registered, row.waiting, row.attended) for row in rows}


def names(groups: dict[str, StakeholderGroup]) -> tuple[str, str, str]:
    return groups["counsellors"].name, groups["parents"].name, groups["students"].name


def test_a_meetings_figures_per_group_and_language(series, groups):
    balance = meeting_balance(meeting_id=series.first.pk).balance
    counsellors, parents, students = names(groups)
    assert by_name(balance.groups) == {
        counsellors: (2, 1, 0, 2),  # c1 came, and a walk-in; c2 unconfirmed
        parents: (2, 2, 1, 2),  # p1, p2 registered, p3 waits but came; p4 unconfirmed
        students: (None, 1, 0, 3),  # no seats of its own; s2 cancelled; two walk-ins
    }
    assert [row.name for row in balance.groups] == [counsellors, parents, students]
    assert (balance.capacity, balance.shared) == (6, 2)
    assert by_name([balance.total])[balance.total.name] == (6, 4, 1, 7)
    assert by_name(balance.languages) == {
        language("fi").name: (None, 2, 0, 3),
        language("ar").name: (None, 2, 1, 3),
        translation.gettext("not given"): (None, 0, 0, 1),
    }


def test_the_second_meetings_figures(series, groups):
    balance = meeting_balance(meeting_id=series.second.pk).balance
    counsellors, parents, students = names(groups)
    assert by_name(balance.groups) == {
        counsellors: (None, 0, 0, 1),
        parents: (None, 1, 0, 1),
        students: (1, 1, 1, 1),
    }
    assert (balance.capacity, balance.shared, balance.total.attended) == (4, 3, 3)
    assert by_name(balance.languages) == {
        language("fi").name: (None, 1, 1, 1),
        language("ar").name: (None, 1, 0, 2),
    }


def test_the_series_sums_its_meetings_but_the_cancelled_one(series, groups):
    report = forum_balance(forum_id=series.forum.pk)
    counsellors, parents, students = names(groups)
    assert [item.meeting for item in report.meetings] == [series.first, series.second]
    balance = report.balance
    assert by_name(balance.groups) == {
        counsellors: (2, 1, 0, 3),
        parents: (2, 3, 1, 3),
        students: (1, 2, 1, 4),
    }
    assert (balance.capacity, balance.shared) == (10, 5)
    assert by_name([balance.total])[balance.total.name] == (10, 6, 2, 10)
    assert by_name(balance.languages) == {
        language("fi").name: (None, 3, 1, 4),
        language("ar").name: (None, 3, 1, 5),
        translation.gettext("not given"): (None, 0, 0, 1),
    }
    # Each meeting's own table is that meeting's figures.
    assert report.meetings[1].balance == meeting_balance(meeting_id=series.second.pk).balance


def test_names_are_in_the_readers_language(series, groups):
    with translation.override("en"):
        balance = meeting_balance(meeting_id=series.first.pk).balance
    assert [row.name for row in balance.groups] == [
        groups[slug].name_en for slug in ("counsellors", "parents", "students")
    ]
    assert [row.name for row in balance.languages] == ["Finnish", "Arabic", "not given"]


# --- The CSV.


def csv_rows(response, separator: str) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")  # the byte order mark: Excel then reads UTF-8
    return list(csv.reader(io.StringIO(body[1:]), delimiter=separator))


@pytest.mark.parametrize(
    ("code", "separator", "meeting", "registered"),
    [
        ("fi", ";", "tapaaminen", "ilmoittautuneita"),
        ("sv", ";", "möte", "anmälda"),
        ("en", ",", "meeting", "registered"),
    ],
)
def test_the_csv_is_written_for_a_spreadsheet_in_the_readers_language(
    series, admin_client, code, separator, meeting, registered
):
    url = reverse("admin:forums_meeting_balance_csv", args=[series.first.pk])
    response = admin_client.get(url, headers={"accept-language": code})
    rows = csv_rows(response, separator)
    assert rows[0][0] == meeting and rows[0][4] == registered
    assert {len(row) for row in rows} == {7}
    assert 'filename="balance-meeting-' in response["Content-Disposition"]


def test_the_forum_csv_has_the_series_and_each_meeting(series, admin_client, groups):
    url = reverse("admin:forums_forum_balance_csv", args=[series.forum.pk])
    rows = csv_rows(admin_client.get(url, headers={"accept-language": "en"}), ",")
    header = "meeting,scope,name,seats offered,registered,waiting,attended"
    assert rows[0] == header.split(",")
    parents, students = groups["parents"].name_en, groups["students"].name_en
    assert rows[1:9] == [
        ["all meetings", "stakeholder group", groups["counsellors"].name_en, "2", "1", "0", "3"],
        ["all meetings", "stakeholder group", parents, "2", "3", "1", "3"],
        ["all meetings", "stakeholder group", students, "1", "2", "1", "4"],
        ["all meetings", "language", "Finnish", "", "3", "1", "4"],
        ["all meetings", "language", "Arabic", "", "3", "1", "5"],
        ["all meetings", "language", "not given", "", "0", "0", "1"],
        ["all meetings", "in all", "In all", "10", "6", "2", "10"],
        ["all meetings", "in all", "shared seats", "5", "", "", ""],
    ]
    with translation.override("en"):
        first, second = str(series.first), str(series.second)
    assert [row[0] for row in rows[9:]] == [first] * 8 + [second] * 7
    assert [second, "stakeholder group", students, "1", "1", "1", "1"] in rows
    assert [first, "stakeholder group", students, "", "1", "0", "3"] in rows


def test_names_typed_in_admin_cannot_become_formulas_in_the_csv(series, admin_client):
    series.forum.stakeholder_groups.add(
        StakeholderGroupFactory.create(slug="sly", name_fi="=HYPERLINK(1)")
    )
    url = reverse("admin:forums_meeting_balance_csv", args=[series.first.pk])
    names = [row[2] for row in csv_rows(admin_client.get(url), ";")]
    assert "'=HYPERLINK(1)" in names
    assert "=HYPERLINK(1)" not in names


# --- The page.


def texts(html: str, tag: str, inside: str) -> list[str]:
    container = next(e for e in elements(html) if e.attrs.get("class") == inside)
    return [e.text for e in elements(html) if e.tag == tag and e.is_inside(container)]


def table_rows(html: str) -> dict[str, list[str]]:
    """The rows of the page's first two tables (per group and per language), by their
    header cell."""
    tables = [e for e in elements(html) if e.attrs.get("class") == "balance-table"][:2]
    rows = {}
    for row in (e for e in elements(html) if e.tag == "tr"):
        if not any(row.is_inside(table) for table in tables):
            continue
        cells = [e for e in elements(html) if e.parent is row]
        if cells[0].tag == "th" and cells[0].attrs.get("scope") == "row":
            rows[cells[0].text] = [cell.text for cell in cells[1:]]
    return rows


def test_the_meeting_page_draws_the_groups_and_tabulates_them(series, admin_client, groups):
    url = reverse("admin:forums_meeting_balance", args=[series.first.pk])
    response = admin_client.get(url, headers={"accept-language": "en"})
    html = response.content.decode()
    counsellors, parents, students = (
        groups[slug].name_en for slug in ("counsellors", "parents", "students")
    )
    svg = next(e for e in elements(html) if e.tag == "svg" and e.attrs.get("role") == "img")
    assert svg.attrs["aria-labelledby"] == "balance-chart-title balance-chart-summary"
    summary = texts(html, "desc", "balance-chart")[0]
    assert f"{parents}: seats offered 2; registered 2, waiting 1, attended 2." in summary
    assert f"{students}: no seats of its own; registered 1, waiting 0, attended 3." in summary
    figures = [t for t in texts(html, "text", "balance-chart") if t.isdigit() or t == "–"]
    assert figures == ["2", "1", "0", "2", "2", "2", "1", "2", "–", "1", "0", "3"]
    # The longest bar is the largest figure (students' 3 attended); the others in proportion.
    widths = [e.attrs["width"] for e in elements(html) if e.tag == "rect" and e.is_inside(svg)]
    assert widths[4:] == ["213", "107", "0", "213", "213", "213", "107", "213", "107", "0", "320"]
    assert table_rows(html) == {
        counsellors: ["2", "1", "0", "2"],
        parents: ["2", "2", "1", "2"],
        students: ["–", "1", "0", "3"],
        "Shared seats": ["2", "", "", ""],
        "In all": ["6", "4", "1", "7"],
        "Finnish": ["2", "0", "3"],
        "Arabic": ["2", "1", "3"],
        "not given": ["0", "0", "1"],
    }
    # Nothing inline that the Content-Security-Policy would block.
    assert "style-src 'self'" in response["Content-Security-Policy"]
    assert inline_code(html) == []


def test_the_forum_page_shows_the_series_and_each_held_meeting(series, admin_client, groups):
    url = reverse("admin:forums_forum_balance", args=[series.forum.pk])
    html = admin_client.get(url, headers={"accept-language": "en"}).content.decode()
    rows = table_rows(html)
    assert rows[groups["students"].name_en] == ["1", "2", "1", "4"]
    assert rows["In all"] == ["10", "6", "2", "10"]
    assert rows["Arabic"] == ["3", "1", "5"]
    meeting_pages = {
        reverse("admin:forums_meeting_balance", args=[meeting.pk]): meeting
        for meeting in (series.first, series.second, series.cancelled)
    }
    linked = [e.attrs["href"] for e in elements(html) if e.attrs.get("href") in meeting_pages]
    assert [meeting_pages[href] for href in linked] == [series.first, series.second]
    assert len([e for e in elements(html) if e.attrs.get("class") == "balance-table"]) == 2 * 3
    assert inline_code(html) == []


def test_the_change_pages_link_to_the_reports_and_they_to_their_csv(series, editor_client):
    for name, pk in [("meeting", series.first.pk), ("forum", series.forum.pk)]:
        html = editor_client.get(reverse(f"admin:forums_{name}_change", args=[pk])).content
        report = reverse(f"admin:forums_{name}_balance", args=[pk])
        assert report.encode() in html
        html = editor_client.get(report).content
        assert reverse(f"admin:forums_{name}_balance_csv", args=[pk]).encode() in html


# --- Who may see it.


def report_urls(series: Series) -> list[str]:
    return [
        reverse("admin:forums_meeting_balance", args=[series.first.pk]),
        reverse("admin:forums_meeting_balance_csv", args=[series.first.pk]),
        reverse("admin:forums_forum_balance", args=[series.forum.pk]),
        reverse("admin:forums_forum_balance_csv", args=[series.forum.pk]),
    ]


def test_the_organising_projects_editor_sees_the_reports(series, editor_client):
    assert [editor_client.get(url).status_code for url in report_urls(series)] == [200] * 4


def test_another_organisations_editor_finds_no_report(series, theirs):
    client = staff_login(Client(), make_editor("their-editor", theirs.organisation))
    assert [client.get(url).status_code for url in report_urls(series)] == [404] * 4
    # ... though their own forum's report is there for them.
    own = reverse("admin:forums_forum_balance", args=[theirs.forum.pk])
    assert client.get(own).status_code == 200


def test_staff_without_the_editors_role_may_not_see_the_reports(series, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="a-long-pass", is_staff=True)
    client = staff_login(Client(), user)
    assert [client.get(url).status_code for url in report_urls(series)] == [403] * 4


def test_a_stranger_is_sent_to_log_in(series, client):
    for url in report_urls(series):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


# --- Queries: as many for a large forum as for a small one.


def grow(series: Series) -> None:
    """More of everything: a meeting, a group, languages, quotas, registrations, walk-ins."""
    youth = StakeholderGroupFactory.create(slug="youth")
    series.forum.stakeholder_groups.add(youth)
    third = MeetingFactory.create(forum=series.forum, capacity=20)
    for meeting in (series.first, third):
        GroupQuotaFactory.create(meeting=meeting, group=youth, seats=3)
        for number, code in enumerate(["so", "ru", "uk", "fi"]):
            _present(register(meeting, f"y{number}@example.org", group=youth, language_code=code))
            _walk_in(meeting, youth, code)


def test_the_reads_take_as_many_queries_however_large_the_forum(series, django_assert_num_queries):
    for size in ("small", "large"):
        # The meeting, its quotas, registrations and walk-ins counted, the groups, the
        # languages.
        with django_assert_num_queries(6):
            meeting_balance(meeting_id=series.first.pk)
        # The forum, then as above for its held meetings, and the meetings themselves.
        with django_assert_num_queries(7):
            forum_balance(forum_id=series.forum.pk)
        if size == "small":
            grow(series)
    assert len(forum_balance(forum_id=series.forum.pk).meetings) == 3


def test_the_pages_take_as_many_queries_however_large_the_forum(series, admin_client):
    counts = []
    for size in ("small", "large"):
        with CaptureQueriesContext(connection) as queries:
            for url in report_urls(series):
                assert admin_client.get(url).status_code == 200
        counts.append(len(queries))
        if size == "small":
            grow(series)
    assert counts[0] == counts[1]
