"""The core's controlled vocabularies as schema types, made from the core's own tuples so
the API can never offer a region, equipment or condition the planner does not know."""

from __future__ import annotations

from typing import Literal

from spinewise.core import vocab

# Literal[("a", "b")] is Literal["a", "b"]: one subscript with the core's tuple.
Region = Literal[vocab.REGIONS]  # type: ignore[valid-type]
Modality = Literal[vocab.MODALITIES]  # type: ignore[valid-type]
Equipment = Literal[vocab.EQUIPMENT]  # type: ignore[valid-type]
Level = Literal[vocab.LEVELS]  # type: ignore[valid-type]
Condition = Literal[vocab.CONTRAINDICATIONS]  # type: ignore[valid-type]
