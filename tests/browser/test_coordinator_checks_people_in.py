"""On the day of a meeting, a coordinator of the organising project checks people in at the
door on a phone, in Finnish: finds a person by name, marks them with one tap, keeps marking
when the connection drops, adds a walk-in; the meeting's page then sums the attendance."""

import datetime
import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect

from forums.models import Attendance, Forum, Meeting, Registration, WalkIn
from portal.roles import EDITORS

from ..forum_factories import register
from .conftest import PHONE
from .support import admin_log_in, axe_violations, layout_problems, omnia_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def coordinator(demo: None) -> User:
    return omnia_staff("kaisa.koordinaattori", EDITORS)


@pytest.fixture
def todays_meeting(demo: None) -> Meeting:
    forum = Forum.objects.get(slug="omapolku-yhteistyofoorumit")
    starts = timezone.now() + datetime.timedelta(minutes=30)
    meeting = Meeting.objects.create(
        forum=forum,
        title_fi="Tämän illan foorumi",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        capacity=10,
    )
    parents = forum.stakeholder_groups.get(slug="parents")
    for name in ["Aino Aaltonen", "Bashir Barre", "Cecilia Cruz"]:
        register(meeting, f"{name.split()[0].lower()}@example.org", name=name, group=parents)
    return meeting


def attendance(name: str) -> str:
    return Registration.objects.get(name=name).attendance


def test_coordinator_checks_people_in_on_a_phone(
    coordinator: User, todays_meeting: Meeting, new_context: Callable[..., BrowserContext]
) -> None:
    context = new_context("fi", **PHONE)
    page = context.new_page()
    admin_log_in(page, coordinator)

    # --- From the meeting's page to its check-in list.
    page.goto(f"/admin/forums/meeting/{todays_meeting.pk}/change/")
    page.get_by_role("link", name="Läsnäolot").click()
    rows = page.locator("[id^=registration-]")
    expect(rows).to_have_count(3)
    page.wait_for_load_state("load")  # its style sheets too
    assert layout_problems(page) == []
    assert axe_violations(page) == []

    # --- Found by name, marked present with one tap, without leaving the page.
    page.get_by_label("Etsi nimellä").fill("bash")
    expect(rows.filter(visible=True)).to_have_count(1)
    present = page.get_by_role("button", name="Paikalla: Bashir Barre")
    with page.expect_response(re.compile("/check-in/mark/$")) as saved:
        present.click()
    assert saved.value.ok
    expect(present).to_have_attribute("aria-pressed", "true")
    assert attendance("Bashir Barre") == Attendance.PRESENT
    page.get_by_label("Etsi nimellä").fill("")
    expect(rows.filter(visible=True)).to_have_count(3)

    # --- The connection drops: the mark waits on the phone, then goes when it is back.
    sync = page.locator("#check-in-sync")
    context.set_offline(True)
    page.get_by_role("button", name="Poissa: Cecilia Cruz").click()
    expect(sync).not_to_be_empty()
    waiting_text = sync.inner_text()
    assert attendance("Cecilia Cruz") == ""
    context.set_offline(False)
    with page.expect_response(re.compile("/check-in/mark/$")) as saved:
        page.evaluate("window.dispatchEvent(new Event('online'))")
    assert saved.value.ok
    expect(sync).not_to_have_text(waiting_text)
    assert attendance("Cecilia Cruz") == Attendance.ABSENT

    # --- Someone came without registering.
    page.get_by_label("Sidosryhmä", exact=True).select_option(index=1)
    page.get_by_role("button", name="Lisää ilmoittautumatta tullut").click()
    expect(page.locator("#walk-ins li")).to_have_count(1)
    assert WalkIn.objects.filter(meeting=todays_meeting).count() == 1
    page.wait_for_load_state("load")  # the page came again after the form's post
    assert layout_problems(page) == []
    assert axe_violations(page) == []

    # --- The meeting's page sums it up per group.
    page.goto(f"/admin/forums/meeting/{todays_meeting.pk}/change/")
    summary = page.locator(".attendance-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("tfoot td").nth(1)).to_have_text("1")  # present
    expect(summary.locator("tfoot td").nth(2)).to_have_text("1")  # absent
    expect(summary.locator("tfoot td").nth(4)).to_have_text("1")  # walk-ins
