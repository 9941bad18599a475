"""The compiled cache of the validated exercise library.

Reading and checking every YAML file of the library takes a few hundred milliseconds,
far more than planning a programme, so a short-lived process such as ``spinewise plan``
keeps the checked result in a cache file and reads that instead. The cache is keyed by a
hash of the content of every file the result depends on: the exercise files, the figure
files (every exercise must have a valid figure) and the loader's own code. Any edit to
one of them changes the key, and the library is read, checked and cached afresh.

Where it lives: ``$SPINEWISE_LIBRARY_CACHE`` (a directory; ``off``, ``0`` or an empty
value turn the cache off), else ``$XDG_CACHE_HOME/spinewise``, else
``~/.cache/spinewise``; one file per library directory, so two checkouts do not take
turns overwriting each other's cache. A cache that cannot be written is simply not
written; one that is missing, stale, truncated or corrupt is ignored and rebuilt, never
an error. Writes go to a temporary file renamed over the old one (``os.replace``), so a
reader sees the old cache or the new one, never half of one.

The file is a pickle read by an unpickler that accepts only the library's own plain data
classes, so a tampered file cannot run code; it is a cache, not a format: nothing else
should read it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .exercises import Dose, Exercise, Instructions, Library, Range

ENV_VAR = "SPINEWISE_LIBRARY_CACHE"
OFF_VALUES = ("", "0", "off", "no", "false", "none")
# Bump when the layout of the cache file changes (the key covers the loader's code).
FORMAT = b"spinewise-library-cache 1\n"
PROTOCOL = 5
_CORE = Path(__file__).resolve().parent
# The code whose result is cached: an edit to any of it (a new rule, a new field of
# Exercise, a stricter figure check) changes the key just as an edited data file does.
CODE_FILES = (
    _CORE / "exercises.py",
    _CORE / "vocab.py",
    _CORE / "errors.py",
    _CORE / "library_cache.py",
)
CODE_DIRS = (_CORE / "figures",)
_ALLOWED = {
    ("spinewise.core.exercises", cls.__name__): cls
    for cls in (Library, Exercise, Dose, Range, Instructions)
}


def cache_directory() -> Path | None:
    """The per-user cache directory, or None when the cache is turned off (or there is
    no home directory to put it in)."""
    env = os.environ.get(ENV_VAR)
    if env is not None:
        return None if env.strip().lower() in OFF_VALUES else Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "spinewise"
    try:
        return Path.home() / ".cache" / "spinewise"
    except (RuntimeError, KeyError):  # no HOME and no password entry
        return None


def cache_file_for(library_dir: Path, directory: Path | None = None) -> Path | None:
    """The cache file of the library in ``library_dir`` (None: the cache is off)."""
    directory = directory if directory is not None else cache_directory()
    if directory is None:
        return None
    where = hashlib.sha256(str(library_dir).encode("utf-8", "surrogateescape")).hexdigest()
    return directory / f"library-{where[:16]}.pickle"


def inputs_of(*data_dirs: Path) -> list[Path]:
    """Every file the validated library depends on: the ``*.yaml`` files of each data
    directory and the loader's code."""
    files = [p for d in data_dirs for p in sorted(d.glob("*.yaml"))]
    files += CODE_FILES
    files += [p for d in CODE_DIRS for p in sorted(d.glob("*.py"))]
    return files


def key_of(files: Iterable[Path]) -> bytes:
    """A hash of the names and content of ``files`` (OSError when one cannot be read)."""
    digest = hashlib.sha256(FORMAT)
    for path in files:
        data = path.read_bytes()
        name = str(path).encode("utf-8", "surrogateescape")
        digest.update(b"%d:%s\0%d:" % (len(name), name, len(data)))
        digest.update(data)
    return digest.hexdigest().encode("ascii")


class _Unpickler(pickle.Unpickler):
    """Builds only the library's own data classes; anything else is refused."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not library data") from None


def read(cache_file: Path, key: bytes) -> Library | None:
    """The library cached under ``key``, or None when the file is missing, stale or bad."""
    header = FORMAT + key + b"\n"
    try:
        with open(cache_file, "rb") as fh:
            if fh.read(len(header)) != header:
                return None
            data = fh.read()
        library = _Unpickler(io.BytesIO(data)).load()
    except Exception:  # any unreadable, truncated or foreign file: rebuild, never fail
        return None
    return library if isinstance(library, Library) else None


def write(cache_file: Path, key: bytes, library: Library) -> bool:
    """Store ``library`` under ``key`` atomically; False (and nothing written) when the
    cache directory cannot be made or written."""
    import tempfile  # only when writing: most runs only read

    try:
        data = FORMAT + key + b"\n" + pickle.dumps(library, protocol=PROTOCOL)
        cache_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(
            prefix=f".{cache_file.name}.", suffix=".tmp", dir=cache_file.parent
        )
    except Exception:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(temp, cache_file)
    except Exception:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False
    return True


def load_cached(
    build: Callable[[], Library], inputs: Callable[[], list[Path]], cache_file: Path | None
) -> Library:
    """The library from ``cache_file`` when its key matches the content of ``inputs()``,
    else ``build()`` (which reads and checks the files), cached for next time.

    The key is taken again after building: when a file changed while it was read, the
    result is returned but not cached under a key it does not match.
    """
    if cache_file is None:
        return build()
    try:
        key = key_of(inputs())
    except OSError:  # a file went missing or cannot be read: let build() say so
        return build()
    library = read(cache_file, key)
    if library is not None:
        return library
    library = build()
    try:
        unchanged = key_of(inputs()) == key
    except OSError:
        unchanged = False
    if unchanged:
        write(cache_file, key, library)
    return library
