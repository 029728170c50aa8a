"""Plain language: every objective and recommendation has our explanation, readable enough, shown
beside the official text and labelled as ours; the readability figures are on the page."""
from __future__ import annotations

import re
import statistics
import subprocess
import sys

from engd.plain_language import MAX_WORDS_PER_SENTENCE, MIN_INDEX
from engd.readability import analyse

from conftest import ROOT


def items(strategy):
    return list(strategy.objectives) + list(strategy.recommendations)


def test_all_61_explanations_exist(strategy):
    found = [i for i in items(strategy) if i.plain_text]
    assert len(items(strategy)) == 61
    assert len(found) == 61


def test_every_explanation_scores_at_least_50_and_the_median_at_least_60(strategy):
    scores = {getattr(i, "id", getattr(i, "number", None)): analyse(i.plain_text) for i in items(strategy)}
    low = {k: v.index for k, v in scores.items() if v.index < MIN_INDEX or v.words_per_sentence > MAX_WORDS_PER_SENTENCE}
    assert low == {}
    assert statistics.median(v.index for v in scores.values()) >= 60


def test_explanations_are_not_copies_of_the_official_text(strategy):
    for item in items(strategy):
        assert item.plain_text != item.official_text


def test_most_recommendations_have_concrete_actions(strategy):
    with_actions = [r for r in strategy.recommendations if r.in_practice]
    assert len(with_actions) >= 40
    assert all(1 <= len(r.in_practice) <= 3 for r in with_actions)


def test_recommendation_page_shows_both_texts_labelled(built_site, strategy):
    rec = strategy.recommendation_by_id["3.7"]
    page = (built_site / "recomendacoes" / "3-7" / "index.html").read_text(encoding="utf-8")
    official = page.index('class="engd-oficial"')
    plain = page.index('class="engd-explicacao"')
    assert official < plain
    assert "Ela não é o texto oficial e não o substitui." in page
    assert 'id="texto-oficial"' in page and 'id="explicacao"' in page
    first_words = rec.plain_text.split()[0]
    assert first_words in page[plain:]


def test_pages_show_the_readability_of_both_texts(built_site, strategy):
    for rec in strategy.recommendations[:5] + strategy.recommendations[-3:]:
        page = (built_site / "recomendacoes" / rec.slug / "index.html").read_text(encoding="utf-8")
        official = f"{analyse(rec.official_text).index:.1f}".replace(".", ",")
        plain = analyse(rec.plain_text)
        assert re.search(rf"<td>Texto oficial</td>\s*<td>{re.escape(official)}</td>", page), rec.id
        assert re.search(rf"<td>Explicação</td>\s*<td>{re.escape(f'{plain.index:.1f}'.replace('.', ','))}</td>\s*<td>{plain.band}</td>", page), rec.id


def test_readability_command_prints_the_table():
    result = subprocess.run([sys.executable, "-m", "engd.cli", "legibilidade"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = [l for l in result.stdout.splitlines() if re.match(r"^\| \d+(\.\d+)? \|", l)]
    assert len(rows) == 61
    assert rows[0].startswith("| 1 |") and rows[-1].startswith("| 10.4 |")
    assert "Explicações: 61;" in result.stdout


NATURE = "A portaria faz recomendações aos entes federados (art. 1º). Ela recomenda; não obriga."


def test_explanation_box_says_once_that_the_act_recommends(built_site):
    for page_path in ["recomendacoes/3-1/index.html", "objetivos/3/index.html", "recomendacoes/10-4/index.html"]:
        page = (built_site / page_path).read_text(encoding="utf-8")
        box = page[page.index('class="engd-explicacao"'):page.index('id="legibilidade"')]
        assert box.count(NATURE) == 1, page_path
        assert page.count(NATURE) == 1, page_path
    printable = (built_site / "imprimir" / "index.html").read_text(encoding="utf-8")
    assert printable.count(NATURE) == 1


def test_readability_note_gives_the_real_scale_and_never_minus_zero(built_site):
    page = (built_site / "recomendacoes" / "2-1" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<td>Texto oficial</td>\s*<td>-55,4</td>\s*<td>muito difícil</td>", page)
    assert "de 0 a 100" not in page and "0 a 25" not in page
    assert "um texto muito difícil fica abaixo de 0" in page
    assert "75 ou mais, muito fácil; de 50 a 75, fácil; de 25 a 50, difícil; abaixo de 25, muito difícil." in page
    page_8_7 = (built_site / "recomendacoes" / "8-7" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<td>Texto oficial</td>\s*<td>0,0</td>", page_8_7)
    for path in built_site.rglob("*.html"):
        assert "-0,0" not in path.read_text(encoding="utf-8"), path
