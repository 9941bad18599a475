"""How many examples a property test tries, by Hypothesis profile (tests/conftest.py).

The counts written in the tests are CI's: ``.ci/run`` sets ``HYPOTHESIS_PROFILE=ci``, whose
``max_examples`` is Hypothesis's usual 100. Elsewhere (``make test`` on a laptop) the ``dev``
profile runs 40 in 100 of each count, so the suite stays quick; every property is still
checked on every run, and CI keeps trying the full counts.
"""

from __future__ import annotations

from hypothesis import settings

FULL = 100  # max_examples of the "ci" profile: the counts as written


def examples(count: int) -> int:
    """``count`` examples under the "ci" profile; proportionally fewer (at least 10) under
    "dev", whose ``max_examples`` is smaller."""
    return max(10, round(count * settings().max_examples / FULL))
