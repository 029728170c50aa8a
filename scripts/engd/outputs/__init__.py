"""The output registry: every file the site publishes comes from one of the outputs listed here.

An output is a module with one function ``publish(model, context)`` that returns what it publishes:

* ``Published`` — one file: its address (``urls``), its content, and what it declares: ``page``
  (a generated Markdown page: title, the data file it comes from, its place in the menu, whether
  the search reads it, head metadata), ``download`` (a line of the ``/dados/`` download table and a
  distribution of the DCAT catalogue), ``alternate_of`` (the page that announces it with
  ``<link rel="alternate">``). ``content=None`` marks a hand-written page the engine reads from
  ``docs/``;
* ``Collector`` — a function called once every output has published, with everything published,
  whose files take the place of the collector (the ``/dados/`` page and the DCAT catalogue are built
  this way, from the downloads that every output declared);
* ``AfterBuild`` — a step run on the built site, in registry order (frictionless validation of the
  package, the search index, the PDF); it returns problems in Portuguese, and any problem fails the
  build.

``REGISTRY`` is the one ordered list. ``assemble`` runs it and returns a ``Site``; the menu
(``Site.menu``), the addresses (``Site.addresses``), the alternates and head metadata of each page
(``Site.head``) and the search pages (``Site.search_pages``) are read off those declarations, never
written by hand. Adding an output is one module and one line in ``REGISTRY``. Nothing here imports
MkDocs or writes files.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterable

from .. import urls

# The outputs, in the order their pages appear in the menu and their steps run after the build.
REGISTRY: list[str] = [
    "engd.outputs.pages",
    "engd.outputs.item_json",
    "engd.outputs.akoma_ntoso",
    "engd.outputs.lexml",
    "engd.outputs.oscal",
    "engd.outputs.datapackage",
    "engd.outputs.self_assessment",
    "engd.outputs.progress",
    "engd.outputs.progress_data",
    "engd.outputs.printable",
    "engd.outputs.changes",
    "engd.outputs.handwritten",
    "engd.outputs.redirects",
    "engd.outputs.search_index",
]


@dataclass(frozen=True)
class Page:
    """A page of the site. ``menu`` is its place in the menu (labels from the top, the last one its
    own), or None when the page is reached from other pages only; ``section_index`` marks the page
    that opens a section (``Objetivos``); ``search`` has the site's search read its built text."""

    title: str
    source_file: str
    menu: tuple[str, ...] | None = None
    section_index: bool = False
    search: bool = False
    head: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Download:
    """A file of ``/dados/``: a line of the download table and a distribution of the catalogue."""

    title: str
    format: str
    media_type: str
    conforms_to: str | None = None  # the IRI of the standard the file follows (DCAT ``dct:conformsTo``)


@dataclass(frozen=True)
class Published:
    address: str
    content: bytes | str | None
    page: Page | None = None
    download: Download | None = None
    alternate_of: str | None = None
    alternate_type: str | None = None
    alternate_title: str | None = None

    @property
    def data(self) -> bytes:
        if self.content is None:
            raise ValueError(f"{self.address} é uma página escrita à mão: o conteúdo está em docs/.")
        return self.content if isinstance(self.content, bytes) else self.content.encode("utf-8")


@dataclass(frozen=True)
class Collector:
    """Files made from everything the outputs published (``run(published) -> items``)."""

    run: Callable[[tuple[Published, ...]], list]


@dataclass(frozen=True)
class AfterBuild:
    """A step on the built site: ``run(site_dir) -> problems in Portuguese``; ``publishes`` lists
    the addresses of the files it writes there (the PDF). ``needs_pages`` is False for a step that
    reads only the outputs' own files (the package check): ``engd check`` runs those too."""

    name: str
    run: Callable[[Path], list[str]]
    publishes: tuple[str, ...] = ()
    needs_pages: bool = True


class OutputError(Exception):
    """Two outputs publish the same address, or an output cannot be made; Portuguese text."""


@dataclass(frozen=True)
class Site:
    files: tuple[Published, ...]
    steps: tuple[AfterBuild, ...]

    @property
    def pages(self) -> list[Published]:
        return [f for f in self.files if f.page is not None]

    @property
    def generated(self) -> list[Published]:
        return [f for f in self.files if f.content is not None]

    @property
    def addresses(self) -> list[str]:
        """Every address the site publishes (pages and files people cite or download), sorted."""
        written = [a for step in self.steps for a in step.publishes]
        return sorted({"/" + f.address for f in self.files} | {"/" + a for a in written})

    @property
    def downloads(self) -> list[Published]:
        return [f for f in self.files if f.download is not None]

    @property
    def search_pages(self) -> list[str]:
        return [f.address for f in self.pages if f.page.search]

    def check_without_pages(self) -> list[str]:
        """The problems of every step that needs no built page, run on the generated files alone
        (written to a temporary folder): what ``engd check`` adds to the data's own rules."""
        import tempfile

        steps = [step for step in self.steps if not step.needs_pages]
        if not steps:
            return []
        with tempfile.TemporaryDirectory(prefix="engd-check-") as folder:
            for f in self.generated:
                if f.page is None:
                    target = Path(folder) / urls.file_for(f.address)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(f.data)
            return [problem for step in steps for problem in step.run(Path(folder))]

    def file(self, address: str) -> Published:
        return next(f for f in self.files if f.address == address)

    def head(self) -> dict[str, dict]:
        """For each page's Markdown source, what its ``<head>`` carries: the files that are its
        alternates (``engd_alternates``: address from the root, media type, title, and ``rel`` when not
        the bare "alternate") and what the page
        itself declared (``engd_jsonld``)."""
        heads: dict[str, dict] = {urls.source(p.address): dict(p.page.head, engd_alternates=[]) for p in self.pages}
        for f in self.files:
            if f.alternate_of is not None:
                meta = heads.setdefault(urls.source(f.alternate_of), {"engd_alternates": []})
                meta["engd_alternates"].append({"href": f.address, "type": f.alternate_type, "title": f.alternate_title})
        for p in self.pages:  # a page's own alternates (parts of larger files) after the files that are its twins
            heads[urls.source(p.address)]["engd_alternates"] += p.page.head.get("engd_alternates", [])
        for meta in heads.values():
            if not meta["engd_alternates"]:
                del meta["engd_alternates"]
        return heads

    def menu(self) -> list:
        """The menu in MkDocs' ``nav`` shape, from the pages' declared places, in publication order."""
        root: dict = {}
        for f in self.pages:
            if f.page.menu is None:
                continue
            node = root
            *sections, label = f.page.menu
            for section in sections:
                node = node.setdefault(section, {"index": None, "children": {}})["children"]
            if f.page.section_index:
                node.setdefault(label, {"index": None, "children": {}})["index"] = urls.source(f.address)
            else:
                node[label] = urls.source(f.address)
        return _nav(root)


def _nav(node: dict) -> list:
    entries = []
    for label, value in node.items():
        if isinstance(value, str):
            entries.append({label: value})
        else:
            children = ([value["index"]] if value["index"] else []) + _nav(value["children"])
            entries.append({label: children})
    return entries


def load(names: Iterable[str] | None = None) -> list[ModuleType]:
    return [importlib.import_module(name) for name in (REGISTRY if names is None else names)]


def assemble(model, context, outputs: Iterable[ModuleType] | None = None) -> Site:
    """Run every output (``REGISTRY`` unless ``outputs`` is given), then each collector in registry
    order with everything published before it; a collector's files take its place in the order."""
    groups: list[list] = [list(output.publish(model, context)) for output in (load() if outputs is None else outputs)]
    for group in groups:
        for i, item in enumerate(group):
            if isinstance(item, Collector):
                published = tuple(x for g in groups for x in g if isinstance(x, Published))
                group[i:i + 1] = list(item.run(published))
    flat = [item for group in groups for item in group]
    files = tuple(item for item in flat if isinstance(item, Published))
    seen: set[str] = set()
    for f in files:
        if f.address in seen:
            raise OutputError(f"o endereço /{f.address} é publicado por duas saídas; cada endereço tem um só dono.")
        seen.add(f.address)
    return Site(files, tuple(item for item in flat if isinstance(item, AfterBuild)))
