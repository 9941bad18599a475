"""Reporting one more symptom never makes the screening outcome less severe."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spinewise.core import vocab
from spinewise.core.screening import screen, severity
from spinewise.core.screening_data import load_screening

YES_NO_IDS = sorted(q.id for q in load_screening().questions if q.type == "boolean")


@st.composite
def answers(draw):
    data = {
        "age": draw(st.integers(16, 120)),
        "regions": draw(st.lists(st.sampled_from(vocab.REGIONS), min_size=1, unique=True)),
        "pain_now": draw(st.integers(0, 10)),
    }
    weeks = draw(st.none() | st.integers(0, 5200))
    if weeks is not None:
        data["pain_weeks"] = weeks
    for answer_id in draw(st.lists(st.sampled_from(YES_NO_IDS), unique=True)):
        data[answer_id] = draw(st.booleans())
    return data


@given(answers(), st.sampled_from(YES_NO_IDS))
def test_adding_a_yes_never_lowers_the_level_or_drops_a_reason(before, answer_id):
    after = {**before, answer_id: True}
    old, new = screen(before), screen(after)
    assert severity(new.level) <= severity(old.level)
    assert {r.code for r in old.reasons} <= {r.code for r in new.reasons}
