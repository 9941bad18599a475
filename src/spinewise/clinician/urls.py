"""The clinician's workspace under /clinic/, namespace ``clinician``: the caseload at
/clinic/, a patient at /clinic/patients/<pk>/, programme editing, invitations, care links
and clinics."""

from django.urls import path

from . import patient_views, programme_views, sharing_views, views

app_name = "clinician"

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
    path("invite/", sharing_views.invite, name="invite"),
    path("links/", sharing_views.links, name="links"),
    path("links/<int:pk>/end/", sharing_views.end, name="end"),
    path("clinics/", sharing_views.clinic_list, name="clinics"),
    path("clinics/<int:pk>/", sharing_views.clinic_detail, name="clinic"),
    path("clinics/<int:pk>/members/add/", sharing_views.member_add, name="member_add"),
    path(
        "clinics/<int:pk>/members/<int:member_pk>/remove/",
        sharing_views.member_remove,
        name="member_remove",
    ),
]
