"""The figure loader refuses implausible or broken poses, naming file and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from spinewise.core.errors import LibraryError
from spinewise.core.figures.catalogue import load_figure
from spinewise.core.figures.scene import resolve
from spinewise.core.figures.spec import DEFAULT_FIGURES_DIR, POSES_FILE
from spinewise.core.figures.validate import check_scene


def figure_dir(tmp_path: Path, data: dict, name: str = "demo") -> Path:
    shutil.copy(DEFAULT_FIGURES_DIR / POSES_FILE, tmp_path / POSES_FILE)
    (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(data))
    load_figure.cache_clear()
    return tmp_path


def standing(**keyframe) -> dict:
    return {"base": "standing", "view": "side", "keyframes": [{"name": "start", **keyframe}]}


def error_for(tmp_path: Path, data: dict) -> LibraryError:
    directory = figure_dir(tmp_path, data)
    with pytest.raises(LibraryError) as info:
        check_scene(resolve(load_figure("demo", directory)))
    return info.value


def test_a_plain_standing_figure_loads(tmp_path):
    spec = load_figure("demo", figure_dir(tmp_path, standing()))
    assert [k.name for k in spec.keyframes] == ["start"]


def test_elbow_bending_backwards_is_refused_naming_the_field(tmp_path):
    err = error_for(tmp_path, standing(joints={"left_elbow": {"flexion": -20}}))
    assert err.source == "figures/demo.yaml"
    assert err.field == "keyframes[0].joints.left_elbow.flexion"
    assert "outside the joint's range" in err.problem


def test_knee_bent_beyond_its_range_is_refused(tmp_path):
    err = error_for(tmp_path, standing(joints={"right_knee": {"flexion": 170}}))
    assert err.field == "keyframes[0].joints.right_knee.flexion"


def test_arm_raised_high_behind_the_back_is_refused(tmp_path):
    err = error_for(tmp_path, standing(joints={"right_shoulder": {"plane": 170, "elevation": 120}}))
    assert err.field == "keyframes[0].joints.right_shoulder.elevation"
    assert "reach" in err.problem


def test_unknown_joint_is_named(tmp_path):
    err = error_for(tmp_path, standing(joints={"tail": {"flexion": 10}}))
    assert err.field == "keyframes[0].joints.tail"


def test_unknown_movement_is_named(tmp_path):
    err = error_for(tmp_path, standing(joints={"left_knee": {"twist": 10}}))
    assert err.field == "keyframes[0].joints.left_knee.twist"


def test_contact_with_missing_equipment_is_refused(tmp_path):
    err = error_for(tmp_path, standing(contacts={"pelvis": "chair"}))
    assert err.field == "keyframes[0].contacts.pelvis"
    assert "unknown surface 'chair'" in err.problem


def test_contact_that_does_not_touch_fails_validation(tmp_path):
    err = error_for(tmp_path, standing(contacts={"left_hand": "floor"}, fit=[]))
    assert err.field == "keyframes[0].contacts.left_hand"
    assert "away from floor" in err.problem


def test_body_pushed_through_the_floor_fails_validation(tmp_path):
    data = {
        "base": "supine",
        "view": "side",
        "keyframes": [
            {
                "name": "start",
                "joints": {"left_hip": {"flexion": -30}},
                "contacts": {"left_heel": "none"},
                "fit": [],
            }
        ],
    }
    err = error_for(tmp_path, data)
    assert err.field == "keyframes[0]" and "through the floor" in err.problem


def test_unknown_base_pose_is_named(tmp_path):
    err = error_for(tmp_path, {**standing(), "base": "handstand"})
    assert err.field == "base" and "handstand" in err.problem


def test_unknown_equipment_kind_is_named(tmp_path):
    err = error_for(tmp_path, {**standing(), "equipment": [{"kind": "trampoline"}]})
    assert err.field == "equipment[0].kind"


def test_missing_figure_names_the_file(tmp_path):
    figure_dir(tmp_path, standing())
    with pytest.raises(LibraryError) as info:
        load_figure("absent", tmp_path)
    assert info.value.source == "figures/absent.yaml" and "missing" in info.value.problem


def test_contacts_may_be_written_as_a_list_of_pairs(tmp_path):
    data = standing(contacts=[{"left_foot": "floor"}, {"right_foot": "floor"}])
    spec = load_figure("demo", figure_dir(tmp_path, data))
    assert spec.keyframes[0].contacts == {"left_foot": "floor", "right_foot": "floor"}
