"""Who may see and change what in admin.

Superusers see everything. Every other staff user is an editor: they work on the projects
whose records one of their organisations maintains (`Project.maintainers`, not the roles a
project page states), and on what hangs off those projects (forums,
meetings, registrations, invitations, the outgoing e-mails of those, and the invitees on their
organisations' lists or invited to their meetings). Each of those models' querysets says how
its rows are found (`EditorScopedQuerySet.of_organisations`); this module applies them once,
for every admin page, action, export, autocomplete and drop-down.
"""

from typing import Any, TypeVar, cast

from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.forms import ModelChoiceField
from django.http import Http404, HttpRequest, HttpResponse

from .models import (
    EditorScopedQuerySet,
    Organisation,
    Project,
    projects_maintained_by,
)

User = AbstractBaseUser | AnonymousUser

# The attribute that keeps a user's organisations for the rest of the request.
ORGANISATIONS_ATTRIBUTE = "editor_organisation_ids"


def sees_everything(user: User) -> bool:
    return bool(user.is_active and getattr(user, "is_superuser", False))


def organisation_ids(user: User) -> list[int]:
    """The user's organisations, read once per request: the list is kept on the user object,
    which Django loads anew for each request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, ORGANISATIONS_ATTRIBUTE, None)
    if cached is None:
        cached = list(
            Organisation.objects.filter(editors__pk=user.pk)
            .order_by("name", "pk")
            .values_list("pk", flat=True)
        )
        setattr(user, ORGANISATIONS_ATTRIBUTE, cached)
    return cast(list[int], cached)


def own_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations whose data the user keeps (all of them for a superuser)."""
    if sees_everything(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids(user))


def is_scoped(model: type[models.Model]) -> bool:
    """Whether the model's rows belong to organisations."""
    return isinstance(model._default_manager.all(), EditorScopedQuerySet)


M = TypeVar("M", bound=models.Model)


def scope(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """The rows of `queryset` that the user may see and change."""
    if sees_everything(user):
        return queryset
    if not isinstance(queryset, EditorScopedQuerySet):
        raise TypeError(f"{queryset.model.__name__} rows do not belong to organisations.")
    ids = organisation_ids(user)
    if not ids:
        return queryset.none()
    return cast(QuerySet[M], queryset.of_organisations(ids))


def scope_projects(user: User) -> QuerySet[Project]:
    return scope(user, Project.objects.all())


def relation_targets(user: User) -> QuerySet[Project]:
    """Projects an editor may name as related to theirs: their own and every published one
    (a network's member projects belong to other organisations)."""
    if sees_everything(user):
        return Project.objects.all()
    return Project.objects.filter(
        Q(is_published=True) | Q(pk__in=projects_maintained_by(organisation_ids(user)))
    )


def in_scope(user: User, obj: models.Model) -> bool:
    if sees_everything(user) or not is_scoped(type(obj)):
        return True
    return scope(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


@transaction.atomic
def project_maintainer_ensure(*, project: Project, user: User) -> Organisation | None:
    """A project an editor saves stays theirs: when none of their organisations maintains its
    record, their first organisation does. This says who keeps the record and adds nothing
    to what the project page states (no implementer row). Returns the organisation added."""
    ids = organisation_ids(user)
    if sees_everything(user) or not ids:
        return None
    if project.maintainers.filter(pk__in=ids).exists():
        return None
    organisation = Organisation.objects.get(pk=ids[0])
    project.maintainers.add(organisation)
    return organisation


# --- Admin.


class ScopedFormfieldsMixin:
    """Offers only the user's own projects, forums, meetings, ... as foreign-key choices;
    for ModelAdmins and inlines alike. Fields listed in `own_organisation_fields` offer only
    the user's own organisations and must be filled in by an editor (other organisation
    fields, such as a project's partners, offer all)."""

    own_organisation_fields: tuple[str, ...] = ()

    def formfield_for_foreignkey(
        self, db_field: "models.ForeignKey[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> "ModelChoiceField[Any] | None":
        user = request.user
        model = db_field.remote_field.model
        if "queryset" not in kwargs and not sees_everything(user):
            if db_field.name in self.own_organisation_fields:
                # A row an editor writes belongs to one of their organisations, or they could
                # not see it again.
                ids = organisation_ids(user)
                kwargs["queryset"] = own_organisations(user)
                kwargs["required"] = True
                kwargs["initial"] = ids[0] if ids else None
            elif is_scoped(model):
                kwargs["queryset"] = scope(user, model._default_manager.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class ScopedInlineMixin(ScopedFormfieldsMixin):
    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scope(request.user, super().get_queryset(request))  # type: ignore[misc]


class ScopedAdminMixin(ScopedFormfieldsMixin):
    """For a ModelAdmin of a scoped model: the changelist, change and delete views, actions
    and autocomplete all start from `get_queryset`, so scoping it scopes them; the object
    permissions repeat the check for what Django reaches without it (the objects a delete
    would cascade to)."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scope(request.user, super().get_queryset(request))  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        # Something added by a staff user without an organisation would vanish from them.
        allowed = super().has_add_permission(request, *args)  # type: ignore[misc]
        return bool(allowed) and (
            sees_everything(request.user) or bool(organisation_ids(request.user))
        )

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_view_permission(request, obj)  # type: ignore[misc]
        return bool(allowed) and (obj is None or in_scope(request.user, obj))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_change_permission(request, obj)  # type: ignore[misc]
        return bool(allowed) and (obj is None or in_scope(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_delete_permission(request, obj)  # type: ignore[misc]
        return bool(allowed) and (obj is None or in_scope(request.user, obj))


class AuditHistoryMixin(AuditlogHistoryAdminMixin):
    """auditlog's history page, reached from a link on the change page. The page is scoped
    like the object: someone else's object is not found."""

    def auditlog_history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        model_admin = cast(admin.ModelAdmin[Any], self)
        if model_admin.get_object(request, object_id) is None:
            raise Http404
        return super().auditlog_history_view(request, object_id, extra_context)  # type: ignore[no-any-return]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        opts = cast(admin.ModelAdmin[Any], self).model._meta
        context = {
            **(extra_context or {}),
            "auditlog_urlname": f"admin:{opts.app_label}_{opts.model_name}_auditlog",
        }
        return super().change_view(request, object_id, form_url, context)  # type: ignore[misc, no-any-return]
