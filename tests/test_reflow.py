"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide no page scrolls sideways or loses content.

Every page of the built site opens in headless Chromium at 320×640 (the width of 1280 px at 400%
zoom). Neither the page nor any visible element may be wider than the viewport, except inside a
box that scrolls on its own and itself fits (a wide data table, which 1.4.10 allows and which
javascripts/engd.js makes reachable by keyboard).
"""
import pytest

from site_walk import new_context_in_mode, page_paths

pytestmark = pytest.mark.browser

_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width + 1) problems.push(`a página tem ${document.documentElement.scrollWidth}px de largura`);
  if (document.body.scrollWidth > width + 1) problems.push(`o corpo tem ${document.body.scrollWidth}px de largura`);
  const scrollsOnItsOwn = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      // a scrolling box that fits holds it (a wide table may itself scroll inside one that fits)
      if (/(auto|scroll)/.test(style.overflowX) && box.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
    if (getComputedStyle(element).visibility === 'hidden' || scrollsOnItsOwn(element)) continue;
    const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
      (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
    problems.push(`${name} vai até ${Math.round(box.right)}px`);
    if (problems.length > 5) break;
  }
  return problems;
}"""


def test_no_page_scrolls_sideways_at_320px(browser, site_url, built_site):
    context = new_context_in_mode(browser, "claro", viewport={"width": 320, "height": 640})
    page = context.new_page()
    problems = []
    try:
        for path in page_paths(built_site):
            page.goto(site_url + path, wait_until="load")
            problems += [f"{path}: {problem}" for problem in page.evaluate(_OVERFLOW)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_too_wide_element(browser, site_url):
    context = new_context_in_mode(browser, "claro", viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(site_url + "/recomendacoes/3-7/")
        assert page.evaluate(_OVERFLOW) == []
        page.evaluate("""document.querySelector('.engd-oficial').insertAdjacentHTML(
            'beforeend', '<p style="width: 30rem">Texto largo demais</p>')""")
        assert any("vai até" in problem for problem in page.evaluate(_OVERFLOW))
    finally:
        context.close()
