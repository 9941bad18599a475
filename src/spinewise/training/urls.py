from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.history, name="history"),
    path("<int:number>/", views.player, name="player"),
    path("<int:number>/draft/", views.draft, name="draft"),
    path("unwell/", views.unwell, name="unwell"),
    path("log/<int:pk>/", views.log_detail, name="log"),
    path("log/<int:pk>/correct/", views.correct, name="correct"),
    path("log/<int:pk>/morning-check/", views.morning_check, name="morning_check"),
    path("morning-check/", views.morning_check, name="morning_check_pending"),
]
