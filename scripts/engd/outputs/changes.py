"""Output: what changed in the data — the page ``/mudancas/`` and its Atom feed ``/mudancas.xml``.

Input: the model's ``Strategy.changes`` and the ``BuildContext``. Output: the page (newest change
first, each with the items it touched) and the feed (RFC 4287). Every date comes from the entries,
never from the clock, so the same data gives the same bytes. Links in the feed are absolute when the
site's address is known, else relative to the feed, which sits at the site's root.
"""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from .. import urls
from ..changelog import items_text
from ..context import BuildContext
from ..model import Strategy
from . import Published
from .pages import Renderer

_ATOM = "http://www.w3.org/2005/Atom"


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


def feed(strategy: Strategy, site_url: str | None) -> str:
    """The Atom feed of the changelog, newest entry first."""
    ET.register_namespace("", _ATOM)
    root = ET.Element(f"{{{_ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "pt-BR"})
    name = strategy.identity.site_name
    _text(root, "id", _identifier(strategy, "mudancas"))
    _text(root, "title", f"Mudanças nos dados — {name}")
    _text(root, "subtitle", f"O que mudou nos dados da {strategy.act.short_name} publicados neste site.")
    changes = sorted(strategy.changes, key=lambda c: c.date, reverse=True)
    _text(root, "updated", _timestamp(changes[0].date) if changes else _timestamp(strategy.act.publication.date))
    author = ET.SubElement(root, f"{{{_ATOM}}}author")
    _text(author, "name", f"Mantenedores de {name}")
    _link(root, urls.href(urls.FEED, urls.FEED, site_url), "self", "application/atom+xml")
    _link(root, urls.href(urls.FEED, urls.CHANGES, site_url), "alternate", "text/html")
    for change in changes:
        entry = ET.SubElement(root, f"{{{_ATOM}}}entry")
        _text(entry, "id", _identifier(strategy, f"mudanca:{change.id}"))
        _text(entry, "title", change.title)
        _text(entry, "updated", _timestamp(change.date))
        _text(entry, "published", _timestamp(change.date))
        _link(entry, urls.href(urls.FEED, urls.change(change.id), site_url), "alternate", "text/html")
        _text(entry, "summary", f"{change.description} Itens afetados: {items_text(change)}.", type="text")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def publish(strategy: Strategy, context: BuildContext) -> list[Published]:
    page = Renderer(strategy, context).page(
        urls.CHANGES, "mudancas.md.j2", "Mudanças", "data/mudancas.yml", menu=("Mudanças",),
        changes=sorted(strategy.changes, key=lambda c: c.date, reverse=True))
    return [page, Published(urls.FEED, feed(strategy, context.site_url))]
