"""What `python -m bench.load` requests (the pages, the meetings to register for, a meeting
of its own for each burst), and the queries each page makes, counted and explained."""

import datetime
import re
import time
from dataclasses import dataclass, field
from typing import Any

from tests.integration.harness import PROXY_HEADERS

# --- What to load, and the queries each page makes -----------------------------------------

# Searches of the kinds issue 19 asks for, in words that bench/data_text.py writes: a compound
# part ("kielitaito", "ammattitaito", "lukutaito"), two words, a typo of "hyvinvointi", the first
# letters of "kotoutuminen" (the inflected "opiskelijoiden" is beside the other pages).
SEARCHES = [
    ("search 'taito' (compound part)", "/fi/projects/?q=taito"),
    ("search 'nuorten hyvinvointi'", "/fi/projects/?q=nuorten+hyvinvointi"),
    ("search 'hyvinvionti' (typo)", "/fi/projects/?q=hyvinvionti"),
    ("search 'kotout' (prefix)", "/fi/projects/?q=kotout"),
]


@dataclass
class Targets:
    pages: list[tuple[str, str]]  # (name, path)
    posts: list[tuple[int, int]]  # (meeting id, stakeholder group id)
    burst_forum: int = 0
    burst_groups: list[int] = field(default_factory=list)


def _targets() -> Targets:
    from django.db.models import Count
    from django.utils import timezone

    from forums.models import Forum, Meeting, MeetingStatus, StakeholderGroup
    from projects.models import Organisation, Project

    now = timezone.now()
    funder = (
        Organisation.objects.annotate(count=Count("fundings_given"))
        .order_by("-count", "pk")
        .first()
    )
    project = (
        Project.objects.published()
        .annotate(
            implementer_count=Count("implementers", distinct=True),
            forum_count=Count("forums", distinct=True),
        )
        .filter(implementer_count__gte=3, forum_count__gte=1)
        .order_by("pk")
        .first()
    ) or Project.objects.published().order_by("pk").first()
    open_meetings = [
        meeting
        for meeting in Meeting.objects.public()
        .upcoming(now)
        .filter(status=MeetingStatus.SCHEDULED, invitation_only=False)
        .select_related("forum")
        .prefetch_related("forum__stakeholder_groups", "quotas")
        .order_by("starts_at", "pk")
        if meeting.registration_is_open(now)
    ]
    if not (funder and project and open_meetings):
        raise RuntimeError("The database lacks the data the benchmark needs: generate it first.")
    shown = next((m for m in open_meetings if m.quotas.all()), open_meetings[0])
    posts = [
        (meeting.pk, meeting.forum.stakeholder_groups.all()[0].pk)
        for meeting in open_meetings
        if meeting.forum.stakeholder_groups.all()
    ]

    # The burst's meetings are in this forum, open to every group.
    forum = Forum.objects.filter(project__is_published=True).order_by("pk").first()
    if forum is None:
        raise RuntimeError("No forum: generate the data first.")
    groups = list(StakeholderGroup.objects.values_list("pk", flat=True))
    forum.stakeholder_groups.add(*groups)
    return Targets(
        pages=[
            ("home", "/fi/"),
            ("listing, page 1", "/fi/projects/"),
            ("listing, page 400", "/fi/projects/?page=400"),
            ("listing, funder + region", f"/fi/projects/?funder={funder.slug}&region=uusimaa"),
            ("search 'opiskelijoiden'", "/fi/projects/?q=opiskelijoiden"),
            *SEARCHES,
            ("project detail", f"/fi/projects/{project.slug}/"),
            ("forums", "/fi/forums/"),
            ("meeting", f"/fi/meetings/{shown.pk}/"),
            ("API projects, page of 50", "/api/v1/projects/?lang=fi"),
            ("API project detail", f"/api/v1/projects/{project.slug}/?lang=fi"),
        ],
        posts=posts,
        burst_forum=forum.pk,
        burst_groups=groups,
    )


def _burst_meeting(forum_id: int) -> int:
    """A meeting of its own for one burst: 50 seats, registration open, no seats per group."""
    from django.utils import timezone

    from forums.models import Meeting

    starts = timezone.now() + datetime.timedelta(days=30)
    return Meeting.objects.create(
        forum_id=forum_id,
        title_fi="Kuormitustesti",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        capacity=50,
    ).pk


@dataclass
class QueryCount:
    count: int
    milliseconds: float
    request_ms: float
    slowest: list[tuple[float, str]]
    queries: list[tuple[float, str]]


def _count_queries(targets: Targets) -> dict[str, QueryCount]:
    """One request per page with the test client, in this process, on the same database (the
    second of two: the first warms up what a worker keeps between requests). Server-side
    cursors are off meanwhile: with them, the time a query spends in its FETCHes (iterator(),
    as form choices use) would not be counted."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers=PROXY_HEADERS)
    counts = {}
    requests: list[tuple[str, str, dict[str, Any] | None]] = [
        (name, path, None) for name, path in targets.pages
    ]
    meeting_id, group_id = targets.posts[-1]
    form = {
        "name": "Kyselyt Laskija",
        "group": group_id,
        "language": "fi",
        "age_group": "adult",
        "consent": "on",
    }
    requests.append(("registration POST", f"/fi/meetings/{meeting_id}/", form))
    server_side = connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS", False)
    connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = True
    for name, path, data in requests:
        for attempt in range(2):
            if data is not None:
                data = {**data, "email": f"queries-{attempt}-{time.time_ns()}@example.org"}
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.post(path, data) if data else client.get(path)
                request_ms = (time.perf_counter() - started) * 1000
            expected = 302 if data else 200
            if response.status_code != expected and data is None:
                raise RuntimeError(f"{name}: HTTP {response.status_code} from {path}")
            if response.status_code != expected:
                # The registration form changes more often than the pages: report it, and
                # still measure the pages.
                print(f"  note: {name} answered HTTP {response.status_code}, not {expected}")
        queries = [(float(query["time"]) * 1000, query["sql"]) for query in captured]
        counts[name] = QueryCount(
            count=len(queries),
            milliseconds=sum(ms for ms, _sql in queries),
            request_ms=request_ms,
            slowest=sorted(queries, reverse=True)[:3],
            queries=queries,
        )
        print(f"  {name}: {len(queries)} queries, {request_ms:.0f} ms alone", flush=True)
    connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = server_side
    return counts


def _plain_sql(sql: str) -> str:
    """The query itself, without the server-side cursor Django wraps iterator() reads in."""
    return re.sub(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH(OUT)? HOLD FOR ', "", sql)


def _explain(sql: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + _plain_sql(sql))
        return [row[0] for row in cursor.fetchall()]
