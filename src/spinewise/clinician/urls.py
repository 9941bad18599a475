"""The clinician workspace's pages, mounted in the ``clinic`` namespace under /clinic/
(see ``clinic/urls.py``): the caseload at /clinic/, patients at /clinic/patients/<pk>/."""

from django.urls import path

from . import patient_views, programme_views, views

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("alerts/<int:pk>/", views.alert_action, name="alert_action"),
    path("patients/<int:pk>/", patient_views.patient, name="patient"),
    path("patients/<int:pk>/notes/", patient_views.note_add, name="note_add"),
    path("patients/<int:pk>/programme/", programme_views.editor, name="programme"),
    path("patients/<int:pk>/programme/add/", programme_views.add, name="programme_add"),
    path(
        "patients/<int:pk>/programme/items/<int:item_pk>/<slug:action>/",
        programme_views.item_action,
        name="programme_item",
    ),
    path("patients/<int:pk>/pain-limit/", programme_views.pain_limit, name="pain_limit"),
    path("patients/<int:pk>/clearance/", programme_views.clearance, name="clearance"),
    path("patients/<int:pk>/flare-pause/", programme_views.flare_lift, name="flare_lift"),
]
