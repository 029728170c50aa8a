"""Finding glossary terms in a text, and marking them so every reader gets their meaning.

Input: the model's ``Term`` objects. ``TermMatcher.find(text)`` lists the glossary forms that occur
in a text (longest form first, whole words, case as written in ``formas``) and the acronyms left
unexplained; ``TermMarker.mark(text)`` returns Markdown in which each acronym is an
``<abbr title="expansão">`` and the first occurrence of each term on the page links to its
glossary entry (a keyboard- and touch-reachable link; the entry explains it), styled as a term and
not as navigation (dotted underline, text colour: docs/stylesheets/engd.css) with the first sentence
of the explanation as its tooltip. The same matcher serves the
pages, the validator and the tests, so what is checked is what is shown.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# An acronym: two or more capitals (accents allowed), optionally with a dotted part (GOV.BR).
ACRONYM = re.compile(r"(?<![\w.])[A-ZÁÉÍÓÚÂÊÔÃÕÇ]{2,}(?:\.[A-Za-z]{2,})?(?![\w])")
ROMAN_NUMERAL = re.compile(r"^[IVXLCDM]+$")


@dataclass(frozen=True)
class Occurrence:
    start: int
    end: int
    form: str
    term: object


class TermMatcher:
    def __init__(self, terms):
        self.by_form = {}
        for term in terms:
            for form in term.forms:
                self.by_form.setdefault(form, term)
        forms = sorted(self.by_form, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<![\w.])(" + "|".join(map(re.escape, forms)) + r")(?![\w])") if forms else None

    def occurrences(self, text: str) -> list[Occurrence]:
        if self.pattern is None:
            return []
        return [Occurrence(m.start(), m.end(), m[1], self.by_form[m[1]]) for m in self.pattern.finditer(text)]

    def unexplained_acronyms(self, text: str) -> list[str]:
        """Acronyms in ``text`` outside every glossary form (Roman numerals excepted)."""
        covered = [(o.start, o.end) for o in self.occurrences(text)]
        found = []
        for match in ACRONYM.finditer(text):
            inside = any(start <= match.start() and match.end() <= end for start, end in covered)
            if not inside and not ROMAN_NUMERAL.match(match[0]) and match[0] not in found:
                found.append(match[0])
        return found


def _hint(term) -> str:
    """The tooltip of a marked term: the first sentence of its explanation, safe inside attr_list."""
    first = re.split(r"(?<=[.!?])\s", term.explanation.strip(), maxsplit=1)[0]
    return html.escape(f"Glossário: {first}".replace('"', "'").replace("{", "(").replace("}", ")"), quote=False)


class TermMarker:
    """Marks terms in the texts of ONE page: a new marker per page, so 'first occurrence' is per page."""

    def __init__(self, matcher: TermMatcher, escape, glossary_link: str | None):
        self.matcher = matcher
        self.escape = escape
        self.glossary_link = glossary_link
        self.linked: set[str] = set()

    @staticmethod
    def _abbr(occurrence: Occurrence) -> str:
        term, shown = occurrence.term, html.escape(occurrence.form)
        if term.expansion and term.expansion != occurrence.form:
            return f'<abbr title="{html.escape(term.expansion, quote=True)}">{shown}</abbr>'
        return shown

    def _markup(self, occurrence: Occurrence, link: bool) -> str:
        term = occurrence.term
        shown = self._abbr(occurrence)
        if not link or self.glossary_link is None or term.id in self.linked:
            return shown
        self.linked.add(term.id)
        return f'[{shown}]({self.glossary_link}#{term.id}){{ .engd-termo title="{_hint(term)}" }}'

    def mark_html(self, text: str) -> str:
        """``text`` as HTML (for raw HTML blocks): escaped, acronyms in ``<abbr>``, no links."""
        parts, position = [], 0
        for occurrence in self.matcher.occurrences(text):
            parts.append(html.escape(text[position:occurrence.start]))
            parts.append(self._abbr(occurrence))
            position = occurrence.end
        parts.append(html.escape(text[position:]))
        return "".join(parts)

    def mark(self, text: str, link: bool = True) -> str:
        """``text`` as Markdown with its terms marked; ``link=False`` for headings (no link inside)."""
        parts, position = [], 0
        for occurrence in self.matcher.occurrences(text):
            parts.append(self.escape(text[position:occurrence.start], at_start=position == 0))
            parts.append(self._markup(occurrence, link))
            position = occurrence.end
        parts.append(self.escape(text[position:], at_start=position == 0))
        return "".join(parts)


def abbreviation_definitions(terms) -> str:
    """Markdown ``abbr`` definitions (``*[CPF]: Cadastro de Pessoas Físicas``) of every acronym form,
    appended to hand-written pages so that their acronyms are explained like the generated ones."""
    lines = sorted({f"*[{form}]: {term.expansion}" for term in terms if term.expansion
                    for form in term.forms if ACRONYM.fullmatch(form) and form != term.expansion})
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""


# Words that open the name of a programme, platform, network or body ("Programa Capacita GOV.BR"):
# a reader may look for the name under its first word or under the word after it.
GENERIC_FIRST_WORDS = frozenset({"Programa", "Plataforma", "Rede", "Serviço"})
_JOINING = re.compile(r"^(de|da|do|das|dos)\s+")


def sort_key(name: str) -> str:
    """How a name is filed: as written, without accents or case ("Órgão" with the O's)."""
    folded = unicodedata.normalize("NFD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9 ]", "", folded.lower()).strip()


@dataclass(frozen=True)
class IndexEntry:
    """One line of the A–Z index: the entry itself (``see`` is False) or a pointer to it from the
    main word of its name (``label`` "Capacita GOV.BR, Programa", ``see`` True)."""

    label: str
    term: object
    see: bool = False


def index_letters(terms) -> list[tuple[str, list[IndexEntry]]]:
    """The glossary by letter. Every term is filed by its name as written (accents and case aside:
    "Programa Capacita GOV.BR" under P); a name opened by a generic word (GENERIC_FIRST_WORDS) is
    also pointed to from its main word ("Capacita GOV.BR, Programa" under C). Letters in order, entries by
    name within each letter."""
    entries = [IndexEntry(t.term, t) for t in terms]
    for t in terms:
        first, _, rest = t.term.partition(" ")
        if first in GENERIC_FIRST_WORDS and rest:
            entries.append(IndexEntry(f"{_JOINING.sub('', rest)}, {first}", t, see=True))
    letters: dict[str, list[IndexEntry]] = {}
    for entry in sorted(entries, key=lambda e: (sort_key(e.label), e.see)):
        letters.setdefault(sort_key(entry.label)[:1].upper() or "#", []).append(entry)
    return sorted(letters.items())
