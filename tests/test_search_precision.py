"""Search precision: different words keep different radicals, norms find their recommendations, and
the results that are about the query come first.

- ``pares_distintos`` of ``fixtures/consultas_busca.yml``: pairs of different words that an
  aggressive stemmer merges ("servidores" and "serviços" both became "serv"); each pair keeps two
  radicals, in Python and in the browser's engine alike.
- ``precisao``: queries with the results that are ABOUT them; precision at 5 (relevant results among
  the first five ÷ min(5, relevant)) is measured on the real index in Chromium, each query at least
  0.6, the mean at least 0.9 (the benchmark ``python -m tools.bench --so busca`` prints it).
- A norm's acronym or common name (``data/normas.yml``, the glossary's acronyms tied to a norm)
  finds every recommendation linked to that norm.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from engd.outputs.search_index import CAMPOS, SOBRE, norm_acronyms, norm_lines
from engd.search_language import fold, stem

FIXTURE = yaml.safe_load((Path(__file__).parent / "fixtures" / "consultas_busca.yml").read_text(encoding="utf-8"))
PAIRS = FIXTURE["pares_distintos"]
PRECISION = FIXTURE["precisao"]
ENGINE = "javascripts/busca-motor.js"
INDEX = "busca/indice.json"

_LOAD = f"""async () => {{
    const modulo = await import('/{ENGINE}');
    const indice = await (await fetch('/{INDEX}')).json();
    window.motor = modulo.criarMotor(indice);
}}"""
_RESULTS = """q => motor.buscar(q + ' ').map(r =>
    r.tipo === 'recomendacao' ? r.numero : r.tipo === 'objetivo' ? 'objetivo ' + r.numero : r.url)"""


def precision_at_5(found: list[str], relevant: list[str]) -> float:
    return len([x for x in found[:5] if x in relevant]) / min(5, len(relevant))


def test_precision_at_5_is_the_share_of_relevant_results_among_the_first_five():
    assert precision_at_5(["a", "b", "c", "d", "e", "f"], ["a", "f"]) == 0.5
    assert precision_at_5(["x", "a"], ["a"]) == 1.0
    assert precision_at_5(["x"] * 5, list("abcdefg")) == 0.0


def test_different_words_keep_different_radicals_in_python():
    merged = [(a, b, stem(fold(a))) for a, b in PAIRS if stem(fold(a)) == stem(fold(b))]
    assert len(PAIRS) >= 10 and not merged, merged
    assert stem("servidores") == stem("servidor") == stem("servidora") == "servidor"
    assert stem("servicos") == stem("servico")


def test_each_related_norm_gives_its_number_name_and_acronyms(strategy):
    rec = strategy.recommendation_by_id["4.1"]
    lines = norm_lines(rec.norm_ids, strategy)
    assert {"Lei 13.709 de 2018", "Lei Geral de Proteção de Dados Pessoais"} <= set(lines)
    assert "LGPD" in norm_acronyms(rec.norm_ids, strategy, (rec.official_text,))
    # An acronym the item's own text writes counts there, not again as a norm's.
    cpf = strategy.recommendation_by_id["3.7"]
    assert "CPF" not in norm_acronyms(cpf.norm_ids, strategy, (cpf.official_text,))
    assert norm_lines(("nao-existe",), strategy) == []
    assert SOBRE in dict(CAMPOS) and dict(CAMPOS)[SOBRE] > dict(CAMPOS)["oficial"]


@pytest.fixture
def engine(page, site_url):
    page.goto(f"{site_url}/")
    page.evaluate(_LOAD)
    return page


@pytest.mark.browser
def test_different_words_keep_different_radicals_in_the_browser(engine):
    radicals = engine.evaluate("pairs => pairs.map(([a, b]) => [motor.radical(a), motor.radical(b)])",
                               [[fold(a), fold(b)] for a, b in PAIRS])
    assert radicals == [[stem(fold(a)), stem(fold(b))] for a, b in PAIRS]
    assert all(a != b for a, b in radicals)


@pytest.mark.browser
def test_results_about_the_query_come_first(engine, strategy):
    scores = {case["consulta"]: precision_at_5(engine.evaluate(_RESULTS, case["consulta"]), case["relevantes"])
              for case in PRECISION}
    low = {query: score for query, score in scores.items() if score < 0.6}
    assert not low, low
    mean = sum(scores.values()) / len(scores)
    assert mean >= 0.9, (mean, scores)
    # The recommendations whose texts speak of public servants are the first results.
    about = {r.id for r in strategy.recommendations if re.search(
        r"\bservidor", " ".join([r.official_text, r.plain_text or "", *r.in_practice]), re.IGNORECASE)}
    assert len(about) >= 3
    assert set(engine.evaluate(_RESULTS, "servidores")[:len(about)]) == about


@pytest.mark.browser
def test_a_norm_acronym_or_name_finds_every_recommendation_linked_to_it(engine, strategy):
    by_id = {norm.id: norm for norm in strategy.norms}
    acronyms = {t.term: t.norm_id for t in strategy.terms if t.norm_id and t.kind == "sigla"}
    queries = [(acronym, norm_id) for acronym, norm_id in acronyms.items() if acronym in ("LGPD", "LAI")]
    queries += [(norm.nickname, norm.id) for norm in strategy.norms if norm.nickname]
    assert len(queries) >= 8
    for query, norm_id in queries:
        linked = {r.id for r in strategy.recommendations if norm_id in r.norm_ids}
        found = engine.evaluate(_RESULTS, query)[: len(linked) + 3]
        assert linked <= set(found), (query, by_id[norm_id].number, sorted(linked - set(found)), found)
