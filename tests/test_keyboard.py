"""Keyboard: the eMAG shortcut bar comes first, each shortcut reaches its target, focus is always
visible and never under the sticky header, and there are no single-key shortcuts (WCAG 2.1.4).

Browser checks run in headless Chromium on a computer-sized (1280×800) and a phone-sized (390×844)
viewport; the static check reads every built page.
"""
import re
from html.parser import HTMLParser

import pytest

from focus_walk import contrast, focused, is_on_screen, press_access_key, tab_until, walk
from site_walk import page_paths

SHORTCUTS = [("1", "conteudo"), ("2", "menu"), ("3", "busca"), ("4", "rodape")]
VIEWPORTS = {"computador": {"width": 1280, "height": 800}, "celular": {"width": 390, "height": 844}}
PAGES = ["/", "/objetivos/3/", "/recomendacoes/3-7/"]

@pytest.fixture(params=list(VIEWPORTS), scope="module")
def viewport(request):
    return request.param


@pytest.fixture
def tab(tabs, viewport):
    return tabs.open("claro", viewport=VIEWPORTS[viewport])


# --- Every page: the bar and the targets exist -----------------------------------------------

class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.access_keys: list[tuple[str, str]] = []
        self.search_inputs = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if "accesskey" in attributes:
            self.access_keys.append((attributes["accesskey"], attributes.get("href", "")))
        if tag == "input" and attributes.get("id") == "busca":
            self.search_inputs += 1


def test_every_page_has_the_four_shortcuts_and_their_targets(built_site):
    problems = []
    for path in page_paths(built_site):
        html_file = built_site / path.lstrip("/")
        if path.endswith("/"):
            html_file = html_file / "index.html"
        collector = _Collector()
        collector.feed(html_file.read_text(encoding="utf-8"))
        expected = [(key, f"#{target}") for key, target in SHORTCUTS]
        if collector.access_keys != expected:
            problems.append(f"{path}: atalhos {collector.access_keys}, esperados {expected}")
        for target in ("conteudo", "menu", "rodape"):
            if target not in collector.ids:
                problems.append(f"{path}: falta o alvo id={target!r}")
        # The search field gets id="busca" from javascripts/engd.js; here it must exist.
        if collector.search_inputs != 1:
            problems.append(f"{path}: {collector.search_inputs} campos de busca")
    assert not problems, "\n".join(problems)


# --- In the browser ----------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_tab_reaches_the_shortcut_bar_first(tab, site_url, path):
    tab.goto(site_url + path)
    seen = []
    for _ in SHORTCUTS:
        tab.keyboard.press("Tab")
        info = focused(tab)
        assert is_on_screen(info), f"atalho focado mas invisível: {info}"
        seen.append(info["accesskey"])
    assert seen == [key for key, _ in SHORTCUTS]


@pytest.mark.browser
@pytest.mark.parametrize("key,target", SHORTCUTS)
def test_access_key_moves_focus_to_its_target(tab, site_url, key, target):
    tab.goto(site_url + "/recomendacoes/3-7/")
    press_access_key(tab, key)
    tab.wait_for_function(f"document.activeElement.id === {target!r}", timeout=3000)
    info = focused(tab)
    assert is_on_screen(info), info
    assert tab.evaluate("location.hash") == "", "o atalho não deve mudar o endereço"


@pytest.mark.browser
@pytest.mark.parametrize("key,target", SHORTCUTS)
def test_shortcut_link_moves_focus_to_its_target(tab, site_url, key, target):
    tab.goto(site_url + "/objetivos/3/")
    for _ in range(int(key)):
        tab.keyboard.press("Tab")
    assert focused(tab)["accesskey"] == key
    tab.keyboard.press("Enter")
    tab.wait_for_function(f"document.activeElement.id === {target!r}", timeout=3000)
    assert is_on_screen(focused(tab))


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/objetivos/3/", "/recomendacoes/3-7/"])
@pytest.mark.parametrize("direction", ["Tab", "Shift+Tab"])
def test_focus_is_visible_and_never_under_the_sticky_header(tab, site_url, path, direction):
    tab.goto(site_url + path)
    if direction == "Shift+Tab":
        tab.evaluate("[...document.querySelectorAll('#rodape a')].pop().focus()")
    stops, _, problems = walk(tab, direction)
    assert stops > 20, f"só {stops} paradas de Tab"
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_the_walk_sees_a_ring_missing_faint_or_under_the_header(tabs, site_url):
    page = tabs.open("claro", viewport=VIEWPORTS["computador"])
    page.goto(site_url + "/objetivos/3/")
    page.add_style_tag(content=".md-content a { outline: none !important; } "
                               "html { scroll-padding-top: 0 !important; } .md-content a { scroll-margin-top: 0 !important; } "
                               "#rodape a, #rodape a:focus, #rodape a:focus-visible { outline-color: #0c2348 !important; }")
    page.evaluate("[...document.querySelectorAll('#rodape a')].pop().focus()")
    _, _, problems = walk(page, "Shift+Tab")
    assert any("foco sem contorno visível" in problem for problem in problems), problems[:5]
    assert any("escondido sob o cabeçalho" in problem for problem in problems), problems[:5]
    assert any("(WCAG 1.4.11 pede 3:1)" in problem for problem in problems), problems[:5]


@pytest.mark.browser
def test_single_key_shortcuts_are_off(tab, site_url):
    url = site_url + "/recomendacoes/3-7/"
    tab.goto(url)
    tab.locator(".engd-oficial p").nth(1).click()
    for key in ["s", "f", "/", "n", "p", ".", ","]:
        tab.keyboard.press(key)
    tab.wait_for_timeout(300)
    assert tab.url == url
    assert tab.evaluate("document.getElementById('__search').checked") is False
    assert tab.evaluate("document.activeElement.tagName") != "INPUT"
    # Typing in the search field still works.
    press_access_key(tab, "3")
    tab.wait_for_function("document.activeElement.id === 'busca'", timeout=3000)
    tab.keyboard.type("sn/")
    assert tab.input_value("#busca") == "sn/"


@pytest.mark.browser
@pytest.mark.parametrize("key", ["Enter", " "])
def test_header_menu_button_opens_the_menu_by_keyboard(tabs, site_url, key):
    page = tabs.open("claro", viewport=VIEWPORTS["celular"])
    page.goto(site_url + "/recomendacoes/3-7/")
    button = page.locator(".md-header [data-engd-interruptor=__drawer]")
    assert button.evaluate("element => element.tagName") == "BUTTON"  # a <label> may not take role=button
    assert re.search(r"menu", button.get_attribute("aria-label"), re.IGNORECASE)
    if not tab_until(page, "document.activeElement.getAttribute('data-engd-interruptor') === '__drawer'"):
        pytest.fail("o botão do menu não recebe foco pelo Tab")
    assert page.evaluate("document.getElementById('__drawer').checked") is False
    page.keyboard.press(key)
    page.wait_for_function("document.getElementById('__drawer').checked", timeout=3000)
    assert page.locator("#menu a").first.is_visible()


@pytest.mark.browser
def test_menu_drawer_closes_with_escape_and_when_focus_leaves_it(tabs, site_url):
    page = tabs.open("claro", viewport=VIEWPORTS["celular"])
    drawer_open = "document.getElementById('__drawer').checked"
    page.goto(site_url + "/recomendacoes/3-7/")
    press_access_key(page, "2")
    page.wait_for_function(f"{drawer_open} && document.activeElement.id === 'menu'", timeout=3000)
    page.keyboard.press("Escape")
    assert page.evaluate(drawer_open) is False
    assert page.evaluate("document.activeElement.getAttribute('data-engd-interruptor')") == "__drawer"

    press_access_key(page, "2")
    page.wait_for_function(f"{drawer_open} && document.activeElement.id === 'menu'", timeout=3000)
    tab_until(page, "!document.activeElement.closest('.md-sidebar--primary')", limit=200)
    assert page.evaluate(drawer_open) is False, "o menu aberto cobre o item que recebeu o foco"
    assert is_on_screen(focused(page))


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["escuro", "alto-contraste"])
def test_focus_ring_contrasts_at_least_3_to_1_in_the_other_modes(tabs, site_url, viewport, mode):
    """Every walk checks the ring against what is behind it (``focus_walk.walk``); the light mode's
    walks are those above, and here the same page is walked in the two other modes."""
    page = tabs.open(mode, viewport=VIEWPORTS[viewport])
    page.goto(site_url + "/objetivos/3/")
    stops, _, problems = walk(page)
    assert stops > 20
    assert not problems, "\n".join(problems)


def test_contrast_ratio_matches_known_values():
    assert round(contrast("rgb(194, 133, 12)", "rgb(255, 255, 255)"), 2) == 3.16
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
