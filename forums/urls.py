from django.urls import path

from . import views, views_assisted
from .feeds import ForumMeetingsFeed, UpcomingMeetingsFeed

app_name = "forums"

urlpatterns = [
    path("forums/", views.forum_list, name="list"),
    path("forums/archive/", views.meeting_archive, name="archive"),
    path("forums/calendar.ics", views.meetings_feed, name="feed"),
    path("forums/feed.atom", UpcomingMeetingsFeed(), name="meetings_atom"),
    path("forums/<slug:slug>/", views.forum_detail, name="forum"),
    path("forums/<slug:slug>/calendar.ics", views.forum_feed, name="forum_feed"),
    path("forums/<slug:slug>/feed.atom", ForumMeetingsFeed(), name="forum_atom"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path(
        "meetings/<int:pk>/for-a-family/",
        views_assisted.meeting_assisted,
        name="meeting_assisted",
    ),
    path("meetings/<int:pk>/calendar.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/registered/", views.registration_sent, name="registration_sent"),
    path("registrations/<str:token>/", views.registration_status, name="registration"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path(
        "registrations/<str:token>/confirm/",
        views.registration_confirm,
        name="registration_confirm",
    ),
    path(
        "registrations/<str:token>/cancel/",
        views.registration_cancel,
        name="registration_cancel",
    ),
]
