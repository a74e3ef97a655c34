"""A project editor, in Finnish, logs into admin, creates a project in three languages with an
implementer and funding, publishes it and finds it on the public pages; then schedules a
meeting of the OmaPolku forum and sends invitations to it."""

import datetime
import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import BrowserContext, Locator, Page, expect

from forums.models import Forum, Invitee, Language, Meeting
from portal.roles import EDITORS
from projects.models import ImplementerRole, Project

from ..sides import one_time_code
from .support import STAFF_PASSWORD, axe_violations, omnia_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAMES = {"fi": "Kielisilta", "sv": "Språkbron", "en": "Language Bridge"}
TAB_NAMES = {"fi": "Suomi", "sv": "Ruotsi", "en": "Englanti"}


@pytest.fixture
def editor(demo: None) -> User:
    return omnia_staff("eeva.editori", EDITORS)


@pytest.fixture
def admin_page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context("fi").new_page()


def fill_in_tab(page: Page, field: str, language: str, text: str) -> None:
    """Type into one language of a translated field: open its tab, then the box it shows."""
    tabs = page.locator(".ui-tabs").filter(has=page.locator(f"#id_{field}_fi"))
    # Each tab is named with the field's label and the language's name ("Nimi: Ruotsi").
    tabs.get_by_role("tab", name=re.compile(f": {TAB_NAMES[language]}$")).click()
    box = page.locator(f"#id_{field}_{language}")
    expect(box).to_be_visible()
    for other in {"fi", "sv", "en"} - {language}:
        expect(page.locator(f"#id_{field}_{other}")).to_be_hidden()
    box.fill(text)


def choose_autocomplete(page: Page, row: Locator, field: str, search: str, option: str) -> None:
    """Pick an organisation or a forum in admin's autocomplete (select2) box."""
    row.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill(search)
    page.locator(".select2-dropdown .select2-results__option", has_text=option).click()


def test_editor_creates_publishes_and_schedules(
    demo: None, editor, admin_page: Page, outside_requests: list[str]
) -> None:
    page = admin_page
    page.goto("/admin/")
    page.get_by_label("Käyttäjätunnus").fill("eeva.editori")
    page.get_by_label("Salasana").fill(STAFF_PASSWORD)
    page.get_by_label("Kertakäyttökoodi").fill(one_time_code(editor))
    page.get_by_role("button", name="Kirjaudu sisään").click()
    expect(page.get_by_role("heading", name="Hankeportaali", level=1)).to_be_visible()

    # --- A new project in three languages, with an implementer and funding.
    page.get_by_role("row", name="Hankkeet").get_by_role("link", name="Lisää").click()
    expect(page).to_have_url(re.compile(r"/admin/projects/project/add/$"))
    for language, name in NAMES.items():
        fill_in_tab(page, "name", language, name)
    expect(page.get_by_label("URL-tunniste")).to_have_value("kielisilta")  # from the Finnish name
    page.get_by_label("Julkaistu").check()
    fill_in_tab(page, "tagline", "fi", "Vanhempien ja koulun yhteinen kieli")
    fill_in_tab(page, "tagline", "en", "A shared language for parents and school")
    # The start and end beside their precision and their text as written.
    page.locator("#id_start_date").fill("1.1.2026")
    page.locator("#id_end_date").fill("31.12.2027")

    page.get_by_role("button", name="Toteuttaja: lisää uusi").click()
    implementer = page.locator("#implementers-0")
    choose_autocomplete(page, implementer, "organisation", "Omnia", "Omnia")
    implementer.locator("select[name$=role]").select_option(label="koordinaattori")
    page.get_by_role("button", name="Rahoitus: lisää uusi").click()
    funding = page.locator("#fundings-0")
    choose_autocomplete(page, funding, "funder", "Opetushallitus", "Opetushallitus")
    funding.get_by_label("Summa (EUR)").fill("120000")
    page.get_by_role("button", name="Tallenna ja poistu").click()

    expect(page.locator(".messagelist .success")).to_contain_text("Kielisilta")
    project = Project.objects.get(slug="kielisilta")
    assert (project.name_fi, project.name_sv, project.name_en) == tuple(NAMES.values())
    assert project.is_published
    assert [(i.organisation.slug, i.role) for i in project.implementers.all()] == [
        ("omnia", ImplementerRole.COORDINATOR)
    ]
    assert [(f.funder.slug, f.amount) for f in project.fundings.all()] == [
        ("opetushallitus", 120000)
    ]
    # Only what she entered is stated; her organisation keeps the record, which is no role.
    assert [organisation.slug for organisation in project.maintainers.all()] == ["omnia"]

    # --- The public listing shows it in each language under that language's name.
    for language, name in NAMES.items():
        page.goto(f"/{language}/projects/")
        card = page.get_by_role("article").filter(has_text=name)
        expect(card.get_by_role("link", name=name)).to_have_attribute(
            "href", f"/{language}/projects/kielisilta/"
        )
    card.get_by_role("link", name=NAMES["en"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAMES["en"])
    expect(page.get_by_role("link", name=re.compile("Omnia"))).to_be_visible()

    # --- A meeting of the OmaPolku forum, four weeks from now at 17.00.
    day = timezone.localdate() + datetime.timedelta(days=28)
    page.goto("/admin/")
    with page.expect_response(re.compile(r"/admin/forums/meeting/add/$")) as add_form:
        page.get_by_role("row", name="Tapaamiset").get_by_role("link", name="Lisää").click()
    assert add_form.value.status == 200, "the meeting add form failed: see the server's log"
    form = page.locator("#meeting_form")
    choose_autocomplete(page, form, "forum", "OmaPolku", "OmaPolku-yhteistyöfoorumit")
    fill_in_tab(page, "title", "fi", "Kevään foorumi: kesätyöt ja harjoittelu")
    fill_in_tab(page, "title", "en", "Spring forum: summer jobs and traineeships")
    page.locator("#id_starts_at_0").fill(f"{day:%d.%m.%Y}")
    page.locator("#id_starts_at_1").fill("17:00")
    page.locator("#id_ends_at_0").fill(f"{day:%d.%m.%Y}")
    page.locator("#id_ends_at_1").fill("19:00")
    page.get_by_label("Tapaamispaikka").fill("Myyrmäen kirjasto")
    page.get_by_label("Kunta:", exact=True).fill("Vantaa")
    page.get_by_role("spinbutton", name="Paikat:", exact=True).fill("25")
    page.get_by_role("button", name="Tallenna ja poistu").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    meeting = Meeting.objects.get(title_fi="Kevään foorumi: kesätyöt ja harjoittelu")
    assert meeting.forum.slug == "omapolku-yhteistyofoorumit"
    starts = timezone.localtime(meeting.starts_at)  # in Europe/Helsinki
    assert (starts.date(), starts.time()) == (day, datetime.time(17))
    assert meeting.capacity == 25
    page.goto("/en/forums/omapolku-yhteistyofoorumit/")
    expect(
        page.get_by_role("article").filter(has_text="Spring forum: summer jobs and traineeships")
    ).to_contain_text("Seats available")
    assert outside_requests == []


def test_editor_sends_invitations_to_a_meeting(
    demo: None, editor, admin_page: Page, new_context, live_server, settings, mailoutbox
) -> None:
    settings.PORTAL_URL = live_server.url
    forum = Forum.objects.get(slug="omapolku-yhteistyofoorumit")
    starts = timezone.now() + datetime.timedelta(days=21)
    meeting = Meeting.objects.create(
        forum=forum,
        title_fi="Kutsutapaaminen",
        title_en="Meeting by invitation",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        capacity=20,
    )
    parents = forum.stakeholder_groups.get(slug="parents")
    for name, code in [("Aino Kutsuttu", "fi"), ("Ben Invited", "en"), ("Amal Da'wa", "ar")]:
        Invitee.objects.create(
            name=name,
            email=f"{name.split()[0].lower()}@example.org",
            group=parents,
            language=Language.objects.get(code=code),
            consent_at=timezone.now(),
        )

    page = admin_page
    page.goto("/admin/")
    page.get_by_label("Käyttäjätunnus").fill("eeva.editori")
    page.get_by_label("Salasana").fill(STAFF_PASSWORD)
    page.get_by_label("Kertakäyttökoodi").fill(one_time_code(editor))
    page.get_by_role("button", name="Kirjaudu sisään").click()

    # --- From the meeting's page: the groups to invite (the forum's, all ticked) and the
    # count of who would get an invitation, before anything is sent.
    page.goto(f"/admin/forums/meeting/{meeting.pk}/change/")
    page.locator(".meeting-desk").get_by_role("link", name="Lähetä kutsut").click()
    groups = page.get_by_role("group").get_by_role("checkbox")
    expect(groups).to_have_count(forum.stakeholder_groups.count())
    for box in groups.all():
        expect(box).to_be_checked()
    expect(page.get_by_role("row", name="Yhteensä")).to_contain_text("3")
    assert axe_violations(page) == []
    assert mailoutbox == []
    page.get_by_role("button", name="Lähetä 3 kutsua").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/admin/forums/meeting/{meeting.pk}/change/$"))

    # --- Everyone got one invitation, in their language; the meeting's page counts them.
    invitations = list(mailoutbox)
    assert sorted(message.to[0] for message in invitations) == [
        "aino@example.org",
        "amal@example.org",
        "ben@example.org",
    ]
    languages = {
        message.to[0]: message.extra_headers["Content-Language"] for message in invitations
    }
    assert languages == {
        "aino@example.org": "fi",
        "ben@example.org": "en",
        "amal@example.org": "fi, en",
    }
    page.goto(f"/admin/forums/meeting/{meeting.pk}/change/")
    progress = page.locator(".invitation-progress")
    expect(progress.locator('[data-count="invited"]')).to_have_text("3")
    expect(progress.locator('[data-count="sent"]')).to_have_text("3")

    # --- Ben opens his personal link on a phone: his details are filled in; he registers.
    ben = next(message for message in invitations if message.to[0] == "ben@example.org")
    link = re.search(rf"{re.escape(live_server.url)}/en/meetings/\d+/\?invitation=\S+", ben.body)
    assert link is not None
    phone = new_context("en", viewport={"width": 375, "height": 812}).new_page()
    phone.goto(link.group(0))
    expect(phone.get_by_text("Welcome, Ben Invited")).to_be_visible()
    expect(phone.get_by_label("Your name")).to_have_value("Ben Invited")
    expect(phone.get_by_label("E-mail", exact=True)).to_have_value("ben@example.org")
    phone.get_by_label("Your age").select_option(label="18 or over")
    phone.get_by_label("I agree").check()
    phone.get_by_role("button", name="Register").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    page.reload()
    expect(progress.locator('[data-count="registered"]')).to_have_text("1")

    # --- Sending again invites nobody twice: the page says so and offers no sending.
    sent_before = len(mailoutbox)
    page.goto(f"/admin/forums/meeting/{meeting.pk}/invite/")
    expect(page.get_by_text("Kukaan ei saisi kutsua nyt.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Lähetä"))).to_have_count(0)
    assert len(mailoutbox) == sent_before
