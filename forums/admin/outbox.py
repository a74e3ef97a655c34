"""The outbox, and sending failed messages again."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from projects.permissions import ScopedAdminMixin

from ..models import OutboundEmail
from ..outbox import email_send_after_commit, emails_retry


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "recipient",
        "kind",
        "language",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "kind", "language"]
    search_fields = ["recipient", "subject"]
    readonly_fields = [field.name for field in OutboundEmail._meta.fields]
    actions = ["retry_failed"]

    @admin.action(description=_("Send failed messages again"))
    def retry_failed(self, request: HttpRequest, queryset: QuerySet[OutboundEmail]) -> None:
        queue_retries(self, request, list(queryset.values_list("pk", flat=True)))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


def queue_retries(
    model_admin: admin.ModelAdmin, request: HttpRequest, email_ids: list[int]
) -> None:
    retried = emails_retry(email_ids=email_ids)
    for email_id in retried:
        email_send_after_commit(email_id)
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d message is being sent again.",
            "%(count)d messages are being sent again.",
            len(retried),
        )
        % {"count": len(retried)},
        messages.SUCCESS,
    )
