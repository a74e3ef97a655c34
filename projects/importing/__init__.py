"""Saving what the importer read from one project page. A new project becomes an unpublished
draft, with the organisations it needs (also unpublished), for a person to check in admin.
A project the catalogue already has (by an identifier) is never entered twice: its values
are kept, and what the page says differently is proposed for a person to take or leave.
What the catalogue has no place for is listed by draft_left_out(), never dropped unseen."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ..importer.draft import Draft
from ..importer.extract import extract
from ..importer.text import page_text
from ..models import Organisation, Programme, Project, Region
from ..permissions import in_scope, organisation_ids, project_maintainer_ensure, sees_everything
from ..services import project_identified_by, project_search_refresh
from .catalogue import (
    FIELDS,
    LONG_TEXTS,
    MERGE_KEYS,
    ROWS,
    Saving,
    amount,
    assignments,
    by_name,
    current_rows,
    differs,
    funding_text,
    language_of,
    missing_rows,
    rows_add,
    shown,
    unique_slug,
)
from .terms import draft_identifiers, stated_phase

__all__ = [
    "Difference",
    "MergeProposal",
    "draft_identifiers",
    "draft_left_out",
    "draft_merge",
    "draft_merge_proposal",
    "draft_read",
    "draft_save",
    "project_organisations_publish",
]

# None is the command line, run by whoever may run manage.py: it may change everything.
User = AbstractBaseUser | AnonymousUser | None


@dataclass
class Difference:
    key: str  # the draft's JSON key: "name", "start", "end", "goals", "implementers", ...
    label: str  # for people, translated
    current: str  # the existing project's value, as text
    proposed: str  # the draft's value, as text (for rows: the existing ones and the new)


@dataclass
class MergeProposal:
    project: Project
    differences: list[Difference]
    may_change: bool  # editors: only the projects their organisations maintain


def draft_read(*, text: str, language: str | None = None) -> Draft:
    """The draft of one page's text (language None: detected). Raises NotPageText."""
    return extract(page_text(text), language)


# --- The services.


def _label(key: str, language: str) -> str:
    model = ROWS.get(key)
    if model is not None:
        return capfirst(str(model._meta.verbose_name_plural))
    field = Project._meta.get_field(FIELDS[key])
    label = capfirst(str(field.verbose_name if isinstance(field, models.Field) else key))
    return f"{label} ({language})" if key == "name" or key in LONG_TEXTS else label


def _difference(project: Project, draft: Draft, key: str) -> Difference | None:
    label = _label(key, language_of(draft))
    if key in FIELDS:
        values = assignments(project, draft, key)
        if not values or not differs(project, values):
            return None
        now = {name: getattr(project, name) for name in values}
        return Difference(key, label, shown(key, now), shown(key, values))
    missing = [text for text, _item in missing_rows(project, draft, key)]
    if not missing:
        return None
    current = current_rows(project, key)
    return Difference(key, label, "; ".join(current), "; ".join([*current, *missing]))


def _has_perm(user: User, permission: str) -> bool:
    return isinstance(user, PermissionsMixin | AnonymousUser) and user.has_perm(permission)


def _may_change(user: User, project: Project) -> bool:
    if user is None or sees_everything(user):
        return True
    return _has_perm(user, "projects.change_project") and in_scope(user, project)


def draft_merge_proposal(*, draft: Draft, user: User = None) -> MergeProposal | None:
    """The project that already carries one of the draft's identifiers, with what the draft
    says differently; None when no identifier is known. Identifiers of two different projects
    raise a ValidationError (a person merges those by hand)."""
    project = project_identified_by(draft_identifiers(draft))
    if project is None:
        return None
    differences = [found for key in MERGE_KEYS if (found := _difference(project, draft, key))]
    return MergeProposal(project, differences, _may_change(user, project))


@transaction.atomic
def draft_save(
    *, draft: Draft, user: User = None, maintainer: Organisation | None = None
) -> Project:
    """A new unpublished project from the draft, with its new organisations unpublished. The
    name goes into the draft's language and, when that is not Finnish, into Finnish too: the
    Finnish name is required and is what the other languages fall back to. A project the
    catalogue already has is refused: merge the draft into it instead. `maintainer` (or the
    user's organisation) keeps the record."""
    if user is not None and not (
        sees_everything(user)
        or (_has_perm(user, "projects.add_project") and organisation_ids(user))
    ):
        raise PermissionDenied(_("You may not add projects."))
    name = (draft.name or "").strip()
    if not name:
        raise ValidationError(_("The text gives no name for the project: a draft needs one."))
    existing = project_identified_by(draft_identifiers(draft))
    if existing is not None:
        raise ValidationError(
            _("The catalogue already has this project (%(project)s): merge the text into it.")
            % {"project": existing}
        )
    project = Project(slug=unique_slug(Project, name, "project"), is_published=False)
    for key in FIELDS:
        for field, value in assignments(project, draft, key).items():
            setattr(project, field, value)
    project.name_fi = project.name_fi or name  # type: ignore[attr-defined]
    project.full_clean()
    project.save()
    saving = Saving(draft, {})
    for key in ROWS:
        rows_add(saving, project, key, [item for _text, item in missing_rows(project, draft, key)])
    if maintainer is not None:
        project.maintainers.add(maintainer)
    if user is not None:
        project_maintainer_ensure(project=project, user=user)
    project_search_refresh(project_ids=[project.pk])
    return project


@transaction.atomic
def draft_merge(
    *, project: Project, draft: Draft, take: Iterable[str], user: User = None
) -> Project:
    """Keep the project's values and apply only the differences (by key) a person took. New
    organisations a published project now names are published with it."""
    taken = set(take)
    if unknown := taken - set(MERGE_KEYS):
        raise ValueError(f"No such difference: {', '.join(sorted(unknown))}")
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not _may_change(user, project):
        raise PermissionDenied(_("You may not change this project."))
    for key in taken & set(FIELDS):
        values = assignments(project, draft, key)
        if values and differs(project, values):
            for field, value in values.items():
                setattr(project, field, value)
    project.full_clean()
    project.save()
    saving = Saving.of(project, draft)
    for key in ROWS:
        if key in taken:
            rows_add(
                saving, project, key, [item for _text, item in missing_rows(project, draft, key)]
            )
    if project.is_published:
        project_organisations_publish(project=project)
    project_search_refresh(project_ids=[project.pk])
    return project


def draft_left_out(draft: Draft) -> list[Difference]:
    """What the page says that saving cannot place, for a person to enter by hand: regions
    and programmes the catalogue does not know, a phase in unknown words, a budget in another
    currency, a contact's organisation named nowhere else."""
    language, left = language_of(draft), []

    def note(key: str, value: str) -> None:
        left.append(Difference(key, _label(key, language), "", value))

    for name in draft.regions:
        if not by_name(Region, name):
            note("regions", name)
    if draft.stated_status and not stated_phase(draft.stated_status):
        note("stated_status", draft.stated_status)
    if draft.budget and draft.budget.currency != "EUR":
        amounts = "–".join(amount(value) for value in (draft.budget.min, draft.budget.max) if value)
        note("budget", f"{amounts} {draft.budget.currency}")
    for row in draft.funders:
        if row.programme and not by_name(Programme, row.programme, "code"):
            note("funders", funding_text(row.funder, None, row.programme))
    named = {row.organisation.casefold() for row in draft.implementers}
    named |= {(row.abbreviation or "").casefold() for row in draft.implementers}
    named |= {
        name.casefold() for row in draft.funders for name in (row.funder, row.intermediary) if name
    }
    for contact in draft.contacts:
        organisation = contact.organisation
        if (
            organisation
            and organisation.casefold() not in named
            and not by_name(Organisation, organisation, "abbreviation")
        ):
            note("contacts", f"{contact.name}, {organisation}")
    return left


@transaction.atomic
def project_organisations_publish(*, project: Project) -> int:
    """Publish the unpublished organisations the project names (implementers, funders,
    intermediaries, contacts' organisations), as the project is published: a published
    project never names an organisation the public cannot see. Returns how many."""
    ids = set(project.implementers.values_list("organisation_id", flat=True))
    for funder, intermediary in project.fundings.values_list("funder_id", "intermediary_id"):
        ids |= {funder, intermediary}
    ids |= set(project.contacts.values_list("organisation_id", flat=True))
    return Organisation.objects.filter(pk__in=ids - {None}, is_published=False).update(
        is_published=True
    )
