"""The patient's sharing pages under /sharing/."""

from django.urls import path

from . import views

app_name = "sharing"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("accept/", views.accept_code, name="accept"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("invitations/<int:pk>/", views.review, name="review"),
    path("invitations/<int:pk>/decline/", views.decline, name="decline"),
    path("links/<int:pk>/end/", views.end, name="end"),
    path("access-log/", views.access_log, name="access_log"),
]
