"""Mutation scores per module from a mutmut 3 run, message-text survivors counted apart.

A survivor is counted as message text when its function equals the original once every
string literal (and f-string) of both is blanked: the mutant changed only wording, which no
test may pin under the house rule that tests assert on reasons, never on messages.

Usage: ``python tools/mutation_scores.py MUTANTS_DIR RESULTS_FILE``, where RESULTS_FILE is
the output of ``mutmut results --all true`` and MUTANTS_DIR the ``mutants/`` folder of the
run. Prints a Markdown table.
"""

from __future__ import annotations

import ast
import collections
import sys
from pathlib import Path

TESTED = ("killed", "survived", "timeout", "no tests", "suspicious")


class _Blank(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.copy_location(ast.Constant(""), node) if isinstance(node.value, str) else node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        return ast.copy_location(ast.Constant(""), node)


def functions(root: Path, module: str) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    path = root / "src" / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = root / "src" / module.replace(".", "/") / "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name: node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def blanked(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    tree = _Blank().visit(ast.parse(ast.unparse(function)))
    tree.body[0].name = "f"
    return ast.dump(tree)


def main(root: Path, results: Path) -> None:
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    cache: dict[str, dict[str, ast.FunctionDef | ast.AsyncFunctionDef]] = {}
    for line in results.read_text(encoding="utf-8").splitlines():
        if ": " not in line:
            continue
        name, status = line.strip().rsplit(": ", 1)
        package, short, function = name.split(".", 2)
        counts[short][status] += 1
        if status != "survived":
            continue
        module = f"{package}.{short}"
        found = cache.setdefault(module, functions(root, module))
        mutant = found.get(function)
        original = found.get(function.rsplit("__mutmut_", 1)[0] + "__mutmut_orig")
        same = mutant is not None and original is not None
        counts[short]["message" if same and blanked(mutant) == blanked(original) else "other"] += 1
    print(
        "| module | killed / total | % killed | survived | message text | other"
        " | % killed, message text left out |"
    )
    print("|---|---|---|---|---|---|---|")
    for short, c in sorted(counts.items()):
        total = sum(c[k] for k in TESTED)
        if not total:
            continue
        killed = c["killed"] + c["timeout"]
        rest = total - c["message"]
        print(
            f"| `{short}` | {killed} / {total} | {100 * killed / total:.1f} % | {c['survived']} "
            f"| {c['message']} | {c['other']} | {100 * killed / rest if rest else 0:.1f} % |"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
