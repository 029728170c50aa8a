"""Benchmark of the site's search (``python -m tools.bench --so busca``): index bytes and query latency.

Input: the project folder. It builds the site into a temporary folder (same code as ``engd build``),
serves it on 127.0.0.1 and drives Debian's headless Chromium (Playwright) through the real search
box. Output: a table in Portuguese, as text:

- bytes the browser fetches for a first search (the engine ``javascripts/busca-motor.js`` and the
  index ``busca/indice.json``, fetched once when the field gets focus), raw and as transferred with
  gzip, for a few queries typed at a person's pace, each in a fresh browser profile (empty cache);
  ``busca.js``, which every page loads whether or not anyone searches, is shown apart;
- latency from the last keystroke (the timestamp of the ``input`` event that completes the query)
  to the results on screen (the first animation frame after the result list is updated), with
  ``performance.now``: median and maximum over the query list of
  ``tests/fixtures/consultas_busca.yml``, with the engine loaded (it loads when the field gets
  focus), and for the first search of a fresh page.

- precision at 5 (issue 18) on the ``precisao`` queries of the same file: the share of results that
  are ABOUT the query among the first five (÷ min(5, relevant)), per query and on average, with the
  real engine and index in the page; and how many ``pares_distintos`` (different words an aggressive
  stemmer would merge, such as "servidores" and "serviços") keep two radicals.

Targets (issue 6): first search ≤ 100 KB gzip; results within 100 ms of the last keystroke.
Issue 18: median latency ≤ 20 ms on the real index.
It measures; it never fails a build.
"""
from __future__ import annotations

import gzip
import re
import statistics
from pathlib import Path

import yaml

from tools.bench_site import chromium, served_site

QUERY_FILE = Path("tests/fixtures/consultas_busca.yml")
FIRST_SEARCHES = ("3.7", "cpf", "dados")
# What a first search fetches: the engine and the index (nothing else is loaded for searching).
SEARCH_FILES = re.compile(r"/(javascripts/busca-motor\.js|busca/indice\.json)$")
PAGE_SCRIPT = "javascripts/busca.js"
START_PAGE = "/recomendacoes/3-7/"
LIMIT_BYTES = 100 * 1024
LIMIT_MS = 100.0
MEDIAN_LIMIT_MS = 20.0
# A person types a key every 100 to 200 ms; each prefix is searched and its results shown, so the
# first search also fetches the fragments of what the prefixes showed.
TYPING_DELAY_MS = 120

# Resolves with the time from the last input event (the one that makes the field read ``q``) to the
# frame after the list shows query ``q``. Set before typing: earlier keystrokes do not start the clock.
_MEASURE = """q => {
  const field = document.getElementById('busca');
  const list = document.getElementById('busca-resultados');
  window.__medida = new Promise(resolve => {
    field.addEventListener('input', event => {
      if (field.value.trim() !== q) return;
      const start = event.timeStamp;
      const done = () => requestAnimationFrame(() => resolve(performance.now() - start));
      if (list.dataset.consulta === q) return done();
      const watch = new MutationObserver(() => {
        if (list.dataset.consulta === q) { watch.disconnect(); done(); }
      });
      watch.observe(list, {attributes: true, attributeFilter: ['data-consulta']});
    });
  });
}"""
_WAIT_FOR = "q => document.getElementById('busca-resultados').dataset.consulta === q"


def transferred(body: bytes) -> int:
    """Bytes on the wire with gzip (as GitHub Pages serves JSON and JavaScript)."""
    return min(len(body), len(gzip.compress(body, compresslevel=6, mtime=0)))


def _queries(project: Path) -> list[str]:
    data = yaml.safe_load((project / QUERY_FILE).read_text(encoding="utf-8"))
    return [q["consulta"] for q in data["consultas"]]


def _precision(browser, base: str, cases: list[dict], pairs: list[list[str]]) -> tuple[list[tuple[str, float]], int]:
    """Precision at 5 of each case, with the site's engine and index; and the pairs kept apart."""
    from engd.search_language import fold

    context = browser.new_context(locale="pt-BR")
    try:
        tab = context.new_page()
        tab.goto(base + "/", wait_until="load")
        tab.evaluate("""async () => {
            const modulo = await import('/javascripts/busca-motor.js');
            window.motorDoBenchmark = modulo.criarMotor(await (await fetch('/busca/indice.json')).json());
        }""")
        scores = []
        for case in cases:
            found = tab.evaluate("""q => motorDoBenchmark.buscar(q + ' ').map(r => r.tipo === 'recomendacao' ? r.numero
                : r.tipo === 'objetivo' ? 'objetivo ' + r.numero : r.url)""", case["consulta"])
            hits = len([x for x in found[:5] if x in case["relevantes"]])
            scores.append((case["consulta"], hits / min(5, len(case["relevantes"]))))
        apart = tab.evaluate("ps => ps.filter(([a, b]) => motorDoBenchmark.radical(a) !== motorDoBenchmark.radical(b)).length",
                             [[fold(a), fold(b)] for a, b in pairs])
        return scores, apart
    finally:
        context.close()


def _first_search(browser, base: str, query: str) -> tuple[list[tuple[str, int, int]], float]:
    """Files fetched because of one first search in a fresh profile, and its latency (engine cold)."""
    context = browser.new_context(locale="pt-BR")
    try:
        tab = context.new_page()
        tab.goto(base + START_PAGE, wait_until="load")
        files: list[tuple[str, int, int]] = []

        # Only the search's files: Chromium also fetches the favicon late, which is not the search's.
        def record(response):
            if response.ok and SEARCH_FILES.search(response.url.split("?")[0]):
                body = response.body()
                files.append((response.url.removeprefix(base), len(body), transferred(body)))

        tab.on("response", record)
        tab.evaluate(_MEASURE, query)
        tab.locator("#busca").click()
        tab.keyboard.type(query, delay=TYPING_DELAY_MS)
        latency = tab.evaluate("() => window.__medida")
        tab.wait_for_function(_WAIT_FOR, arg=query)
        tab.wait_for_load_state("networkidle")
        return files, latency
    finally:
        context.close()


def _warm_latencies(browser, base: str, queries: list[str]) -> list[float]:
    """Latency of each query, typed key by key into the same page, engine already loaded."""
    context = browser.new_context(locale="pt-BR")
    try:
        tab = context.new_page()
        tab.goto(base + START_PAGE, wait_until="load")
        field = tab.locator("#busca")
        field.click()
        tab.wait_for_function("() => window.performance.getEntriesByType('resource')"
                              ".some(r => r.name.endsWith('busca/indice.json'))")
        field.fill("3.7")
        tab.wait_for_function(_WAIT_FOR, arg="3.7")
        latencies = []
        for query in queries:
            field.fill("")
            head, last = query[:-1], query[-1]
            if head.strip():
                field.press_sequentially(head)
                tab.wait_for_function(_WAIT_FOR, arg=head.strip())
            else:
                field.press_sequentially(head)
            tab.evaluate(_MEASURE, query.strip())
            tab.keyboard.type(last)
            latencies.append(tab.evaluate("() => window.__medida"))
        return latencies
    finally:
        context.close()


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} KB".replace(".", ",")


def _ms(x: float) -> str:
    return f"{x:.1f} ms".replace(".", ",")


def run(project: Path) -> str:
    project = Path(project).resolve()
    queries = _queries(project)
    fixture = yaml.safe_load((project / QUERY_FILE).read_text(encoding="utf-8"))
    cases, pairs = fixture.get("precisao", []), fixture.get("pares_distintos", [])
    with served_site(project, "engd-bench-busca-") as (site, base), chromium() as browser:
        page_script = transferred((site / PAGE_SCRIPT).read_bytes())
        firsts = {q: _first_search(browser, base, q) for q in FIRST_SEARCHES}
        warm = _warm_latencies(browser, base, queries)
        precision = _precision(browser, base, cases, pairs)
    return _report(firsts, warm, len(queries), page_script) + "\n\n" + _precision_report(*precision, len(pairs))


def _precision_report(scores: list[tuple[str, float]], apart: int, pairs: int) -> str:
    lines = ["## Busca: precisão nos 5 primeiros resultados", "", "| consulta | precisão@5 |", "|---|---:|"]
    lines += [f"| “{query}” | " + f"{score:.2f}".replace(".", ",") + " |" for query, score in scores]
    mean = sum(score for _, score in scores) / len(scores) if scores else 0.0
    lines += ["", f"Precisão@5 média: {mean:.3f}".replace(".", ",") + f" em {len(scores)} consultas.",
              f"Pares de palavras diferentes com radicais diferentes: {apart} de {pairs}."]
    return "\n".join(lines)


def _report(firsts: dict, warm: list[float], count: int, page_script: int) -> str:
    lines = ["## Busca (motor próprio): bytes da primeira busca e latência", "",
             "| primeira busca (cache vazio) | arquivos | bytes | com gzip | latência (motor carregando) |",
             "|---|---:|---:|---:|---:|"]
    worst_query = max(firsts, key=lambda q: sum(f[2] for f in firsts[q][0]))
    for query, (files, latency) in firsts.items():
        lines.append(f"| “{query}” | {len(files)} | {_kb(sum(f[1] for f in files))} | "
                     f"{_kb(sum(f[2] for f in files))} | {_ms(latency)} |")
    lines += ["", f"Arquivos da primeira busca por “{worst_query}” (a mais pesada):", "",
              "| arquivo | bytes | com gzip |", "|---|---:|---:|"]
    for url, raw, sent in firsts[worst_query][0]:
        lines.append(f"| {url.split('?')[0]} | {raw} | {sent} |")
    heaviest = max(sum(f[2] for f in files) for files, _ in firsts.values())
    lines += ["", f"Fora da conta: {PAGE_SCRIPT}, que toda página carrega, com ou sem busca: {_kb(page_script)} com gzip."]
    lines += ["", "| latência, motor carregado (última tecla → resultados na tela) | valor |", "|---|---:|",
              f"| consultas | {count} |",
              f"| mediana | {_ms(statistics.median(warm))} |",
              f"| máxima | {_ms(max(warm))} |",
              "",
              f"Meta: primeira busca ≤ {_kb(LIMIT_BYTES)} com gzip → "
              f"{'atingida' if heaviest <= LIMIT_BYTES else 'NÃO atingida'} ({_kb(heaviest)}); "
              f"resultados em ≤ {LIMIT_MS:.0f} ms → "
              f"{'atingida' if max(warm) <= LIMIT_MS else 'NÃO atingida'} (máxima {_ms(max(warm))}); "
              f"mediana ≤ {MEDIAN_LIMIT_MS:.0f} ms → "
              f"{'atingida' if statistics.median(warm) <= MEDIAN_LIMIT_MS else 'NÃO atingida'}."]
    return "\n".join(lines)
