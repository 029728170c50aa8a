"""Output: the federative progress view — where the entes that published a self-assessment stand.

Input: the model (``Strategy.assessments``, read and checked by ``engd.assessments``) and the
``BuildContext``. Output:

* ``/acompanhamento/`` — per objective and per recommendation, how many entes are at each status
  and their share, as bars with text and as tables (the full national table is the page without
  JavaScript); a small script (``SCRIPT``) filters by UF and by kind of ente from
  ``/acompanhamento/contagens.json`` (counts per UF and kind, same origin, declared here). With no
  assessment published, the page says so and explains how to add one;
* ``/acompanhamento/entes/`` — the list of entes by UF, and ``/acompanhamento/entes/CODIGO/`` — one
  light page per ente with its plan (status, area, planned date, evidence, notes per recommendation):
  a small HTML file of its own (``acompanhamento_ente.html.j2``: language, skip link, landmarks, the
  three colour modes, the stylesheet ``STYLESHEET``), not a page of the theme, because 5,597 pages
  through MkDocs and Material take minutes (measured: about 150 s) and the budget is 60 s.

No page is in the menu, and the site's search does not read them (``Page(menu=None, search=False)``);
``search_records`` makes a second search index (``/acompanhamento/busca-entes.json``): one record per
UF whose terms are the names of its entes. The main index only names it, and the browser fetches it
on the first query of four characters or more and adds its records to the same engine (ranked below
every item): an ente is found by its name, and the main index does not grow. ``counts`` is the one
aggregation, shared with the open-data tables (``outputs/progress_data.py``). Names come only from the files.
Nothing here writes files or imports MkDocs.
"""
from __future__ import annotations

import json
from collections import Counter

from .. import self_assessment as sa
from .. import urls
from ..context import BuildContext
from ..model import Strategy
from . import Published
from .pages import Renderer

TITLE = "Acompanhamento"
SCRIPT = "javascripts/acompanhamento.js"
STYLESHEET = "stylesheets/acompanhamento.css"
SOURCE = "data/" + "autoavaliacoes"
# The statuses in the order the tables show them; "" is an answer left blank.
STATUS_IDS: tuple[str, ...] = tuple(s.id for s in sa.STATUSES) + ("",)
STATUS_LABELS: dict[str, str] = {**{s.id: s.label for s in sa.STATUSES}, "": sa.NO_ANSWER}


def counts(assessments, recommendation_ids) -> dict[str, Counter]:
    """For each recommendation, how many of ``assessments`` are at each status ("" = no answer)."""
    found = {rec: Counter() for rec in recommendation_ids}
    for assessment in assessments:
        statuses = assessment.status_by_recommendation
        for rec in recommendation_ids:
            found[rec][statuses.get(rec, "")] += 1
    return found


def objective_counts(strategy: Strategy, by_recommendation: dict[str, Counter]) -> dict[int, Counter]:
    """For each objective, the answers (ente × recommendation) at each status."""
    return {o.number: sum((by_recommendation[r.id] for r in o.recommendations), Counter()) for o in strategy.objectives}


def share(part: int, whole: int) -> str:
    """A percentage with one decimal and a decimal comma ("12,5 %"), "—" of nothing."""
    return f"{100 * part / whole:.1f}".replace(".", ",") + " %" if whole else "—"


def _row(counter: Counter, whole: int) -> list[dict]:
    return [{"id": s or "sem-resposta", "label": STATUS_LABELS[s], "count": counter[s], "share": share(counter[s], whole),
             "width": f"{100 * counter[s] / whole:.2f}" if whole else "0"} for s in STATUS_IDS]


def groups(strategy: Strategy) -> list[dict]:
    """Counts per (UF, kind of ente), the data the page's filter adds up."""
    keyed: dict[tuple[str, str], list] = {}
    for assessment in strategy.assessments:
        keyed.setdefault((assessment.uf, assessment.kind), []).append(assessment)
    ids = [r.id for r in strategy.recommendations]
    out = []
    for (uf, kind), members in sorted(keyed.items()):
        found = counts(members, ids)
        out.append({"uf": uf, "tipo": kind, "entes": len(members),
                    "contagens": [[found[rec][s] for s in STATUS_IDS] for rec in ids]})
    return out


def counts_json(strategy: Strategy) -> bytes:
    document = {"situacoes": [s or "sem-resposta" for s in STATUS_IDS],
                "recomendacoes": [r.id for r in strategy.recommendations],
                "objetivos": [[strategy.recommendation_position[r.id] for r in o.recommendations] for o in strategy.objectives],
                "grupos": groups(strategy)}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def search_records(strategy: Strategy) -> list:
    """One search record per UF: found by the names of its entes, pointing to its list of entes."""
    from .search_index import Record

    by_uf: dict[str, list] = {}
    for assessment in strategy.assessments:
        by_uf.setdefault(assessment.uf, []).append(assessment)
    return [Record(urls.progress_ente_anchor(uf), f"Autoavaliações publicadas: {uf}", "ente", "", TITLE,
                   (f"{len(members)} entes de {uf} publicaram a sua autoavaliação.",),
                   {"titulo": [uf], "extra": [a.name for a in members]})
            for uf, members in sorted(by_uf.items())]


def _one_line(answer):
    """An answer whose texts fit in a table cell (a line break of the notes becomes a space)."""
    from dataclasses import replace

    return replace(answer, **{name: " ".join(getattr(answer, name).split())
                              for name in ("area", "evidence", "notes")})


def publish(strategy: Strategy, context: BuildContext) -> list[Published]:
    renderer = Renderer(strategy, context)
    assessments = strategy.assessments
    ids = [r.id for r in strategy.recommendations]
    by_recommendation = counts(assessments, ids)
    by_objective = objective_counts(strategy, by_recommendation)
    n = len(assessments)
    kinds = Counter(a.kind for a in assessments)
    values = dict(
        assessments=assessments, total=n, kinds=sa.KINDS, kind_counts=kinds, statuses=sa.STATUSES,
        status_labels=[STATUS_LABELS[s] for s in STATUS_IDS],
        ufs=sorted({a.uf for a in assessments}),
        recommendation_rows=[(r, _row(by_recommendation[r.id], n)) for r in strategy.recommendations],
        objective_rows=[(o, _row(by_objective[o.number], n * len(o.recommendations))) for o in strategy.objectives],
        script=SCRIPT, stylesheet=STYLESHEET, counts_file=urls.PROGRESS_COUNTS,
        package=urls.progress_file("datapackage.json"), source_folder=SOURCE,
    )
    files = [renderer.page(urls.PROGRESS, "acompanhamento.md.j2", TITLE, SOURCE, **values)]
    if not assessments:
        return files
    files.append(Published(urls.PROGRESS_COUNTS, counts_json(strategy)))
    from .search_index import index_document

    files.append(Published(urls.PROGRESS_SEARCH, index_document(search_records(strategy))))
    by_uf: dict[str, list] = {}
    for assessment in assessments:
        by_uf.setdefault(assessment.uf, []).append(assessment)
    files.append(renderer.page(urls.PROGRESS_ENTES, "acompanhamento_entes.md.j2", "Entes com autoavaliação publicada",
                               SOURCE, by_uf=sorted(by_uf.items(), key=lambda pair: pair[1][0].code[:2])))
    labels = dict(STATUS_LABELS)
    template = renderer.environment.get_template("acompanhamento_ente.html.j2")
    for assessment in assessments:
        here = urls.progress_ente(assessment.code)
        rows = [(strategy.recommendation_by_id[a.recommendation], labels[a.status], _one_line(a),
                 urls.relative(here, urls.recommendation(strategy.recommendation_by_id[a.recommendation].slug)))
                for a in assessment.answers]
        files.append(Published(here, template.render(
            ente=assessment, rows=rows, summary=_row(Counter(a.status for a in assessment.answers), len(ids)),
            site_name=strategy.identity.site_name, root=urls.relative(here, urls.HOME), stylesheet=STYLESHEET,
            back=urls.relative(here, urls.PROGRESS), listing=urls.relative(here, urls.PROGRESS_ENTES))))
    return files
