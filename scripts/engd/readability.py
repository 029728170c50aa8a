"""Legibilidade de textos em português: sílabas, frases, palavras e índice de Flesch.

Contract
--------
Input: Portuguese plain text (``str``). Output: counts of sentences, words and
syllables, and the Flesch reading-ease index as adapted to Portuguese by Martins
et al. (1996): ``ILF = 248.835 - 1.015 * (words/sentences) - 84.6 * (syllables/words)``.
Every function here is pure: it never touches files, the network or global state.

Syllables (``count_syllables``) follow the orthographic division of the ABL/Houaiss
convention, counted by rule (no dictionary):

* A token is split into runs of letters; hyphens, digits and punctuation separate
  runs and count nothing, so ``bem-estar`` = 3 and ``2024`` = 0. ``º``/``ª`` are ignored.
* ``u``/``ü`` after ``q``/``g`` and before a vowel is never a syllable nucleus: silent
  in *que*, *guerra*, glide in *quando*, *água*, *saguão* (so *ar-gu-ir* is missed).
* Falling diphthongs: a vowel plus unaccented ``i``/``u`` (*pai*, *céu*, *muito*),
  and the nasal ``ão``, ``ãe``, ``õe``. Accented ``í``/``ú`` never join (*sa-ú-de*).
  The glide becomes a hiatus before ``nh`` (*ra-i-nha*), before a consonant other
  than ``s`` that closes the syllable (*a-in-da*, *ju-iz*, *sa-ir*, *ru-im*), in the
  endings ``-uiç-``/``-uidade`` (*ins-ti-tu-i-ção*, *gra-tu-i-da-de*) and before ``iu``
  (*ca-iu*, *in-clu-iu*).
* The contractions ``ao`` and ``aos`` (a + o) are one syllable, a falling diphthong the
  rules below would split; elsewhere ``ao`` stays a hiatus (*ca-os*, *a-on-de*).
* Any other vowel pair is a hiatus (*po-e-ta*, *vo-o*, *le-em*, *so-ci-al*, *di-a*),
  except the unstressed word-final ``i``/``u`` + ``a``/``e``/``o`` (+``s``) after a written
  stress mark, kept as one syllable by the ABL convention: *his-tó-ria*, *sé-rie*,
  *ci-ên-cia*, *tê-nue*; without a stress mark the ``i``/``u`` is tonic: *e-co-no-mi-a*.
  Final ``-ea``/``-eo``/``-oa`` after a stress mark (*área*, *óleo*) count as hiatus.
* Letters are read one by one, with the syllables of their Portuguese names
  (cê = 1, efe = 2, agá = 2, ...), when a run has no vowel (``CPF`` = cê-pê-efe = 4,
  ``br`` = 3) or is an all-capitals ASCII run of 2-5 letters that cannot be read as a
  Portuguese word (``PPSI`` = 5, ``IBGE`` = 4, ``INSS`` = 7). Capitals that can be read
  as a word count as a word (``GOV`` = 1, ``SUS`` = 1, ``ENAP`` = 2, ``GOV.BR`` = 4).

Sentences end at ``.``, ``!``, ``?`` or ``…`` followed by a space or the end, and at a
blank line; ``;`` and ``:`` do not end them. A period does not end a sentence inside a
number (``4.248``, ``R$ 1.000,00``), inside ``GOV.BR``, after a known abbreviation
(``art.``, ``nº``, ``Sr.``), after a list number opening the sentence (``1.``, ``3.7.``),
nor when the next word starts in lower case (``etc. e``).
Words are whitespace tokens, trimmed of surrounding punctuation, that contain a letter
or a digit; a hyphenated word is one word. Numbers are words with zero syllables.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

VOWELS = frozenset("aeiouyáéíóúâêôãõàü")
_STRESS_MARKS = frozenset("áéíóúâêô")  # the tilde marks nasality, not stress
_ONSET_PAIRS = frozenset(
    "pr br tr dr cr gr fr vr pl bl cl gl fl ch lh nh".split()
)
_ONSETS = frozenset(string.ascii_lowercase) | _ONSET_PAIRS
_CODAS = frozenset(["", "l", "r", "s", "m", "n", "x", "z", "ns", "rs"])
# á bê cê dê é efe gê agá i jota cá ele eme ene ó pê quê erre esse tê u vê dáblio xis ípsilon zê
_LETTER_SYLLABLES = dict(zip(string.ascii_lowercase, map(int, "11111212121222111221113131")))
_ABBREVIATIONS = frozenset(
    """art arts nº n núm inc incs al par parág pág págs p pp fl fls cap tít seç
    sr sra srs sras dr dra drs dras prof profa exmo exma ilmo ilma cf ex obs aprox
    av tel vol ed ltda s.a i.e e.g p.ex v máx mín séc""".split()
)


def _letter_by_letter(run: str) -> int:
    return sum(_LETTER_SYLLABLES.get(c, 1) for c in run.lower())


def _pronounceable(run: str) -> bool:
    """True when a lower-case ASCII run fits Portuguese syllable structure."""
    clusters = re.split(r"[aeiouy]+", run)
    if len(clusters) == 1:
        return False
    first, *middle, last = clusters
    if first and first not in _ONSETS:
        return False
    if len(last) > 1 and last not in _CODAS:
        return False
    return all(
        not c or any(c[:k] in _CODAS and c[k:] in _ONSETS for k in range(len(c)))
        for c in middle
    )


def _is_spelled(run: str) -> bool:
    if not any(c in VOWELS for c in run.lower()):
        return True
    return 2 <= len(run) <= 5 and run.isascii() and run.isupper() and not _pronounceable(run.lower())


def _closes_syllable(rest: str) -> bool:
    """True when ``rest`` starts with a consonant (not s) ending the current syllable."""
    if not rest or rest[0] in VOWELS or rest[0] == "s":
        return False
    return len(rest) == 1 or (rest[1] not in VOWELS and rest[:2] not in _ONSET_PAIRS)


def _joins(cluster: str, k: int, rest: str) -> bool:
    """Whether cluster[k + 1] is a glide in the same syllable as the nucleus cluster[k]."""
    nucleus, glide = cluster[k], cluster[k + 1]
    if nucleus in "ãõ" and glide in "eo":
        return True
    if glide not in "iuy" or glide == nucleus:
        return False
    if glide == "i" and cluster[k + 2 : k + 3] == "u":  # ca-iu, in-clu-iu
        return False
    if k + 2 < len(cluster):
        return True
    if rest.startswith("nh") or _closes_syllable(rest):  # ra-i-nha, a-in-da, ju-iz
        return False
    return not (nucleus == "u" and glide == "i" and rest.startswith(("ç", "dade")))


def _count_cluster(word: str, start: int, end: int) -> int:
    cluster, rest, count = word[start:end], word[end:], 0
    if (
        len(cluster) >= 2
        and cluster[-2] in "iu"
        and cluster[-1] in "aeo"
        and rest in ("", "s")
        and any(c in _STRESS_MARKS for c in word[:start])
    ):
        cluster, count = cluster[:-2], 1  # his-tó-ria, sé-rie, tê-nue
    k = 0
    while k < len(cluster):
        count += 1
        k += 2 if k + 1 < len(cluster) and _joins(cluster, k, rest) else 1
    return count


def _count_run(run: str) -> int:
    if _is_spelled(run):
        return _letter_by_letter(run)
    word = run.lower()
    syllabic = [c in VOWELS for c in word]
    for i in range(1, len(word) - 1):
        if word[i] in "uü" and word[i - 1] in "qg" and word[i + 1] in VOWELS:
            syllabic[i] = False  # que, guerra, quando, água
    count, i = 0, 0
    while i < len(word):
        if not syllabic[i]:
            i += 1
            continue
        j = i
        while j < len(word) and syllabic[j]:
            j += 1
        count += _count_cluster(word, i, j)
        i = j
    return count


_ONE_SYLLABLE_WORDS = frozenset(["ao", "aos"])  # a + o: falling diphthong (ao = "au")


def count_syllables(word: str) -> int:
    """Number of orthographic syllables of one token (see the module docstring)."""
    runs = re.findall(r"[^\W\d_]+", word.replace("º", "").replace("ª", ""))
    return sum(1 if run.lower() in _ONE_SYLLABLE_WORDS else _count_run(run) for run in runs)


def split_words(text: str) -> list[str]:
    """Tokens with at least one letter or digit, trimmed of surrounding punctuation."""
    tokens = (re.sub(r"^[\W_]+|[\W_]+$", "", raw) for raw in re.split(r"[\s—–]+", text))
    return [t for t in tokens if any(c.isalnum() for c in t)]


_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)|\n[ \t]*\n")


def _ends_sentence(text: str, start: int, match: re.Match[str]) -> bool:
    if not match.group().strip():
        return True  # blank line
    following = text[match.end() :].lstrip()
    if following[:1].islower():
        return False  # "etc. e", "Sr. fulano"
    if match.group().rstrip("\"'”’»)]") != ".":
        return True
    before = text[start : match.start()].split()
    last = before[-1].lstrip("([{\"'“«").lower() if before else ""
    if last in _ABBREVIATIONS:
        return False
    return not (len(before) == 1 and re.fullmatch(r"\d+(\.\d+)*", last))  # "1." list items


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``, stripped; chunks without any word are dropped."""
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(text):
        if _ends_sentence(text, start, match):
            sentences.append(text[start : match.end()].strip())
            start = match.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if split_words(s)]


def flesch_index(sentences: int, words: int, syllables: int) -> float:
    """Martins et al. (1996) Flesch index for Portuguese; raw, not clamped."""
    if sentences <= 0 or words <= 0:
        raise ValueError("É preciso ao menos uma frase e uma palavra para calcular o índice.")
    return 248.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def band(index: float) -> str:
    """Portuguese label of an index: ≥75, ≥50, ≥25, below."""
    if index >= 75:
        return "muito fácil"
    if index >= 50:
        return "fácil"
    if index >= 25:
        return "difícil"
    return "muito difícil"


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    syllables: int
    index: float  # rounded to 1 decimal, never -0.0

    @property
    def band(self) -> str:
        return band(self.index)

    @property
    def words_per_sentence(self) -> float:
        return round(self.words / self.sentences, 1)


@lru_cache(maxsize=None)
def analyse(text: str) -> Readability:
    """Counts and index of ``text``; ValueError when it has no word. Cached: the validator, the
    pages and the open data all ask for the same texts."""
    words = split_words(text)
    if not words:
        raise ValueError("Texto vazio: não há palavras para avaliar a legibilidade.")
    sentences = len(split_sentences(text))
    syllables = sum(count_syllables(w) for w in words)
    index = flesch_index(sentences, len(words), syllables)
    return Readability(sentences, len(words), syllables, round(index, 1) + 0.0)  # + 0.0: never -0.0
