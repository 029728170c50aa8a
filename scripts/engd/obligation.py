"""Validator rule: our texts never turn a recommendation into a duty.

The act "estabelece recomendações" (art. 1º) and its annex lists "recomendações aos entes
federados". Input: one item (objective or recommendation) of a valid objective document, as the
texts that ``plain_language`` reads from it (this module reads no data key itself). Output: one
problem per word of obligation ("deve", "precisam", "tem que", "é obrigatório", …) that the
item's ``texto_simples`` or ``na_pratica`` uses while its ``texto_oficial`` has no word of the same
family, naming the item and the word as written. A word may stay only through an entry of the
item's ``excecoes_obrigacao`` (the word and the reason, reviewed by a person); an entry that no
text of the item uses is a problem too, so the list never goes stale.
"""
from __future__ import annotations

import re

from .load import Document
from .problems import Problem

EXCEPTIONS_KEY = "excecoes_obrigacao"

# Each family: the forms that say something must be done. Negations ("não precisa") are flagged as
# well: the rule is plain and the fix is always a rewording.
FAMILIES: dict[str, tuple[str, ...]] = {
    "dever": ("deve", "devem", "deverá", "deverão", "deveria", "deveriam", "devemos", "dever", "deveres"),
    "precisar": ("precisa", "precisam", "precisará", "precisarão", "precisaria", "precisariam",
                 "é preciso", "será preciso"),
    "ter que": ("tem que", "têm que", "terá que", "terão que", "ter que", "tem de", "têm de", "terá de",
                "terão de", "ter de"),
    "obrigar": ("é obrigatório", "é obrigatória", "obrigatório", "obrigatória", "obrigatórios", "obrigatórias",
                "obrigação", "obrigações", "obriga", "obrigam", "obrigar", "obrigado", "obrigada", "obrigados",
                "obrigadas"),
}
_FAMILY_OF = {form: family for family, forms in FAMILIES.items() for form in forms}
# Longest forms first, so that "é obrigatório" wins over "obrigatório".
_PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(_FAMILY_OF, key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)


def obligation_words(text: str) -> list[str]:
    """Words of obligation in ``text``, as written, in order (spaces inside a form made single)."""
    return [" ".join(match.group(1).split()) for match in _PATTERN.finditer(text)]


def family(word: str) -> str:
    """The family of a form found by ``obligation_words`` ("Devem" → "dever")."""
    return _FAMILY_OF[" ".join(word.lower().split())]


def check_item(document: Document, path: tuple, label: str, official: str, texts: list[tuple[tuple, str]],
               exceptions: list[dict]) -> list[Problem]:
    """Problems of one objective or recommendation: ``texts`` are (path, text) of its explanation and
    examples, ``official`` its official text, ``exceptions`` its ``excecoes_obrigacao`` entries
    (``path`` leads to the item in ``document``)."""
    allowed_families = {family(w) for w in obligation_words(official)}
    listed = {e["palavra"].lower(): i for i, e in enumerate(exceptions)}
    used: set[str] = set()
    problems = []
    for where, text in texts:
        seen: set[str] = set()
        for word in obligation_words(text):
            key = word.lower()
            if key in seen or family(word) in allowed_families:
                continue
            seen.add(key)
            if key in listed:
                used.add(key)
                continue
            problems.append(document.problem(where,
                f"“{word}” ({label}) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz "
                f"recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em {EXCEPTIONS_KEY}."))
    for key, i in listed.items():
        if key not in used:
            problems.append(document.problem(path + (EXCEPTIONS_KEY, i, "palavra"),
                f"a exceção “{exceptions[i]['palavra']}” ({label}) não corresponde a nenhuma palavra de obrigação "
                f"da explicação nem dos exemplos; apague-a."))
    return problems
