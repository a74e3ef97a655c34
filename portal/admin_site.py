"""The portal's admin site: Django's, under the portal's name, with a second factor at login.

Staff see families' registrations, so a password alone does not let them in: they also give
a one-time code from an authenticator app (django-otp's TOTP devices; a superuser sets up a
person's device and removes a lost one). ADMIN_OTP_REQUIRED=0 turns that off, as DEBUG does
by default for local work. Two of Django's own admin addresses are narrowed to what the
person may see: "view on site" follows an object only when its admin page would show it, and
the autocomplete answers only for a form's own relation fields.
"""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import ForeignKey, ManyToManyField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.plugins.otp_totp.models import TOTPDevice


class OneTimeCodeLoginForm(OTPAdminAuthenticationForm):
    """The admin's login with the one-time code, its messages in the portal's languages.

    A wrong code is answered exactly as a wrong password is, and counts as a failed login
    toward the lockout: otherwise the form would tell a guesser which password was right.
    """

    error_messages = {
        **OTPAdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "The username, password or one-time code is not right. Enter the code your "
            "authenticator app shows now. If no app is set up for you yet, an administrator "
            "of the portal sets one up with you."
        ),
    }

    def clean_otp(self, user: Any) -> None:
        """Each person has one authenticator app: the code is checked against it."""
        if user is None:
            return
        try:
            if not self.cleaned_data.get("otp_device"):
                device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
                if device is None:
                    raise ValidationError("", code="no_device")
                self.cleaned_data["otp_device"] = device.persistent_id
            super().clean_otp(user)
        except ValidationError as error:
            # django-otp fills the form in for another try with the code (the password kept,
            # the person's devices listed): a wrong password's form has neither.
            self.fields["password"].widget.render_value = False
            self.fields["otp_device"].widget.choices = []
            user_login_failed.send(
                sender=type(self),
                credentials={"username": self.cleaned_data.get("username")},
                request=self.request,
            )
            raise self.get_invalid_login_error() from error


class PortalAdminSite(OTPAdminSite):
    site_header = _("Hankeportaali")
    site_title = _("Hankeportaali")
    index_title = _("Hankeportaali")

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)

    @property  # type: ignore[override]
    def login_form(self) -> type[AdminAuthenticationForm]:
        return OneTimeCodeLoginForm if settings.ADMIN_OTP_REQUIRED else AdminAuthenticationForm

    @property  # type: ignore[override]
    def login_template(self) -> str | None:
        return "admin/otp_login.html" if settings.ADMIN_OTP_REQUIRED else None

    def has_permission(self, request: HttpRequest) -> bool:
        if settings.ADMIN_OTP_REQUIRED:
            return super().has_permission(request)  # active staff, verified by a device
        return request.user.is_active and request.user.is_staff

    def get_urls(self) -> list[URLPattern | URLResolver]:
        urls = super().get_urls()
        own = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [own if getattr(url, "name", "") == "view_on_site" else url for url in urls]

    def view_on_site(
        self, request: HttpRequest, content_type_id: int, object_id: str
    ) -> HttpResponse:
        """The object's public page, for those whose admin shows them the object."""
        content_type = get_object_or_404(ContentType, pk=content_type_id)
        model = content_type.model_class()
        if model is None or not self.is_registered(model):
            raise Http404
        model_admin = self.get_model_admin(model)
        obj = model_admin.get_object(request, object_id)
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        """Search-as-you-type for a form's own foreign-key and many-to-many fields only
        (Django answered a reverse relation's name with a server error)."""
        try:
            model = apps.get_model(request.GET["app_label"], request.GET["model_name"])
            field: Any = model._meta.get_field(request.GET["field_name"])
        except (KeyError, LookupError, FieldDoesNotExist) as error:
            raise PermissionDenied from error
        if not isinstance(field, ForeignKey | ManyToManyField):
            raise PermissionDenied
        return super().autocomplete_view(request)
