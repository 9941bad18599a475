"""Clinician pages under /clinic/. The caseload at /clinic/ (``clinic:caseload``), the
patient pages and programme editing are the clinician workspace (``spinewise.clinician``)."""

from django.urls import path

from spinewise.clinician.urls import urlpatterns as workspace

from . import views

app_name = "clinic"

urlpatterns = [
    *workspace,
    path("invite/", views.invite, name="invite"),
    path("links/", views.links, name="links"),
    path("links/<int:pk>/end/", views.end, name="end"),
    path("clinics/", views.clinic_list, name="clinics"),
    path("clinics/<int:pk>/", views.clinic_detail, name="clinic"),
    path("clinics/<int:pk>/members/add/", views.member_add, name="member_add"),
    path(
        "clinics/<int:pk>/members/<int:member_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
]
