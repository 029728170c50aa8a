"""Benchmark of the open-data outputs (run by ``python -m tools.bench --so dados``).

Input: the project folder. Output: a table (text) with the median time of each stage — the model,
the package in memory (CSV, JSON, XLSX, zip, descriptor), everything ``open_data.publish`` adds
(catalogue, /dados/ page, per-item JSON), and the frictionless validation of the written package —
and the size of what is published. It writes only in a temporary folder.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from engd.context import from_environment
from engd.model import load_strategy
from engd.outputs import assemble
from engd.outputs.datapackage import build_package, check_folder

REPEAT = 5


def _median(function) -> tuple[float, object]:
    times, result = [], None
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _bytes(size: int) -> str:
    return f"{size:,}".replace(",", ".") + " bytes"


def run(project: Path) -> str:
    data = Path(project) / "data"
    model_time, (strategy, _) = _median(lambda: load_strategy(data))
    context = from_environment(project, data)
    moment = context.moment
    package_time, package = _median(lambda: build_package(strategy, moment, context.site_url))
    publish_time, publication = _median(lambda: assemble(strategy, context))
    with tempfile.TemporaryDirectory() as folder:
        for file in package.files:
            (Path(folder) / file.path).write_bytes(file.content)
        check_time, problems = _median(lambda: check_folder(Path(folder)))
    generated = publication.generated
    total = sum(len(f.data) for f in generated)
    rows = [
        ("modelo (ler e validar data/)", model_time, ""),
        ("pacote em memória (CSV, JSON, XLSX, ZIP)", package_time, f"{len(package.files)} arquivos, {_bytes(sum(f.size for f in package.files))}"),
        ("todas as saídas, em memória (páginas, pacote, catálogo, JSON por item...)", publish_time, f"{len(generated)} arquivos, {_bytes(total)}"),
        ("validação frictionless + gêmeos", check_time, "válido" if not problems else f"{len(problems)} problemas"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"Dados abertos (mediana de {REPEAT} execuções)", f"{'etapa':<{width}}  {'tempo':>9}  detalhe",
             f"{'-' * width}  {'-' * 9}  {'-' * 30}"]
    lines += [f"{name:<{width}}  {seconds * 1000:>7.0f}ms  {detail}" for name, seconds, detail in rows]
    return "\n".join(lines)
