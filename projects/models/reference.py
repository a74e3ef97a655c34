"""What projects are classified by: regions, themes and keywords."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """One of Finland's 19 regions (maakunnat); created by a data migration."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name


class Keyword(models.Model):
    """A free keyword as a project page gives it ("OpiskeluVaria"); not translated."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality (kunta) with its region, from Statistics Finland's classification
    (projects/data/municipalities.csv, loaded by a data migration)."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
