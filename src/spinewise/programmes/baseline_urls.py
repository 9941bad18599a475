from django.urls import path

from . import baseline_views as views

# The "about you" section keeps its name: /about-you/, namespace ``patients``.
app_name = "patients"

urlpatterns = [
    path("baseline/", views.baseline, name="baseline"),
]
