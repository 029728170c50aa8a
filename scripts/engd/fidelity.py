"""The official text as published, parsed from the DOU source file, and its comparison with the data.

Input: the source text (``data/fontes/*.txt``, a copy of the Diário Oficial da União page) and the
loaded documents. Output: ``Source`` (what the publication says) and problems wherever an official
text in the data differs from it after whitespace normalisation, or where the data misses,
adds or reorders an objective or recommendation. It never edits either side.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .load import Document
from .problems import Problem

_HEADER = re.compile(r"^Publicado em: (\d{2})/(\d{2})/(\d{4}) \| Edição: (\d+) \| Seção: (\d+) \| Página: (\d+)$")
_ARTICLE = re.compile(r"^(Art\. \d+º) (.+)$")
_OBJECTIVE = re.compile(r"^(\d+)\. Objetivo: (.+)$")
_RECOMMENDATION = re.compile(r"^(\d+\.\d+) (.+)$")


def normalise(text: str) -> str:
    return " ".join(str(text).split())


@dataclass(frozen=True)
class SourceObjective:
    number: int
    text: str
    recommendations: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Source:
    publication: dict
    body: str
    title: str
    summary: str
    preamble: str
    articles: tuple[tuple[str, str], ...]
    signatory: str
    annex_title: str
    addressees: str
    objectives: tuple[SourceObjective, ...]


def parse_source(text: str) -> Source:
    """Parse the DOU text. Raises ValueError (in Portuguese) when its layout is not recognised."""
    lines = [normalise(line) for line in text.splitlines() if line.strip()]
    header = next((_HEADER.match(line) for line in lines if _HEADER.match(line)), None)
    if not header:
        raise ValueError("a fonte não tem a linha “Publicado em: ... | Edição: ... | Seção: ... | Página: ...”")
    day, month, year, edition, section, page = header.groups()
    publication = {"data": f"{year}-{month}-{day}", "edicao": int(edition), "secao": int(section), "pagina": int(page)}
    body = next((line.removeprefix("Órgão: ") for line in lines if line.startswith("Órgão: ")), "")
    try:
        title_at = next(i for i, line in enumerate(lines) if re.match(r"^[A-ZÀ-ÖØ-Ý]+ [A-ZÀ-ÖØ-Ý/]+ Nº ", line))
        annex_at = lines.index("ANEXO")
    except (StopIteration, ValueError):
        raise ValueError("a fonte não tem o título do ato ou a palavra ANEXO numa linha própria") from None
    objectives: list[list] = []
    addressees = ""
    for line in lines[annex_at + 2:]:
        if match := _OBJECTIVE.match(line):
            objectives.append([int(match[1]), match[2], []])
        elif match := _RECOMMENDATION.match(line):
            if not objectives:
                raise ValueError(f"recomendação {match[1]} antes do primeiro objetivo na fonte")
            objectives[-1][2].append((match[1], match[2]))
        elif line.endswith(":"):
            addressees = line.rstrip(":")
    head = lines[title_at + 1:annex_at]
    articles = tuple((m[1], m[2]) for m in map(_ARTICLE.match, head) if m)
    return Source(
        publication=publication,
        body=body,
        title=lines[title_at],
        summary=head[0],
        preamble=head[1],
        articles=articles,
        signatory=head[-1],
        annex_title=lines[annex_at + 1],
        addressees=addressees,
        objectives=tuple(SourceObjective(n, t, tuple(r)) for n, t, r in objectives),
    )


def _differ(document: Document, path: tuple, data_text, source_text: str, label: str) -> list[Problem]:
    if not isinstance(data_text, str) or normalise(data_text) == normalise(source_text):
        return []
    a, b = normalise(data_text), normalise(source_text)
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return [document.problem(path, f"{label} difere da fonte oficial a partir do caractere {at + 1}: "
                                   f"dados “…{a[max(0, at - 15):at + 15]}…”, fonte “…{b[max(0, at - 15):at + 15]}…”.")]


def compare_act(act: Document, source: Source) -> list[Problem]:
    value = act.value
    problems: list[Problem] = []
    for key, text, label in [("titulo_oficial", source.title, "o título"), ("ementa", source.summary, "a ementa"),
                             ("preambulo", source.preamble, "o preâmbulo")]:
        problems += _differ(act, (key,), value.get(key), text, label)
    problems += _differ(act, ("signatario", "nome"), value.get("signatario", {}).get("nome"), source.signatory, "o nome do signatário")
    annex = value.get("anexo", {})
    problems += _differ(act, ("anexo", "titulo_oficial"), annex.get("titulo_oficial"), source.annex_title, "o título do Anexo")
    problems += _differ(act, ("anexo", "destinatarios"), annex.get("destinatarios"), source.addressees, "os destinatários")
    publication = value.get("publicacao", {})
    problems += _differ(act, ("publicacao", "orgao"), publication.get("orgao"), source.body, "o órgão")
    for key, expected in source.publication.items():
        if publication.get(key) != expected:
            problems.append(act.problem(("publicacao", key), f"difere da fonte oficial, que diz {expected}."))
    articles = value.get("artigos", [])
    if len(articles) != len(source.articles):
        problems.append(act.problem(("artigos",), f"a fonte tem {len(source.articles)} artigos e os dados, {len(articles)}."))
    for i, (article, (label, text)) in enumerate(zip(articles, source.articles)):
        problems += _differ(act, ("artigos", i, "rotulo"), article.get("rotulo"), label, "o rótulo do artigo")
        problems += _differ(act, ("artigos", i, "texto_oficial"), article.get("texto_oficial"), text, f"o texto do {label}")
    return problems


def compare_objectives(objectives: list[Document], source: Source, source_file: str, present: set[int]) -> list[Problem]:
    """Compare valid objective documents with the source's annex. ``present``: numbers of every
    objective file, valid or not, so that an invalid file is not also reported as missing."""
    problems: list[Problem] = []
    by_number = {o.number: o for o in source.objectives}
    seen = set()
    for document in objectives:
        number = document.value.get("numero")
        expected = by_number.get(number)
        if expected is None:
            problems.append(document.problem(("numero",), f"a fonte oficial não tem objetivo {number}."))
            continue
        seen.add(number)
        problems += _differ(document, ("texto_oficial",), document.value.get("texto_oficial"), expected.text,
                            f"o texto oficial do objetivo {number}")
        source_recs = dict(expected.recommendations)
        data_ids = []
        for i, item in enumerate(document.value.get("recomendacoes") or []):
            rec_id = item.get("numero") if isinstance(item, dict) else None
            if rec_id in data_ids:
                continue  # a repeated number is a numbering problem, reported by validate
            data_ids.append(rec_id)
            if rec_id not in source_recs:
                problems.append(document.problem(("recomendacoes", i, "numero"), f"a fonte oficial não tem a recomendação {rec_id}."))
                continue
            problems += _differ(document, ("recomendacoes", i, "texto_oficial"), item.get("texto_oficial"),
                                source_recs[rec_id], f"o texto oficial da recomendação {rec_id}")
        missing = [rec_id for rec_id, _ in expected.recommendations if rec_id not in data_ids]
        if missing:
            problems.append(document.problem(("recomendacoes",), f"faltam recomendações que estão na fonte oficial: {', '.join(missing)}."))
    for objective in source.objectives:
        if objective.number not in seen and objective.number not in present:
            problems.append(Problem(source_file, 0, 0, "", f"o objetivo {objective.number} da fonte oficial não está nos dados."))
    return problems
