"""No two files of the repository import each other, directly or through others.

Every import counts, at module level or inside a function: a deferred import still makes the two
files depend on each other, only later. Imports under ``if TYPE_CHECKING:`` do not (they never
run). ``from a.b import c`` is an edge to ``a/b/c.py`` when that file exists, else to ``a/b``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

# (folder the import names start from, top-level packages in it)
PACKAGES = ((ROOT / "src", ("rapporteur",)), (ROOT, ("benchmarks", "training", "tests")))


def modules() -> dict[str, Path]:
    """Each module's dotted name -> its file (a package is its __init__.py)."""
    out = {}
    for base, tops in PACKAGES:
        for top in tops:
            for path in sorted((base / top).rglob("*.py")):
                parts = list(path.relative_to(base).with_suffix("").parts)
                out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _runtime_nodes(tree: ast.AST):
    """Every node except what sits under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in [child, *_runtime_nodes(child)])
            continue
        yield node
        yield from _runtime_nodes(node)


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The repository modules that ``name`` (the file at ``path``) imports."""

    def owner(dotted: str) -> str | None:  # the module a dotted name lives in
        while dotted and dotted not in known:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {owner(a.name) for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            base = ".".join(filter(None, (base, node.module))) if node.level else node.module
            out |= {owner(f"{base}.{a.name}") or owner(base) for a in node.names}
    return out - {None, name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            nxt = next(edges, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_file_level_import_cycles():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert len(graph) > 100 and "rapporteur.index.search" in graph["rapporteur.index"]
    assert cycles(graph) == [], "these modules import each other: move what they share"


def test_the_cycle_finder_finds_a_cycle_through_a_deferred_import(tmp_path):
    (tmp_path / "a.py").write_text("from b import x\n")
    (tmp_path / "b.py").write_text("def f():\n    import c\n")
    (tmp_path / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import b\nimport a\n"
    )
    (tmp_path / "d.py").write_text("import a\n")
    known = {p.stem: p for p in tmp_path.glob("*.py")}
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert graph == {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
