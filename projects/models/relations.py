"""What else a project page tells: funding, relations to other projects, contact persons
and links."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..dates import Precision, format_partial_date, period_end, period_start
from .organisations import Organisation
from .programmes import Programme
from .projects import Project


class Funding(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="fundings"
    )
    funder = models.ForeignKey(
        Organisation,
        verbose_name=_("funder"),
        on_delete=models.PROTECT,
        related_name="fundings_given",
    )
    intermediary = models.ForeignKey(
        Organisation,
        verbose_name=_("through"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fundings_mediated",
        help_text=_("An ELY centre, or the Finnish National Agency for Education for the ESF."),
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fundings",
        help_text=_("The deepest level the source names: an objective, an axis or a programme."),
    )
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    start_precision = models.CharField(
        _("from known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    start_text = models.CharField(
        _("from as written"), max_length=100, blank=True, help_text=_("For example spring 2024.")
    )
    end_date = models.DateField(_("until"), null=True, blank=True)
    end_precision = models.CharField(
        _("until known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end_text = models.CharField(_("until as written"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) | Q(amount__isnull=True),
                name="funding_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date"))
                | Q(start_date__isnull=True)
                | Q(end_date__isnull=True),
                name="funding_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(intermediary=models.F("funder")),
                name="funding_intermediary_not_funder",
            ),
            models.CheckConstraint(
                condition=Q(start_precision__in=Precision.values)
                & Q(end_precision__in=Precision.values),
                name="funding_precision_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.funder)

    def clean(self) -> None:
        # As for a project's dates: "until March 2022" is stored as the month's last day.
        if self.start_date:
            self.start_date = period_start(self.start_date, self.start_precision)
        if self.end_date:
            self.end_date = period_end(self.end_date, self.end_precision)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The funding cannot end before it starts.")})
        if self.intermediary_id and self.intermediary_id == self.funder_id:
            raise ValidationError(
                {"intermediary": _("The intermediary must be another organisation.")}
            )

    @property
    def start_display(self) -> str:
        return format_partial_date(self.start_date, self.start_precision)

    @property
    def end_display(self) -> str:
        return format_partial_date(self.end_date, self.end_precision)


class RelationKind(models.TextChoices):
    MEMBER_OF = "member_of", _("is a member of")
    PREDECESSOR_OF = "predecessor_of", _("is the predecessor of")
    # The same links seen from the other end, for when the other project has no record yet
    # (a network's member, a project's predecessor, named only as text).
    HAS_MEMBER = "has_member", _("has as a member")
    SUCCESSOR_OF = "successor_of", _("is the successor of")
    # A page may say no more than that this project is a phase of another, or related to it.
    PHASE_OF = "phase_of", _("is a phase of")
    RELATED = "related", _("is related to")


class ProjectRelation(models.Model):
    """A directed link: `from_project` is a member of, has as a member, is the predecessor or
    the successor of `to_project`.
    The other project may have no record yet: it is then named (with an identifier and a
    link when known) and shown as text, and becomes a link once a published record carries
    the same identifier."""

    from_project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="relations_from",
    )
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    to_project = models.ForeignKey(
        Project,
        verbose_name=_("related project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="relations_to",
    )
    to_name = models.CharField(
        _("name of a project not in the catalogue"), max_length=255, blank=True
    )
    to_identifier = models.CharField(
        _("its identifier"),
        max_length=500,
        blank=True,
        help_text=_("A register code such as S21485: the link appears when a record has it."),
    )
    to_url = models.URLField(_("its page"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("project relation")
        verbose_name_plural = _("project relations")
        constraints = [
            models.UniqueConstraint(
                fields=["from_project", "kind", "to_project"], name="project_relation_once"
            ),
            models.CheckConstraint(
                condition=~Q(from_project=models.F("to_project")),
                name="project_relation_not_to_itself",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RelationKind.values),
                name="project_relation_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(to_project__isnull=False) | ~Q(to_name=""),
                name="project_relation_names_other",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_project} {self.get_kind_display()} {self.to_project or self.to_name}"

    def clean(self) -> None:
        if self.from_project_id and self.from_project_id == self.to_project_id:
            raise ValidationError(_("A project cannot be related to itself."))
        if self.to_project_id is None and not self.to_name.strip():
            raise ValidationError(
                {"to_name": _("Choose a project, or name one that is not in the catalogue.")}
            )


class Contact(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    workload = models.CharField(
        _("workload"),
        max_length=100,
        blank=True,
        help_text=_("For example half-time or full-time."),
    )
    active_from = models.DateField(_("from"), null=True, blank=True)
    active_until = models.DateField(_("until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_until__gte=models.F("active_from"))
                | Q(active_from__isnull=True)
                | Q(active_until__isnull=True),
                name="contact_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.active_from and self.active_until and self.active_until < self.active_from:
            raise ValidationError({"active_until": _("The period cannot end before it starts.")})


class LinkKind(models.TextChoices):
    WEBSITE = "website", _("website")
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    LINKEDIN = "linkedin", _("LinkedIn")
    YOUTUBE = "youtube", _("YouTube")
    ARTICLE = "article", _("article")
    OTHER = "other", _("other link")


class ProjectLink(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="links"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=LinkKind.choices, default=LinkKind.WEBSITE
    )
    url = models.URLField(_("address"), max_length=500)
    label = models.CharField(
        _("label"), max_length=200, blank=True, help_text=_("Shown instead of the address.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "url"], name="project_link_once"),
        ]

    def __str__(self) -> str:
        return self.label or self.url
