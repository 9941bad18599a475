"""Errors raised for bad input, always naming the field and the problem."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input from a person or a file.

    ``field`` is a dotted path to the offending value (``"logs[2].rpe"``),
    ``problem`` a plain-language sentence. ``source`` names the file, when there is one.
    """

    def __init__(self, field: str, problem: str, source: str | None = None) -> None:
        self.field = field
        self.problem = problem
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{field}: {problem}")


class LibraryError(InputError):
    """The exercise library (or another clinical data file) is invalid."""


class Invalid(ValueError):
    """A command cannot be carried out as given: ``errors`` maps each field (a dotted path,
    e.g. ``"psfs[1].score"``) to a plain sentence saying what is wrong with it. Raised
    before anything is stored, with every problem found, not just the first."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))
