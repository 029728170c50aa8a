"""The data package of /dados/: valid for frictionless, faithful to the canonical data, complete,
deterministic, and a broken row fails the build."""
from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from engd.outputs import datapackage
from engd.site.build import BuildFailed
from engd.outputs.datapackage import DESCRIPTOR, TABLES, build_package, check_folder

from engd import urls
from conftest import DATA as _DATA, SITE_URL, build_into
import yaml as _yaml

# The package's name comes from data/site.yml (pacote_de_dados.nome); the workbook and the zip carry it.
NAME = _yaml.safe_load((_DATA / "site.yml").read_text(encoding="utf-8"))["pacote_de_dados"]["nome"]
ARCHIVE, WORKBOOK = f"{NAME}.zip", f"{NAME}.xlsx"

ROOT = Path(__file__).resolve().parents[1]
FROZEN = datetime(2024, 6, 28, 12, 0, tzinfo=timezone.utc)

# One fingerprint of the Table Schemas per published version. A schema change must come with a new
# VERSION (MINOR for an added table or column, MAJOR for a removed or renamed one) and a new line here.
SCHEMA_FINGERPRINTS = {
    "1.0.0": "53b85993d5ba0bf4e2bcf16da302d20d8bc71344ec6b2a4b4fd347b9e58f70d1",
    "1.1.0": "dfeb00b26f6109dad1441722d1d61b321cba84343357d0005d77dd8e90436088",  # legibilidade_texto_oficial, legibilidade_texto_simples
    "1.2.0": "f642178022b527af974eab39b631cbff4a8e48ce54988c2c37b85633439c0c5f",  # glossario.nao_verificado; escala da legibilidade descrita com as faixas reais
    "1.3.0": "45b5268a0d9464772ea932eba4a179aa3d26bf17fc86e09998eefc21b266915e",  # objetivos e recomendacoes.identificador_versionado; normas.urn_lexml
    "2.0.0": "2b21eb886485ecf720d4360877db61af71a40aa8999de56a638d82c8abd8c4b3",  # tabela na_pratica no lugar de na_pratica_1..3; id e endereco em objetivos e recomendacoes; ligações por id
}


def write(package, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for file in package.files:
        (folder / file.path).write_bytes(file.content)
    return folder


def csv_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- validation, on the built site ---------------------------------------------------------------

def test_frictionless_cli_validates_the_built_package(built_site):
    frictionless = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(frictionless), "validate", "--json", str(built_site / "dados" / DESCRIPTOR)],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-3000:]
    validated = {task["name"] for task in report["tasks"]}
    assert {t.name for t in TABLES} <= validated


def test_build_step_validates_the_built_package(built_site, strategy):
    assert datapackage.check_built_site(strategy, built_site) == []


def test_recommendations_table_has_the_51_canonical_official_texts(built_site):
    canonical = {}
    for path in sorted((ROOT / "data" / "objetivos").glob("objetivo-*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in document["recomendacoes"]:
            canonical[item["numero"]] = item["texto_oficial"]
    rows = csv_rows(built_site / "dados" / "recomendacoes.csv")
    assert len(rows) == 51 == len(canonical)
    assert {row["numero"]: row["texto_oficial"] for row in rows} == canonical
    records = json.loads((built_site / "dados" / "recomendacoes.json").read_text(encoding="utf-8"))
    assert {r["numero"]: r["texto_oficial"] for r in records} == canonical


def test_objectives_table_has_the_canonical_official_texts(built_site):
    canonical = {}
    for path in sorted((ROOT / "data" / "objetivos").glob("objetivo-*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        canonical[str(document["numero"])] = document["texto_oficial"]
    rows = csv_rows(built_site / "dados" / "objetivos.csv")
    assert {row["numero"]: row["texto_oficial"] for row in rows} == canonical


# --- what data people open (issue 17, point 9) ----------------------------------------------------

def test_the_examples_are_one_long_table(strategy):
    package = build_package(strategy, FROZEN)
    expected = [{"item": item.text_id, "ordem": order, "texto": text}
                for item in (*strategy.objectives, *strategy.recommendations)
                for order, text in enumerate(item.in_practice, start=1)]
    assert package.records["na_pratica"] == expected and expected
    assert not [c.name for t in TABLES for c in t.columns if c.name.startswith("na_pratica")]
    schema = next(t for t in TABLES if t.name == "na_pratica").schema()
    assert schema["primaryKey"] == ["item", "ordem"]
    item = next(f for f in schema["fields"] if f["name"] == "item")
    assert re.fullmatch(item["constraints"]["pattern"], "objetivo-3") and re.fullmatch(item["constraints"]["pattern"], "recomendacao-3.10")
    assert not re.fullmatch(item["constraints"]["pattern"], "3.7") and not re.fullmatch(item["constraints"]["pattern"], "tema-x")
    assert "tabela objetivos" in item["description"] and "tabela recomendacoes" in item["description"]
    descriptor = package.descriptor
    assert {lic["name"] for lic in next(r for r in descriptor["resources"] if r["name"] == "na_pratica")["licenses"]} == {"CC-BY-4.0"}
    (row,) = [d for d in datapackage.dictionary_rows(descriptor) if d["tabela"] == "na_pratica" and d["campo"] == "item"]
    assert row["chave"] == ("parte da chave primária; referência a objetivos.id (objetivo-…) ou "
                            "recomendacoes.id (recomendacao-…), pelo prefixo")


def test_objectives_and_recommendations_are_identified_by_text(strategy):
    records = build_package(strategy, FROZEN).records
    assert [r["id"] for r in records["objetivos"]] == [f"objetivo-{o.number}" for o in strategy.objectives]
    assert [r["id"] for r in records["recomendacoes"]] == [f"recomendacao-{r.id}" for r in strategy.recommendations]
    assert [r["numero"] for r in records["recomendacoes"]] == [r.id for r in strategy.recommendations]
    pairs = [(r.text_id, t) for r in strategy.recommendations for t in r.theme_ids]
    assert [(r["recomendacao"], r["tema"]) for r in records["recomendacao_tema"]] == pairs


def test_each_item_gives_its_page_address(strategy, assembled, outputs):
    rec = strategy.recommendation_by_id["3.7"]
    for site_url, expected in ((None, "/" + urls.recommendation(rec.slug)),
                               (SITE_URL, SITE_URL + urls.recommendation(rec.slug))):
        records = build_package(strategy, FROZEN, site_url=site_url).records
        assert next(r for r in records["recomendacoes"] if r["numero"] == "3.7")["endereco"] == expected
        assert [r["endereco"] for r in records["objetivos"]] == [urls.shown(urls.objective(o.number), site_url)
                                                                for o in strategy.objectives]
    # publish passes the site's address of the build, and the twin JSON of the page agrees
    for site_url, published in ((None, outputs), (SITE_URL, assembled(site_url=SITE_URL))):
        rows = list(csv.DictReader(io.StringIO(published.file("dados/recomendacoes.csv").data.decode("utf-8"))))
        assert next(r for r in rows if r["numero"] == "3.7")["endereco"] == urls.shown(urls.recommendation(rec.slug), site_url)
    twin = json.loads(assembled(site_url=SITE_URL).file(urls.recommendation_json(rec.slug)).data)
    assert twin["enderecos"]["pagina"] == SITE_URL + urls.recommendation(rec.slug)


def test_every_version_of_the_schemas_has_a_note():
    assert list(datapackage.VERSION_NOTES)[0] == datapackage.VERSION
    assert set(datapackage.VERSION_NOTES) == set(SCHEMA_FINGERPRINTS)
    assert all(notes and all(n.strip() for n in notes) for notes in datapackage.VERSION_NOTES.values())


# --- the descriptor --------------------------------------------------------------------------------

def test_every_field_is_named_typed_titled_and_described(built_site):
    descriptor = json.loads((built_site / "dados" / DESCRIPTOR).read_text(encoding="utf-8"))
    tables = [r for r in descriptor["resources"] if r.get("type") == "table"]
    assert [r["name"] for r in tables] == [t.name for t in TABLES]
    for resource in tables:
        schema = resource["schema"]
        assert schema["primaryKey"], resource["name"]
        names = [f["name"] for f in schema["fields"]]
        assert set(schema["primaryKey"]) <= set(names)
        for field in schema["fields"]:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", field["name"]), field
            assert field["type"] in {"string", "integer", "number", "date", "boolean"}, field
            assert field["title"].strip() and field["description"].strip(), field
        for foreign in schema.get("foreignKeys", []):
            target = next(r for r in tables if r["name"] == foreign["reference"]["resource"])
            assert set(foreign["fields"]) <= set(names)
            assert foreign["reference"]["fields"] == target["schema"]["primaryKey"]
    recommendations = next(r for r in tables if r["name"] == "recomendacoes")
    assert recommendations["schema"]["primaryKey"] == ["id"]
    assert recommendations["schema"]["foreignKeys"] == [
        {"fields": ["objetivo"], "reference": {"resource": "objetivos", "fields": ["numero"]}}]
    for link in ("recomendacao_tema", "recomendacao_norma"):
        (to_recommendations, _) = next(r for r in tables if r["name"] == link)["schema"]["foreignKeys"]
        assert to_recommendations == {"fields": ["recomendacao"], "reference": {"resource": "recomendacoes", "fields": ["id"]}}
    texto_simples = [f for r in tables for f in r["schema"]["fields"] if f["name"] == "texto_simples"]
    assert len(texto_simples) == 2 and all(not f.get("constraints", {}).get("required") for f in texto_simples)


def test_licences_sources_and_version(built_site, strategy):
    descriptor = json.loads((built_site / "dados" / DESCRIPTOR).read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", descriptor["version"]) and descriptor["version"] == datapackage.VERSION
    assert descriptor["name"] == NAME
    names = {licence["name"] for licence in descriptor["licenses"]}
    assert names == {"other-pd", "CC-BY-4.0"}
    for licence in descriptor["licenses"]:
        assert licence["title"] and licence["path"].startswith("https://")
    public_domain = next(lic for lic in descriptor["licenses"] if lic["name"] == "other-pd")
    assert "9.610/1998" in public_domain["title"] and "8º, IV" in public_domain["title"]
    for resource in descriptor["resources"]:
        assert resource["licenses"], resource["name"]
    by_name = {r["name"]: r for r in descriptor["resources"]}
    assert {lic["name"] for lic in by_name["recomendacoes"]["licenses"]} == {"other-pd", "CC-BY-4.0"}
    assert {lic["name"] for lic in by_name["temas"]["licenses"]} == {"CC-BY-4.0"}
    (source,) = descriptor["sources"]
    publication = strategy.act.publication
    assert publication.journal in source["title"] and f"edição {publication.edition}" in source["title"]
    assert f"página {publication.page}" in source["title"] and "28/06/2024" in source["title"]
    # the DOU page address is unknown: no address may be invented for it
    assert publication.url is None and "path" not in source


def test_bytes_and_hash_of_every_file(built_site):
    folder = built_site / "dados"
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    listed = {r["path"] for r in descriptor["resources"]}
    on_disk = {p.name for p in folder.iterdir()} - {"index.html", "catalogo.jsonld", DESCRIPTOR, ARCHIVE}
    assert listed == on_disk
    for resource in descriptor["resources"]:
        content = (folder / resource["path"]).read_bytes()
        assert resource["bytes"] == len(content)
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()


def test_csv_is_utf8_rfc4180(built_site):
    for table in TABLES:
        content = (built_site / "dados" / f"{table.name}.csv").read_bytes()
        assert not content.startswith(b"\xef\xbb\xbf")
        text = content.decode("utf-8")
        assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
        assert text.split("\r\n")[0] == ",".join(c.name for c in table.columns)


def test_zip_holds_every_file_with_the_same_bytes(built_site):
    folder = built_site / "dados"
    with zipfile.ZipFile(folder / ARCHIVE) as archive:
        names = archive.namelist()
        assert names[0] == f"{NAME}/{DESCRIPTOR}"
        contents = {name.split("/", 1)[1]: archive.read(name) for name in names}
        dates = {info.date_time for info in archive.infolist()}
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    assert set(contents) == {DESCRIPTOR} | {r["path"] for r in descriptor["resources"]}
    for name, content in contents.items():
        assert (folder / name).read_bytes() == content, name
    created = datetime.strptime(descriptor["created"], "%Y-%m-%dT%H:%M:%SZ")
    # zip entries store time with a two-second resolution: the build time rounded down to an even second
    expected = created.replace(second=created.second - created.second % 2)
    assert dates == {expected.timetuple()[:6]}


def test_workbook_has_a_sheet_per_table_and_a_dictionary(built_site):
    from openpyxl import load_workbook

    path = built_site / "dados" / WORKBOOK
    workbook = load_workbook(path)
    assert workbook.sheetnames == [t.name for t in TABLES] + ["dicionario"]
    descriptor = json.loads((built_site / "dados" / DESCRIPTOR).read_text(encoding="utf-8"))
    fields = [(r["name"], f["name"]) for r in descriptor["resources"] if r.get("type") == "table" for f in r["schema"]["fields"]]
    dictionary = list(workbook["dicionario"].iter_rows(values_only=True))
    assert dictionary[0][:5] == ("tabela", "campo", "tipo", "titulo", "descricao")
    assert [(row[0], row[1]) for row in dictionary[1:]] == fields
    assert all(row[3] and row[4] for row in dictionary[1:])
    rec_sheet = list(workbook["recomendacoes"].iter_rows(values_only=True))
    assert len(rec_sheet) == 52 and rec_sheet[1][:2] == ("recomendacao-1.1", "1.1") and isinstance(rec_sheet[1][2], int)
    created = datetime.strptime(descriptor["created"], "%Y-%m-%dT%H:%M:%SZ")
    assert workbook.properties.created == created and workbook.properties.modified == created


# --- determinism ------------------------------------------------------------------------------------

_DIGEST = """
import hashlib, sys
from datetime import datetime, timezone
from engd.model import load_strategy
from engd.outputs.datapackage import build_package
strategy, _ = load_strategy(sys.argv[1])
package = build_package(strategy, datetime(2024, 6, 28, 12, tzinfo=timezone.utc))
for f in package.files:
    print(f.path, hashlib.sha256(f.content).hexdigest())
"""


def test_same_model_and_moment_give_the_same_bytes_across_processes():
    outputs = []
    for seed in ("1", "2"):
        result = subprocess.run([sys.executable, "-c", _DIGEST, str(ROOT / "data")], capture_output=True, text=True,
                                env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}, timeout=120, check=True)
        outputs.append(result.stdout)
    # the tables (CSV and JSON), the descriptor, the workbook, the zip, the two schemas of the self-assessment
    # and the act in Akoma Ntoso, LexML and OSCAL
    assert outputs[0] == outputs[1] and outputs[0].count("\n") == 2 * len(TABLES) + 3 + 2 + 3


def test_the_moment_changes_only_dated_files(strategy):
    first = build_package(strategy, FROZEN)
    second = build_package(strategy, datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    changed = {a.path for a, b in zip(first.files, second.files) if a.content != b.content}
    assert changed == {DESCRIPTOR, WORKBOOK, ARCHIVE}
    assert build_package(strategy, FROZEN).files == first.files


def test_schema_change_needs_a_new_version():
    fingerprint = datapackage.schema_fingerprint()
    assert SCHEMA_FINGERPRINTS.get(datapackage.VERSION) == fingerprint, (
        f"Os esquemas das tabelas mudaram (impressão digital {fingerprint}). Suba VERSION em datapackage.py "
        "(MENOR ao acrescentar, MAIOR ao remover ou renomear) e registre a nova impressão digital aqui.")


# --- broken packages fail ---------------------------------------------------------------------------

def _rewrite(folder: Path, name: str, change) -> None:
    """Change one CSV and record its new bytes and hash, so only the intended error remains."""
    path = folder / name
    path.write_bytes(change(path.read_bytes()))
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] == name:
            content = path.read_bytes()
            resource["bytes"], resource["hash"] = len(content), "sha256:" + hashlib.sha256(content).hexdigest()
    (folder / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def package_folder(strategy, tmp_path) -> Path:
    folder = write(build_package(strategy, FROZEN), tmp_path / "dados")
    assert check_folder(folder) == []
    return folder


def csv_line(strategy, rec_id: str) -> int:
    """The line of a recommendation in recomendacoes.csv (line 1 is the header)."""
    return [r.id for r in strategy.recommendations].index(rec_id) + 2


def test_a_row_pointing_to_a_missing_objective_fails(package_folder, strategy):
    _rewrite(package_folder, "recomendacoes.csv", lambda b: b.replace(b",3.7,3,7,", b",3.7,99,7,"))
    problems = check_folder(package_folder)
    (error,) = [p for p in problems if "foreign-key" in p]
    assert "recurso “recomendacoes”" in error and re.search(rf"linha {csv_line(strategy, '3.7')}\b", error)
    assert "chave estrangeira" in error
    assert any("recomendacoes.json não traz os mesmos valores" in p for p in problems)


def test_a_value_of_the_wrong_type_fails(package_folder):
    _rewrite(package_folder, "objetivos.csv", lambda b: b.replace(b"\r\nobjetivo-4,4,", b"\r\nobjetivo-4,quatro,", 1))
    errors = [p for p in check_folder(package_folder) if "(type-error" in p]
    assert len(errors) == 1
    assert "recurso “objetivos”" in errors[0] and "linha 5," in errors[0] and "campo “numero”" in errors[0]


def test_a_repeated_primary_key_fails(package_folder, strategy):
    _rewrite(package_folder, "recomendacoes.csv", lambda b: b.replace(b"\r\nrecomendacao-3.6,", b"\r\nrecomendacao-3.5,", 1))
    errors = [p for p in check_folder(package_folder) if "(primary-key" in p or "(unique-error" in p]
    assert errors and all("recurso “recomendacoes”" in p and re.search(rf"linha {csv_line(strategy, '3.6')}\b", p) for p in errors)


def test_a_file_changed_after_the_descriptor_fails(package_folder):
    path = package_folder / "objetivos.csv"
    path.write_bytes(path.read_bytes() + b"objetivo-11,11,Objetivo inventado,,,,,\r\n")
    problems = check_folder(package_folder)
    assert any("(hash-count" in p and "objetivos.csv" in p for p in problems)
    assert any("(byte-count" in p for p in problems)


def test_an_example_of_a_missing_item_fails(package_folder, strategy):
    first = strategy.recommendations[0]
    assert first.in_practice  # the first row of na_pratica.csv is its first example
    missing = f"recomendacao-{first.objective_number}.99"
    _rewrite(package_folder, "na_pratica.csv", lambda b: b.replace(f"\r\n{first.text_id},1,".encode(), f"\r\n{missing},1,".encode(), 1))
    problems = check_folder(package_folder)
    assert (f"dados/datapackage.json: recurso “na_pratica” (na_pratica.csv), linha 2, campo “item”: “{missing}” "
            "não existe em objetivos.id (objetivo-…) ou recomendacoes.id (recomendacao-…)") in problems
    assert not [p for p in problems if "não existe em" in p and "linha 2," not in p]


def test_a_json_twin_that_differs_from_the_csv_fails(package_folder):
    path = package_folder / "objetivos.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["texto_oficial"] = "outro texto"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    problems = check_folder(package_folder)
    assert "dados/datapackage.json: objetivos.json não traz os mesmos valores de objetivos.csv." in problems


def _broken_row(table):
    """The recommendations table with 3.7 under an objective that does not exist (a generator bug)."""
    if table.name != "recomendacoes":
        return table
    columns = tuple(
        dataclasses.replace(c, value=lambda r: 99 if r.id == "3.7" else r.objective_number) if c.name == "objetivo" else c
        for c in table.columns)
    return dataclasses.replace(table, columns=columns)


def test_a_broken_row_fails_the_build_and_keeps_the_previous_site(monkeypatch, tmp_path, strategy):
    """A generator bug that writes a recommendation under a missing objective stops the build."""
    monkeypatch.setattr(datapackage, "TABLES", tuple(_broken_row(t) for t in TABLES))
    site = tmp_path / "site"
    site.mkdir()
    (site / "anterior.txt").write_text("site anterior", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_into(site)
    message = str(failure.value)
    assert "O pacote de dados abertos é inválido" in message
    assert "recurso “recomendacoes”" in message and re.search(rf"linha {csv_line(strategy, '3.7')}\b", message)
    assert "foreign-key" in message
    assert [p.name for p in site.iterdir()] == ["anterior.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_engd_check_fails_on_the_same_broken_package_with_the_same_message(monkeypatch, capsys, tmp_path):
    """One validation: the frictionless check the build runs after MkDocs also runs in engd check."""
    from engd.cli import main

    monkeypatch.setattr(datapackage, "TABLES", tuple(_broken_row(t) for t in TABLES))
    monkeypatch.setenv("ENGD_PDF", "nao")
    assert main(["--projeto", str(ROOT), "check"]) == 1
    checked = capsys.readouterr().err
    with pytest.raises(BuildFailed) as failure:
        build_into(tmp_path / "site")
    assert checked.strip() == str(failure.value).strip()


# --- extending ----------------------------------------------------------------------------------

def test_adding_a_column_is_one_declaration(strategy, tmp_path, monkeypatch):
    extra = datapackage.Column("tamanho_texto", "integer", "Tamanho do texto", "Número de caracteres do texto oficial.",
                               lambda r: len(r.official_text), constraints={"minimum": 1})
    tables = tuple(dataclasses.replace(t, columns=t.columns + (extra,)) if t.name == "recomendacoes" else t for t in TABLES)
    monkeypatch.setattr(datapackage, "TABLES", tables)
    folder = write(build_package(strategy, FROZEN), tmp_path / "dados")
    assert check_folder(folder) == []
    rows = csv_rows(folder / "recomendacoes.csv")
    assert rows[0]["tamanho_texto"] == str(len(strategy.recommendations[0].official_text))
    dictionary = datapackage.dictionary_rows(json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8")))
    assert {"tabela": "recomendacoes", "campo": "tamanho_texto"}.items() <= next(
        d for d in dictionary if d["campo"] == "tamanho_texto").items()
    assert datapackage.schema_fingerprint() != SCHEMA_FINGERPRINTS[datapackage.VERSION]
