"""The site's search box finds what a citizen types, in a real Chromium, on the built site.

Every query of ``fixtures/consultas_busca.yml`` is typed, key by key, into the header's search box
of the built site; the expected item must be among the first three results (the first, for a search
by number). The box must show each result's number, objective and excerpt, work from the keyboard,
announce its state to screen readers, pass axe, and never ask another host for anything. The
glossary's expansions are checked on a site built from a copy of the data with a glossary added.
The index builder's pure parts (records, glossary lines, which pages) are checked without a browser.
"""
from __future__ import annotations

import functools
import hashlib
import http.server
import re
import threading
from pathlib import Path

import pytest
import yaml

from engd.build import build
from engd.search_index import (BUNDLE, glossary_lines, number_aliases, objective_label, page_files, records,
                               write_search_index)

ROOT = Path(__file__).resolve().parents[1]
QUERIES = yaml.safe_load((Path(__file__).parent / "fixtures" / "consultas_busca.yml").read_text(encoding="utf-8"))["consultas"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CRITERIA = {"acentos", "radical", "numero", "sigla"}


# --- Helpers --------------------------------------------------------------------------------------

def item_of(link: dict) -> str:
    """The fixture's name for a result: "3.7", "objetivo 4", or the page's address."""
    if link["tipo"] == "recomendacao":
        return link["numero"]
    if link["tipo"] == "objetivo":
        return f"objetivo {link['numero']}"
    return link["href"]


def type_query(page, query: str) -> list[dict]:
    """Type ``query`` into the header's search box, wait for its results, return them in order."""
    field = page.locator("#busca")
    field.click()
    field.fill("")
    field.press_sequentially(query)
    page.wait_for_function("q => document.getElementById('busca-resultados').dataset.consulta === q", arg=query)
    return page.eval_on_selector_all(
        "#busca-resultados a",
        "links => links.map(a => ({tipo: a.dataset.tipo, numero: a.dataset.numero || '', href: a.getAttribute('href')}))")


def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# --- The query list -------------------------------------------------------------------------------

def test_query_list_covers_every_bullet_of_the_issue():
    assert len(QUERIES) >= 25
    by_criterion = {c: [q for q in QUERIES if q["criterio"] == c] for c in CRITERIA}
    assert {q["criterio"] for q in QUERIES} == CRITERIA
    assert all(len(found) >= 5 for found in by_criterion.values()), {c: len(f) for c, f in by_criterion.items()}
    texts = {q["consulta"] for q in QUERIES}
    assert {"seguranca cibernetica", "capacitar", "3.7", "3-7", "recomendação 3.7", "CPF",
            "cadastro de pessoas fisicas"} <= texts
    # Queries typed without any accent, and queries in capitals, are both there.
    assert any(q["criterio"] == "acentos" and q["consulta"].isascii() for q in QUERIES)
    assert any(q["consulta"].isupper() for q in QUERIES)


# --- Every query finds its item (the acceptance test) ---------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES, ids=[f"{q['criterio']}:{q['consulta']}" for q in QUERIES])
def test_query_finds_expected_item_in_top_three(page, site_url, query):
    page.goto(f"{site_url}/")
    found = [item_of(link) for link in type_query(page, query["consulta"])]
    expected = query["espera"]
    if query.get("primeiro"):
        assert found[:1] and found[0] in expected, f"{query['consulta']!r}: primeiro resultado {found[:1]}, esperava {expected}"
    else:
        assert set(found[:3]) & set(expected), f"{query['consulta']!r}: três primeiros {found[:3]}, esperava um de {expected}"


# --- What a result shows --------------------------------------------------------------------------

@pytest.mark.browser
def test_result_shows_number_objective_and_excerpt(page, site_url, strategy):
    page.goto(f"{site_url}/ato/")
    type_query(page, "cpf")
    first = page.locator("#busca-resultados li").first
    objective = strategy.objective(3)
    assert first.locator(".engd-busca__titulo").inner_text() == "Recomendação 3.7"
    context = first.locator(".engd-busca__contexto").inner_text()
    assert context.startswith("Objetivo 3: ") and objective.official_text.startswith(context.removeprefix("Objetivo 3: ").rstrip("…"))
    excerpt = first.locator(".engd-busca__trecho")
    assert "Cadastro de Pessoas Físicas" in excerpt.inner_text()
    marks = excerpt.locator("mark").all_inner_texts()
    assert marks and {m.strip("().,;:") for m in marks} == {"CPF"}, marks
    link = first.locator("a")
    assert link.get_attribute("href") == "/recomendacoes/3-7/"
    # The link's name is the item (its visible text); the objective and the excerpt describe it.
    assert link.inner_text() == "Recomendação 3.7"
    described = link.evaluate("a => a.getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent)")
    assert described == [context, excerpt.inner_text()]


@pytest.mark.browser
def test_excerpt_never_injects_markup(page, site_url):
    page.goto(f"{site_url}/")
    type_query(page, "seguranca")
    tags = page.eval_on_selector_all(".engd-busca__trecho *", "els => [...new Set(els.map(e => e.tagName))]")
    assert set(tags) <= {"MARK"}


# --- Keyboard, screen readers, narrow screens ------------------------------------------------------

@pytest.mark.browser
def test_keyboard_reaches_and_opens_results(page, site_url):
    page.goto(f"{site_url}/")
    type_query(page, "dados")
    hrefs = page.eval_on_selector_all("#busca-resultados a", "links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) >= 2
    active = "() => document.activeElement.getAttribute('href') || document.activeElement.id"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(active) == hrefs[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(active) == hrefs[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(active) == "busca"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.evaluate(active) == "busca"
    assert page.evaluate("document.getElementById('__search').checked") is False
    # Closed, the results leave the tab order; typing opens them again; Enter opens the first.
    assert page.evaluate("document.querySelector('.md-search__output').inert") is True
    page.keyboard.type(" ")
    page.wait_for_function("document.getElementById('__search').checked")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}{hrefs[0]}")


@pytest.mark.browser
def test_tab_order_goes_from_field_to_results(page, site_url):
    page.goto(f"{site_url}/")
    type_query(page, "3.7")
    page.keyboard.press("Tab")  # the clear button
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Limpar a busca"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/recomendacoes/3-7/"


@pytest.mark.browser
def test_state_is_announced(page, site_url):
    page.goto(f"{site_url}/")
    status = page.locator("#busca-estado")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    type_query(page, "cpf")
    announced = re.fullmatch(r"(\d+) resultados? para “cpf”(?:; mostrando os (\d+) primeiros)?\.", status.inner_text())
    assert announced, status.inner_text()
    shown = int(announced[2] or announced[1])
    assert shown == page.locator("#busca-resultados li").count() and int(announced[1]) >= shown >= 1
    type_query(page, "xyzxyz")
    assert status.inner_text().startswith("Nenhum resultado para “xyzxyz”.")
    assert page.locator("#busca-resultados li").count() == 0


@pytest.mark.browser
def test_more_results_come_on_request(page, site_url):
    page.goto(f"{site_url}/")
    type_query(page, "dados")
    results = page.locator("#busca-resultados li")
    more = page.locator("[data-engd-busca-mais]")
    assert results.count() == 5
    total = int(re.match(r"(\d+) resultados", page.inner_text("#busca-estado")).group(1))
    assert total > 10, "a consulta precisa de mais de 10 resultados para este teste"
    assert page.inner_text("#busca-estado") == f"{total} resultados para “dados”; mostrando os 5 primeiros."
    assert more.is_visible()
    more.click()
    page.wait_for_function("document.querySelectorAll('#busca-resultados li').length === 10")
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('#busca-resultados li')[5]")
    assert page.inner_text("#busca-estado") == f"{total} resultados para “dados”; mostrando os 10 primeiros."


@pytest.mark.browser
def test_one_character_asks_for_more(page, site_url):
    page.goto(f"{site_url}/")
    page.locator("#busca").click()
    page.keyboard.type("d")
    page.wait_for_function("document.getElementById('busca-estado').textContent.startsWith('Continue digitando')")
    assert page.locator("#busca-resultados li").count() == 0


@pytest.mark.browser
def test_field_is_the_target_of_the_search_shortcut(page, site_url):
    page.goto(f"{site_url}/recomendacoes/3-7/")
    field = page.locator("#busca")
    assert field.count() == 1
    assert field.get_attribute("type") == "search"
    assert field.get_attribute("aria-label") == "Buscar no site"
    assert page.locator("[data-md-component=search-query]").count() == 0


@pytest.mark.browser
def test_narrow_screen_opens_search_from_the_header(browser, site_url):
    context = browser.new_context(locale="pt-BR", viewport={"width": 360, "height": 740})
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}/")
        assert tab.evaluate("document.getElementById('__search').checked") is False
        tab.click("label.md-header__button[for=__search]")
        tab.wait_for_function("document.activeElement && document.activeElement.id === 'busca'")
        found = [item_of(link) for link in type_query(tab, "3-7")]
        assert found[:1] == ["3.7"]
        assert tab.locator("#busca-resultados a").first.is_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_open_search_passes_axe(page, site_url):
    page.goto(f"{site_url}/")
    type_query(page, "dados")  # many results: the "Mostrar mais" button is on screen too
    assert page.locator("[data-engd-busca-mais]").is_visible()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document.querySelector('[data-engd-busca]'),
        {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})""")
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result["violations"]]
    assert not violations, violations
    assert result["passes"], "o axe não avaliou nada: a caixa de busca não estava na página"


@pytest.mark.browser
def test_works_when_the_site_lives_under_a_subpath(page, built_site, tmp_path):
    # GitHub Pages serves a project site at /<repository>/: results must keep that prefix.
    (tmp_path / "engd").symlink_to(built_site, target_is_directory=True)
    server, url = serve(tmp_path)
    try:
        page.goto(f"{url}/engd/ato/")
        links = type_query(page, "cpf")
        assert [item_of(link) for link in links][:1] == ["3.7"]
        assert links[0]["href"] == "/engd/recomendacoes/3-7/"
        assert page.locator("#busca-resultados .engd-busca__contexto").first.inner_text().startswith("Objetivo 3: ")
    finally:
        server.shutdown()


# --- Nothing leaves the site -----------------------------------------------------------------------

@pytest.mark.browser
def test_search_makes_no_third_party_request_and_skips_material_search(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site_url}/recomendacoes/3-7/")
    type_query(page, "capacitação")
    assert requests and all(url.startswith(site_url + "/") for url in requests), [u for u in requests if not u.startswith(site_url)]
    assert any("/pagefind/wasm.pt.pagefind" in url for url in requests)
    # Material's own search (lunr worker and its index) is not loaded.
    assert not [url for url in requests if "search_index.json" in url or "/workers/search" in url]


# --- Acronyms from the glossary ---------------------------------------------------------------------

GOVTECHS_ENTRY = "  - id: govtechs\n    termo: Govtechs\n    tipo: termo-tecnico\n"
GOVTECHS_WITH_EXPANSION = "  - id: govtechs\n    termo: Govtechs\n    expansao: quimeratech de teste\n    tipo: termo-tecnico\n"


@pytest.mark.browser
def test_glossary_expansion_finds_the_item_that_only_has_the_term(page, data_copy, tmp_path):
    glossary = data_copy / "glossario.yml"
    text = glossary.read_text(encoding="utf-8")
    assert GOVTECHS_ENTRY in text
    glossary.write_text(text.replace(GOVTECHS_ENTRY, GOVTECHS_WITH_EXPANSION), encoding="utf-8")
    site = tmp_path / "site"
    build(ROOT, site, data_copy)
    server, url = serve(site)
    try:
        page.goto(f"{url}/")
        # a made-up expansion, found only through the glossary: the item's text never says it
        found = [item_of(link) for link in type_query(page, "quimeratech")]
        assert found[:1] == ["7.2"], found
        found = [item_of(link) for link in type_query(page, "govtechs")]
        assert found[:1] == ["7.2"], found
    finally:
        server.shutdown()


# --- The index builder, without a browser -------------------------------------------------------------

def test_records_hold_every_item_with_official_text_first(strategy):
    made = records(strategy)
    assert [r.url for r in made][:2] == ["/objetivos/1/", "/recomendacoes/1-1/"]
    assert len(made) == len(strategy.objectives) + len(strategy.recommendations)
    rec = strategy.recommendation_by_id["3.7"]
    html = next(r.html for r in made if r.url == "/recomendacoes/3-7/")
    assert 'value="Recomendação 3.7" data-pagefind-meta="title[value]"' in html
    assert 'value="item 3.7" data-pagefind-meta="citacao[value]"' in html
    assert f'value="{objective_label(strategy.objective(3))}" data-pagefind-meta="objetivo[value]"' in html
    paragraphs = re.findall(r"<p>(.*?)</p>", html)
    assert paragraphs[0] == rec.official_text.replace("&", "&amp;")


def test_record_text_is_escaped(strategy):
    from dataclasses import replace

    rec = replace(strategy.recommendation_by_id["1.1"], official_text='<script>alert("x")</script> & "aspas"')
    objective = replace(strategy.objective(1), recommendations=(rec,))
    changed = replace(strategy, objectives=(objective,))
    html = next(r.html for r in records(changed) if r.url == "/recomendacoes/1-1/")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_number_aliases_and_objective_label(strategy):
    assert number_aliases(strategy.recommendation_by_id["10.2"]) == "item 10.2"
    label = objective_label(strategy.objective(7))
    assert label.endswith("…") and len(label) <= 111 and not label.startswith("Objetivo")
    assert strategy.objective(7).official_text.startswith(label[:-1])


def test_glossary_lines_only_for_terms_written_in_the_item(strategy):
    from engd.model import Term

    cpf = Term("cpf", "CPF", "Cadastro de Pessoas Físicas", "sigla", "Número de cada pessoa na Receita Federal.", ("CPF",), None)
    pen = Term("pen", "PEN", "Processo Eletrônico Nacional", "sigla", "Sistema de processos.", ("PEN",), None)
    gov = Term("govbr", "GOV.BR", None, "programa", "Portal do governo federal.", ("Plataforma GOV.BR",), None)
    text = [strategy.recommendation_by_id["3.7"].official_text]
    assert glossary_lines(text, (cpf, pen, gov)) == ["CPF: Cadastro de Pessoas Físicas"]
    # A form inside a longer word does not count ("PEN" in "PENDENTE").
    assert glossary_lines(["Processo PENDENTE"], (pen,)) == []
    assert glossary_lines(["Processo (PEN)."], (pen,)) == ["PEN: Processo Eletrônico Nacional"]
    # A term without an expansion adds nothing the text does not already say.
    assert glossary_lines(["Na Plataforma GOV.BR."], (gov,)) == []


def test_pages_indexed_from_html_leave_out_items_and_lists(built_site):
    pages = page_files(built_site)
    assert "ato/index.html" in pages
    for left_out in ("index.html", "404.html", "objetivos/index.html", "recomendacoes/index.html",
                     "objetivos/3/index.html", "recomendacoes/3-7/index.html"):
        assert left_out not in pages


def test_bundle_has_only_what_the_search_box_loads(built_site, strategy):
    bundle = built_site / BUNDLE
    top = sorted(p.name for p in bundle.iterdir() if p.is_file())
    assert len(top) == 4, top
    assert top[0] == "pagefind-entry.json" and top[1] == "pagefind.js" and top[3] == "wasm.pt.pagefind"
    assert re.fullmatch(r"pagefind\.pt_[0-9a-f]+\.pf_meta", top[2])
    # One fragment per record (objectives, recommendations) and per other page (at least the act).
    fragments = len(list((bundle / "fragment").iterdir()))
    assert fragments >= len(strategy.objectives) + len(strategy.recommendations) + 1


def test_index_is_reproducible(strategy, built_site, tmp_path):
    copy = tmp_path / "site"
    copy.mkdir()
    for page in ["ato/index.html"]:
        (copy / page).parent.mkdir(parents=True)
        (copy / page).write_bytes((built_site / page).read_bytes())

    def digest(folder: Path) -> dict:
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted((folder / BUNDLE).rglob("*")) if p.is_file()}

    assert write_search_index(strategy, copy) == []
    first = digest(copy)
    assert write_search_index(strategy, copy) == []
    assert digest(copy) == first and len(first) > 60
