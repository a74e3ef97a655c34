from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from forums.admin.privacy import personal_data_view
from forums.views_channels import channel_follow

from . import views
from .sitemaps import SITEMAPS

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
    # One sitemap per kind of page, each with every language (portal/sitemaps.py).
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    # An outreach channel's short link is shared on paper and by word of mouth, in any
    # language: it leads to the meeting's page in the visitor's own (forums.views_channels).
    path("l/<str:code>/", channel_follow, name="channel_link"),
    # The JSON API is the same in every language: outside the language prefixes.
    path("api/v1/", include("portal.api")),
    *i18n_patterns(
        path("", views.home, name="home"),
        path("accessibility/", views.accessibility, name="accessibility"),
        path("privacy/", views.privacy, name="privacy"),
        path("", include("projects.urls")),
        path("", include("forums.urls")),
    ),
]
