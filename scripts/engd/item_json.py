"""Output: the machine-readable twin of every objective and recommendation page.

Input: a ``Strategy`` (and the site's ``Addresses``). Output: one JSON document per item, at the
page's address with ``.json`` in place of the final slash:

* ``/objetivos/3/``       → ``/objetivos/3.json``
* ``/recomendacoes/3-7/`` → ``/recomendacoes/3-7.json``

These addresses are as stable as the pages. Each page announces its twin in ``<head>`` with
``<link rel="alternate" type="application/json">``. Keys are Portuguese and match the columns of the
data package (``numero``, ``texto_oficial``, ``texto_simples``...); lists are JSON arrays, absent
texts are ``null``. Addresses inside the twin are relative to the twin itself unless the site's
address is configured. The same model gives the same bytes; nothing here imports MkDocs.
"""
from __future__ import annotations

import json

from .datapackage import LICENCES, VERSION
from .model import Objective, Recommendation, Strategy
from .site_urls import Addresses

FORMAT = "engd-item/1"  # the shape of these documents; a breaking change gets a new number


def objective_json_path(number: int) -> str:
    return f"objetivos/{number}.json"


def recommendation_json_path(slug: str) -> str:
    return f"recomendacoes/{slug}.json"


def objective_page_url(number: int) -> str:
    return f"objetivos/{number}/"


def recommendation_page_url(slug: str) -> str:
    return f"recomendacoes/{slug}/"


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


def objective_document(strategy: Strategy, objective: Objective, addresses: Addresses) -> dict:
    here = objective_json_path(objective.number)
    number = objective.number
    return {
        "formato": FORMAT,
        "tipo": "objetivo",
        "numero": number,
        "texto_oficial": objective.official_text,
        "texto_simples": objective.plain_text,
        "na_pratica": list(objective.in_practice),
        "fonte": f"{strategy.act.short_name}, Anexo, objetivo {number}.",
        "recomendacoes": [
            {
                "numero": rec.id,
                "texto_oficial": rec.official_text,
                "json": addresses.href(here, recommendation_json_path(rec.slug)),
                "pagina": addresses.href(here, recommendation_page_url(rec.slug)),
            }
            for rec in objective.recommendations
        ],
        "enderecos": {
            "pagina": addresses.href(here, objective_page_url(number)),
            "anterior": addresses.href(here, objective_json_path(number - 1)) if number > 1 else None,
            "proximo": addresses.href(here, objective_json_path(number + 1)) if number < len(strategy.objectives) else None,
            "pacote_de_dados": addresses.href(here, "dados/datapackage.json"),
        },
        "ato": _act(strategy),
        "licencas": _licences(),
        "versao_dos_dados": VERSION,
    }


def recommendation_document(strategy: Strategy, rec: Recommendation, addresses: Addresses) -> dict:
    here = recommendation_json_path(rec.slug)
    themes = {t.id: t for t in strategy.themes}
    norms = {n.id: n for n in strategy.norms}
    order = strategy.recommendations
    position = strategy.recommendation_position[rec.id]
    return {
        "formato": FORMAT,
        "tipo": "recomendacao",
        "numero": rec.id,
        "objetivo": rec.objective_number,
        "ordem": rec.number,
        "texto_oficial": rec.official_text,
        "texto_simples": rec.plain_text,
        "na_pratica": list(rec.in_practice),
        "temas": [{"id": t, "nome": themes[t].name} for t in rec.theme_ids],
        "normas": [
            {"id": n, "tipo": norms[n].kind, "numero": norms[n].number, "data": norms[n].date,
             "apelido": norms[n].nickname, "endereco": norms[n].url}
            for n in rec.norm_ids
        ],
        "fonte": f"{strategy.act.short_name}, Anexo, item {rec.id}.",
        "enderecos": {
            "pagina": addresses.href(here, recommendation_page_url(rec.slug)),
            "objetivo": addresses.href(here, objective_json_path(rec.objective_number)),
            "anterior": addresses.href(here, recommendation_json_path(order[position - 1].slug)) if position > 0 else None,
            "proxima": addresses.href(here, recommendation_json_path(order[position + 1].slug)) if position + 1 < len(order) else None,
            "pacote_de_dados": addresses.href(here, "dados/datapackage.json"),
        },
        "ato": _act(strategy),
        "licencas": _licences(),
        "versao_dos_dados": VERSION,
    }


def item_files(strategy: Strategy, addresses: Addresses) -> list[tuple[str, bytes]]:
    """Every twin as (path from the site root, bytes), objectives first, in the order of the act."""
    files = [(objective_json_path(o.number), encode(objective_document(strategy, o, addresses))) for o in strategy.objectives]
    files += [(recommendation_json_path(r.slug), encode(recommendation_document(strategy, r, addresses)))
              for r in strategy.recommendations]
    return files
