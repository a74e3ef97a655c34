"""A project's identifiers in the registers that know it: structural-fund codes, diary
numbers, the government's project and case numbers, a source page's address. Each value is
unique within its scheme, so a second source of the same project finds the first."""

import re
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .projects import Project


class IdentifierScheme(models.TextChoices):
    EURA2007 = "eura2007", _("EURA 2007 project code")
    EURA2014 = "eura2014", _("EURA 2014 project code")
    EURA2021 = "eura2021", _("EURA 2021 project code")
    EURA_DIARY = "eura_diary", _("EURA diary number")
    GOVERNMENT_PROJECT = "gov_project", _("government project number")
    GOVERNMENT_CASE = "gov_case", _("government case number")
    SOURCE_URL = "source_url", _("source page")


EURA_CODE = r"[A-Z]\d{5}"

# What a value of each scheme looks like, and the message that shows one.
FORMATS = {
    IdentifierScheme.EURA2007: (EURA_CODE, _("Enter a code such as S10783.")),
    IdentifierScheme.EURA2014: (EURA_CODE, _("Enter a code such as S21485.")),
    IdentifierScheme.EURA2021: (EURA_CODE, _("Enter a code such as S30245.")),
    IdentifierScheme.EURA_DIARY: (
        r"EURA20(07|14|21)/\S+(?: \S+)*",  # the action code has spaces
        _("Enter a diary number such as EURA2014/1234/09 02 01 01/2016/ESR."),
    ),
    IdentifierScheme.GOVERNMENT_PROJECT: (
        r"[A-Z]{2,4}\d{3}:\d{2}/\d{4}",
        _("Enter a project number such as OKM025:00/2022."),
    ),
    IdentifierScheme.GOVERNMENT_CASE: (
        r"VN/\d+/\d{4}",
        _("Enter a case number such as VN/12345/2022."),
    ),
}

# Public registers that show a project by its identifier.
REGISTER_PAGES = {
    IdentifierScheme.EURA2007: "https://www.eura2007.fi/rrtiepa/projekti.php?projektikoodi={}",
    IdentifierScheme.EURA2014: "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi={}",
    IdentifierScheme.GOVERNMENT_PROJECT: "https://valtioneuvosto.fi/hanke?tunnus={}",
}


class ProjectIdentifier(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="identifiers"
    )
    scheme = models.CharField(_("scheme"), max_length=20, choices=IdentifierScheme.choices)
    value = models.CharField(_("identifier"), max_length=500)

    class Meta:
        verbose_name = _("identifier")
        verbose_name_plural = _("identifiers")
        ordering = ["scheme", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "value"],
                name="identifier_once_per_scheme",
                violation_error_message=_(
                    "Another project already has this identifier: it may be the same project."
                ),
            ),
            models.CheckConstraint(
                condition=Q(scheme__in=IdentifierScheme.values), name="identifier_scheme_valid"
            ),
            models.CheckConstraint(condition=~Q(value=""), name="identifier_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()}: {self.value}"

    def clean(self) -> None:
        self.value = self.value.strip()
        if self.scheme == IdentifierScheme.SOURCE_URL:
            try:
                URLValidator(schemes=["http", "https"])(self.value)
            except ValidationError:
                raise ValidationError({"value": _("Enter the page's full address.")}) from None
            return
        if self.scheme not in IdentifierScheme.values:
            return
        pattern, message = FORMATS[IdentifierScheme(self.scheme)]
        if not re.fullmatch(pattern, self.value):
            raise ValidationError({"value": message})

    @property
    def register_url(self) -> str:
        """The public page of the project in the identifier's register, if there is one."""
        if self.scheme == IdentifierScheme.SOURCE_URL:
            return self.value
        if self.scheme not in REGISTER_PAGES:
            return ""
        return REGISTER_PAGES[IdentifierScheme(self.scheme)].format(quote(self.value, safe=":/"))
