"""Benchmark: the weight of a first view of the home, an objective and a recommendation page.

``run(project)`` builds the site into a temporary folder (the same atomic build as ``engd build``),
serves it on 127.0.0.1, opens each page in headless Chromium with an empty cache and records every
request until the network is quiet: its kind (HTML, CSS, JS, fonte, imagem, outros) and its bytes,
as served (raw) and gzip-compressed here at level 6, which is what a static host sends. Then it
opens the search on the recommendation page, because the search index should load only then.
It returns a printed table (KB = 1000 bytes) and whether the figures of issue 4 are reached:
first view of a recommendation ≤ 150 KB gzip in all, its HTML ≤ 20 KB gzip; and of issue 18: that
first view ≤ 60 KB gzip (Material's script waits for the reader's first gesture). It never writes
outside its temporary folder. Run with ``python -m tools.bench --so paginas``.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

from tools.bench_site import chromium, served_site

PAGES = [("início", "/"), ("objetivo 3", "/objetivos/3/"), ("recomendação 3.7", "/recomendacoes/3-7/")]
KINDS = ["HTML", "CSS", "JS", "fonte", "imagem", "outros"]
TOTAL_LIMIT = 150_000
FIRST_VIEW_LIMIT = 60_000
HTML_LIMIT = 20_000


@dataclass
class Weight:
    requests: int = 0
    raw: int = 0
    gzip: int = 0

    def add(self, body: bytes) -> None:
        self.requests += 1
        self.raw += len(body)
        self.gzip += len(gzip.compress(body, compresslevel=6, mtime=0))


@dataclass
class View:
    label: str
    by_kind: dict[str, Weight] = field(default_factory=lambda: {kind: Weight() for kind in KINDS})
    urls: list[str] = field(default_factory=list)

    @property
    def total(self) -> Weight:
        total = Weight()
        for weight in self.by_kind.values():
            total.requests += weight.requests
            total.raw += weight.raw
            total.gzip += weight.gzip
        return total


def kind_of(url: str, resource_type: str, content_type: str) -> str:
    path = url.split("?")[0].lower()
    if resource_type == "document" or "text/html" in content_type:
        return "HTML"
    if resource_type == "stylesheet" or path.endswith(".css"):
        return "CSS"
    if resource_type == "script" or path.endswith((".js", ".mjs")) or "javascript" in content_type:
        return "JS"
    if resource_type == "font" or path.endswith((".woff2", ".woff", ".ttf", ".otf")):
        return "fonte"
    if resource_type == "image" or content_type.startswith("image/"):
        return "imagem"
    return "outros"


def _weigh(request, view: View) -> None:
    response = request.response()
    if response is None:
        return
    try:
        body = response.body()
    except Exception:  # a redirect or an aborted request has no body to weigh
        return
    view.by_kind[kind_of(request.url, request.resource_type, response.headers.get("content-type", ""))].add(body)
    view.urls.append(request.url)


def _until_quiet(page, view: View, quiet_ms: int = 700, limit_ms: int = 5000) -> None:
    """Wait until no request has finished for ``quiet_ms`` (at most ``limit_ms``)."""
    waited, seen = 0, -1
    while waited < limit_ms and seen != len(view.urls):
        seen = len(view.urls)
        page.wait_for_timeout(quiet_ms)
        waited += quiet_ms


def measure(base_url: str, browser) -> list[View]:
    """First views of PAGES, then what the recommendation page loads when the search is opened."""
    views = []
    for label, path in PAGES:
        context = browser.new_context(locale="pt-BR", viewport={"width": 390, "height": 844})
        try:
            page = context.new_page()
            current = {"view": View(label)}
            page.on("requestfinished", lambda request: _weigh(request, current["view"]))
            page.goto(base_url + path, wait_until="networkidle")
            _until_quiet(page, current["view"])
            views.append(current["view"])
            if path == PAGES[-1][1]:
                current["view"] = View(f"{label}: depois de abrir a busca")
                page.locator("#busca").focus()
                _until_quiet(page, current["view"])
                views.append(current["view"])
        finally:
            context.close()
    return views


def _kb(value: int) -> str:
    return f"{value / 1000:.1f}".replace(".", ",")


def table(views: list[View]) -> str:
    lines = ["Peso da primeira visita (Chromium sem cache, 390×844; gzip nível 6; KB = 1000 bytes)", ""]
    header = f"{'página':<48} {'tipo':<7} {'pedidos':>7} {'KB':>8} {'KB gzip':>8}"
    lines += [header, "-" * len(header)]
    for view in views:
        for kind in KINDS:
            weight = view.by_kind[kind]
            if weight.requests or kind in ("HTML", "CSS", "JS", "fonte"):
                lines.append(f"{view.label:<48} {kind:<7} {weight.requests:>7} {_kb(weight.raw):>8} {_kb(weight.gzip):>8}")
        total = view.total
        lines.append(f"{view.label:<48} {'total':<7} {total.requests:>7} {_kb(total.raw):>8} {_kb(total.gzip):>8}")
        lines.append("")
    recommendation = views[len(PAGES) - 1]
    total, html = recommendation.total.gzip, recommendation.by_kind["HTML"].gzip
    verdict = lambda ok: "atingida" if ok else "NÃO atingida"
    lines.append(f"Meta: recomendação ≤ {_kb(TOTAL_LIMIT)} KB gzip no total: {_kb(total)} KB, {verdict(total <= TOTAL_LIMIT)}.")
    lines.append(f"Meta: HTML da recomendação ≤ {_kb(HTML_LIMIT)} KB gzip: {_kb(html)} KB, {verdict(html <= HTML_LIMIT)}.")
    lines.append(f"Meta (issue 18): primeira visita da recomendação ≤ {_kb(FIRST_VIEW_LIMIT)} KB gzip: {_kb(total)} KB "
                 f"em {recommendation.total.requests} pedidos, {verdict(total <= FIRST_VIEW_LIMIT)}.")
    return "\n".join(lines)


def run(project: Path) -> str:
    with served_site(project, "engd-bench-paginas-") as (_site, base_url), chromium() as browser:
        views = measure(base_url, browser)
    return table(views)
