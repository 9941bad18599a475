"""The shipped exercise library covers what CLINICAL.md asks for, and its data is sound."""

from __future__ import annotations

import pytest

from spinewise.core import vocab
from spinewise.core.exercises import load_library

# Every exercise CLINICAL.md section 5 names, by our stable id.
NAMED_IN_CLINICAL_MD = {
    "quadruped-thoracic-rotation": "thoracic (T-spine) rotation on all fours",
    "foam-roller-thoracic-extension": "foam roller thoracic extension",
    "seated-thoracic-rotation": "seated thoracic rotation, hands behind the head (T-spine matrix)",
    "band-row": "band rows",
    "sport-cord-row": "sport cord rows",
    "band-pull-apart": "band pull-apart",
    "shoulder-rolls": "shoulder rolls",
    "neck-side-bend": "neck tilts (side bends)",
    "doorway-chest-stretch": "chest opener (doorway)",
    "band-chest-opener": "chest opener (band)",
    "shoulder-blade-squeeze": "shoulder blade squeezes",
    "band-lat-pulldown": "lat pulldown (band)",
    "machine-lat-pulldown": "lat pulldown (machine)",
    "foam-roller-upper-back": "roller self-massage of the upper back",
    "massage-roller-upper-back": "massage-roller self-massage of the upper back",
    "prone-extension": "lumbar extensor strengthening: prone extension",
    "bird-dog": "bird dog",
    "transversus-abdominis-activation": "transversus abdominis activation",
    "prone-superman": "paraspinal strengthening",
    "cat-camel": "cat-camel",
    "childs-pose": "child's pose",
    "open-book": "open book",
    "thread-the-needle": "thread the needle",
    "wall-angels": "wall angels",
    "wall-slides": "wall slides",
    "prone-y-t-w-raise": "prone Y-T-W raises",
    "chin-tuck": "chin tucks",
    "band-face-pull": "face pulls",
    "pelvic-tilt": "pelvic tilts",
    "glute-bridge": "glute bridge",
    "dead-bug": "dead bug",
    "side-plank": "side plank",
    "side-plank-knees": "side plank, knee variant",
    "curl-up": "curl-up",
    "prone-press-up": "prone press-up",
    "single-knee-to-chest": "knee to chest",
    "piriformis-stretch": "piriformis stretch",
    "hip-flexor-stretch": "hip flexor stretch",
    "hip-hinge": "hip hinge",
    "diaphragmatic-breathing": "diaphragmatic breathing",
}


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_library_has_at_least_sixty_exercises(library):
    assert len(library) >= 60


@pytest.mark.parametrize("exercise_id", sorted(NAMED_IN_CLINICAL_MD))
def test_every_exercise_named_in_clinical_guidance_is_present(library, exercise_id):
    assert exercise_id in library, NAMED_IN_CLINICAL_MD[exercise_id]


@pytest.mark.parametrize("region", vocab.REGIONS)
def test_every_region_has_mobility_and_strength_or_core_work(library, region):
    modalities = {ex.modality for ex in library if region in ex.regions}
    assert "mobility" in modalities or "stretch" in modalities
    assert modalities & {"strength", "core"}


@pytest.mark.parametrize("modality", vocab.MODALITIES)
def test_every_modality_is_represented(library, modality):
    assert any(ex.modality == modality for ex in library)


@pytest.mark.parametrize("exercise_id", ["curl-up"])
def test_loaded_spinal_flexion_is_marked_unsafe_with_osteoporosis(library, exercise_id):
    assert "osteoporosis" in library.get(exercise_id).contraindications


def test_every_prone_exercise_is_marked_unsafe_in_pregnancy(library):
    prone = [ex.id for ex in library if ex.position == "prone"]
    assert prone, "the library should have prone exercises"
    assert [i for i in prone if "pregnancy" not in library.get(i).contraindications] == []


def test_band_and_cord_exercises_use_band_levels(library):
    for ex in library:
        assert ex.uses_band_level == bool(set(ex.equipment) & {"resistance_band", "sport_cord"})


def test_equipment_free_programmes_are_possible_for_every_region(library):
    for region in vocab.REGIONS:
        free = [ex for ex in library if region in ex.regions and not ex.equipment]
        assert len(free) >= 4, region


def test_safe_core_options_remain_for_pregnancy_and_osteoporosis(library):
    for condition in ("pregnancy", "osteoporosis"):
        safe = [
            ex
            for ex in library
            if ex.modality in ("core", "strength") and condition not in ex.contraindications
        ]
        assert len(safe) >= 5, condition


def test_desk_friendly_exercises_need_no_floor(library):
    desk = [ex for ex in library if ex.desk_friendly]
    assert len(desk) >= 5
    assert {ex.position for ex in desk} <= {"standing", "seated"}


def test_most_exercises_have_an_easier_or_harder_neighbour(library):
    linked = [ex for ex in library if ex.easier or ex.harder]
    assert len(linked) >= 0.7 * len(library)


def test_doses_never_get_easier_as_the_level_rises(library):
    order = {lvl: i for i, lvl in enumerate(vocab.LEVELS)}
    for ex in library:
        levels = sorted(ex.doses, key=order.__getitem__)
        for low, high in zip(levels, levels[1:], strict=False):
            a, b = ex.doses[low], ex.doses[high]
            volume_a = a.sets.high * a.amount.high
            volume_b = b.sets.high * b.amount.high
            assert volume_b >= volume_a, f"{ex.id}: {high} is lighter than {low}"


def test_every_exercise_says_to_stop_for_the_general_warning_signs():
    from spinewise.core.exercises import load_library

    for exercise in load_library():
        text = " ".join(exercise.stop_if).lower()
        assert "chest" in text and "breath" in text, exercise.id
