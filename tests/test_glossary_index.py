"""The glossary can be scanned (issue 17, point 8): an A–Z index of letters, entries filed by their name
as written (accents and case aside), names opened by a generic word pointed to from their main word,
compact entries, and each entry lists where it appears. Rule in engd.glossary.index_letters."""
import re

import pytest

from engd.glossary import index_letters, sort_key

pytestmark = pytest.mark.browser


def test_the_filing_rule(strategy):
    letters = dict(index_letters(strategy.terms))
    by_letter = {letter: [(e.label, e.see) for e in entries] for letter, entries in letters.items()}
    assert ("Programa Capacita GOV.BR", False) in by_letter["P"]
    assert ("Capacita GOV.BR, Programa", True) in by_letter["C"]
    assert ("Identificação do Cidadão, Serviço", True) in by_letter["I"]
    assert ("acesso à informação", False) in by_letter["A"] and ("Órgão" and sort_key("Órgão") == "orgao")
    # Every term once as an entry; within a letter, in order of the folded name.
    assert sorted(e.term.id for es in letters.values() for e in es if not e.see) == sorted(t.id for t in strategy.terms)
    for letter, entries in letters.items():
        keys = [sort_key(e.label) for e in entries]
        assert keys == sorted(keys) and all(k[:1].upper() == letter for k in keys), letter
    assert list(letters) == sorted(letters)


def test_the_letters_lead_to_their_section(tab, site_url, strategy):
    tab.goto(site_url + "/glossario/")
    nav = tab.get_by_role("navigation", name="Letras do glossário")
    assert nav.is_visible()
    letters = [letter for letter, _ in index_letters(strategy.terms)]
    assert nav.locator("a").all_inner_texts() == letters
    nav.get_by_role("link", name="C", exact=True).click()
    tab.wait_for_function("() => location.hash === '#letra-c'")
    heading = tab.locator("#letra-c")
    box = heading.bounding_box()
    assert heading.is_visible() and 0 <= box["y"] < 400
    # Each letter is a target at least 24 × 24 px (WCAG 2.5.8).
    for size in nav.locator("a").evaluate_all("es => es.map(e => [e.offsetWidth, e.offsetHeight])"):
        assert size[0] >= 24 and size[1] >= 24


def test_the_page_is_compact_and_says_where_terms_appear(tab, site_url, strategy):
    tab.goto(site_url + "/glossario/")
    height = tab.evaluate("() => document.documentElement.scrollHeight")
    width = tab.viewport_size["width"]
    # With 115 large headings it measured 30,500 px at 390 px and 23,900 px at 1366 px: entries are now
    # small headings with tight paragraphs, at most four fifths of that.
    assert height < (30500 if width < 600 else 23900) * 0.8, height
    entry_size = tab.evaluate("() => parseFloat(getComputedStyle(document.querySelector('h3.engd-verbete')).fontSize)")
    body_size = tab.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    assert entry_size <= body_size * 1.2
    cpf = tab.locator("#cpf ~ p.engd-uso", has_text="Aparece em").first
    assert re.match(r"Aparece em: .*Recomendação 3\.7", cpf.inner_text())
