"""Projects as spreadsheet rows: one row per project, its translated texts in a column per
language, and its classification, identifiers, implementers and funders as readable lists."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from import_export import fields

from .. import services
from ..importing import project_organisations_publish
from ..models import (
    PROJECT_LONG_TEXTS,
    Funding,
    Implementer,
    Keyword,
    Municipality,
    Organisation,
    Programme,
    Project,
    ProjectIdentifier,
    Region,
    Theme,
)
from ..permissions import in_scope, project_maintainer_ensure
from .cells import (
    LANGUAGES,
    AmountWidget,
    DayWidget,
    Directory,
    FundersWidget,
    IdentifiersWidget,
    ImplementersWidget,
    KeywordsWidget,
    NamesWidget,
    YesNoWidget,
)
from .rows import CatalogueResource


def translated(*names: str) -> tuple[str, ...]:
    return tuple(f"{name}_{language}" for name in names for language in LANGUAGES)


RELATIONS = (
    "themes",
    "regions",
    "municipalities",
    "keywords",
    "identifiers",
    "implementers",
    "funders",
)
COLUMNS = (
    "slug",
    *translated("name"),
    "acronym",
    "other_names",
    "kind",
    "is_published",
    *translated("tagline", "summary", *PROJECT_LONG_TEXTS),
    "start_date",
    "start_precision",
    "start_text",
    "end_date",
    "end_precision",
    "end_text",
    "dates_basis",
    "stated_phase",
    "scope",
    "budget_min",
    "budget_max",
    *RELATIONS,
)


def listed(attribute: str, column: str, widget: Any) -> fields.Field:
    """A related list, written by the resource itself (CatalogueResource)."""
    return fields.Field(attribute=attribute, column_name=column, widget=widget, readonly=True)


ORGANISATIONS = Directory(Organisation, "slug", "abbreviation")


class ProjectResource(CatalogueResource):
    is_published = fields.Field("is_published", "is_published", YesNoWidget(), default=False)
    start_date = fields.Field("start_date", "start_date", DayWidget())
    end_date = fields.Field("end_date", "end_date", DayWidget())
    budget_min = fields.Field("budget_min", "budget_min", AmountWidget())
    budget_max = fields.Field("budget_max", "budget_max", AmountWidget())
    themes = listed("themes", "themes", NamesWidget(Directory(Theme, "slug")))
    regions = listed("regions", "regions", NamesWidget(Directory(Region, "slug", "code")))
    municipalities = listed(
        "municipalities", "municipalities", NamesWidget(Directory(Municipality, "code"))
    )
    keywords = listed("keywords", "keywords", KeywordsWidget())
    identifiers = listed("identifiers", "identifiers", IdentifiersWidget())
    implementers = listed("implementers", "implementers", ImplementersWidget(ORGANISATIONS))
    funders = listed(
        "fundings",
        "funders",
        FundersWidget(ORGANISATIONS, Directory(Programme, "slug", "code")),
    )

    relations = RELATIONS

    class Meta:
        model = Project
        fields = COLUMNS
        import_id_fields = ["slug"]
        skip_unchanged = True
        # Validated as admin validates: fields, clean() and the constraints.
        clean_model_instances = True

    def filter_export(self, queryset: QuerySet[Project], **kwargs: Any) -> QuerySet[Project]:
        # Each list is read once per chunk of projects; the names come from the directories,
        # read once per file. Contact persons are never read.
        return queryset.prefetch_related(
            "themes",
            "regions",
            "municipalities",
            "keywords",
            "identifiers",
            "implementers",
            "fundings",
        )

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        if not str(row.get("slug") or "").strip() and row.get("identifiers"):
            try:
                identifiers = self.fields["identifiers"].clean(row)
            except ValidationError:
                identifiers = []  # the row's validation reports them
            project = services.project_identified_by(identifiers)
            if project is not None:
                row["slug"] = project.slug
        super().before_import_row(row, **kwargs)

    def after_init_instance(self, instance: Project, new: bool, row: Any, **kwargs: Any) -> None:
        # Before anything of the project is read into the preview.
        if not new and not in_scope(self.user, instance):
            raise ValidationError(
                _("This project is kept by another organisation: you cannot change it.")
            )

    def relation_errors(self, instance: Project) -> dict[str, list[str]]:
        condition = Q(pk__in=[])
        for scheme, value in self.pending.get("identifiers", []):
            condition |= Q(scheme=scheme, value=value)
        taken = ProjectIdentifier.objects.filter(condition).exclude(project_id=instance.pk)
        if not taken:
            return {}
        return {
            "identifiers": [
                _("%(identifier)s already belongs to another project.")
                % {"identifier": f"{identifier.scheme}: {identifier.value}"}
                for identifier in taken
            ]
        }

    def save_related(self, instance: Project) -> None:
        for name in ("themes", "regions", "municipalities"):
            if name in self.pending:
                getattr(instance, name).set(self.pending[name])
        if "keywords" in self.pending:
            keywords_set(instance, self.pending["keywords"])
        if "identifiers" in self.pending:
            identifiers_set(instance, self.pending["identifiers"])
        if "implementers" in self.pending:
            implementers_set(instance, self.pending["implementers"])
        if "funders" in self.pending:
            funders_set(instance, self.pending["funders"])
        project_maintainer_ensure(project=instance, user=self.user)
        if instance.is_published:
            # A published project names no organisation the public cannot see.
            project_organisations_publish(project=instance)

    def refresh(self, *, new: list[int], changed: list[int]) -> None:
        services.project_search_refresh(project_ids=[*new, *changed])


def keywords_set(project: Project, names: list[str]) -> None:
    """The keywords by name, whatever their case; a new one is added."""
    keywords = []
    for name in names:
        keyword = Keyword.objects.filter(name__iexact=name).first()
        if keyword is None:
            keyword = Keyword(name=name)
            keyword.full_clean()
            keyword.save()
        keywords.append(keyword)
    project.keywords.set(keywords)


def identifiers_set(project: Project, wanted: list[tuple[str, str]]) -> None:
    current = {(row.scheme, row.value): row.pk for row in project.identifiers.all()}
    project.identifiers.filter(
        pk__in=[pk for key, pk in current.items() if key not in wanted]
    ).delete()
    missing = [key for key in wanted if key not in current]
    if missing:
        services.project_identifiers_add(project=project, identifiers=missing)


def implementers_set(project: Project, wanted: list[tuple[int, str]]) -> None:
    """Implementers in the file's order; a row already there keeps its note and period."""
    current = {(row.organisation_id, row.role): row for row in project.implementers.all()}
    if list(current) == wanted:
        return
    project.implementers.exclude(
        pk__in=[row.pk for key, row in current.items() if key in wanted]
    ).delete()
    for order, (organisation_id, role) in enumerate(wanted):
        implementer = current.get((organisation_id, role)) or Implementer(
            project=project, organisation_id=organisation_id, role=role
        )
        implementer.order = order
        implementer.full_clean()
        implementer.save()


def funders_set(project: Project, wanted: list[tuple[int, int | None, int | None]]) -> None:
    """Funding rows as listed; a row already there keeps its amount and period."""
    unmatched = list(project.fundings.all())
    for funder_id, intermediary_id, programme_id in wanted:
        match = next(
            (
                row
                for row in unmatched
                if (row.funder_id, row.intermediary_id, row.programme_id)
                == (funder_id, intermediary_id, programme_id)
            ),
            None,
        )
        if match is not None:
            unmatched.remove(match)
            continue
        funding = Funding(
            project=project,
            funder_id=funder_id,
            intermediary_id=intermediary_id,
            programme_id=programme_id,
        )
        funding.full_clean()
        funding.save()
    Funding.objects.filter(pk__in=[row.pk for row in unmatched]).delete()
