"""Synthetic self-assessments of many entes, for tests and benchmarks (never published as real data).

Input: a number N of municipalities (0 to 5,570), a folder and a seed. Output: in the folder, the 27
UFs plus N municipalities, one file each in the self-assessment export format
(``engd.self_assessment``), named ``<codigo>.json`` (every tenth as ``<codigo>.csv``). Names say they
are synthetic ("Município sintético 0001", "Estado sintético 35"); codes have real UF prefixes
(``UF_CODES``), municipalities are numbered within their UF (the check digit is not computed: the
project never checks it). Each ente draws a "maturity" and its statuses from it, so the mix looks like a
real collection (many not started, some implemented, a few "não se aplica", some blank). Same
arguments, same bytes. It reads the real model only for the recommendation ids.

    python -m tools.synthetic_assessments N PASTA --semente S
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

from engd import self_assessment as sa
from engd.model import load_strategy

MUNICIPALITIES = 5570
_AREAS = ("Secretaria de Administração", "Secretaria de Planejamento", "Controladoria", "Gabinete",
          "Secretaria de Tecnologia da Informação", "")


def _status(rng: random.Random, maturity: float) -> str:
    draw = rng.random()
    if draw < 0.06:
        return ""
    if draw < 0.10:
        return "nao-se-aplica"
    progress = rng.random() * 0.5 + maturity * 0.5
    if progress < 0.3:
        return "nao-iniciada"
    if progress < 0.5:
        return "planejada"
    if progress < 0.7:
        return "em-andamento"
    return "implementada"


def document(rng: random.Random, code: str, name: str, kind: str, recommendation_ids: list[str]) -> dict:
    maturity = rng.betavariate(2, 3)
    answers = []
    for rec in recommendation_ids:
        status = _status(rng, maturity)
        due = "" if status in ("", "implementada", "nao-se-aplica") or rng.random() < 0.5 else \
            f"{rng.randint(2025, 2027)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        answers.append({"recomendacao": rec, "situacao": status,
                        "area_responsavel": rng.choice(_AREAS) if status else "", "data_prevista": due,
                        "evidencia": "", "observacoes": "Item sintético, não se aplica a este teste." if status == "nao-se-aplica" else ""})
    date = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
    header = {"ente_nome": name, "ente_tipo": kind, "ente_codigo_ibge": code, "data_avaliacao": date,
              "preenchido_por": "Equipe sintética"}
    return {"formato": sa.FORMAT, "versao": sa.VERSION, "cabecalho": header, "respostas": answers}


def entes(municipalities: int) -> list[tuple[str, str, str]]:
    """(code, name, kind) of the 27 UFs and ``municipalities`` municipalities spread over the 26 states."""
    found = []
    for uf in sa.UF_CODES:
        if uf == "53":
            found.append(("53", "Distrito Federal sintético", "distrito-federal"))
        else:
            found.append((uf, f"Estado sintético {uf}", "estado"))
    states = [uf for uf in sa.UF_CODES if uf != "53"]
    for i in range(municipalities):
        uf = states[i % len(states)]
        number = i // len(states) + 1
        found.append((f"{uf}{number:04d}0", f"Município sintético {i + 1:04d}", "municipio"))
    return found


def write(municipalities: int, folder: Path, seed: int, recommendation_ids: list[str]) -> list[Path]:
    if not 0 <= municipalities <= MUNICIPALITIES:
        raise ValueError(f"use de 0 a {MUNICIPALITIES} municípios.")
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = []
    for index, (code, name, kind) in enumerate(entes(municipalities)):
        doc = document(rng, code, name, kind, recommendation_ids)
        if index % 10 == 9:
            path = folder / f"{code}.csv"
            path.write_bytes(sa.to_csv(doc).encode("utf-8"))
        else:
            path = folder / f"{code}.json"
            path.write_bytes(sa.to_json(doc).encode("utf-8"))
        written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Escreve autoavaliações sintéticas (27 UFs e N municípios).")
    parser.add_argument("municipios", type=int)
    parser.add_argument("pasta", type=Path)
    parser.add_argument("--semente", type=int, default=1)
    parser.add_argument("--dados", type=Path, default=Path(__file__).resolve().parents[1] / "data")
    args = parser.parse_args(argv)
    strategy, problems = load_strategy(args.dados)
    if strategy is None:
        print("\n".join(map(str, problems)))
        return 1
    written = write(args.municipios, args.pasta, args.semente, [r.id for r in strategy.recommendations])
    print(f"{len(written)} autoavaliações sintéticas escritas em {args.pasta}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
