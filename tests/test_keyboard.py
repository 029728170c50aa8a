"""Keyboard: the eMAG shortcut bar comes first, each shortcut reaches its target, focus is always
visible and never under the sticky header, and there are no single-key shortcuts (WCAG 2.1.4).

Browser checks run in headless Chromium on a computer-sized (1280×800) and a phone-sized (390×844)
viewport; the static check reads every built page.
"""
import re
from html.parser import HTMLParser

import pytest

from site_walk import new_context_in_mode, page_paths

SHORTCUTS = [("1", "conteudo"), ("2", "menu"), ("3", "busca"), ("4", "rodape")]
VIEWPORTS = {"computador": {"width": 1280, "height": 800}, "celular": {"width": 390, "height": 844}}
PAGES = ["/", "/objetivos/3/", "/recomendacoes/3-7/"]

# The search dialog is Material's (and issue 6's); its own focus handling is tested there.
_FOCUSED = """() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const style = getComputedStyle(e);
  return {
    tag: e.tagName, id: e.id, accesskey: e.getAttribute('accesskey'),
    text: (e.textContent || e.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40),
    top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height,
    headerTop: header.top, headerBottom: header.bottom,
    inHeader: !!e.closest('.md-header'), inSearch: !!e.closest('.md-search'),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    visibility: style.visibility, viewportWidth: innerWidth, viewportHeight: innerHeight,
    outlineColor: style.outlineColor, behind: backgroundBehind(e),
  };
}"""

# The colour the focus ring is painted on: the first opaque background from the element itself
# when the ring is drawn inside it (negative offset), else from its parent.
_BACKGROUND_BEHIND = """
window.backgroundBehind = (element) => {
  const inside = parseFloat(getComputedStyle(element).outlineOffset) < 0;
  for (let e = inside ? element : element.parentElement; e; e = e.parentElement) {
    const colour = getComputedStyle(e).backgroundColor;
    const alpha = colour.startsWith('rgba') ? parseFloat(colour.split(',')[3]) : 1;
    if (colour !== 'transparent' && alpha === 1) return colour;
  }
  return 'rgb(255, 255, 255)';
};
0;
"""


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""
    def luminance(colour):
        channels = [int(part) / 255 for part in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(params=list(VIEWPORTS), scope="module")
def viewport(request):
    return request.param


@pytest.fixture
def tab(browser, viewport):
    context = new_context_in_mode(browser, "claro", viewport=VIEWPORTS[viewport])
    page = context.new_page()
    yield page
    context.close()


def press_access_key(page, key: str) -> None:
    """Press Alt+key as the operating system delivers it to Chromium on Linux and Windows.

    Blink matches access keys on a key-down event that carries the typed text; Playwright's
    ``keyboard.press("Alt+1")`` sends it without text, so the real event goes through CDP.
    """
    cdp = page.context.new_cdp_session(page)
    event = {"modifiers": 1, "key": key, "code": f"Digit{key}", "windowsVirtualKeyCode": ord(key),
             "nativeVirtualKeyCode": ord(key)}
    cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": key, "unmodifiedText": key, **event})
    cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **event})
    cdp.detach()


def focused(page) -> dict:
    page.evaluate(_BACKGROUND_BEHIND)
    return page.evaluate(_FOCUSED)


def is_on_screen(info: dict) -> bool:
    return (info["width"] > 0 and info["height"] > 0 and info["visibility"] != "hidden"
            and info["right"] > 0 and info["left"] < info["viewportWidth"]
            and info["bottom"] > 0 and info["top"] < info["viewportHeight"])


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
    problems, stops = [], 0
    for _ in range(400):
        tab.keyboard.press(direction)
        info = focused(tab)
        if info["tag"] == "BODY":
            break
        stops += 1
        if info["inSearch"]:
            continue
        label = f"{info['tag']} {info['text']!r}"
        if not is_on_screen(info):
            problems.append(f"{label}: com foco mas fora da tela {info}")
        elif not info["inHeader"] and info["top"] < info["headerBottom"] - 0.5 and info["bottom"] > info["headerTop"]:
            problems.append(f"{label}: escondido sob o cabeçalho (topo {info['top']:.0f} < {info['headerBottom']:.0f})")
        if info["outlineStyle"] == "none" or info["outlineWidth"] < 2:
            problems.append(f"{label}: foco sem contorno visível ({info['outlineStyle']} {info['outlineWidth']}px)")
    assert stops > 20, f"só {stops} paradas de Tab"
    assert not problems, "\n".join(problems)


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
def test_header_menu_button_opens_the_menu_by_keyboard(browser, site_url, key):
    context = new_context_in_mode(browser, "claro", viewport=VIEWPORTS["celular"])
    page = context.new_page()
    try:
        page.goto(site_url + "/recomendacoes/3-7/")
        button = page.locator(".md-header [data-engd-interruptor=__drawer]")
        assert button.evaluate("element => element.tagName") == "BUTTON"  # a <label> may not take role=button
        assert re.search(r"menu", button.get_attribute("aria-label"), re.IGNORECASE)
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('data-engd-interruptor')") == "__drawer":
                break
        else:
            pytest.fail("o botão do menu não recebe foco pelo Tab")
        assert page.evaluate("document.getElementById('__drawer').checked") is False
        page.keyboard.press(key)
        page.wait_for_function("document.getElementById('__drawer').checked", timeout=3000)
        assert page.locator("#menu a").first.is_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_menu_drawer_closes_with_escape_and_when_focus_leaves_it(browser, site_url):
    context = new_context_in_mode(browser, "claro", viewport=VIEWPORTS["celular"])
    page = context.new_page()
    drawer_open = "document.getElementById('__drawer').checked"
    try:
        page.goto(site_url + "/recomendacoes/3-7/")
        press_access_key(page, "2")
        page.wait_for_function(f"{drawer_open} && document.activeElement.id === 'menu'", timeout=3000)
        page.keyboard.press("Escape")
        assert page.evaluate(drawer_open) is False
        assert page.evaluate("document.activeElement.getAttribute('data-engd-interruptor')") == "__drawer"

        press_access_key(page, "2")
        page.wait_for_function(f"{drawer_open} && document.activeElement.id === 'menu'", timeout=3000)
        for _ in range(200):
            page.keyboard.press("Tab")
            if not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
                break
        assert page.evaluate(drawer_open) is False, "o menu aberto cobre o item que recebeu o foco"
        assert is_on_screen(focused(page))
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["claro", "escuro", "alto-contraste"])
def test_focus_ring_contrasts_at_least_3_to_1_with_what_is_behind(browser, site_url, viewport, mode):
    context = new_context_in_mode(browser, mode, viewport=VIEWPORTS[viewport])
    page = context.new_page()
    problems, stops = [], 0
    try:
        page.goto(site_url + "/objetivos/3/")
        for _ in range(400):
            page.keyboard.press("Tab")
            info = focused(page)
            if info["tag"] == "BODY":
                break
            stops += 1
            ratio = contrast(info["outlineColor"], info["behind"])
            if ratio < 3:
                problems.append(f"{info['tag']} {info['text']!r}: contorno {info['outlineColor']} sobre "
                                f"{info['behind']} = {ratio:.2f}:1")
    finally:
        context.close()
    assert stops > 20
    assert not problems, "\n".join(problems)


def test_contrast_ratio_matches_known_values():
    assert round(contrast("rgb(194, 133, 12)", "rgb(255, 255, 255)"), 2) == 3.16
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
