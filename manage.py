#!/usr/bin/env python3
"""Django's command-line utility for the Spinewise web application."""

import os
import sys
from pathlib import Path


def main() -> None:
    # Works from a fresh checkout too, before `pip install -e .`.
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spinewise.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
