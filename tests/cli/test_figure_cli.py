"""``spinewise figure`` writes SVG and PNG files and refuses bad input with exit 2."""

from __future__ import annotations

from spinewise.cli import main


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
