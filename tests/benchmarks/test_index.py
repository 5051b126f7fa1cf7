"""benchmarks/: every tool is in the README's index, and none defaults to a developer's folder."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

TOOLS = sorted(p for p in (ROOT / "benchmarks").glob("*.py") if p.name != "__init__.py")
# Absolute folders of one machine, and the user's home: defaults must come from arguments,
# Settings or the repository.
FOREIGN = re.compile(r"^(/tmp|/work|/home|/root|/Users|~)(/|$)")


def test_the_readme_indexes_every_tool():
    readme = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    assert len(TOOLS) >= 10
    assert [p.stem for p in TOOLS if f"`{p.stem}`" not in readme] == []


def test_no_tool_reads_a_folder_outside_the_repository_by_default():
    for path in TOOLS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not FOREIGN.match(node.value), f"{path.name}: {node.value!r}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                call = ast.unparse(node.func)
                assert call != "Path.home" and node.func.attr != "expanduser", (
                    f"{path.name}:{node.lineno}: {call}()"
                )


def test_the_labelled_sets_folder_is_data_and_a_readme_per_set():
    eval_dir = ROOT / "eval"
    assert not (eval_dir / "__init__.py").exists()  # not a package: no second `eval`
    sets = [p for p in eval_dir.iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert {p.name for p in sets} >= {"library", "compendium", "seed", "drafts"}
    assert [p.name for p in sets if not (p / "README.md").is_file()] == []
    index = (eval_dir / "README.md").read_text(encoding="utf-8")
    assert [p.name for p in sets if f"`{p.name}/`" not in index] == []
