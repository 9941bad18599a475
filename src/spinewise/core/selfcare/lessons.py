"""Short education lessons, stored as data and validated on load.

Each lesson lives in ``library/lessons/<id>.yaml``: a stable kebab-case id, a
theme, its place in the reading order, a title, minutes to read, body
paragraphs, an optional small thing to try, and a one-question check of
understanding with three options. Any problem raises ``LibraryError`` naming
the file and the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from ..errors import InputError, LibraryError
from ._fields import SLUG, Fields, check_int, read_yaml

DEFAULT_LESSONS_DIR = Path(__file__).resolve().parents[2] / "library" / "lessons"

# selfBACK's 14 education themes plus our own "hurt does not mean harm".
THEMES: Final = (
    "understanding_back_pain",
    "hurt_and_harm",
    "mind_body_link",
    "self_management",
    "thoughts_and_feelings",
    "busy_life",
    "flare_up_first_aid",
    "comorbidities",
    "goals_and_action_plans",
    "pacing_and_progression",
    "problem_solving",
    "relaxation",
    "sleep",
    "social_support",
    "overcoming_barriers",
)

MINUTES_BOUNDS = (1, 10)
# Loose bounds that catch a truncated or runaway file; the shipped lessons
# aim for 300-450 words (2-3 minutes), which the content tests check.
WORD_BOUNDS = (150, 700)
PARAGRAPH_BOUNDS = (2, 12)
OPTIONS_PER_CHECK = 3

_REQUIRED = ("id", "theme", "order", "title", "minutes", "summary", "body", "check")
_OPTIONAL = ("try_this",)


@dataclass(frozen=True)
class UnderstandingCheck:
    """One question with three options; ``correct`` is the 0-based index of the right one."""

    question: str
    options: tuple[str, ...]
    correct: int
    explanation: str


@dataclass(frozen=True)
class CheckResult:
    """How a person answered the check: right or not, and why."""

    correct: bool
    correct_option: int
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "correct": self.correct,
            "correct_option": self.correct_option,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Lesson:
    """A 2-3 minute read. ``order`` is its place in the default reading order (1 first)."""

    id: str
    theme: str
    order: int
    title: str
    minutes: int
    summary: str
    body: tuple[str, ...]
    try_this: str | None
    check: UnderstandingCheck

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.body)

    def mark(self, choice: Any, field: str = "choice") -> CheckResult:
        """Mark an answer to the check; ``choice`` is the 0-based option index (0-2)."""
        index = check_int(choice, 0, len(self.check.options) - 1, field)
        return CheckResult(
            correct=index == self.check.correct,
            correct_option=self.check.correct,
            explanation=self.check.explanation,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "theme": self.theme,
            "order": self.order,
            "title": self.title,
            "minutes": self.minutes,
            "summary": self.summary,
            "body": list(self.body),
            "try_this": self.try_this,
            "check": {
                "question": self.check.question,
                "options": list(self.check.options),
                "correct": self.check.correct,
                "explanation": self.check.explanation,
            },
        }


def parse_lesson(raw: Any, source: str) -> Lesson:
    """Build one :class:`Lesson` from a parsed YAML mapping, or raise LibraryError."""
    f = Fields(raw, source=source)
    f.exact_keys(_REQUIRED, _OPTIONAL)
    body = f.texts("body")
    if not PARAGRAPH_BOUNDS[0] <= len(body) <= PARAGRAPH_BOUNDS[1]:
        low, high = PARAGRAPH_BOUNDS
        raise f.error("body", f"has {len(body)} paragraphs; expected {low}-{high}")
    words = sum(len(p.split()) for p in body)
    if not WORD_BOUNDS[0] <= words <= WORD_BOUNDS[1]:
        low, high = WORD_BOUNDS
        raise f.error("body", f"has {words} words; expected {low}-{high}")
    return Lesson(
        id=f.ident("id", SLUG),
        theme=f.choice("theme", THEMES),
        order=f.integer("order", 1, 999),
        title=f.text("title"),
        minutes=f.integer("minutes", *MINUTES_BOUNDS),
        summary=f.text("summary"),
        body=body,
        try_this=f.text("try_this") if "try_this" in f.raw else None,
        check=_parse_check(f.mapping("check")),
    )


def _parse_check(f: Fields) -> UnderstandingCheck:
    f.exact_keys(("question", "options", "correct_option", "explanation"))
    options = f.texts("options")
    if len(options) != OPTIONS_PER_CHECK:
        raise f.error("options", f"has {len(options)} options; expected {OPTIONS_PER_CHECK}")
    if len(set(options)) != len(options):
        raise f.error("options", "lists the same option twice")
    # Written 1-3 in the file because authors count from one.
    correct = f.integer("correct_option", 1, OPTIONS_PER_CHECK)
    return UnderstandingCheck(
        question=f.text("question"),
        options=options,
        correct=correct - 1,
        explanation=f.text("explanation"),
    )


class LessonLibrary:
    """All lessons by id, iterated in reading order."""

    def __init__(self, lessons: list[Lesson], sources: dict[str, str] | None = None) -> None:
        sources = sources or {}
        self._by_id: dict[str, Lesson] = {}
        orders: dict[int, str] = {}
        for lesson in lessons:
            src = sources.get(lesson.id)
            if lesson.id in self._by_id:
                raise LibraryError("id", f"duplicate lesson id {lesson.id!r}", src)
            if lesson.order in orders:
                raise LibraryError(
                    "order", f"{lesson.order} is also used by {orders[lesson.order]!r}", src
                )
            self._by_id[lesson.id] = lesson
            orders[lesson.order] = lesson.id
        self._ordered = tuple(sorted(self._by_id.values(), key=lambda le: le.order))

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Lesson]:
        return iter(self._ordered)

    def __contains__(self, lesson_id: object) -> bool:
        return lesson_id in self._by_id

    def get(self, lesson_id: str, field: str = "lesson_id") -> Lesson:
        """The lesson with ``lesson_id``; InputError naming ``field`` when unknown."""
        try:
            return self._by_id[lesson_id]
        except (KeyError, TypeError):
            raise InputError(field, f"unknown lesson id {lesson_id!r}") from None

    def by_theme(self, theme: str) -> tuple[Lesson, ...]:
        """Lessons on ``theme``, in reading order (empty when none)."""
        return tuple(le for le in self._ordered if le.theme == theme)

    def ids(self) -> list[str]:
        """Lesson ids in reading order."""
        return [le.id for le in self._ordered]


def load_lessons_from(directory: Path) -> LessonLibrary:
    """Load and validate every ``*.yaml`` lesson in ``directory``."""
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise LibraryError("(directory)", "contains no lesson files", str(directory))
    lessons: list[Lesson] = []
    sources: dict[str, str] = {}
    for path in files:
        lesson = parse_lesson(read_yaml(path), path.name)
        if lesson.id != path.stem:
            raise LibraryError(
                "id", f"{lesson.id!r} does not match the file name {path.stem!r}", path.name
            )
        lessons.append(lesson)
        sources[lesson.id] = path.name
    return LessonLibrary(lessons, sources)


@lru_cache(maxsize=1)
def load_lessons() -> LessonLibrary:
    """The shipped lessons (parsed once per process)."""
    return load_lessons_from(DEFAULT_LESSONS_DIR)
