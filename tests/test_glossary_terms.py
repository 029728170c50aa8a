"""Glossary terms that do not crowd (issue 17, point 2), in a real Chromium at 390 and 1366 px: a term is
marked once per page (its first use), in the text's colour with a dotted underline (not like the
"Objetivo N" navigation links), with a tooltip; keyboard and touch reach it and it leads to the entry."""
import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(params=[390, 1366], ids=lambda w: f"{w}px")
def tab(browser, request):
    context = browser.new_context(locale="pt-BR", viewport={"width": request.param, "height": 900},
                                  has_touch=request.param < 600)
    page = context.new_page()
    yield page
    context.close()


def _terms(tab):
    return tab.evaluate("""() => [...document.querySelectorAll('.md-typeset a.engd-termo')].map(a => {
        const s = getComputedStyle(a), p = getComputedStyle(a.parentElement);
        return {id: a.hash, color: s.color, text: p.color, line: s.textDecorationLine, style: s.textDecorationStyle,
                title: a.title, weight: s.fontWeight}; })""")


@pytest.mark.parametrize("path", ["/", "/recomendacoes/1-1/", "/objetivos/3/", "/ato/"])
def test_terms_are_marked_once_and_look_apart_from_links(tab, site_url, path):
    tab.goto(site_url + path)
    terms = _terms(tab)
    assert terms, path
    ids = [t["id"] for t in terms]
    assert len(ids) == len(set(ids)), path  # first use only
    link_color = tab.evaluate("() => getComputedStyle(document.querySelector('.md-typeset a:not(.engd-termo):not(.headerlink):not(.engd-ancora)')).color")
    for term in terms:
        assert term["style"] == "dotted" and "underline" in term["line"], term
        assert term["color"] == term["text"] != link_color, term
        assert term["title"].startswith("Glossário: "), term


def test_a_term_works_by_keyboard_and_touch(tab, site_url):
    tab.goto(site_url + "/recomendacoes/1-1/")
    term = tab.locator(".md-typeset a.engd-termo").first
    target = term.evaluate("a => a.hash")
    term.focus()
    style = term.evaluate("a => [getComputedStyle(a).outlineStyle, getComputedStyle(a).textDecorationStyle]")
    assert style == ["solid", "solid"]
    if tab.viewport_size["width"] < 600:
        term.tap()
    else:
        tab.keyboard.press("Enter")
    tab.wait_for_url("**/glossario/" + target)
    assert tab.locator(target).is_visible()
