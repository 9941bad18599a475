"""The compiled cache of the validated library (``core.library_cache``): used while the
files are unchanged, rebuilt when one changes, never an error when it is bad or cannot be
written, and what it gives back equals the freshly checked library."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from spinewise.core import exercises, library_cache
from spinewise.core.errors import LibraryError
from spinewise.core.exercises import (
    DEFAULT_FIGURES_DIR,
    DEFAULT_LIBRARY_DIR,
    Library,
    load_checked_library,
    load_library,
    load_library_cached,
)
from spinewise.core.figures import catalogue


@pytest.fixture(scope="module")
def fresh() -> Library:
    """The shipped library, read and checked without any cache."""
    return load_checked_library()


@pytest.fixture
def copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the shipped exercise and figure files that a test may edit."""
    ex_dir, fig_dir = tmp_path / "exercises", tmp_path / "figures"
    shutil.copytree(DEFAULT_LIBRARY_DIR, ex_dir)
    shutil.copytree(DEFAULT_FIGURES_DIR, fig_dir)
    return ex_dir, fig_dir


@pytest.fixture
def no_rebuild(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Counts the times the library is read and checked from its files (the cache missed)."""
    built: list[Path] = []
    real = exercises.load_checked_library

    def counting(directory: Path = DEFAULT_LIBRARY_DIR, *args: Path) -> Library:
        built.append(directory)
        return real(directory, *args)

    monkeypatch.setattr(exercises, "load_checked_library", counting)
    return built


def same(a: Library, b: Library) -> bool:
    return a.ids() == b.ids() and list(a) == list(b)


def test_the_cached_library_equals_the_freshly_checked_one(tmp_path, fresh, no_rebuild):
    cache = tmp_path / "cache" / "library.pickle"
    first = load_library_cached(cache_file=cache)
    assert cache.is_file() and len(no_rebuild) == 1
    second = load_library_cached(cache_file=cache)
    assert len(no_rebuild) == 1  # read from the cache, not from the files
    assert second is not first
    assert same(first, fresh) and same(second, fresh)
    for ex in second:
        assert ex == fresh.get(ex.id)
        assert ex.doses == fresh.get(ex.id).doses
        assert ex.stop_signs(4) == fresh.get(ex.id).stop_signs(4)


def test_the_cache_is_used_while_the_files_are_unchanged(copy, tmp_path, no_rebuild):
    cache = tmp_path / "library.pickle"
    for _ in range(3):
        load_library_cached(*copy, cache_file=cache)
    assert len(no_rebuild) == 1


def test_an_edited_exercise_file_rebuilds_the_cache(copy, tmp_path, no_rebuild):
    ex_dir, fig_dir = copy
    cache = tmp_path / "library.pickle"
    assert load_library_cached(ex_dir, fig_dir, cache).get("cat-camel").name == "Cat-camel"
    before = cache.read_bytes()
    path = ex_dir / "cat-camel.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: Cat-camel", "name: Cat and camel"),
        encoding="utf-8",
    )
    assert load_library_cached(ex_dir, fig_dir, cache).get("cat-camel").name == "Cat and camel"
    assert len(no_rebuild) == 2 and cache.read_bytes() != before
    assert load_library_cached(ex_dir, fig_dir, cache).get("cat-camel").name == "Cat and camel"
    assert len(no_rebuild) == 2  # the rebuilt cache serves the edit


def test_an_exercise_file_made_invalid_is_refused_not_served_from_the_cache(copy, tmp_path):
    ex_dir, fig_dir = copy
    cache = tmp_path / "library.pickle"
    load_library_cached(ex_dir, fig_dir, cache)
    path = ex_dir / "cat-camel.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    with pytest.raises(LibraryError, match="colour: unknown field"):
        load_library_cached(ex_dir, fig_dir, cache)


def test_a_new_or_removed_exercise_file_rebuilds_the_cache(copy, tmp_path):
    ex_dir, fig_dir = copy
    cache = tmp_path / "library.pickle"
    load_library_cached(ex_dir, fig_dir, cache)
    (ex_dir / "notes.yaml").write_text("id: notes\n", encoding="utf-8")
    with pytest.raises(LibraryError, match="notes.yaml"):
        load_library_cached(ex_dir, fig_dir, cache)
    (ex_dir / "notes.yaml").unlink()
    assert "cat-camel" in load_library_cached(ex_dir, fig_dir, cache)


def test_an_edited_figure_file_rebuilds_the_cache(copy, tmp_path, no_rebuild):
    ex_dir, fig_dir = copy
    cache = tmp_path / "library.pickle"
    load_library_cached(ex_dir, fig_dir, cache)
    (fig_dir / "cat-camel.yaml").unlink()
    catalogue.clear()  # parsed figure files are kept per process: start afresh, as a new one
    with pytest.raises(LibraryError, match="every exercise needs a figure"):
        load_library_cached(ex_dir, fig_dir, cache)
    assert len(no_rebuild) == 2


def test_the_key_covers_the_loaders_code():
    files = library_cache.inputs_of(DEFAULT_LIBRARY_DIR, DEFAULT_FIGURES_DIR)
    for module in (exercises, library_cache):
        assert Path(module.__file__) in files
    assert DEFAULT_FIGURES_DIR.parent.parent / "core" / "figures" / "validate.py" in files
    assert DEFAULT_LIBRARY_DIR / "cat-camel.yaml" in files
    assert DEFAULT_FIGURES_DIR / "_poses.yaml" in files


def test_the_key_changes_with_any_input_file(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("x: 1\n")
    b.write_text("y: 2\n")
    key = library_cache.key_of([a, b])
    assert library_cache.key_of([a, b]) == key
    b.write_text("y: 3\n")
    assert library_cache.key_of([a, b]) != key
    assert library_cache.key_of([a]) != library_cache.key_of([a, b])


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-200] + b"\x00" * 200, id="garbled"),
        pytest.param(lambda data: b"not a cache at all", id="foreign"),
        pytest.param(
            lambda data: data.replace(b"spinewise-library-cache 1", b"x" * 25), id="format"
        ),
    ],
)
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(tmp_path, fresh, no_rebuild, damage):
    cache = tmp_path / "library.pickle"
    load_library_cached(cache_file=cache)
    cache.write_bytes(damage(cache.read_bytes()))
    assert same(load_library_cached(cache_file=cache), fresh)
    assert len(no_rebuild) == 2
    assert same(load_library_cached(cache_file=cache), fresh)
    assert len(no_rebuild) == 2  # rewritten whole


class _Evil:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_cache_file_holding_anything_but_library_data_is_not_unpickled(
    tmp_path, fresh, monkeypatch
):
    cache = tmp_path / "library.pickle"
    load_library_cached(cache_file=cache)
    header = cache.read_bytes().split(b"\n", 2)
    cache.write_bytes(b"\n".join(header[:2]) + b"\n" + pickle.dumps(_Evil()))
    monkeypatch.chdir(tmp_path)
    assert same(load_library_cached(cache_file=cache), fresh)
    assert not (tmp_path / "pwned").exists()


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path, fresh):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    assert same(load_library_cached(cache_file=blocker / "cache" / "library.pickle"), fresh)
    assert blocker.read_text() == "a file where the cache directory should be"


def test_a_write_that_fails_midway_leaves_no_file_behind(tmp_path, fresh, monkeypatch):
    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(library_cache.os, "replace", full_disk)
    cache_dir = tmp_path / "cache"
    assert same(load_library_cached(cache_file=cache_dir / "library.pickle"), fresh)
    assert list(cache_dir.iterdir()) == []


def test_writes_leave_no_temporary_files_behind(tmp_path):
    cache_dir = tmp_path / "cache"
    load_library_cached(cache_file=cache_dir / "library.pickle")
    library_cache.write(cache_dir / "library.pickle", b"0" * 64, load_library())
    assert [p.name for p in cache_dir.iterdir()] == ["library.pickle"]


def test_where_the_cache_lives(monkeypatch, tmp_path):
    monkeypatch.delenv(library_cache.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert library_cache.cache_directory() == tmp_path / "xdg" / "spinewise"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert library_cache.cache_directory() == tmp_path / "home" / ".cache" / "spinewise"
    monkeypatch.setenv(library_cache.ENV_VAR, str(tmp_path / "own"))
    assert library_cache.cache_directory() == tmp_path / "own"
    for off in ("off", "0", ""):
        monkeypatch.setenv(library_cache.ENV_VAR, off)
        assert library_cache.cache_directory() is None
        assert library_cache.cache_file_for(DEFAULT_LIBRARY_DIR) is None


def test_each_library_directory_has_its_own_cache_file(copy, tmp_path, monkeypatch):
    monkeypatch.setenv(library_cache.ENV_VAR, str(tmp_path / "cache"))
    shipped = library_cache.cache_file_for(DEFAULT_LIBRARY_DIR)
    copied = library_cache.cache_file_for(copy[0])
    assert shipped is not None and copied is not None
    assert shipped.parent == copied.parent == tmp_path / "cache" and shipped != copied


def test_with_the_cache_off_nothing_is_written(monkeypatch, tmp_path, fresh, no_rebuild):
    monkeypatch.setenv(library_cache.ENV_VAR, "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert same(load_library_cached(), fresh)
    assert same(load_library_cached(), fresh)
    assert len(no_rebuild) == 2 and list(tmp_path.iterdir()) == []
