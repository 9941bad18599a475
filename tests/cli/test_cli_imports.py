"""``spinewise plan`` from the shell imports only what planning needs: no figure code, no
YAML parser once the library's compiled cache is written, and no drawing code even
while the cache is being built. Each run is a new process, as from the shell."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROFILE = {"regions": ["upper_back"], "equipment": ["resistance_band"], "band_levels": ["red"]}
# The console script (pyproject.toml) runs ``from spinewise.cli import main; main()``;
# this does the same and then writes down every module the run imported.
PROGRAM = """\
import json, sys
from spinewise.cli import main
status = main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as fh:
    json.dump(sorted(sys.modules), fh)
sys.exit(status)
"""
DRAWING = ("figure", "draw", "svg", "sheet", "paths")


def run(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    modules = tmp_path / "modules.json"
    env = {**os.environ, "SPINEWISE_LIBRARY_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(modules), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 3), done.stderr
    return done, json.loads(modules.read_text(encoding="utf-8"))


@pytest.fixture
def profile(tmp_path: Path) -> str:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(PROFILE), encoding="utf-8")
    return str(path)


def figure_modules(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith("spinewise.core.figures")]


def test_plan_with_the_cache_written_imports_no_figure_code_and_no_yaml(tmp_path, profile):
    cold, _ = run(tmp_path, "plan", profile)
    assert list((tmp_path / "cache").glob("library-*.pickle"))
    warm, modules = run(tmp_path, "plan", profile)
    assert warm.stdout == cold.stdout and "Session 1 of 3" in warm.stdout
    assert figure_modules(modules) == []
    assert "yaml" not in modules
    assert not [m for m in modules if m.split(".")[0] in ("django", "cairosvg", "reportlab")]
    # Nor the other commands' engines: screening questions, progression, the demo.
    for other in (
        "spinewise.core.screening",
        "spinewise.core.progression",
        "spinewise.cli.figure_cmd",
        "spinewise.cli.screen_cmd",
        "spinewise.cli.demo_cmd",
    ):
        assert other not in modules


def test_plan_building_the_cache_checks_the_figure_files_without_drawing(tmp_path, profile):
    _, modules = run(tmp_path, "plan", profile)
    assert "spinewise.core.figures.validate" in modules  # every exercise needs a figure
    drawing = [f"spinewise.core.figures.{name}" for name in DRAWING]
    assert [m for m in modules if m in drawing] == []


def test_plan_json_is_the_same_from_the_cache_and_from_the_files(tmp_path, profile):
    cold, _ = run(tmp_path, "plan", profile, "--json")
    warm, _ = run(tmp_path, "plan", profile, "--json")
    assert json.loads(warm.stdout) == json.loads(cold.stdout)


def test_the_figure_command_still_draws(tmp_path):
    done, modules = run(tmp_path, "figure", "cat-camel")
    assert done.stdout.startswith("<svg") and "spinewise.core.figures.svg" in modules


def test_help_still_lists_every_command():
    result = subprocess.run(
        [sys.executable, "-m", "spinewise.cli", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    for name in ("plan", "progress", "demo", "exercises", "figure", "screen"):
        assert f"    {name}" in result.stdout


def test_every_command_module_registers_the_command_it_is_listed_for():
    from spinewise.cli import COMMANDS, MODULES, build_parser

    build_parser()  # imports every command's module
    assert set(MODULES) == set(COMMANDS)
