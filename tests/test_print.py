"""Objective and recommendation pages print cleanly: no navigation chrome, the official text and
the explanation both present, the full address after each link, dark modes printed light.

Checked with print media emulation in headless Chromium, and on a real PDF that Chromium prints,
read back with ``pdftotext`` (poppler-utils).
"""
import shutil
import subprocess

import pytest


pytestmark = pytest.mark.browser

PAGES = ["/objetivos/3/", "/recomendacoes/3-7/"]
CHROME = [".engd-barra", ".md-header", ".md-sidebar--primary", ".md-sidebar--secondary",
          ".md-footer__inner", "#navegacao", ".engd-rodape__links"]


@pytest.fixture(params=["claro", "escuro", "alto-contraste"])
def printed(request, tabs):
    page = tabs.open(request.param, viewport={"width": 1280, "height": 800})
    page.emulate_media(media="print")
    return page


@pytest.mark.parametrize("path", PAGES)
def test_print_hides_navigation_and_keeps_the_texts(printed, site_url, strategy, path):
    printed.goto(site_url + path)
    for selector in CHROME:
        for element in printed.locator(selector).all():
            assert not element.is_visible(), f"{selector} aparece na impressão de {path}"
    official = printed.locator(".engd-oficial").first
    assert official.is_visible()
    expected = strategy.recommendation_by_id["3.7"].official_text if "3-7" in path else strategy.objective(3).official_text
    assert expected in official.inner_text()
    # Any explanation on the page prints too (issue 3 adds them); a new one is checked as well.
    printed.evaluate("""document.querySelector('.engd-oficial').insertAdjacentHTML('afterend',
        '<div class="engd-explicacao"><p class="engd-rotulo">Explicação</p><p>Texto simples.</p></div>')""")
    for explanation in printed.locator(".engd-explicacao").all():
        assert explanation.is_visible()
    colours = printed.evaluate("""[getComputedStyle(document.body).backgroundColor,
                                   getComputedStyle(document.querySelector('.engd-oficial p:not([class])')).color]""")
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"], colours


def test_print_shows_where_each_link_goes(printed, site_url):
    printed.goto(site_url + "/recomendacoes/3-7/")
    link = printed.locator(".engd-contexto a").first
    shown = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert shown == f'" ({site_url}/objetivos/3/)"'


def test_printed_pdf_has_the_text_and_addresses_but_no_menus(tabs, site_url, strategy, tmp_path):
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext não encontrado: instale o pacote Debian 'poppler-utils' (make deps-sistema)."
    page = tabs.open("escuro")
    page.goto(site_url + "/recomendacoes/3-7/")
    pdf = tmp_path / "3-7.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Recomendação 3.7" in flat and "Texto oficial" in flat and "Explicação em linguagem simples" in flat
    assert " ".join(strategy.recommendation_by_id["3.7"].official_text.split()) in flat
    assert f"{site_url}/objetivos/3/" in flat.replace(" ", "")
    assert "não é um site oficial" in flat
    for chrome in ("Ir para o conteúdo", "Contraste", "Buscar", "Recomendação anterior"):
        assert chrome not in flat, f"{chrome!r} saiu no PDF"
