"""Helpers shared by the browser tests of the accessible theme (issue 4).

``page_paths(site)`` lists every page of a built site as a URL path (``/``, ``/objetivos/3/``,
``/404.html``), skipping only redirect stubs (pages whose whole job is a ``<meta http-equiv=refresh>``).
``open_in_mode`` opens a browser context whose pages start in one of the three contrast modes, the
way a returning reader's browser would (the choice is in localStorage before any script runs).
``axe_violations`` runs axe-core, from ``node_modules``, with the WCAG 2.0/2.1/2.2 A and AA rules.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MODES = ("claro", "escuro", "alto-contraste")
STORAGE_KEY = "engd-contraste"
_REFRESH = re.compile(r"<meta[^>]+http-equiv=[\"']?refresh", re.IGNORECASE)


def page_paths(site: Path) -> list[str]:
    """URL paths of every HTML page in ``site``, sorted; redirect stubs are not pages."""
    paths = []
    for html in sorted(Path(site).rglob("*.html")):
        if _REFRESH.search(html.read_text(encoding="utf-8")):
            continue
        relative = html.relative_to(site).as_posix()
        if html.name == "index.html":
            paths.append("/" + relative[: -len("index.html")])
        else:
            paths.append("/" + relative)
    return paths


def new_context_in_mode(browser, mode: str, **options):
    """A browser context whose pages load with ``mode`` already chosen by the reader."""
    assert mode in MODES, mode
    context = browser.new_context(locale="pt-BR", **options)
    context.add_init_script(
        f"try {{ localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(mode)}); }} catch (e) {{}}")
    return context


def current_mode(page) -> str | None:
    return page.evaluate("document.documentElement.getAttribute('data-engd-contraste')")


def axe_violations(page) -> list[dict]:
    """Violations of the WCAG A/AA rules on the page as it is now, as axe reports them."""
    assert AXE.exists(), f"axe-core não encontrado em {AXE}: rode `npm ci` (make node_modules/.instalado)."
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS)
    return result["violations"]


def describe(path: str, violations: list[dict]) -> list[str]:
    """One readable line per violated rule: page, rule, how many elements, the first targets."""
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                   for node in violation["nodes"]]
        lines.append(f"{path}: {violation['id']} ({violation['impact']}) em {len(targets)} elemento(s): "
                     f"{'; '.join(targets[:3])} — {violation['help']}")
    return lines
