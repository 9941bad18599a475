"""A contact sheet: every figure in a grid, labelled with its exercise id."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .figure import Drawing
from .paths import fmt
from .svg import static_content

CELL_W, CELL_H, LABEL_H, COLUMNS = 300.0, 150.0, 14.0, 4


def contact_sheet(drawings: Sequence[Drawing], columns: int = COLUMNS) -> str:
    cells = []
    for i, drawing in enumerate(drawings):
        (x0, y0, x1, y1), content = static_content(drawing)
        w, h = x1 - x0, y1 - y0 + 8
        k = min((CELL_W - 8) / w, (CELL_H - 4) / h)
        col, row = i % columns, i // columns
        cx, cy = col * CELL_W, row * (CELL_H + LABEL_H)
        ox = cx + (CELL_W - w * k) / 2
        cells.append(
            f'<g transform="translate({fmt(ox)} {fmt(cy + LABEL_H)}) scale({k:.4f}) translate({fmt(-x0)} {fmt(-y0)})">{content}</g>'
            f'<text x="{fmt(cx + 6)}" y="{fmt(cy + 11)}" font-family="sans-serif" font-size="10" font-weight="bold" fill="#1e3a5f">{escape(drawing.spec.exercise_id)}</text>'
            f'<rect x="{fmt(cx + 1)}" y="{fmt(cy + 1)}" width="{fmt(CELL_W - 2)}" height="{fmt(CELL_H + LABEL_H - 2)}" fill="none" stroke="#d5dbe1"/>'
        )
    rows = (len(drawings) + columns - 1) // columns
    width, height = columns * CELL_W, rows * (CELL_H + LABEL_H)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {fmt(width)} {fmt(height)}" '
        f'width="{round(width * 1.5)}" height="{round(height * 1.5)}" role="img" aria-label="Exercise figures">'
        f'<rect width="{fmt(width)}" height="{fmt(height)}" fill="#ffffff"/>{"".join(cells)}</svg>'
    )
