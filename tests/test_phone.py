"""Phone and zoom (issue 17, point 7), in a real Chromium: at 390 and 320 px the readability table
and the download table of /dados/ scroll inside a labelled region that the keyboard reaches, with a
visible hint and a visible focus ring (at 1366 px a table that fits has neither); at 320 px and at
400 % zoom every control shows its focus, out from under the sticky header, and Alt+3 opens the
search with its field and clear button visibly focused."""
import pytest

from focus_walk import press_access_key, under_the_header, walk

pytestmark = pytest.mark.browser

PAGES = ["/dados/", "/recomendacoes/3-7/"]
# 400 % zoom of a 1280×800 window: 320×200 CSS pixels, each drawn with 4 device pixels.
SMALL_SCREENS = {"320px": {"viewport": {"width": 320, "height": 640}},
                 "zoom-400": {"viewport": {"width": 320, "height": 200}, "device_scale_factor": 4}}
FOCUS_PAGES = ["/", "/objetivos/3/", "/recomendacoes/3-7/", "/glossario/", "/dados/", "/404.html"]


def _tab(tabs, width):
    return tabs.open(viewport={"width": width, "height": 844})


def _boxes(page):
    page.wait_for_function("() => document.querySelectorAll('.md-typeset__scrollwrap').length > 0")
    return page.locator(".md-typeset__scrollwrap")


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("path", PAGES)
def test_a_wide_table_scrolls_in_a_labelled_region_with_a_hint(tabs, site_url, path, width):
    page = _tab(tabs, width)
    page.goto(site_url + path)
    boxes = _boxes(page)
    wide = [boxes.nth(i) for i in range(boxes.count())
            if boxes.nth(i).evaluate("e => e.scrollWidth > e.clientWidth + 1")]
    assert wide, (path, width)
    for box in wide:
        page.wait_for_function("e => e.getAttribute('role') === 'region'", arg=box.element_handle())
        assert box.get_attribute("aria-label").startswith("Tabela") and box.get_attribute("tabindex") == "0"
        hint = box.locator("xpath=preceding-sibling::*[1]")
        assert hint.get_attribute("class") == "engd-rolavel-dica" and hint.is_visible()
        assert "Role para o lado" in hint.inner_text()
        assert box.evaluate("e => getComputedStyle(e).borderRightWidth") == "4px"
        box.focus()
        assert box.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
        page.keyboard.press("ArrowRight")
        page.wait_for_function("e => e.scrollLeft > 0", arg=box.element_handle())
    # The page itself does not scroll sideways (WCAG 1.4.10).
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_a_table_that_fits_has_no_hint(tabs, site_url):
    page = _tab(tabs, 1366)
    page.goto(site_url + "/recomendacoes/3-7/")
    _boxes(page)
    page.wait_for_load_state("load")
    assert page.locator(".engd-rolavel-dica").count() == 0
    assert page.locator(".md-typeset__scrollwrap[role=region]").count() == 0


@pytest.mark.parametrize("screen", ["390px", "320px", "zoom-400"])
def test_alt_3_opens_the_search_and_its_controls_show_focus(tabs, site_url, screen):
    """At 320 CSS px, at 400 % zoom and on a phone, Alt+3 opens the search box: the field is on
    screen with a focus ring, and so is the clear button reached with Tab."""
    options = SMALL_SCREENS.get(screen, {"viewport": {"width": 390, "height": 844}})
    page = tabs.open(**options)
    page.goto(site_url + "/")
    page.wait_for_load_state("load")
    press_access_key(page, "3")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'busca'")
    field = page.locator("#busca")
    page.wait_for_function("""() => { const r = document.getElementById('busca').getBoundingClientRect();
        return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.width > 0; }""")
    assert field.is_visible()
    assert field.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.keyboard.type("dados")
    page.keyboard.press("Tab")
    clear = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
        return [e.getAttribute('aria-label'), getComputedStyle(e).outlineStyle, r.left >= 0 && r.right <= innerWidth && r.width >= 24]; }""")
    assert clear == ["Limpar a busca", "solid", True]



@pytest.mark.parametrize("screen", list(SMALL_SCREENS))
@pytest.mark.parametrize("path", FOCUS_PAGES)
def test_every_control_shows_its_focus_on_a_small_screen(tabs, site_url, path, screen):
    """Issue 17, point 7: at 320 px and at 400 % zoom every Tab stop (links, buttons, fields, the
    scrolling tables) is on screen, not under the sticky header, with a visible ring."""
    page = tabs.open(**SMALL_SCREENS[screen])
    page.goto(site_url + path, wait_until="load")
    stops, kinds, problems = walk(page, limit=2000)
    assert stops > 10 and "A" in kinds, (stops, kinds)
    assert not problems, "\n".join(problems[:10])


def test_the_header_check_sees_a_covered_element():
    base = {"viewportHeight": 200, "headerTop": 0, "headerBottom": 48}
    assert under_the_header({**base, "top": 40, "bottom": 60, "height": 20})  # a link half under it
    assert not under_the_header({**base, "top": 48, "bottom": 68, "height": 20})
    assert under_the_header({**base, "top": -900, "bottom": 80, "height": 980})  # a tall box barely showing
    assert not under_the_header({**base, "top": -900, "bottom": 900, "height": 1800})


@pytest.mark.parametrize("mode", ["claro", "alto-contraste"])
def test_a_code_example_wider_than_the_screen_is_reached_by_keyboard(tabs, site_url, mode):
    page = tabs.open(mode, viewport={"width": 390, "height": 844})
    page.goto(site_url + "/dados/", wait_until="load")
    blocks = page.locator(".md-typeset pre > code")
    wide = [blocks.nth(i) for i in range(blocks.count())
            if blocks.nth(i).evaluate("e => e.scrollWidth > e.clientWidth + 1")]
    assert wide
    for block in wide:
        assert block.get_attribute("tabindex") == "0" and block.get_attribute("role") == "region"
        assert block.get_attribute("aria-label").startswith("Código")
        block.focus()
        assert block.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
        page.keyboard.press("ArrowRight")
        page.wait_for_function("e => e.scrollLeft > 0", arg=block.element_handle())
