"""Exercise pages and figures. The library is open content: no sign-in needed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from spinewise.core.errors import InputError
from spinewise.core.exercises import Exercise, load_library

from .figures import figure_svg


def _exercise(slug: str) -> Exercise:
    try:
        return load_library().get(slug)
    except InputError:
        raise Http404("No such exercise.") from None


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = _exercise(slug)
    library = load_library()
    unit = {"reps": "repetitions", "hold": "seconds per hold", "breaths": "breaths"}
    patient = getattr(request.user, "patient", None) if request.user.is_authenticated else None
    return render(
        request,
        "catalogue/detail.html",
        {
            "exercise": exercise,
            "stop_signs": exercise.stop_signs(patient.pain_ceiling if patient else None),
            "doses": [(level, d) for level, d in exercise.doses.items()],
            "unit": unit[exercise.tracking],
            "easier": [library.get(e) for e in exercise.easier if e in library],
            "harder": [library.get(h) for h in exercise.harder if h in library],
        },
    )


@require_GET
@cache_control(max_age=3600)
def figure(request: HttpRequest, slug: str, animated: bool = False) -> HttpResponse:
    exercise = _exercise(slug)
    return HttpResponse(figure_svg(exercise, animated=animated), content_type="image/svg+xml")
