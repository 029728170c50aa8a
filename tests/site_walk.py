"""Helpers shared by the browser tests of the accessible theme (issue 4).

``page_paths(site)`` lists every page of a built site as a URL path (``/``, ``/objetivos/3/``,
``/404.html``), skipping only redirect stubs (pages whose whole job is a ``<meta http-equiv=refresh>``).
``new_context_in_mode`` opens a browser context whose pages start in one of the three contrast modes, the
way a returning reader's browser would (the choice is in localStorage before any script runs).
``axe_violations`` runs axe-core, from ``node_modules``, with the WCAG 2.0/2.1/2.2 A and AA rules
(``axe_results``: all it reports, on the page or on one part of it);
``switch_mode`` changes the mode with the page's own buttons; ``ConsoleWatch`` collects the console
errors, exceptions and failed requests of a tab; ``OVERFLOW`` lists what is wider than the viewport.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
# The browser of every browser test (Playwright's and pa11y's): Chromium's headless shell, Debian's
# package ``chromium-headless-shell`` (``make deps-sistema``), built from the same sources as
# ``chromium`` (Blink, V8, Skia: the same parsing, styles, layout and scripts), without the
# browser's own windows, profile and services. It is the build Playwright runs headless tests in
# when none is chosen (Puppeteer's ``headless: "shell"``); the whole page walk costs about a quarter
# less processor time in it than in ``chromium --headless``. The PDF of the build and the benchmarks (``tools/``) keep ``chromium``.
CHROMIUM = shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"
CHROMIUM_MISSING = (f"Chromium (headless shell) não encontrado em {CHROMIUM}: instale o pacote Debian "
                    "'chromium-headless-shell' (make deps-sistema).")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The test server of the built site (conftest.site_url) also serves axe-core at this address, so the
# browser keeps it compiled from page to page instead of parsing it again on each one.
AXE_ROUTE = "/__testes__/axe.min.js"
AXE_ORIGINS: set[str] = set()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MODES = ("claro", "escuro", "alto-contraste")
STORAGE_KEY = "engd-contraste"
_REFRESH = re.compile(r"<meta[^>]+http-equiv=[\"']?refresh", re.IGNORECASE)


# What is wider than the viewport at this width (WCAG 1.4.10), run in the page: one line per element.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width + 1) problems.push(`a página tem ${document.documentElement.scrollWidth}px de largura`);
  if (document.body.scrollWidth > width + 1) problems.push(`o corpo tem ${document.body.scrollWidth}px de largura`);
  const scrollsOnItsOwn = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      // a scrolling box that fits holds it (a wide table may itself scroll inside one that fits)
      if (/(auto|scroll)/.test(style.overflowX) && box.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
    if (getComputedStyle(element).visibility === 'hidden' || scrollsOnItsOwn(element)) continue;
    const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
      (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
    problems.push(`${name} vai até ${Math.round(box.right)}px`);
    if (problems.length > 5) break;
  }
  return problems;
}"""


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


# No CSS transition running: the page as a reader sees it once a fade or a colour change has ended
# (the search results fade in for 400 ms; axe run during the fade reads their colours half-transparent).
_RUNNING = "document.getAnimations().filter(a => a instanceof CSSTransition && a.playState === 'running')"


def at_rest(page) -> None:
    """Wait until no CSS transition of the page is running (at most 5 s, then fail naming them)."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        page.wait_for_function(f"() => {_RUNNING}.length === 0", timeout=5000)
    except Timeout:
        running = page.evaluate(f"""() => {_RUNNING}.map(a =>
            a.transitionProperty + ' em ' + a.effect.target.tagName.toLowerCase() + '.' + a.effect.target.className)""")
        raise AssertionError(f"a página não chegou ao repouso em 5 s: transições em curso: {running}") from None


def axe_violations(page, rules: list[str] | None = None) -> list[dict]:
    """Violations of the WCAG A/AA rules on the page as it is once at rest (only ``rules``, when
    given): of each, what ``describe`` shows (rule, impact, help, the nodes' targets). Only these
    cross from the browser: serialising and reading back the whole report (a passing node of every
    rule, the rules that do not apply; some 40 kB a page) costs about 7 % of a run's processor time."""
    return _run_axe(page, rules, None, _VIOLATIONS_ONLY)


def axe_results(page, rules: list[str] | None = None, within: str | None = None) -> dict:
    """What axe reports for the WCAG A/AA rules (only ``rules``, when given) on the page once at
    rest, or only on the element ``within`` selects: every violation, and one node of each rule that
    passes."""
    return _run_axe(page, rules, within, "report => report")


# What of axe's report ``axe_violations`` reads back from the browser.
_VIOLATIONS_ONLY = """report => report.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(node => ({target: node.target}))}))"""


def _run_axe(page, rules: list[str] | None, within: str | None, keep: str):
    assert AXE.exists(), f"axe-core não encontrado em {AXE}: rode `npm ci` (make node_modules/.instalado)."
    if not page.evaluate("typeof window.axe === 'object'"):
        origin = next((o for o in AXE_ORIGINS if page.url.startswith(o + "/")), None)
        if origin:
            page.add_script_tag(url=origin + AXE_ROUTE)
        else:
            page.add_script_tag(path=str(AXE))
    at_rest(page)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    return page.evaluate(
        "([runOnly, within]) => axe.run(within ? document.querySelector(within) : document, {runOnly, resultTypes: ['violations']})"
        f".then({keep})", [run_only, within])


# What the contrast modes change (``docs/stylesheets/*.css``, checked by ``test_contrast_mode``):
# colours, borders, underlines and font weight, never what is shown or hidden. After a switch, so,
# the rules whose outcome can change are those of colour and of size: the only other change a
# switch makes to the page is ``engd.js`` marking the boxes that now scroll sideways (role=region).
RULES_A_MODE_CAN_CHANGE = ["color-contrast", "link-in-text-block", "target-size", "scrollable-region-focusable"]
_SCROLLING_REGIONS = "() => [...document.querySelectorAll('[role=region][tabindex]')].map(e => e.outerHTML.length + e.className)"


def axe_violations_in_other_modes(page, first: str, others) -> dict[str, list[dict]]:
    """Violations in ``first`` (every WCAG A/AA rule) and then in each mode of ``others``, switched
    to with the page's own buttons. In those, the rules a mode can change run, unless the switch
    marked other boxes as scrolling regions than ``first`` has: then every rule runs again."""
    found = {first: axe_violations(page)}
    regions = page.evaluate(_SCROLLING_REGIONS)
    for mode in others:
        page.evaluate("window.scrollTo(0, 0)")
        switch_mode(page, mode)
        same = page.evaluate(_SCROLLING_REGIONS) == regions
        found[mode] = axe_violations(page, RULES_A_MODE_CAN_CHANGE if same else None)
    return found


def switch_mode(page, mode: str) -> None:
    """Choose ``mode`` with the page's own contrast buttons, as a reader does, and bring every colour
    transition it starts to its end state (axe must see the final colours, which the reader sees
    once the transitions end). Parts not yet painted (``content-visibility: auto``, off screen) start
    their transitions only when their style is computed, and do not run them while unpainted: every
    style is computed, every CSS transition is finished, and again, until none is left (a parent's
    colour, once final, starts the transition of the child that inherits it)."""
    page.locator(f"[data-engd-modo={json.dumps(mode)}]").first.click()
    page.wait_for_function(
        "mode => document.documentElement.getAttribute('data-engd-contraste') === mode", arg=mode)
    left = page.evaluate("""() => {
        const transitions = () => document.getAnimations().filter(a => a instanceof CSSTransition);
        for (let round = 0; round < 20; round++) {
            for (const e of document.querySelectorAll('body *')) getComputedStyle(e).color;
            const running = transitions();
            if (!running.length) return 0;
            running.forEach(a => a.finish());  // an inherited colour may start the child's next one
        }
        return transitions().length;
    }""")
    assert left == 0, f"{left} transição(ões) de cor não terminaram ao mudar para o modo {mode}"


class ConsoleWatch:
    """What a tab reports while pages load: console errors, uncaught exceptions, failed requests and
    HTTP responses of 400 or more, one line each (page, kind, detail). ``at(path)`` names the page
    now loading; ``settle()`` waits until the network has been quiet for 500 ms. A walk that goes to
    the next page without settling passes ``leaves_early=True``: the requests its own navigation
    cancels (``net::ERR_ABORTED``, such as a favicon still loading) are then not problems. With
    ``origin``, every request the tab makes to another host is a problem too (nothing leaves the site)."""

    def __init__(self, tab, leaves_early: bool = False, origin: str | None = None):
        self.tab = tab
        self.path = ""
        self.problems: list[str] = []
        self.leaves_early = leaves_early
        self.home = urlsplit(origin).netloc if origin else None
        if origin:
            tab.on("request", self._requested)
        tab.on("console", lambda message: message.type == "error" and self._note("erro no console", message.text))
        tab.on("pageerror", lambda error: self._note("exceção", str(error)))
        tab.on("requestfailed", self._failed)
        tab.on("response", lambda response: response.status >= 400 and self._note(f"HTTP {response.status}", response.url))

    def _requested(self, request) -> None:
        where = urlsplit(request.url)
        if where.scheme not in ("data", "blob") and where.netloc != self.home:
            self._note("pedido a outro site", request.url)

    def _failed(self, request) -> None:
        if not (self.leaves_early and request.failure == "net::ERR_ABORTED"):
            self._note("pedido falhou", f"{request.url} ({request.failure})")

    def _note(self, kind: str, detail: str) -> None:
        self.problems.append(f"{self.path}: {kind}: {detail}")

    def at(self, path: str) -> None:
        self.path = path

    def settle(self) -> None:
        self.tab.wait_for_load_state("networkidle")


def describe(path: str, violations: list[dict]) -> list[str]:
    """One readable line per violated rule: page, rule, how many elements, the first targets."""
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                   for node in violation["nodes"]]
        lines.append(f"{path}: {violation['id']} ({violation['impact']}) em {len(targets)} elemento(s): "
                     f"{'; '.join(targets[:3])} — {violation['help']}")
    return lines
