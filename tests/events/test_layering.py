"""The events app sits below participants, factsheets and reports: it imports none of them
(reverse relations and string references reach their rows instead)."""

import ast
from pathlib import Path

import pytest

import events

HIGHER_APPS = ("participants", "factsheets", "reports", "demo")
EVENTS_DIR = Path(events.__file__).parent
# The app's modules; the admin, import/export resources and demo loader are checked by the
# project-wide import test.
MODULES = [
    "apps.py",
    "forms.py",
    "models.py",
    "rules.py",
    "scoping.py",
    "selectors.py",
    "services.py",
    "themes.py",
    "urls.py",
    "views.py",
]


def _imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


@pytest.mark.parametrize("module", MODULES)
def test_events_module_imports_no_higher_app(module):
    imported = set(_imported_modules(EVENTS_DIR / module))

    higher = {name for name in imported if name.split(".")[0] in HIGHER_APPS}

    assert higher == set()
