"""The built site: every stable address exists and shows its official text; pt-BR Material build."""
from __future__ import annotations

import html
import re

import pytest


def text_of(path) -> str:
    """Visible-ish text of a built page: tags removed, entities decoded, whitespace collapsed."""
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    raw = re.sub(r"</?(p|div|h\d|li|ul|ol|td|th|tr|table|nav|header|footer|label|blockquote)\b[^>]*>", " ", raw)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", raw)).split())


def test_objective_pages_exist_with_official_text(built_site, strategy):
    assert len(strategy.objectives) == 10
    for objective in strategy.objectives:
        page = built_site / "objetivos" / str(objective.number) / "index.html"
        assert page.is_file(), page
        text = text_of(page)
        assert objective.official_text in text
        for rec in objective.recommendations:
            assert rec.official_text in text
            assert f'id="recomendacao-{rec.slug}"' in page.read_text(encoding="utf-8")


def test_recommendation_pages_exist_with_official_text(built_site, strategy):
    ids = [r.id for r in strategy.recommendations]
    assert len(ids) == 51 and ids[0] == "1.1" and ids[-1] == "10.4"
    for rec in strategy.recommendations:
        page = built_site / "recomendacoes" / rec.slug / "index.html"
        assert page.is_file(), page
        text = text_of(page)
        assert f"Recomendação {rec.id}" in text
        assert rec.official_text in text
        objective = strategy.objective(rec.objective_number)
        assert objective.official_text in text


@pytest.mark.parametrize("address", ["index.html", "objetivos/index.html", "recomendacoes/index.html", "ato/index.html"])
def test_list_pages_exist(built_site, address):
    assert (built_site / address).is_file()


def test_lists_link_every_item(built_site, strategy):
    objectives = (built_site / "objetivos" / "index.html").read_text(encoding="utf-8")
    recommendations = (built_site / "recomendacoes" / "index.html").read_text(encoding="utf-8")
    for objective in strategy.objectives:
        assert f'href="{objective.number}/"' in objectives
    for rec in strategy.recommendations:
        assert f'href="{rec.slug}/"' in recommendations


def test_recommendation_pages_link_previous_and_next(built_site):
    page = (built_site / "recomendacoes" / "3-7" / "index.html").read_text(encoding="utf-8")
    assert 'href="../3-6/"' in page and 'href="../4-1/"' in page
    first = (built_site / "recomendacoes" / "1-1" / "index.html").read_text(encoding="utf-8")
    assert "Recomendação anterior" not in first and 'href="../1-2/"' in first


def test_act_page_has_articles_and_publication(built_site, strategy):
    text = text_of(built_site / "ato" / "index.html")
    for article in strategy.act.articles:
        assert f"{article.label} {article.official_text}" in text
    assert "28 de junho de 2024" in text and "Edição 123" in text
    assert "Desconhecido: o endereço não consta da fonte" in text


def test_official_text_is_labelled(built_site):
    page = (built_site / "recomendacoes" / "2-1" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="engd-oficial">(.*?)</div>', page, flags=re.S)
    assert block and "Texto oficial" in block.group(1)
    assert "Portaria SGD/MGI nº 4.248/2024, Anexo, item 2.1." in html.unescape(re.sub(r"<[^>]+>", "", block.group(1)))
