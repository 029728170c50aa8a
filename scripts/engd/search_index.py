"""Output: the site's search index (Pagefind), written into the built site's ``pagefind/`` folder.

Input: a ``Strategy`` and the site folder MkDocs just built. Output: Pagefind's static bundle
(``pagefind.js``, the WebAssembly search core, the index chunks and one fragment per result),
which the search box (``docs/javascripts/busca.js``) loads from the site itself, or a list of
problems in Portuguese.

Objectives and recommendations are indexed from the MODEL, not from their pages: one record each,
with the official text first (so the excerpt starts there), the plain-language text, the
"na prática" lines, and the glossary terms found in the item with their expansions (so "Cadastro de
Pessoas Físicas" finds an item that only says "CPF", once ``data/glossario.yml`` exists). As
metadata, which Pagefind 1.5 also searches, a record holds its title ("Recomendação 3.7", boosted
by Pagefind when a query matches it, so "3.7", "3-7" and "recomendação 3.7" put the item first),
how the act cites it ("item 3.7") and its objective's text, shortened, which the search box shows
with each result (searched with weight 0: see ``busca.js``). Other pages (the act, hand-written
pages) are indexed from their HTML, main article only. The home page and the two lists are left
out: they repeat every item's text and would push the item itself out of the first results.

Pagefind folds accents and case and stems Portuguese (its ``pt`` index) in the browser, so a
query typed without accents or in another inflection still matches. Nothing here contacts the
network; the output depends only on the model and the built pages (same input, same bytes).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from .model import Objective, Recommendation, Strategy, Term

BUNDLE = "pagefind"
LANGUAGE = "pt"
# Built pages that are not indexed from their HTML: the generated items (indexed from the model),
# the pages that repeat the items' texts (lists, themes, the printable act) and the short-address
# redirects. Each would only push the item itself down the results and weigh on the first search.
_LISTS = {"index.html", "404.html", "objetivos/index.html", "recomendacoes/index.html", "imprimir/index.html"}
_REPEATS = re.compile(r"^(\d+(\.\d+)?|temas/[a-z0-9-]+)/index\.html$")
_ITEM_PAGE = re.compile(r"^(objetivos/\d+|recomendacoes/\d+-\d+)/index\.html$")
# Parts of a Material page that are not its content.
_EXCLUDED = [".headerlink", ".md-source-file", ".md-content__button"]
# What the browser needs; Pagefind also writes ready-made interfaces the site does not use, and a
# worker the search box turns off (noWorker: the index is small, and that is 12 KB gzip less).
_UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js",
           "pagefind-worker.js")
_OBJECTIVE_LABEL_CHARS = 110


@dataclass(frozen=True)
class Record:
    """One search record: the address it points to and the HTML Pagefind reads."""
    url: str
    html: str


def _environment() -> Environment:
    return Environment(loader=PackageLoader("engd", "templates"), undefined=StrictUndefined, autoescape=True,
                       keep_trailing_newline=True)


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary and add an ellipsis: long objectives fit one line of a result."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}…"


def objective_label(objective: Objective) -> str:
    """The objective's text, shortened. Without "Objetivo N": the search box adds it, and the word
    would make every recommendation match a query for the objective itself ("objetivo 4")."""
    return shorten(objective.official_text, _OBJECTIVE_LABEL_CHARS)


def number_aliases(rec: Recommendation) -> str:
    """How the act cites the item ("item 3.7"); the title already holds "Recomendação 3.7"."""
    return f"item {rec.id}"


def _item_texts(official: str, plain: str | None, in_practice: tuple[str, ...]) -> list[str]:
    return [official] + ([plain] if plain else []) + list(in_practice)


def glossary_lines(texts: list[str], terms: tuple[Term, ...]) -> list[str]:
    """For each glossary term with an expansion whose term or form is written in the texts (as a
    whole word, case as written): "term: expansion"."""
    joined = "\n".join(texts)
    lines = []
    for term in terms:
        forms = (term.term,) + term.forms
        if term.expansion and any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", joined) for form in forms):
            lines.append(f"{term.term}: {term.expansion}")
    return lines


def records(strategy: Strategy) -> list[Record]:
    """The records of every objective and recommendation, in the model's order."""
    template = _environment().get_template("busca_registro.html.j2")
    out = []
    for objective in strategy.objectives:
        texts = _item_texts(objective.official_text, objective.plain_text, objective.in_practice)
        out.append(Record(f"/objetivos/{objective.number}/", template.render(
            title=f"Objetivo {objective.number}", objective_label="", texts=texts, terms=glossary_lines(texts, strategy.terms),
            aliases="")))
        for rec in objective.recommendations:
            texts = _item_texts(rec.official_text, rec.plain_text, rec.in_practice)
            out.append(Record(f"/recomendacoes/{rec.slug}/", template.render(
                title=f"Recomendação {rec.id}", objective_label=objective_label(objective), texts=texts,
                terms=glossary_lines(texts, strategy.terms), aliases=number_aliases(rec))))
    return out


def page_files(site_dir: Path) -> list[str]:
    """Built pages indexed from their HTML (relative paths, sorted): all but items and lists."""
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    return [p for p in pages if p not in _LISTS and not _ITEM_PAGE.match(p) and not _REPEATS.match(p)
            and not p.startswith(f"{BUNDLE}/")]


def _run_pagefind(strategy: Strategy, site_dir: Path) -> list[str]:
    """Lay the records and the pages out as a small site in a temporary folder and run Pagefind's
    command once over it (its Python service answers one file at a time, 0.1 s each)."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        return ["índice de busca: o programa Pagefind não foi encontrado; instale o pacote 'pagefind[bin]'."]
    with tempfile.TemporaryDirectory(prefix="engd-busca-") as work:
        source = Path(work, "registros")
        for record in records(strategy):
            _write(source / record.url.strip("/") / "index.html", record.html)
        for page in page_files(site_dir):
            _write(source / page, (site_dir / page).read_text(encoding="utf-8"))
        config = {"site": str(source), "output_path": str(site_dir / BUNDLE), "root_selector": "article",
                  "exclude_selectors": _EXCLUDED, "force_language": LANGUAGE, "silent": True}
        Path(work, "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        try:
            run = subprocess.run([str(executable)], cwd=work, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as error:
            return [f"índice de busca: não foi possível rodar o Pagefind ({type(error).__name__}: {error})."]
    if run.returncode != 0:
        detail = " ".join((run.stderr or run.stdout).split())[:500]
        return [f"índice de busca: o Pagefind terminou com erro {run.returncode}: {detail}"]
    return []


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _drop_unused(bundle: Path) -> None:
    for pattern in _UNUSED:
        for path in bundle.glob(pattern):
            path.unlink()
    for wasm in bundle.glob("wasm.*.pagefind"):
        if wasm.name != f"wasm.{LANGUAGE}.pagefind":
            wasm.unlink()


def write_search_index(strategy: Strategy, site_dir: Path) -> list[str]:
    """The build step: index the site in ``site_dir``. Returns [] or problems in Portuguese."""
    site_dir = Path(site_dir)
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    problems = _run_pagefind(strategy, site_dir)
    if problems:
        return problems
    if not (bundle / "pagefind.js").is_file() or not (bundle / f"wasm.{LANGUAGE}.pagefind").is_file():
        return [f"índice de busca: o Pagefind não escreveu {BUNDLE}/pagefind.js e o núcleo wasm.{LANGUAGE}."]
    _drop_unused(bundle)
    return []
