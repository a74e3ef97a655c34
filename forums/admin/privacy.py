"""Admin tools for people's data requests: export everything held about an address as JSON,
or erase it. Only staff with the `forums.manage_personal_data` permission see them.

Addresses travel only in POST bodies, never in URLs, so they stay out of access logs and
browser history.
"""

import json
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..privacy import personal_data_erase, personal_data_export, personal_data_summary
from ..services import TryAgain

PERMISSION = "forums.manage_personal_data"

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = object


def _addresses(queryset: QuerySet[Any]) -> list[str]:
    """The selected people's addresses, each once whatever its case; anonymised rows have
    none left."""
    addresses = {email.strip().lower() for email in queryset.values_list("email", flat=True)}
    return sorted(address for address in addresses if address)


def _check(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _json_download(addresses: list[str]) -> HttpResponse:
    data = {
        "exported_at": timezone.now().isoformat(),
        "people": [personal_data_export(email=address) for address in addresses],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    add_never_cache_headers(response)
    return response


def _summary_rows(addresses: Iterable[str]) -> list[tuple[Promise, int]]:
    total: Counter[str] = Counter()
    for address in addresses:
        total.update(personal_data_summary(email=address))
    labels = [
        ("registrations", _("registrations, to be anonymised")),
        ("registrations_to_cancel", _("of them for meetings not yet over, to be cancelled")),
        ("as_guardian", _("registrations that give the address as a guardian's")),
        (
            "as_helper",
            _("registrations the address made for a family, to lose the helper's details"),
        ),
        (
            "as_helper_to_cancel",
            _("of them for families without an address of their own, to be cancelled"),
        ),
        ("invitees", _("invitees, to be deleted")),
        ("invitations", _("invitations, to be deleted")),
        ("emails", _("messages to the address, to be deleted")),
        ("contacts", _("project contact persons, to be deleted")),
        ("staff_accounts", _("staff accounts, kept (an administrator removes them)")),
    ]
    return [(label, total[key]) for key, label in labels]


@transaction.atomic
def _erase(addresses: list[str]) -> Counter[str]:
    total: Counter[str] = Counter()
    for address in addresses:
        total.update(personal_data_erase(email=address))
    return total


def _erased_message(request: HttpRequest, counts: Counter[str]) -> None:
    messages.success(
        request,
        _(
            "Personal data erased: %(anonymised)d registrations anonymised, %(cancelled)d "
            "seats given up for the waiting list, the guardian's address removed from "
            "%(guardian)d registrations, %(invitees)d invitees and %(invitations)d invitations "
            "deleted, %(emails)d messages deleted, %(contacts)d project contacts deleted."
        )
        % {
            "anonymised": counts["registrations_anonymised"],
            "cancelled": counts["registrations_cancelled"],
            "guardian": counts["guardian_addresses_removed"],
            "invitees": counts["invitees_deleted"],
            "invitations": counts["invitations_deleted"],
            "emails": counts["emails_deleted"],
            "contacts": counts["contacts_deleted"],
        },
    )
    if counts["staff_accounts_kept"]:
        messages.warning(
            request,
            ngettext(
                "%(count)d staff account has this address; an administrator removes it.",
                "%(count)d staff accounts have these addresses; an administrator removes them.",
                counts["staff_accounts_kept"],
            )
            % {"count": counts["staff_accounts_kept"]},
        )


@admin.action(
    permissions=["manage_personal_data"],
    description=_("Download everything held about these people (JSON)"),
)
def export_personal_data(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
) -> HttpResponse:
    _check(request)
    return _json_download(_addresses(queryset))


@admin.action(
    permissions=["manage_personal_data"],
    description=_("Erase everything held about these people"),
)
def erase_personal_data(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
) -> HttpResponse | None:
    _check(request)
    addresses = _addresses(queryset)
    if not addresses:
        modeladmin.message_user(
            request, _("The chosen rows hold no e-mail address."), messages.WARNING
        )
        return None
    if request.POST.get("confirm") == "yes":
        try:
            _erased_message(request, _erase(addresses))
        except TryAgain as error:
            modeladmin.message_user(request, error.message, messages.ERROR)
        return None
    opts = modeladmin.model._meta
    return render(
        request,
        "admin/forums/erase_personal_data.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": _("Erase personal data"),
            "opts": opts,
            "people": len(addresses),
            "rows": _summary_rows(addresses),
            "selected": [obj.pk for obj in queryset],
        },
    )


class PersonalDataActionsMixin(_ModelAdmin):
    """Adds the export and erase actions to a changelist whose rows have an `email`, for
    staff with the permission to manage personal data."""

    def __init__(self, model: type[Model], admin_site: admin.AdminSite) -> None:
        super().__init__(model, admin_site)
        if self.actions is not None:
            self.actions = [*self.actions, export_personal_data, erase_personal_data]

    def has_manage_personal_data_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PERMISSION)


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))


def personal_data_view(request: HttpRequest) -> HttpResponse:
    """Look up one address, then download its data or erase it after a confirmation. Every
    step is a POST; the address is carried in the form, never in the URL."""
    _check(request)
    step = request.POST.get("step", "find") if request.method == "POST" else ""
    form = PersonalDataForm(request.POST if step else None)
    context: dict[str, Any] = {
        **admin.site.each_context(request),
        "title": _("Personal data"),
        "form": form,
        "step": "",
    }
    if step and form.is_valid():
        address = form.cleaned_data["email"]
        if step == "export":
            return _json_download([address])
        if step == "erase":
            try:
                _erased_message(request, _erase([address]))
            except TryAgain as error:
                messages.error(request, error.message)
            return redirect("admin_personal_data")
        context.update(
            step="confirm" if step == "confirm" else "summary",
            address=address,
            rows=_summary_rows([address]),
        )
    response = render(request, "admin/personal_data.html", context)
    add_never_cache_headers(response)
    return response
