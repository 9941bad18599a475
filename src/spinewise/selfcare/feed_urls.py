"""The personal calendar feed: a secret address, no sign-in (calendar apps cannot)."""

from django.urls import path

from .views import feed

app_name = "calendar"

urlpatterns = [
    path("<str:token>.ics", feed.calendar, name="feed"),
]
