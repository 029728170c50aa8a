"""Synthetic data folders of any size, for benchmarks and scale tests.

Input: a real, valid data folder (its act, schemas and source header are reused) and a number of
recommendations. Output: a complete data folder (``ato.yml``, ``esquemas/``, ``objetivos/*.yml``
and a matching synthetic source text in ``fontes/``) that passes every check, fidelity included,
with about √n objectives of about √n recommendations each. The texts are the real official texts
reused in turn, so pages have realistic lengths; each file says it is synthetic. Same arguments,
same bytes. It never touches the real folder.
"""
from __future__ import annotations

import argparse
import math
import shutil
from pathlib import Path

import yaml

from engd.model import load_strategy
from engd.validate import ACT_FILE, OBJECTIVES_DIR, SCHEMA_DIR, SITE_FILE

_NOTICE = "# DADOS SINTÉTICOS para medir desempenho: não são o texto oficial de nenhum ato."
_PLAIN = "Esta é uma explicação curta em linguagem simples, escrita só para o teste de desempenho."
_PRACTICE = ["Um exemplo de ação para o teste de desempenho.", "Outro exemplo de ação, também sintético."]


def _shape(recommendations: int) -> list[int]:
    """How many recommendations each objective gets: about √n objectives, sizes differing by ≤ 1."""
    objectives = max(1, math.isqrt(max(recommendations - 1, 0)) + 1)
    base, extra = divmod(recommendations, objectives)
    return [base + (1 if i < extra else 0) for i in range(objectives)]


def _source_head(source_text: str) -> list[str]:
    """The real source up to and including the annex title: header, act, articles, signature."""
    lines = [line for line in source_text.splitlines() if line.strip()]
    annex_at = lines.index("ANEXO")
    return lines[: annex_at + 2]


def _dump(value: dict) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100)


def write(real_data: Path, target: Path, recommendations: int) -> Path:
    """Write a synthetic data folder with ``recommendations`` items into ``target`` (replaced)."""
    strategy, problems = load_strategy(real_data)
    if strategy is None:
        raise ValueError("os dados reais têm problemas; corrija-os antes de gerar dados sintéticos: "
                         + "; ".join(map(str, problems[:3])))
    if recommendations < 1:
        raise ValueError("o número de recomendações deve ser pelo menos 1")
    real_data, target = Path(real_data), Path(target)
    if target.exists():
        shutil.rmtree(target)
    (target / OBJECTIVES_DIR).mkdir(parents=True)
    shutil.copytree(real_data / SCHEMA_DIR, target / SCHEMA_DIR)
    for name in (ACT_FILE, SITE_FILE):
        text = (real_data / name).read_text(encoding="utf-8")
        (target / name).write_text(f"{_NOTICE}\n{text}", encoding="utf-8")
    source_file = target / strategy.act.source_file
    source_file.parent.mkdir(parents=True, exist_ok=True)
    source_lines = _source_head((real_data / strategy.act.source_file).read_text(encoding="utf-8"))
    objective_texts = [o.official_text for o in strategy.objectives]
    rec_texts = [r.official_text for r in strategy.recommendations]
    taken = 0
    for number, size in enumerate(_shape(recommendations), start=1):
        objective_text = objective_texts[(number - 1) % len(objective_texts)]
        items = []
        source_lines += [f"{number}. Objetivo: {objective_text}", f"{strategy.act.addressees}:"]
        for m in range(1, size + 1):
            text = rec_texts[taken % len(rec_texts)]
            taken += 1
            items.append({"numero": f"{number}.{m}", "texto_oficial": text,
                          "texto_simples": _PLAIN, "na_pratica": list(_PRACTICE)})
            source_lines.append(f"{number}.{m} {text}")
        document = {"numero": number, "texto_oficial": objective_text, "texto_simples": _PLAIN,
                    "na_pratica": list(_PRACTICE), "recomendacoes": items}
        path = target / OBJECTIVES_DIR / f"objetivo-{number:02d}.yml"
        path.write_text(f"{_NOTICE}\n{_dump(document)}", encoding="utf-8")
    source_file.write_text("\n\n".join(source_lines) + "\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.synthetic",
                                     description="Escreve uma pasta de dados sintéticos com N recomendações.")
    parser.add_argument("recomendacoes", type=int, help="número de recomendações")
    parser.add_argument("destino", help="pasta a criar (substituída se existir)")
    parser.add_argument("--dados", default="data", help="pasta dos dados reais; padrão: data")
    args = parser.parse_args(argv)
    write(Path(args.dados), Path(args.destino), args.recomendacoes)
    print(f"Dados sintéticos com {args.recomendacoes} recomendações escritos em {args.destino}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
