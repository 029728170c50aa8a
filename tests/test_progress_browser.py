"""The progress view in a real Chromium (issue 15): axe finds no violation on /acompanhamento/ and on
an ente page in the three colour modes; the filter by UF and by kind of ente is used by keyboard only
and shows the counts an independent computation gives; without JavaScript the national table stays.

The site is built once for this file, from a copy of data/ with a small synthetic set of assessments.
"""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from datetime import datetime, timezone

import pytest

from conftest import DATA, build_into
from engd import urls
from site_walk import MODES, axe_violations, describe
from tools import synthetic_assessments

pytestmark = pytest.mark.browser
MOMENT = datetime(2026, 12, 1, tzinfo=timezone.utc)
ENTE = "35"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def progress_site(once_per_run, strategy):
    def make(folder):
        shutil.copytree(DATA, folder / "data")
        synthetic_assessments.write(52, folder / "data" / "autoavaliacoes", 5, [r.id for r in strategy.recommendations])
        build_into(folder / "site", folder / "data", moment=MOMENT)

    folder = once_per_run("acompanhamento", make)
    data, site = folder / "data", folder / "site"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", data
    server.shutdown()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", ["/" + urls.PROGRESS, "/" + urls.progress_ente(ENTE), "/" + urls.PROGRESS_ENTES])
def test_no_axe_violation_in_each_mode(tabs, progress_site, mode, path):
    base, _ = progress_site
    page = tabs.open(mode)
    page.goto(base + path, wait_until="networkidle")
    assert page.evaluate("document.documentElement.getAttribute('data-engd-contraste')") == mode
    violations = axe_violations(page)
    assert not violations, "\n".join(describe(path, violations))


def _expected(data, uf_code: str, kind: str) -> tuple[int, int]:
    """Entes of the UF and kind, and how many of them have 1.1 implemented, read with json and csv only."""
    import csv

    entes = implemented = 0
    for path in (data / "autoavaliacoes").iterdir():
        if path.suffix == ".json":
            document = json.loads(path.read_text(encoding="utf-8"))
            header, answers = document["cabecalho"], document["respostas"]
        elif path.suffix == ".csv":
            answers = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
            header = answers[0]
        else:
            continue
        if header["ente_codigo_ibge"][:2] == uf_code and header["ente_tipo"] == kind:
            entes += 1
            implemented += next(a for a in answers if a["recomendacao"] == "1.1")["situacao"] == "implementada"
    return entes, implemented


def _choose_by_keyboard(page, select: str, value: str) -> None:
    for _ in range(80):
        if page.evaluate("document.activeElement && document.activeElement.id") == select:
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError(f"o campo #{select} não recebe o foco pelo teclado")
    for _ in range(40):
        if page.locator(f"#{select}").input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"o valor {value} não foi escolhido em #{select}")


def test_the_filter_works_by_keyboard(tabs, progress_site):
    base, data = progress_site
    page = tabs.open()
    page.goto(base + "/" + urls.PROGRESS, wait_until="networkidle")
    assert page.locator("#ac-filtro").is_visible()
    _choose_by_keyboard(page, "ac-uf", "SP")
    _choose_by_keyboard(page, "ac-tipo", "municipio")
    status = page.locator("#ac-estado").inner_text()
    cell = page.locator('span[data-recomendacao="1.1"][data-situacao="implementada"]').inner_text()
    entes, implemented = _expected(data, "35", "municipio")
    assert entes >= 2
    assert status == f"A tabela mostra agora os números de {entes} entes do tipo município da UF SP."
    assert cell == f"{implemented} ({100 * implemented / entes:.1f} %)".replace(".", ",")


def test_without_javascript_the_national_table_stays(tabs, progress_site):
    base, _ = progress_site
    page = tabs.open(java_script_enabled=False)
    page.goto(base + "/" + urls.PROGRESS, wait_until="load")
    assert not page.locator("#ac-filtro").is_visible()
    assert page.locator('span[data-recomendacao="1.1"][data-situacao="implementada"]').count() == 1
    assert page.locator("table").count() == 2


@pytest.mark.parametrize("mode", MODES)
def test_the_empty_folder_page_has_no_axe_violation(tabs, site_url, mode):
    """The real site (no assessment published): the page that says so and explains how to publish one."""
    path = "/" + urls.PROGRESS
    page = tabs.open(mode)
    page.goto(site_url + path, wait_until="networkidle")
    assert "Ainda não há autoavaliação publicada" in page.locator("main").inner_text()
    violations = axe_violations(page)
    assert not violations, "\n".join(describe(path, violations))


def _search(page, query: str) -> None:
    field = page.locator("#busca")
    field.click()
    field.fill("")
    field.press_sequentially(query)
    page.wait_for_function("q => document.getElementById('busca-resultados').dataset.consulta === q", arg=query.strip())


def test_the_search_finds_an_ente_by_name_and_fetches_the_names_only_then(tabs, progress_site):
    """The names file is held back until the whole name is typed (a slow connection): the ente still
    appears when the names arrive. A second name, typed once they are loaded, finds its ente at once."""
    base, data = progress_site
    first, second = sorted((data / "autoavaliacoes").glob("35?????.json"))[:2]
    names = [json.loads(path.read_text(encoding="utf-8"))["cabecalho"]["ente_nome"] for path in (first, second)]
    page = tabs.open()
    fetched, held = [], []
    page.on("request", lambda request: fetched.append(request.url))
    page.route("**/" + urls.PROGRESS_SEARCH, lambda route: held.append(route))
    page.goto(base + "/", wait_until="networkidle")
    _search(page, "cpf")
    page.wait_for_timeout(500)
    assert not any(url.endswith(urls.PROGRESS_SEARCH) for url in fetched)
    _search(page, names[0])
    assert held, "a consulta longa não pediu os nomes dos entes"
    assert not page.query_selector('#busca-resultados a[data-tipo="ente"]')
    held[0].continue_()
    page.wait_for_selector('#busca-resultados a[data-tipo="ente"]')
    hrefs = page.eval_on_selector_all('#busca-resultados a[data-tipo="ente"]', "links => links.map(a => a.getAttribute('href'))")
    _search(page, names[1])
    page.wait_for_selector('#busca-resultados a[data-tipo="ente"]')
    assert len(held) == 1
    assert hrefs[0].endswith("/" + urls.progress_ente_anchor("SP"))
