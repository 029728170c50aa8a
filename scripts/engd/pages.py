"""Output: the site's pages as Markdown, generated from the model.

Input: a ``Strategy``. Output: ``Page`` descriptors (path under ``docs/``, title, Markdown, the
YAML file it comes from), rendered with the Jinja templates in ``templates/``. Paths are the
stable addresses: ``objetivos/3.md`` is served at ``/objetivos/3/`` and ``recomendacoes/3-7.md``
at ``/recomendacoes/3-7/``. Data text is escaped so that it reads as text, never as Markdown or
HTML. This module knows nothing about MkDocs; ``render_tree`` writes the same pages to a folder.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from .model import Strategy

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|])")
_MONTHS = ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"]


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    markdown: str
    source_file: str


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as it is: HTML is escaped, Markdown punctuation backslashed."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))
    return re.sub(r"^(\s*)([-+>]|\d+\.)(\s)", r"\1\\\2\3", escaped)


def date_br(iso: str) -> str:
    """2024-06-28 → 28 de junho de 2024."""
    year, month, day = iso.split("-")
    return f"{int(day)} de {_MONTHS[int(month) - 1]} de {year}"


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("engd", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    environment.filters["md"] = escape_markdown
    environment.filters["date_br"] = date_br
    environment.filters["fm"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    return environment


def objective_path(number: int) -> str:
    return f"objetivos/{number}.md"


def recommendation_path(slug: str) -> str:
    return f"recomendacoes/{slug}.md"


class _Renderer:
    """Renders templates with a ``link`` function relative to the page being written."""

    def __init__(self, strategy: Strategy):
        self.strategy = strategy
        self.environment = _environment()

    def page(self, path: str, template: str, title: str, source_file: str, **values) -> Page:
        def link(target: str) -> str:
            return posixpath.relpath(target, posixpath.dirname(path) or ".")

        markdown = self.environment.get_template(template).render(
            strategy=self.strategy, act=self.strategy.act, link=link, **values)
        return Page(path, title, markdown, source_file)


def render_pages(strategy: Strategy) -> list[Page]:
    """Every generated page, in a stable order."""
    renderer = _Renderer(strategy)
    act_file = "data/ato.yml"
    pages = [
        renderer.page("index.md", "inicio.md.j2", "Início", act_file),
        renderer.page("ato.md", "ato.md.j2", strategy.act.short_name, act_file),
        renderer.page("objetivos/index.md", "objetivos.md.j2", "Objetivos", act_file),
        renderer.page("recomendacoes/index.md", "recomendacoes.md.j2", "Recomendações", act_file),
    ]
    objectives = strategy.objectives
    for i, objective in enumerate(objectives):
        pages.append(renderer.page(
            objective_path(objective.number), "objetivo.md.j2", f"Objetivo {objective.number}", objective.source_file,
            objective=objective,
            previous=objectives[i - 1] if i > 0 else None,
            next=objectives[i + 1] if i + 1 < len(objectives) else None,
        ))
    recommendations = strategy.recommendations
    for i, rec in enumerate(recommendations):
        pages.append(renderer.page(
            recommendation_path(rec.slug), "recomendacao.md.j2", f"Recomendação {rec.id}", rec.source_file,
            rec=rec,
            objective=strategy.objective(rec.objective_number),
            previous=recommendations[i - 1] if i > 0 else None,
            next=recommendations[i + 1] if i + 1 < len(recommendations) else None,
        ))
    return pages


# Material loops over every child of every menu section it draws, on every page: a menu listing
# all recommendations costs O(n) per page and O(n²) per build (10,000 recommendations took minutes).
# Above this many, recommendations leave the menu and are reached from their objective's page.
NAV_RECOMMENDATIONS_LIMIT = 500


def left_out_of_navigation(strategy: Strategy) -> set[str]:
    """Generated pages deliberately absent from the menu (reached through other pages)."""
    if len(strategy.recommendations) <= NAV_RECOMMENDATIONS_LIMIT:
        return set()
    return {recommendation_path(r.slug) for r in strategy.recommendations}


def navigation(strategy: Strategy, extra: list | None = None) -> list:
    """The site's navigation in MkDocs' ``nav`` shape, from the model (and any hand-written pages)."""
    by_objective = [
        {f"Objetivo {o.number}": [{f"Recomendação {r.id}": recommendation_path(r.slug)} for r in o.recommendations]}
        for o in strategy.objectives
    ] if not left_out_of_navigation(strategy) else []
    return [
        {"Início": "index.md"},
        {"A portaria": "ato.md"},
        {"Objetivos": ["objetivos/index.md"] + [{f"Objetivo {o.number}": objective_path(o.number)} for o in strategy.objectives]},
        {"Recomendações": ["recomendacoes/index.md"] + by_objective},
    ] + (extra or [])


def render_tree(strategy: Strategy, out: Path) -> list[Path]:
    """Write every generated page under ``out`` (for review and for other engines)."""
    written = []
    for page in render_pages(strategy):
        target = Path(out, page.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
        written.append(target)
    return written
