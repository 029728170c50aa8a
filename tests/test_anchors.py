"""Every part of a page has an anchor and a visible link icon to it."""
import re

import pytest

PART_HEADINGS = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.S)


def _pages(strategy):
    yield "ato/index.html"
    yield "imprimir/index.html"
    yield "mudancas/index.html"
    for objective in strategy.objectives:
        yield f"objetivos/{objective.number}/index.html"
    for rec in strategy.recommendations:
        yield f"recomendacoes/{rec.slug}/index.html"


def _content(site, page: str) -> str:
    text = (site / page).read_text(encoding="utf-8")
    return text[text.index("<article"):text.index("</article>")]


def test_every_heading_has_an_id_and_a_link_to_it(built_site, strategy):
    for page in _pages(strategy):
        headings = PART_HEADINGS.findall(_content(built_site, page))
        assert headings, page
        for level, attributes, inner in headings:
            found = re.search(r'id="([^"]+)"', attributes)
            assert found, f"{page}: h{level} sem id: {inner[:60]}"
            assert f'href="#{found[1]}"' in inner, f"{page}: h{level} #{found[1]} sem link para si"


@pytest.mark.parametrize("page", ["recomendacoes/3-7/index.html", "objetivos/3/index.html"])
def test_official_text_and_explanation_blocks_open_with_an_anchored_heading(built_site, page):
    content = _content(built_site, page)
    for block_class, anchor in (("engd-oficial", "texto-oficial"), ("engd-explicacao", "explicacao")):
        block = content[content.index(f'<div class="{block_class}">'):]
        heading = re.match(r'<div class="[^"]+">\s*<h2 id="([^"]+)">[^<]+<a class="headerlink" href="#([^"]+)"[^>]*>(?:¶|&para;)</a></h2>', block)
        assert heading and heading[1] == heading[2] == anchor, (page, block[:200])


def test_every_part_of_the_act_has_an_anchor_and_a_link(built_site, strategy):
    content = _content(built_site, "ato/index.html")
    ids = ["ementa", "preambulo", "anexo"] + [f"art{a.number}" for a in strategy.act.articles]
    for anchor in ids:
        paragraph = re.search(rf'<p[^>]*id="{anchor}"[^>]*>(.*?)</p>', content, re.S)
        assert paragraph, anchor
        assert f'class="engd-ancora" href="#{anchor}"' in paragraph[1], anchor
