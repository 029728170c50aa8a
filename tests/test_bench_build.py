"""The build benchmark measures real child builds and reports failures instead of figures.

Only the measuring is tested here (on a tiny corpus); the figures themselves come from
``python -m tools.bench --so build`` (``make bench``), never from a timed test.
"""
from __future__ import annotations

from pathlib import Path

from tools import synthetic
from tools.bench_build import _reached, measure_build

ROOT = Path(__file__).resolve().parents[1]


def test_a_build_is_measured_in_a_child_process(tmp_path):
    data = synthetic.write(ROOT / "data", tmp_path / "dados", 7)
    measure = measure_build(ROOT, data, tmp_path / "site", "minúsculo")
    assert measure.ok, measure.error
    assert (measure.objectives, measure.recommendations) == (3, 7)
    assert measure.wall > 0 and measure.cpu > 0
    assert 10 < measure.peak_mb < 2048  # the child's own peak, in megabytes
    assert (tmp_path / "site" / "recomendacoes" / "3-2" / "index.html").is_file()


def test_a_failing_build_is_reported_as_such(data_copy, tmp_path):
    (data_copy / "ato.yml").unlink()
    measure = measure_build(ROOT, data_copy, tmp_path / "site", "quebrado")
    assert not measure.ok and "A construção falhou" in measure.error
    assert _reached("real", measure) == "falhou"
