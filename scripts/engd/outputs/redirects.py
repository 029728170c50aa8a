"""Static redirect pages: short addresses (``/3/``, ``/3.7/``) and addresses that moved.

Input: the model, the ``BuildContext`` and the moves of the address registry (``old -> new``,
``data/enderecos.txt``). Output: one small page per address, that sends the reader on with
``<meta http-equiv="refresh" content="0; url=...">``, names the real page with
``<link rel="canonical">`` (absolute when the site address is configured) and shows a visible
link for readers whose browser does not follow the refresh. Targets are written relative to the
redirect page, so the pages work wherever the site is hosted. Nothing here needs a server.

After the build it writes ``urls.SHORTCUTS``, the list of items and sections (address from the
root, title) that the 404 page reads to propose the right address for a near miss (``/3-7/``,
``/objetivo/3``). It sits beside that page's script and is data for it, not an
address people cite, so it is not in the address registry.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

from .. import addresses, urls
from ..context import BuildContext
from ..model import Strategy
from . import AfterBuild, Published

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


def page(source: str, target: str, title: str, text: str, site_url: str | None) -> str:
    """The redirect page at address ``source`` that leads to address ``target``."""
    relative = urls.relative(source, target)
    canonical = urls.absolute(target, site_url) if site_url else relative
    return _PAGE.format(
        title=html.escape(title), canonical=html.escape(canonical, quote=True),
        relative=html.escape(relative, quote=True), text=html.escape(text), shown=html.escape(urls.shown(target, site_url)))


def short_addresses(strategy: Strategy) -> dict[str, tuple[str, str]]:
    """``{short address: (canonical address, title)}`` for every objective and recommendation."""
    pairs: dict[str, tuple[str, str]] = {}
    for objective in strategy.objectives:
        pairs[urls.short_objective(objective.number)] = (urls.objective(objective.number), f"Objetivo {objective.number}")
    for rec in strategy.recommendations:
        pairs[urls.short_recommendation(rec.id)] = (urls.recommendation(rec.slug), f"Recomendação {rec.id}")
    return pairs


def _short_text(title: str) -> str:
    article = "da" if title.startswith("Recomendação") else "do"
    return f"Endereço curto {article} {title[0].lower()}{title[1:]}: siga para"


def publish(strategy: Strategy, context: BuildContext) -> list:
    """Every redirect page (its address is the file that serves it: ``3.7/index.html``), and the step
    that writes the list of items for the 404 page."""
    registry, _ = addresses.load(context.data_dir)  # its problems stop the build in ``engd check``
    site_url = context.site_url
    written = [Published(short, page(short, target, title, _short_text(title), site_url))
               for short, (target, title) in short_addresses(strategy).items()]
    written += [Published(old.lstrip("/"), page(old.lstrip("/"), new.lstrip("/"), "Página movida",
                                                "Esta página mudou de endereço. Siga para", site_url))
                for old, new in registry.moves.items()]
    return written + [AfterBuild("endereços para a página não encontrada", lambda site_dir: write_shortcuts(strategy, site_dir))]


def write_shortcuts(strategy: Strategy, site_dir: Path) -> list[str]:
    """Write ``urls.SHORTCUTS`` into the built site. Returns [] or problems in Portuguese."""
    target = Path(site_dir) / urls.SHORTCUTS
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(shortcuts(strategy), encoding="utf-8")
    except OSError as error:
        return [f"página não encontrada: não foi possível gravar {urls.SHORTCUTS} ({type(error).__name__}: {error})."]
    return []


# Sections a near miss may name in other words (``/objetivo/``, ``/dados-abertos/``).
_SECTIONS = (("Objetivos", urls.OBJECTIVES), ("Recomendações", urls.RECOMMENDATIONS), ("Glossário", urls.GLOSSARY),
             ("Temas", urls.THEMES), ("Normas citadas", urls.NORMS), ("Dados abertos", urls.DATA),
             ("A portaria", urls.ACT), ("Versão para imprimir", urls.PRINTABLE), ("Mudanças", urls.CHANGES),
             ("Autoavaliação", urls.SELF_ASSESSMENT))


def shortcuts(strategy: Strategy) -> str:
    """The JSON the 404 page reads: every item by number, and the sections, with their addresses."""
    items = [{"numero": str(o.number), "titulo": f"Objetivo {o.number}", "endereco": urls.objective(o.number)}
             for o in strategy.objectives]
    items += [{"numero": r.id, "titulo": f"Recomendação {r.id}", "endereco": urls.recommendation(r.slug)}
              for r in strategy.recommendations]
    sections = [{"titulo": title, "endereco": address} for title, address in _SECTIONS]
    return json.dumps({"itens": items, "secoes": sections}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
