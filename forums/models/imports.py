"""Imports of invitees from a CSV file, run in the background with their progress and one
report at the end."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Organisation


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    RUNNING = "running", _("importing")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class InviteeImport(models.Model):
    kept_by = models.ForeignKey(
        Organisation,
        verbose_name=_("on the list of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("file"), max_length=255)
    # The file's text until it has been imported; emptied then, as it holds people's details.
    content = models.TextField(blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows read"), default=0)
    created = models.PositiveIntegerField(_("people added"), default=0)
    updated = models.PositiveIntegerField(_("people updated"), default=0)
    # [[line, problem], ...]: the rows skipped and why.
    errors = models.JSONField(_("rows skipped"), default=list, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import of invitees")
        verbose_name_plural = _("imports of invitees")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ImportStatus.values), name="invitee_import_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(rows_done__lte=models.F("rows_total")),
                name="invitee_import_progress_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.file_name
