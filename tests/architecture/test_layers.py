"""The map holds: no app reaches into another from inside a function (the way a cycle
hides from import-linter), and no layer re-enters another through fake form data."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import spinewise

SOURCE = Path(spinewise.__file__).parent
APPS = {p.name for p in SOURCE.iterdir() if (p / "__init__.py").is_file()}


def modules() -> list[Path]:
    return [p for p in SOURCE.rglob("*.py") if "migrations" not in p.parts]


def imported_app(node: ast.AST) -> str | None:
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        name = node.module
    elif isinstance(node, ast.Import):
        name = node.names[0].name
    else:
        return None
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "spinewise" and parts[1] in APPS else None


def test_no_app_imports_another_from_inside_a_function() -> None:
    found = []
    for path in modules():
        own = path.relative_to(SOURCE).parts[0]
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                app = imported_app(node)
                if app is not None and app != own:
                    found.append(f"{path.relative_to(SOURCE)}:{node.lineno} imports {app}")
    assert found == []


def test_the_api_builds_commands_instead_of_posting_forms() -> None:
    api = SOURCE / "api"
    offenders = [
        str(p.relative_to(SOURCE))
        for p in api.rglob("*.py")
        if "querydict" in p.read_text(encoding="utf-8").lower()
    ]
    assert offenders == []


def test_every_app_package_is_placed_in_a_layer() -> None:
    config = tomllib.loads((SOURCE.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    placed = {
        name.strip().removeprefix("spinewise.")
        for layer in contract["layers"]
        for name in layer.split("|")
    }
    assert APPS - {"library"} <= placed  # library: data files, no code to layer
