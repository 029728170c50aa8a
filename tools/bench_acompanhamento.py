"""Benchmark of the federative progress view (issue 15): the build with 5,597 published
self-assessments (27 UFs and 5,570 municipalities, ``synthetic_assessments``) against the build with
the folder empty (the real ``data/``).

Input: the project folder. Output: a Markdown table (Portuguese): for each corpus, the wall time and
peak memory of the full build (the real command in a child process, ``bench_build.measure_build``),
the site's size on disk, the size of the search index and its growth over the empty folder, and the
first view of ``/acompanhamento/`` in a fresh Chromium (every request it makes, gzip level 6, as
``bench_paginas`` weighs a page), with the figures to reach beside them. It writes only into a
temporary folder. ``python -m tools.bench --so acompanhamento``.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tools import synthetic_assessments
from tools.bench_build import _number, measure_build
from tools.bench_paginas import View, _until_quiet, _weigh
from tools.bench_site import chromium, serve

TARGET_SECONDS = 60.0
TARGET_MB = 1536
TARGET_FIRST_VIEW_KB = 150.0
TARGET_INDEX_GROWTH = 0.20
INDEX = "busca/indice.json"
NAMES = "acompanhamento/busca-entes.json"
PAGE = "/acompanhamento/"


def first_view_gzip(site: Path) -> int:
    """Bytes (gzip) of everything a fresh browser fetches to show ``/acompanhamento/``."""
    with serve(site) as base_url, chromium() as browser:
        context = browser.new_context(locale="pt-BR", viewport={"width": 390, "height": 844})
        page = context.new_page()
        view = View("acompanhamento")
        page.on("requestfinished", lambda request: _weigh(request, view))
        page.goto(base_url + PAGE, wait_until="networkidle")
        _until_quiet(page, view)
        context.close()
    return view.total.gzip


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run(project: Path, municipalities: int = synthetic_assessments.MUNICIPALITIES) -> str:
    from engd.model import load_strategy

    project = Path(project).resolve()
    strategy, _ = load_strategy(project / "data")
    ids = [r.id for r in strategy.recommendations]
    rows = []
    with tempfile.TemporaryDirectory(prefix="engd-bench-acompanhamento-") as folder:
        folder = Path(folder)
        data = folder / "dados"
        shutil.copytree(project / "data", data)
        synthetic_assessments.write(municipalities, data / "autoavaliacoes", 1, ids)
        corpora = [("pasta vazia (dados reais)", project / "data"),
                   (f"{_number(27 + municipalities, 0)} entes × {len(ids)} recomendações", data)]
        base_index = None
        for label, source in corpora:
            site = folder / f"site-{len(rows)}"
            measure = measure_build(project, source, site, label)
            if not measure.ok:
                rows.append((label, measure, 0, 0, None, 0, 0))
                continue
            index = (site / INDEX).stat().st_size
            base_index = base_index or index
            names = (site / NAMES).stat().st_size if (site / NAMES).exists() else 0
            rows.append((label, measure, _size(site), index, index / base_index - 1, first_view_gzip(site), names))
            shutil.rmtree(site, ignore_errors=True)
    return table(rows)


def table(rows: list[tuple]) -> str:
    """The Markdown table of ``rows``: (label, ``Measure``, site bytes, index bytes, index growth, first view
    gzip bytes, bytes of the entes' names file that the search fetches on the first query of 4+ characters)."""
    lines = [
        "Acompanhamento: construção com autoavaliações publicadas (KB = 1000 bytes; gzip nível 6)", "",
        "| corpus | tempo (s) | memória (MB) | site (MB) | índice de busca (KB) | crescimento do índice | "
        "/acompanhamento/, primeira visita (KB gzip) | nomes dos entes para a busca (KB) | meta |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label, m, size, index, growth, view, names in rows:
        if not m.ok:
            lines.append(f"| {label} | falhou: {m.error} | | | | | | | |")
            continue
        good = m.wall <= TARGET_SECONDS and m.peak_mb <= TARGET_MB and view / 1000 <= TARGET_FIRST_VIEW_KB and growth <= TARGET_INDEX_GROWTH
        lines.append(f"| {label} | {_number(m.wall)} | {_number(m.peak_mb, 0)} | {_number(size / 1e6)} | {_number(index / 1000)} | "
                     f"{_number(100 * growth)} % | {_number(view / 1000)} | {_number(names / 1000)} | {'sim' if good else 'NÃO'} |")
    lines += ["", f"Metas: construção ≤ {_number(TARGET_SECONDS, 0)} s e ≤ {_number(TARGET_MB, 0)} MB; primeira visita de "
              f"/acompanhamento/ ≤ {_number(TARGET_FIRST_VIEW_KB, 0)} KB gzip; índice de busca ≤ "
              f"{_number(100 * TARGET_INDEX_GROWTH, 0)} % maior que com a pasta vazia. Os nomes dos entes ficam num "
              "arquivo à parte, que a busca baixa só na primeira consulta de 4 letras ou mais."]
    return "\n".join(lines)
