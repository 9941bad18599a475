from django.urls import path

from . import views

app_name = "exercises"

urlpatterns = [
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/figure.svg", views.figure, name="figure"),
    path("<slug:slug>/animated.svg", views.figure, {"animated": True}, name="animated"),
]
