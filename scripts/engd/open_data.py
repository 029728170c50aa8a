"""Output: everything the open-data portal publishes, assembled in memory for one build.

Input: a ``Strategy``, the data folder (for ``reproducible.build_time``) and the site's address if
known. Output: a ``Publication`` with

* ``files`` — (path from the site root, bytes or text) for ``/dados/`` (the package files of
  ``datapackage.build_package``, ``catalogo.jsonld``, the page ``dados/index.md``) and the per-item
  JSON twins (``item_json``);
* ``page_meta`` — for each page source path (``objetivos/3.md``...), the metadata its ``<head>``
  needs: ``engd_json`` (the twin's path, announced with ``rel="alternate"``) and ``engd_jsonld``
  (schema.org JSON-LD, ready for a ``<script>``).

The ``/dados/`` page is rendered from the very bytes that are published, so the sizes and hashes it
shows are those of the files. The MkDocs adapter adds ``files`` as generated files and copies
``page_meta`` into each page's metadata; nothing here imports MkDocs.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import catalog, datapackage, item_json
from .model import Strategy
from .pages import _Renderer
from .reproducible import build_time
from .site_urls import Addresses

DATA_PAGE = "dados/index.md"
PREVIEW_ROWS = 3
PREVIEW_CHARACTERS = 90


@dataclass(frozen=True)
class Download:
    """One line of the download table of ``/dados/``."""

    path: str
    title: str
    format: str
    size: int
    sha256: str

    @property
    def size_text(self) -> str:
        return human_size(self.size)


@dataclass(frozen=True)
class Publication:
    package: datapackage.Package
    files: tuple[tuple[str, bytes | str], ...]
    page_meta: dict[str, dict]
    downloads: tuple[Download, ...]


def human_size(size: int) -> str:
    """2193 → “2,2 kB (2.193 bytes)”; Brazilian separators, decimal kilobytes."""
    exact = f"{size:,}".replace(",", ".")
    if size < 1000:
        return f"{exact} bytes"
    unit, value = ("MB", size / 1_000_000) if size >= 1_000_000 else ("kB", size / 1000)
    return f"{value:.1f} {unit} ({exact} bytes)".replace(".", ",", 1)


def _shorten(value) -> str:
    text = datapackage.cell_text(value)
    return text if len(text) <= PREVIEW_CHARACTERS else text[:PREVIEW_CHARACTERS].rstrip() + "…"


def _tables_view(package: datapackage.Package) -> list[dict]:
    dictionary = datapackage.dictionary_rows(package.descriptor)
    resources = {r["name"]: r for r in package.descriptor["resources"]}
    views = []
    for table in datapackage.TABLES:
        records = package.records[table.name]
        schema = resources[table.name]["schema"]
        views.append({
            "table": table,
            "rows": len(records),
            "fields": [dict(row, restricoes_md=datapackage.describe_constraints(spec, lambda text: f"`{text}`"))
                       for row, spec in zip([r for r in dictionary if r["tabela"] == table.name], schema["fields"])],
            "primary_key": schema["primaryKey"],
            "foreign_keys": schema.get("foreignKeys", []),
            "licences": resources[table.name]["licenses"],
            "preview": [[_shorten(r[c.name]) for c in table.columns] for r in records[:PREVIEW_ROWS]],
        })
    return views


def _data_page(strategy: Strategy, package: datapackage.Package, downloads: list[Download], addresses: Addresses) -> str:
    renderer = _Renderer(strategy)
    page = renderer.page(
        DATA_PAGE, "dados.md.j2", "Dados abertos", "data/",
        package=package,
        downloads=downloads,
        tables=_tables_view(package),
        licences=datapackage.LICENCES,
        version=datapackage.VERSION,
        created=package.descriptor["created"][:10],
        workbook=datapackage.WORKBOOK,
        archive=datapackage.ARCHIVE,
        descriptor=datapackage.DESCRIPTOR,
        catalogue=Path(catalog.CATALOGUE).name,
        dictionary_sheet=datapackage.DICTIONARY_SHEET,
        site_url=addresses.site_url,
        first_objective=strategy.objectives[0],
        first_recommendation=strategy.recommendations[0],
    )
    return page.markdown


def _page_meta(strategy: Strategy, package: datapackage.Package, addresses: Addresses) -> dict[str, dict]:
    meta = {}
    for objective in strategy.objectives:
        meta[f"objetivos/{objective.number}.md"] = {
            "engd_json": item_json.objective_json_path(objective.number),
            "engd_jsonld": catalog.script_text(catalog.legislation_jsonld(strategy, objective, addresses)),
        }
    for rec in strategy.recommendations:
        meta[f"recomendacoes/{rec.slug}.md"] = {
            "engd_json": item_json.recommendation_json_path(rec.slug),
            "engd_jsonld": catalog.script_text(catalog.legislation_jsonld(strategy, rec, addresses)),
        }
    meta[DATA_PAGE] = {
        "engd_json": f"dados/{datapackage.DESCRIPTOR}",
        "engd_jsonld": catalog.script_text(catalog.dataset_jsonld(strategy, package, addresses)),
    }
    return meta


def publish(strategy: Strategy, data_dir: Path | str | None = None, site_url: str | None = None) -> Publication:
    """Everything the portal publishes for ``strategy``; dates come from ``build_time(data_dir)``."""
    addresses = Addresses(site_url)
    package = datapackage.build_package(strategy, build_time(data_dir))
    catalogue = datapackage.json_bytes(catalog.dcat_catalogue(strategy, package, addresses))
    downloads = [Download(f.path, f.title, f.format.upper(), f.size, f.sha256) for f in package.files]
    downloads.append(Download(Path(catalog.CATALOGUE).name, "Catálogo DCAT dos arquivos acima", "JSON-LD",
                              len(catalogue), hashlib.sha256(catalogue).hexdigest()))
    files: list[tuple[str, bytes | str]] = [(f"dados/{f.path}", f.content) for f in package.files]
    files.append((catalog.CATALOGUE, catalogue))
    files.append((DATA_PAGE, _data_page(strategy, package, downloads, addresses)))
    files += item_json.item_files(strategy, addresses)
    return Publication(package, tuple(files), _page_meta(strategy, package, addresses), tuple(downloads))
