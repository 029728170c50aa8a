"""The ``/dados/`` page and the DCAT catalogue: made from every download the outputs declared.

Input: the model, the ``BuildContext``, the in-memory ``datapackage.Package`` (for the data
dictionary and previews of its tables) and everything published before (``outputs.Collector``).
Output: ``dados/catalogo.jsonld`` (itself a download) and the page ``dados/`` — whose download table,
sizes and SHA-256 sums are those of the very bytes published, with a line for every file any output
declares as a download. The page's head carries the schema.org ``Dataset``. Nothing here imports
MkDocs.
"""
from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass

from .. import urls
from ..context import BuildContext
from ..model import Strategy
from . import Download, Page, Published, catalog, datapackage
from .pages import Renderer

PREVIEW_ROWS = 3
PREVIEW_CHARACTERS = 90
CATALOGUE_TITLE = "Catálogo DCAT dos arquivos acima"


@dataclass(frozen=True)
class DownloadRow:
    """One line of the download table of ``/dados/`` and one distribution of the catalogue."""

    address: str
    title: str
    format: str
    media_type: str
    size: int
    sha256: str
    conforms_to: str | None = None

    @property
    def name(self) -> str:
        """The file's name as the table shows it: relative to ``/dados/`` when it lies there."""
        return posixpath.relpath(self.address, urls.DATA) if self.address.startswith(urls.DATA) else self.address

    @property
    def size_text(self) -> str:
        return human_size(self.size)


def download_row(file: Published) -> DownloadRow:
    data = file.data
    return DownloadRow(file.address, file.download.title, file.download.format, file.download.media_type,
                       len(data), hashlib.sha256(data).hexdigest(), file.download.conforms_to)


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
            "prefixed_references": table.prefixed_references,
            "licences": resources[table.name]["licenses"],
            "preview": [[_shorten(r[c.name]) for c in table.columns] for r in records[:PREVIEW_ROWS]],
        })
    return views


def publish(strategy: Strategy, context: BuildContext, package: datapackage.Package,
            published: tuple[Published, ...]) -> list[Published]:
    """The catalogue and the page, from every download in ``published``."""
    site_url = context.site_url
    rows = [download_row(f) for f in published if f.download is not None]
    catalogue_bytes = datapackage.json_bytes(catalog.dcat_catalogue(strategy, package.descriptor, rows, site_url))
    catalogue = Published(catalog.CATALOGUE, catalogue_bytes, download=Download(CATALOGUE_TITLE, "JSON-LD", "application/ld+json"))
    rows.append(download_row(catalogue))
    renderer = Renderer(strategy, context)
    identity = strategy.identity
    markdown = renderer.markdown(
        urls.DATA, "dados.md.j2",
        package=package,
        downloads=rows,
        tables=_tables_view(package),
        licences=datapackage.LICENCES,
        version=datapackage.VERSION,
        version_notes=datapackage.VERSION_NOTES,
        created=package.descriptor["created"][:10],
        workbook=datapackage.workbook_name(identity),
        archive=datapackage.archive_name(identity),
        descriptor=datapackage.DESCRIPTOR,
        catalogue=posixpath.basename(catalog.CATALOGUE),
        dictionary_sheet=datapackage.DICTIONARY_SHEET,
        first_objective=strategy.objectives[0],
        first_recommendation=strategy.recommendations[0],
    )
    head = {"engd_jsonld": catalog.script_text(catalog.dataset_jsonld(strategy, package.descriptor, rows[:-1], site_url))}
    page = Published(urls.DATA, markdown, page=Page("Dados abertos", "data/", ("Dados abertos",), search=True, head=head))
    return [catalogue, page]
