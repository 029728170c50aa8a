"""Benchmark: the site's search at 10,000 synthetic recommendations (``engd bench --so busca_escala``).

``run(project)`` writes a synthetic corpus of ``SIZE`` recommendations (``engd.synthetic``), builds
its search index with the same code as the site (``search_index.index_bytes``; above
``search_shards.SPLIT_ABOVE`` records the index is split: a manifest, term shards, record blocks),
and serves that index with the site's engine (``docs/javascripts/busca-motor.js``) on 127.0.0.1,
gzip-compressed. In headless Chromium, for each query of ``QUERIES`` in a fresh profile, it records
the bytes (gzip) of every file the FIRST query fetches (engine, manifest, shards, records) and the
time from the call to the results with their excerpts ready; then the median and maximum time of
the same queries with the engine warm. Targets (issue 18): first query ≤ 300 KB gzip and ≤ 50 ms.
It never writes outside its temporary folder.
"""
from __future__ import annotations

import gzip
import shutil
import statistics
import tempfile
from pathlib import Path

SIZE = 10_000
QUERIES = ("dados abertos", "seguranca cibernetica", "capacitar servidores", "3.7", "interoperabilidade", "lgpd")
LIMIT_BYTES = 300 * 1024
LIMIT_MS = 50.0
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_PAGE = ('<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Busca em escala</title></head>'
         '<body><main><h1>Busca em escala</h1></main></body></html>')
_FIRST = """async q => {
    const modulo = await import('/javascripts/busca-motor.js');
    const baixar = c => fetch('/' + c).then(r => r.json());
    const inicio = performance.now();
    const motor = modulo.criarMotor(await baixar('busca/indice.json'), baixar);
    const resultados = await motor.buscar(q, 5);
    resultados.slice(0, 5).forEach(r => r.trecho());
    window.motorDoBenchmark = motor;
    return [performance.now() - inicio, resultados.length];
}"""
_WARM = """async q => {
    const inicio = performance.now();
    const resultados = await motorDoBenchmark.buscar(q, 5);
    resultados.slice(0, 5).forEach(r => r.trecho());
    return performance.now() - inicio;
}"""


def _site(project: Path, folder: Path) -> tuple[Path, int]:
    from .model import load_strategy
    from .search_index import index_bytes, write_search_index
    from .synthetic import write

    data = folder / "dados"
    write(project / "data", data, SIZE)
    strategy, problems = load_strategy(data)
    if strategy is None:
        raise RuntimeError("o corpus sintético não carregou: " + "; ".join(map(str, problems[:3])))
    site = folder / "site"
    (site / "javascripts").mkdir(parents=True)
    shutil.copy(project / "docs" / "javascripts" / "busca-motor.js", site / "javascripts" / "busca-motor.js")
    (site / "index.html").write_text(_PAGE, encoding="utf-8")
    messages = write_search_index(strategy, site)
    if messages:
        raise RuntimeError("; ".join(messages))
    single = len(gzip.compress(index_bytes(strategy), compresslevel=6, mtime=0))
    return site, single


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} KB".replace(".", ",")


def _ms(x: float) -> str:
    return f"{x:.1f} ms".replace(".", ",")


def run(project: Path) -> str:
    from playwright.sync_api import sync_playwright

    from .bench_lighthouse import serve_gzip

    project = Path(project).resolve()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory(prefix="engd-bench-busca-escala-") as work:
        site, single = _site(project, Path(work))
        files = sorted(p.relative_to(site).as_posix() for p in (site / "busca").rglob("*.json"))
        server, base = serve_gzip(site)
        firsts = {}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
                try:
                    for query in QUERIES:
                        context = browser.new_context(locale="pt-BR")
                        try:
                            tab = context.new_page()
                            tab.goto(base + "/", wait_until="load")
                            fetched: list[tuple[str, int]] = []
                            tab.on("response", lambda response: fetched.append(
                                (response.url.removeprefix(base), int(response.headers.get("content-length") or 0)))
                                if "/busca/" in response.url or "busca-motor" in response.url else None)
                            elapsed, count = tab.evaluate(_FIRST, query)
                            tab.wait_for_load_state("networkidle")
                            first_files = list(fetched)
                            warm = [tab.evaluate(_WARM, q) for q in QUERIES for _ in range(3)]
                            firsts[query] = (elapsed, count, first_files, warm)
                        finally:
                            context.close()
                finally:
                    browser.close()
        finally:
            server.shutdown()
    return _report(firsts, len(files), single)


def _report(firsts: dict, files: int, single: int) -> str:
    lines = [f"## Busca em escala: {SIZE} recomendações sintéticas (índice em pedaços)", "",
             f"Índice: {files} arquivos JSON (um só arquivo teria {_kb(single)} com gzip).", "",
             "| primeira consulta (cache vazio) | resultados | arquivos | baixado (gzip) | tempo até os resultados |",
             "|---|---:|---:|---:|---:|"]
    for query, (elapsed, count, fetched, _) in firsts.items():
        lines.append(f"| “{query}” | {count} | {len(fetched)} | {_kb(sum(n for _, n in fetched))} | {_ms(elapsed)} |")
    warm = [x for *_, times in firsts.values() for x in times]
    heaviest = max(sum(n for _, n in fetched) for _, _, fetched, _ in firsts.values())
    slowest = max(elapsed for elapsed, *_ in firsts.values())
    lines += ["", f"Motor já carregado: mediana {_ms(statistics.median(warm))}, máxima {_ms(max(warm))} "
                  f"({len(warm)} consultas).", "",
              f"Meta: primeira consulta ≤ {_kb(LIMIT_BYTES)} com gzip → "
              f"{'atingida' if heaviest <= LIMIT_BYTES else 'NÃO atingida'} ({_kb(heaviest)}); "
              f"responde em ≤ {LIMIT_MS:.0f} ms → {'atingida' if slowest <= LIMIT_MS else 'NÃO atingida'} "
              f"(a mais lenta: {_ms(slowest)}, com o download dos pedaços)."]
    return "\n".join(lines)
