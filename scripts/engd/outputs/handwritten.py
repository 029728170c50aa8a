"""Output: the hand-written pages of ``docs/`` (about, accessibility, privacy), as the menu lists them.

Input: the model, whose identity lists the (title, Markdown file) pairs of ``paginas`` in
``data/site.yml``. Output: one ``Published`` page
each, with no content (the engine reads the file from ``docs/``): its address, its place in the
menu after the generated pages, and its inclusion in the site's search. Nothing here reads files.
"""
from __future__ import annotations

from .. import urls
from ..context import BuildContext
from . import Page, Published


def publish(strategy, context: BuildContext) -> list[Published]:
    return [Published(urls.address_of(source), None, page=Page(title, f"docs/{source}", (title,), search=True))
            for title, source in strategy.identity.pages]
