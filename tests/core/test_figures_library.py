"""Every shipped exercise has a figure that is anatomically plausible and touches
what it says it touches."""

from __future__ import annotations

import math
from functools import cache

import pytest
import yaml

from spinewise.core.errors import LibraryError
from spinewise.core.exercises import DEFAULT_LIBRARY_DIR, load_library, load_library_from
from spinewise.core.figures import validate_figures
from spinewise.core.figures.catalogue import cached_solution, figure_ids, load_figure, load_scene
from spinewise.core.figures.contacts import lowest_point, site_point
from spinewise.core.figures.figure import forward_frames
from spinewise.core.figures.scene import PENETRATION, TOLERANCE, Scene, contact_gaps, resolve
from spinewise.core.figures.skeleton import JOINT_LIMITS, SEGMENT_LENGTHS, shoulder_elevation_limit
from spinewise.core.figures.validate import validate_figure_files

LIBRARY = load_library()
IDS = LIBRARY.ids()


@cache
def scene(exercise_id: str) -> Scene:
    return load_scene(exercise_id)


def test_every_exercise_in_the_library_has_a_valid_figure():
    validate_figures(LIBRARY)


@pytest.mark.parametrize("exercise_id", IDS)
def test_shipped_fit_cache_matches_the_figure_file(exercise_id):
    assert cached_solution(load_figure(exercise_id)) is not None, "run: spinewise figure --refit"


@pytest.mark.parametrize("exercise_id", ["cat-camel", "glute-bridge", "open-book"])
def test_fitting_afresh_reproduces_the_cached_poses(exercise_id):
    fresh = resolve(load_figure(exercise_id))
    for cached, new in zip(scene(exercise_id).keyframes, fresh.keyframes, strict=True):
        for name, value in cached.angles.items():
            assert new.angles[name] == pytest.approx(value, abs=0.01), name


def test_every_figure_file_belongs_to_an_exercise():
    assert set(figure_ids()) <= set(IDS)


@pytest.mark.parametrize("exercise_id", IDS)
def test_declared_contacts_touch_their_surface(exercise_id):
    sc = scene(exercise_id)
    for key, frame in zip(sc.spec.keyframes, sc.keyframes, strict=True):
        for site, gap in contact_gaps(frame.body, key.contacts, sc.setting).items():
            assert -PENETRATION <= gap <= TOLERANCE, (key.name, site, key.contacts[site], gap)


@pytest.mark.parametrize("exercise_id", IDS)
def test_no_part_of_the_body_sinks_through_the_floor(exercise_id):
    sc = scene(exercise_id)
    for frame in forward_frames(sc):
        assert lowest_point(frame.body) >= -PENETRATION


@pytest.mark.parametrize("exercise_id", IDS)
def test_body_proportions_stay_the_same_in_every_frame(exercise_id):
    sc = scene(exercise_id)
    for frame in forward_frames(sc):
        for name, limb in frame.body.limbs.items():
            part = name.split("_", 1)[-1]
            if part in SEGMENT_LENGTHS:
                assert math.dist(limb.start, limb.end) == pytest.approx(SEGMENT_LENGTHS[part])


@pytest.mark.parametrize("exercise_id", IDS)
def test_fitted_keyframes_stay_within_joint_limits(exercise_id):
    for frame in scene(exercise_id).keyframes:
        for name, value in frame.angles.items():
            joint, move = name.split(".")
            low, high = JOINT_LIMITS[joint][move]
            assert low - 1e-6 <= value <= high + 1e-6, (name, value)
        for side in ("left", "right"):
            plane = frame.angles.get(f"{side}_shoulder.plane", 0.0)
            elevation = frame.angles.get(f"{side}_shoulder.elevation", 0.0)
            assert elevation <= shoulder_elevation_limit(plane) + 1e-6


@pytest.mark.parametrize("exercise_id", IDS)
def test_figure_draws_the_equipment_the_exercise_needs(exercise_id):
    kinds = {item.kind for item in load_figure(exercise_id).equipment}
    assert set(LIBRARY.get(exercise_id).equipment) <= kinds


def test_planted_hands_and_knees_stay_put_in_cat_camel():
    sc = scene("cat-camel")
    for site in ("left_hand", "right_hand", "left_knee", "right_knee"):
        start = sc.planted[1][site]
        end = site_point(sc.keyframes[1].body, site)
        assert math.hypot(end[0] - start[0], end[2] - start[2]) < TOLERANCE


def test_loading_the_library_refuses_an_exercise_without_a_figure(tmp_path):
    data = yaml.safe_load((DEFAULT_LIBRARY_DIR / "cat-camel.yaml").read_text())
    data.update(id="no-figure-yet", easier=[], harder=[])
    (tmp_path / "no-figure-yet.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(LibraryError) as info:
        validate_figure_files(load_library_from(tmp_path))
    assert info.value.source == "figures/no-figure-yet.yaml"
    assert "every exercise needs a figure" in info.value.problem
