"""Site URLs. Each app owns its own; errors render our own pages (templates/40x.html, 500.html)."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Spinewise administration"
admin.site.site_title = "Spinewise admin"

urlpatterns = [
    path("", include("spinewise.today.urls")),
    path("", include("spinewise.web.urls")),
    path("accounts/", include("spinewise.accounts.urls")),
    path("screening/", include("spinewise.screening.urls")),
    path("about-you/", include("spinewise.programmes.baseline_urls")),
    path("programme/", include("spinewise.today.programme_urls")),
    path("exercises/", include("spinewise.exercises.urls")),
    path("sessions/", include("spinewise.training.urls")),
    path("check-in/", include("spinewise.checkins.urls")),
    path("progress/", include("spinewise.progress.urls")),
    path("clinic/", include("spinewise.clinician.urls")),
    path("sharing/", include("spinewise.sharing.urls")),
    path("api/v1/", include("spinewise.api.urls")),
    path("self-care/", include("spinewise.selfcare.urls")),
    path("calendar/", include("spinewise.selfcare.feed_urls")),
    path("accounts/api-tokens/", include("spinewise.api.page_urls")),
    path("admin/", admin.site.urls),
]
