from django.urls import path

from . import programme_views as views

app_name = "programmes"

urlpatterns = [
    path("", views.current, name="current"),
    path("versions/<int:pk>/", views.version, name="version"),
]
