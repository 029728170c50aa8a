"""How to cite the act and any single item: ABNT NBR 6023 references and the derived LexML URN.

Input: the model (``Act``, ``Objective``, ``Recommendation``) and the site's address (or None). Output: text.
Every part of a reference comes from the act's data (bodies, kind, acronym, number, dates,
summary, journal, edition, section, page); only what the data cannot hold is fixed here: the
jurisdiction and the place of publication of each known official journal. The pattern, for a
recommendation (ABNT NBR 6023:2018, legislation published in an official journal):

    BRASIL. <órgão>. <órgão>. <Tipo> <SIGLA> nº <número>, de <data por extenso>. <Ementa>
    <Diário>: seção <s>, <local>, n. <edição>, p. <página>, <dia> <mês abreviado> <ano>. Anexo, item 3.7.

When the site's address is known, the box also gives the online form ABNT NBR 6023 asks of documents
consulted on the web: the reference, then ``Disponível em: <endereço>. Acesso em: 1 dez. 2026.``
(the access date is the build's moment). Each objective and recommendation also carries its
version-pinned identifier (``PREFIXO/3.7``, ``Strategy.pinned_id``).

The LexML URN (RFC 9676, namespace ``lex``) is *derived* by us from the grammar and is not an
official identifier: pages must label it so. Fragments name parts with LexML component codes
joined by ``_`` from the outside in: the act's single annex is ``anx1``, an objective is item N
of the annex (``anx1_ite3``) and a recommendation is item M inside it (``anx1_ite3_ite7``).
``ite3-7`` is never written: in LexML a hyphen adds a letter suffix, so it would mean "item 3-G".
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from . import urls
from .model import Act, Norm, Objective, Recommendation, Strategy

# What an official journal's data does not say: whose law it publishes and where it is published.
_JOURNALS = {
    "Diário Oficial da União": ("BRASIL", "Brasília, DF"),
}
_MONTHS_ABNT = ["jan.", "fev.", "mar.", "abr.", "maio", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."]
_MONTHS = ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"]
# Joining words LexML leaves out of authority names (articles, prepositions, contractions, "e").
_JOINING_WORDS = {"a", "o", "as", "os", "e", "de", "da", "do", "das", "dos", "em", "na", "no", "nas", "nos"}
ANNEX_FRAGMENT = "anx1"


class CitationError(ValueError):
    """The act's data lacks something a reference needs; the message is in Portuguese."""


def _long_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{int(day)} de {_MONTHS[int(month) - 1]} de {year}"


def _abnt_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{int(day)} {_MONTHS_ABNT[int(month) - 1]} {year}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def act_reference(act: Act) -> str:
    """The ABNT NBR 6023 reference of the act as published in the official journal."""
    publication = act.publication
    if publication.journal not in _JOURNALS:
        raise CitationError(
            f"data/ato.yml: publicacao.veiculo: não sei citar o veículo “{publication.journal}” "
            f"(conhecidos: {', '.join(_JOURNALS)}).")
    jurisdiction, place = _JOURNALS[publication.journal]
    parts = [jurisdiction + "."]
    parts += [_sentence(body) for body in act.bodies]
    parts.append(f"{act.kind} {act.acronym} nº {act.number}, de {_long_date(act.date)}.")
    parts.append(_sentence(act.summary))
    parts.append(f"{publication.journal}: seção {publication.section}, {place}, n. {publication.edition}, "
                 f"p. {publication.page}, {_abnt_date(publication.date)}.")
    return " ".join(parts)


def online_reference(reference: str, address: str, accessed: date) -> str:
    """The ABNT NBR 6023 form for a document consulted online: the reference, where it is, when it was read."""
    return f"{reference} Disponível em: {address}. Acesso em: {_abnt_date(accessed.isoformat())}."


def objective_place(objective: Objective) -> str:
    return f"Anexo, objetivo {objective.number}."


def recommendation_place(rec: Recommendation) -> str:
    return f"Anexo, item {rec.id}."


def objective_reference(act: Act, objective: Objective) -> str:
    return f"{act_reference(act)} {objective_place(objective)}"


def recommendation_reference(act: Act, rec: Recommendation) -> str:
    return f"{act_reference(act)} {recommendation_place(rec)}"


def _urn_words(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_name)
    return ".".join(w for w in words if w not in _JOINING_WORDS)


def lexml_urn(act: Act, fragment: str | None = None) -> str:
    """The LexML URN derived from the grammar (not official): authority, kind, date;number[!fragment]."""
    authority = ";".join(_urn_words(body) for body in act.bodies)
    kind = _urn_words(act.kind)
    number = re.sub(r"\D", "", act.number)
    urn = f"urn:lex:br:{authority}:{kind}:{act.date};{number}"
    return f"{urn}!{fragment}" if fragment else urn


# Kinds of federal norms whose LexML URN uses the authority ``federal`` (``lei.complementar`` for the second).
_FEDERAL_KINDS = ("Lei", "Lei Complementar", "Decreto")


def norm_urn(norm: Norm) -> str | None:
    """The LexML URN of a federal law or decree, derived from the grammar (not official):
    ``urn:lex:br:federal:lei:2018-08-14;13709``. None for other kinds or an unknown date."""
    if norm.kind not in _FEDERAL_KINDS or not norm.date:
        return None
    return f"urn:lex:br:federal:{_urn_words(norm.kind)}:{norm.date};{re.sub(r'[^0-9]', '', norm.number)}"


def objective_fragment(objective: Objective) -> str:
    return f"{ANNEX_FRAGMENT}_ite{objective.number}"


def recommendation_fragment(rec: Recommendation) -> str:
    return f"{ANNEX_FRAGMENT}_ite{rec.objective_number}_ite{rec.number}"


@dataclass(frozen=True)
class Citation:
    """Everything the "Como citar" box shows for one item."""

    label: str
    reference: str
    path: str
    address: str
    short_address: str | None
    urn: str
    pinned_id: str | None = None  # PREFIXO/3.7; None for the act
    online: str | None = None  # the reference with "Disponível em: … Acesso em: …", when the site's address is known


def _online(reference: str, address: str, site_url: str | None, accessed: date | None) -> str | None:
    return online_reference(reference, address, accessed) if site_url and accessed else None


def for_act(strategy: Strategy, site_url: str | None, accessed: date | None = None) -> Citation:
    act = strategy.act
    reference, address = act_reference(act), urls.shown(urls.ACT, site_url)
    return Citation(act.short_name, reference, "/" + urls.ACT, address, None, lexml_urn(act),
                    online=_online(reference, address, site_url, accessed))


def for_objective(strategy: Strategy, objective: Objective, site_url: str | None, accessed: date | None = None) -> Citation:
    act = strategy.act
    path = urls.objective(objective.number)
    reference, address = objective_reference(act, objective), urls.shown(path, site_url)
    return Citation(f"Objetivo {objective.number}", reference, "/" + path,
                    address, urls.shown(urls.short_objective(objective.number), site_url),
                    lexml_urn(act, objective_fragment(objective)), strategy.pinned_id(objective),
                    _online(reference, address, site_url, accessed))


def for_recommendation(strategy: Strategy, rec: Recommendation, site_url: str | None, accessed: date | None = None) -> Citation:
    act = strategy.act
    path = urls.recommendation(rec.slug)
    reference, address = recommendation_reference(act, rec), urls.shown(path, site_url)
    return Citation(f"Recomendação {rec.id}", reference, "/" + path,
                    address, urls.shown(urls.short_recommendation(rec.id), site_url),
                    lexml_urn(act, recommendation_fragment(rec)), strategy.pinned_id(rec),
                    _online(reference, address, site_url, accessed))


def of(strategy: Strategy, item, site_url: str | None, accessed: date | None = None) -> Citation:
    """The citation of the act, an objective or a recommendation; ``accessed`` (the build's day) adds
    the online form when the site's address is known."""
    if isinstance(item, Recommendation):
        return for_recommendation(strategy, item, site_url, accessed)
    if isinstance(item, Objective):
        return for_objective(strategy, item, site_url, accessed)
    if isinstance(item, Act):
        return for_act(strategy, site_url, accessed)
    raise TypeError(f"não sei citar {type(item).__name__}")
