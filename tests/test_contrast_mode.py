"""The contrast switch (claro, escuro, alto contraste) works by mouse and keyboard, announces its
state, is remembered across pages and reloads in localStorage, never in a cookie, and is applied
before the page body is drawn (no flash of the wrong colours).
"""
import re

import pytest

from focus_walk import tab_until
from site_walk import MODES, ROOT, STORAGE_KEY

pytestmark = pytest.mark.browser

BACKGROUND = {"claro": "rgb(255, 255, 255)", "escuro": "rgb(27, 27, 27)", "alto-contraste": "rgb(0, 0, 0)"}
LABELS = {"claro": "Claro", "escuro": "Escuro", "alto-contraste": "Alto contraste"}

# Records the mode at the moment <body> appears, before anything in it is drawn.
_MODE_WHEN_BODY_STARTS = """
new MutationObserver((changes, observer) => {
  if (document.body) {
    window.__modoAoComecarOCorpo = document.documentElement.getAttribute('data-engd-contraste');
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="pt-BR", viewport={"width": 1280, "height": 800})
    context.add_init_script(_MODE_WHEN_BODY_STARTS)
    yield context
    context.close()


def state(page) -> dict:
    return page.evaluate(f"""() => ({{
        mode: document.documentElement.getAttribute('data-engd-contraste'),
        atBodyStart: window.__modoAoComecarOCorpo,
        background: getComputedStyle(document.body).backgroundColor,
        pressed: [...document.querySelectorAll('[data-engd-modo]')]
            .filter(b => b.getAttribute('aria-pressed') === 'true').map(b => b.dataset.engdModo),
        stored: localStorage.getItem({STORAGE_KEY!r}),
        cookie: document.cookie,
    }})""")


def test_switch_is_a_labelled_group_of_three_toggle_buttons(context, site_url):
    page = context.new_page()
    page.goto(site_url + "/")
    group = page.get_by_role("group", name="Contraste:")
    assert group.is_visible()
    for mode, label in LABELS.items():
        button = group.get_by_role("button", name=label, exact=True)
        assert button.is_visible()
        assert button.get_attribute("aria-pressed") in ("true", "false")
    assert state(page)["pressed"] == ["claro"]


@pytest.mark.parametrize("mode", MODES)
def test_choosing_a_mode_changes_the_colours_and_is_remembered_without_cookies(context, site_url, mode):
    page = context.new_page()
    page.goto(site_url + "/objetivos/3/")
    page.get_by_role("button", name=LABELS[mode], exact=True).click()
    now = state(page)
    assert (now["mode"], now["pressed"], now["stored"], now["background"]) == (mode, [mode], mode, BACKGROUND[mode])

    page.get_by_role("link", name="Ver a recomendação 3.7").click()
    page.wait_for_url("**/recomendacoes/3-7/")
    after = state(page)
    assert (after["mode"], after["atBodyStart"], after["pressed"], after["background"]) == (mode, mode, [mode], BACKGROUND[mode])

    page.reload()
    assert state(page)["atBodyStart"] == mode
    assert state(page)["cookie"] == "" and context.cookies() == []


def test_switch_works_by_keyboard(context, site_url):
    page = context.new_page()
    page.goto(site_url + "/recomendacoes/3-7/")
    if not tab_until(page, "document.activeElement.dataset.engdModo === 'alto-contraste'"):
        pytest.fail("o botão Alto contraste não recebe foco pelo Tab")
    page.keyboard.press("Enter")
    assert state(page)["mode"] == "alto-contraste"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press(" ")
    assert state(page)["mode"] == "escuro"
    assert state(page)["stored"] == "escuro"


@pytest.mark.parametrize("options,expected", [
    ({}, "claro"),
    ({"color_scheme": "dark"}, "escuro"),
    ({"contrast": "more"}, "alto-contraste"),
])
def test_without_a_choice_the_system_preference_decides(browser, site_url, options, expected):
    context = browser.new_context(locale="pt-BR", **options)
    context.add_init_script(_MODE_WHEN_BODY_STARTS)
    try:
        page = context.new_page()
        page.goto(site_url + "/")
        now = state(page)
        assert (now["atBodyStart"], now["pressed"], now["stored"]) == (expected, [expected], None)
    finally:
        context.close()


def test_an_invalid_stored_value_falls_back_to_a_valid_mode(context, site_url):
    context.add_init_script(f"localStorage.setItem({STORAGE_KEY!r}, 'roxo')")
    page = context.new_page()
    page.goto(site_url + "/")
    assert state(page)["mode"] == "claro"


# --- What a mode may change (the promise behind site_walk.RULES_A_MODE_CAN_CHANGE) ------------

_MODE_MAY_SET = re.compile(r"^(--[\w-]+|color|color-scheme|background(-color)?|border(-(top|right|bottom|left))?(-(color|style|width))?"
                           r"|outline(-(color|style|width|offset))?|text-decoration(-(line|color|style|thickness))?"
                           r"|text-underline-offset|font-weight|box-shadow|fill|stroke|accent-color|caret-color)$")


def _leaf_rules(css: str):
    """(at-rules around it, selector, declarations) of each rule without nested blocks."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    stack, boundary, opened = [], 0, None
    for position, char in enumerate(css):
        if char == "{":
            stack.append(css[boundary:position].strip())
            boundary, opened = position + 1, position
        elif char == "}":
            if opened is not None:
                yield stack[:-1], stack[-1], css[opened + 1:position]
            stack.pop()
            boundary, opened = position + 1, None
        elif char == ";" and opened is None:
            boundary = position + 1


def _what_modes_change(css: str) -> list[str]:
    """Declarations under a mode's selector, outside print, that may change what is shown or where."""
    problems = []
    for around, selector, body in _leaf_rules(css):
        if "data-engd-contraste" not in selector or any("print" in at for at in around):
            continue
        for declaration in filter(None, (d.strip() for d in body.split(";"))):
            name = declaration.split(":", 1)[0].strip().lower()
            if not _MODE_MAY_SET.match(name):
                problems.append(f"{selector} {{ {declaration} }}")
    return problems


def test_the_modes_change_colours_borders_and_weight_only():
    """The page walk runs only the colour and size rules of axe after a switch: that holds while a
    mode never hides, shows, moves or replaces anything."""
    problems, mode_rules = [], 0
    for sheet in sorted((ROOT / "docs" / "stylesheets").glob("*.css")):
        css = sheet.read_text(encoding="utf-8")
        mode_rules += sum("data-engd-contraste" in selector for _, selector, _ in _leaf_rules(css))
        problems += [f"{sheet.name}: {problem}" for problem in _what_modes_change(css)]
    assert mode_rules >= 10, f"só {mode_rules} regras de modo lidas: o leitor de CSS do teste falhou"
    assert not problems, ("um modo de contraste muda mais que cores e bordas; rode todas as regras do axe "
                          "nos três modos (site_walk.RULES_A_MODE_CAN_CHANGE):\n" + "\n".join(problems))


def test_the_check_of_what_modes_change_sees_a_hidden_part():
    css = """@media print { [data-engd-contraste] .a { display: none } }
    [data-engd-contraste="escuro"] .b { color: #fff; border: 1px solid #fff }
    @media screen { [data-engd-contraste="alto-contraste"] .c { display: none; color: red } }"""
    assert _what_modes_change(css) == ['[data-engd-contraste="alto-contraste"] .c { display: none }']
