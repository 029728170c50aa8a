"""The table of the progress-view benchmark (issue 15): figures beside the targets, a miss said as "NÃO".
Only its table is tested here; ``python -m tools.bench --so acompanhamento`` runs the real measurement."""
from __future__ import annotations

from tools.bench_acompanhamento import table
from tools.bench_build import Measure


def _measure(wall: float, peak_mb: float, ok: bool = True) -> Measure:
    return Measure("x", 10, 51, wall, wall, peak_mb, ok, "" if ok else "os dados têm problemas")


def test_rows_within_every_target_say_sim():
    text = table([("pasta vazia", _measure(6.1, 223), 7_700_000, 124_700, 0.0, 79_000, 0),
                  ("5.597 entes", _measure(23.3, 421), 83_200_000, 140_000, 0.12, 97_100, 35_000)])
    lines = [line for line in text.splitlines() if line.startswith("| 5.597")]
    assert lines == ["| 5.597 entes | 23,3 | 421 | 83,2 | 140,0 | 12,0 % | 97,1 | 35,0 | sim |"]


def test_each_missed_target_says_nao():
    for measure, growth, view in ((_measure(61, 400), 0.1, 90_000), (_measure(20, 1600), 0.1, 90_000),
                                  (_measure(20, 400), 0.21, 90_000), (_measure(20, 400), 0.1, 151_000)):
        text = table([("grande", measure, 1, 1, growth, view, 1)])
        assert text.splitlines()[4].endswith("| NÃO |"), (measure, growth, view)


def test_a_failed_build_is_shown_with_its_reason():
    text = table([("grande", _measure(0, 0, ok=False), 0, 0, None, 0, 0)])
    assert "| grande | falhou: os dados têm problemas |" in text
