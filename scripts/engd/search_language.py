"""Portuguese for the site's search: folding, words, stopwords and a light stemmer.

Input: any text. Output: ``fold(text)`` (lower case, no accents), ``words(text)`` (the searchable
words of a folded text, numbers such as "3.7" or "4248" kept whole), ``stem(word)`` (the word's
radical, so that "capacitar" and "capacitação" meet), ``terms(text)`` (folded, stopwords dropped,
stemmed) and ``LANGUAGE`` (the stopwords and the stemmer's rules as plain data).

The same rules run in the browser: the index builder (``search_index.py``) writes ``LANGUAGE`` into
the index file, and ``docs/javascripts/busca-motor.js`` applies them with the same algorithm, so a
query typed in the box is reduced exactly as the indexed text was (``tests/test_search.py`` checks
both sides agree word for word in Chromium). Folding happens BEFORE stemming: a citizen types
without accents, so the rules are written on unaccented words.

The stemmer is our reduced take on the steps of RSLP (Orengo and Huyck, 2001): plural, adverb,
feminine, augmentative, nominal suffix, and, only if no nominal suffix was removed, verbal suffix,
then, only if neither was, a final vowel. In each step the rules are tried longest suffix first
and the first that applies wins: the word ends with the suffix, what is left has at least ``min``
letters, and the word is not one of the rule's exceptions. The exceptions keep apart words that a
suffix rule would merge although they mean different things (the pairs of
``tests/fixtures/consultas_busca.yml``, ``pares_distintos``, checked by the tests and the benchmark): "servidores" (public servants) and "serviços" (services) both
reduced to "serv" before. Words with a digit, and words shorter
than three letters, are left as they are.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MARKS = re.compile("[\u0300-\u036f]")
# "4.248" is the number 4248 (thousands), "3-7" is the item 3.7; both sides of the search agree.
_THOUSANDS = re.compile(r"(?<=[0-9])\.(?=[0-9]{3}(?![0-9]))")
_ITEM_DASH = re.compile(r"(?<![0-9])([0-9]{1,2})-([0-9]{1,2})(?![0-9])")
_WORD = re.compile(r"[a-z0-9]*[a-z][a-z0-9]*|[0-9]+(?:\.[0-9]+)*")

STOPWORDS = frozenset("""
a ao aos as ate com como da das de do dos e ela elas ele eles em entre essa esse esta este isso
isto ja mais mas na nas nao nem no nos o os ou para pela pelas pelo pelos por pra que se sem seu
seus sob sobre sua suas tambem um uma umas uns
""".split())

# (suffix, minimum letters left, replacement, exceptions), on folded words.
_STEPS: list[dict] = [
    {"nome": "plural", "final": "s", "regras": [
        ("ns", 1, "m", ()),
        ("oes", 3, "ao", ()),
        ("aes", 1, "ao", ("maes",)),
        ("ais", 1, "al", ("cais", "mais", "demais", "jamais", "pais")),
        ("eis", 2, "el", ()),
        ("ois", 2, "ol", ("depois", "dois")),
        ("is", 2, "il", ("lapis", "cais", "mais", "pois", "depois", "dois", "leis", "pais", "seis",
                         "gratis", "tenis", "demais", "jamais")),
        ("les", 3, "l", ()),
        ("res", 3, "r", ()),
        ("s", 2, "", ("mais", "menos", "ferias", "gas", "atras", "atraves", "apos", "ambas", "ambos",
                      "pais", "lapis", "cais", "pires", "onibus", "virus", "tres", "simples")),
    ]},
    {"nome": "advérbio", "final": "", "regras": [
        ("mente", 4, "", ("experimente", "alimente", "aumente")),
    ]},
    {"nome": "feminino", "final": "a", "regras": [
        ("ora", 3, "or", ()),
        ("inha", 3, "inho", ("rainha", "linha", "marinha", "vizinha", "cozinha")),
        ("esa", 3, "es", ("mesa",)),
        ("osa", 3, "oso", ("prosa", "mucosa")),
        ("ica", 3, "ico", ("dica",)),
        ("ada", 2, "ado", ("nada", "cada", "cidada")),
        ("ida", 3, "ido", ("vida", "duvida")),
        ("ima", 3, "imo", ("vitima",)),
        ("iva", 3, "ivo", ("saliva", "oliva")),
        ("eira", 3, "eiro", ()),
    ]},
    {"nome": "aumentativo", "final": "", "regras": [
        ("issimo", 3, "", ()),
        ("zinho", 2, "", ()),
        ("inho", 3, "", ("caminho", "vizinho", "sozinho")),
    ]},
    {"nome": "nome", "final": "", "regras": [
        ("amentacao", 3, "", ()),
        ("amentado", 3, "", ()),
        ("amentar", 3, "", ()),
        ("amentaria", 3, "", ()),
        ("amentario", 3, "", ()),
        ("amento", 3, "", ()),
        ("imento", 3, "", ()),
        ("abilidade", 3, "abil", ()),
        ("ibilidade", 3, "ibil", ()),
        ("idade", 3, "", ("integridade",)),  # integrity, not integração (integration)
        ("acao", 3, "", ()),
        ("icao", 3, "", ()),
        ("atura", 3, "", ()),
        ("encia", 3, "", ()),
        ("ancia", 3, "", ()),
        ("anca", 3, "", ("governanca",)),  # governança, not governo
        ("ente", 4, "", ()),
        ("ante", 4, "", ()),
        ("avel", 3, "abil", ()),
        ("ivel", 3, "ibil", ()),
        ("ador", 3, "", ()),
        ("edor", 3, "", ()),
        # "servidor(es)" is a person, "serviço(s)" a service: both would become "serv".
        ("idor", 3, "", ("servidor",)),
        ("ario", 3, "", ()),
        ("agem", 3, "", ("vantagem", "coragem")),
        ("ismo", 3, "", ()),
        ("ista", 4, "", ()),
        ("ico", 4, "", ("publico",)),
        ("ivo", 4, "", ()),
        ("oso", 3, "", ()),
        ("ado", 2, "", ("estado",)),
        ("ido", 3, "", ()),
        ("ao", 3, "", ()),
    ]},
    {"nome": "verbo", "final": "", "regras": [
        ("ariamos", 2, "", ()), ("eriamos", 2, "", ()), ("iriamos", 2, "", ()),
        ("assemos", 2, "", ()), ("essemos", 2, "", ()), ("issemos", 2, "", ()),
        ("aremos", 2, "", ()), ("eremos", 2, "", ()), ("iremos", 2, "", ()),
        ("avamos", 2, "", ()), ("ariam", 2, "", ()), ("eriam", 2, "", ()), ("iriam", 2, "", ()),
        ("assem", 2, "", ()), ("essem", 2, "", ()), ("issem", 2, "", ()),
        ("arem", 2, "", ()), ("erem", 2, "", ()), ("irem", 2, "", ()),
        ("aria", 2, "", ("portaria",)), ("eria", 2, "", ()), ("iria", 2, "", ()),
        ("asse", 2, "", ()), ("esse", 2, "", ()), ("isse", 2, "", ()),
        ("aram", 2, "", ()), ("eram", 2, "", ()), ("iram", 2, "", ()), ("avam", 2, "", ()),
        ("ando", 2, "", ()), ("endo", 2, "", ()), ("indo", 2, "", ()),
        ("amos", 2, "", ()), ("emos", 2, "", ()), ("imos", 2, "", ()),
        ("ava", 2, "", ()), ("iam", 3, "", ()),
        ("ar", 2, "", ()), ("er", 2, "", ()), ("ir", 2, "", ()),
        ("am", 2, "", ()), ("em", 2, "", ()),
        ("ia", 3, "", ()), ("ei", 3, "", ()), ("eu", 3, "", ()), ("iu", 3, "", ()), ("ou", 3, "", ()),
    ]},
    {"nome": "vogal", "final": "", "regras": [
        ("a", 2, "", ()), ("e", 2, "", ()), ("o", 2, "", ()),
    ]},
]


def _sorted_steps() -> list[dict]:
    """Each step's rules, longest suffix first (stable): the order both sides apply them in."""
    return [{"nome": step["nome"], "final": step["final"],
             "regras": [[suffix, minimum, replacement, sorted(exceptions)] for suffix, minimum, replacement, exceptions
                        in sorted(step["regras"], key=lambda rule: -len(rule[0]))]}
            for step in _STEPS]


# What the browser receives in the index file (plain JSON data).
LANGUAGE = {"vazias": sorted(STOPWORDS), "passos": _sorted_steps()}
_STEP = {step["nome"]: step for step in LANGUAGE["passos"]}


def fold(text: str) -> str:
    """Lower case without accents ("Segurança" → "seguranca"), as the browser does."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text.lower()))


def words(folded: str) -> list[str]:
    """The words of a folded text, in order; "3-7" becomes "3.7" and "4.248" becomes "4248"."""
    folded = _ITEM_DASH.sub(r"\1.\2", _THOUSANDS.sub("", folded))
    return _WORD.findall(folded)


def _apply(step: dict, word: str) -> str:
    if not word.endswith(step["final"]):
        return word
    for suffix, minimum, replacement, exceptions in step["regras"]:
        if word.endswith(suffix) and len(word) - len(suffix) >= minimum and word not in exceptions:
            return word[: len(word) - len(suffix)] + replacement
    return word


@lru_cache(maxsize=None)
def stem(word: str) -> str:
    """The radical of a folded word (see the module docstring for the steps). Cached: a corpus
    repeats the same few thousand words."""
    if len(word) < 3 or any(c.isdigit() for c in word):
        return word
    for name in ("plural", "advérbio", "feminino", "aumentativo"):
        word = _apply(_STEP[name], word)
    changed = _apply(_STEP["nome"], word)
    if changed == word:
        changed = _apply(_STEP["verbo"], word)
        if changed == word:
            changed = _apply(_STEP["vogal"], word)
    return changed


def terms(text: str) -> list[str]:
    """The searchable terms of a text: folded words without stopwords, stemmed, in order."""
    return [stem(word) for word in words(fold(text)) if word not in STOPWORDS]
