"""Benchmark: the site's search at 10,000 synthetic recommendations (``python -m tools.bench --so busca_escala``).

``run(project)`` writes a synthetic corpus of ``SIZE`` recommendations (``tools.synthetic``), builds
its search index with the same code as the site (``search_index.index_bytes``; above
``search_shards.SPLIT_ABOVE`` records the index is split: a manifest, term shards, record blocks),
and serves that index with the site's engine (``docs/javascripts/busca-motor.js``) on 127.0.0.1,
gzip-compressed. In headless Chromium, for each query of ``QUERIES`` in a fresh profile, it records
the bytes (gzip) of every file the FIRST query fetches (engine, manifest, shards, records), the time
to load the engine and the manifest (on the site, when the field gets focus) and the time from the
query to its first five results with their excerpts ready (shards and records fetched on the way); then the median and maximum time of
the same queries with the engine warm. Targets (issue 18): first query ≤ 300 KB gzip and ≤ 50 ms.
It never writes outside its temporary folder.
"""
from __future__ import annotations

import gzip
import shutil
import statistics
import tempfile
from pathlib import Path

from tools.bench_busca import _kb, _ms
from tools.bench_site import chromium, serve

SIZE = 10_000
QUERIES = ("dados abertos", "seguranca cibernetica", "capacitar servidores", "3.7", "interoperabilidade", "lgpd")
LIMIT_BYTES = 300 * 1024
LIMIT_MS = 50.0
REPEATS = 3
_PAGE = ('<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Busca em escala</title></head>'
         '<body><main><h1>Busca em escala</h1></main></body></html>')
# As on the site (busca.js): the engine and the manifest load when the field gets focus; the clock
# runs from the query to its first five results with their excerpts, shards and records included.
_FIRST = """async q => {
    const comeco = performance.now();
    const modulo = await import('/javascripts/busca-motor.js');
    const baixar = c => fetch('/' + c).then(r => r.json());
    const motor = modulo.criarMotor(await baixar('busca/indice.json'), baixar);
    const inicio = performance.now();
    const resultados = await motor.buscar(q, 5);
    resultados.slice(0, 5).forEach(r => r.trecho());
    window.motorDoBenchmark = motor;
    return [performance.now() - inicio, resultados.length, inicio - comeco];
}"""
_FETCHED = """() => performance.getEntriesByType('resource')
    .filter(e => e.name.includes('/busca/') || e.name.includes('busca-motor'))
    .map(e => [e.name, e.encodedBodySize])"""
_WARM = """async q => {
    const inicio = performance.now();
    const resultados = await motorDoBenchmark.buscar(q, 5);
    resultados.slice(0, 5).forEach(r => r.trecho());
    return performance.now() - inicio;
}"""


def _site(project: Path, folder: Path) -> tuple[Path, int]:
    from engd.model import load_strategy
    from engd.outputs.search_index import index_bytes, write_search_index
    from tools.synthetic import write

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


def run(project: Path) -> str:
    from tools.bench_lighthouse import GzipHandler

    project = Path(project).resolve()
    runs: dict[str, list] = {}
    with tempfile.TemporaryDirectory(prefix="engd-bench-busca-escala-") as work:
        site, single = _site(project, Path(work))
        files = sorted(p.relative_to(site).as_posix() for p in (site / "busca").rglob("*.json"))
        with serve(site, GzipHandler) as base, chromium() as browser:
            for query in [q for _ in range(REPEATS) for q in QUERIES]:
                context = browser.new_context(locale="pt-BR")
                try:
                    tab = context.new_page()
                    tab.goto(base + "/", wait_until="load")
                    elapsed, count, loading = tab.evaluate(_FIRST, query)
                    # Bytes as transferred (gzip bodies), from the page's own resource timing.
                    first_files = [(url.removeprefix(base), size) for url, size in tab.evaluate(_FETCHED)]
                    warm = [tab.evaluate(_WARM, q) for q in QUERIES for _ in range(3)]
                    runs.setdefault(query, []).append((elapsed, count, first_files, warm, loading))
                finally:
                    context.close()
    # Each first query runs REPEATS times, each in a fresh profile: the median time (this machine is
    # shared, one run can stall), the files of one run (they are the same every time).
    firsts = {}
    for query, tries in runs.items():
        tries.sort(key=lambda run: run[0])
        middle = tries[len(tries) // 2]
        firsts[query] = (middle[0], middle[1], middle[2], [x for run in tries for x in run[3]],
                         statistics.median(run[4] for run in tries))
    return _report(firsts, len(files), single)


def _report(firsts: dict, files: int, single: int) -> str:
    lines = [f"## Busca em escala: {SIZE} recomendações sintéticas (índice em pedaços)", "",
             f"Cada primeira consulta roda {REPEATS} vezes, cada vez num perfil novo: a tabela mostra a mediana.", "",
             f"Índice: {files} arquivos JSON (um só arquivo teria {_kb(single)} com gzip).", "",
             "| primeira consulta (cache vazio) | resultados | arquivos | baixado (gzip) | motor e manifesto (ao focar o campo) "
             "| consulta até os resultados |", "|---|---:|---:|---:|---:|---:|"]
    for query, (elapsed, count, fetched, _, loading) in firsts.items():
        lines.append(f"| “{query}” | {count} | {len(fetched)} | {_kb(sum(n for _, n in fetched))} | {_ms(loading)} | {_ms(elapsed)} |")
    warm = [x for _, _, _, times, _ in firsts.values() for x in times]
    heaviest = max(sum(n for _, n in fetched) for _, _, fetched, _, _ in firsts.values())
    slowest = max(elapsed for elapsed, *_ in firsts.values())
    lines += ["", f"Motor já carregado: mediana {_ms(statistics.median(warm))}, máxima {_ms(max(warm))} "
                  f"({len(warm)} consultas).", "",
              f"Meta: primeira consulta ≤ {_kb(LIMIT_BYTES)} com gzip → "
              f"{'atingida' if heaviest <= LIMIT_BYTES else 'NÃO atingida'} ({_kb(heaviest)}); "
              f"responde em ≤ {LIMIT_MS:.0f} ms → {'atingida' if slowest <= LIMIT_MS else 'NÃO atingida'} "
              f"(a mais lenta: {_ms(slowest)}, com o download dos pedaços e dos registros)."]
    return "\n".join(lines)
