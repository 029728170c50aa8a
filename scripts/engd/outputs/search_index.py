"""Output: the site's search index, one JSON file (``busca/indice.json``) in the built site.

Input: a ``Strategy`` and the site folder MkDocs just built. Output: ``busca/indice.json``, which
the search engine of the site (``docs/javascripts/busca-motor.js``) fetches from the site itself
on the first search, or a list of problems in Portuguese. ``publish`` declares it: an after-build
step (``write_search_index``) that reads the pages the outputs declared searchable; ``records`` and
the helpers below are what it is made of.

One record per result the search box can show, in this order:

- every objective and recommendation, from the MODEL (not from their pages): its address, its
  title ("Recomendação 3.7", "Objetivo 3"), its number, the objective it belongs to (shortened),
  the texts an excerpt is cut from (official text first, then the plain-language text and the
  "na prática" lines), and the terms it is found by: those texts plus, for each glossary term the
  item uses, the term's expansion (so "Cadastro de Pessoas Físicas" finds an item that only says
  "CPF") and the ways the act cites the item ("3.7 3-7 item 3.7"), and for each related norm
  (``rec.norm_ids``) its kind, number and year and its common name, in a field of its own that
  weighs more than the official text, and the acronyms the glossary gives it (so "LGPD" or "Lei
  Geral de Proteção de Dados" finds the recommendations linked to that law);
- the few other pages worth finding, those whose output declares ``search`` (the act, the
  related norms, the open-data page, the self-assessment and the hand-written pages), from their
  built HTML: the title, the headings and the first words of the main text. The home page, the
  lists, the printable act, the short addresses and the theme and glossary pages are not read:
  they repeat the items' texts and would push the items down;
- each theme (name and description, pointing to its page) and each glossary entry (pointing to
  ``glossario/#id``), from the model, as results of their own;
- not the entes: with published self-assessments, the index only names (``entes``) a second file
  of the same shape (``outputs/progress.py``: one record per UF, found by the names of its entes),
  which the browser fetches on the first query of four characters or more and adds to the same
  engine, below every item.

A record's terms are stored already reduced by ``search_language.terms`` (folded, without
stopwords, stemmed), grouped by the field they come from, each term in its strongest field only,
followed by ":n" when the record says it n > 1 times ("dad:4"); ``CAMPOS`` gives each field's
weight and ``TIPOS`` each kind of result's, which the engine multiplies by the rarity of the
query's terms and by how often the record says them. The stopwords and the stemmer's rules travel in the
same file, so the browser reduces a query exactly as the build reduced the texts.

Deterministic: records in a fixed order, terms sorted, keys sorted, no dates; nothing here
contacts the network. Same model and pages, same bytes.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .. import urls
from ..context import BuildContext
from ..model import Objective, Recommendation, Strategy, Term
from ..search_language import LANGUAGE, terms
from . import AfterBuild, Collector, Published

INDEX_PATH = urls.SEARCH_INDEX
FORMAT = 1
# Fields of a record with their weights. A term counts once, in its strongest field. "normas" (the
# related norms: kind, number, year and common name; added after the others so that readers of the
# index keep their field positions) weighs more than the official text, and it is the field named by
# SOBRE: a record with every term of the query in that one field (the query names a norm it is linked
# to) is ABOUT the query and comes before those that merely mention its words ("lei do governo
# digital" finds the items linked to Lei 14.129 before 1.5, whose text says "lei" three times).
CAMPOS = [("titulo", 3.0), ("oficial", 1.0), ("simples", 0.8), ("extra", 0.6), ("normas", 2.0)]
# Items first: an entry of the glossary or a page that says a word in its title still comes after
# the recommendation whose official text says it ("cpf" finds 3.7 first, then the glossary's CPF).
SOBRE = "normas"
TIPOS = {"objetivo": 1.0, "recomendacao": 1.0, "pagina": 0.3, "tema": 0.3, "glossario": 0.3, "ente": 0.1}
_PAGE_WORDS = 150
_OBJECTIVE_LABEL_CHARS = 110
# Parts of a Material page that are not its content, and our blocks that are not either.
_SKIPPED_CLASSES = {"headerlink", "engd-ancora", "md-source-file", "md-content__button", "engd-citar", "engd-sugerir"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}


@dataclass(frozen=True)
class Record:
    """One result of the search: where it points, what it shows, and the texts it is found by.

    ``fields`` maps a field name of ``CAMPOS`` to the texts of that field (not yet reduced)."""
    url: str
    title: str
    kind: str
    number: str
    context: str
    texts: tuple[str, ...]
    fields: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        reduced = {name: [t for text in self.fields.get(name, ()) for t in terms(text)] for name, _ in CAMPOS}
        counts = Counter(t for found in reduced.values() for t in found)
        seen: set[str] = set()
        stems = {}
        for name, _weight in sorted(CAMPOS, key=lambda field: -field[1]):
            found = sorted(set(reduced[name]) - seen)
            seen.update(found)
            stems[name] = " ".join(t if counts[t] == 1 else f"{t}:{counts[t]}" for t in found)
        stems = [stems[name] for name, _ in CAMPOS]
        return {"url": self.url, "titulo": self.title, "tipo": self.kind, "numero": self.number,
                "contexto": self.context, "textos": list(self.texts), "radicais": stems}


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary and add an ellipsis: long objectives fit one line of a result."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}…"


def objective_label(objective: Objective) -> str:
    """The objective's text, shortened; the search box shows it as "Objetivo N: label"."""
    return shorten(objective.official_text, _OBJECTIVE_LABEL_CHARS)


def number_aliases(rec: Recommendation) -> str:
    """How people write the item's number: "3.7 3-7 item 3.7"."""
    return f"{rec.id} {rec.slug} item {rec.id}"


def _item_texts(official: str, plain: str | None, in_practice: tuple[str, ...]) -> tuple[str, ...]:
    return (official,) + ((plain,) if plain else ()) + tuple(in_practice)


def glossary_lines(texts, terms_: tuple[Term, ...]) -> list[str]:
    """For each glossary term with an expansion whose term or form is written in the texts (as a
    whole word, case as written): "term: expansion"."""
    joined = "\n".join(texts)
    lines = []
    for term in terms_:
        forms = (term.term,) + term.forms
        if term.expansion and any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", joined) for form in forms):
            lines.append(f"{term.term}: {term.expansion}")
    return lines


def norm_lines(norm_ids: tuple[str, ...], strategy: Strategy) -> list[str]:
    """For each related norm: "Lei 13.709 de 2018", then its common name when it has one."""
    by_id = {norm.id: norm for norm in strategy.norms}
    lines = []
    for norm_id in norm_ids:
        norm = by_id.get(norm_id)
        if norm is not None:
            lines.append(f"{norm.kind} {norm.number}" + (f" de {norm.date[:4]}" if norm.date else ""))
            lines += [norm.nickname] if norm.nickname else []
    return lines


def norm_acronyms(norm_ids: tuple[str, ...], strategy: Strategy, texts=()) -> list[str]:
    """The glossary's acronyms tied to the related norms ("LGPD"), except those the item's ``texts``
    already write (they count where the text says them). They go with the lesser extra lines: the
    glossary entry "LGPD" itself comes first, then the items linked to the law."""
    joined = "\n".join(texts)
    return [t.term for t in strategy.terms if t.norm_id in norm_ids and t.kind == "sigla"
            and not re.search(rf"(?<!\w){re.escape(t.term)}(?!\w)", joined)]


def _item_record(url, title, kind, number, context, official, plain, in_practice, aliases, strategy,
                 norm_ids: tuple[str, ...] = ()) -> Record:
    texts = _item_texts(official, plain, in_practice)
    return Record(url, title, kind, number, context, texts, {
        "titulo": [aliases] if aliases else [], "oficial": [official], "simples": [plain] if plain else [],
        "extra": list(in_practice) + glossary_lines(texts, strategy.terms) + norm_acronyms(norm_ids, strategy, texts),
        "normas": norm_lines(norm_ids, strategy)})


def item_records(strategy: Strategy) -> list[Record]:
    """Every objective and recommendation, in the model's order."""
    out = []
    for objective in strategy.objectives:
        n = objective.number
        out.append(_item_record(urls.objective(n), f"Objetivo {n}", "objetivo", str(n), "",
                                objective.official_text, objective.plain_text, objective.in_practice,
                                f"objetivo {n}", strategy))
        context = f"Objetivo {n}: {objective_label(objective)}"
        for rec in objective.recommendations:
            out.append(_item_record(urls.recommendation(rec.slug), f"Recomendação {rec.id}", "recomendacao", rec.id,
                                    context, rec.official_text, rec.plain_text, rec.in_practice,
                                    number_aliases(rec), strategy, rec.norm_ids))
    return out


def glossary_records(strategy: Strategy) -> list[Record]:
    """One record per glossary entry, pointing to its place on the glossary page."""
    out = []
    for term in strategy.terms:
        title = f"{term.term} ({term.expansion})" if term.expansion and term.expansion != term.term else term.term
        out.append(Record(urls.glossary_term(term.id), title, "glossario", "", "Glossário", (term.explanation,), {
            "titulo": [term.term], "oficial": [term.expansion or "", term.explanation],
            "extra": [form for form in term.forms if form != term.term]}))
    return out


def theme_records(strategy: Strategy) -> list[Record]:
    return [Record(urls.theme(theme.id), theme.name, "tema", "", "Tema", (theme.description,),
                   {"titulo": [theme.name], "oficial": [theme.description]}) for theme in strategy.themes]


class _PageText(HTMLParser):
    """The title (h1), the headings and the text of a built page's <article>, without the parts
    that are not content (permalinks, edit buttons, the citation and suggestion blocks)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.title: list[str] = []
        self.headings: list[list[str]] = []
        self.body: list[str] = []

    def _skipped(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        skip = bool(classes & _SKIPPED_CLASSES) or "data-search-exclude" in attributes or tag in ("script", "style")
        self.stack.append((tag, skip))
        if tag in ("h2", "h3") and self._inside():
            self.headings.append([])

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def _inside(self) -> bool:
        return any(tag == "article" for tag, _ in self.stack) and not self._skipped()

    def handle_data(self, data):
        if not self._inside():
            return
        tags = {tag for tag, _ in self.stack}
        if "h1" in tags:
            self.title.append(data)
        elif tags & {"h2", "h3"}:
            self.headings[-1].append(data)
        else:
            self.body.append(data)


def _squeeze(parts) -> str:
    return " ".join("".join(parts).split())


def page_record(site_dir: Path, address: str) -> Record | None:
    """A built page as a record: title, headings and its first words; None if the page is missing."""
    path = Path(site_dir) / urls.file_for(address)
    if not path.is_file():
        return None
    parser = _PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    title = _squeeze(parser.title)
    if not title:
        return None
    headings = [_squeeze(h) for h in parser.headings if _squeeze(h)]
    words = _squeeze(parser.body).split()
    text = " ".join(words[:_PAGE_WORDS])
    return Record(address, title, "pagina", "", "", (text,), {"titulo": [title], "oficial": headings + [text]})


def records(strategy: Strategy, site_dir: Path | None = None, pages: tuple[str, ...] = ()) -> list[Record]:
    """All records, in the order the index holds them: items, the built ``pages`` (if a site is
    given; a page missing there is skipped), themes, glossary."""
    pages = [r for r in (page_record(site_dir, a) for a in pages) if r] if site_dir is not None else []
    return item_records(strategy) + pages + theme_records(strategy) + glossary_records(strategy)


def index_document(documents: list[Record], **extra) -> bytes:
    """An index file in the engine's shape: UTF-8 JSON, keys sorted, no spaces."""
    index = {"formato": FORMAT, "lingua": LANGUAGE,
             "campos": [{"nome": name, "peso": weight} for name, weight in CAMPOS], "tipos": TIPOS, "sobre": SOBRE,
             "documentos": [record.as_json() for record in documents], **extra}
    return json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def index_bytes(strategy: Strategy, site_dir: Path | None = None, pages: tuple[str, ...] = ()) -> bytes:
    """The index file's content. With published self-assessments, ``entes`` names the second index
    (``urls.PROGRESS_SEARCH``, from the site's root), which the browser fetches only on the first
    query of four characters or more."""
    extra = {"entes": urls.PROGRESS_SEARCH} if strategy.assessments else {}
    return index_document(records(strategy, site_dir, pages), **extra)


def write_search_index(strategy: Strategy, site_dir: Path, pages: tuple[str, ...] = ()) -> list[str]:
    """After the build: write ``busca/indice.json`` into ``site_dir``. Returns [] or problems in Portuguese."""
    from .search_shards import should_split, write_split_index

    target = Path(site_dir) / INDEX_PATH
    try:
        content = index_bytes(strategy, site_dir, pages)
        target.parent.mkdir(parents=True, exist_ok=True)
        index = json.loads(content)
        if should_split(index):  # a large corpus: the index in pieces (search_shards.py)
            write_split_index(index, site_dir)
        else:
            target.write_bytes(content)
    except (OSError, ValueError) as error:
        return [f"índice de busca: não foi possível gravar {INDEX_PATH} ({type(error).__name__}: {error})."]
    return []


def publish(strategy: Strategy, context: BuildContext) -> list:
    """The index, written after the build from the pages every output declared searchable."""
    def step(published: tuple[Published, ...]) -> list:
        pages = tuple(f.address for f in published if f.page is not None and f.page.search)
        return [AfterBuild("índice de busca", lambda site_dir: write_search_index(strategy, site_dir, pages))]

    return [Collector(step)]
