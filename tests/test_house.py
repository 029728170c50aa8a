"""The rules of the house, checked on the code: one module reads the environment, one module spells
the site's addresses, one module imports MkDocs. Each checker is shown failing on a broken source."""
from __future__ import annotations

import ast
import re

from conftest import ROOT

PACKAGE = ROOT / "scripts" / "engd"
TEMPLATES = PACKAGE / "templates"
# The site's own sections: a string that starts one of these paths spells an address.
_ADDRESS = re.compile(r"(?<![\w.-])(objetivos|recomendacoes|temas|glossario|dados|imprimir|mudancas|normas|ato|busca)/")


def _modules() -> dict[str, ast.Module]:
    return {p.relative_to(PACKAGE).as_posix(): ast.parse(p.read_text(encoding="utf-8"))
            for p in sorted(PACKAGE.rglob("*.py"))}


def reads_environment(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "putenv", "unsetenv") \
                and isinstance(node.value, ast.Name) and node.value.id == "os":
            return True
        if isinstance(node, ast.ImportFrom) and node.module == "os" and {a.name for a in node.names} & {"environ", "getenv"}:
            return True
    return False


def imports_mkdocs(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        if any(n.split(".")[0] in ("mkdocs", "material") for n in names):
            return True
    return False


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def spelled_addresses(tree: ast.Module) -> list[str]:
    """String literals (docstrings aside) that spell a path of the site."""
    skipped = _docstrings(tree)
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped
            and _ADDRESS.search(node.value)]


def template_addresses(text: str) -> list[str]:
    """Quoted paths of the site inside a template's expressions (``{{ ... }}``, ``{% ... %}``)."""
    expressions = re.findall(r"\{\{.*?\}\}|\{%.*?%\}", text, re.S)
    return [m for e in expressions for m in re.findall(r"[\"']([^\"']*)[\"']", e) if _ADDRESS.search(m)]


def test_only_the_context_reads_the_environment():
    assert [name for name, tree in _modules().items() if reads_environment(tree)] == ["context.py"]


def test_only_the_adapter_imports_mkdocs():
    assert [name for name, tree in _modules().items() if imports_mkdocs(tree)] == ["site/plugin.py"]


def test_only_the_address_module_spells_an_address():
    found = {name: spelled_addresses(tree) for name, tree in _modules().items()}
    assert [name for name, strings in found.items() if strings] == ["urls.py"]
    assert {"objetivos/", "recomendacoes/", "dados/", "busca/indice.json"} <= set(found["urls.py"])
    in_templates = {p.name: template_addresses(p.read_text(encoding="utf-8")) for p in sorted(TEMPLATES.glob("*.j2"))}
    assert {name: found for name, found in in_templates.items() if found} == {}


def test_the_checkers_see_a_broken_module():
    broken = ast.parse('"""Docstring with dados/ is fine."""\nimport os\nfrom mkdocs.config import load_config\n'
                       'X = os.environ.get("A")\nPATH = f"recomendacoes/{slug}/"\nPAGE = "objetivos/3.md"\n')
    assert reads_environment(broken) and imports_mkdocs(broken)
    assert spelled_addresses(broken) == ["objetivos/3.md", "recomendacoes/"]
    assert reads_environment(ast.parse("from os import getenv\n"))
    assert not reads_environment(ast.parse("import os\nos.path.join('a', 'b')\n"))
    assert template_addresses('[x]({{ link("recomendacoes/%s.md" % rec.slug) }}) dados/ em texto') == ["recomendacoes/%s.md"]
