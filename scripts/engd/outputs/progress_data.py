"""Output: the open data of the progress view, a Data Package of its own in ``/dados/acompanhamento/``.

Input: the model (``Strategy.assessments``) and the ``BuildContext``. Output, only when at least one
assessment is published (the data package of ``/dados/`` never changes for it):

* ``entes.csv`` — one row per ente (code, name from its file, kind, UF, date, who filled it);
* ``situacoes.csv`` — the long table: one row per ente × recommendation (status, responsible area,
  planned date), keyed to ``entes.csv``;
* ``por-recomendacao.csv`` and ``por-objetivo.csv`` — how many entes (answers) are at each status,
  and their share, from ``progress.counts`` (the numbers of the page ``/acompanhamento/``);
* ``datapackage.json`` — a Frictionless Data Package with a Table Schema for each table.

Each file is declared as a ``Download``, so ``/dados/`` and the DCAT catalogue list it; an after-build
step validates the written package with frictionless, and a problem fails the build.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .. import self_assessment as sa
from .. import urls
from ..context import BuildContext
from ..model import Strategy
from . import AfterBuild, Download, Published
from .progress import STATUS_IDS, counts, objective_counts

DESCRIPTOR = "datapackage.json"
VERSION = "1.0.0"
_STATUS_ENUM = [s.id for s in sa.STATUSES]
_SUMMARY_ENUM = _STATUS_ENUM + ["sem-resposta"]


def _field(name, kind, title, description, **constraints) -> dict:
    spec = {"name": name, "type": kind, "title": title, "description": description}
    if constraints:
        spec["constraints"] = constraints
    return spec


def tables(strategy: Strategy) -> list[dict]:
    """The tables of the package: name, title, description, Table Schema and rows."""
    ids = [r.id for r in strategy.recommendations]
    objective_of = {r.id: r.objective_number for r in strategy.recommendations}
    code = _field("ente_codigo_ibge", "string", "Código IBGE", "Código IBGE do ente (2 algarismos para uma UF, 7 para um município).",
                  required=True, pattern=sa.TABLE_PATTERNS["ente_codigo_ibge"])
    assessments = strategy.assessments
    entes = {
        "name": "entes", "title": "Entes com autoavaliação publicada",
        "description": "Um ente por linha. O nome vem do arquivo que o ente publicou.",
        "schema": {"fields": [
            dict(code, constraints={**code["constraints"], "unique": True}),
            _field("ente_nome", "string", "Nome do ente", "Nome do ente, como está no seu arquivo.", required=True),
            _field("ente_tipo", "string", "Tipo de ente", "estado, distrito-federal ou municipio.", required=True,
                   enum=[k for k, _ in sa.KINDS]),
            _field("uf", "string", "UF", "Sigla da UF, do prefixo do código IBGE.", required=True, enum=sorted(set(sa.UF_CODES.values()))),
            _field("data_avaliacao", "date", "Data da avaliação", "Data da avaliação (AAAA-MM-DD).", required=True),
            _field("preenchido_por", "string", "Preenchido por", "Quem preencheu (nome ou cargo), quando o arquivo diz."),
        ], "missingValues": [""], "primaryKey": ["ente_codigo_ibge"]},
        "rows": [[a.code, a.name, a.kind, a.uf, a.date, a.filled_by] for a in assessments],
    }
    long = {
        "name": "situacoes", "title": "Situação de cada ente em cada recomendação",
        "description": "Uma linha por ente e recomendação: a situação, a área responsável e a data prevista. Situação vazia: sem resposta.",
        "schema": {"fields": [
            code,
            _field("recomendacao", "string", "Recomendação", "Número da recomendação (N.M).", required=True, enum=ids),
            _field("objetivo", "integer", "Objetivo", "Número do objetivo da recomendação.", required=True),
            _field("situacao", "string", "Situação", "Situação na escala de cinco passos; vazia quando sem resposta.", enum=_STATUS_ENUM),
            _field("area_responsavel", "string", "Área responsável", "Área responsável no ente."),
            _field("data_prevista", "date", "Data prevista", "Data prevista para concluir (AAAA-MM-DD)."),
        ], "missingValues": [""], "primaryKey": ["ente_codigo_ibge", "recomendacao"],
            "foreignKeys": [{"fields": ["ente_codigo_ibge"], "reference": {"resource": "entes", "fields": ["ente_codigo_ibge"]}}]},
        "rows": [[a.code, answer.recommendation, objective_of[answer.recommendation], answer.status,
                  " ".join(answer.area.split()), answer.due] for a in assessments for answer in a.answers],
    }
    by_recommendation = counts(assessments, ids)
    by_objective = objective_counts(strategy, by_recommendation)
    n = len(assessments)
    status_field = _field("situacao", "string", "Situação", "Situação; sem-resposta quando o item ficou vazio.", required=True,
                          enum=_SUMMARY_ENUM)
    per_recommendation = {
        "name": "por-recomendacao", "title": "Entes em cada situação, por recomendação",
        "description": f"Quantos dos {n} entes estão em cada situação em cada recomendação, e a parte do total (de 0 a 1).",
        "schema": {"fields": [
            _field("recomendacao", "string", "Recomendação", "Número da recomendação (N.M).", required=True, enum=ids),
            _field("objetivo", "integer", "Objetivo", "Número do objetivo.", required=True),
            status_field,
            _field("entes", "integer", "Entes", "Número de entes nesta situação.", required=True, minimum=0),
            _field("proporcao", "number", "Proporção", "Entes nesta situação divididos pelo total de entes.", required=True,
                   minimum=0, maximum=1),
        ], "missingValues": [""], "primaryKey": ["recomendacao", "situacao"]},
        "rows": [[rec, objective_of[rec], s or "sem-resposta", by_recommendation[rec][s], round(by_recommendation[rec][s] / n, 6)]
                 for rec in ids for s in STATUS_IDS],
    }
    per_objective = {
        "name": "por-objetivo", "title": "Respostas em cada situação, por objetivo",
        "description": "Quantas respostas (ente × recomendação do objetivo) estão em cada situação, e a parte do total (de 0 a 1).",
        "schema": {"fields": [
            _field("objetivo", "integer", "Objetivo", "Número do objetivo.", required=True),
            status_field,
            _field("respostas", "integer", "Respostas", "Número de respostas nesta situação.", required=True, minimum=0),
            _field("proporcao", "number", "Proporção", "Respostas nesta situação divididas pelo total do objetivo.", required=True,
                   minimum=0, maximum=1),
        ], "missingValues": [""], "primaryKey": ["objetivo", "situacao"]},
        "rows": [[o.number, s or "sem-resposta", by_objective[o.number][s],
                  round(by_objective[o.number][s] / (n * len(o.recommendations)), 6)]
                 for o in strategy.objectives for s in STATUS_IDS],
    }
    return [entes, long, per_recommendation, per_objective]


def csv_bytes(table: dict) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([f["name"] for f in table["schema"]["fields"]])
    writer.writerows(table["rows"])
    return buffer.getvalue().encode("utf-8")


def descriptor(strategy: Strategy, context: BuildContext, made: list[dict]) -> dict:
    identity = strategy.identity
    return {
        "profile": "data-package", "name": f"{identity.package_name}-acompanhamento", "version": VERSION,
        "title": f"Acompanhamento das autoavaliações — {identity.title}",
        "description": ("Autoavaliações publicadas por estados, pelo Distrito Federal e por municípios: onde cada ente está "
                        f"em cada recomendação da {strategy.act.short_name}. Os dados vêm dos arquivos que os entes publicaram, "
                        "sem mudança. São recomendações, não obrigações."),
        "created": context.moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "keywords": list(identity.keywords) + ["autoavaliação"],
        "resources": [{"name": t["name"], "path": f"{t['name']}.csv", "profile": "tabular-data-resource", "type": "table",
                       "title": t["title"], "description": t["description"], "format": "csv", "mediatype": "text/csv",
                       "encoding": "utf-8", "schema": t["schema"]} for t in made],
    }


def check_built_site(site_dir: Path) -> list[str]:
    from .datapackage import _frictionless_problems

    path = Path(site_dir) / urls.progress_file(DESCRIPTOR)
    problems = _frictionless_problems(path, urls.progress_file(DESCRIPTOR))
    if problems:
        problems.insert(0, "O pacote de dados do acompanhamento é inválido (relatório do frictionless):")
    return problems


def publish(strategy: Strategy, context: BuildContext) -> list:
    if not strategy.assessments:
        return []
    made = tables(strategy)
    files = [Published(urls.progress_file(f"{t['name']}.csv"), csv_bytes(t),
                       download=Download(f"Acompanhamento: {t['title'].lower()} (CSV)", "CSV", "text/csv")) for t in made]
    files.append(Published(urls.progress_file(DESCRIPTOR),
                           (json.dumps(descriptor(strategy, context, made), ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
                           download=Download("Acompanhamento: descrição do pacote (Data Package)", "JSON", "application/json")))
    return files + [AfterBuild("pacote de dados do acompanhamento", check_built_site)]
