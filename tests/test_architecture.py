"""The apps depend on each other in one direction.

    accounts < jobs < notifications < security < events < participants < factsheets
        < recommendations < reports < cfp < demo < public

A lower app never imports a higher one: no Python import at all, not even inside a function
(string model references such as "participants.Person" and URL names are fine). The test
reads every module of every app with `ast`, so an import hidden in a function counts too.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = (
    "accounts",
    "jobs",
    "notifications",
    "security",
    "events",
    "participants",
    "factsheets",
    "recommendations",
    "reports",
    "cfp",
    "demo",
    "public",
)
RANK = {app: rank for rank, app in enumerate(LAYERS)}


def _modules(app):
    return sorted((ROOT / app).rglob("*.py"))


def _imported_apps(path):
    """`(line, imported module)` of every import of another project app in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            if name.split(".")[0] in RANK:
                yield node.lineno, name


def _app_imports():
    """`{(app, imported app): ["module.py:line imports x", ...]}` across apps."""
    edges = {}
    for app in LAYERS:
        for path in _modules(app):
            for line, name in _imported_apps(path):
                target = name.split(".")[0]
                if target != app:
                    where = f"{path.relative_to(ROOT)}:{line} imports {name}"
                    edges.setdefault((app, target), []).append(where)
    return edges


def test_every_app_of_the_layering_exists():
    assert [app for app in LAYERS if not (ROOT / app / "__init__.py").exists()] == []


def test_no_app_imports_a_higher_one():
    upward = [
        f"{where} ({app} is below {target})"
        for (app, target), places in sorted(_app_imports().items())
        if RANK[target] > RANK[app]
        for where in places
    ]

    if upward:
        pytest.fail(
            "Imports against the layering " + " < ".join(LAYERS) + ":\n" + "\n".join(upward),
            pytrace=False,
        )


def _cycles(edges):
    graph = {}
    for app, target in edges:
        graph.setdefault(app, set()).add(target)
    cycles, state = [], {}

    def visit(app, path):
        state[app] = "visiting"
        for target in sorted(graph.get(app, ())):
            if state.get(target) == "visiting":
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[app] = "done"

    for app in sorted(graph):
        if app not in state:
            visit(app, [app])
    return cycles


def _explain(cycle, edges):
    apps = cycle.split(" -> ")
    steps = [edges[(app, target)][0] for app, target in zip(apps, apps[1:], strict=False)]
    return f"{cycle}: " + "; ".join(steps)


def test_no_import_cycle_between_apps():
    edges = _app_imports()

    cycles = _cycles(edges)

    if cycles:
        explained = [_explain(cycle, edges) for cycle in cycles]
        pytest.fail("Import cycles between apps:\n" + "\n".join(explained), pytrace=False)


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({("a", "b"): [], ("b", "a"): []}, ["a -> b -> a"]),
        ({("a", "b"): [], ("b", "c"): []}, []),
    ],
    ids=["cycle", "no-cycle"],
)
def test_cycle_finder(edges, expected):
    assert _cycles(edges) == expected
