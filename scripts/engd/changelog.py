"""The changelog (``data/mudancas.yml``): its rules, each item's last change, and the Atom feed.

Input: the loaded changelog document (for ``check``) or the model's ``Strategy.changes``.
Output: problems (items that do not exist, entries out of order), the newest change that touched
an item, and the feed ``/mudancas.xml`` (RFC 4287). Every date comes from the entries, never from
the clock, so the same data gives the same bytes. An entry's ``itens`` name what changed:
``todos`` (everything), ``ato`` (the act's own text), an objective (``3``) or a recommendation
(``3.7``). This module does not import the model, because the validator imports it.
"""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .load import Document
    from .model import Change, Strategy
    from .settings import SiteSettings

ALL = "todos"
ACT = "ato"
FEED_PATH = "mudancas.xml"
PAGE_PATH = "mudancas.md"
_ATOM = "http://www.w3.org/2005/Atom"


def _known_items(objectives: list) -> set[str]:
    known = {ALL, ACT}
    for document in objectives:
        known.add(str(document.value["numero"]))
        known.update(item["numero"] for item in document.value["recomendacoes"])
    return known


def check(document: Document | None, objectives: list) -> list[Problem]:
    """Problems of a schema-valid changelog: unknown items; entries not from newest to oldest."""
    if document is None:
        return []
    problems: list[Problem] = []
    known = _known_items(objectives)
    entries = document.value["mudancas"]
    for i, entry in enumerate(entries):
        for j, item in enumerate(entry["itens"]):
            if item not in known:
                problems.append(document.problem(("mudancas", i, "itens", j),
                                                 f"o item “{item}” não existe (use todos, ato, o número de um objetivo ou de uma recomendação)."))
        if i and entry["data"] > entries[i - 1]["data"]:
            problems.append(document.problem(("mudancas", i, "data"),
                                             f"as mudanças vão da mais recente para a mais antiga: {entry['data']} é posterior a {entries[i - 1]['data']}, da entrada anterior."))
    return problems


def affects(change: Change, item: str) -> bool:
    return ALL in change.items or item in change.items


def last_change(strategy: Strategy, item: str) -> Change | None:
    """The newest change that touched ``item`` ("ato", "3" or "3.7"), or None."""
    touching = [c for c in strategy.changes if affects(c, item)]
    return max(touching, key=lambda c: c.date, default=None)


def item_label(item: str) -> str:
    if item == ALL:
        return "todos os itens"
    if item == ACT:
        return "o texto do ato"
    return f"recomendação {item}" if "." in item else f"objetivo {item}"


def items_text(change: Change) -> str:
    labels = [item_label(i) for i in change.items]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " e " + labels[-1]


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _identifier(strategy: Strategy, name: str) -> str:
    """A permanent id that does not depend on where the site is hosted (RFC 4122 name-based UUID)."""
    act = strategy.act
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"engd:{act.kind}:{act.acronym}:{act.number}:{act.date}:{name}"))


def _link(parent, href: str, rel: str, kind: str | None = None) -> None:
    attributes = {"rel": rel, "href": href}
    if kind:
        attributes["type"] = kind
    ET.SubElement(parent, f"{{{_ATOM}}}link", attributes)


def _text(parent, tag: str, value: str, **attributes) -> None:
    element = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attributes)
    element.text = value


def _href(settings: SiteSettings, path: str) -> str:
    """Absolute when the site address is known; else relative to the feed, which sits at the root."""
    return settings.address("/" + path) if settings.site_url else path


def feed(strategy: Strategy, settings: SiteSettings) -> str:
    """The Atom feed of the changelog, newest entry first."""
    ET.register_namespace("", _ATOM)
    root = ET.Element(f"{{{_ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "pt-BR"})
    name = settings.site_name or strategy.act.short_name
    _text(root, "id", _identifier(strategy, "mudancas"))
    _text(root, "title", f"Mudanças nos dados — {name}")
    _text(root, "subtitle", f"O que mudou nos dados da {strategy.act.short_name} publicados neste site.")
    changes = sorted(strategy.changes, key=lambda c: c.date, reverse=True)
    _text(root, "updated", _timestamp(changes[0].date) if changes else _timestamp(strategy.act.publication.date))
    author = ET.SubElement(root, f"{{{_ATOM}}}author")
    _text(author, "name", f"Mantenedores de {name}")
    _link(root, _href(settings, FEED_PATH), "self", "application/atom+xml")
    _link(root, _href(settings, "mudancas/"), "alternate", "text/html")
    for change in changes:
        entry = ET.SubElement(root, f"{{{_ATOM}}}entry")
        _text(entry, "id", _identifier(strategy, f"mudanca:{change.id}"))
        _text(entry, "title", change.title)
        _text(entry, "updated", _timestamp(change.date))
        _text(entry, "published", _timestamp(change.date))
        _link(entry, _href(settings, f"mudancas/#{change.id}"), "alternate", "text/html")
        _text(entry, "summary", f"{change.description} Itens afetados: {items_text(change)}.", type="text")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
