"""axe-core in the browser tests: the page as the person sees it, checked against WCAG 2.1
A and AA. axe-core is vendored (tests/vendor/axe-core, ``make vendor``), never fetched."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[2] / "vendor" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + ": " + n.failureSummary.split("\\n").slice(1).join(" ").slice(0, 160)),
  }));
}"""


@lru_cache(maxsize=1)
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Any) -> list[str]:
    """Every WCAG 2.1 AA violation axe finds on ``page`` now, one line each."""
    # Evaluated through the DevTools protocol, so the app's CSP (no inline scripts) stays on.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_source())
    found = page.evaluate(RUN, WCAG_AA)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {'; '.join(v['nodes'])}" for v in found]
