"""Typed, validated access to raw mappings (YAML data files and user input).

Every error names the field as a dotted path. Data files raise
:class:`LibraryError` carrying the file name; user input raises
:class:`InputError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, LibraryError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")

_MISSING: Any = object()


class Fields:
    """Field access on one raw mapping; ``prefix`` is prepended to field names."""

    def __init__(self, raw: Any, prefix: str = "", source: str | None = None) -> None:
        if not isinstance(raw, Mapping):
            raise self._make_error(prefix.rstrip(".") or "(file)", "must be a mapping", source)
        self.raw: Mapping[str, Any] = raw
        self.prefix = prefix
        self.source = source

    @staticmethod
    def _make_error(field: str, problem: str, source: str | None) -> InputError:
        if source is not None:
            return LibraryError(field, problem, source)
        return InputError(field, problem)

    def error(self, name: str, problem: str) -> InputError:
        return self._make_error(f"{self.prefix}{name}", problem, self.source)

    def has(self, name: str) -> bool:
        return self.raw.get(name) is not None

    def exact_keys(self, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        required, optional = tuple(required), tuple(optional)
        for key in self.raw:
            if key not in required and key not in optional:
                raise self.error(str(key), "unknown field")
        for key in required:
            if key not in self.raw:
                raise self.error(key, "missing field")

    def text(self, name: str) -> str:
        value = self.raw.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.error(name, "must be a non-empty text")
        return " ".join(value.split())

    def texts(self, name: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        value = self.raw.get(name)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(name, "must be a list of non-empty texts")
        if not value and not allow_empty:
            raise self.error(name, "must not be empty")
        return tuple(" ".join(v.split()) for v in value)

    def ident(self, name: str, pattern: re.Pattern[str] = IDENT) -> str:
        value = self.text(name)
        if not pattern.match(value):
            kind = "kebab-case id" if pattern is SLUG else "lower-case id"
            raise self.error(name, f"{value!r} is not a {kind}")
        return value

    def choice(self, name: str, allowed: Iterable[str], default: str | None = None) -> str:
        if default is not None and name not in self.raw:
            return default
        allowed = tuple(allowed)
        value = self.raw.get(name)
        if value not in allowed:
            raise self.error(name, f"unknown value {value!r}; expected one of {', '.join(allowed)}")
        return str(value)

    def choices(
        self, name: str, allowed: Iterable[str], *, allow_empty: bool = True
    ) -> tuple[str, ...]:
        allowed = tuple(allowed)
        values = self.texts(name, allow_empty=True) if name in self.raw else ()
        if not values and not allow_empty:
            raise self.error(name, "must not be empty")
        for v in values:
            if v not in allowed:
                raise self.error(name, f"unknown value {v!r}; expected one of {', '.join(allowed)}")
        if len(set(values)) != len(values):
            raise self.error(name, "lists a value twice")
        return values

    def boolean(self, name: str, default: bool) -> bool:
        value = self.raw.get(name, default)
        if not isinstance(value, bool):
            raise self.error(name, "must be true or false")
        return value

    def integer(self, name: str, low: int, high: int, default: int = _MISSING) -> int:
        value = self.raw.get(name, default)
        if value is _MISSING:
            raise self.error(name, "missing field")
        return check_int(value, low, high, f"{self.prefix}{name}", self.source)

    def number(self, name: str, low: float, high: float, default: float = _MISSING) -> float:
        value = self.raw.get(name, default)
        if value is _MISSING:
            raise self.error(name, "missing field")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(name, "must be a number")
        if not low <= value <= high:
            raise self.error(name, f"{value:g} is out of range {low:g}-{high:g}")
        return float(value)

    def clock(self, name: str, default: time | None = None) -> time:
        """A local time of day written ``HH:MM`` (24-hour clock)."""
        value = self.raw.get(name)
        if value is None and default is not None:
            return default
        if isinstance(value, time):
            return value.replace(second=0, microsecond=0, tzinfo=None)
        match = CLOCK.match(value) if isinstance(value, str) else None
        if match is None:
            raise self.error(name, "must be a time of day written HH:MM, e.g. 09:30")
        return time(int(match[1]), int(match[2]))

    def day(self, name: str) -> date:
        """A calendar date written ``YYYY-MM-DD``."""
        value = self.raw.get(name)
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        try:
            if isinstance(value, str) and len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise self.error(name, "must be a date written YYYY-MM-DD")

    def mapping(self, name: str) -> Fields:
        value = self.raw.get(name)
        if not isinstance(value, Mapping):
            raise self.error(name, "must be a mapping")
        return Fields(value, f"{self.prefix}{name}.", self.source)

    def items(self, name: str, *, allow_empty: bool = False) -> list[Fields]:
        """A list of mappings, each with its index in the field path (``steps[2].text``)."""
        value = self.raw.get(name)
        if not isinstance(value, list):
            raise self.error(name, "must be a list")
        if not value and not allow_empty:
            raise self.error(name, "must not be empty")
        return [Fields(v, f"{self.prefix}{name}[{i}].", self.source) for i, v in enumerate(value)]


def check_int(value: Any, low: int, high: int, field: str, source: str | None = None) -> int:
    """``value`` as a whole number within ``low``-``high``, or an error naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Fields._make_error(field, "must be a whole number", source)
    if not low <= value <= high:
        raise Fields._make_error(field, f"{value} is out of range {low}-{high}", source)
    return value


def read_yaml(path: Path) -> Any:
    """Parse one YAML data file; a syntax error names the file."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LibraryError("(file)", f"is not valid YAML: {exc}", path.name) from None
    except OSError as exc:
        raise LibraryError("(file)", f"cannot be read: {exc.strerror}", path.name) from None
