"""Validator rules for our plain-language texts (recommendations 2.1 and 10.2 of the act).

Input: valid objective documents and the glossary document (or None). Output: problems naming the
file, line, field, the item and the figure, when an explanation (``texto_simples``) scores below
``MIN_INDEX`` on the Portuguese Flesch index, averages more than ``MAX_WORDS_PER_SENTENCE`` words a
sentence, uses an acronym (in ``texto_simples`` or ``na_pratica``) that the glossary lacks, or uses
a word of obligation that the official text of the item lacks (``obligation``: the act only
recommends). It judges only our texts, never the official ones.
"""
from __future__ import annotations

from types import SimpleNamespace

from . import obligation
from .glossary import TermMatcher
from .load import Document
from .problems import Problem
from .readability import analyse

MIN_INDEX = 50.0
MAX_WORDS_PER_SENTENCE = 20.0


def _matcher(glossary: Document | None) -> TermMatcher:
    items = glossary.value["termos"] if glossary else []
    return TermMatcher([SimpleNamespace(id=t["id"], forms=t["formas"], expansion=t.get("expansao")) for t in items])


def _check_item(document: Document, path: tuple, item: dict, label: str, matcher: TermMatcher) -> list[Problem]:
    problems = []
    text = item.get("texto_simples")
    figures = None
    if text:
        try:
            figures = analyse(text)
        except ValueError:
            problems.append(document.problem(path + ("texto_simples",), f"a explicação {label} não tem nenhuma palavra."))
    if figures:
        index = f"{figures.index:.1f}".replace(".", ",")
        if figures.index < MIN_INDEX:
            problems.append(document.problem(path + ("texto_simples",),
                f"a explicação {label} tem índice de legibilidade {index} ({figures.band}); o mínimo é {MIN_INDEX:.0f}. Use frases mais curtas e palavras mais simples."))
        if figures.words_per_sentence > MAX_WORDS_PER_SENTENCE:
            average = f"{figures.words_per_sentence:.1f}".replace(".", ",")
            problems.append(document.problem(path + ("texto_simples",),
                f"a explicação {label} tem em média {average} palavras por frase; o máximo é {MAX_WORDS_PER_SENTENCE:.0f}."))
    ours = []
    for key, texts in (("texto_simples", [text] if text else []), ("na_pratica", item.get("na_pratica", []))):
        for i, piece in enumerate(texts):
            where = path + ((key,) if key == "texto_simples" else (key, i))
            ours.append((where, piece))
            for acronym in matcher.unexplained_acronyms(piece):
                problems.append(document.problem(where, f"a sigla “{acronym}” ({label}) não está no glossário (glossario.yml)."))
    return problems + obligation.check_item(document, path, label, item["texto_oficial"], ours,
                                            item.get(obligation.EXCEPTIONS_KEY, []))


def check_plain_language(objectives: list[Document], glossary: Document | None) -> list[Problem]:
    matcher = _matcher(glossary)
    problems: list[Problem] = []
    for document in objectives:
        value = document.value
        problems += _check_item(document, (), value, f"do objetivo {value['numero']}", matcher)
        for i, item in enumerate(value["recomendacoes"]):
            problems += _check_item(document, ("recomendacoes", i), item, f"da recomendação {item['numero']}", matcher)
    return problems
