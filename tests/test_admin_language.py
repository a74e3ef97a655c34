"""The admin speaks the coordinator's language: every page a superuser or an editor opens,
in Finnish and in Swedish, has none of Django admin's English and none of the Finnish that
Django's catalogue makes ungrammatical by gluing a model's name into a sentence ("Muokkaa
hanke", "Lisää toinen Linkki", "4 tapaamiset"). The selectors, calendars and other admin
scripts get their words from the JavaScript catalogue, which must have them all too."""

import contextlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import polib
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.db.models import Model
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from forums.models import (
    Attendance,
    GroupQuota,
    InvitationText,
    InviteeImport,
    Language,
    OutreachChannel,
    Registration,
    WalkIn,
)

from .factories import (
    EventFactory,
    FundingFactory,
    IdentifierFactory,
    KeywordFactory,
    LinkFactory,
    ThemeFactory,
    programme_tree,
)
from .sides import Side, make_editor, staff_login

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv"]

# Django admin's own English, as its templates, forms and scripts put it on a page; and the
# English of the admin apps the portal installs (auditlog, axes). Matched as whole words.
ENGLISH = [
    "Add",
    "Add another",
    "Save",
    "Save and add another",
    "Save and continue editing",
    "Save as new",
    "Delete",
    "History",
    "Home",
    "View site",
    "View on site",
    "Filter",
    "Search",
    "Choose",
    "Choose all",
    "Remove",
    "Remove all",
    "Select all",
    "Clear selection",
    "result",
    "results",
    "Change",
    "Changes",
    "Available",
    "Chosen",
    "Show all",
    "Show counts",
    "Hide counts",
    "By",
    "Action",
    "Go",
    "Log out",
    "Welcome",
    "Recent actions",
    "My actions",
    "None available",
    "Toggle theme",
    "Skip to main content",
    # django-import-export's, on the spreadsheet pages.
    "Import",
    "Export",
    "Format",
    "Submit",
    "File to import",
    "Start typing to filter",
    "selected",
    "Today",
    "Now",
    "Yesterday",
    "Tomorrow",
    "Currently",
    "Clear",
    "Date",
    "Time",
    "All",
    "Any date",
    "Past 7 days",
    "This month",
    "This year",
    "Yes",
    "No",
    "Unknown",
    "Empty",
    "Audit log",
    "Resource",
    "Resource Type",
    "Created",
    "Correlation ID",
    "Locked Out",
    "Username",
    "Password",
    "Permissions",
    "Important dates",
    "Personal info",
    "Attempt Time",
    "access attempts",
    "access logs",
    "access failures",
    "log entries",
    "No log entries found",
    "Model name",
    "Error",
]
ENGLISH_WORDS = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(phrase) for phrase in ENGLISH) + r")(?![\w-])"
)

INVISIBLE = {"script", "style", "template", "head"}
SPOKEN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}


class _VisibleText(HTMLParser):
    """What a person reads or hears on the page: its text, tooltips and labels, and the
    words on its buttons."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in INVISIBLE:
            self._hidden += 1
        named = dict(attrs)
        self.parts.extend(named[name] or "" for name in SPOKEN_ATTRIBUTES if name in named)
        if tag == "input" and named.get("type") in {"submit", "button", "reset"}:
            self.parts.append(named.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in INVISIBLE and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    reader = _VisibleText()
    reader.feed(html)
    reader.close()
    return " ".join(" ".join(reader.parts).split())


def broken_finnish() -> re.Pattern[str]:
    """Django's Finnish with a model's name glued in: "Muokkaa hanke" (the verb wants
    "hanketta"), "4 tapaamiset", "Poista valitut "ryhmät"-kohteet", "Lisää toinen Linkki"."""
    forms = [r"Lisää toinen", r"-ylläpito\b", r"Valitse kaikki \d", r'"-kohte']
    with translation.override("fi"):
        for model in registered_models():
            singular = re.escape(str(model._meta.verbose_name))
            plural = re.escape(str(model._meta.verbose_name_plural))
            forms += [
                rf"Muokkaa {singular}\b",
                rf"\b\d+ {plural}\b(?!:)",
                rf"\bvalit(tuja|ut) {singular}\b",
            ]
    return re.compile("|".join(forms))


def problems(html: str, language: str) -> list[str]:
    text = visible_text(html)
    found = [match.group(0) for match in ENGLISH_WORDS.finditer(text)]
    if language == "fi":
        found += [f"fi: {match.group(0)}" for match in broken_finnish().finditer(text)]
    return found


def file_columns_left_out(html: str) -> str:
    """An export page lists the file's columns to choose from by their names in the file
    ("start_date" as "Start Date"), which are the same in every language."""
    return re.sub(r'<label for="id_\w+resource_\w+">[^<]*</label>', "", html)


def registered_models() -> list[type[Model]]:
    return [model for model in apps.get_models() if admin.site.is_registered(model)]


def model_pages(user: User) -> list[str]:
    """The index, and for each model the person may see: its section's index, its list, its
    add form, an object's change form, history and (where they may delete) delete page."""
    request = RequestFactory().get("/admin/")
    request.user = user
    addresses = [reverse("admin:index")]
    sections = set()
    for model in registered_models():
        model_admin = admin.site.get_model_admin(model)
        if not model_admin.has_view_or_change_permission(request):
            continue
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        sections.add(model._meta.app_label)
        addresses.append(reverse(f"{name}_changelist"))
        if model_admin.has_add_permission(request):
            addresses.append(reverse(f"{name}_add"))
        first = model_admin.get_queryset(request).order_by("pk").first()
        assert first is not None, f"no {model._meta.label} to open"
        for view in ("change", "history", "auditlog"):
            with contextlib.suppress(NoReverseMatch):
                addresses.append(reverse(f"{name}_{view}", args=[first.pk]))
        if model_admin.has_delete_permission(request, first):
            addresses.append(reverse(f"{name}_delete", args=[first.pk]))
    addresses += [reverse("admin:app_list", args=[label]) for label in sorted(sections)]
    return addresses


def own_pages(user: User, side: Side) -> list[str]:
    """The portal's own admin pages that answer a GET."""
    job = InviteeImport.objects.get()
    meeting = side.meeting.pk
    addresses = [
        reverse("admin:password_change"),
        reverse("admin:forums_invitee_import"),
        reverse("admin:forums_invitee_import_progress", args=[job.pk]),
        reverse("admin:forums_meeting_invite", args=[meeting]),
        reverse("admin:forums_meeting_check_in", args=[meeting]),
        reverse("admin:forums_meeting_balance", args=[meeting]),
        reverse("admin:forums_forum_balance", args=[side.forum.pk]),
        reverse("admin:projects_project_import_text"),
        reverse("admin:projects_project_import"),
        reverse("admin:projects_project_export"),
        reverse("admin:projects_organisation_import"),
        reverse("admin:projects_organisation_export"),
    ]
    if user.has_perm("forums.manage_personal_data"):
        addresses.append(reverse("admin_personal_data"))
    if user.is_superuser:
        addresses.append(reverse("admin:auth_user_password_change", args=[user.pk]))
        device = TOTPDevice.objects.get(user=user)
        addresses.append(reverse("admin:otp_totp_totpdevice_config", args=[device.pk]))
    return addresses


def action_pages(side: Side) -> list[tuple[str, dict[str, Any]]]:
    """The forms that the actions on a list open (some on a page of their own): the POST that
    opens each."""
    meeting, forum, registration = side.meeting.pk, side.forum.pk, side.registration.pk
    return [
        ("forums_forum", {"action": "generate_meetings", "_selected_action": [forum]}),
        ("forums_meeting", {"action": "send_invitations", "_selected_action": [meeting]}),
        ("forums_meeting", {"action": "delete_selected", "_selected_action": [meeting]}),
        (
            "forums_registration",
            {"action": "erase_personal_data", "_selected_action": [registration]},
        ),
    ]


@pytest.fixture
def everything(ours: Side, admin_user: User) -> Side:
    """One object of every kind the admin lists, besides what `ours` made."""
    KeywordFactory.create()
    ThemeFactory.create()
    LinkFactory.create(project=ours.project)
    # The catalogue's rows of every kind, so that each inline and list shows one.
    FundingFactory.create(project=ours.project, programme=programme_tree()["objective"])
    IdentifierFactory.create(project=ours.project)
    EventFactory.create(project=ours.project)
    InvitationText.objects.create(
        language=Language.objects.get(code="fi"),
        organisation=ours.organisation,
        subject="Tervetuloa",
        body="Tervetuloa tapaamiseen.",
    )
    InviteeImport.objects.create(kept_by=ours.organisation, started_by=admin_user)
    # Someone checked in and someone who came without registering, for the meeting's desk,
    # check-in and balance pages.
    Registration.objects.filter(pk=ours.registration.pk).update(attendance=Attendance.PRESENT)
    WalkIn.objects.create(meeting=ours.meeting, group=ours.invitee.group, name="Vieras")
    GroupQuota.objects.create(meeting=ours.meeting, group=ours.invitee.group, seats=1)
    OutreachChannel.objects.create(meeting=ours.meeting, name="Koulu")
    # A locked-out login, as django-axes records it.
    where = {"username": "someone", "ip_address": "192.0.2.1", "user_agent": "Firefox"}
    AccessAttempt.objects.create(**where, failures_since_start=5, get_data="", post_data="")
    AccessFailureLog.objects.create(**where, locked_out=True)
    AccessLog.objects.create(**where)
    return ours


def staff_client(user: User, language: str) -> Client:
    """The person's browser, set to the language."""
    return staff_login(Client(headers={"accept-language": language}), user)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_every_admin_page_speaks_the_language(everything, admin_user, language, who):
    user = admin_user if who == "superuser" else make_editor("editor", everything.organisation)
    client = staff_client(user, language)
    pages = {}
    for address in model_pages(user) + own_pages(user, everything):
        pages[address] = client.get(address)
    for model_name, data in action_pages(everything):
        address = reverse(f"admin:{model_name}_changelist")
        pages[f"{address} {data['action']}"] = client.post(address, data, follow=True)
    found = {}
    for address, response in pages.items():
        assert response.status_code == 200, address
        assert response["Content-Language"] == language
        # django-otp's and auditlog's own English (outside any catalogue) included: the
        # portal's admin classes name their columns, fields and sections (portal/admin.py).
        page_problems = set(problems(file_columns_left_out(response.content.decode()), language))
        if page_problems:
            found[address] = sorted(page_problems)
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_is_titled_hankeportaali(admin_client, language):
    page = admin_client.get(reverse("admin:index"), headers={"accept-language": language})
    html = page.content.decode()
    assert "<title>Hankeportaali | Hankeportaali</title>" in html
    assert '<div id="site-name"><a href="/admin/">Hankeportaali</a></div>' in html
    assert "<h1>Hankeportaali</h1>" in html


@pytest.mark.parametrize(("language", "counted"), [("fi", "Tapaamiset: 1"), ("sv", "Möten: 1")])
def test_a_list_counts_as_people_say_it(admin_client, ours, language, counted):
    page = admin_client.get(
        reverse("admin:forums_meeting_changelist"), headers={"accept-language": language}
    )
    assert counted in visible_text(page.content.decode())


def admin_script_msgids() -> set[tuple[str | None, str]]:
    """The (context, msgid) pairs that the admin's own scripts ask the catalogue for."""
    scripts = Path(finders.find("admin/js/SelectFilter2.js") or "").parent
    call = re.compile(
        r"""\b(n?gettext|pgettext|gettext_noop)\(\s*(['"])(.+?)\2(?:\s*,\s*(['"])(.+?)\4)?"""
    )
    found = set()
    for script in scripts.rglob("*.js"):
        if "vendor" in script.parts:
            continue
        for match in call.finditer(script.read_text()):
            function, first, second = match.group(1), match.group(3), match.group(5)
            found.add((first, second) if function == "pgettext" else (None, first))
    return found


# Words that are the same in the language as in English.
SAME_AS_ENGLISH = {"fi": set(), "sv": {"Filter"}}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_scripts_have_every_word_in_the_language(admin_client, language):
    response = admin_client.get(reverse("admin:jsi18n"), headers={"accept-language": language})
    source = response.content.decode()
    found = re.search(r"const newcatalog = (\{.*?\});", source, re.S)
    assert found is not None, source[:300]
    catalogue = json.loads(found.group(1))
    msgids = admin_script_msgids()
    assert len(msgids) > 60
    assert ("one letter Sunday", "S") in msgids
    assert (None, "Choose all %s") in msgids
    missing = {}
    for context, msgid in msgids:
        translated = catalogue.get(f"{context}\x04{msgid}" if context else msgid)
        words = translated if isinstance(translated, list) else [translated]
        short = len(msgid) <= 3  # one-letter weekdays and abbreviations may coincide
        if not all(words) or (
            not short and msgid in words and msgid not in SAME_AS_ENGLISH[language]
        ):
            missing[msgid] = translated
    assert missing == {}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_catalogues_are_complete(language, domain):
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / f"{domain}.po"
    catalogue = polib.pofile(str(path))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
