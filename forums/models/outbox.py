"""The outbox: every message the portal sends, with its status."""

from collections.abc import Iterable
from typing import Self

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import EditorScopedQuerySet, projects_maintained_by

from .registrations import Registration


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    RETRYING = "retrying", _("waiting to retry")
    FAILED = "failed", _("failed")


class EmailKind(models.TextChoices):
    CONFIRM_ADDRESS = "confirm_address", _("confirm the e-mail address")
    CONFIRMATION = "confirmation", _("registration confirmed")
    WAITING = "waiting", _("on the waiting list")
    PROMOTED = "promoted", _("promoted from the waiting list")
    CANCELLED = "cancelled", _("registration cancelled")
    MEETING_CANCELLED = "meeting_cancelled", _("meeting cancelled")
    MEETING_CHANGED = "meeting_changed", _("meeting's time or place changed")
    INVITATION = "invitation", _("invitation")
    REMINDER = "reminder", _("reminder")
    GUARDIAN = "guardian", _("guardian informed")
    ALREADY_REGISTERED = "already_registered", _("already registered")
    HELPER_COPY = "helper_copy", _("copy to the helper who registered the family")
    CHILDCARE_BOOKED = "childcare_booked", _("childcare place booked")


class OutboundEmailQuerySet(EditorScopedQuerySet["OutboundEmail"]):
    def of_organisations(self, organisation_ids: Iterable[int]) -> Self:
        """Messages about the organisations' meetings: to their registrants, and to the
        people they invited from their own lists or the portal's (a message has one
        registration or one invitation, so the joins repeat no row)."""
        ids = list(organisation_ids)
        projects = projects_maintained_by(ids)
        invited_from_their_lists = Q(invitation__invitee__kept_by_id__in=ids) | Q(
            invitation__invitee__kept_by__isnull=True
        )
        return self.filter(
            Q(registration__meeting__forum__project_id__in=projects)
            | (Q(invitation__meeting__forum__project_id__in=projects) & invited_from_their_lists)
        )


class OutboundEmail(models.Model):
    """One message in the outbox, written (its text rendered) in the same transaction as
    whatever caused it and sent by a Celery task after commit, so a message is never lost
    with a rollback nor sent for something that was rolled back."""

    kind = models.CharField(_("kind"), max_length=20, choices=EmailKind.choices)
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="emails",
    )
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(
        _("language"), max_length=20, help_text=_("The Content-Language: one code or a list.")
    )
    subject = models.CharField(_("subject"), max_length=255)
    text_body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"))
    ics = models.TextField(_("calendar attachment"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EmailStatus.values), name="outbound_email_status_valid"
            ),
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(kind=EmailKind.REMINDER),
                name="outbound_email_one_reminder",
            ),
        ]
        indexes = [models.Index(fields=["status", "claimed_at"], name="outbound_email_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"
