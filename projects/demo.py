"""Demo data: the five seed projects (and two member projects of a network) with the
organisations that run, fund and maintain them and the funding programmes they come under,
read from `data/demo_catalogue.json`.

The facts (names, dates, funders, programmes, organisations, roles, places) come from the
projects' public pages; every descriptive sentence is written for the portal, and every
contact person is fictional (e-mail at example.org, phone in the 040 000 range). Text is given
per language as {"fi": ..., "sv": ..., "en": ...}; in long texts a line that starts with "- "
is a list item and a blank line separates paragraphs. The programme tree is listed parents
first; a funding names the deepest node its page gives. An implementer is [organisation,
role] or [organisation, role, note]. The organisations that carry out a project are also
listed as maintaining its record, so that their editors can keep it.

`load_demo()` is idempotent: it updates rows by their slug or natural key and removes the rows
of a demo project that are no longer in the data.
"""

import datetime
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import translation

from .models import (
    PROJECT_LONG_TEXTS,
    Contact,
    Funding,
    Implementer,
    Keyword,
    Municipality,
    Organisation,
    Programme,
    Project,
    ProjectLink,
    ProjectRelation,
    Region,
    Theme,
)
from .services import project_identifiers_add, project_search_refresh

LANGUAGES = ("fi", "sv", "en")

PROJECT_TEXT_FIELDS = ("name", "tagline", "summary", *PROJECT_LONG_TEXTS)

CATALOGUE: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "demo_catalogue.json").read_text(encoding="utf-8")
)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _translated(field: str, values: Mapping[str, str] | None) -> dict[str, str]:
    """{"name_fi": ..., "name_sv": ..., "name_en": ...}; a language not given is left empty,
    so that the Finnish text is shown in its place."""
    values = values or {}
    return {f"{field}_{language}": values.get(language, "") for language in LANGUAGES}


def _load_themes() -> dict[str, Theme]:
    themes = {}
    for data in CATALOGUE["themes"]:
        theme, _created = Theme.objects.update_or_create(
            slug=data["slug"], defaults=_translated("name", data["name"])
        )
        themes[theme.slug] = theme
    return themes


def _load_organisations(regions: Mapping[str, Region]) -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    for data in CATALOGUE["organisations"]:
        parent_slug = data.get("parent")
        region_slug = data.get("region")
        organisation, _created = Organisation.objects.update_or_create(
            slug=data["slug"],
            defaults={
                **_translated("name", data["name"]),
                "abbreviation": data.get("abbreviation", ""),
                "other_names": data.get("other_names", ""),
                "kind": data["kind"],
                "business_id": data.get("business_id", ""),
                "parent": organisations[parent_slug] if parent_slug else None,
                "website": data.get("website", ""),
                "region": regions[region_slug] if region_slug else None,
            },
        )
        organisations[organisation.slug] = organisation
    return organisations


def _load_programmes(organisations: Mapping[str, Organisation]) -> dict[str, Programme]:
    programmes: dict[str, Programme] = {}
    for data in CATALOGUE["programmes"]:
        parent_slug = data.get("parent")
        funding_body_slug = data.get("funding_body")
        programme, _created = Programme.objects.update_or_create(
            slug=data["slug"],
            defaults={
                **_translated("name", data["name"]),
                "level": data["level"],
                "code": data.get("code", ""),
                "parent": programmes[parent_slug] if parent_slug else None,
                "funding_body": organisations[funding_body_slug] if funding_body_slug else None,
            },
        )
        programmes[programme.slug] = programme
    return programmes


def _save_project(data: Mapping[str, Any]) -> Project:
    project = Project.objects.filter(slug=data["slug"]).first() or Project(slug=data["slug"])
    for field in PROJECT_TEXT_FIELDS:
        for attname, value in _translated(field, data["text"].get(field)).items():
            setattr(project, attname, value)
    project.kind = data["kind"]
    project.acronym = data["acronym"]
    project.start_date = _date(data["start_date"])
    project.start_precision = data["start_precision"]
    project.end_date = _date(data["end_date"])
    project.end_precision = data["end_precision"]
    project.stated_phase = data["stated_phase"]
    project.dates_basis = data["dates_basis"]
    project.start_text = data["start_text"]
    project.end_text = data["end_text"]
    project.other_names = "\n".join(data["other_names"])
    project.scope = data["scope"]
    project.is_published = True
    project.full_clean()  # normalises partial dates to the bounds of their period
    project.save()
    return project


def _load_project_rows(
    project: Project,
    data: Mapping[str, Any],
    organisations: Mapping[str, Organisation],
    programmes: Mapping[str, Programme],
    regions: Mapping[str, Region],
    themes: Mapping[str, Theme],
) -> None:
    """The project's themes, keywords, places, identifiers, implementers, maintainers,
    funding, contacts and links; rows that are no longer in the data are removed."""
    project.themes.set([themes[slug] for slug in data["themes"]])
    project.keywords.set([Keyword.objects.get_or_create(name=name)[0] for name in data["keywords"]])
    project.regions.set([regions[slug] for slug in data["regions"]])
    project.municipalities.set(
        [Municipality.objects.get(name_fi=name) for name in data["municipalities"]]
    )
    project.maintainers.set([organisations[slug] for slug in data["maintainers"]])

    identifiers = [(scheme, value) for scheme, value in data["identifiers"]]
    project_identifiers_add(project=project, identifiers=identifiers)
    kept = [project.identifiers.get(scheme=scheme, value=value).pk for scheme, value in identifiers]
    project.identifiers.exclude(pk__in=kept).delete()

    kept = []
    for order, (organisation_slug, role, *note) in enumerate(data["implementers"]):
        kept.append(
            Implementer.objects.update_or_create(
                project=project,
                organisation=organisations[organisation_slug],
                role=role,
                defaults={"order": order, **_translated("note", note[0] if note else None)},
            )[0].pk
        )
    project.implementers.exclude(pk__in=kept).delete()

    kept = []
    for funding in data["fundings"]:
        intermediary_slug = funding.get("intermediary")
        programme_slug = funding.get("programme")
        kept.append(
            Funding.objects.update_or_create(
                project=project,
                funder=organisations[funding["funder"]],
                defaults={
                    "intermediary": (
                        organisations[intermediary_slug] if intermediary_slug else None
                    ),
                    "programme": programmes[programme_slug] if programme_slug else None,
                    "amount": funding.get("amount"),
                    "start_date": _date(funding.get("start_date")),
                    "end_date": _date(funding.get("end_date")),
                },
            )[0].pk
        )
    project.fundings.exclude(pk__in=kept).delete()

    kept = []
    for order, contact in enumerate(data["contacts"]):
        organisation_slug = contact.get("organisation")
        kept.append(
            Contact.objects.update_or_create(
                project=project,
                name=contact["name"],
                defaults={
                    **_translated("title", contact.get("title")),
                    "organisation": (
                        organisations[organisation_slug] if organisation_slug else None
                    ),
                    "email": contact.get("email", ""),
                    "phone": contact.get("phone", ""),
                    "order": order,
                },
            )[0].pk
        )
    project.contacts.exclude(pk__in=kept).delete()

    kept = [
        ProjectLink.objects.update_or_create(
            project=project,
            url=link["url"],
            defaults={
                "kind": link["kind"],
                **_translated("label", link.get("label")),
                "order": order,
            },
        )[0].pk
        for order, link in enumerate(data["links"])
    ]
    project.links.exclude(pk__in=kept).delete()


def _load_relations(projects: Mapping[str, Project]) -> None:
    kept = [
        ProjectRelation.objects.get_or_create(
            from_project=projects[from_slug], kind=kind, to_project=projects[to_slug]
        )[0].pk
        for from_slug, kind, to_slug in CATALOGUE["relations"]
    ]
    ProjectRelation.objects.filter(from_project__in=list(projects.values())).exclude(
        pk__in=kept
    ).delete()


def load_demo() -> None:
    """Create or update the demo projects and everything they refer to (idempotent)."""
    # The untranslated columns (name, ...) take the value of the active language: Finnish.
    with translation.override("fi"), transaction.atomic():
        regions = {region.slug: region for region in Region.objects.all()}
        themes = _load_themes()
        organisations = _load_organisations(regions)
        programmes = _load_programmes(organisations)
        projects: dict[str, Project] = {}
        for data in CATALOGUE["projects"]:
            project = _save_project(data)
            _load_project_rows(project, data, organisations, programmes, regions, themes)
            projects[project.slug] = project
        _load_relations(projects)
        project_search_refresh(project_ids=[project.pk for project in projects.values()])
