"""Link to, cite, print and discuss any single item: what the other layers call, in one place.

Input: the model, the configured addresses and the data folder. Output, for ``pages``: the Jinja
globals the partials ``_citar``, ``_alteracao`` and ``_sugerir`` use, the pages ``imprimir.md``
and ``mudancas.md`` and their navigation entries; for the MkDocs adapter: the extra files of the
site (redirect pages and the Atom feed). Problems (a bad registry, a bad repository address, a
redirect over a real page) are raised as ``SharingError`` with Portuguese text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import addresses, changelog, citation, printable, redirects
from .model import Act, Objective, Recommendation, Strategy
from .problems import report
from .settings import SettingsError, SiteSettings, from_values

# The issue forms in .github/ISSUE_TEMPLATE/ and the ids of the fields a link can prefill.
CORRECTION_FORM = "correcao-explicacao.yml"
ACCESSIBILITY_FORM = "barreira-acessibilidade.yml"
PREFILLED_FIELDS = ("item", "endereco")


class SharingError(Exception):
    """A configuration or registry problem, worded for the person running the build."""


@dataclass(frozen=True)
class Context:
    strategy: Strategy
    settings: SiteSettings
    registry: addresses.Registry = field(default_factory=lambda: addresses.Registry("", ()))

    def files(self) -> dict[str, str]:
        """Extra files of the built site: ``{path: text}``."""
        written = redirects.files(self.strategy, self.settings, self.registry.moves)
        written[changelog.FEED_PATH] = changelog.feed(self.strategy, self.settings)
        return written


def prepare(strategy: Strategy, site_url: str | None, repository: str | None, site_name: str,
            data_dir: Path) -> Context:
    try:
        settings = from_values(site_url, repository, site_name)
    except SettingsError as error:
        raise SharingError(str(error)) from None
    registry, problems = addresses.load(data_dir)
    if problems:
        raise SharingError("O registro de endereços tem problemas:\n" + report(problems))
    shorts = redirects.short_addresses(strategy)
    clashes = [e for e in registry.entries if e.target and e.address in shorts]
    if clashes:
        raise SharingError("\n".join(f"{registry.file}:{e.line}: {e.address} é um endereço curto gerado; não pode ser movido." for e in clashes))
    return Context(strategy, settings, registry)


def item_key(item) -> str:
    """The changelog's name for an item: "ato", "3" or "3.7"."""
    if isinstance(item, Recommendation):
        return item.id
    if isinstance(item, Objective):
        return str(item.number)
    return changelog.ACT


def citation_of(strategy: Strategy, settings: SiteSettings, item) -> citation.Citation:
    if isinstance(item, Recommendation):
        return citation.for_recommendation(strategy, item, settings)
    if isinstance(item, Objective):
        return citation.for_objective(strategy, item, settings)
    if isinstance(item, Act):
        return citation.for_act(strategy, settings)
    raise TypeError(f"não sei citar {type(item).__name__}")


def suggestion_links(strategy: Strategy, settings: SiteSettings, item) -> dict[str, str]:
    """``{"correction": url, "accessibility": url}`` prefilled for ``item``; empty without a repository."""
    cited = citation_of(strategy, settings, item)
    fields = dict(zip(PREFILLED_FIELDS, (cited.label, cited.address)))
    correction = settings.issue_url(CORRECTION_FORM, f"Correção: {cited.label}", **fields)
    if correction is None:
        return {}
    return {
        "correction": correction,
        "accessibility": settings.issue_url(ACCESSIBILITY_FORM, f"Barreira de acessibilidade: {cited.label}", **fields),
    }


def template_globals(strategy: Strategy, settings: SiteSettings) -> dict:
    return {
        "site": settings,
        "citation_of": lambda item: citation_of(strategy, settings, item),
        "last_change": lambda item: changelog.last_change(strategy, item_key(item)),
        "suggestion_links": lambda item: suggestion_links(strategy, settings, item),
        "changed_items": changelog.items_text,
        "newest_change": lambda: max(strategy.changes, key=lambda c: c.date, default=None),
    }


def pages(renderer) -> list:
    """The printable act and the changelog page, rendered by ``pages._Renderer``."""
    strategy = renderer.strategy
    act_file = "data/ato.yml"
    return [
        renderer.page(printable.PAGE_PATH, "imprimir.md.j2", "Versão para imprimir", act_file,
                      pdf=printable.plan_for(strategy), pdf_file=printable.pdf_name(strategy),
                      with_recommendations=printable.prints_recommendations(strategy)),
        renderer.page(changelog.PAGE_PATH, "mudancas.md.j2", "Mudanças", "data/mudancas.yml",
                      changes=sorted(strategy.changes, key=lambda c: c.date, reverse=True),
                      feed_file=changelog.FEED_PATH),
    ]


def navigation() -> list:
    return [{"Versão para imprimir": printable.PAGE_PATH}, {"Mudanças": changelog.PAGE_PATH}]
