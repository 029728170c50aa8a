"""Self-assessment (issue 14): the scale, the schemas generated from the model, the command line, the
malformed files of tests/fixtures/autoavaliacao/ and a round trip of generated assessments.

The expected problems of each malformed file are in tests/fixtures/autoavaliacao/esperado.json, as
"linha: campo: mensagem"; tests/test_self_assessment_browser.py checks the browser against the same list.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from engd import self_assessment as sa
from engd.cli import main
from engd.readability import analyse

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "autoavaliacao"
EXPECTED = json.loads((FIXTURES / "esperado.json").read_text(encoding="utf-8"))
VALID = sorted(FIXTURES.glob("valido*"))


def line_of(problem) -> str:
    return f"{problem.line}: {problem.field}: {problem.message}" if problem.field else f"{problem.line}: {problem.message}"


def filled(strategy) -> dict:
    document = sa.blank_document(strategy)
    document["cabecalho"].update(ente_nome="Município de Exemplo", ente_tipo="municipio",
                                 ente_codigo_ibge="3550308", data_avaliacao="2026-12-01")
    return document


# --- The scale and the page -------------------------------------------------------------------

def test_five_statuses_each_defined_in_plain_portuguese():
    assert [s.id for s in sa.STATUSES] == ["nao-iniciada", "planejada", "em-andamento", "implementada", "nao-se-aplica"]
    for status in sa.STATUSES:
        assert analyse(status.definition).index >= 50, status
        assert not re.search(r"\b(deve|devem|obrigat)", status.definition, re.IGNORECASE)


def _page(outputs):
    return outputs.file(sa.PAGE_URL).content


def test_the_page_is_generated_with_every_recommendation(strategy, outputs):
    markdown = _page(outputs)
    for rec in strategy.recommendations:
        assert f'data-rec="{rec.id}"' in markdown
        assert f'href="../recomendacoes/{rec.slug}/"' in markdown
    assert markdown.count("Texto oficial:") == len(strategy.recommendations)
    assert "Para salvar, o navegador precisa de JavaScript." in markdown
    for status in sa.STATUSES:
        assert status.definition in markdown and f"`{status.id}`" in markdown
    assert not re.search(r"\b(deve|devem|obrigatóri)", markdown.replace("Código", ""), re.IGNORECASE)


def test_the_page_prose_is_plain_language(outputs):
    """The paragraphs the page writes (not the official texts, tables or form) reach index 50."""
    body = _page(outputs).split("---", 2)[2]
    paragraphs = [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith(("<", "|", "#", "{"))]
    assert len(paragraphs) >= 8
    assert analyse(" ".join(paragraphs)).index >= 50


def test_the_page_is_in_the_menu_and_on_the_home_page(outputs, built_site):
    assert {sa.TITLE: sa.PAGE_PATH} in outputs.menu()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="autoavaliacao/"' in home


def test_the_privacy_page_names_what_the_page_keeps(strategy):
    privacy = (ROOT / "docs" / "privacidade.md").read_text(encoding="utf-8")
    assert f"`{sa.STORAGE_KEY}`" in privacy and "Apagar tudo" in privacy
    assert sa.browser_config(strategy)["chave"] == sa.STORAGE_KEY


def test_the_site_search_finds_the_page(built_site):
    index = json.loads((built_site / "busca" / "indice.json").read_text(encoding="utf-8"))
    (record,) = [d for d in index["documentos"] if d.get("url") == sa.PAGE_URL]
    assert record["tipo"] == "pagina" and record["titulo"].startswith(sa.TITLE)


# --- Schemas -------------------------------------------------------------------------------------

def test_the_json_schema_is_valid_and_lists_the_recommendations_of_the_model(strategy):
    schema = sa.json_schema(strategy)
    Draft202012Validator.check_schema(schema)
    answer = schema["properties"]["respostas"]["items"]["properties"]
    assert answer["recomendacao"]["enum"] == [r.id for r in strategy.recommendations]
    assert answer["situacao"]["enum"] == [s.id for s in sa.STATUSES] + [""]


def test_another_act_gets_its_own_schema(tmp_path):
    from engd.model import load_strategy
    from tools import synthetic

    small, problems = load_strategy(synthetic.write(ROOT / "data", tmp_path / "dados", 3))
    assert small is not None, problems
    ids = [r.id for r in small.recommendations]
    assert len(ids) == 3
    assert sa.json_schema(small)["properties"]["respostas"]["items"]["properties"]["recomendacao"]["enum"] == ids
    table = {f["name"]: f for f in sa.table_schema(small)["fields"]}
    assert table["recomendacao"]["constraints"]["enum"] == ids
    document = sa.blank_document(small)
    document["cabecalho"].update(ente_nome="Estado de Exemplo", ente_tipo="estado", ente_codigo_ibge="35", data_avaliacao="2026-12-01")
    assert sa.validate("a.csv", sa.to_csv(document).encode(), small) == []
    assert [line_of(p) for p in sa.validate("a.json", sa.to_json(document).encode(), small)] == []


def test_the_schema_files_are_published_in_the_data_package_and_catalogue(strategy, built_site):
    folder = built_site / "dados"
    for name, content, _, _ in sa.data_files(strategy):
        assert (folder / name).read_bytes() == content
    resources = {r["path"]: r for r in json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    assert resources["autoavaliacao.schema.json"]["type"] == "json"
    assert "autoavaliacao.tableschema.json" in resources
    catalogue = (folder / "catalogo.jsonld").read_text(encoding="utf-8")
    assert "autoavaliacao.schema.json" in catalogue and "autoavaliacao.tableschema.json" in catalogue
    data_page = (folder / "index.html").read_text(encoding="utf-8")
    assert "autoavaliacao.schema.json" in data_page


def test_patterns_reject_a_final_line_break(strategy):
    """"$" also matches before a final \\n in Python; the schema's patterns must not (as in JavaScript)."""
    document = filled(strategy)
    document["cabecalho"]["data_avaliacao"] = "2026-12-01\n"
    document["cabecalho"]["ente_codigo_ibge"] = "35\n"
    problems = [line_of(p) for p in sa.validate("a.json", sa.to_json(document).encode(), strategy)]
    assert problems == [
        "7: cabecalho.ente_codigo_ibge: Código IBGE inválido “35\n”: use 2 algarismos para um estado ou para o Distrito Federal e 7 para um município.",
        "8: cabecalho.data_avaliacao: Data inválida “2026-12-01\n”: use o formato AAAA-MM-DD, por exemplo 2026-12-01.",
    ]


@pytest.mark.parametrize("kind, code, message", [
    ("estado", "35", None),
    ("estado", "53", "kind_estado"),
    ("estado", "3550308", "kind_estado"),
    ("distrito-federal", "53", None),
    ("distrito-federal", "5300108", None),
    ("distrito-federal", "5300109", "kind_df"),
    ("distrito-federal", "35", "kind_df"),
    ("municipio", "3550308", None),
    ("municipio", "3550309", None),  # the check digit is never checked
    ("municipio", "35", "kind_municipio"),
    ("municipio", "5300108", "kind_municipio_df"),
    ("municipio", "9950308", "uf_unknown"),
    ("estado", "10", "uf_unknown"),
])
def test_the_ibge_code_agrees_with_the_kind(strategy, kind, code, message):
    document = filled(strategy)
    document["cabecalho"].update(ente_tipo=kind, ente_codigo_ibge=code)
    problems = sa.validate("a.csv", sa.to_csv(document).encode(), strategy)
    if message is None:
        assert problems == []
    else:
        expected = sa.message(message, value=code, prefix=code[:2])
        assert [(p.line, p.field, p.message) for p in problems] == [(2, "ente_codigo_ibge", expected)]


# --- Files: valid ones pass every validator, malformed ones give the exact problems ----------------

def test_at_least_twelve_malformed_files_of_every_kind():
    assert len(EXPECTED) >= 12
    assert {p.name for p in FIXTURES.iterdir()} == set(EXPECTED) | {p.name for p in VALID} | {"esperado.json"}
    assert all(EXPECTED.values())


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_files_pass_the_cli_jsonschema_and_frictionless(path, strategy, built_site, capsys):
    from frictionless import Resource, Schema

    assert main(["--projeto", str(ROOT), "autoavaliacao", "validar", str(path)]) == 0
    schema = json.loads((built_site / sa.SCHEMA_PATH).read_text(encoding="utf-8"))
    if path.suffix == ".json":
        assert list(Draft202012Validator(schema).iter_errors(json.loads(path.read_text(encoding="utf-8")))) == []
    else:
        table_schema = Schema.from_descriptor(json.loads((built_site / sa.TABLE_SCHEMA_PATH).read_text(encoding="utf-8")))
        report = Resource(path=path.name, basepath=str(path.parent), schema=table_schema).validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
        assert Draft202012Validator(schema).is_valid(sa.from_csv(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_files_give_the_expected_problems_on_the_command_line(name, capsys):
    path = FIXTURES / name
    assert main(["--projeto", str(ROOT), "autoavaliacao", "validar", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    expected = [f"{path}:{line}" for line in EXPECTED[name]]
    count = len(expected)
    assert lines == expected + [f"{count} problema encontrado." if count == 1 else f"{count} problemas encontrados."]


@pytest.mark.parametrize("name, breaks", [
    ("situacao-errada.csv", {"constraint-error"}),
    ("linhas-duplicadas.csv", {"primary-key"}),
    ("coluna-extra.csv", {"extra-label", "extra-cell"}),
    ("ibge-formato.json", None),
])
def test_frictionless_also_rejects_what_the_table_schema_can_say(name, breaks, strategy, tmp_path):
    from frictionless import Resource, Schema

    if breaks is None:  # a JSON case converted to CSV: the code has the wrong length for the Table Schema too
        document = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        (tmp_path / "a.csv").write_text(sa.to_csv(document), encoding="utf-8", newline="")
        path, breaks = tmp_path / "a.csv", {"constraint-error"}
    else:
        path = FIXTURES / name
    report = Resource(path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(sa.table_schema(strategy))).validate()
    assert not report.valid
    assert {error.type for task in report.tasks for error in task.errors} & breaks


def test_cli_reports_an_unreadable_file_and_usage_errors(tmp_path, capsys):
    missing = tmp_path / "nao-existe.csv"
    assert main(["--projeto", str(ROOT), "autoavaliacao", "validar", str(missing)]) == 1
    assert f"{missing}: o arquivo não pôde ser lido" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["autoavaliacao", "validar"])
    assert usage.value.code == 2


def test_long_values_are_cut_in_messages(strategy):
    document = filled(strategy)
    document["respostas"][0]["situacao"] = "ç" * 100
    (problem,) = sa.validate("a.json", sa.to_json(document).encode(), strategy)
    assert f"“{'ç' * sa.SHOWN_LENGTH}…”" in problem.message


def test_a_byte_order_mark_and_a_lone_cr_are_accepted(strategy):
    document = filled(strategy)
    text = sa.to_csv(document).replace("\r\n", "\r")
    assert sa.validate("a.csv", b"\xef\xbb\xbf" + text.encode(), strategy) == []


# --- Round trip --------------------------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40).filter(lambda t: not re.search(sa.HTML_PATTERN, t))
_DATE = st.dates().map(lambda d: d.isoformat())
_HEADERS = st.sampled_from([("estado", "35"), ("estado", "11"), ("distrito-federal", "53"), ("distrito-federal", "5300108"),
                            ("municipio", "3550308"), ("municipio", "1100015"), ("municipio", "4314902")])


@st.composite
def assessments(draw, strategy):
    document = sa.blank_document(strategy)
    kind, code = draw(_HEADERS)
    document["cabecalho"].update(ente_nome=draw(_TEXT.filter(bool)), ente_tipo=kind, ente_codigo_ibge=code,
                                 data_avaliacao=draw(_DATE), preenchido_por=draw(_TEXT))
    for answer in document["respostas"]:
        answer.update(situacao=draw(st.sampled_from([s.id for s in sa.STATUSES] + [""])),
                      area_responsavel=draw(_TEXT), data_prevista=draw(st.one_of(st.just(""), _DATE)),
                      evidencia=draw(st.sampled_from(["", "https://exemplo.gov.br/a?b=1&c=2", "http://x.org/"])),
                      observacoes=draw(_TEXT))
    order = draw(st.permutations(range(len(document["respostas"]))))
    document["respostas"] = [document["respostas"][i] for i in order]
    return document


def test_generated_assessments_round_trip_through_csv_and_json(strategy):
    @settings(max_examples=60, deadline=None)
    @given(assessments(strategy))
    def check(document):
        csv_text, json_text = sa.to_csv(document), sa.to_json(document)
        assert sa.from_csv(csv_text) == document
        assert json.loads(json_text) == document
        assert sa.validate("a.csv", csv_text.encode("utf-8"), strategy) == []
        assert sa.validate("a.json", json_text.encode("utf-8"), strategy) == []

    check()


# --- The validator served to the browser is the npm package's file -------------------------------

def test_vendored_ajv_is_the_pinned_npm_file_with_its_licence():
    vendored = ROOT / "docs" / sa.VALIDATOR_SCRIPT
    package = ROOT / "node_modules" / "ajv-dist"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/ajv-dist"]["version"]
    assert json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["ajv-dist"] == pinned
    assert json.loads((package / "package.json").read_text(encoding="utf-8"))["version"] == pinned
    assert vendored.read_bytes() == (package / "dist" / vendored.name).read_bytes()
    licence = vendored.with_name(vendored.name + ".LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT" in licence and pinned in licence
