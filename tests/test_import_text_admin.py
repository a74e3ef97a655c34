"""Admin's "Import from text" page (projects/admin/text_import.py): who may use it, a pasted
page read into a draft with each fact marked where it was read, a file that is not text
refused, the draft saved unpublished for the editor's organisation, and a text whose
identifier the catalogue knows proposed as changes to that project, which only the project's
own editors may take. Every request goes through the real Editors group and admin's URLs."""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from portal.roles import EDITORS, roles_sync
from projects.admin.text_import import highlighted, organisations_named
from projects.importer.draft import Draft, Found, FunderRow, ImplementerRow
from projects.models import IdentifierScheme, Implementer, Organisation, Project

from . import seed_pages
from .factories import IdentifierFactory, OrganisationFactory
from .importing_helpers import draft_form
from .scoping_helpers import is_not_found
from .sides import make_editor, staff_login

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:projects_project_import_text")
CHANGELIST = reverse("admin:projects_project_changelist")
# The real project pages the portal was made from (tests/test_importer_seeds.py reads them too).
CODE = "S21485"


def seed_text(*, code: bool = False) -> str:
    """The Yhessä project's page (a duration, a funder, eight implementers, a contact), with
    a EURA code added when asked."""
    text = seed_pages.seed_text(1)
    return f"{text}\n\nProjektikoodi\n\n{CODE}\n" if code else text


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def read(client: Client, text: str, language: str = "fi"):
    return client.post(IMPORT, {"text": text, "language": language})


def marks(content: str) -> list[tuple[str, str]]:
    """Each <mark>: its facts and the text it marks (without the fact's name)."""
    found = re.findall(
        r'<mark class="import-fact" data-facts="([^"]*)"[^>]*>.*?</span></span> (.*?)</mark>',
        content,
        re.S,
    )
    return [(facts, html.unescape(text)) for facts, text in found]


def save(client: Client, form: dict[str, list[str]], **changes: list[str]):
    return client.post(IMPORT, {**form, **changes, "_save": ["1"]})


# --- Who may use it.


@pytest.mark.parametrize("who", ["admin_client", "editor_client"])
def test_the_project_list_offers_the_import_and_the_page_works(who, request):
    client = request.getfixturevalue(who)
    assert f'href="{IMPORT}"' in page(client.get(CHANGELIST))
    content = page(client.get(IMPORT))
    assert 'name="text"' in content
    assert 'accept=".txt,text/plain"' in content
    assert '<option value="sv">' in content


def test_a_stranger_is_sent_to_the_login():
    response = Client().get(IMPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert Client().post(IMPORT, {"text": seed_text()}).status_code == 302


@pytest.mark.parametrize("with_organisation", [True, False])
def test_staff_who_may_not_add_projects_get_403_and_no_link(with_organisation, ours):
    user = User.objects.create_user("viewer", password="a-long-pass-phrase", is_staff=True)
    if with_organisation:  # may only look at projects
        user.user_permissions.add(Permission.objects.get(codename="view_project"))
        ours.organisation.editors.add(user)
        client = staff_login(Client(), user)
        content = page(client.get(CHANGELIST))
        assert "Meidän hanke" in content
        assert IMPORT not in content
    else:  # an editor whom no organisation has yet: what they add would vanish from them
        user.groups.add(roles_sync()[EDITORS])
        client = staff_login(Client(), user)
    assert client.get(IMPORT).status_code == 403
    assert read(client, seed_text()).status_code == 403
    assert not Project.objects.filter(name_fi="Yhessä").exists()


# --- Reading a page.


def test_a_pasted_page_shows_its_facts_marked_and_what_is_missing(editor_client):
    OrganisationFactory.create(name_fi="Opetushallitus", abbreviation="OPH")
    response = read(editor_client, seed_text())
    content = page(response)

    found = marks(content)
    facts = {fact for facts, _text in found for fact in facts.split()}
    assert {"name", "start", "funders", "implementers", "target_groups", "contacts"} <= facts
    assert any("13.12.2017" in text for facts, text in found if "start" in facts.split())
    assert any("Opetushallitus" in text for facts, text in found if "funders" in facts.split())
    # A fact's name is in the mark as words, not only as a colour.
    assert re.search(r'<span class="import-fact-name">[^<]+<span class="visually-hidden">', content)

    missing = re.search(r'<ul class="import-missing">(.*?)</ul>', content, re.S)
    assert missing is not None
    with translation.override(response["Content-Language"]):
        assert f"<li>{capfirst(gettext('identifiers'))}</li>" in missing.group(1)
        assert f"<li>{capfirst(gettext('budget'))}</li>" in missing.group(1)
        assert f"<li>{capfirst(gettext('start'))}</li>" not in missing.group(1)
    assert re.search(r'<progress id="import-completeness" max="100" value="\d+"', content)

    oph = Organisation.objects.get(name_fi="Opetushallitus")
    organisation_url = reverse("admin:projects_organisation_change", args=[oph.pk])
    assert f'<a href="{organisation_url}">Opetushallitus (OPH)</a>' in content
    assert re.search(r"<li>Savon koulutuskuntayhtymä[^<]*: <strong>", content)

    form = draft_form(response)
    assert form["draft-name"] == ["Yhessä"]
    assert form["draft-start_date"] == ["13.12.2017"]  # as Finnish writes a date
    assert len(form["draft-keep_implementers"]) == 8  # each row ticked, to be left out by hand


def test_the_page_has_no_inline_script_or_style(editor_client):
    content = page(read(editor_client, seed_text()))
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", content)
    assert "<style" not in content
    assert " style=" not in content
    assert "projects/import_text.css" in content


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_binary_file_is_refused_in_the_users_language(language, editor_client):
    pdf = SimpleUploadedFile("page.txt", b"%PDF-1.7\n\x00\x01\x02 stream", "text/plain")
    response = editor_client.post(
        IMPORT, {"file": pdf, "language": ""}, HTTP_ACCEPT_LANGUAGE=language
    )
    content = page(response)
    with translation.override(response["Content-Language"]):
        expected = gettext(
            "This is not plain text (a PDF, an image or a spreadsheet?): copy the page's text."
        )
    assert html.escape(expected) in content
    assert "draft-text" not in content
    assert response["Content-Language"] == language


def test_marks_that_overlap_become_one_and_the_text_is_escaped():
    text = "Nimi <b>Yhessä</b> & 2017"
    result = str(highlighted(text, [Found("name", 5, 18), Found("start", 12, 25)]))
    assert result.count("<mark") == 1
    assert 'data-facts="name start"' in result
    assert "&lt;b&gt;Yhessä&lt;/b&gt; &amp; 2017</mark>" in result
    assert "<b>" not in result
    # A place outside the text is ignored rather than cut into the markup.
    assert str(highlighted("abc", [Found("name", 2, 99)])) == "abc"


@pytest.mark.parametrize("size", [2, 8])
def test_the_organisations_a_draft_names_are_looked_up_in_one_query(
    size, django_assert_num_queries
):
    matched = OrganisationFactory.create_batch(size)
    draft = Draft(
        language="fi",
        implementers=[ImplementerRow(o.name, organisation_id=o.pk) for o in matched]
        + [ImplementerRow("Uusi toimija")],
        funders=[FunderRow("Opetushallitus", funder_id=matched[0].pk)],
    )
    with django_assert_num_queries(1):  # the matched organisations, whatever their number
        listed = organisations_named(draft)
    assert [row["match"] for row in listed] == [*matched, None, matched[0]]
    assert listed[0]["url"] == reverse("admin:projects_organisation_change", args=[matched[0].pk])


# --- Saving.


def test_saving_makes_an_unpublished_project_that_the_editors_organisation_keeps(
    ours, theirs, editor, editor_client
):
    form = draft_form(read(editor_client, seed_text()))
    response = save(editor_client, form)

    project = Project.objects.get(name_fi="Yhessä")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:projects_project_change", args=[project.pk])
    assert not project.is_published
    assert set(project.maintainers.all()) == {ours.organisation}
    assert project.start_date == datetime.date(2017, 12, 13)
    assert project.implementers.count() == 8
    assert not Organisation.objects.get(name_fi="Savon koulutuskuntayhtymä").is_published

    assert page(editor_client.get(response["Location"]))
    assert project.pk in {p.pk for p in editor_client.get(CHANGELIST).context["cl"].result_list}
    other = staff_login(Client(), make_editor("other", theirs.organisation))
    assert is_not_found(other.get(response["Location"]))
    assert project.pk not in {p.pk for p in other.get(CHANGELIST).context["cl"].result_list}
    assert Client().get(project.get_absolute_url()).status_code == 404


def test_the_persons_edits_and_unticked_rows_are_what_is_saved(editor_client):
    form = draft_form(read(editor_client, seed_text()))
    kept = form["draft-keep_implementers"][1:]  # leave out the coordinator, Sakky
    save(
        editor_client,
        form,
        **{"draft-name": ["Yhessä – yhteisöllisyys"]},
        **{
            "draft-keep_implementers": kept,
            "draft-keywords": ["osallisuus\nopiskeluhuolto"],
        },
    )

    project = Project.objects.get(name_fi="Yhessä – yhteisöllisyys")
    names = set(project.implementers.values_list("organisation__name_fi", flat=True))
    assert len(names) == 7
    assert "Savon koulutuskuntayhtymä" not in names
    assert set(project.keywords.values_list("name", flat=True)) == {"osallisuus", "opiskeluhuolto"}


def test_an_error_shows_on_the_form_and_keeps_the_text_and_the_edits(editor_client):
    form = draft_form(read(editor_client, seed_text()))
    response = save(
        editor_client,
        form,
        **{"draft-name": ["Korjattu nimi"], "draft-end_date": ["2016-01-31"]},
    )

    content = page(response)
    with translation.override(response["Content-Language"]):
        assert html.escape(gettext("The project cannot end before it starts.")) in content
    again = draft_form(response)
    assert again["draft-name"] == ["Korjattu nimi"]
    assert again["draft-end_date"] == ["2016-01-31"]
    assert again["draft-text"] == form["draft-text"]
    assert not Project.objects.filter(name_fi__in=["Korjattu nimi", "Yhessä"]).exists()
    assert marks(content)  # the text is still shown, marked


def test_checking_the_edits_keeps_them_and_counts_them(editor_client):
    response = read(editor_client, seed_text())
    before = re.search(r'id="import-completeness" max="100" value="(\d+)"', page(response))
    form = draft_form(response)
    response = editor_client.post(
        IMPORT, {**form, "draft-keywords": ["osallisuus"], "_check": ["1"]}
    )

    content = page(response)
    after = re.search(r'id="import-completeness" max="100" value="(\d+)"', content)
    assert before and after and int(after.group(1)) > int(before.group(1))
    missing = re.search(r'<ul class="import-missing">(.*?)</ul>', content, re.S)
    with translation.override(response["Content-Language"]):
        assert missing and capfirst(gettext("keywords")) not in missing.group(1)
    assert draft_form(response)["draft-keywords"] == ["osallisuus"]
    assert not Project.objects.filter(name_fi="Yhessä").exists()


def test_reading_again_in_another_language_starts_the_draft_afresh(editor_client):
    form = draft_form(read(editor_client, seed_text()))
    assert form["draft-read_in"] == ["fi"]
    response = editor_client.post(
        IMPORT,
        {**form, "draft-name": ["Muokattu"], "draft-language": ["sv"], "_reread": ["1"]},
    )

    again = draft_form(response)
    assert again["draft-read_in"] == ["sv"]
    assert again["draft-name"] == ["Yhessä"]  # the edits are left, as the page says


# --- A text whose identifier the catalogue knows.


def test_another_organisations_project_is_proposed_but_cannot_be_changed(theirs, editor_client):
    IdentifierFactory.create(project=theirs.project, scheme=IdentifierScheme.EURA2014, value=CODE)
    before = Project.objects.count()
    response = read(editor_client, seed_text(code=True))

    content = page(response)
    assert "Heidän hanke" in content
    assert 'name="_save"' not in content
    assert 'name="merge-take"' not in content
    change_url = reverse("admin:projects_project_change", args=[theirs.project.pk])
    assert change_url not in content  # an editor cannot open it

    response = save(editor_client, draft_form(response), **{"merge-take": ["start", "name"]})
    assert response.status_code == 200
    theirs.project.refresh_from_db()
    assert theirs.project.name_fi == "Heidän hanke"
    assert theirs.project.start_date != datetime.date(2017, 12, 13)
    assert Project.objects.count() == before

    # Unpublished, it is not even named to another organisation's editor.
    Project.objects.filter(pk=theirs.project.pk).update(is_published=False)
    assert "Heidän hanke" not in page(read(editor_client, seed_text(code=True)))


def test_the_owner_takes_only_the_ticked_differences(ours, editor_client):
    IdentifierFactory.create(project=ours.project, scheme=IdentifierScheme.EURA2014, value=CODE)
    implementers = Implementer.objects.filter(project=ours.project).count()
    response = read(editor_client, seed_text(code=True))

    content = page(response)
    change_url = reverse("admin:projects_project_change", args=[ours.project.pk])
    assert f'<a href="{change_url}">Meidän hanke</a>' in content
    form = draft_form(response)
    assert 'value="implementers"' in content and 'value="name"' in content

    response = save(editor_client, form, **{"merge-take": ["start"]})
    assert response.status_code == 302
    assert response["Location"] == change_url
    ours.project.refresh_from_db()
    assert ours.project.start_date == datetime.date(2017, 12, 13)
    assert ours.project.name_fi == "Meidän hanke"
    assert Implementer.objects.filter(project=ours.project).count() == implementers
    assert not Project.objects.filter(name_fi="Yhessä").exists()


def test_a_project_of_the_same_name_is_pointed_to_not_a_strangers_draft(
    editor_client, ours, theirs
):
    Project.objects.filter(pk=theirs.project.pk).update(is_published=False)
    for side, shown in ((ours, True), (theirs, False)):
        text = f"{side.project.name}\n\nRahoittaja\nOpetushallitus\n\nKesto\n2020–2021\n"
        content = page(read(editor_client, text))
        assert ("project-namesakes" in content) is shown
        assert (
            reverse("admin:projects_project_change", args=[side.project.pk]) in content
        ) is shown


def test_a_paste_too_large_to_read_is_answered_in_words(editor_client):
    response = editor_client.post(IMPORT, {"text": "Hanke " * 500_000, "language": "fi"})
    assert response.status_code == 400
    with translation.override("fi"):
        assert gettext("The request could not be read") in response.content.decode()
