"""The weekly check-in as one typed command, checked once by ``services.record_checkin``
for the check-in page and the API alike."""

from __future__ import annotations

from dataclasses import dataclass

from spinewise.core.errors import Invalid
from spinewise.core.vocab import is_nrs

NEW_SYMPTOM_MAX = 200  # characters
NRS_FIELDS = ("pain_now", "peg_pain", "peg_enjoyment", "peg_activity")


@dataclass(frozen=True, kw_only=True)
class CheckInAnswers:
    """This week's answers: pain now and the three PEG items (each 0-10), one PSFS score
    (0-10) per baseline activity in the baseline's order, and any new symptom in a few
    words ("" for none)."""

    pain_now: int
    peg_pain: int
    peg_enjoyment: int
    peg_activity: int
    psfs_scores: tuple[int, ...]
    new_symptom: str = ""


def check_checkin(answers: CheckInAnswers, activities: list[str]) -> None:
    """Invalid naming every wrong answer (``peg_pain``, ``psfs_scores[1]``, ...)."""
    errors: dict[str, str] = {}
    for name in NRS_FIELDS:
        _nrs(getattr(answers, name), name, errors)
    if len(answers.psfs_scores) != len(activities):
        errors["psfs_scores"] = f"Give one score for each of the {len(activities)} activities."
    else:
        for n, score in enumerate(answers.psfs_scores):
            _nrs(score, f"psfs_scores[{n}]", errors)
    if len(answers.new_symptom.strip()) > NEW_SYMPTOM_MAX:
        errors["new_symptom"] = f"Keep it under {NEW_SYMPTOM_MAX} characters."
    if errors:
        raise Invalid(errors)


def _nrs(value: object, name: str, errors: dict[str, str]) -> None:
    if not is_nrs(value):
        errors[name] = "Give a whole number from 0 to 10."
