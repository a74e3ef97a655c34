"""The organisations a project page names as carrying out the project, each in the role the
page states (or "role not stated"), with a note and a period where the page gives them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation
from .projects import Project


class ImplementerRole(models.TextChoices):
    APPLICANT = "applicant", _("applicant")
    ADMINISTRATOR = "administrator", _("administrator")
    LEAD_PARTNER = "lead_partner", _("lead partner")
    COORDINATOR = "coordinator", _("coordinator")
    CO_IMPLEMENTER = "co_implementer", _("co-implementer")
    PARTNER = "partner", _("partner")
    ORGANISER = "organiser", _("organiser")
    NOT_STATED = "not_stated", _("role not stated")


class Implementer(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="implementers"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="implementations",
    )
    role = models.CharField(_("role"), max_length=20, choices=ImplementerRole.choices)
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("For example: joined in the second year; its adult education unit only."),
    )
    active_from = models.DateField(_("from"), null=True, blank=True)
    active_until = models.DateField(_("until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("implementer")
        verbose_name_plural = _("implementers")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="implementer_role_once"
            ),
            models.CheckConstraint(
                condition=Q(role__in=ImplementerRole.values), name="implementer_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(active_until__gte=models.F("active_from"))
                | Q(active_from__isnull=True)
                | Q(active_until__isnull=True),
                name="implementer_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_role_display()}"

    def clean(self) -> None:
        if self.active_from and self.active_until and self.active_until < self.active_from:
            raise ValidationError({"active_until": _("The period cannot end before it starts.")})
