"""The /dados/ page: every download resolves to a built file and shows that file's real size and
hash; the data dictionary comes from the Table Schemas; previews, licence, citation and a working
usage example are there."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from site_paths import built_path

from engd.outputs.datapackage import DESCRIPTOR, TABLES

from conftest import DATA as _DATA
import yaml as _yaml

# The package's name comes from data/site.yml (pacote_de_dados.nome); the workbook and the zip carry it.
NAME = _yaml.safe_load((_DATA / "site.yml").read_text(encoding="utf-8"))["pacote_de_dados"]["nome"]
ARCHIVE, WORKBOOK = f"{NAME}.zip", f"{NAME}.xlsx"

DATA_EXTENSIONS = (".csv", ".json", ".xlsx", ".zip", ".jsonld")
EXTERNAL = ("https://datapackage.org/", "https://creativecommons.org/", "https://www.planalto.gov.br/")


class Article(HTMLParser):
    """Links, table rows, list items and code blocks inside <article>, with their text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.links: list[tuple[str, str]] = []
        self.rows: list[str] = []
        self.items: list[str] = []
        self.code_blocks: list[str] = []
        self.headings: dict[str, str] = {}
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in ("a", "tr", "li", "pre", "h2", "h3"):
            self._open.append([tag, attrs, ""])

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                _, attrs, text = self._open.pop(i)
                text = " ".join(text.split()) if tag != "pre" else text
                if tag == "a":
                    self.links.append((attrs.get("href", ""), text))
                elif tag == "tr":
                    self.rows.append(text)
                elif tag == "li":
                    self.items.append(text)
                elif tag == "pre":
                    self.code_blocks.append(text)
                elif "id" in attrs:
                    self.headings[attrs["id"]] = text.rstrip("¶").strip()
                break

    def handle_data(self, data):
        for entry in self._open:
            entry[2] += data


@pytest.fixture(scope="module")
def article(built_site) -> Article:
    parser = Article()
    parser.feed((built_site / "dados" / "index.html").read_text(encoding="utf-8"))
    return parser


def resolve(built_site, href: str) -> Path:
    return built_path(built_site, "dados/", href)


def test_every_download_link_resolves_to_a_built_file(article, built_site):
    downloads = [href for href, _ in article.links if href.split("#")[0].endswith(DATA_EXTENSIONS)]
    assert len(downloads) >= 2 * len(TABLES) + 4
    for href in downloads:
        assert not href.startswith("/"), href
        assert resolve(built_site, href).is_file(), href
    internal = [href for href, _ in article.links if href and not href.startswith(EXTERNAL + ("#",))]
    for href in internal:
        assert resolve(built_site, href).exists(), href


def test_every_published_file_is_offered(article, built_site):
    linked = {resolve(built_site, href) for href, _ in article.links if not href.startswith(EXTERNAL)}
    for path in (built_site / "dados").iterdir():
        if path.name != "index.html":
            assert path in linked, path.name


def test_sizes_and_hashes_shown_are_those_of_the_files(article, built_site):
    folder = built_site / "dados"
    for path in sorted(folder.iterdir()):
        if path.name == "index.html":
            continue
        content = path.read_bytes()
        exact = f"{len(content):,}".replace(",", ".") + " bytes"
        (row,) = [r for r in article.rows if r.startswith(path.name + " ")]
        assert exact in row, (path.name, row)
        assert f"{path.name}: {hashlib.sha256(content).hexdigest()}" in article.items, path.name


def test_dictionary_is_generated_from_the_table_schemas(article, built_site):
    descriptor = json.loads((built_site / "dados" / DESCRIPTOR).read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource.get("type") != "table":
            continue
        assert article.headings[f"dicionario-{resource['name']}"] == f"Tabela {resource['name']}"
        for field in resource["schema"]["fields"]:
            rows = [r for r in article.rows if r.startswith(field["name"] + " ") and field["description"] in r]
            assert len(rows) >= 1 and field["title"] in rows[0], (resource["name"], field["name"])
            assert ("sim" if field.get("constraints", {}).get("required") else "não") in rows[0].split()


def test_each_table_has_a_preview(article, strategy):
    for table in TABLES:
        assert f"previa-{table.name}" in article.headings
    first = strategy.recommendations[0]
    assert any(r.startswith(f"{first.text_id} {first.id} {first.objective_number} {first.number} {first.official_text[:40]}") for r in article.rows)


def test_licence_citation_versions_and_examples_are_explained(article):
    for section in ("licenca", "como-citar", "exemplos", "exemplo-frictionless", "exemplo-pandas", "exemplo-planilha",
                    "versoes", "catalogo", "por-item", "sha256"):
        assert section in article.headings, section
    assert any("Lei nº 9.610/1998, art. 8º, IV" in text for _, text in article.links)
    assert any("CC BY 4.0" in text for _, text in article.links)


def test_the_frictionless_example_runs_on_the_downloaded_zip(article, built_site, tmp_path):
    (example,) = [code for code in article.code_blocks if "from frictionless import Package" in code]
    with zipfile.ZipFile(built_site / "dados" / ARCHIVE) as archive:
        archive.extractall(tmp_path)
    result = subprocess.run([sys.executable, "-c", example], cwd=tmp_path / NAME, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "True" and len(lines) == 1 + 51
    assert lines[1].startswith("1.1 1 ")


def test_the_pandas_and_duckdb_examples_run_on_the_downloaded_zip(article, built_site, strategy, tmp_path):
    (pandas_example,) = [code for code in article.code_blocks if "import pandas as pd" in code]
    (duckdb_example,) = [code for code in article.code_blocks if "import duckdb" in code]
    with zipfile.ZipFile(built_site / "dados" / ARCHIVE) as archive:
        archive.extractall(tmp_path)
    outputs = []
    for example in (pandas_example, duckdb_example):
        result = subprocess.run([sys.executable, "-c", example], cwd=tmp_path / NAME, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    first = strategy.recommendations[0]
    themes = {t for r in strategy.recommendations for t in r.theme_ids}
    # every theme is counted (the join on id loses no row), and the examples of the first recommendation are listed
    assert all(theme in outputs[0] for theme in themes) and repr(list(first.in_practice)) in outputs[0]
    assert all(theme in outputs[1] for theme in themes)


def test_data_page_is_in_the_navigation(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="dados/"' in home and "Dados abertos" in home
