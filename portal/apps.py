from auditlog.apps import AuditlogConfig
from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpAppConfig

# What the public pages do not show: the outbox, invitations and invitees (the outbox also
# changes with every message sent).
PUBLIC_MODELS_EXCLUDED = {"outboundemail", "invitation", "invitee", "invitationtext", "searchterm"}


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's site (portal.admin_site) as `admin.site`; named in
    INSTALLED_APPS, not this module's default."""

    default = False
    default_site = "portal.admin_site.PortalAdminSite"


# The admin's sections for three apps, named in the portal's languages (their own names are
# English, or not translated into Finnish and Swedish); named in INSTALLED_APPS.
class ChangeHistoryConfig(AuditlogConfig):
    default = False
    verbose_name = _("Change history")


class LoginAttemptsConfig(AxesAppConfig):
    default = False
    verbose_name = _("Login attempts")


class AuthenticatorAppsConfig(TotpAppConfig):
    default = False
    verbose_name = _("Authenticator apps")


class PortalConfig(AppConfig):
    default = True
    name = "portal"
    verbose_name = "Hankeportaali"

    def ready(self) -> None:
        from .cache import content_changed, release_changed
        from .roles import roles_sync

        # Sent once a migrate for each app with models (the portal app has none). The forums
        # come last, when every permission the roles name exists.
        post_migrate.connect(release_changed, sender=apps.get_app_config("projects"), weak=False)
        post_migrate.connect(
            lambda **kwargs: roles_sync(), sender=apps.get_app_config("forums"), weak=False
        )

        for app_label in ("projects", "forums"):
            for model in apps.get_app_config(app_label).get_models():
                if model._meta.model_name in PUBLIC_MODELS_EXCLUDED:
                    continue
                post_save.connect(content_changed, sender=model, weak=False)
                post_delete.connect(content_changed, sender=model, weak=False)
                for field in model._meta.local_many_to_many:
                    m2m_changed.connect(
                        content_changed, sender=field.remote_field.through, weak=False
                    )
