"""Output: the page ``/autoavaliacao/``, where a state or municipality records where it stands.

Input: the model and the ``BuildContext``. Output: the page (in the menu after the open data, read by
the site's search), rendered with ``autoavaliacao.md.j2`` from what ``engd.self_assessment`` gives
(the scale, the schemas' addresses, the browser's rules and messages). The two schema files are part
of the data package (``outputs/datapackage.py``), hence downloads of ``/dados/`` and distributions of
the DCAT catalogue. Nothing here writes files or imports MkDocs.
"""
from __future__ import annotations

from .. import self_assessment, urls
from ..context import BuildContext
from ..model import Strategy
from . import Published
from .pages import Renderer


def publish(strategy: Strategy, context: BuildContext) -> list[Published]:
    return [Renderer(strategy, context).page(
        urls.SELF_ASSESSMENT, "autoavaliacao.md.j2", self_assessment.TITLE, "data/ato.yml",
        menu=(self_assessment.TITLE,), search=True,
        # the theme's script comes with the page, not on the first key pressed: nothing is requested while filling in
        head={"engd_tema_imediato": True}, **self_assessment.page_values(strategy))]
