"""Testes do módulo engd.readability (sílabas, frases, palavras e índice de Flesch)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

from engd.readability import (
    Readability,
    analyse,
    band,
    count_syllables,
    flesch_index,
    split_sentences,
    split_words,
)

WORD_LIST = ROOT / "tests" / "fixtures" / "silabas.tsv"


def load_word_list() -> list[tuple[str, list[str]]]:
    lines = WORD_LIST.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "palavra\tdivisao", "cabeçalho esperado: palavra<TAB>divisao"
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        word, division = line.split("\t")
        rows.append((word, division.split("-")))
        assert "".join(division.split("-")) == word, f"linha {number}: {division} ≠ {word}"
    return rows


# --- the word list itself -------------------------------------------------


def test_word_list_is_large_unique_and_covers_the_hard_cases():
    rows = load_word_list()
    words = [w for w, _ in rows]
    assert len(rows) >= 200
    assert len(set(words)) == len(words), "palavras repetidas na lista"
    accented = [w for w in words if any(c in "áéíóúâêô" for c in w)]
    qu_gu = [w for w in words if "qu" in w or "gu" in w]
    nasal = [w for w in words if any(s in w for s in ("ão", "ãe", "õe")) or w.endswith(("am", "em"))]
    assert len(accented) >= 30
    assert len(qu_gu) >= 15
    assert len(nasal) >= 20


def test_syllable_counter_matches_the_word_list():
    rows = load_word_list()
    misses = [
        f"{word} ({'-'.join(parts)}: {len(parts)}, contou {count_syllables(word)})"
        for word, parts in rows
        if count_syllables(word) != len(parts)
    ]
    hits = len(rows) - len(misses)
    assert hits / len(rows) >= 0.95, f"{hits} de {len(rows)} certas; erros: " + "; ".join(misses)


# --- syllables: the rules named in the contract ---------------------------


@pytest.mark.parametrize(
    "word, expected",
    [
        # diphthongs, oral and nasal
        ("pai", 1), ("leitura", 3), ("muito", 2), ("céu", 1), ("outro", 2),
        ("mãe", 1), ("põe", 1), ("ações", 2), ("cidadão", 3),
        # the contractions ao/aos: a falling diphthong (one syllable), unlike ca-os, a-on-de
        ("ao", 1), ("aos", 1), ("Ao", 1), ("AOS", 1), ("caos", 2), ("aonde", 3),
        ("depois", 2), ("pastéis", 2), ("mingau", 2), ("saia", 2), ("saía", 3), ("áudio", 2),
        # hiatus
        ("saúde", 3), ("país", 2), ("ruído", 3), ("ideia", 3), ("pessoa", 3),
        ("poeta", 3), ("voo", 2), ("leem", 2), ("cooperar", 4), ("ainda", 3),
        ("juiz", 2), ("rainha", 3), ("caiu", 2), ("instituição", 5),
        # qu / gu
        ("que", 1), ("guerra", 2), ("quando", 2), ("água", 2), ("quantidade", 4),
        ("seguinte", 3), ("agudo", 3), ("segurança", 4),
        # nasal endings
        ("falam", 2), ("também", 2), ("têm", 1), ("comum", 2),
        # triphthongs
        ("Uruguai", 3), ("iguais", 2), ("saguão", 2), ("enxaguou", 3),
        # final rising diphthong after a stress mark (ABL) vs tonic i
        ("história", 3), ("série", 2), ("ciência", 3), ("secretária", 4),
        ("secretaria", 5), ("economia", 5),
    ],
)
def test_count_syllables_rules(word, expected):
    assert count_syllables(word) == expected


@pytest.mark.parametrize(
    "token, expected",
    [
        ("CPF", 4),  # cê-pê-e-fe
        ("PPSI", 5),  # pê-pê-es-se-i
        ("LGPD", 5),  # e-le-gê-pê-dê
        ("IBGE", 4),  # i-bê-gê-é
        ("INSS", 7),  # i-e-ne-es-se-es-se
        ("GOV", 1),  # read as a word
        ("SUS", 1),
        ("GOV.BR", 4),  # gov + bê-er-re
        ("Gov.br", 4),
        ("SAÚDE", 3),  # capitals with a diacritic are a word, not an acronym
        ("GOVERNO", 3),
        ("Brasília", 3),
    ],
)
def test_count_syllables_capitals_and_acronyms(token, expected):
    assert count_syllables(token) == expected


@pytest.mark.parametrize(
    "token, expected",
    [
        ("2024", 0), ("14.129/2021", 0), ("1.000,00", 0), ("", 0), ("---", 0),
        ("bem-estar", 3), ("pós-graduação", 5), ("fazê-lo", 3), ("5G", 1),
        ("saúde,", 3),
    ],
)
def test_count_syllables_digits_hyphens_punctuation(token, expected):
    assert count_syllables(token) == expected


# --- Flesch index and bands ------------------------------------------------


def test_flesch_first_published_vector():
    assert round(flesch_index(4, 26, 51), 2) == 76.29


def test_flesch_second_published_vector():
    # 248.835 − 1.015 × 172/6 − 84.6 × 426/172 = 10.2058 (formula value).
    # The published 10.20 is this value truncated to 2 decimals; rounding gives 10.21.
    value = flesch_index(6, 172, 426)
    assert value == pytest.approx(10.205775, abs=1e-6)
    assert int(value * 100) / 100 == 10.20


def test_flesch_is_not_clamped():
    assert flesch_index(1, 1, 1) == pytest.approx(248.835 - 1.015 - 84.6)
    assert flesch_index(1, 100, 400) < 0


@pytest.mark.parametrize("sentences, words", [(0, 10), (3, 0)])
def test_flesch_rejects_empty_counts(sentences, words):
    with pytest.raises(ValueError):
        flesch_index(sentences, words, 10)


@pytest.mark.parametrize(
    "index, expected",
    [
        (120, "muito fácil"), (100, "muito fácil"), (75, "muito fácil"),
        (74.99, "fácil"), (50, "fácil"), (49.99, "difícil"), (25, "difícil"),
        (24.99, "muito difícil"), (0, "muito difícil"), (-30, "muito difícil"),
    ],
)
def test_band_boundaries(index, expected):
    assert band(index) == expected


# --- sentences and words ---------------------------------------------------


LEGAL = (
    "Conforme a Portaria SGD/MGI nº 4.248, de 2024, art. 13, e a Lei nº 14.129/2021, "
    "o Sr. Silva leu os itens 1.1 e 3.7 do anexo; depois: pagou R$ 1.000,00 "
    "no GOV.BR e no Gov.br, etc. e saiu. Fim! Voltou? Sim."
)


def test_split_sentences_keeps_legal_abbreviations_and_numbers_together():
    sentences = split_sentences(LEGAL)
    assert sentences == [
        "Conforme a Portaria SGD/MGI nº 4.248, de 2024, art. 13, e a Lei nº 14.129/2021, "
        "o Sr. Silva leu os itens 1.1 e 3.7 do anexo; depois: pagou R$ 1.000,00 "
        "no GOV.BR e no Gov.br, etc. e saiu.",
        "Fim!",
        "Voltou?",
        "Sim.",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Vale o art. 13. A lei é clara.", ["Vale o art. 13.", "A lei é clara."]),
        ("Papel, caneta etc. Depois, saiu.", ["Papel, caneta etc.", "Depois, saiu."]),
        ("1. Introdução. Texto.", ["1. Introdução.", "Texto."]),
        ("Título sem ponto\n\nParágrafo seguinte.", ["Título sem ponto", "Parágrafo seguinte."]),
        ("Ele disse: venha; e veio.", ["Ele disse: venha; e veio."]),
        ("Será... Talvez!", ["Será...", "Talvez!"]),
        ("Sem ponto final", ["Sem ponto final"]),
        ("", []),
        (" ... ", []),
    ],
)
def test_split_sentences_cases(text, expected):
    assert split_sentences(text) == expected


def test_split_words():
    text = "O bem-estar (art. 5º) custa R$ 1.000,00 — ou não?! Veja GOV.BR, e/ou a LGPD."
    assert split_words(text) == [
        "O", "bem-estar", "art", "5º", "custa", "R", "1.000,00", "ou", "não",
        "Veja", "GOV.BR", "e/ou", "a", "LGPD",
    ]
    assert split_words(" — ... - ; ") == []


# --- analyse -------------------------------------------------------------------


PARAGRAPH = (
    "O governo digital facilita a vida do cidadão. "
    "Os serviços públicos estão na rede. "
    "O CPF tem 11 dígitos."
)


def test_analyse_hand_counted_paragraph():
    # O 1, go-ver-no 3, di-gi-tal 3, fa-ci-li-ta 4, a 1, vi-da 2, do 1, ci-da-dão 3 = 8 words, 18
    # Os 1, ser-vi-ços 3, pú-bli-cos 3, es-tão 2, na 1, re-de 2 = 6 words, 12
    # O 1, CPF (cê-pê-e-fe) 4, tem 1, 11 0, dí-gi-tos 3 = 5 words, 9
    result = analyse(PARAGRAPH)
    assert (result.sentences, result.words, result.syllables) == (3, 19, 39)
    # 248.835 − 1.015 × 19/3 − 84.6 × 39/19 = 68.754
    assert result.index == 68.8
    assert result.band == "fácil"
    assert result.words_per_sentence == 6.3


def test_readability_is_frozen():
    result = Readability(sentences=2, words=9, syllables=20, index=42.0)
    assert result.band == "difícil"
    assert result.words_per_sentence == 4.5
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.index = 80.0  # type: ignore[misc]


@pytest.mark.parametrize("text", ["", "   \n\t", "... !!! — ?"])
def test_analyse_rejects_text_without_words(text):
    with pytest.raises(ValueError, match="Texto vazio"):
        analyse(text)


# --- never "-0,0" -----------------------------------------------------------

# Official text of recommendation 8.7: raw index −0,005…, which rounds to a negative zero.
TEXT_8_7 = ("Revisar, simplificar e digitalizar processos e rotinas de trabalho com foco na eficiência e na "
            "qualidade da entrega, e adotando metodologias ágeis e iterativas para o desenvolvimento de "
            "soluções e resolução de problemas.")


def test_index_that_rounds_to_zero_is_never_negative_zero():
    result = analyse(TEXT_8_7)
    raw = flesch_index(result.sentences, result.words, result.syllables)
    assert -0.05 < raw < 0
    assert result.index == 0.0 and str(result.index) == "0.0"


@pytest.mark.parametrize("index", [-0.04, -0.0, -0.049])
def test_readability_row_shows_zero_without_sign(monkeypatch, index):
    from engd.outputs import pages

    monkeypatch.setattr(pages, "analyse", lambda text: Readability(sentences=1, words=30, syllables=80, index=index))
    assert pages.readability_row("qualquer texto")["index"] == "0,0"


def test_readability_row_keeps_real_negative_values():
    from engd.outputs.pages import readability_row

    assert readability_row(TEXT_8_7)["index"] == "0,0"
    official_2_1 = ("Desenhar serviços com linguagem simplificada, acessibilidade, e jornada personalizada, aprimorando "
                    "a experiência do usuário, com prioridade para populações vulneráveis.")
    assert readability_row(official_2_1) == {"index": "-55,4", "band": "muito difícil", "words_per_sentence": "19,0"}
