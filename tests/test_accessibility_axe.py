"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any page, in any contrast mode: the checker.

axe-core runs with the tags wcag2a, wcag2aa, wcag21a, wcag21aa and wcag22aa. Every page of the built
site (``site_walk.page_paths``) is checked with it in the light, dark and high-contrast modes in
``tests/test_every_page.py`` (one visit per page); here, the list of pages is shown to hold every
page, and a deliberately broken fixture page proves the same check does fail.
"""
from pathlib import Path

import pytest

from site_walk import at_rest, axe_violations, axe_violations_in_other_modes, current_mode, describe, page_paths

pytestmark = pytest.mark.browser

BROKEN = Path(__file__).resolve().parent / "fixtures" / "a11y" / "pagina-quebrada.html"


def check_pages(tabs, base_url: str, paths: list[str], mode: str) -> list[str]:
    """Problems found on ``paths`` in ``mode``: axe violations, and pages not in the mode asked for."""
    problems = []
    tab = tabs.open(mode, viewport={"width": 1280, "height": 800})
    for path in paths:
        tab.goto(base_url + path, wait_until="load")
        if base_url.startswith("http") and current_mode(tab) != mode:
            problems.append(f"{path}: a página abriu no modo {current_mode(tab)!r}, não em {mode!r}")
            continue
        problems += describe(path, axe_violations(tab))
    return problems


def test_every_page_is_a_page(built_site):
    paths = page_paths(built_site)
    assert "/" in paths and "/recomendacoes/3-7/" in paths and "/acessibilidade/" in paths
    assert len(paths) >= 1 + 1 + 2 + 10 + 51


def test_axe_check_fails_on_a_broken_page(tabs):
    problems = check_pages(tabs, BROKEN.parent.as_uri(), ["/" + BROKEN.name], "claro")
    found = {line.split(": ")[1].split(" ")[0] for line in problems}
    assert {"html-has-lang", "image-alt", "color-contrast", "button-name", "link-name"} <= found, problems


def test_axe_sees_a_problem_that_only_the_mode_switched_to_has(tabs, site_url):
    """The walk switches modes with the reader's buttons: a fault of the dark mode alone is found
    after the switch, and not before it."""
    tab = tabs.open("claro", viewport={"width": 1280, "height": 800})
    tab.goto(site_url + "/recomendacoes/3-7/", wait_until="load")
    tab.add_style_tag(content='[data-engd-contraste="escuro"] .engd-oficial p { color: #333 !important; }')
    found = axe_violations_in_other_modes(tab, "claro", ["escuro"])
    assert current_mode(tab) == "escuro"
    assert "color-contrast" not in {v["id"] for v in found["claro"]}
    assert "color-contrast" in {v["id"] for v in found["escuro"]}


def test_every_rule_runs_again_when_the_switch_makes_a_box_scroll(tabs, site_url):
    """When a switch makes a table wider than its box, engd.js marks the box as a region, and the
    page is no longer the one axe fully checked: every rule runs in that mode too (here a picture
    without a text alternative, hidden in the light mode, is found in the dark one)."""
    tab = tabs.open("claro", viewport={"width": 1280, "height": 800})
    tab.goto(site_url + "/recomendacoes/3-7/", wait_until="load")
    tab.evaluate("""document.querySelector('.engd-oficial').insertAdjacentHTML('beforeend', '<img class="teste" src="data:,">')""")
    tab.add_style_tag(content='[data-engd-contraste="claro"] img.teste { display: none; } '
                              '[data-engd-contraste="escuro"] .md-typeset__scrollwrap table { min-width: 3000px; }')
    found = axe_violations_in_other_modes(tab, "claro", ["escuro"])
    assert "image-alt" not in {v["id"] for v in found["claro"]}
    assert "image-alt" in {v["id"] for v in found["escuro"]}


def test_axe_reads_the_colours_a_fade_ends_with_and_a_transition_that_never_ends_fails(tabs, site_url):
    """``axe_violations`` waits for the page at rest (``site_walk.at_rest``): text fading in is read
    with its final colours, not half-transparent; a transition still running after 5 s is a failure."""
    tab = tabs.open("claro", viewport={"width": 1280, "height": 800})
    tab.goto(site_url + "/recomendacoes/3-7/", wait_until="load")
    tab.add_style_tag(content=".engd-oficial { transition: opacity 0.6s linear; } .engd-oficial.some { opacity: 0.3; }")
    tab.evaluate("document.querySelector('.engd-oficial').classList.add('some')")
    at_rest(tab)
    tab.evaluate("document.querySelector('.engd-oficial').classList.remove('some')")  # fades in for 0.6 s
    assert "color-contrast" not in {v["id"] for v in axe_violations(tab, ["color-contrast"])}
    tab.add_style_tag(content=".engd-oficial { transition: opacity 60s linear; }")
    tab.evaluate("document.querySelector('.engd-oficial').classList.add('some')")
    with pytest.raises(AssertionError, match="não chegou ao repouso em 5 s: transições em curso: .*opacity"):
        axe_violations(tab, ["color-contrast"])
