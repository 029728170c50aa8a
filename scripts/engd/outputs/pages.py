"""Output: the site's pages as Markdown, generated from the model, and the renderer other outputs use.

Input: a ``Strategy`` and the ``BuildContext``. Output: a ``Published`` page per item and list
(home, act, objectives, recommendations, glossary, themes, norms), each declaring its title, the
data file it comes from, its place in the menu and, for items, its schema.org JSON-LD. Pages are
rendered with the Jinja templates in ``templates/``; templates get every address from ``url``
(the ``urls`` module) and turn it into a link with ``link``, which links Markdown sources, so
that MkDocs' strict build checks every link. Data text is escaped so that it reads as text,
never as Markdown or HTML. ``render_tree`` writes the same pages to a folder. This module knows
nothing about MkDocs.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined

from .. import changelog, citation, urls
from ..compiled_templates import TEMPLATES
from ..context import BuildContext
from ..glossary import TermMarker, TermMatcher, index_letters
from ..model import Objective, Recommendation, Strategy
from ..readability import analyse
from . import Page, Published, catalog

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|])")
_MONTHS = ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"]
# The issue forms in .github/ISSUE_TEMPLATE/ and the ids of the fields a link can prefill.
CORRECTION_FORM = "correcao-explicacao.yml"
ACCESSIBILITY_FORM = "barreira-acessibilidade.yml"
PREFILLED_FIELDS = ("item", "endereco")
# Material loops over every child of every menu section it draws, on every page: a menu listing
# all recommendations costs O(n) per page and O(n²) per build (10,000 recommendations took minutes).
# Above this many, recommendations leave the menu and are reached from their objective's page.
NAV_RECOMMENDATIONS_LIMIT = 500


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
        bytecode_cache=TEMPLATES,
    )
    environment.filters["md"] = escape_markdown
    environment.filters["date_br"] = date_br
    environment.tests["contains"] = lambda sequence, item: item in sequence
    environment.filters["fm"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    return environment


def readability_row(text: str) -> dict:
    """Figures shown on pages: index and words per sentence with a decimal comma, and the band."""
    try:
        figures = analyse(text)
    except ValueError:  # a text with no word to measure
        return {"index": "—", "band": "sem medida", "words_per_sentence": "—"}
    index = round(figures.index, 1) + 0.0  # round first, then + 0.0: never "-0,0"
    return {"index": f"{index:.1f}".replace(".", ","), "band": figures.band,
            "words_per_sentence": f"{figures.words_per_sentence:.1f}".replace(".", ",")}


def related_recommendations(strategy: Strategy, rec: Recommendation, limit: int = 5) -> list[Recommendation]:
    """Recommendations sharing themes with ``rec``: most shared themes first, then in act order."""
    themes = set(rec.theme_ids)
    scored = [(len(themes & set(other.theme_ids)), i, other) for i, other in enumerate(strategy.recommendations)
              if other.id != rec.id and themes & set(other.theme_ids)]
    return [other for _, _, other in sorted(scored, key=lambda t: (-t[0], t[1]))[:limit]]


def glossary_usage(strategy: Strategy, matcher: TermMatcher) -> dict[str, list[dict]]:
    """For each term id, the items (act, objectives, recommendations) whose texts use it, in act order."""
    items = [("A portaria", urls.ACT, [strategy.act.summary, strategy.act.preamble] + [a.official_text for a in strategy.act.articles])]
    for objective in strategy.objectives:
        items.append((f"Objetivo {objective.number}", urls.objective(objective.number),
                      [objective.official_text, objective.plain_text or "", *objective.in_practice]))
        items += [(f"Recomendação {r.id}", urls.recommendation(r.slug), [r.official_text, r.plain_text or "", *r.in_practice])
                  for r in objective.recommendations]
    usage: dict[str, list[dict]] = {term.id: [] for term in strategy.terms}
    for label, address, texts in items:
        for term_id in dict.fromkeys(o.term.id for text in texts for o in matcher.occurrences(text)):
            usage[term_id].append({"label": label, "address": address})
    return usage


def item_key(item) -> str:
    """The changelog's name for an item: "ato", "3" or "3.7"."""
    if isinstance(item, Recommendation):
        return item.id
    if isinstance(item, Objective):
        return str(item.number)
    return changelog.ACT


def issue_url(repository: str | None, form: str, title: str, **fields: str) -> str | None:
    """A link that opens a prefilled issue form, or None when the repository is not known."""
    if not repository:
        return None
    query = urlencode({"template": form, "title": title, **fields}, quote_via=quote)
    return f"{repository}/issues/new?{query}"


def suggestion_links(strategy: Strategy, context: BuildContext, item) -> dict[str, str]:
    """``{"correction": url, "accessibility": url}`` prefilled for ``item``; empty without a repository."""
    cited = citation.of(strategy, item, context.site_url)
    fields = dict(zip(PREFILLED_FIELDS, (cited.label, cited.address)))
    correction = issue_url(context.repository, CORRECTION_FORM, f"Correção: {cited.label}", **fields)
    if correction is None:
        return {}
    return {
        "correction": correction,
        "accessibility": issue_url(context.repository, ACCESSIBILITY_FORM, f"Barreira de acessibilidade: {cited.label}", **fields),
    }


class Renderer:
    """Renders templates into ``Published`` pages. Templates get ``url`` (every address), ``link``
    (an address as a Markdown link from the page being written), ``shown`` (an address as a reader
    cites it) and ``terms`` (data text with glossary terms marked, first occurrence per page linked)."""

    def __init__(self, strategy: Strategy, context: BuildContext):
        self.strategy = strategy
        self.context = context
        self.environment = _environment()
        self.matcher = TermMatcher(strategy.terms)
        self.themes = {t.id: t for t in strategy.themes}
        self.norms = {n.id: n for n in strategy.norms}
        site_url = context.site_url
        self.environment.globals.update({
            "url": urls,
            "site_url": site_url,
            "identity": strategy.identity,
            "shown": lambda address: urls.shown(address, site_url),
            "citation_of": lambda item: citation.of(strategy, item, site_url, context.moment.date()),
            "norm_urn": citation.norm_urn,
            "last_change": lambda item: changelog.last_change(strategy, item_key(item)),
            "suggestion_links": lambda item: suggestion_links(strategy, context, item),
            "changed_items": changelog.items_text,
            "newest_change": lambda: max(strategy.changes, key=lambda c: c.date, default=None),
        })

    def markdown(self, address: str, template: str, **values) -> str:
        def link(target: str) -> str:
            return urls.markdown_link(address, target)

        glossary = link(urls.GLOSSARY) if self.strategy.terms and address != urls.GLOSSARY else None
        marker = TermMarker(self.matcher, escape_markdown, glossary)
        return self.environment.get_template(template).render(
            strategy=self.strategy, act=self.strategy.act, link=link, terms=marker.mark, terms_html=marker.mark_html,
            themes=self.themes, norms=self.norms, readability=readability_row,
            related=lambda rec: related_recommendations(self.strategy, rec),
            glossary_usage=lambda: glossary_usage(self.strategy, self.matcher),
            glossary_letters=lambda: index_letters(self.strategy.terms), **values)

    def page(self, address: str, template: str, title: str, source_file: str, menu: tuple[str, ...] | None = None,
             section_index: bool = False, search: bool = False, head: dict | None = None, **values) -> Published:
        return Published(address, self.markdown(address, template, **values),
                         page=Page(title, source_file, menu, section_index, search, head or {}))


def _item_head(strategy: Strategy, item, site_url: str | None) -> dict:
    """An item page's JSON-LD, and its place in the legal and control-catalogue formats of the whole act
    (the element of the item, by the fragment the derived LexML URN uses; the OSCAL catalog)."""
    from . import akoma_ntoso, lexml, oscal

    fragment = citation.objective_fragment(item) if isinstance(item, Objective) else citation.recommendation_fragment(item)
    return {
        "engd_jsonld": catalog.script_text(catalog.legislation_jsonld(strategy, item, site_url)),
        "engd_alternates": [
            {"href": f"{akoma_ntoso.address(strategy)}#{fragment}", "type": akoma_ntoso.MEDIA_TYPE,
             "title": "Este item no ato em Akoma Ntoso (XML)"},
            {"href": f"{lexml.address(strategy)}#{fragment}", "type": lexml.MEDIA_TYPE,
             "title": "Este item no ato em LexML (XML)"},
            {"href": oscal.address(strategy), "type": oscal.MEDIA_TYPE, "title": "O catálogo OSCAL das recomendações (JSON)"},
        ],
    }


def publish(strategy: Strategy, context: BuildContext) -> list[Published]:
    """Every generated page of the model, in a stable order."""
    renderer = Renderer(strategy, context)
    act_file = "data/ato.yml"
    in_menu = len(strategy.recommendations) <= NAV_RECOMMENDATIONS_LIMIT
    pages = [
        renderer.page(urls.HOME, "inicio.md.j2", "Início", act_file, menu=("Início",)),
        renderer.page(urls.ACT, "ato.md.j2", strategy.act.short_name, act_file, menu=("A portaria",), search=True),
        renderer.page(urls.OBJECTIVES, "objetivos.md.j2", "Objetivos", act_file, menu=("Objetivos",), section_index=True),
        renderer.page(urls.RECOMMENDATIONS, "recomendacoes.md.j2", "Recomendações", act_file, menu=("Recomendações",),
                      section_index=True),
    ]
    if strategy.terms:
        pages.append(renderer.page(urls.GLOSSARY, "glossario.md.j2", "Glossário", "data/glossario.yml", menu=("Glossário",)))
    if strategy.themes:
        pages.append(renderer.page(urls.THEMES, "temas.md.j2", "Temas", "data/temas.yml", menu=("Temas",), section_index=True))
        for theme in strategy.themes:
            pages.append(renderer.page(urls.theme(theme.id), "tema.md.j2", theme.name, "data/temas.yml",
                                       menu=("Temas", theme.name), theme=theme,
                                       items=[r for r in strategy.recommendations if theme.id in r.theme_ids]))
    if strategy.norms:
        pages.append(renderer.page(urls.NORMS, "normas.md.j2", "Normas relacionadas", "data/normas.yml",
                                   menu=("Normas relacionadas",), search=True))
    objectives = strategy.objectives
    for i, objective in enumerate(objectives):
        label = f"Objetivo {objective.number}"
        pages.append(renderer.page(
            urls.objective(objective.number), "objetivo.md.j2", label, objective.source_file,
            menu=("Objetivos", label), head=_item_head(strategy, objective, context.site_url),
            objective=objective,
            previous=objectives[i - 1] if i > 0 else None,
            next=objectives[i + 1] if i + 1 < len(objectives) else None,
        ))
    recommendations = strategy.recommendations
    for i, rec in enumerate(recommendations):
        label = f"Recomendação {rec.id}"
        pages.append(renderer.page(
            urls.recommendation(rec.slug), "recomendacao.md.j2", label, rec.source_file,
            menu=("Recomendações", f"Objetivo {rec.objective_number}", label) if in_menu else None,
            head=_item_head(strategy, rec, context.site_url),
            rec=rec,
            objective=strategy.objective(rec.objective_number),
            previous=recommendations[i - 1] if i > 0 else None,
            next=recommendations[i + 1] if i + 1 < len(recommendations) else None,
        ))
    return pages


def render_tree(pages: list[Published], out: Path) -> list[Path]:
    """Write generated Markdown pages under ``out`` by their source path (for review and for other engines)."""
    written = []
    for page in pages:
        target = Path(out, urls.source(page.address))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
        written.append(target)
    return written
