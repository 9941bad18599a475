from django.urls import path

from . import views

app_name = "patients"

urlpatterns = [
    path("baseline/", views.baseline, name="baseline"),
]
