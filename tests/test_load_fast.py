"""The fast YAML path (libyaml's parser under the strict composer) reads exactly what the
pure-Python loader reads: the same values and the same line and column for every value and key.

``load._compose`` uses libyaml when PyYAML has it and falls back to the pure-Python loader on any
failure, so problems are always worded by one code path; this checks the success path agrees.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from engd import load
from tools import synthetic

ROOT = Path(__file__).resolve().parents[1]


def _read(loader_class, text: str):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    converter = load._Converter("x")
    return converter.convert(node, ()), converter.positions, converter.key_positions, converter.problems


def _files(tmp_path: Path) -> list[Path]:
    synthetic_data = synthetic.write(ROOT / "data", tmp_path / "sintetico", 30)
    return sorted((ROOT / "data").rglob("*.yml")) + sorted(synthetic_data.rglob("*.yml"))


def test_libyaml_is_available():
    assert load._FastStrictLoader is not None, "PyYAML sem libyaml: a validação fica ~15× mais lenta"


def test_both_loaders_read_the_same_values_and_positions(tmp_path):
    files = _files(tmp_path)
    assert len(files) >= 18
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _read(load._FastStrictLoader, text) == _read(load._StrictLoader, text), path


@pytest.mark.parametrize("text, message", [
    ("a: &x 1\nb: *x\n", "âncoras"),
    ("a: " + "[" * 30 + "]" * 30 + "\n", "aninhamento"),
    ("a: 1\na: 2\n", "repetida"),
    ("a: !!python/tuple [1]\n", "etiqueta"),
])
def test_the_fast_path_refuses_what_the_strict_loader_refuses(tmp_path, text, message):
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    document, problems = load.load_file(path, tmp_path)
    assert document is None and message in problems[0].message
