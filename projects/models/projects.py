"""Projects and the organisations that implement them. Text that people read is translated
with modeltranslation (fi, sv, en; fi is required and is the fallback). Rules that must
always hold are database constraints; `clean()` only words them for people and normalises
partial dates."""

import datetime
from collections.abc import Iterable
from typing import Any, Self, TypeVar

from auditlog.registry import auditlog
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..dates import Precision, format_partial_date, period_end, period_start
from .organisations import Organisation
from .reference import Keyword, Municipality, Region, Theme


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ONGOING = "ongoing", _("ongoing")
    ENDED = "ended", _("ended")


_M = TypeVar("_M", bound=models.Model)


class EditorScopedQuerySet(models.QuerySet[_M]):
    """Rows that belong to organisations: an editor sees and changes only those of their own
    organisations (projects.permissions.scope). Each model says how its rows are found."""

    def of_organisations(self, organisation_ids: Iterable[int]) -> Self:
        raise NotImplementedError(f"{self.model.__name__} does not say whose its rows are.")


def projects_maintained_by(organisation_ids: Iterable[int]) -> models.QuerySet[Any, Any]:
    """The ids of the projects the organisations maintain the records of, for a subquery
    (`pk__in`): a project maintained by two of them is still one row, without DISTINCT.
    Maintaining a record is what gives an organisation's editors their rights; the roles a
    project page states (implementers) give none."""
    return Project.maintainers.through.objects.filter(
        organisation_id__in=list(organisation_ids)
    ).values("project_id")


class ProjectQuerySet(EditorScopedQuerySet["Project"]):
    def of_organisations(self, organisation_ids: Iterable[int]) -> Self:
        return self.filter(pk__in=projects_maintained_by(organisation_ids))

    def published(self) -> "ProjectQuerySet":
        return self.filter(is_published=True)

    def with_status(self, status: str, today: datetime.date | None = None) -> "ProjectQuerySet":
        """Projects whose status, derived from their dates, is `status` on `today`."""
        today = today or timezone.localdate()
        if status == ProjectStatus.PLANNED:
            return self.filter(start_date__gt=today)
        if status == ProjectStatus.ENDED:
            return self.filter(end_date__lt=today)
        if status == ProjectStatus.ONGOING:
            return self.filter(
                Q(start_date__lte=today) | Q(start_date__isnull=True, end_date__isnull=False),
                Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__isnull=False),
            )
        return self.none()

    def active_in_year(self, year: int) -> "ProjectQuerySet":
        """Projects whose known dates overlap the calendar year."""
        return self.filter(
            Q(start_date__lte=datetime.date(year, 12, 31)) | Q(start_date__isnull=True),
            Q(end_date__gte=datetime.date(year, 1, 1)) | Q(end_date__isnull=True),
        ).exclude(start_date__isnull=True, end_date__isnull=True)


class DatesBasis(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("dates", "planned")
    ACTUAL = "actual", pgettext_lazy("dates", "actual")


class Scope(models.TextChoices):
    NATIONAL = "national", _("national")
    REGIONAL = "regional", _("regional")
    LOCAL = "local", _("local")
    INTERNATIONAL = "international", _("international")


class ProjectKind(models.TextChoices):
    PROJECT = "project", _("project")
    COORDINATION = "coordination", _("coordination project")
    NETWORK = "network", _("network")


# The long texts of a project's page, in every language; a project card shows none of them.
PROJECT_LONG_TEXTS = (
    "description",
    "target_group",
    "beneficiaries",
    "goals",
    "implementation",
    "results",
)

# The languages of the catalogue's texts: each is searched in its own (projects.search).
SEARCH_LANGUAGES = ("fi", "sv", "en")


class Project(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    other_names = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "A marketing name beside the official one, an earlier or shorter name, one per "
            'line; shown as "also known as" and used by search.'
        ),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProjectKind.choices, default=ProjectKind.PROJECT
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published projects are shown publicly.")
    )

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    beneficiaries = models.TextField(
        _("beneficiaries"), blank=True, help_text=_("Only when the project tells them apart.")
    )
    goals = models.TextField(
        _("goals"), blank=True, help_text=_("Lines that start with a dash are shown as a list.")
    )
    implementation = models.TextField(
        _("implementation"),
        blank=True,
        help_text=_("Lines that start with a dash are shown as a list."),
    )
    results = models.TextField(
        _("results"), blank=True, help_text=_("Lines that start with a dash are shown as a list.")
    )

    start_date = models.DateField(_("start"), null=True, blank=True)
    start_precision = models.CharField(
        _("start known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end_date = models.DateField(_("end"), null=True, blank=True)
    end_precision = models.CharField(
        _("end known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    dates_basis = models.CharField(
        _("the dates are"),
        max_length=10,
        choices=DatesBasis.choices,
        blank=True,
        help_text=_("Planned (as a register gives them) or actual (as a result card does)."),
    )
    start_text = models.CharField(
        _("start as written"), max_length=100, blank=True, help_text=_("For example syksy 2021.")
    )
    end_text = models.CharField(_("end as written"), max_length=100, blank=True)
    stated_phase = models.CharField(
        _("stated phase"),
        max_length=10,
        choices=ProjectStatus.choices,
        blank=True,
        help_text=_("The phase the project itself announces, when it gives one."),
    )

    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    keywords: "models.ManyToManyField[Keyword, Any]" = models.ManyToManyField(
        Keyword, verbose_name=_("keywords"), blank=True
    )
    scope = models.CharField(
        _("geographical scope"),
        max_length=15,
        choices=Scope.choices,
        blank=True,
        help_text=_("Leave empty when the project does not say where it works."),
    )
    regions: "models.ManyToManyField[Region, Any]" = models.ManyToManyField(
        Region, verbose_name=_("regions"), blank=True
    )
    municipalities: "models.ManyToManyField[Municipality, Any]" = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True
    )
    maintainers: "models.ManyToManyField[Organisation, Any]" = models.ManyToManyField(
        Organisation,
        verbose_name=_("record maintained by"),
        blank=True,
        related_name="maintained_projects",
        help_text=_(
            "The organisations whose editors keep this record. Not shown publicly and not a "
            "role in the project."
        ),
    )

    budget_min = models.DecimalField(
        _("budget (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The budget, or the lower end of a range."),
    )
    budget_max = models.DecimalField(
        _("budget up to (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only for a range."),
    )

    # The search index's terms on PostgreSQL (projects.search.index); SQLite keeps them in FTS5.
    search_vector = SearchVectorField(null=True, editable=False)
    # Its head alone (names, keywords, identifiers): small enough to rank thousands of matches
    # by without reading their long texts (PostgreSQL only).
    search_head = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date"))
                | Q(start_date__isnull=True)
                | Q(end_date__isnull=True),
                name="project_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(start_precision__in=Precision.values)
                & Q(end_precision__in=Precision.values),
                name="project_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ProjectKind.values), name="project_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(stated_phase__in=[*ProjectStatus.values, ""]),
                name="project_stated_phase_valid",
            ),
            models.CheckConstraint(
                condition=Q(dates_basis__in=[*DatesBasis.values, ""]),
                name="project_dates_basis_valid",
            ),
            models.CheckConstraint(
                condition=Q(scope__in=[*Scope.values, ""]), name="project_scope_valid"
            ),
            models.CheckConstraint(
                condition=(Q(budget_min__gte=0) | Q(budget_min__isnull=True))
                & (
                    Q(budget_max__isnull=True)
                    | Q(budget_min__isnull=False, budget_max__gte=models.F("budget_min"))
                ),
                name="project_budget_range_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["start_date"], name="project_start_idx"),
            models.Index(fields=["end_date"], name="project_end_idx"),
            # The published projects' ids with their dates, read without the rows: the count
            # of a listing page, and the listing's filters that join on the id (funder,
            # programme, organisation, region, theme) or test the dates (status, year). The
            # dates are key columns, not INCLUDE ones, which SQLite lacks (and warns of).
            models.Index(
                fields=["id", "start_date", "end_date"],
                condition=Q(is_published=True),
                name="project_published_dates_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # An editor may enter any day of a month known only to the month; store the period's
        # bounds so that status and ordering are right at that precision.
        if self.start_date:
            self.start_date = period_start(self.start_date, self.start_precision)
        if self.end_date:
            self.end_date = period_end(self.end_date, self.end_precision)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The project cannot end before it starts.")})
        if self.budget_max is not None and self.budget_min is None:
            raise ValidationError(
                {"budget_min": _("Give the lower end of the range, or only this field.")}
            )
        if (
            self.budget_max is not None
            and self.budget_min is not None
            and self.budget_max < self.budget_min
        ):
            raise ValidationError(
                {"budget_max": _("The upper end of the range cannot be below the lower end.")}
            )

    def status(self, today: datetime.date | None = None) -> str | None:
        """Planned, ongoing or ended, from the dates; None when no date is known."""
        today = today or timezone.localdate()
        if self.start_date is None and self.end_date is None:
            return None
        if self.start_date and self.start_date > today:
            return ProjectStatus.PLANNED
        if self.end_date and self.end_date < today:
            return ProjectStatus.ENDED
        return ProjectStatus.ONGOING

    def get_status_display(self) -> str:
        status = self.status()
        return str(ProjectStatus(status).label) if status else ""

    @property
    def phase_disagrees(self) -> bool:
        """True when the phase the project states is not the one its dates give."""
        status = self.status()
        return bool(self.stated_phase and status and self.stated_phase != status)

    @property
    def start_display(self) -> str:
        return format_partial_date(self.start_date, self.start_precision)

    @property
    def end_display(self) -> str:
        return format_partial_date(self.end_date, self.end_precision)


# Who changed what and when (the search vector is derived, and changes with every edit).
auditlog.register(Project, exclude_fields=["search_vector", "search_head", "updated_at"])
