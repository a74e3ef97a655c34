"""Walk-ins: people who came to a meeting without registering. They count in the meeting's
attendance by stakeholder group and language; the name, if staff note one, is personal data
and goes with the registrations' when the meeting is long over."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.validators import no_invisible_characters

from .meetings import Meeting, OfMeetingQuerySet
from .reference import Language, StakeholderGroup


class WalkIn(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="walk_ins"
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        validators=[no_invisible_characters],
        help_text=_("Optional: for the day's list only."),
    )
    group = models.ForeignKey(
        StakeholderGroup, verbose_name=_("stakeholder group"), on_delete=models.PROTECT
    )
    language = models.ForeignKey(
        Language,
        verbose_name=_("language"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    arrived_at = models.DateTimeField(_("arrived"), default=timezone.now)

    objects = OfMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("walk-in")
        verbose_name_plural = _("walk-ins")
        ordering = ["arrived_at", "pk"]

    def __str__(self) -> str:
        # No name here, as with registrations: this text goes into logs.
        return _("walk-in #%(pk)s") % {"pk": self.pk}
