"""Every address the site publishes, and the one way to turn an address into a link.

An address is a path from the site's root without the leading slash: a page ends with "/"
(``recomendacoes/3-7/``, ``""`` for the home page), a file does not (``dados/objetivos.csv``), and
either may carry a fragment (``glossario/#cpf``). No other module or template spells an item's
address: they ask the functions below. The site is built with directory addresses (MkDocs'
``use_directory_urls``); this module is the only place that knows it.

* ``source(address)``: the Markdown file a page is generated from (``objetivos/3.md``), which
  is what MkDocs links between, so that its strict link check covers every generated link;
* ``file_for(address)``: the file in the built site that serves an address;
* ``relative(source, target)``: the link from one address to another, valid wherever the site is
  hosted (a domain root or a subfolder such as GitHub Pages' ``/repositorio/``);
* ``href(source, target, site_url)``: absolute when the site's address is known, else relative —
  for links written inside data files (JSON, JSON-LD, Atom);
* ``shown(target, site_url)``: the address a reader cites: absolute when known, else ``/path/``.

Nothing here reads configuration or files; the site's address comes in as an argument.
"""
from __future__ import annotations

import posixpath

HOME = ""
ACT = "ato/"
OBJECTIVES = "objetivos/"
RECOMMENDATIONS = "recomendacoes/"
GLOSSARY = "glossario/"
THEMES = "temas/"
NORMS = "normas/"
DATA = "dados/"
PRINTABLE = "imprimir/"
CHANGES = "mudancas/"
SELF_ASSESSMENT = "autoavaliacao/"
PROGRESS = "acompanhamento/"
PROGRESS_ENTES = "acompanhamento/entes/"
PROGRESS_COUNTS = "acompanhamento/contagens.json"
PROGRESS_SEARCH = "acompanhamento/busca-entes.json"
PROGRESS_DATA = "dados/acompanhamento/"
FEED = "mudancas.xml"
SEARCH_INDEX = "busca/indice.json"
# The index of a large corpus, split in pieces (outputs/search_shards.py): "{}" is the piece's key.
SEARCH_TERMS = "busca/termos/{}.json"
SEARCH_RECORDS = "busca/registros/{}.json"
NOT_FOUND = "404.html"
# The items and sections the 404 page proposes for a near miss ("você quis dizer").
SHORTCUTS = "javascripts/nao-encontrada.json"

# Pages that are the index of a section of the site: their source is ``<section>/index.md``.
_SECTIONS = frozenset({HOME, OBJECTIVES, RECOMMENDATIONS, THEMES, DATA, PROGRESS, PROGRESS_ENTES})


def objective(number: int) -> str:
    return f"{OBJECTIVES}{number}/"


def recommendation(slug: str) -> str:
    return f"{RECOMMENDATIONS}{slug}/"


def objective_json(number: int) -> str:
    return f"{OBJECTIVES}{number}.json"


def recommendation_json(slug: str) -> str:
    return f"{RECOMMENDATIONS}{slug}.json"


def short_objective(number: int) -> str:
    return f"{number}/"


def short_recommendation(rec_id: str) -> str:
    return f"{rec_id}/"


def theme(theme_id: str) -> str:
    return f"{THEMES}{theme_id}/"


def glossary_term(term_id: str) -> str:
    return f"{GLOSSARY}#{term_id}"


def norm(norm_id: str) -> str:
    return f"{NORMS}#{norm_id}"


def change(change_id: str) -> str:
    return f"{CHANGES}#{change_id}"


def progress_ente(code: str) -> str:
    return f"{PROGRESS_ENTES}{code}/"


def progress_ente_anchor(uf: str) -> str:
    return f"{PROGRESS_ENTES}#uf-{uf.lower()}"


def progress_file(name: str) -> str:
    return f"{PROGRESS_DATA}{name}"


def data_file(name: str) -> str:
    return f"{DATA}{name}"


def printable_file(name: str) -> str:
    return f"{PRINTABLE}{name}"


def is_page(address: str) -> bool:
    return address.split("#", 1)[0].endswith("/") or address.split("#", 1)[0] == ""


def _split(address: str) -> tuple[str, str]:
    path, hash_, fragment = address.partition("#")
    return path, (hash_ + fragment)


def source(address: str) -> str:
    """The Markdown source of a page (``objetivos/3/`` → ``objetivos/3.md``, ``objetivos/`` →
    ``objetivos/index.md``); a file's address is its own source."""
    path, _ = _split(address)
    if not is_page(path):
        return path
    if path in _SECTIONS:
        return path + "index.md"
    return path.rstrip("/") + ".md"


def address_of(source_path: str) -> str:
    """The address a Markdown source is served at (the inverse of ``source``)."""
    if not source_path.endswith(".md"):
        return source_path
    stem = source_path.removesuffix(".md")
    if stem == "index":
        return HOME
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def file_for(address: str) -> str:
    """The file in the built site that serves ``address`` (``objetivos/3/`` → ``objetivos/3/index.html``)."""
    path, _ = _split(address.lstrip("/"))
    return path + "index.html" if is_page(path) else path


def relative(source_address: str, target: str) -> str:
    """The link from the page or file at ``source_address`` to ``target`` (both from the root)."""
    path, fragment = _split(target)
    base = source_address.split("#", 1)[0]
    base = base if is_page(base) else posixpath.dirname(base) + "/"
    link = posixpath.relpath(path or ".", base.rstrip("/") or ".")
    if is_page(path):
        link = "./" if link == "." else link + "/"
    return link + fragment


def markdown_link(source_address: str, target: str) -> str:
    """The link from one page's Markdown source to another page's source (or to a file)."""
    path, fragment = _split(target)
    here = posixpath.dirname(source(source_address)) or "."
    return posixpath.relpath(source(path), here) + fragment


def absolute(target: str, site_url: str) -> str:
    return site_url.rstrip("/") + "/" + target


def href(source_address: str, target: str, site_url: str | None) -> str:
    """Absolute when the site's address is known, else relative to ``source_address``."""
    return absolute(target, site_url) if site_url else relative(source_address, target)


def shown(target: str, site_url: str | None) -> str:
    """The address a reader can cite: absolute when known, else the path from the root."""
    return absolute(target, site_url) if site_url else "/" + target
