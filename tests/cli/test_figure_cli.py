"""``spinewise figure`` writes SVG and PNG files and refuses bad input with exit 2."""

from __future__ import annotations

import math
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

from spinewise.cli import main
from spinewise.core.exercises import load_library
from spinewise.core.figures.sheet import CELL_H, CELL_W, COLUMNS, LABEL_H

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"
SVG = "{http://www.w3.org/2000/svg}"


def test_writes_the_static_figure_as_svg(tmp_path):
    out = tmp_path / "cat.svg"
    assert main(["figure", "cat-camel", "--out", str(out)]) == 0
    assert out.read_text().startswith("<svg")


def test_png_flag_rasterises(tmp_path):
    out = tmp_path / "cat.img"
    assert main(["figure", "cat-camel", "--png", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")


def test_png_file_name_implies_png(tmp_path):
    out = tmp_path / "cat.png"
    assert main(["figure", "cat-camel", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")


def test_animated_figure_is_written_as_smil_svg(tmp_path):
    out = tmp_path / "anim.svg"
    assert main(["figure", "bird-dog", "--animated", "--out", str(out)]) == 0
    assert "<animate " in out.read_text()


def test_prints_svg_without_out(capsys):
    assert main(["figure", "chin-tuck"]) == 0
    assert capsys.readouterr().out.startswith("<svg")


def test_all_writes_a_contact_sheet(tmp_path):
    out = tmp_path / "sheet.svg"
    assert main(["figure", "--all", "--out", str(out)]) == 0
    assert "cat-camel" in out.read_text()


def test_contact_sheet_draws_every_exercise_once(tmp_path):
    out = tmp_path / "sheet.svg"
    assert main(["figure", "--all", "--out", str(out)]) == 0
    root = ET.fromstring(out.read_text())
    ids = load_library().ids()
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert sorted(labels) == sorted(ids)
    # One drawn cell per exercise, each holding a figure (its body parts are paths).
    cells = [
        g for g in root if g.tag == f"{SVG}g" and g.get("transform", "").startswith("translate")
    ]
    assert len(cells) == len(ids)
    assert all(len(list(cell.iter(f"{SVG}path"))) > 10 for cell in cells)


def test_figures_sheet_png_holds_a_row_for_every_four_exercises(tmp_path):
    out = tmp_path / "var" / "figures-sheet.png"
    out.parent.mkdir()
    assert main(["figure", "--all", "--png", "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG")
    width, height = struct.unpack(">II", data[16:24])
    rows = math.ceil(len(load_library().ids()) / COLUMNS)
    assert (width, height) == (
        round(COLUMNS * CELL_W * 1.5),
        round(rows * (CELL_H + LABEL_H) * 1.5),
    )


def test_make_figures_sheet_writes_the_contact_sheet_png():
    makefile = MAKEFILE.read_text()
    assert re.search(r"^\.PHONY:.*\bfigures-sheet\b", makefile, re.M)
    recipe = re.search(r"^figures-sheet: \$\(STAMP\)\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe is not None
    assert "spinewise figure --all --png --out $(FIGURES_SHEET)" in recipe.group(1)
    assert re.search(r"^FIGURES_SHEET \?= var/figures-sheet\.png$", makefile, re.M)


def test_unknown_exercise_exits_2_naming_the_field(capsys):
    assert main(["figure", "handstand"]) == 2
    assert "exercise_id" in capsys.readouterr().err


def test_animated_png_exits_2_naming_the_option(tmp_path, capsys):
    assert (
        main(["figure", "cat-camel", "--animated", "--png", "--out", str(tmp_path / "a.png")]) == 2
    )
    assert "--png" in capsys.readouterr().err


def test_needs_an_id_or_all(capsys):
    assert main(["figure"]) == 2
    assert "exercise_id" in capsys.readouterr().err
