"""How a draft's facts map onto the catalogue: the project's columns a fact fills, and, for
facts kept in rows (implementers, funding, contacts, ...), the rows a project already has,
the ones the draft adds, and how they are made. Saving a new project and merging into an
existing one both go through here, so that the two never disagree on what a fact means."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..dates import format_partial_date, period_end, period_start
from ..importer.draft import Draft, FunderRow
from ..models import (
    SEARCH_LANGUAGES,
    Contact,
    DatesBasis,
    Funding,
    IdentifierScheme,
    Implementer,
    ImplementerRole,
    Keyword,
    Organisation,
    Programme,
    Project,
    ProjectIdentifier,
    ProjectRelation,
    ProjectStatus,
    Region,
    RelationKind,
    Scope,
)
from ..services import project_identifiers_add
from .terms import RELATIONS, ROLES, draft_identifiers, stated_phase

LONG_TEXTS = {
    "goals": "goals",
    "activities": "implementation",
    "results": "results",
    "target_groups": "target_group",
    "beneficiaries": "beneficiaries",
}
BULLETED = ("goals", "activities", "results")  # shown as lists: a line each, after "- "
# The keys the catalogue keeps in the project's own columns, and the draft keys for rows.
FIELDS = {"name": "name", "other_names": "other_names", "start": "start_date"}
FIELDS |= {"end": "end_date", "dates_are": "dates_basis", "stated_status": "stated_phase"}
FIELDS |= {"scope": "scope", "budget": "budget_min", **LONG_TEXTS}
ROWS: dict[str, type[models.Model]] = {"regions": Region, "keywords": Keyword}
ROWS |= {"implementers": Implementer, "funders": Funding, "contacts": Contact}
ROWS |= {"identifiers": ProjectIdentifier, "related": ProjectRelation}
MERGE_KEYS = (*FIELDS, *ROWS)


# --- The project's own columns.


def language_of(draft: Draft) -> str:
    return draft.language if draft.language in SEARCH_LANGUAGES else "fi"


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _long_text(key: str, items: list[str]) -> str:
    items = [" ".join(item.split()) for item in items if item.strip()]
    return "\n".join(f"- {item}" for item in items) if key in BULLETED else "\n".join(items)


def assignments(project: Project, draft: Draft, key: str) -> dict[str, Any]:
    """The project's fields as the draft fills them for `key`; empty when it says nothing."""
    language, value = language_of(draft), getattr(draft, key)
    if key == "name" and value:
        return {f"name_{language}": value.strip()}
    if key == "other_names":
        known = {line.casefold() for line in _lines(project.other_names)}
        known |= {(getattr(project, f"name_{code}") or "").casefold() for code in SEARCH_LANGUAGES}
        added = []
        for name in _lines("\n".join(value)):
            if name.casefold() not in known:
                added.append(name)
                known.add(name.casefold())
        return {key: "\n".join([*_lines(project.other_names), *added])} if added else {}
    if key in ("start", "end") and value:
        bound = period_start if key == "start" else period_end
        return {
            f"{key}_date": bound(value.date, value.precision),
            f"{key}_precision": value.precision,
            f"{key}_text": value.text.strip()[:100],
        }
    if key == "dates_are" and value in DatesBasis.values:
        return {"dates_basis": value}
    if key == "stated_status" and stated_phase(value):
        return {"stated_phase": stated_phase(value)}
    if key == "scope" and value in Scope.values:
        return {"scope": value}
    if key == "budget" and value and value.currency == "EUR":
        return {"budget_min": value.min, "budget_max": value.max}
    if key in LONG_TEXTS and _long_text(key, value):
        return {f"{LONG_TEXTS[key]}_{language}": _long_text(key, value)}
    return {}


def differs(project: Project, values: dict[str, Any]) -> bool:
    """Whether the values change the project; a date written otherwise changes nothing."""

    def same(old: Any, new: Any) -> bool:
        return (old or "").strip() == new.strip() if isinstance(new, str) else old == new

    return any(
        not same(getattr(project, name), value)
        for name, value in values.items()
        if not name.endswith("_text")
    )


def amount(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def shown(key: str, values: dict[str, Any]) -> str:
    if key in ("start", "end"):
        return format_partial_date(values[f"{key}_date"], values[f"{key}_precision"])
    if key == "budget":
        low, high = amount(values["budget_min"]), amount(values["budget_max"])
        return f"{low}–{high} EUR" if high else f"{low} EUR" if low else ""
    choices: dict[str, Any] = {"dates_are": DatesBasis, "stated_status": ProjectStatus}
    value = next(iter(values.values())) or ""
    if key in (*choices, "scope") and value:
        return str(choices.get(key, Scope)(value).label)
    return "; ".join(_lines(value)) if key == "other_names" else str(value)


# --- Rows: each key's existing rows as text, the draft's missing ones, and how to add them.


@dataclass
class Saving:
    """One save or merge: the draft's organisations, made once however often it names them,
    and found by name among the project's own (which a matcher may not know yet)."""

    draft: Draft
    organisations: dict[str, Organisation]

    @classmethod
    def of(cls, project: Project, draft: Draft) -> "Saving":
        saving = cls(draft, {})
        for row in project.implementers.select_related("organisation"):
            saving.organisations.update(dict.fromkeys(_names(row.organisation), row.organisation))
        for funding in project.fundings.select_related("funder", "intermediary"):
            for organisation in filter(None, (funding.funder, funding.intermediary)):
                saving.organisations.update(dict.fromkeys(_names(organisation), organisation))
        return saving

    def organisation(self, name: str, pk: int | None = None, **details: str | None) -> Organisation:
        found = Organisation.objects.filter(pk=pk).first() if pk else None
        found = found or self.organisations.get(name.casefold())
        if found is None:
            found = Organisation(is_published=False, **{k: v or "" for k, v in details.items()})
            found.slug = unique_slug(Organisation, name, "organisation")
            found.name_fi = found.name_fi or name  # type: ignore[attr-defined]
            setattr(found, f"name_{language_of(self.draft)}", name)
            found.full_clean()
            found.save()
        self.organisations[name.casefold()] = found
        if found.abbreviation:
            self.organisations.setdefault(found.abbreviation.casefold(), found)
        return found


def _names(organisation: Organisation) -> set[str]:
    """The organisation's names in every language and its abbreviation, casefolded."""
    names = [getattr(organisation, f"name_{code}") for code in SEARCH_LANGUAGES]
    return {name.casefold() for name in (*names, organisation.abbreviation) if name}


def _named(organisation: Organisation, pk: int | None, name: str) -> bool:
    """Whether a draft's row (matched to `pk`, or only named) names the organisation."""
    return organisation.pk == pk or name.strip().casefold() in _names(organisation)


def unique_slug(model: type[models.Model], name: str, fallback: str) -> str:
    base = slugify(name)[:110].strip("-") or fallback
    slug, number = base, 1
    while model._default_manager.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def by_name(model: type[models.Model], name: str, *extra: str) -> Any:
    """The one row named so in any language (or by `extra` fields); None if none or several."""
    condition = Q()
    for field in (*(f"name_{code}" for code in SEARCH_LANGUAGES), *extra):
        condition |= Q(**{f"{field}__iexact": name.strip()})
    rows = list(model._default_manager.filter(condition)[:2])
    return rows[0] if len(rows) == 1 else None


def _regions(draft: Draft) -> list[Region]:
    return list(dict.fromkeys(r for name in draft.regions if (r := by_name(Region, name))))


def _role(row: Any) -> str:
    return ROLES.get(row.role, ImplementerRole.NOT_STATED)


def funding_text(funder: str, intermediary: str | None, programme: str | None) -> str:
    parts = [funder]
    if intermediary:
        parts.append(_("through %(organisation)s") % {"organisation": intermediary})
    if programme:
        parts.append(_("programme %(programme)s") % {"programme": programme})
    return ", ".join(parts)


def current_rows(project: Project, key: str) -> list[str]:
    if key == "implementers":
        rows = project.implementers.select_related("organisation")
        return [f"{row.organisation} ({row.get_role_display()})" for row in rows]
    if key == "funders":
        fundings = project.fundings.select_related("funder", "intermediary", "programme")
        return [
            funding_text(
                str(f.funder),
                str(f.intermediary) if f.intermediary else None,
                str(f.programme) if f.programme else None,
            )
            for f in fundings
        ]
    if key == "identifiers":
        return [str(row) for row in project.identifiers.all()]
    if key == "related":
        relations = project.relations_from.select_related("to_project")
        return [f"{r.get_kind_display()} {r.to_project or r.to_name}" for r in relations]
    return [str(row) for row in getattr(project, key).all()]


def missing_rows(project: Project, draft: Draft, key: str) -> list[tuple[str, Any]]:
    """The draft's rows for `key` that the project lacks, each with its text for people."""
    have: set[Any]
    if key == "regions":
        have = set(project.regions.all())
        return [(str(region), region) for region in _regions(draft) if region not in have]
    if key == "keywords":
        have = {name.casefold() for name in project.keywords.values_list("name", flat=True)}
        names = dict.fromkeys(name.strip()[:100] for name in draft.keywords if name.strip())
        return [(name, name) for name in names if name.casefold() not in have]
    if key == "implementers":
        implementers = list(project.implementers.select_related("organisation"))
        missing: dict[tuple[Any, str], tuple[str, Any]] = {}
        for row in draft.implementers:
            role = _role(row)
            if not any(
                _named(i.organisation, row.organisation_id, row.organisation)
                and role in (i.role, ImplementerRole.NOT_STATED)
                for i in implementers
            ):
                text = f"{row.organisation} ({ImplementerRole(role).label})"
                identity = (row.organisation_id or row.organisation.casefold(), role)
                missing.setdefault(identity, (text, row))
        return list(missing.values())
    if key == "funders":
        funders = [funding.funder for funding in project.fundings.select_related("funder")]
        return [
            (funding_text(row.funder, row.intermediary, row.programme), row)
            for row in draft.funders
            if not any(_named(funder, row.funder_id, row.funder) for funder in funders)
        ]
    if key == "contacts":
        have = {name.casefold() for name in project.contacts.values_list("name", flat=True)}
        contacts = {row.name.strip().casefold(): row for row in draft.contacts if row.name.strip()}
        return [
            (", ".join(filter(None, [row.name, row.title, row.organisation, row.email])), row)
            for name, row in contacts.items()
            if name not in have
        ]
    if key == "identifiers":
        have = set(project.identifiers.values_list("scheme", "value"))
        return [
            (f"{IdentifierScheme(scheme).label}: {value}", (scheme, value))
            for scheme, value in draft_identifiers(draft)
            if (scheme, value) not in have
        ]
    relations = project.relations_from.select_related("to_project")
    have = {(r.kind, str(r.to_project or r.to_name).casefold()) for r in relations}
    rows = {
        (RELATIONS.get(row.relation, RelationKind.RELATED), row.name.strip()): row
        for row in draft.related
    }
    return [
        (f"{RelationKind(kind).label} {name}", (kind, name))
        for kind, name in rows
        if name and (kind, name.casefold()) not in have
    ]


def rows_add(saving: Saving, project: Project, key: str, items: list[Any]) -> None:
    """Add the rows missing_rows() found for `key`, each validated as admin validates it."""
    if key == "regions":
        project.regions.add(*items)
    elif key == "keywords":
        project.keywords.add(*(_keyword(name) for name in items))
    elif key == "identifiers":
        project_identifiers_add(project=project, identifiers=items)
    else:
        order: dict[str, Any] = {"implementers": project.implementers, "contacts": project.contacts}
        after = order[key].count() if key in order else 0
        for number, item in enumerate(items, after):
            row = _row(saving, project, key, item, number)
            row.full_clean()
            row.save()


def _keyword(name: str) -> Keyword:
    """Editors may add keywords; one written in other letter case is the same keyword."""
    keyword = Keyword.objects.filter(name__iexact=name).first()
    if keyword is None:
        keyword = Keyword(name=name)
        keyword.full_clean()
        keyword.save()
    return keyword


def _row(saving: Saving, project: Project, key: str, item: Any, order: int) -> models.Model:
    if key == "implementers":
        details = {"abbreviation": (item.abbreviation or "")[:50], "business_id": item.business_id}
        organisation = saving.organisation(item.organisation, item.organisation_id, **details)
        return Implementer(
            project=project, organisation=organisation, role=_role(item), order=order
        )
    if key == "funders":
        return _funding(saving, project, item)
    if key == "contacts":
        contact = Contact(project=project, name=item.name.strip()[:200], order=order)
        contact.organisation = _contact_organisation(saving, item.organisation)
        contact.email, contact.phone = item.email or "", (item.phone or "")[:40]
        setattr(contact, f"title_{language_of(saving.draft)}", (item.title or "")[:200])
        return contact
    kind, name = item
    return ProjectRelation(from_project=project, kind=kind, to_name=name[:255])


def _funding(saving: Saving, project: Project, row: FunderRow) -> Funding:
    """A funding row; a programme the catalogue does not know is left empty (and listed by
    draft_left_out), since the programme tree is kept by superusers, not made up by a page."""
    funder = saving.organisation(row.funder, row.funder_id)
    intermediary = (
        saving.organisation(row.intermediary, row.intermediary_id) if row.intermediary else None
    )
    programme = by_name(Programme, row.programme, "code") if row.programme else None
    return Funding(
        project=project,
        funder=funder,
        intermediary=intermediary if intermediary != funder else None,
        programme=programme,
    )


def _contact_organisation(saving: Saving, name: str | None) -> Organisation | None:
    if not name:
        return None
    return saving.organisations.get(name.casefold()) or by_name(Organisation, name, "abbreviation")
