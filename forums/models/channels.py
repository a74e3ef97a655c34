"""Outreach channels: the ways a meeting is made known (a school, an association, a mosque or
a parish, a newsletter), each with a short link of its own, so that organisers see which
outreach brings people."""

import secrets

from auditlog.registry import auditlog
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.validators import no_invisible_characters

from .meetings import Meeting, OfMeetingQuerySet

# Letters and digits no one mistakes for each other when reading a link aloud or off paper.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 7


def new_channel_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))


class OutreachChannel(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="channels"
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        validators=[no_invisible_characters],
        help_text=_("For example the school, association or newsletter that shares the link."),
    )
    code = models.CharField(
        _("short link code"), max_length=20, unique=True, default=new_channel_code, editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = OfMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("outreach channel")
        verbose_name_plural = _("outreach channels")
        ordering = ["meeting", "name"]
        constraints = [
            models.UniqueConstraint(
                "meeting", "name", name="outreach_channel_name_once_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The short link to share, in no language of its own: it leads to the meeting's page
        and form in the visitor's language."""
        return reverse("channel_link", kwargs={"code": self.code})


auditlog.register(OutreachChannel)
