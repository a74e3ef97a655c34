"""Finding the meeting or forum that one of the admin's own pages is about, as the admin's
change view does: through the model admin's scoped queryset, so that another organisation's
is not found, and with the person's permission to view it (or to change it)."""

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest


def object_for_staff(
    model_admin: "admin.ModelAdmin[Any]", request: HttpRequest, pk: int, *, change: bool = False
) -> Any:
    """The object, or 403 for someone without the permission at all, 404 for one that is not
    theirs."""
    allowed = model_admin.has_change_permission if change else model_admin.has_view_permission
    if not allowed(request):
        raise PermissionDenied
    found = model_admin.get_object(request, str(pk))
    if found is None:
        raise Http404
    if not allowed(request, found):
        raise PermissionDenied
    return found
