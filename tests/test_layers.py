"""The house has floors, and imports only point down (docs/architecture.md).

Every import in the package (at the top of a module or inside a function:
an import made late is still a dependency) is read with ``ast``. The test
fails on an import from a lower floor to a higher one, and on any circle of
modules importing each other.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "whatmatters"

FLOORS: tuple[tuple[str, int], ...] = (
    # the longest prefix decides; a module named by none of them fails the test
    ("whatmatters", 0),  # the package's face: its version
    ("whatmatters.words", 0),  # numbers and plurals in plain words, for every floor's messages
    ("whatmatters.language", 0),  # the report's language (gettext), which words speaks in
    ("whatmatters.paths", 0),  # the data folder and the repository, for every floor
    ("whatmatters.terminal", 0),  # a command's one-line error and progress bar, for every floor
    ("whatmatters.journal", 1),  # records: importers, the journal's schema and store
    ("whatmatters.check", 2),  # numbers: the measure catalogue, SPC, the engine and backends
    ("whatmatters.report", 3),  # readings: sentences, colours, charts, the report's pages
    ("whatmatters.council", 4),  # the synthetic council
    ("whatmatters.casework", 4),  # the casework web application
    ("whatmatters.whatif", 4),  # what if: the council's model under scenarios, side by side
    ("whatmatters.site", 5),  # the Django project: wires the casework apps, serves them
    ("whatmatters.cli", 6),  # the command line puts it all together
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {
        module_name(p): p
        for p in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in p.parts and "sample" not in p.parts
    }


def floor(module: str) -> int:
    matches = [
        (len(prefix), level)
        for prefix, level in FLOORS
        if module == prefix or module.startswith(prefix + ".")
    ]
    if not matches:
        raise AssertionError(f"{module} stands on no floor: add its package to FLOORS")
    return max(matches)[1]


def imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports (a package means its ``__init__``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = name.split(".")
                parent = parent if is_package else parent[:-1]
                parent = parent[: len(parent) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            # ``from a import b`` imports the module a.b if there is one, else a name in a
            targets = [t for t in targets[:-1] if t in known] or [targets[-1]]
        else:
            continue
        for target in targets:
            while target and target not in known:  # a name inside a module: the module
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    """Each module and the package's modules it imports."""
    found = modules()
    return {name: imports(path, name, set(found)) for name, path in found.items()}


def circle(g: dict[str, set[str]]) -> list[str]:
    """One circle of imports in ``g``, or nothing."""
    try:
        graphlib.TopologicalSorter(g).prepare()
    except graphlib.CycleError as e:
        return list(e.args[1])
    return []


def test_every_module_stands_on_a_floor():
    for name in modules():
        floor(name)


def test_no_import_runs_back_up():
    upward = [
        f"{a} (floor {floor(a)}) imports {b} (floor {floor(b)})"
        for a, targets in graph().items()
        for b in targets
        if floor(b) > floor(a)
    ]
    assert not upward, "imports that run back up:\n" + "\n".join(sorted(upward))


def test_no_circle_of_imports():
    found = circle(graph())
    assert not found, "modules importing each other in a circle: " + " -> ".join(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from whatmatters.check import run\n", {"whatmatters.check.run"}),
        ("from whatmatters.check.run import run_check\n", {"whatmatters.check.run"}),
        ("def f():\n    import whatmatters.report.writer\n", {"whatmatters.report.writer"}),
        ("from . import run\n", {"whatmatters.check.run"}),
        ("from .params import X\n", {"whatmatters.check.params"}),
    ],
)
def test_imports_are_read_as_python_resolves_them(tmp_path, source, expected):
    path = tmp_path / "example.py"
    path.write_text(source)
    known = {"whatmatters.check", "whatmatters.check.run", "whatmatters.check.params"}
    known |= {"whatmatters.report.writer"}
    assert imports(path, "whatmatters.check.example", known) == expected


def test_the_floors_catch_a_circle_and_an_upward_import():
    g = {
        "whatmatters.check.run": {"whatmatters.report.writer"},
        "whatmatters.report.writer": {"whatmatters.check.run"},
    }
    assert floor("whatmatters.check.run") < floor("whatmatters.report.writer")
    assert set(circle(g)) == set(g)
    assert circle({"whatmatters.report.writer": {"whatmatters.check.run"}}) == []
