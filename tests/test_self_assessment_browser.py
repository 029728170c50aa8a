"""Self-assessment page in a real Chromium (issue 14): filled in by keyboard from the top, kept across a
reload, exported and imported back; malformed files give in the browser exactly the problems the command
line gives; no request while filling in and exporting (on import, only the schema and the validator, from
the site itself); axe in the three colour modes; reflow at 320 px; the page without JavaScript; print.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from focus_walk import walk
from engd import self_assessment as sa
from site_walk import MODES, OVERFLOW, axe_violations, describe

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "autoavaliacao"
EXPECTED = json.loads((FIXTURES / "esperado.json").read_text(encoding="utf-8"))
PATH = "/" + sa.PAGE_URL
STATUS_OPTIONS = [""] + [s.id for s in sa.STATUSES]  # the order of the <select>'s options


def planned(strategy) -> dict:
    """The assessment the keyboard test types in."""
    document = sa.blank_document(strategy)
    document["cabecalho"].update(ente_nome="Município de Exemplo", ente_tipo="municipio", ente_codigo_ibge="3550308",
                                 data_avaliacao="2026-12-01", preenchido_por="Secretaria de Gestão, “equipe” digital")
    for i, answer in enumerate(document["respostas"]):
        slug = answer["recomendacao"].replace(".", "-")
        answer.update(situacao=STATUS_OPTIONS[i % len(STATUS_OPTIONS)], area_responsavel=f"Área {answer['recomendacao']}",
                      data_prevista=f"2027-{i % 12 + 1:02d}-{i % 28 + 1:02d}" if i % 5 else "",
                      evidencia=f"https://exemplo.gov.br/evidencia/{slug}" if i % 2 == 0 else "",
                      observacoes=f"Nota, com \"aspas\" {answer['recomendacao']}\nSegunda linha" if i % 4 == 0 else "")
    return document


@pytest.fixture
def watched(browser, site_url):
    """A page of the self-assessment with every request it makes recorded."""
    context = browser.new_context(locale="pt-BR", accept_downloads=True, viewport={"width": 1280, "height": 900})
    requests: list = []
    context.on("request", lambda request: requests.append(request))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + PATH, wait_until="load")
    page.wait_for_load_state("networkidle")
    yield page, requests, errors
    context.close()


def active(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement; const item = e.closest('.aa-item');
        return {id: e.id, tag: e.tagName.toLowerCase(), type: e.type || '', field: e.getAttribute('data-campo'),
                rec: item ? item.getAttribute('data-rec') : null}; }""")


def date_order(context) -> list[str]:
    """The order in which this Chromium's date fields take the day, month and year (it follows the
    browser's own language, not the page's): typed once into a field of a blank page."""
    probe = context.new_page()
    try:
        probe.set_content('<input type="date" id="d">')
        probe.locator("#d").focus()
        probe.keyboard.type("01022003")
        value = probe.locator("#d").input_value()
    finally:
        probe.close()
    return {"2003-02-01": ["day", "month", "year"], "2003-01-02": ["month", "day", "year"]}[value]


def date_digits(order: list[str], iso: str) -> str:
    year, month, day = iso.split("-")
    return "".join({"year": year, "month": month, "day": day}[part] for part in order)


def read_form(page) -> dict:
    return page.evaluate("""(columns) => {
        const header = {}; columns.forEach(c => header[c] = document.getElementById('aa-' + c).value);
        const answers = [...document.querySelectorAll('.aa-item')].map(item => {
            const answer = {recomendacao: item.getAttribute('data-rec')};
            item.querySelectorAll('[data-campo]').forEach(input => answer[input.getAttribute('data-campo')] = input.value);
            return answer; });
        return {header, answers}; }""", list(sa.HEADER_COLUMNS))


def as_document(form: dict) -> dict:
    return {"formato": sa.FORMAT, "versao": sa.VERSION, "cabecalho": form["header"],
            "respostas": [{c: a[c] for c in sa.ANSWER_COLUMNS} for a in form["answers"]]}


def fill_by_keyboard(page, document: dict, reached) -> list[str]:
    """Tab from the top of the page and type every field; returns the order in which items got focus.
    The header's texts and every date are typed key by key; the items' texts arrive as one input
    each, as from a phone keyboard's suggestion, a dictation or a paste (the form saves on each input
    event, so both paths are the same to it).
    ``reached()`` is called when the focus first enters the form (the header's search box, passed on
    the way, loads the site's search index: that is not part of filling in)."""
    order = date_order(page.context)
    page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    header = document["cabecalho"]
    answers = {a["recomendacao"]: a for a in document["respostas"]}
    seen_items: list[str] = []
    header_done: set = set()  # header fields and (item, field) pairs already typed
    last = document["respostas"][-1]["recomendacao"]
    for _ in range(2000):
        page.keyboard.press("Tab")
        where = active(page)
        field, rec = where["field"], where["rec"]
        if rec is None and field in sa.HEADER_COLUMNS and field not in header_done:
            if not header_done:
                reached()
            header_done.add(field)
            value = header[field]
            if field == "ente_tipo":
                page.keyboard.press("ArrowDown")
                for _ in range([k for k, _ in sa.KINDS].index(value)):
                    page.keyboard.press("ArrowDown")
            elif field == "data_avaliacao":
                page.keyboard.type(date_digits(order, value))
            else:
                page.keyboard.type(value)
            continue
        if rec is None or field is None or (rec, field) in header_done:
            continue  # a date field keeps the focus for its parts and its picker: typed once
        header_done.add((rec, field))
        if not seen_items or seen_items[-1] != rec:
            seen_items.append(rec)
        value = answers[rec][field]
        if field == "situacao":
            for _ in range(STATUS_OPTIONS.index(value)):
                page.keyboard.press("ArrowDown")
        elif field == "data_prevista":
            if value:
                page.keyboard.type(date_digits(order, value))
        elif value:
            page.keyboard.insert_text(value)
        if rec == last and field == "observacoes":
            return seen_items
    raise AssertionError("o Tab não chegou ao último campo da última recomendação")


def requests_since(requests: list, start: int) -> list[str]:
    return [f"{r.method} {r.url}" for r in requests[start:]]


def test_fill_all_by_keyboard_reload_export_validate_and_import_back(watched, strategy, built_site, site_url, tmp_path):
    from frictionless import Resource, Schema

    page, requests, errors = watched
    expected = planned(strategy)
    page.locator("#aa-ente_nome").wait_for()
    marks = []
    order = fill_by_keyboard(page, expected, lambda: marks.append(len(requests)))
    start = marks[0]
    assert order == [r.id for r in strategy.recommendations], "o Tab não percorre as recomendações de cima para baixo"
    assert requests_since(requests, start) == [], "pedido feito enquanto a pessoa preenchia"
    assert as_document(read_form(page)) == expected
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(sa.STORAGE_KEY)})"))
    assert stored == expected
    assert page.context.cookies() == [] and page.evaluate("document.cookie") == ""
    summary = page.locator("#aa-tabela-resumo tfoot td[data-situacao='implementada']").inner_text()
    assert int(summary) == sum(1 for a in expected["respostas"] if a["situacao"] == "implementada")

    page.reload(wait_until="load")
    page.wait_for_load_state("networkidle")
    assert as_document(read_form(page)) == expected

    start = len(requests)
    exported = {}
    for kind in ("json", "csv"):
        page.locator(f"#aa-exportar-{kind}").focus()
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        target = tmp_path / f"exportado.{kind}"
        download.value.save_as(target)
        exported[kind] = target
    assert requests_since(requests, start) == [], "pedido feito ao exportar"

    schema = json.loads((built_site / sa.SCHEMA_PATH).read_text(encoding="utf-8"))
    assert json.loads(exported["json"].read_text(encoding="utf-8")) == expected
    assert list(Draft202012Validator(schema).iter_errors(expected)) == []
    report = Resource(path=exported["csv"].name, basepath=str(tmp_path),
                      schema=Schema.from_descriptor(json.loads((built_site / sa.TABLE_SCHEMA_PATH).read_text(encoding="utf-8")))).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert sa.from_csv(exported["csv"].read_text(encoding="utf-8")) == expected
    for path in exported.values():
        assert sa.validate(path.name, path.read_bytes(), strategy) == []

    # "Apagar tudo" asks first: dismissed, nothing changes; accepted, the form and the storage are empty.
    dialogs: list[str] = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.locator("#aa-apagar").click()
    assert dialogs and as_document(read_form(page)) == expected
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#aa-apagar").click()
    assert as_document(read_form(page)) == sa.blank_document(strategy)
    assert page.evaluate(f"localStorage.getItem({json.dumps(sa.STORAGE_KEY)})") is None

    before_import = len(requests)
    page.set_input_files("#aa-importar", str(exported["csv"]))
    page.wait_for_function("document.getElementById('aa-mensagens').textContent.includes('importado')")
    assert as_document(read_form(page)) == expected
    fetched = requests_since(requests, before_import)
    assert sorted(fetched) == sorted([f"GET {site_url}/{sa.SCHEMA_PATH}", f"GET {site_url}/{sa.VALIDATOR_SCRIPT}"])

    # Importing over entries asks first; dismissed, the entries stay.
    page.locator("#aa-area_responsavel, #aa-1-1-area").first.fill("Trocada")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.set_input_files("#aa-importar", str(exported["json"]))
    page.wait_for_function("document.getElementById('aa-mensagens').textContent.includes('Nada mudou')")
    assert read_form(page)["answers"][0]["area_responsavel"] == "Trocada"
    page.once("dialog", lambda dialog: dialog.accept())
    page.set_input_files("#aa-importar", str(exported["json"]))
    page.wait_for_function("document.getElementById('aa-mensagens').textContent.includes('importado')")
    assert as_document(read_form(page)) == expected
    assert json.loads(page.evaluate(f"localStorage.getItem({json.dumps(sa.STORAGE_KEY)})")) == expected
    assert requests_since(requests, before_import) == fetched, "a segunda importação não pede nada"
    assert errors == []


def test_malformed_files_show_the_same_problems_as_the_command_line(watched, strategy):
    page, requests, errors = watched
    page.locator("#aa-1-1-situacao").select_option("implementada")
    kept = page.evaluate(f"localStorage.getItem({json.dumps(sa.STORAGE_KEY)})")
    mismatches = []
    for name, lines in sorted(EXPECTED.items()):
        page.evaluate("document.getElementById('aa-mensagens').hidden = true")
        page.set_input_files("#aa-importar", str(FIXTURES / name))
        page.locator("#aa-mensagens:not([hidden]) #aa-problemas").wait_for()
        shown = page.evaluate("""() => [...document.querySelectorAll('#aa-problemas li')].map(li =>
            li.getAttribute('data-linha') + ': ' + (li.getAttribute('data-campo') ? li.getAttribute('data-campo') + ': ' : '') +
            li.querySelector('.aa-problema-mensagem').textContent)""")
        if shown != lines:
            mismatches.append(f"{name}:\n  navegador: {shown}\n  esperado:  {lines}")
        assert page.evaluate(f"localStorage.getItem({json.dumps(sa.STORAGE_KEY)})") == kept
    assert not mismatches, "\n".join(mismatches)
    assert page.locator("#aa-1-1-situacao").input_value() == "implementada"
    assert errors == []


def test_valid_fixtures_import_in_the_browser(watched):
    page, _, errors = watched
    page.on("dialog", lambda dialog: dialog.accept())
    for path in sorted(FIXTURES.glob("valido*")):
        page.evaluate("document.getElementById('aa-mensagens').hidden = true")
        page.set_input_files("#aa-importar", str(path))
        page.locator("#aa-mensagens.aa-ok:not([hidden])").wait_for()
        assert page.locator("#aa-ente_codigo_ibge").input_value() == ("5300108" if "df" in path.name else "3550308")
        assert page.locator("#aa-ente_tipo").input_value() == ("distrito-federal" if "df" in path.name else "municipio")
    assert errors == []


def test_export_asks_for_the_header_first(watched):
    page, requests, _ = watched
    start = len(requests)
    page.locator("#aa-exportar-csv").click()
    shown = page.locator("#aa-problemas li").all_inner_texts()
    assert shown == [f"Campo {c}: {sa.message('min_length')}" for c in sa.REQUIRED_HEADER]
    assert page.evaluate("document.activeElement.id") == "aa-mensagens"
    # A link that is not a link, HTML or a date that does not exist would make a file that cannot come back.
    page.locator("#aa-ente_nome").fill("Município de Exemplo")
    page.locator("#aa-ente_tipo").select_option("municipio")
    page.locator("#aa-ente_codigo_ibge").fill("3550308")
    page.locator("#aa-data_avaliacao").fill("2026-12-01")
    page.locator("#aa-3-7-evidencia").fill("www.exemplo.gov.br")
    page.locator("#aa-1-1-observacoes").fill("<b>importante</b>")
    page.locator("#aa-exportar-json").click()
    assert page.locator("#aa-problemas li").all_inner_texts() == [
        f"Recomendação 1.1, campo observacoes: {sa.message('html')}",
        f"Recomendação 3.7, campo evidencia: {sa.message('pattern_evidencia', value='www.exemplo.gov.br')}",
    ]
    page.locator("#aa-3-7-evidencia").fill("https://www.exemplo.gov.br")
    page.locator("#aa-1-1-observacoes").fill("importante")
    with page.expect_download():
        page.locator("#aa-exportar-json").click()
    assert requests_since(requests, start) == []


@pytest.mark.parametrize("mode", MODES)
def test_no_axe_violation_in_each_mode(tabs, site_url, mode):
    page = tabs.open(mode)
    page.goto(site_url + PATH, wait_until="load")
    for slug, status in (("1-1", "implementada"), ("1-2", "planejada"), ("2-1", "nao-iniciada"), ("3-1", "em-andamento"), ("3-2", "nao-se-aplica")):
        page.locator(f"#aa-{slug}-situacao").select_option(status)
    page.locator("#aa-exportar-json").click()  # shows the message box with problems
    violations = axe_violations(page)
    assert not violations, "\n".join(describe(PATH, violations))


def test_every_tab_stop_has_a_visible_focus_not_hidden_under_the_header(tabs, site_url):
    page = tabs.open("claro", viewport={"width": 1280, "height": 800})
    page.goto(site_url + PATH, wait_until="load")
    page.locator("#aa-1-1-situacao").select_option("implementada")
    page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    _, kinds, problems = walk(page, limit=1500, skip_header=True, stop_at_footer=True)
    assert {"INPUT", "SELECT", "TEXTAREA", "BUTTON", "A"} <= kinds, kinds
    assert not problems, "\n".join(problems[:10])


def test_reflow_at_320px(tabs, site_url):
    page = tabs.open("claro", viewport={"width": 320, "height": 640})
    page.goto(site_url + PATH, wait_until="load")
    page.locator("#aa-1-1-situacao").select_option("implementada")
    page.locator("#aa-exportar-json").click()
    problems = page.evaluate(OVERFLOW)
    assert problems == []


def test_without_javascript_the_page_is_a_blank_printable_form(tabs, site_url, strategy):
    page = tabs.open(java_script_enabled=False)
    page.goto(site_url + PATH, wait_until="load")
    assert page.locator("#aa-sem-js").is_visible()
    assert "Para salvar, o navegador precisa de JavaScript" in page.locator("#aa-sem-js").inner_text()
    assert page.locator("#aa-acoes").is_hidden()
    assert page.locator(".aa-item").count() == len(strategy.recommendations)
    assert page.locator(".aa-item select, .aa-item input, .aa-item textarea").count() == 5 * len(strategy.recommendations)
    page.emulate_media(media="print")
    assert page.locator(".aa-item").first.is_visible() and page.locator(".aa-assinatura").is_visible()


def test_print_view_is_a_plan_to_sign(watched, strategy, tmp_path):
    page, _, _ = watched
    page.locator("#aa-ente_nome").fill("Município de Exemplo")
    page.locator("#aa-1-1-situacao").select_option("implementada")
    page.locator("#aa-1-1-area").fill("Secretaria de Administração")
    page.locator("#aa-1-1-data").fill("2027-03-31")
    page.emulate_media(media="print")
    assert page.locator("#aa-plano").is_visible() and page.locator(".aa-assinatura").is_visible()
    assert page.locator(".aa-item").first.is_hidden() and page.locator("#aa-acoes").is_hidden()
    rows = page.locator("#aa-plano tbody tr")
    assert rows.count() == len(strategy.recommendations)
    assert rows.first.inner_text().split("\t") == ["1.1", "Implementada", "Secretaria de Administração", "31/03/2027"]
    assert "Município de Exemplo" in page.locator("#aa-plano").inner_text()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and b"/MediaBox [0 0 595" in pdf


def _mutations(strategy, count: int) -> list[tuple[str, bytes]]:
    """Files broken at random (seeded) in the ways a person or a spreadsheet breaks them."""
    import random

    chance = random.Random(14)
    bad_values = ["<i>x</i>", "2026-13-01", "2025-02-29", "99", "5300108", "1", "javascript:x", "feito", "", " ",
                  "x" * 2001, "3.99", "https://ok.gov.br/a", "Não\r\nsei", "\"aspas\"", 7, None, ["a"], {"b": 1}]
    files = []
    for n in range(count):
        document = sa.blank_document(strategy)
        document["cabecalho"].update(ente_nome="Ente", ente_tipo=chance.choice(["estado", "municipio", "distrito-federal"]),
                                     ente_codigo_ibge=chance.choice(["35", "3550308", "53", "5300108"]), data_avaliacao="2026-12-01")
        for _ in range(chance.randint(1, 4)):
            action = chance.random()
            answer = chance.choice(document["respostas"])
            if action < 0.45:
                answer[chance.choice(sa.ANSWER_COLUMNS)] = chance.choice(bad_values)
            elif action < 0.65:
                document["cabecalho"][chance.choice(sa.HEADER_COLUMNS)] = chance.choice(bad_values)
            elif action < 0.75:
                answer.pop(chance.choice(sa.ANSWER_COLUMNS))
            elif action < 0.85:
                answer["extra"] = "x"
            elif action < 0.92:
                document["respostas"].append(dict(answer))
            else:
                document["respostas"].remove(answer)
        text = json.dumps(document, ensure_ascii=False, indent=chance.choice([None, 1, 2]))
        files.append((f"m{n}.json", text.encode("utf-8")))
        flat = all(isinstance(v, str) for v in document["cabecalho"].values()) and all(
            set(a) == set(sa.ANSWER_COLUMNS) and all(isinstance(v, str) for v in a.values()) for a in document["respostas"])
        if flat:
            files.append((f"m{n}.csv", sa.to_csv(document).encode("utf-8")))
    return files


def test_randomly_broken_files_give_the_same_problems_in_python_and_in_the_browser(watched, strategy):
    page, _, _ = watched
    files = _mutations(strategy, 60)
    assert len(files) > 80
    shown = page.evaluate("""async (files) => {
        const validate = await window.engdAutoavaliacao.loadValidator();
        return files.map(([name, bytes]) => window.engdAutoavaliacao.validateBytes(new Uint8Array(bytes), validate).problems
            .map(p => [p.line, p.field, p.message]));
    }""", [[name, list(data)] for name, data in files])
    mismatches = []
    for (name, data), browser_problems in zip(files, shown):
        python_problems = [[p.line, p.field, p.message] for p in sa.validate(name, data, strategy)]
        if python_problems != browser_problems:
            mismatches.append(f"{name}:\n  python:    {python_problems}\n  navegador: {browser_problems}")
    assert not mismatches, "\n".join(mismatches[:5])
    assert sum(1 for problems in shown if problems) > len(files) // 2
