"""Organisations: who implements, funds and passes on funding to projects."""

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .reference import Region

business_id_validator = RegexValidator(
    r"^\d{7}-\d$", _("Enter a business ID in the form 1234567-8.")
)


class OrganisationKind(models.TextChoices):
    EDUCATION_PROVIDER = "education_provider", _("education provider")
    MUNICIPALITY = "municipality", _("municipality or city")
    GOVERNMENT_AGENCY = "government_agency", _("government agency")
    ELY_CENTRE = "ely_centre", _("ELY centre")
    EU_FUND = "eu_fund", _("EU fund")
    ASSOCIATION = "association", _("association")
    FOUNDATION = "foundation", _("foundation")
    COMPANY = "company", _("company")
    OTHER = "other", _("other")


class Organisation(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("official name"), max_length=255)
    abbreviation = models.CharField(
        _("abbreviation or brand"),
        max_length=50,
        blank=True,
        help_text=_("For example Sakky or OPH."),
    )
    other_names = models.TextField(
        _("other names"),
        blank=True,
        help_text=_("Former or informal names, one per line; used by search."),
    )
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_(
            "An organisation proposed by the importer waits unpublished with its draft project, "
            "and is published with it."
        ),
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[business_id_validator],
        help_text=_("Y-tunnus. Not unique: the units of a city share the city's ID."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    website = models.URLField(_("website"), blank=True)
    # The organisation's own contact details, as it publishes them; not a person's.
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("Enter a postal code of five digits."))],
    )
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    phone = models.CharField(_("switchboard phone"), max_length=40, blank=True)
    email = models.EmailField(
        _("general e-mail"), blank=True, help_text=_("An office address, not a person's.")
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL
    )
    editors: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editors"),
        related_name="editor_organisations",
        blank=True,
        help_text=_(
            "Staff who may edit the projects this organisation implements, with their forums, "
            "meetings, registrations and invitees."
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values),
                name="organisation_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="organisation_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name
