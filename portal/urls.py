from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
    *i18n_patterns(
        path("", views.home, name="home"),
        path("accessibility/", views.accessibility, name="accessibility"),
        path("", include("projects.urls")),
        path("", include("forums.urls")),
    ),
]
