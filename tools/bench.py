"""Run the benchmarks: every module ``tools/bench_*.py`` (each has ``run(project: Path) -> str``, a
table) or one of them, and print their tables. ``python -m tools.bench [--so NOME]`` (``make bench``).
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

import tools

PROJECT = Path(__file__).resolve().parents[1]


def names() -> list[str]:
    return sorted(m.name.removeprefix("bench_") for m in pkgutil.iter_modules(tools.__path__) if m.name.startswith("bench_"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description="Mede o desempenho e imprime tabelas.")
    parser.add_argument("--so", default=None, choices=names(), help="roda só um benchmark")
    args = parser.parse_args(argv)
    for name in [args.so] if args.so else names():
        print(importlib.import_module(f"tools.bench_{name}").run(PROJECT))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
