"""``python -m spinewise.cli``: the same as the ``spinewise`` console script."""

from __future__ import annotations

import sys

from spinewise.cli import main

sys.exit(main())
