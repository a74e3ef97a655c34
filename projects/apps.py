from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Project catalogue")

    def ready(self) -> None:
        from .search import checks  # noqa: F401 - registers the search's system check
