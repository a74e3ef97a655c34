"""Saving what the importer read: a new project as an unpublished draft with exactly the rows
the page names, a project the catalogue already has never entered twice but proposed for a
merge, and only what a person takes merged, by someone who may change the project."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from projects.importer.draft import IdentifierRow, ImplementerRow, RelatedRow
from projects.importing import (
    draft_identifiers,
    draft_left_out,
    draft_merge,
    draft_merge_proposal,
    draft_save,
    project_organisations_publish,
)
from projects.models import (
    Contact,
    IdentifierScheme,
    ImplementerRole,
    Keyword,
    Organisation,
    Project,
    RelationKind,
)
from projects.permissions import scope_projects
from projects.selectors import ProjectFilters, project_search
from projects.services import project_identifiers_add

from .factories import OrganisationFactory, ProjectFactory, programme_tree, region
from .importing_helpers import (
    CODE,
    DIARY,
    SOURCE,
    bare_draft,
    full_draft,
    proposal_for,
    second_source,
    values,
)
from .sides import make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator() -> Organisation:
    return OrganisationFactory.create(name_fi="Koulutuskeskus Tavastia", abbreviation="Tavastia")


def test_a_saved_draft_is_an_unpublished_project_with_the_rows_the_page_names(coordinator):
    objective = programme_tree()["objective"]
    existing_keyword = Keyword.objects.create(name="ohjaus")
    organisations = Organisation.objects.count()

    project = draft_save(draft=full_draft(coordinator=coordinator, programme=objective))

    expected = {
        "is_published": False,
        "slug": "osaava-ohjaus",
        "name_fi": "Osaava ohjaus",
        "name_sv": None,
        "acronym": "",  # not invented
        "other_names": "Ohjaus kuntoon",
        "start_date": datetime.date(2021, 3, 1),
        "start_precision": "month",
        "start_text": "maaliskuu 2021",
        "end_date": datetime.date(2023, 12, 31),
        "end_precision": "year",
        "end_text": "2023",
        "dates_basis": "planned",
        "stated_phase": "ongoing",
        "scope": "regional",
        "budget_min": Decimal(100000),
        "budget_max": Decimal("150000.50"),
        # Long texts in the page's language; goals, activities and results as lists.
        "goals_fi": "- Ohjaus paranee\n- Keskeyttäminen vähenee",
        "implementation_fi": "- Koulutukset ohjaajille",
        "results_fi": "- Ohjausmalli",
        "target_group_fi": "Opinto-ohjaajat",
        "beneficiaries_fi": "Opiskelijat\nTyönantajat",
        "goals_sv": None,
        "description_fi": None,
    }
    assert values(project, *expected) == expected
    assert set(project.regions.all()) == {region("kanta-hame"), region("pirkanmaa")}
    # A keyword written in another letter case is the one the catalogue has.
    assert set(project.keywords.values_list("name", flat=True)) == {"ohjaus", "OpiskeluVaria"}
    assert Keyword.objects.filter(name__iexact="ohjaus").get() == existing_keyword

    # The matched organisation is reused; the partner, the funder and its intermediary are
    # new and wait unpublished with the project.
    assert Organisation.objects.count() == organisations + 3
    partner = Organisation.objects.get(name_fi="Hämeen ammattikorkeakoulu")
    assert values(partner, "slug", "abbreviation", "business_id", "is_published") == {
        "slug": "hameen-ammattikorkeakoulu",
        "abbreviation": "HAMK",
        "business_id": "1234567-8",
        "is_published": False,
    }
    assert set(project.implementers.values_list("organisation", "role")) == {
        (coordinator.pk, ImplementerRole.COORDINATOR),
        (partner.pk, ImplementerRole.PARTNER),
    }
    funding = project.fundings.get()
    assert [
        values(o, "name_fi", "is_published") for o in (funding.funder, funding.intermediary)
    ] == [
        {"name_fi": "Euroopan sosiaalirahasto", "is_published": False},
        {"name_fi": "Hämeen ELY-keskus", "is_published": False},
    ]
    assert funding.programme == objective
    assert set(project.identifiers.values_list("scheme", "value")) == {
        (IdentifierScheme.EURA2014, CODE),
        (IdentifierScheme.EURA_DIARY, DIARY),
        (IdentifierScheme.SOURCE_URL, SOURCE),
    }
    assert values(project.contacts.get(), "name", "title_fi", "organisation", "email") == {
        "name": "Aino Esimerkki",
        "title_fi": "projektipäällikkö",
        "organisation": partner,  # named by its abbreviation
        "email": "aino.esimerkki@example.org",
    }
    assert set(project.relations_from.values_list("kind", "to_name", "to_project")) == {
        (RelationKind.SUCCESSOR_OF, "Ohjaus 2018", None),
        (RelationKind.MEMBER_OF, "Ohjauksen verkosto", None),
    }
    assert not project.maintainers.exists()  # no user, no maintainer given


def test_a_draft_that_gives_only_a_name_invents_nothing():
    organisations, keywords = Organisation.objects.count(), Keyword.objects.count()

    project = draft_save(draft=bare_draft())

    assert project.name_fi == "Pelkkä nimi"
    empty = ["other_names", "acronym", "start_date", "start_text", "end_date", "end_text"]
    empty += ["dates_basis", "stated_phase", "scope", "budget_min", "budget_max", "goals_fi"]
    empty += ["implementation_fi", "results_fi", "target_group_fi", "beneficiaries_fi"]
    assert {field: value for field, value in values(project, *empty).items() if value} == {}
    for rows in ("implementers", "fundings", "contacts", "identifiers", "relations_from"):
        assert not getattr(project, rows).exists()
    assert not project.regions.exists() and not project.keywords.exists()
    assert (Organisation.objects.count(), Keyword.objects.count()) == (organisations, keywords)


def test_a_draft_without_a_name_is_refused():
    with pytest.raises(ValidationError), translation.override("en"):
        draft_save(draft=bare_draft(name="  "))
    assert not Project.objects.exists()


def test_a_swedish_draft_fills_the_swedish_columns_and_finnish_name(coordinator):
    draft = full_draft(coordinator=coordinator, language="sv")
    draft.name = "Kunnig handledning"

    project = draft_save(draft=draft)

    # Finnish is required and the fallback: the Swedish name stands in until one is given.
    assert [project.name_sv, project.name_fi, project.name_en] == [draft.name, draft.name, None]
    assert project.goals_sv == "- Ohjaus paranee\n- Keskeyttäminen vähenee"
    assert not project.goals_fi
    assert project.contacts.get().title_sv == "projektipäällikkö"
    partner = Organisation.objects.get(abbreviation="HAMK")
    assert partner.name_sv == partner.name_fi == "Hämeen ammattikorkeakoulu"


def test_slugs_stay_unique():
    slugs = [draft_save(draft=bare_draft("Sama nimi")).slug for _n in range(3)]
    assert slugs == ["sama-nimi", "sama-nimi-2", "sama-nimi-3"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("administrator", ImplementerRole.ADMINISTRATOR),
        ("coordinator", ImplementerRole.COORDINATOR),
        ("lead", ImplementerRole.LEAD_PARTNER),
        ("co-implementer", ImplementerRole.CO_IMPLEMENTER),
        ("partner", ImplementerRole.PARTNER),
        ("organiser", ImplementerRole.ORGANISER),
        ("funder-side", ImplementerRole.NOT_STATED),
        ("unknown", ImplementerRole.NOT_STATED),
    ],
)
def test_roles_are_mapped(role, expected):
    project = draft_save(draft=bare_draft(implementers=[ImplementerRow("Uusi Oy", role=role)]))
    assert project.implementers.get().role == expected


@pytest.mark.parametrize(
    ("relation", "expected"),
    [
        ("predecessor", RelationKind.SUCCESSOR_OF),
        ("successor", RelationKind.PREDECESSOR_OF),
        ("member_of", RelationKind.MEMBER_OF),
        ("coordinates", RelationKind.HAS_MEMBER),
        ("phase_of", RelationKind.PHASE_OF),
        ("related", RelationKind.RELATED),
    ],
)
def test_relations_are_mapped(relation, expected):
    project = draft_save(draft=bare_draft(related=[RelatedRow("Toinen hanke", relation)]))
    assert project.relations_from.get().kind == expected


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        ("Käynnissä", "ongoing"),
        ("Päättynyt 31.12.2022", "ended"),
        ("Suunnitteilla", "planned"),
        ("Pågående", "ongoing"),
        ("Avslutat", "ended"),
        ("Planerat", "planned"),
        ("Ongoing.", "ongoing"),
        ("ENDED", "ended"),
        ("planned", "planned"),
        ("Hyväksytty", ""),  # approved: no phase
    ],
)
def test_the_stated_phase_is_read_from_the_pages_words(stated, expected):
    project = draft_save(draft=bare_draft(stated_status=stated))
    assert project.stated_phase == expected


LATER = ("eura_diary", "EURA2021/5/x")


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("eura", "S10783")], [("eura2007", "S10783")]),
        ([("eura", " s21485 ")], [("eura2014", "S21485")]),
        ([("eura", "S30245")], [("eura2021", "S30245")]),
        # No known period in the code: the page's diary number's, else 2014's.
        ([("eura", "A80123"), ("eura-diary", "EURA2021/5/x")], [("eura2021", "A80123"), LATER]),
        ([("eura", "A70123")], [("eura2014", "A70123")]),
        ([("eura-diary", DIARY)], [("eura_diary", DIARY)]),
        ([("vn", "OKM025:00/2022")], [("gov_project", "OKM025:00/2022")]),
        ([("vn", "VN/12345/2022")], [("gov_case", "VN/12345/2022")]),
        ([("url", SOURCE), ("url", SOURCE)], [("source_url", SOURCE)]),
    ],
)
def test_identifiers_are_put_in_the_catalogues_schemes(rows, expected):
    draft = bare_draft(identifiers=[IdentifierRow(scheme, value) for scheme, value in rows])
    assert draft_identifiers(draft) == expected


# --- A project the catalogue already has.


@pytest.fixture
def saved(coordinator) -> Project:
    return draft_save(draft=full_draft(coordinator=coordinator))


def test_a_second_save_of_the_same_project_is_refused_and_a_merge_proposed(coordinator, saved):
    draft = second_source(coordinator)

    with pytest.raises(ValidationError) as refused, translation.override("en"):
        draft_save(draft=draft)
    assert "merge" in refused.value.messages[0]
    assert Project.objects.count() == 1

    with translation.override("en"):
        proposal = proposal_for(draft)
    assert proposal.project == saved
    assert proposal.may_change  # the command line
    assert {d.key: (d.label, d.current, d.proposed) for d in proposal.differences} == {
        "name": ("Name (fi)", "Osaava ohjaus", "Osaava ohjaus 2.0"),
        "end": ("End", "2023", "05/2024"),
        "keywords": ("Keywords", "Ohjaus; OpiskeluVaria", "Ohjaus; OpiskeluVaria; Jatkohaku"),
    }


def test_a_draft_without_known_identifiers_proposes_no_merge(coordinator, saved):
    draft = bare_draft(identifiers=[IdentifierRow("eura", "S29999")])
    assert draft_merge_proposal(draft=draft) is None


def test_identifiers_of_two_projects_are_an_error_not_a_proposal(coordinator, saved):
    other = ProjectFactory.create()
    project_identifiers_add(project=other, identifiers=[("gov_project", "OKM025:00/2022")])
    draft = bare_draft(
        identifiers=[IdentifierRow("eura", CODE), IdentifierRow("vn", "OKM025:00/2022")]
    )
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        draft_merge_proposal(draft=draft)
    assert "belong to different projects" in refused.value.messages[0]


def test_a_merge_applies_only_the_differences_taken(coordinator, saved):
    draft = second_source(coordinator)
    draft.contacts[0].name = "Leo Uusi"

    merged = draft_merge(project=saved, draft=draft, take=["end", "contacts"])

    merged.refresh_from_db()
    assert merged.name_fi == "Osaava ohjaus"  # not taken
    ended = (datetime.date(2024, 5, 31), "month", "toukokuu 2024")
    assert (merged.end_date, merged.end_precision, merged.end_text) == ended
    assert "Jatkohaku" not in merged.keywords.values_list("name", flat=True)
    assert list(merged.contacts.values_list("name", flat=True)) == ["Aino Esimerkki", "Leo Uusi"]
    assert Contact.objects.count() == 2
    assert {d.key for d in proposal_for(draft).differences} == {"name", "keywords"}


def test_a_published_project_publishes_the_organisations_it_takes(coordinator, saved):
    Project.objects.filter(pk=saved.pk).update(is_published=True)
    draft = second_source(coordinator)
    draft.implementers.append(ImplementerRow("Uusi kumppani ry", role="partner"))
    # Named in a new role, and not matched: still the organisation the project names.
    draft.implementers[1].organisation_id, draft.implementers[1].role = None, "co-implementer"

    draft_merge(project=saved, draft=draft, take=["implementers", "keywords"])

    assert Organisation.objects.get(name_fi="Uusi kumppani ry").is_published
    # The search index was refreshed: the keyword taken finds the project.
    assert [found.pk for found in project_search(ProjectFilters(q="Jatkohaku"))] == [saved.pk]
    hamk = Organisation.objects.get(abbreviation="HAMK")
    assert set(saved.implementers.values_list("organisation__name_fi", "role")) == {
        (coordinator.name_fi, ImplementerRole.COORDINATOR),
        (hamk.name_fi, ImplementerRole.PARTNER),
        (hamk.name_fi, ImplementerRole.CO_IMPLEMENTER),
        ("Uusi kumppani ry", ImplementerRole.PARTNER),
    }


def test_an_editor_of_another_organisation_may_not_merge(coordinator, ours, theirs, admin_user):
    project_identifiers_add(project=theirs.project, identifiers=[("eura2014", CODE)])
    draft = full_draft(coordinator=coordinator)
    outsider = make_editor("outsider", ours.organisation)
    insider = make_editor("insider", theirs.organisation)

    assert proposal_for(draft, outsider).may_change is False
    assert proposal_for(draft, insider).may_change is True
    assert proposal_for(draft, admin_user).may_change is True
    with pytest.raises(PermissionDenied):
        draft_merge(project=theirs.project, draft=draft, take=["goals"], user=outsider)
    theirs.project.refresh_from_db()
    assert not theirs.project.goals_fi

    draft_merge(project=theirs.project, draft=draft, take=["goals"], user=insider)
    theirs.project.refresh_from_db()
    assert theirs.project.goals_fi.startswith("- Ohjaus paranee")


def test_an_editors_saved_draft_is_maintained_by_their_organisation(coordinator, ours):
    editor = make_editor("editor", ours.organisation)

    project = draft_save(draft=full_draft(coordinator=coordinator), user=editor)

    assert list(project.maintainers.all()) == [ours.organisation]
    assert scope_projects(editor).filter(pk=project.pk).exists()


def test_staff_without_an_organisation_may_not_save_a_draft(coordinator):
    with pytest.raises(PermissionDenied):
        draft_save(draft=bare_draft(), user=make_editor("nobody"))
    assert not Project.objects.exists()


def test_publishing_publishes_the_organisations_the_project_names(coordinator, saved):
    elsewhere = OrganisationFactory.create(is_published=False)

    assert project_organisations_publish(project=saved) == 3

    assert Organisation.objects.get(name_fi="Hämeen ammattikorkeakoulu").is_published
    assert not Organisation.objects.filter(is_published=False).exclude(pk=elsewhere.pk).exists()
    assert project_organisations_publish(project=saved) == 0
    elsewhere.refresh_from_db()
    assert not elsewhere.is_published


def test_what_the_catalogue_has_no_place_for_is_listed(coordinator):
    draft = full_draft(coordinator=coordinator)  # "Tuntematon ohjelma" is no programme
    draft.regions.append("Atlantis")
    draft.stated_status = "Hyväksytty"
    draft.contacts[0].organisation = "Tuntematon virasto"

    with translation.override("en"):
        left = {(d.key, d.proposed) for d in draft_left_out(draft)}
    project = draft_save(draft=draft)

    assert left == {
        ("funders", "Euroopan sosiaalirahasto, programme Tuntematon ohjelma"),
        ("regions", "Atlantis"),
        ("stated_status", "Hyväksytty"),
        ("contacts", "Aino Esimerkki, Tuntematon virasto"),
    }
    assert project.fundings.get().programme is None
    assert project.contacts.get().organisation is None
    assert project.regions.count() == 2
