"""The audit trail's own admin, for superusers."""

from typing import Any

from auditlog import get_logentry_model
from auditlog.admin import LogEntryAdmin
from django.contrib import admin
from django.http import HttpRequest

from ..permissions import sees_everything

LogEntry = get_logentry_model()
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class SuperuserLogEntryAdmin(LogEntryAdmin):
    """The whole audit trail crosses every organisation: superusers only. Editors read the
    history of their own objects from each object's page."""

    # Without the correlation id, a request's id for reading the server's logs, whose column
    # auditlog names only in English.
    list_display = ["created", "resource_url", "action", "msg_short", "user_url"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return sees_everything(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return sees_everything(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return sees_everything(request.user) and super().has_delete_permission(request, obj)
