"""What registrations and invitations refer to: languages and stakeholder groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.Model):
    """A language people can ask for messages or interpretation in; staff can add more."""

    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("ISO 639 code."))
    name = models.CharField(_("name"), max_length=100)
    native_name = models.CharField(_("name in the language itself"), max_length=100, blank=True)
    is_rtl = models.BooleanField(_("written right to left"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the visitor's language, followed by its own name when that differs."""
        if self.native_name and self.native_name != self.name:
            return f"{self.name} ({self.native_name})"
        return self.name


class StakeholderGroup(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name
