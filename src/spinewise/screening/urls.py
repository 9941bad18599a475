from django.urls import path

from . import views

app_name = "screening"

urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.result, name="result"),
    path("doctor-seen/", views.doctor_seen, name="doctor_seen"),
]
