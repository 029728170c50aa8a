"""Tools outside the runtime package: benchmarks (``bench_*``), synthetic corpora and the audit.

Run from the project's folder: ``python -m tools.bench [--so NOME]`` (``make bench``),
``python -m tools.synthetic N PASTA``, ``python -m tools.audit requirements.lock`` (``make audit``).
"""
