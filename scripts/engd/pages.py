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

from . import self_assessment, sharing
from .glossary import TermMarker, TermMatcher
from .model import Recommendation, Strategy
from .readability import analyse
from .settings import SiteSettings

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|])")
_MONTHS = ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"]


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    markdown: str
    source_file: str


def escape_markdown(text: str, at_start: bool = True) -> str:
    """Text that Markdown shows as it is: HTML is escaped, Markdown punctuation backslashed
    (and, at the start of a block, list and quote markers)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))
    return re.sub(r"^(\s*)([-+>]|\d+\.)(\s)", r"\1\\\2\3", escaped) if at_start else escaped


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
    environment.tests["contains"] = lambda sequence, item: item in sequence
    environment.filters["fm"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    return environment


def objective_path(number: int) -> str:
    return f"objetivos/{number}.md"


def recommendation_path(slug: str) -> str:
    return f"recomendacoes/{slug}.md"


GLOSSARY_PATH = "glossario.md"


def theme_path(theme_id: str) -> str:
    return f"temas/{theme_id}.md"


def readability_row(text: str) -> dict:
    """Figures shown on pages: index and words per sentence with a decimal comma, and the band."""
    try:
        figures = analyse(text)
    except ValueError:  # a text with no word to measure
        return {"index": "—", "band": "sem medida", "words_per_sentence": "—"}
    return {"index": f"{figures.index:.1f}".replace(".", ","), "band": figures.band,
            "words_per_sentence": f"{figures.words_per_sentence:.1f}".replace(".", ",")}


def related_recommendations(strategy: Strategy, rec: Recommendation, limit: int = 5) -> list[Recommendation]:
    """Recommendations sharing themes with ``rec``: most shared themes first, then in act order."""
    themes = set(rec.theme_ids)
    scored = [(len(themes & set(other.theme_ids)), i, other) for i, other in enumerate(strategy.recommendations)
              if other.id != rec.id and themes & set(other.theme_ids)]
    return [other for _, _, other in sorted(scored, key=lambda t: (-t[0], t[1]))[:limit]]


def glossary_usage(strategy: Strategy, matcher: TermMatcher) -> dict[str, list[dict]]:
    """For each term id, the items (act, objectives, recommendations) whose texts use it, in act order."""
    items = [("A portaria", "ato.md", [strategy.act.summary, strategy.act.preamble] + [a.official_text for a in strategy.act.articles])]
    for objective in strategy.objectives:
        items.append((f"Objetivo {objective.number}", objective_path(objective.number),
                      [objective.official_text, objective.plain_text or "", *objective.in_practice]))
        items += [(f"Recomendação {r.id}", recommendation_path(r.slug), [r.official_text, r.plain_text or "", *r.in_practice])
                  for r in objective.recommendations]
    usage: dict[str, list[dict]] = {term.id: [] for term in strategy.terms}
    for label, path, texts in items:
        for term_id in dict.fromkeys(o.term.id for text in texts for o in matcher.occurrences(text)):
            usage[term_id].append({"label": label, "path": path})
    return usage


class _Renderer:
    """Renders templates with ``link`` (a Markdown link relative to the page being written) and
    ``terms`` (data text with glossary terms marked, first occurrence per page linked)."""

    def __init__(self, strategy: Strategy, settings: SiteSettings | None = None):
        self.strategy = strategy
        self.environment = _environment()
        self.matcher = TermMatcher(strategy.terms)
        self.themes = {t.id: t for t in strategy.themes}
        self.norms = {n.id: n for n in strategy.norms}
        self.environment.globals.update(sharing.template_globals(strategy, settings or SiteSettings()))

    def page(self, path: str, template: str, title: str, source_file: str, **values) -> Page:
        def link(target: str) -> str:
            return posixpath.relpath(target, posixpath.dirname(path) or ".")

        glossary = link(GLOSSARY_PATH) if self.strategy.terms and path != GLOSSARY_PATH else None
        marker = TermMarker(self.matcher, escape_markdown, glossary)
        markdown = self.environment.get_template(template).render(
            strategy=self.strategy, act=self.strategy.act, link=link, terms=marker.mark, terms_html=marker.mark_html,
            themes=self.themes, norms=self.norms, readability=readability_row,
            related=lambda rec: related_recommendations(self.strategy, rec),
            glossary_usage=lambda: glossary_usage(self.strategy, self.matcher), **values)
        return Page(path, title, markdown, source_file)


def render_pages(strategy: Strategy, settings: SiteSettings | None = None) -> list[Page]:
    """Every generated page, in a stable order. ``settings``: where the site and repository live."""
    renderer = _Renderer(strategy, settings)
    act_file = "data/ato.yml"
    pages = [
        renderer.page("index.md", "inicio.md.j2", "Início", act_file),
        renderer.page("ato.md", "ato.md.j2", strategy.act.short_name, act_file),
        renderer.page("objetivos/index.md", "objetivos.md.j2", "Objetivos", act_file),
        renderer.page("recomendacoes/index.md", "recomendacoes.md.j2", "Recomendações", act_file),
    ]
    if strategy.terms:
        pages.append(renderer.page(GLOSSARY_PATH, "glossario.md.j2", "Glossário", "data/glossario.yml"))
    if strategy.themes:
        pages.append(renderer.page("temas/index.md", "temas.md.j2", "Temas", "data/temas.yml"))
        for theme in strategy.themes:
            pages.append(renderer.page(theme_path(theme.id), "tema.md.j2", theme.name, "data/temas.yml", theme=theme,
                                       items=[r for r in strategy.recommendations if theme.id in r.theme_ids]))
    if strategy.norms:
        pages.append(renderer.page("normas.md", "normas.md.j2", "Normas relacionadas", "data/normas.yml"))
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
    pages += sharing.pages(renderer)
    pages.append(self_assessment.page(renderer))  # issue 14: /autoavaliacao/
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
    reference = ([{"Glossário": GLOSSARY_PATH}] if strategy.terms else []) + (
        [{"Temas": ["temas/index.md"] + [{t.name: theme_path(t.id)} for t in strategy.themes]}] if strategy.themes else []) + (
        [{"Normas relacionadas": "normas.md"}] if strategy.norms else [])
    return [
        {"Início": "index.md"},
        {"A portaria": "ato.md"},
        {"Objetivos": ["objetivos/index.md"] + [{f"Objetivo {o.number}": objective_path(o.number)} for o in strategy.objectives]},
        {"Recomendações": ["recomendacoes/index.md"] + by_objective},
    ] + reference + [{"Dados abertos": "dados/index.md"}] + [
        {self_assessment.TITLE: self_assessment.PAGE_PATH}] + sharing.navigation() + (extra or [])  # issue 14: autoavaliação


def render_tree(strategy: Strategy, out: Path) -> list[Path]:
    """Write every generated page under ``out`` (for review and for other engines)."""
    written = []
    for page in render_pages(strategy):
        target = Path(out, page.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
        written.append(target)
    return written
