from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Project catalogue")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .search import checks  # noqa: F401 - registers the search's system check
        from .search.index import index_if_missing

        post_migrate.connect(index_if_missing, sender=self, weak=False)
