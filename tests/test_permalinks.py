"""Permalinks out of the way (issue 17, point 4), in a real Chromium at a phone's width and a laptop's:
the "¶" of headings and of parts of the act is hidden until hover or keyboard focus, never copied with
the text (copying the official box of /ato/ gives exactly the act's words), takes no room (never wraps
alone onto a line) and gives at most one tab stop per heading."""
import re

import pytest

pytestmark = pytest.mark.browser

LINKS = ".md-typeset .headerlink, .md-typeset .engd-ancora"


def _words(text: str) -> str:
    return " ".join(text.split())


def _act_words(strategy) -> str:
    act = strategy.act
    parts = [act.official_title, act.summary, act.preamble]
    parts += [f"{article.label} {article.official_text}" for article in act.articles]
    parts += [act.signatory_name, "ANEXO", act.annex_title]
    return _words(" ".join(parts))


def test_copying_the_official_box_gives_exactly_the_act(tab, site_url, strategy):
    tab.goto(site_url + "/ato/")
    tab.evaluate("""() => { const range = document.createRange();
        range.selectNodeContents(document.querySelector('.engd-oficial'));
        const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range); }""")
    tab.evaluate("() => navigator.clipboard.writeText('')")
    tab.keyboard.press("Control+c")
    copied = tab.evaluate("() => navigator.clipboard.readText()")
    assert "¶" not in copied and "Texto oficial" not in copied
    assert _words(copied) == _act_words(strategy)


@pytest.mark.parametrize("path", ["/ato/", "/recomendacoes/3-7/", "/objetivos/3/", "/glossario/"])
def test_permalinks_are_hidden_until_focus_and_take_no_room(tab, site_url, path):
    tab.goto(site_url + path)
    marks = tab.locator(LINKS)
    assert marks.count() > 0
    for index in range(marks.count()):
        mark = marks.nth(index)
        style = mark.evaluate("e => { const s = getComputedStyle(e); return [s.opacity, s.position, s.userSelect]; }")
        assert style == ["0", "absolute", "none"], (path, index, style)
    # The first heading's mark: keyboard focus shows it, with the focus ring.
    first = marks.first
    first.focus()
    # Material fades the mark in (opacity transition): wait for the end of it.
    first.evaluate("e => new Promise(done => { const t = () => getComputedStyle(e).opacity === '1' ? done() : requestAnimationFrame(t); t(); })")
    assert first.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


def test_the_title_of_a_recommendation_never_wraps_with_the_mark_alone(tab, site_url):
    tab.goto(site_url + "/recomendacoes/3-7/")
    lines = tab.evaluate("""() => { const h = document.querySelector('h1');
        const range = document.createRange(); range.selectNodeContents(h.firstChild);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        return [tops.size, Math.round(h.getBoundingClientRect().height), parseFloat(getComputedStyle(h).lineHeight)]; }""")
    text_lines, height, line_height = lines
    # The heading is as tall as its words: the mark adds no line.
    assert height <= text_lines * line_height + 1, lines


def test_at_most_one_tab_stop_per_heading(tab, site_url):
    tab.goto(site_url + "/recomendacoes/3-7/")
    counts = tab.evaluate("""() => [...document.querySelectorAll('.md-typeset :is(h1,h2,h3,h4,h5,h6)')].map(h =>
        [h.id, [...h.querySelectorAll('a, button, [tabindex]')].filter(e => e.tabIndex >= 0).length])""")
    assert counts and all(count <= 1 for _, count in counts), counts


def test_no_page_text_carries_the_mark_when_selected(tab, site_url):
    tab.goto(site_url + "/recomendacoes/3-7/")
    tab.evaluate("""() => { const range = document.createRange(); range.selectNodeContents(document.querySelector('article'));
        const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range); }""")
    tab.keyboard.press("Control+c")
    copied = tab.evaluate("() => navigator.clipboard.readText()")
    assert "Recomendação 3.7" in copied and not re.search("¶", copied)
