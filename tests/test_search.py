"""The site's search box finds what a citizen types, in a real Chromium, on the built site.

Every query of ``fixtures/consultas_busca.yml`` is typed, key by key, into the header's search box
of the built site; the expected item must be among the first three results (the first, for a search
by number). The box must show each result's number, objective and excerpt, work from the keyboard,
announce its state to screen readers, pass axe, and never ask another host for anything. The
glossary's expansions are checked on a site built from a copy of the data with a made-up expansion.

The engine's Portuguese (accents, words, stemmer) runs twice, in Python when the index is built
and in the browser when a query is typed: both are run here on the same words, and must agree.
The index builder's parts (records, fields, pages, reproducibility) are checked without a browser.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import threading
from pathlib import Path

import pytest
import yaml

from engd.model import Term
from engd.outputs.search_index import (CAMPOS, INDEX_PATH, Record, glossary_lines, index_bytes, number_aliases,
                                       objective_label, page_record, records)
from engd.search_language import LANGUAGE, STOPWORDS, fold, stem, terms, words

from conftest import build_into
from site_walk import axe_results
QUERIES = yaml.safe_load((Path(__file__).parent / "fixtures" / "consultas_busca.yml").read_text(encoding="utf-8"))["consultas"]
CRITERIA = {"acentos", "radical", "numero", "sigla"}
ENGINE = "javascripts/busca-motor.js"

# Words of one family must meet; words of different families must not.
SAME_RADICAL = [
    ["capacitar", "capacitação", "capacitações", "capacitados", "capacitando"],
    ["seguro", "segura", "segurança", "seguros"],
    ["transparente", "transparência"],
    ["interoperável", "interoperabilidade", "interoperáveis"],
    ["acessível", "acessibilidade", "acessíveis"],
    ["digitalização", "digitalizar"],
    ["avaliar", "avaliação", "avaliações"],
    ["financiar", "financiamento"],
    ["planejar", "planejamento"],
    ["compartilhar", "compartilhamento", "compartilhados"],
    ["mensurar", "mensuração"],
    ["cocriar", "cocriação"],
    ["regulamentação", "regulamentar", "regulamento"],
    ["publicar", "publicação", "público", "pública", "públicos"],
    ["servidores", "servidor", "servidora"],
    ["dados", "dado"],
    ["orçamento", "orçamentária", "orçamentos"],
    ["assinatura", "assinaturas", "assinar"],
    ["cidadão", "cidadã", "cidadãos"],
    ["certidão", "certidões"],
    ["lei", "leis"],
    ["país", "países"],
]
DIFFERENT_RADICAL = [("acessibilidade", "acesso"), ("dados", "digital"), ("mais", "mal"), ("estado", "estar")]


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
    page.wait_for_function("q => document.getElementById('busca-resultados').dataset.consulta === q", arg=query.strip())
    return page.eval_on_selector_all(
        "#busca-resultados a",
        "links => links.map(a => ({tipo: a.dataset.tipo, numero: a.dataset.numero || '', href: a.getAttribute('href')}))")


def load_engine(page, site_url):
    """Open the built site and load its engine and index into ``window.motor`` (as busca.js does)."""
    page.goto(f"{site_url}/")
    page.evaluate(f"""async () => {{
        window.modulo = await import('/{ENGINE}');
        window.indice = await (await fetch('/{INDEX_PATH}')).json();
        window.motor = window.modulo.criarMotor(window.indice);
    }}""")


def engine_results(page, query: str) -> list[str]:
    return page.evaluate("""q => motor.buscar(q).map(r =>
        r.tipo === 'recomendacao' ? r.numero : r.tipo === 'objetivo' ? 'objetivo ' + r.numero : r.url)""", query)


def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def site_without_search_index(built_site: Path, site: Path) -> Path:
    """A copy of the built site (links to its files) without the folder of the search index."""
    site.mkdir()
    for entry in built_site.iterdir():
        if entry.name != "busca":
            (site / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return site


def index_of(site: Path) -> dict:
    return json.loads((site / INDEX_PATH).read_text(encoding="utf-8"))


def strategy_words(strategy) -> list[str]:
    """Every folded word of the model's texts: what the index is made of."""
    texts = [strategy.act.preamble, strategy.act.summary]
    for objective in strategy.objectives:
        texts += [objective.official_text, objective.plain_text or "", *objective.in_practice]
        for rec in objective.recommendations:
            texts += [rec.official_text, rec.plain_text or "", *rec.in_practice]
    for term in strategy.terms:
        texts += [term.term, term.expansion or "", term.explanation, *term.forms]
    for theme in strategy.themes:
        texts += [theme.name, theme.description]
    return sorted({w for text in texts for w in words(fold(text))})


# --- The query list -------------------------------------------------------------------------------

def test_query_list_covers_every_bullet_of_the_issue():
    assert len(QUERIES) >= 25
    by_criterion = {c: [q for q in QUERIES if q["criterio"] == c] for c in CRITERIA}
    assert {q["criterio"] for q in QUERIES} == CRITERIA
    assert all(len(found) >= 5 for found in by_criterion.values()), {c: len(f) for c, f in by_criterion.items()}
    texts = {q["consulta"] for q in QUERIES}
    assert {"seguranca cibernetica", "capacitar", "transparente", "3.7", "3-7", "recomendação 3.7", "CPF",
            "cadastro de pessoas fisicas"} <= texts
    # Queries typed without any accent, and queries in capitals, are both there.
    assert any(q["criterio"] == "acentos" and q["consulta"].isascii() for q in QUERIES)
    assert any(q["consulta"].isupper() for q in QUERIES)


# --- Every query finds its item (the acceptance test) ---------------------------------------------

@pytest.fixture(scope="module")
def search_tab(browser, site_url):
    """One home page whose search box takes every query in turn, as a reader searching again does
    (``type_query`` empties the box first; the index is fetched once)."""
    context = browser.new_context(locale="pt-BR")
    tab = context.new_page()
    tab.goto(f"{site_url}/")
    yield tab
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES, ids=[f"{q['criterio']}:{q['consulta']}" for q in QUERIES])
def test_query_finds_expected_item_in_top_three(search_tab, query):
    found = [item_of(link) for link in type_query(search_tab, query["consulta"])]
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
    assert len(excerpt.inner_text().strip("… ").split()) <= 24
    marks = excerpt.locator("mark").all_inner_texts()
    assert marks and {m.strip("().,;:") for m in marks} == {"CPF"}, marks
    link = first.locator("a")
    assert link.get_attribute("href") == "/recomendacoes/3-7/"
    # The link's name is the item (its visible text); the objective and the excerpt describe it.
    assert link.inner_text() == "Recomendação 3.7"
    described = link.evaluate("a => a.getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent)")
    assert described == [context, excerpt.inner_text()]


@pytest.mark.browser
def test_glossary_entry_is_a_result_of_its_own(page, site_url, built_site):
    page.goto(f"{site_url}/")
    links = type_query(page, "lgpd")
    entry = next(link for link in links if link["tipo"] == "glossario")
    assert entry["href"] == "/glossario/#lgpd"
    assert 'id="lgpd"' in (built_site / "glossario" / "index.html").read_text(encoding="utf-8")
    card = page.locator("#busca-resultados li", has=page.locator('a[href="/glossario/#lgpd"]'))
    assert card.locator(".engd-busca__titulo").inner_text() == "LGPD (Lei Geral de Proteção de Dados Pessoais)"
    assert card.locator(".engd-busca__contexto").inner_text() == "Glossário"


@pytest.mark.browser
def test_excerpt_never_injects_markup(page, built_site, tmp_path):
    # A copy of the site whose index carries markup in a text: it must show as text, never run.
    site = site_without_search_index(built_site, tmp_path / "site")
    index = index_of(built_site)
    hostile = '<img src=x onerror="window.__injetado=1"> CPF <b>negrito</b> &amp;'
    next(d for d in index["documentos"] if d["numero"] == "3.7")["textos"][0] = hostile
    (site / "busca").mkdir()
    (site / INDEX_PATH).write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    server, url = serve(site)
    try:
        page.goto(f"{url}/")
        type_query(page, "cpf")
        excerpt = page.locator(".engd-busca__trecho").first
        tags = page.eval_on_selector_all(".engd-busca__trecho *", "els => [...new Set(els.map(e => e.tagName))]")
        assert set(tags) == {"MARK"}
        assert excerpt.inner_text() == hostile
        assert page.evaluate("window.__injetado") is None
    finally:
        server.shutdown()


@pytest.mark.browser
def test_a_site_without_index_says_so(page, built_site, tmp_path):
    site = site_without_search_index(built_site, tmp_path / "site")
    server, url = serve(site)
    try:
        page.goto(f"{url}/")
        page.locator("#busca").click()
        page.keyboard.type("cpf")
        page.wait_for_function("document.getElementById('busca-estado').textContent.startsWith('A busca não está disponível')")
        assert page.locator("#busca-resultados li").count() == 0
    finally:
        server.shutdown()


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
def test_narrow_screen_opens_search_from_the_header(tabs, site_url):
    tab = tabs.open(viewport={"width": 360, "height": 740})
    tab.goto(f"{site_url}/")
    assert tab.evaluate("document.getElementById('__search').checked") is False
    tab.click(".md-header__button[data-engd-interruptor=__search]")
    tab.wait_for_function("document.activeElement && document.activeElement.id === 'busca'")
    found = [item_of(link) for link in type_query(tab, "3-7")]
    assert found[:1] == ["3.7"]
    assert tab.locator("#busca-resultados a").first.is_visible()


@pytest.mark.browser
def test_open_search_passes_axe(page, site_url):
    page.goto(f"{site_url}/")
    type_query(page, "dados")  # many results: the "Mostrar mais" button is on screen too
    assert page.locator("[data-engd-busca-mais]").is_visible()
    # once at rest: the results fade in, and axe reads the colours the reader sees once the fade ends
    result = axe_results(page, within="[data-engd-busca]")
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
        assert "/engd/glossario/#cpf" in [link["href"] for link in links]
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
    assert f"{site_url}/{INDEX_PATH}" in requests and f"{site_url}/{ENGINE}" in requests
    # Material's own search (lunr worker and its index) is not loaded, and neither is Pagefind.
    assert not [url for url in requests if "search_index.json" in url or "/workers/search" in url or "pagefind" in url]


# --- Acronyms from the glossary ---------------------------------------------------------------------

GOVTECHS_ENTRY = "  - id: govtechs\n    termo: Govtechs\n    tipo: termo-tecnico\n"
GOVTECHS_WITH_EXPANSION = "  - id: govtechs\n    termo: Govtechs\n    expansao: quimeratech de teste\n    tipo: termo-tecnico\n"


@pytest.mark.browser
def test_glossary_expansion_finds_the_item_that_only_has_the_term(page, data_copy, tmp_path):
    glossary = data_copy / "glossario.yml"
    text = glossary.read_text(encoding="utf-8")
    assert GOVTECHS_ENTRY in text
    glossary.write_text(text.replace(GOVTECHS_ENTRY, GOVTECHS_WITH_EXPANSION), encoding="utf-8")
    site = build_into(tmp_path / "site", data_copy)
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


# --- The engine in the browser: numbers, word starts, the same Portuguese as Python -------------------

@pytest.mark.browser
def test_python_and_browser_stemmers_agree(page, site_url, strategy):
    load_engine(page, site_url)
    vocabulary = strategy_words(strategy) + [fold(w) for family in SAME_RADICAL for w in family]
    vocabulary += ["mais", "demais", "leis", "seis", "pais", "paises", "estado", "portaria", "efetivamente",
                   "capacitacaozinha", "lindissimo", "experimente", "x", "ti", "5g", "3.7", "4248"]
    assert len(vocabulary) >= 50
    browser_stems = page.evaluate("ws => { const r = modulo.criarRadical(indice.lingua); return ws.map(w => r(w)); }", vocabulary)
    differ = [(w, stem(w), b) for w, b in zip(vocabulary, browser_stems) if stem(w) != b]
    assert not differ, differ[:20]
    # the rules the browser used are the ones Python used
    assert page.evaluate("indice.lingua") == json.loads(json.dumps(LANGUAGE))


@pytest.mark.browser
def test_python_and_browser_split_words_alike(page, site_url, strategy):
    load_engine(page, site_url)
    texts = [rec.official_text for rec in strategy.recommendations] + [rec.plain_text or "" for rec in strategy.recommendations]
    texts += ["Recomendação 3-7, item 3.7 e 10-2", "Portaria nº 4.248/2024 e Lei 13.709/2018", "Gov.br, 5G e TI",
              "ÀÉÎÕÜ Ç ação, PÚBLICA", "2024–2027 (a-b) 1.234.567"]
    in_browser = page.evaluate("ts => ts.map(t => modulo.palavras(modulo.dobrar(t)))", texts)
    assert in_browser == [words(fold(t)) for t in texts]


@pytest.mark.browser
def test_numbers_are_found_first_in_every_spelling(page, site_url):
    load_engine(page, site_url)
    for query in ("3.7", "3-7", "recomendação 3.7", "Recomendacao 3 7", "item 3.7", "rec 03.07"):
        assert engine_results(page, query) == ["3.7"], query
    assert engine_results(page, "objetivo 3") == ["objetivo 3"] + [f"3.{n}" for n in range(1, 8)]
    assert engine_results(page, "10")[:2] == ["objetivo 10", "10.1"]
    assert engine_results(page, "3.9") == []  # no such item: nothing, rather than something else
    # a number and words: the item first, then what the words find
    mixed = engine_results(page, "3.7 cpf")
    assert mixed[0] == "3.7" and "glossario/#cpf" in mixed and mixed.count("3.7") == 1


@pytest.mark.browser
def test_the_word_being_typed_counts_as_a_word_start(page, site_url):
    load_engine(page, site_url)
    typing = engine_results(page, "capac")
    assert set(typing[:3]) & {"4.4", "7.4", "10.1", "10.2", "10.3"}, typing[:5]
    marks = page.evaluate("""() => { const r = motor.buscar('capac').find(r => r.numero === '10.1');
        return r.trecho().partes.filter(p => p.marca).map(p => p.texto); }""")
    assert marks and all(m.lower().startswith("capac") for m in marks), marks
    # With a space after it, the word is finished: only "capac" itself (capacidade) counts.
    finished = engine_results(page, "capac ")
    assert "10.1" not in finished and finished


@pytest.mark.browser
def test_results_with_every_term_come_first(page, built_site, site_url):
    load_engine(page, site_url)
    index = index_of(built_site)
    stems_of = [{t.split(":")[0] for field in d["radicais"] for t in field.split()} for d in index["documentos"]]
    for query in ("seguranca cibernetica", "capacitar servidores", "dados abertos", "lei orcamentaria anual"):
        wanted = set(terms(query))
        with_all = {d["url"] for d, stems in zip(index["documentos"], stems_of) if wanted <= stems}
        found = page.evaluate("q => motor.buscar(q + ' ').map(r => r.url)", query)
        assert with_all and set(found[:len(with_all)]) == with_all, (query, found[:len(with_all)], with_all)
        assert len(found) > len(with_all), query  # the others follow


# --- The index builder, without a browser -------------------------------------------------------------

def test_same_family_same_radical_and_not_across():
    for family in SAME_RADICAL:
        assert len({stem(fold(w)) for w in family}) == 1, {w: stem(fold(w)) for w in family}
    for a, b in DIFFERENT_RADICAL:
        assert stem(fold(a)) != stem(fold(b)), (a, b)


def test_words_fold_accents_and_keep_numbers_whole():
    assert fold("Segurança CIBERNÉTICA") == "seguranca cibernetica"
    assert words(fold("Recomendação 3-7 (Portaria nº 4.248/2024), item 10.2")) == [
        "recomendacao", "3.7", "portaria", "n", "4248", "2024", "item", "10.2"]
    assert terms("a capacitação dos servidores") == ["capacit", "servidor"]
    assert {"de", "da", "do", "e", "a", "o", "para", "com", "em", "no", "na"} <= STOPWORDS


def test_index_holds_items_pages_themes_and_glossary(built_site, strategy):
    index = index_of(built_site)
    docs = index["documentos"]
    urls = [d["url"] for d in docs]
    items = len(strategy.objectives) + len(strategy.recommendations)
    assert urls[:2] == ["objetivos/1/", "recomendacoes/1-1/"] and len([d for d in docs if d["tipo"] in ("objetivo", "recomendacao")]) == items
    assert [d["url"] for d in docs if d["tipo"] == "glossario"] == [f"glossario/#{t.id}" for t in strategy.terms]
    assert [d["url"] for d in docs if d["tipo"] == "tema"] == [f"temas/{t.id}/" for t in strategy.themes]
    assert "ato/" in urls and "dados/" in urls
    for left_out in ("", "objetivos/", "recomendacoes/", "glossario/", "temas/", "mudancas/", "imprimir/"):
        assert left_out not in urls
    rec = strategy.recommendation_by_id["3.7"]
    doc = next(d for d in docs if d["url"] == "recomendacoes/3-7/")
    assert doc["titulo"] == "Recomendação 3.7" and doc["tipo"] == "recomendacao" and doc["numero"] == "3.7"
    assert doc["contexto"] == f"Objetivo 3: {objective_label(strategy.objective(3))}"
    assert doc["textos"] == [rec.official_text, rec.plain_text, *rec.in_practice]
    fields = dict(zip([name for name, _ in CAMPOS], doc["radicais"]))
    assert "3.7" in {t.split(":")[0] for t in fields["titulo"].split()}
    assert "cpf" in {t.split(":")[0] for t in fields["oficial"].split()}
    assert index["lingua"] == json.loads(json.dumps(LANGUAGE))
    assert [c["nome"] for c in index["campos"]] == [name for name, _ in CAMPOS]


def test_a_term_counts_in_its_strongest_field_with_how_often_it_is_said():
    record = Record("x/", "X", "pagina", "", "", ("texto",), {
        "titulo": ["Capacitação"], "oficial": ["capacitar servidores; capacitação de servidores"],
        "extra": ["servidor público"]})
    titulo, oficial, simples, extra, normas = record.as_json()["radicais"]
    assert titulo == "capacit:3"
    assert oficial == "servidor:3" and simples == "" and extra == "public" and normas == ""


def test_glossary_expansions_join_the_items_terms(strategy):
    rec = next(r for r in records(strategy) if r.url == "recomendacoes/1-5/")
    extra = rec.as_json()["radicais"][3].split()
    assert rec.fields["extra"] and any(line.startswith("LDO: ") for line in rec.fields["extra"])
    assert number_aliases(strategy.recommendation_by_id["1.5"]) == "1.5 1-5 item 1.5"
    assert extra == sorted(extra)


def test_number_aliases_and_objective_label(strategy):
    assert number_aliases(strategy.recommendation_by_id["10.2"]) == "10.2 10-2 item 10.2"
    label = objective_label(strategy.objective(7))
    assert label.endswith("…") and len(label) <= 111 and not label.startswith("Objetivo")
    assert strategy.objective(7).official_text.startswith(label[:-1])


def test_glossary_lines_only_for_terms_written_in_the_item(strategy):
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


def test_pages_give_title_headings_and_first_words_only(built_site, strategy, outputs):
    act = page_record(built_site, "ato/")
    assert act.title == f"Portaria SGD/MGI nº {strategy.act.number}/{strategy.act.date[:4]}"
    assert "¶" not in act.texts[0] and "Estabelece recomendações" in act.texts[0]
    data = page_record(built_site, "dados/")
    assert data.title == "Dados abertos" and len(data.texts[0].split()) <= 150
    assert page_record(built_site, "nao-existe/") is None
    assert outputs.search_pages == ["ato/", "normas/", "dados/", "autoavaliacao/", "sobre/", "acessibilidade/", "privacidade/"]


def test_search_writes_one_index_file_and_nothing_of_pagefind(built_site):
    assert sorted(p.name for p in (built_site / "busca").iterdir()) == ["indice.json"]
    assert not (built_site / "pagefind").exists()
    # Material's plugin indexes no page (search: exclude) and its empty index is not published.
    assert not (built_site / "search").exists()
    # small enough for a first search on a slow connection (the benchmark measures it for real)
    assert len(gzip.compress((built_site / INDEX_PATH).read_bytes())) < 60 * 1024


def test_index_is_what_the_model_and_the_declared_pages_give(built_site, strategy, outputs):
    """The written index is a function of the model and the built pages (two whole builds are
    compared byte for byte in test_reproducible.py)."""
    expected = index_bytes(strategy, built_site, tuple(outputs.search_pages))
    assert (built_site / INDEX_PATH).read_bytes() == expected
    assert index_bytes(strategy, built_site, tuple(outputs.search_pages)) == expected
