from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from forums.admin.privacy import personal_data_view

from . import views

handler500 = views.server_error

urlpatterns = [
    path(
        "admin/personal-data/",
        admin.site.admin_view(personal_data_view),
        name="admin_personal_data",
    ),
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    *i18n_patterns(
        path("", views.home, name="home"),
        path("accessibility/", views.accessibility, name="accessibility"),
        path("privacy/", views.privacy, name="privacy"),
        path("", include("projects.urls")),
        path("", include("forums.urls")),
    ),
]
