from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Project catalogue")

    def ready(self) -> None:
        from .services import editors_group_sync

        # Permissions exist only after migrate has run, so the group is kept in step then
        # (after each app, as the forums' permissions come after the catalogue's).
        post_migrate.connect(lambda **kwargs: editors_group_sync(), weak=False)
