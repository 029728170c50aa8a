"""Benchmark of the full build: wall time, CPU time and peak memory, for real and synthetic data.

Input: the project folder. Output: a Markdown table (Portuguese) with one row per corpus: the real
``data/`` and synthetic corpora made by ``synthetic.write`` (1,000 and 10,000 recommendations by
default), each built from scratch by the real command (``engd build``) in a child process (the
smaller ones three times, keeping the fastest), with the figures to reach beside the measured ones. Peak memory is the child's maximum resident set
size as the kernel reports it (``os.wait4``), which includes any helper process it ran. It writes
only into a temporary folder. Run it with ``python -m tools.bench --so build`` (or ``make bench``).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from tools import synthetic

# Figures from the issue: (seconds, megabytes) per corpus; None = no figure set.
TARGETS = {"real": (5.0, None), 1000: (15.0, None), 10000: (120.0, 1536)}
# Smaller corpora are built several times and the fastest run is kept, to damp a busy machine.
RUNS = {"real": 3, 1000: 3}
_SUMMARY = re.compile(r"(\d+) objetivos, (\d+) recomendações")


@dataclass(frozen=True)
class Measure:
    corpus: str
    objectives: int | None
    recommendations: int | None
    wall: float
    cpu: float
    peak_mb: float
    ok: bool
    error: str = ""


def measure_build(project: Path, data: Path, site: Path, corpus: str) -> Measure:
    """Build ``data`` into ``site`` with the real CLI in a child process and measure it."""
    command = [sys.executable, "-m", "engd.cli", "--projeto", str(project), "--dados", str(data),
               "build", "--saida", str(site)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    found = _SUMMARY.search(stdout)
    return Measure(
        corpus=corpus,
        objectives=int(found[1]) if found else None,
        recommendations=int(found[2]) if found else None,
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss / 1024,  # Linux reports kilobytes
        ok=child.returncode == 0,
        error="" if child.returncode == 0 else (stderr.strip().splitlines() or ["?"])[-1],
    )


def _number(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def _target(key) -> str:
    seconds, megabytes = TARGETS.get(key, (None, None))
    parts = ([f"≤ {_number(seconds, 0)} s"] if seconds else []) + ([f"≤ {_number(megabytes, 0)} MB"] if megabytes else [])
    return " e ".join(parts) or "—"


def _reached(key, measure: Measure) -> str:
    seconds, megabytes = TARGETS.get(key, (None, None))
    if not measure.ok:
        return "falhou"
    good = (seconds is None or measure.wall <= seconds) and (megabytes is None or measure.peak_mb <= megabytes)
    return "sim" if good else "NÃO"


def run(project: Path, sizes: tuple[int, ...] = (1000, 10000)) -> str:
    """Measure every corpus and return the table."""
    project = Path(project).resolve()
    rows = []
    with tempfile.TemporaryDirectory(prefix="engd-bench-build-") as folder:
        folder = Path(folder)
        corpora = [("real", "dados reais (data/)", project / "data")]
        for size in sizes:
            data = synthetic.write(project / "data", folder / f"dados-{size}", size)
            corpora.append((size, f"sintético, {_number(size, 0)} recomendações", data))
        for key, label, data in corpora:
            runs = RUNS.get(key, 1)
            measures = []
            for i in range(runs):
                site = folder / f"site-{key}-{i}"
                measures.append(measure_build(project, data, site, label))
                shutil.rmtree(site, ignore_errors=True)
            best = min(measures, key=lambda m: (not m.ok, m.wall))
            rows.append((key, runs, replace(best, peak_mb=max(m.peak_mb for m in measures))))
    lines = [
        "Construção completa (engd build: validação, MkDocs estrito, etapas finais, troca atômica)",
        "",
        "| corpus | objetivos | recomendações | execuções | tempo (s) | CPU (s) | memória de pico (MB) | meta | atingida |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for key, runs, m in rows:
        lines.append(f"| {m.corpus} | {m.objectives if m.objectives is not None else '—'} | "
                     f"{m.recommendations if m.recommendations is not None else '—'} | {runs} | {_number(m.wall)} | "
                     f"{_number(m.cpu)} | {_number(m.peak_mb, 0)} | {_target(key)} | {_reached(key, m)} |")
    failures = [f"- {m.corpus}: {m.error}" for _, _, m in rows if not m.ok]
    if failures:
        lines += ["", "Construções que falharam:"] + failures
    lines += ["", "Tempo: o menor das execuções (de parede, da partida do processo ao fim da troca de pastas); "
                  "CPU: usuário + sistema dessa execução; memória: o maior pico (RSS) entre as execuções.",
              f"Máquina: {os.cpu_count()} núcleos; carga média no fim: {_number(os.getloadavg()[0], 2)} "
              "(o tempo de parede sobe quando a máquina está ocupada; o de CPU, bem menos)."]
    return "\n".join(lines)
