"""The import rules of ARCHITECTURE.md, checked on the code as it is.

Every import counts, including one inside a function: a lazy import that dodges a cycle at
load time is still a cycle for the reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

#: The rooms, and the rooms each may import (besides itself and the standard library).
PRODUCT = {"demo_server", "site_plugins"}
TOOLING = {"tooling", "bench", "tests"}
MAY_IMPORT = {
    "demo_server": set(),
    "site_plugins": {"demo_server"},
    "tooling": PRODUCT,
    "bench": PRODUCT | {"tooling"},
    "tests": PRODUCT | {"tooling", "bench"},
    "scripts": PRODUCT | {"tooling"},
}
#: Written by the site build into the package, not in the checkout: a module all the same.
GENERATED = {"demo_server._built_for_site"}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root: Path) -> dict[str, Path]:
    return {name: root / f"{name.replace('.', '/')}.py" for name in GENERATED} | {
        module_name(path, root): path
        for room in MAY_IMPORT
        for path in sorted((root / room).rglob("*.py"))
        if "node_modules" not in path.parts
    }


def imported_from(node: ast.ImportFrom, package: str) -> str:
    """The absolute name of the module a `from ... import` names (relative ones resolved)."""
    base = node.module or ""
    if node.level:
        anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*anchor, *([base] if base else [])])
    return base


def imports_of(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """The project modules `path` imports anywhere in it (a package counts as its __init__;
    the parents Python imports first do not count: they are not the module's choice)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = imported_from(node, package)
            # `from package import module` uses the module; any other name, the package.
            submodules = [f"{base}.{alias.name}" for alias in node.names]
            targets = [s for s in submodules if s in modules]
            if len(targets) < len(submodules):
                targets.append(base)
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    modules = project_modules(root)
    return {
        name: imports_of(path, name, modules) if path.exists() else set()
        for name, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def room(module: str) -> str:
    return module.split(".", 1)[0]


def broken_rules(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        for target in targets
        if room(target) != room(module) and room(target) not in MAY_IMPORT[room(module)]
    )


def top_level_names(path: Path) -> tuple[set[str], set[str]]:
    """The names a module binds at its top level (also under if/try): those it defines (def,
    class, assignment) and those it only imports."""
    defined: set[str] = set()
    imported: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                defined.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    defined.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                imported.update((a.asname or a.name).split(".")[0] for a in node.names)
            elif isinstance(node, (ast.If, ast.Try)):
                visit(node.body)
                visit(node.orelse)
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
                visit(getattr(node, "finalbody", []))

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)).body)
    return defined, imported - defined


def re_exports(root: Path = ROOT) -> list[str]:
    """`from M import name` where M does not define `name` but imports it itself: the caller
    should import it from where it is defined (one place per name). Names M neither defines
    nor imports are Python's error, not this rule's."""
    modules = project_modules(root)
    imported = {name: top_level_names(path)[1] for name, path in modules.items() if path.exists()}
    found = []
    for name, path in modules.items():
        if not path.exists():
            continue
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = imported_from(node, package)
            for alias in node.names:
                if alias.name in imported.get(base, ()) and f"{base}.{alias.name}" not in modules:
                    found.append(f"{name} imports {alias.name} from {base}, which imports it")
    return sorted(found)


def test_the_product_imports_no_tooling_and_nothing_imports_scripts():
    assert broken_rules(import_graph()) == []


def test_no_import_cycle_among_the_projects_modules():
    assert cycles(import_graph()) == []


def test_every_name_is_imported_from_the_module_that_defines_it():
    assert re_exports() == []


def test_the_checks_see_a_cycle_a_lazy_import_a_broken_rule_and_a_re_export(tmp_path):
    """Each rule can fail: a fake tree with a cycle through a function-level import, a
    product module that imports the tooling, and a name imported through a module that only
    imports it."""
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "__init__.py").write_text("")
    (tmp_path / "bench" / "run.py").write_text("from bench import scaling\n")
    (tmp_path / "bench" / "scaling.py").write_text("def f():\n    from bench.run import x\n")
    (tmp_path / "demo_server").mkdir()
    (tmp_path / "demo_server" / "app.py").write_text("from tooling.processes import running\n")
    (tmp_path / "tooling").mkdir()
    (tmp_path / "tooling" / "processes.py").write_text("from . import ports\n")
    (tmp_path / "tooling" / "ports.py").write_text("import scripts.scale\n")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "scale.py").write_text("")
    (tmp_path / "demo_server" / "limits.py").write_text("LIMIT = 1\nif True:\n    OTHER = 2\n")
    (tmp_path / "demo_server" / "db.py").write_text("from demo_server.limits import LIMIT\n")
    (tmp_path / "demo_server" / "routes.py").write_text(
        "from demo_server.db import LIMIT\nfrom demo_server.limits import OTHER\n"
    )
    graph = import_graph(tmp_path)
    assert graph["tooling.processes"] == {"tooling.ports"}
    assert cycles(graph) == [{"bench.run", "bench.scaling"}]
    assert broken_rules(graph) == [
        "demo_server.app imports tooling.processes",
        "tooling.ports imports scripts.scale",
    ]
    assert re_exports(tmp_path) == [
        "demo_server.routes imports LIMIT from demo_server.db, which imports it"
    ]
