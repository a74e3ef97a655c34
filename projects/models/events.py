"""A project's events that are not forums: a seminar or a launch held once, on a day that
may be known only to the month, with no seats and no registration."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..dates import Precision, format_partial_date, period_start
from .organisations import Organisation
from .projects import Project


class ProjectEvent(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="events"
    )
    title = models.CharField(_("event title"), max_length=255)
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    speakers = models.CharField(
        _("speakers"), max_length=500, blank=True, help_text=_("As the event announced them.")
    )
    co_organisers: "models.ManyToManyField[Organisation, Any]" = models.ManyToManyField(
        Organisation,
        verbose_name=_("co-organisers"),
        blank=True,
        related_name="co_organised_events",
    )
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_precision__in=Precision.values),
                name="project_event_precision_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.date:
            self.date = period_start(self.date, self.date_precision)

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)
