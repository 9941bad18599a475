"""The safety record's rules (core.safety): a warning answered away never lifts itself."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spinewise.core import safety, vocab

levels = st.sampled_from(vocab.SCREENING_LEVELS)


@given(st.lists(levels))
def test_the_level_in_force_is_the_most_severe_open_one(open_levels: list[str]) -> None:
    level = safety.level_in_force(open_levels)
    if not open_levels:
        assert level == "self_manage"
    else:
        assert vocab.SCREENING_LEVELS.index(level) == min(
            vocab.SCREENING_LEVELS.index(x) for x in open_levels
        )


@given(st.lists(levels, min_size=1), st.lists(st.just("self_manage")))
def test_more_calm_answers_never_lower_the_level_in_force(
    open_levels: list[str], calm: list[str]
) -> None:
    # Calm results add nothing open; only a clearance removes an open result.
    assert safety.level_in_force(open_levels + calm) == safety.level_in_force(open_levels)


@given(levels, st.booleans(), st.booleans())
def test_the_gate_never_lets_an_emergency_or_urgent_person_exercise(
    level: str, screened: bool, rescreen: bool
) -> None:
    gate = safety.gate(screened, level, rescreen)
    if level in ("emergency", "urgent"):
        assert not gate.allowed and gate.code in ("programme_blocked", "screening_required")
    if gate.allowed:
        assert screened and not rescreen and gate.planning_level == level
    assert gate.progression_paused == (not gate.allowed or level != "self_manage")


@given(st.frozensets(st.sampled_from(["a", "b", "c"])), st.lists(st.sampled_from(["a", "b", "c"])))
def test_a_clearance_covers_a_result_only_when_it_covers_every_reason(
    covered: frozenset[str], reasons: list[str]
) -> None:
    assert safety.covered_by(covered, reasons) == (bool(reasons) and set(reasons) <= covered)
