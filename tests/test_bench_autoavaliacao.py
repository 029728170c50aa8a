"""The self-assessment benchmark says plainly whether the figures of issue 14 are met.

Only its table is tested here; ``python -m tools.bench --so autoavaliacao`` runs the real measurement in Chromium.
"""
from tools.bench_autoavaliacao import LAG_LIMIT_MS, TOTAL_LIMIT, table
from tools.bench_paginas import View


def _view(gzip: int) -> View:
    view = View("autoavaliação")
    view.by_kind["HTML"].requests, view.by_kind["HTML"].gzip = 1, gzip
    return view


def test_table_reports_the_figures_met():
    text = table(_view(100_000), {"área": ([1.0, 2.0, 10.0], [12.0, 16.0, 30.0])})
    assert "100,0 KB, atingida" in text and "máximo 10,0 ms, atingida" in text
    assert "| área | 3 | 2,0 | 10,0 | 16,0 | 30,0 |" in text


def test_table_reports_the_figures_missed():
    text = table(_view(TOTAL_LIMIT + 1), {"área": ([LAG_LIMIT_MS + 1], [60.0]), "situação": ([], [])})
    assert "120,0 KB gzip: 120,0 KB, NÃO atingida" in text and "máximo 51,0 ms, NÃO atingida" in text
    assert "| situação | 0 | — | — | — | — |" in text
