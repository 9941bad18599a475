"""Spinewise: open-source exercise therapy for back pain."""

__version__ = "0.1.0"
