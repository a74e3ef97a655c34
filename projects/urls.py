from django.urls import path

from . import views
from .feeds import ProjectUpdatesFeed

app_name = "projects"

# The downloads and the feed have a dot in their last part, which no slug has: a project
# cannot hide them.
urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/download.csv", views.project_download_csv, name="download_csv"),
    path("projects/download.xlsx", views.project_download_xlsx, name="download_xlsx"),
    path("projects/feed.atom", ProjectUpdatesFeed(), name="feed"),
    path("projects/<slug:slug>/", views.project_detail, name="detail"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme"),
]
