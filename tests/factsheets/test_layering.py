"""The factsheets app sits above accounts, security, events and participants, and below
reports: it imports none of the apps above it, not even inside a function."""

import ast
from pathlib import Path

import factsheets

HIGHER_APPS = {"reports", "demo"}


def imported_top_level_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def test_factsheets_imports_no_higher_app():
    root = Path(factsheets.__file__).parent

    offending = {
        f"{path.relative_to(root)}: {module}"
        for path in root.rglob("*.py")
        for module in imported_top_level_modules(path)
        if module in HIGHER_APPS
    }

    assert offending == set()
