"""In a real Chromium, each copy button of "Como citar" is reached by keyboard, copies the right text
to the clipboard and announces it in the status region."""
import functools
import http.server
import threading

import pytest

from engd import citation

pytestmark = pytest.mark.browser

SITE = "https://engd.example.org/estrategia/"
CONFIGURED = dict(site_url=SITE, repository="https://github.com/exemplo/engd")
MAX_TABS = 400


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(build_with):
    handler = functools.partial(_Quiet, directory=str(build_with(**CONFIGURED)))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def tab(tabs, served):
    return tabs.open(permissions=["clipboard-read", "clipboard-write"])


def _expected(strategy, path):
    settings = SITE
    if path.startswith("/recomendacoes/"):
        return citation.for_recommendation(strategy, strategy.recommendation_by_id["3.7"], settings)
    if path.startswith("/objetivos/"):
        return citation.for_objective(strategy, strategy.objective(3), settings)
    return citation.for_act(strategy, settings)


def _tab_to(page, name: str) -> int:
    """Press Tab from the top of the page until the button named ``name`` has focus."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => { const e = document.activeElement; return e && e.tagName === 'BUTTON' ? e.textContent.trim() : null; }")
        if focused == name:
            return presses
    raise AssertionError(f"o botão “{name}” não foi alcançado com {MAX_TABS} Tabs")


@pytest.mark.parametrize("path", ["/recomendacoes/3-7/", "/objetivos/3/", "/ato/"])
def test_each_copy_button_works_by_keyboard(tab, served, strategy, path):
    cited = _expected(strategy, path)
    tab.goto(served + path)
    status = tab.locator(".engd-citar [role=status]")
    # From the top of the page, Tab reaches each button in turn; focus stays on a button after use.
    for name, key, text, message in [
        ("Copiar referência", "Enter", cited.reference, "Referência copiada."),
        ("Copiar endereço", "Space", cited.address, "Endereço copiado."),
        ("Copiar URN", "Enter", cited.urn, "URN copiada."),
    ]:
        tab.evaluate("() => navigator.clipboard.writeText('')")
        _tab_to(tab, name)
        tab.keyboard.press(key)
        tab.wait_for_function("m => document.querySelector('.engd-citar [role=status]').textContent === m", arg=message)
        assert tab.evaluate("() => navigator.clipboard.readText()") == text
        assert status.get_attribute("aria-live") == "polite"


def test_copy_buttons_are_focusable_and_visibly_focused(tab, served):
    tab.goto(served + "/recomendacoes/3-7/")
    _tab_to(tab, "Copiar URN")
    outline = tab.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    size = tab.evaluate("() => { const r = document.activeElement.getBoundingClientRect(); return [r.width, r.height]; }")
    assert outline != "none"
    assert size[0] >= 24 and size[1] >= 24


def test_without_javascript_no_dead_buttons_are_shown(browser, served):
    context = browser.new_context(locale="pt-BR", java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "/recomendacoes/3-7/")
    assert page.locator("button.engd-copiar").count() == 5  # reference, address, identifier, URN, online reference
    assert page.locator("button.engd-copiar:visible").count() == 0
    assert page.locator("#citar-referencia").is_visible()
    context.close()
