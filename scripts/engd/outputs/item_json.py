"""Output: the machine-readable twin of every objective and recommendation page.

Input: a ``Strategy`` and the ``BuildContext`` (the site's address, when known). Output: one JSON
document per item, at the page's address with ``.json`` in place of the final slash (``urls``):

* ``/objetivos/3/``       → ``/objetivos/3.json``
* ``/recomendacoes/3-7/`` → ``/recomendacoes/3-7.json``

These addresses are as stable as the pages. Each twin is declared as an alternate of its page, which
announces it in ``<head>`` with ``<link rel="alternate" type="application/json">``. Keys are Portuguese and match the columns of the
data package (``numero``, ``texto_oficial``, ``texto_simples``...); ``identificador_versionado`` is the
identifier pinned to this version of the strategy (``PREFIXO/3.7``); lists are JSON arrays, absent
texts are ``null``. Addresses inside the twin are relative to the twin itself unless the site's
address is configured. The same model gives the same bytes; nothing here imports MkDocs.
"""
from __future__ import annotations

import json

from .. import citation, urls
from ..context import BuildContext
from ..model import Objective, Recommendation, Strategy
from . import Published
from .datapackage import DESCRIPTOR, LICENCES, VERSION

FORMAT = "engd-item/1"  # the shape of these documents; a breaking change gets a new number


def encode(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _act(strategy: Strategy) -> dict:
    act, publication = strategy.act, strategy.act.publication
    return {
        "nome": act.short_name,
        "tipo": act.kind,
        "numero": act.number,
        "data": act.date,
        "ementa": act.summary,
        "publicacao": {
            "veiculo": publication.journal,
            "data": publication.date,
            "edicao": publication.edition,
            "secao": publication.section,
            "pagina": publication.page,
            "endereco": publication.url,
        },
    }


def _licences() -> dict:
    return {"texto_oficial": LICENCES["dominio-publico"], "textos_do_projeto": LICENCES["cc-by"]}


def objective_document(strategy: Strategy, objective: Objective, site_url: str | None) -> dict:
    here = urls.objective_json(objective.number)
    number = objective.number
    return {
        "formato": FORMAT,
        "tipo": "objetivo",
        "numero": number,
        "identificador_versionado": strategy.pinned_id(objective),
        "texto_oficial": objective.official_text,
        "texto_simples": objective.plain_text,
        "na_pratica": list(objective.in_practice),
        "fonte": f"{strategy.act.short_name}, Anexo, objetivo {number}.",
        "recomendacoes": [
            {
                "numero": rec.id,
                "texto_oficial": rec.official_text,
                "json": urls.href(here, urls.recommendation_json(rec.slug), site_url),
                "pagina": urls.href(here, urls.recommendation(rec.slug), site_url),
            }
            for rec in objective.recommendations
        ],
        "enderecos": {
            "pagina": urls.href(here, urls.objective(number), site_url),
            "anterior": urls.href(here, urls.objective_json(number - 1), site_url) if number > 1 else None,
            "proximo": urls.href(here, urls.objective_json(number + 1), site_url) if number < len(strategy.objectives) else None,
            "pacote_de_dados": urls.href(here, urls.data_file(DESCRIPTOR), site_url),
        },
        "ato": _act(strategy),
        "licencas": _licences(),
        "versao_dos_dados": VERSION,
    }


def recommendation_document(strategy: Strategy, rec: Recommendation, site_url: str | None) -> dict:
    here = urls.recommendation_json(rec.slug)
    themes = {t.id: t for t in strategy.themes}
    norms = {n.id: n for n in strategy.norms}
    order = strategy.recommendations
    position = strategy.recommendation_position[rec.id]
    return {
        "formato": FORMAT,
        "tipo": "recomendacao",
        "numero": rec.id,
        "identificador_versionado": strategy.pinned_id(rec),
        "objetivo": rec.objective_number,
        "ordem": rec.number,
        "texto_oficial": rec.official_text,
        "texto_simples": rec.plain_text,
        "na_pratica": list(rec.in_practice),
        "temas": [{"id": t, "nome": themes[t].name} for t in rec.theme_ids],
        "normas": [
            {"id": n, "tipo": norms[n].kind, "numero": norms[n].number, "data": norms[n].date,
             "apelido": norms[n].nickname, "endereco": norms[n].url, "urn_lexml_derivada": citation.norm_urn(norms[n])}
            for n in rec.norm_ids
        ],
        "fonte": f"{strategy.act.short_name}, Anexo, item {rec.id}.",
        "enderecos": {
            "pagina": urls.href(here, urls.recommendation(rec.slug), site_url),
            "objetivo": urls.href(here, urls.objective_json(rec.objective_number), site_url),
            "anterior": urls.href(here, urls.recommendation_json(order[position - 1].slug), site_url) if position > 0 else None,
            "proxima": urls.href(here, urls.recommendation_json(order[position + 1].slug), site_url) if position + 1 < len(order) else None,
            "pacote_de_dados": urls.href(here, urls.data_file(DESCRIPTOR), site_url),
        },
        "ato": _act(strategy),
        "licencas": _licences(),
        "versao_dos_dados": VERSION,
    }


_TWIN_TITLE = "Dados desta página em JSON"


def publish(strategy: Strategy, context: BuildContext) -> list[Published]:
    """Every twin, objectives first, in the order of the act, each declared as its page's alternate."""
    site_url = context.site_url
    files = [Published(urls.objective_json(o.number), encode(objective_document(strategy, o, site_url)),
                       alternate_of=urls.objective(o.number), alternate_type="application/json", alternate_title=_TWIN_TITLE)
             for o in strategy.objectives]
    files += [Published(urls.recommendation_json(r.slug), encode(recommendation_document(strategy, r, site_url)),
                        alternate_of=urls.recommendation(r.slug), alternate_type="application/json", alternate_title=_TWIN_TITLE)
              for r in strategy.recommendations]
    return files
