"""Education: today's lesson with the reason for it, each lesson with its one-question
check (the answer is recorded and the lesson counts as read), and lessons read so far."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from spinewise.core.errors import InputError
from spinewise.core.selfcare import Lesson, load_lessons
from spinewise.sharing.access import patient_required

from ..context import local_today
from ..forms import LessonCheckForm
from ..models import LessonRead
from ..services import record_lesson_answer, today_lesson


def _lesson(lesson_id: str) -> Lesson:
    try:
        return load_lessons().get(lesson_id)
    except InputError:
        raise Http404("No such lesson.") from None


@patient_required
@require_GET
def lesson_list(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    today = local_today(patient)
    lesson, choice = today_lesson(patient, today)
    library = load_lessons()
    reads = [
        (library.get(r.lesson_id), r)
        for r in LessonRead.objects.filter(patient=patient)
        if r.lesson_id in library
    ]
    read_ids = {r.lesson_id for _, r in reads}
    return render(
        request,
        "selfcare/lessons.html",
        {
            "lesson": lesson,
            "choice": choice,
            "reads": reads,
            "all_lessons": [(le, le.id in read_ids) for le in library],
        },
    )


@patient_required
@require_http_methods(["GET", "POST"])
def lesson(request: HttpRequest, lesson_id: str) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    item = _lesson(lesson_id)
    today = local_today(patient)
    form = LessonCheckForm(request.POST or None, lesson=item)
    if request.method == "POST" and form.is_valid():
        record_lesson_answer(patient, item, form.cleaned_data["choice"], today)
        return redirect(f"{request.path}#check")
    last = LessonRead.objects.filter(patient=patient, lesson_id=item.id).first()
    feedback = item.mark(last.answer) if last and last.answer is not None else None
    return render(
        request,
        "selfcare/lesson.html",
        {
            "lesson": item,
            "form": form,
            "last": last,
            "feedback": feedback,
            "correct_text": item.check.options[item.check.correct],
            "is_today": today_lesson(patient, today)[0].id == item.id,
        },
    )
