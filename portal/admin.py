"""Authenticator apps in admin, in the portal's languages. django-otp's own admin (kept for
its QR code page, where a superuser sets up a person's app) writes its column, field and
section names in English only, outside any catalogue: they are named here."""

from typing import Any

from django.contrib import admin
from django.db.models import Field
from django.forms import Field as FormField
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

FIELD_NAMES = {
    "user": (_("user"), _("The person whose app this is.")),
    "name": (_("name"), _("A name for the app, such as the phone it is on.")),
    "confirmed": (_("in use"), _("The app's codes are accepted at login.")),
    "key": (_("secret key"), _("The key the app was set up with, in hexadecimal.")),
    "step": (_("time step"), _("How many seconds each code lasts.")),
    "t0": (_("start time"), _("The Unix time from which the steps are counted.")),
    "digits": (_("digits"), _("How many digits the codes have.")),
    "tolerance": (_("tolerance"), _("How many steps early or late a code is still accepted.")),
    "drift": (_("drift"), _("How many steps the app's clock is known to be off.")),
    "throttling_failure_timestamp": (_("last failed attempt"), ""),
    "throttling_failure_count": (_("failed attempts in a row"), ""),
}
SECTION_NAMES = {
    "Identity": _("Whose app"),
    "Timestamps": _("When"),
    "Configuration": _("Settings"),
    "State": _("State"),
    "Throttling": _("Failed attempts"),
}
TIMES = {"created_at": "created", "last_used_at": "last_used"}

admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAppAdmin(TOTPDeviceAdmin):
    list_display = ["user", "name", "created", "last_used", "confirmed"]
    readonly_fields = ["created", "last_used", "qrcode_link"]
    # Few rows, and django-otp's filters would be named in English.
    list_filter: list[str] = []
    search_help_text = _("Search by the person's username or e-mail address.")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return [
            (
                SECTION_NAMES.get(title, title) if title else None,
                {**options, "fields": [TIMES.get(name, name) for name in options["fields"]]},
            )
            for title, options in super().get_fieldsets(request, obj)
        ]

    def formfield_for_dbfield(
        self, db_field: "Field[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> FormField | None:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in FIELD_NAMES:
            label, field.help_text = FIELD_NAMES[db_field.name]
            field.label = capfirst(label)
        return field

    @admin.display(description=_("created"), ordering="created_at")
    def created(self, device: TOTPDevice) -> Any:
        return device.created_at

    @admin.display(description=_("last used"), ordering="last_used_at")
    def last_used(self, device: TOTPDevice) -> Any:
        return device.last_used_at

    @admin.display(description=_("QR code"))
    def qrcode_link(self, device: TOTPDevice) -> SafeString:
        config = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">{}</a>', config, _("show the QR code to scan"))
