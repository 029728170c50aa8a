"""Glossary terms that do not crowd (issue 17, point 2), in a real Chromium at 390 and 1366 px: a term is
marked once per page (its first use), in the text's colour with a dotted underline (not like the
"Objetivo N" navigation links); its short explanation shows next to it on hover and keyboard focus (a
tooltip the screen reader gets as the term's description, hoverable, closed by Esc without moving the
focus) and on touch (a first tap opens it with "Ver no glossário" and "Fechar"; a second tap or the
link leads to the entry); it fits a 320 px screen."""
from contextlib import contextmanager

import pytest

pytestmark = pytest.mark.browser


def _ready(tab):
    tab.wait_for_function("() => document.querySelector('.md-typeset a.engd-termo[data-engd-dica]')")


def _terms(tab):
    return tab.evaluate("""() => [...document.querySelectorAll('.md-typeset a.engd-termo')].map(a => {
        const s = getComputedStyle(a), p = getComputedStyle(a.parentElement);
        return {id: a.hash, color: s.color, text: p.color, line: s.textDecorationLine, style: s.textDecorationStyle,
                title: a.title, hint: a.dataset.engdDica, weight: s.fontWeight}; })""")


@pytest.mark.parametrize("path", ["/", "/recomendacoes/1-1/", "/objetivos/3/", "/ato/"])
def test_terms_are_marked_once_and_look_apart_from_links(tab, site_url, path):
    tab.goto(site_url + path)
    _ready(tab)
    terms = _terms(tab)
    assert terms, path
    ids = [t["id"] for t in terms]
    assert len(ids) == len(set(ids)), path  # first use only
    link_color = tab.evaluate("() => getComputedStyle(document.querySelector('.md-typeset a:not(.engd-termo):not(.headerlink):not(.engd-ancora)')).color")
    for term in terms:
        assert term["style"] == "dotted" and "underline" in term["line"], term
        assert term["color"] == term["text"] != link_color, term
        # the title became the hint of termos.js: two tooltips at once would cover the text
        assert term["title"] == "" and term["hint"].startswith("Glossário: "), term


def _hint(tab):
    return tab.locator("#engd-dica")


def test_a_term_works_by_keyboard_and_touch(tab, site_url):
    tab.goto(site_url + "/recomendacoes/1-1/")
    _ready(tab)
    term = tab.locator(".md-typeset a.engd-termo").first
    target, explanation = term.evaluate("a => [a.hash, a.dataset.engdDica]")
    hint = _hint(tab)
    if tab.viewport_size["width"] < 600:
        term.tap()
        # the first tap shows the explanation, with a way to the entry and a way out; it does not leave
        assert hint.is_visible() and hint.get_attribute("role") == "dialog"
        assert hint.locator(".engd-dica__texto").inner_text() == explanation
        assert tab.url.endswith("/recomendacoes/1-1/")
        hint.get_by_role("button", name="Fechar").tap()
        assert hint.is_hidden() and tab.evaluate("() => document.activeElement.classList.contains('engd-termo')")
        term.tap()
        hint.get_by_role("link", name="Ver no glossário").tap()
    else:
        term.focus()
        style = term.evaluate("a => [getComputedStyle(a).outlineStyle, getComputedStyle(a).textDecorationStyle]")
        assert style == ["solid", "solid"]
        # focus shows the tooltip, announced as the term's description
        assert hint.is_visible() and hint.get_attribute("role") == "tooltip"
        assert term.get_attribute("aria-describedby") == "engd-dica"
        assert hint.inner_text() == explanation
        tab.keyboard.press("Escape")
        assert hint.is_hidden() and term.evaluate("a => document.activeElement === a")
        tab.keyboard.press("Enter")
    tab.wait_for_url("**/glossario/" + target)
    assert tab.locator(target).is_visible()


@contextmanager
def _item_page(tabs, site_url, width, height, touch=False):
    """Recommendation 1.1 in a new browser context, once termos.js has prepared its terms."""
    tab = tabs.open(viewport={"width": width, "height": height}, has_touch=touch)
    tab.goto(site_url + "/recomendacoes/1-1/")
    _ready(tab)
    yield tab


def test_a_second_tap_on_the_term_leads_to_the_entry(tabs, site_url):
    with _item_page(tabs, site_url, 390, 844, touch=True) as tab:
        term = tab.locator(".md-typeset a.engd-termo").first
        target = term.evaluate("a => a.hash")
        term.tap()
        assert _hint(tab).is_visible()
        tab.locator("h1").tap()  # a tap elsewhere closes it
        assert _hint(tab).is_hidden()
        term.tap()
        term.tap()
        tab.wait_for_url("**/glossario/" + target)


def test_the_tooltip_stays_while_the_pointer_moves_onto_it(tabs, site_url):
    with _item_page(tabs, site_url, 1366, 900) as tab:
        term = tab.locator(".md-typeset a.engd-termo").first
        term.hover()
        hint = _hint(tab)
        assert hint.is_visible()
        hint.hover()
        tab.wait_for_timeout(500)  # longer than the hiding delay of termos.js
        assert hint.is_visible()
        tab.mouse.move(0, 0)
        hint.wait_for(state="hidden")


def test_the_hint_fits_a_narrow_screen(tabs, site_url):
    with _item_page(tabs, site_url, 320, 700, touch=True) as tab:
        terms = tab.locator(".md-typeset a.engd-termo")
        for i in range(terms.count()):
            terms.nth(i).tap()
            box = _hint(tab).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320, (i, box)
            assert tab.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), i
            tab.locator("h1").tap()
