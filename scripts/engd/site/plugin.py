"""The one adapter between the outputs and MkDocs: the only module that imports MkDocs.

``EngdPlugin`` is registered by entry point (``mkdocs.plugins``: ``engd``) and named in
``mkdocs.yml``; its state lives on the instance. Phases:

* ``on_config`` — take the build context (handed over by ``engd build``, else read from the
  environment by ``context.from_environment``, as under ``mkdocs build`` and ``mkdocs serve``),
  check the data, run the output registry (``outputs.assemble``) and set from what it declares the
  site's name, description and address and the menu;
* ``on_files`` — add every generated file (pages as virtual Markdown files, the rest as they are),
  so ``docs/`` keeps only hand-written pages;
* ``on_env`` — the theme's templates compiled once per process (``compiled_templates``: ``engd serve``
  rebuilds, and the tests build many sites, in one process);
* ``on_pre_page`` / ``on_page_markdown`` — every page dated by the build's moment (MkDocs would
  read the clock or the environment for the sitemap); each page's head metadata (alternates,
  JSON-LD) as declared; hand-written pages get the glossary's acronyms; Material's search indexes
  nothing (the site has its own);
* ``on_post_build`` — drop Material's empty search index, then run the declared after-build steps
  (frictionless check, search index, PDF) in registry order; a problem fails the build.

``engd build``, ``engd serve`` and ``mkdocs build`` therefore publish the same files. ``build_site``
runs a strict build into a folder and returns problems in Portuguese instead of raising.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import outputs, urls
from . import material_html
from ..compiled_templates import TEMPLATES
from ..context import BuildContext, ContextError, from_environment
from ..glossary import abbreviation_definitions
from ..model import Strategy, load_strategy
from ..problems import report

# Material's search index, left empty and removed (see on_page_markdown and on_post_build).
MATERIAL_SEARCH_INDEX = "search/search_index.json"


class EngdPlugin(BasePlugin):
    def __init__(self):
        super().__init__()
        self.context: BuildContext | None = None  # handed over by build_site; else from the environment
        self.strategy: Strategy | None = None  # handed over by build_site when the data were just checked
        self.site: outputs.Site | None = None
        self.heads: dict[str, dict] = {}
        self.failed: list[str] = []  # problems of an after-build step, in Portuguese

    # Why: every output and every menu entry must come from one model and one context, made once.
    def on_config(self, config):
        if not config.use_directory_urls:
            raise PluginError("use_directory_urls: false não é aceito: os endereços do site terminam com / (veja engd/urls.py).")
        try:
            context = self.context or from_environment(Path(config.config_file_path).parent)
        except ContextError as error:
            raise PluginError(str(error)) from None
        context = context.with_values(output_dir=Path(config.site_dir))
        strategy = self.strategy
        if strategy is None:
            strategy, problems = load_strategy(context.data_dir, context.moment)
            if strategy is None:
                raise PluginError("Os dados têm problemas:\n" + report(problems))
        try:
            self.site = outputs.assemble(strategy, context)
        except (outputs.OutputError, ValueError) as error:
            raise PluginError(f"As saídas do site não puderam ser geradas: {error}") from None
        self.context, self.strategy, self.heads = context, strategy, self.site.head()
        config.site_name = strategy.identity.site_name
        config.site_description = strategy.identity.description
        config.site_url = context.site_url
        config.nav = self.site.menu()
        config.watch.append(str(context.data_dir))
        return config

    # Why: generated pages are virtual files; nothing generated is written into docs/ or git.
    def on_files(self, files: Files, config) -> Files:
        for published in self.site.generated:
            if published.page is not None:
                path = urls.source(published.address)
                inclusion = InclusionLevel.NOT_IN_NAV if published.page.menu is None else InclusionLevel.UNDEFINED
            else:
                path, inclusion = urls.file_for(published.address), InclusionLevel.UNDEFINED
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"{path} é gerado a partir dos dados, mas já existe em docs/; apague o arquivo escrito à mão ou escolha outro endereço.")
            files.append(File.generated(config, path, content=published.content, inclusion=inclusion))
        return files

    # Why: MkDocs makes a new Jinja environment per build, which compiles the whole theme again.
    def on_env(self, env, config, files):
        env.bytecode_cache = TEMPLATES
        return env

    # Why: MkDocs dates each page (the sitemap, its gzip) by the clock or SOURCE_DATE_EPOCH; the
    # build has one moment, in the context.
    def on_pre_page(self, page, config, files):
        page.update_date = self.context.moment.strftime("%Y-%m-%d")
        return page

    def on_page_markdown(self, markdown: str, page, **kwargs) -> str:
        """Head metadata (alternates, JSON-LD), read by overrides/partials/engd-dados-abertos.html;
        hand-written pages get the glossary's acronyms as abbreviations (generated ones mark them
        already). Every page is left out of Material's search index (its documented ``search:
        exclude`` meta): the site searches with its own index, and Material's plugin stays in
        mkdocs.yml only because the theme's header shows the search box when it is on."""
        page.meta.update(self.heads.get(page.file.src_uri, {}))
        page.meta["search"] = {"exclude": True}
        if page.file.generated_by is None:
            markdown += abbreviation_definitions(self.strategy.terms)
        return markdown

    # Why: Material writes invalid markup outside the blocks a theme can override (material_html.py).
    def on_post_page(self, output: str, page, config) -> str:
        return material_html.repair(output)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        return material_html.repair(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config):
        unused_index = Path(config.site_dir, MATERIAL_SEARCH_INDEX)
        unused_index.unlink(missing_ok=True)
        if unused_index.parent.is_dir() and not any(unused_index.parent.iterdir()):
            unused_index.parent.rmdir()
        for step in self.site.steps:
            problems = step.run(Path(config.site_dir))
            if problems:
                self.failed = problems
                raise PluginError("\n".join(problems))


# MkDocs's own messages, said in Portuguese (the rest keep MkDocs's words after a Portuguese lead).
_MKDOCS_MESSAGES = [
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target(?: '(?P<target>[^']+)')? is not found among documentation files\."),
     "a página {page} tem um link para “{link}”, que não existe no site."),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the doc '(?P<doc>[^']+)' does not contain an anchor '(?P<anchor>[^']+)'\."),
     "a página {page} tem um link para “{link}”, mas {doc} não tem a âncora {anchor}."),
    (re.compile(r"Aborted with (?P<count>\d+) warnings? in strict mode!"),
     "a construção estrita parou: {count} aviso(s) acima."),
    (re.compile(r"Aborted with a configuration error!"), "o arquivo mkdocs.yml tem um erro de configuração (veja acima)."),
    (re.compile(r"Aborted with a BuildError!"), "a construção do site parou num erro (veja acima)."),
]


def in_portuguese(message: str) -> str:
    """A message of MkDocs as an editor reads it: translated when known, else with a Portuguese lead."""
    for pattern, text in _MKDOCS_MESSAGES:
        found = pattern.search(message)
        if found:
            return text.format(**found.groupdict())
    return f"mensagem do MkDocs: {message}"


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_site(config_file: Path, site_dir: Path, context: BuildContext, strategy: Strategy | None = None) -> list[str]:
    """Build the site strictly into ``site_dir``. Returns [] on success, else messages in Portuguese.
    ``strategy``, when given, is the model of ``context.data_dir`` just checked (not checked again)."""
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    plugin = None
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        plugin = config.plugins.get("engd")
        if plugin is None:
            return [f"{config_file}: o plugin engd não está na lista plugins; acrescente “- engd”."]
        plugin.context, plugin.strategy = context, strategy
        build(config)
    except PluginError as error:
        return [str(error)]
    except MkDocsException as error:
        # MkDocs logs a plugin's error and raises its own: the step's problems are on the plugin.
        if plugin is not None and plugin.failed:
            return plugin.failed
        return [in_portuguese(m) for m in collector.messages + [str(error)]]
    except OSError as error:
        return [in_portuguese(m) for m in collector.messages] + [f"a construção do site falhou: {error.strerror or error}"]
    finally:
        logger.removeHandler(collector)
    return []
