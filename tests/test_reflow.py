"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide no page scrolls sideways or loses content: the checker.

``site_walk.OVERFLOW`` (run in the page) lists what is too wide: neither the page nor any visible
element may be wider than the viewport, except inside a box that scrolls on its own and itself fits (a wide data
table, which 1.4.10 allows and which javascripts/engd.js makes reachable by keyboard). Every page of
the built site is checked with it at 320×640 (the width of 1280 px at 400 % zoom) in
``tests/test_every_page.py``; here, the check is shown to see a too-wide element.
"""
import pytest

from site_walk import OVERFLOW

pytestmark = pytest.mark.browser


def test_the_check_sees_a_too_wide_element(tabs, site_url):
    page = tabs.open("claro", viewport={"width": 320, "height": 640})
    page.goto(site_url + "/recomendacoes/3-7/")
    assert page.evaluate(OVERFLOW) == []
    page.evaluate("""document.querySelector('.engd-oficial').insertAdjacentHTML(
        'beforeend', '<p style="width: 30rem">Texto largo demais</p>')""")
    assert any("vai até" in problem for problem in page.evaluate(OVERFLOW))
