"""The one adapter between the model and MkDocs: the only module that imports MkDocs.

As MkDocs hooks (``hooks:`` in ``mkdocs.yml``): ``on_config`` checks the data and builds the model
and the navigation; ``on_files`` adds every generated page as a virtual file, so ``docs/`` keeps
only hand-written pages and ``mkdocs serve`` rebuilds when the YAML changes. As functions:
``build_site`` runs a strict build into a given folder and returns problems in Portuguese
instead of raising. The data folder is ``data/`` beside ``mkdocs.yml``, or ``$ENGD_DATA``.
"""
from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from engd import open_data
from engd.glossary import abbreviation_definitions
from engd.model import Strategy, load_strategy
from engd.pages import left_out_of_navigation, navigation, render_pages
from engd.problems import report
from engd.sharing import SharingError, prepare

# Material's search index, left empty and removed (see on_page_markdown and on_post_build).
MATERIAL_SEARCH_INDEX = "search/search_index.json"

# MkDocs loads this file as a hook under another module name; both copies share one state, so
# that ``build_site`` (package copy) can hand the checked model to ``on_config`` (hook copy).
_state: dict = {} if __name__ == "engd.mkdocs_hooks" else importlib.import_module("engd.mkdocs_hooks")._state


def data_dir(config) -> Path:
    return Path(os.environ.get("ENGD_DATA") or Path(config.config_file_path).parent / "data")


def _hand_written_nav(config) -> list:
    """Hand-written pages listed in ``extra.paginas`` of mkdocs.yml, kept after the generated ones."""
    return list(config.extra.get("paginas", []))


def on_config(config):
    preloaded = _state.pop("preloaded", None)  # set by build_site: the data were just checked
    if preloaded is not None and preloaded[0] == data_dir(config):
        strategy = preloaded[1]
    else:
        strategy, problems = load_strategy(data_dir(config))
    if strategy is None:
        raise PluginError("Os dados têm problemas:\n" + report(problems))
    _state["strategy"] = strategy
    try:  # site and repository addresses, short addresses and moves of the address registry
        _state["sharing"] = prepare(strategy, config.site_url, config.extra.get("repositorio"), config.site_name, data_dir(config))
    except SharingError as error:
        raise PluginError(str(error)) from None
    config.nav = navigation(strategy, _hand_written_nav(config))
    config.watch.append(str(data_dir(config)))
    return config


def on_files(files: Files, config) -> Files:
    strategy: Strategy = _state["strategy"]
    try:
        publication = open_data.publish(strategy, data_dir(config), config.site_url)
    except ValueError as error:
        raise PluginError(f"Os dados abertos não puderam ser gerados: {error}") from None
    _state["page_meta"] = publication.page_meta
    hidden = left_out_of_navigation(strategy)
    generated = [(page.path, page.markdown) for page in render_pages(strategy, _state["sharing"].settings)]
    generated += list(publication.files) + list(_state["sharing"].files().items())
    for path, content in generated:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"{path} é gerado a partir dos dados, mas já existe em docs/; apague o arquivo escrito à mão ou escolha outro endereço.")
        inclusion = InclusionLevel.NOT_IN_NAV if path in hidden else InclusionLevel.UNDEFINED
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, page, **kwargs) -> str:
    """Head metadata of data pages (JSON twin, JSON-LD), read by overrides/partials/engd-dados-abertos.html;
    hand-written pages get the glossary's acronyms as abbreviations (generated ones mark them already).

    Every page is left out of Material's search index (its documented ``search: exclude`` meta): the
    site searches with its own index (search_index.py), and Material's plugin stays in mkdocs.yml only
    because the theme's header shows the search box when it is on. Indexing each page's HTML for
    nothing took a sixth of the build of a large corpus."""
    page.meta.update(_state.get("page_meta", {}).get(page.file.src_uri, {}))
    page.meta["search"] = {"exclude": True}
    if page.file.generated_by is None:
        markdown += abbreviation_definitions(_state["strategy"].terms)
    return markdown


def on_startup(command, dirty):
    _state["command"] = command


def on_post_build(config):
    # Material's search index is empty (every page excluded, see on_page_markdown): not published.
    unused_index = Path(config.site_dir, MATERIAL_SEARCH_INDEX)
    unused_index.unlink(missing_ok=True)
    if unused_index.parent.is_dir() and not any(unused_index.parent.iterdir()):
        unused_index.parent.rmdir()
    # `engd build` indexes the search in its own post-build steps; `engd serve` has none.
    if _state.get("command") == "serve":
        from engd.search_index import write_search_index

        for message in write_search_index(_state["strategy"], Path(config.site_dir)):
            logging.getLogger("mkdocs").warning(message)


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_site(config_file: Path, site_dir: Path, strategy: Strategy | None = None) -> list[str]:
    """Build the site strictly into ``site_dir``. Returns [] on success, else messages in Portuguese.
    ``strategy``, when given, is the model of the data folder just checked (not checked again)."""
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        if strategy is not None:
            _state["preloaded"] = (data_dir(config), strategy)
        build(config)
    except PluginError as error:
        return [str(error)]
    except (MkDocsException, OSError) as error:
        return collector.messages + [f"a construção do site falhou: {error}"]
    finally:
        logger.removeHandler(collector)
        _state.pop("preloaded", None)
    return []
