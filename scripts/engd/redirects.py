"""Static redirect pages: short addresses (``/3/``, ``/3.7/``) and addresses that moved.

Input: the model, ``SiteSettings`` and the moves of the address registry (``old -> new``).
Output: ``{path in the site: HTML}``, one small page per address, that sends the reader on with
``<meta http-equiv="refresh" content="0; url=...">``, names the real page with
``<link rel="canonical">`` (absolute when the site address is configured) and shows a visible
link for readers whose browser does not follow the refresh. Targets are written relative to the
redirect page, so the pages work wherever the site is hosted. Nothing here needs a server.
"""
from __future__ import annotations

import html
import posixpath

from .addresses import file_for
from .model import Strategy
from .settings import SiteSettings

_PAGE = """<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={relative}">
</head>
<body>
<main>
<h1>{title}</h1>
<p>{text} <a href="{relative}">{shown}</a>.</p>
</main>
</body>
</html>
"""


def relative_url(source: str, target: str) -> str:
    """The link from the page at address ``source`` to address ``target`` (both from the root)."""
    source_dir = source if source.endswith("/") else posixpath.dirname(source) + "/"
    relative = posixpath.relpath(target, source_dir)
    return relative + "/" if target.endswith("/") and not relative.endswith("/") else relative


def page(source: str, target: str, title: str, text: str, settings: SiteSettings) -> str:
    relative = relative_url(source, target)
    canonical = settings.address(target) if settings.site_url else relative
    return _PAGE.format(
        title=html.escape(title), canonical=html.escape(canonical, quote=True),
        relative=html.escape(relative, quote=True), text=html.escape(text), shown=html.escape(settings.address(target)))


def short_addresses(strategy: Strategy) -> dict[str, tuple[str, str]]:
    """``{short address: (canonical address, title)}`` for every objective and recommendation."""
    pairs: dict[str, tuple[str, str]] = {}
    for objective in strategy.objectives:
        pairs[f"/{objective.number}/"] = (f"/objetivos/{objective.number}/", f"Objetivo {objective.number}")
    for rec in strategy.recommendations:
        pairs[f"/{rec.id}/"] = (f"/recomendacoes/{rec.slug}/", f"Recomendação {rec.id}")
    return pairs


def _short_text(title: str) -> str:
    article = "da" if title.startswith("Recomendação") else "do"
    return f"Endereço curto {article} {title[0].lower()}{title[1:]}: siga para"


def files(strategy: Strategy, settings: SiteSettings, moves: dict[str, str] | None = None) -> dict[str, str]:
    """Every redirect page: ``{file path in the site: HTML}``."""
    written: dict[str, str] = {}
    for short, (target, title) in short_addresses(strategy).items():
        written[file_for(short)] = page(short, target, title, _short_text(title), settings)
    for old, new in (moves or {}).items():
        written[file_for(old)] = page(old, new, "Página movida", "Esta página mudou de endereço. Siga para", settings)
    return written
