"""The published self-assessments: one file per ente in ``data/autoavaliacoes/``, read, checked, frozen.

Input: the data folder, the ``Strategy`` (its recommendations) and the build's moment
(``BuildContext.moment``). Output: ``check(data_dir, strategy, moment)`` returns the ``Assessment``s
(sorted by IBGE code) and every problem of the folder at once, as ``Problem``s printed
``arquivo:linha: campo: mensagem``. Rules: each file is a self-assessment export, JSON or CSV, with
every rule of ``engd.self_assessment.validate`` (the published schema, each recommendation once,
IBGE code format and UF prefix, real dates, no HTML); plus the rules of a collection: the file is
named ``<codigo>.json`` or ``<codigo>.csv``; one file per ente (the Distrito Federal's two codes,
53 and 5300108, are one ente); the date of the assessment is not
after the build's moment (a planned date, ``data_prevista``, is a plan and may be later); no
control characters (only plain text). Other files are reported, except ``LEIA-ME.md`` (the folder's
explanation) and hidden files.

The names of the entes come only from their files; nothing here invents one. It never writes
anything. ``model.load_strategy(data_dir, moment)`` runs it, so ``engd check``, ``engd build`` and the
MkDocs plugin apply the same rules with the same messages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path

from . import self_assessment as sa
from .problems import Problem

FOLDER = "autoavaliacoes"
EXPLANATION = "LEIA-ME.md"
SUFFIXES = (".json", ".csv")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MONTHS = ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"]


@dataclass(frozen=True)
class Answer:
    recommendation: str
    status: str  # an id of ``self_assessment.STATUSES``, or "" when not answered
    area: str
    due: str
    evidence: str
    notes: str


@dataclass(frozen=True)
class Assessment:
    code: str
    name: str
    kind: str  # an id of ``self_assessment.KINDS``
    date: str
    filled_by: str
    answers: tuple[Answer, ...]
    source_file: str

    @property
    def uf(self) -> str:
        return sa.UF_CODES[self.code[:2]]

    @property
    def kind_label(self) -> str:
        return dict(sa.KINDS)[self.kind]

    @cached_property
    def status_by_recommendation(self) -> dict[str, str]:
        return {a.recommendation: a.status for a in self.answers}


def _date_br(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{int(day)} de {_MONTHS[int(month) - 1]} de {year}"


def _assessment(document: dict, file: str) -> Assessment:
    header = document["cabecalho"]
    return Assessment(
        code=header["ente_codigo_ibge"], name=header["ente_nome"], kind=header["ente_tipo"],
        date=header["data_avaliacao"], filled_by=header["preenchido_por"],
        answers=tuple(Answer(a["recomendacao"], a["situacao"], a["area_responsavel"], a["data_prevista"],
                             a["evidencia"], a["observacoes"]) for a in document["respostas"]),
        source_file=file)


def _is_json(data: bytes) -> bool:
    return data.decode("utf-8-sig").lstrip()[:1] in ("{", "[")


def _header_field(data: bytes, column: str) -> str:
    """A header field as ``validate`` names it: ``cabecalho.X`` in JSON, the column in CSV."""
    return f"cabecalho.{column}" if _is_json(data) else column


def _header_line(data: bytes, column: str) -> int:
    """The line of a header field: its key in a JSON file, the first row in a CSV file."""
    text = data.decode("utf-8-sig")
    if text.lstrip()[:1] in ("{", "["):
        found = re.search(r'"' + column + r'"\s*:', text)
        return text.count("\n", 0, found.start()) + 1 if found else 1
    records = sa.parse_csv(text)
    return records[1][0] if len(records) > 1 else 1


def _answer_line(data: bytes, index: int, recommendation: str) -> int:
    """The line of an answer: where its recommendation is named (JSON), its row (CSV)."""
    text = data.decode("utf-8-sig")
    if text.lstrip()[:1] in ("{", "["):
        found = re.search(r'"recomendacao"\s*:\s*"' + re.escape(recommendation) + '"', text)
        return text.count("\n", 0, found.start()) + 1 if found else 1
    records = sa.parse_csv(text)
    return records[index + 1][0] if len(records) > index + 1 else 1


def _control_problems(document: dict, file: str, data: bytes) -> list[Problem]:
    problems = []
    for column, value in document["cabecalho"].items():
        if _CONTROL.search(value):
            problems.append(Problem(file, _header_line(data, column), 0, _header_field(data, column), MESSAGES["control"]))
    for index, answer in enumerate(document["respostas"]):
        for column, value in answer.items():
            if _CONTROL.search(value):
                problems.append(Problem(file, _answer_line(data, index, answer["recomendacao"]), 0,
                                        f"respostas[{index}].{column}" if _is_json(data) else column, MESSAGES["control"]))
    return problems


MESSAGES = {
    "suffix": "Arquivo que não é de autoavaliação: use um arquivo .json ou .csv exportado da página Autoavaliação.",
    "name": "O nome do arquivo não é o código IBGE do ente ({code}). Chame o arquivo de {code}{suffix}.",
    "twice": "Este ente já tem uma autoavaliação em {other}. Deixe um só arquivo por ente.",
    "future": "A data da avaliação ({date}) é depois da data desta construção ({moment}). Confira a data.",
    "control": "O texto tem um caractere de controle invisível. Escreva só texto.",
    "unreadable": "O arquivo não pôde ser lido ({error}).",
}


def _ente_key(code: str) -> str:
    """The same key for the two codes of the Distrito Federal (53 and Brasília's 5300108)."""
    return sa.DF_CODES[0] if code in sa.DF_CODES else code


def check(data_dir: Path, strategy, moment: datetime | None) -> tuple[tuple[Assessment, ...], list[Problem]]:
    """The assessments of ``data_dir/autoavaliacoes/`` and every problem found there (``moment``
    None: the rule on the date of the assessment is left out, for a model read without a build)."""
    data_dir = Path(data_dir)
    folder = data_dir / FOLDER
    if not folder.is_dir():
        return (), []
    root = data_dir.parent
    schema = sa.json_schema(strategy)
    problems: list[Problem] = []
    found: dict[str, Assessment] = {}
    for path in sorted(folder.iterdir()):
        file = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        if path.name.startswith(".") or path.name == EXPLANATION:
            continue
        if path.suffix not in SUFFIXES or not path.is_file():
            problems.append(Problem(file, 0, 0, "", MESSAGES["suffix"]))
            continue
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.append(Problem(file, 0, 0, "", MESSAGES["unreadable"].format(error=error.strerror or error)))
            continue
        document = sa.quick_document(data, strategy, schema)
        if document is None:
            problems += sa.validate(file, data, strategy)
            continue
        assessment = _assessment(document, file)
        these = _control_problems(document, file, data)
        line = _header_line(data, "ente_codigo_ibge")
        if path.stem != assessment.code:
            these.append(Problem(file, line, 0, _header_field(data, "ente_codigo_ibge"),
                                 MESSAGES["name"].format(code=assessment.code, suffix=path.suffix)))
        ente = _ente_key(assessment.code)
        if ente in found:
            these.append(Problem(file, line, 0, _header_field(data, "ente_codigo_ibge"), MESSAGES["twice"].format(other=found[ente].source_file)))
        if moment is not None and assessment.date > moment.date().isoformat():
            these.append(Problem(file, _header_line(data, "data_avaliacao"), 0, _header_field(data, "data_avaliacao"),
                                 MESSAGES["future"].format(date=assessment.date, moment=_date_br(moment.date().isoformat()))))
        problems += these
        if not these:
            found[ente] = assessment
    if problems:
        return (), problems
    return tuple(sorted(found.values(), key=lambda a: (len(a.code), a.code))), []
