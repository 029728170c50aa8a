"""Catalogue metadata: the DCAT catalogue parses with rdflib and describes one dataset with one
distribution per published file; schema.org Dataset on /dados/ and Legislation on item pages."""
from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser

import pytest
from site_paths import built_path
from rdflib import Graph, Literal, Namespace, URIRef

# plain namespaces: rdflib's closed ones warn when pytest inspects this module's attributes
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
BASE = "https://exemplo.invalid/sitio/dados/catalogo.jsonld"  # relative addresses are read against this base
ROOT_URL = "https://exemplo.invalid/sitio/"
DATA_FILES_NOT_DISTRIBUTED = {"index.html", "catalogo.jsonld"}


@pytest.fixture(scope="module")
def graph(built_site) -> Graph:
    catalogue = Graph()
    catalogue.parse(data=(built_site / "dados" / "catalogo.jsonld").read_text(encoding="utf-8"), format="json-ld",
                    publicID=BASE)
    return catalogue


def test_one_catalogue_with_one_dataset(graph, built_site):
    assert len(list(graph.subjects(RDF.type, DCAT.Catalog))) == 1
    (dataset,) = graph.subjects(RDF.type, DCAT.Dataset)
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert (catalogue, DCAT.dataset, dataset) in graph
    assert graph.value(dataset, DCTERMS.title).language == "pt-BR"
    landing = str(graph.value(dataset, DCAT.landingPage))
    assert built_path(built_site, "dados/catalogo.jsonld", landing, (ROOT_URL,)) == built_site / "dados" / "index.html"


def test_one_distribution_per_published_file(graph, built_site):
    (dataset,) = graph.subjects(RDF.type, DCAT.Dataset)
    distributions = list(graph.objects(dataset, DCAT.distribution))
    folder = built_site / "dados"
    published = {p.name for p in folder.iterdir()} - DATA_FILES_NOT_DISTRIBUTED
    assert len(distributions) == len(published) == len(set(distributions))
    described = set()
    for distribution in distributions:
        assert (distribution, RDF.type, DCAT.Distribution) in graph
        path = built_path(built_site, "dados/catalogo.jsonld", str(graph.value(distribution, DCAT.downloadURL)), (ROOT_URL,))
        assert path.parent == folder, path
        name = path.name
        content = path.read_bytes()
        assert graph.value(distribution, DCAT.byteSize).toPython() == len(content)
        checksum = graph.value(distribution, SPDX.checksum)
        assert graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(graph.value(checksum, SPDX.checksumValue)) == hashlib.sha256(content).hexdigest()
        assert str(graph.value(distribution, DCAT.mediaType)).startswith("https://www.iana.org/assignments/media-types/")
        assert graph.value(distribution, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
        described.add(name)
    assert described == published


def test_dataset_names_its_source_without_inventing_an_address(graph, strategy):
    (dataset,) = graph.subjects(RDF.type, DCAT.Dataset)
    source = graph.value(dataset, DCTERMS.source)
    assert graph.value(source, DCTERMS.title) == Literal(strategy.act.official_title, lang="pt-BR")
    assert str(graph.value(source, DCTERMS.issued)) == "2024-06-28"
    assert not isinstance(source, URIRef)  # the DOU page address is unknown, so the source is a blank node


# --- schema.org in the pages' <head> ----------------------------------------------------------------

class JsonLd(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.inside = False
        self.documents: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        self.in_head = self.in_head or tag == "head"
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            assert self.in_head, "JSON-LD fora do <head>"
            self.inside = True
            self.documents.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = False
        if tag == "head":
            self.in_head = False

    def handle_data(self, data):
        if self.inside:
            self.documents[-1] += data


def json_ld(page_file) -> list[dict]:
    parser = JsonLd()
    parser.feed(page_file.read_text(encoding="utf-8"))
    return [json.loads(text) for text in parser.documents]


def test_data_page_has_a_schema_org_dataset(built_site):
    (dataset,) = json_ld(built_site / "dados" / "index.html")
    assert dataset["@context"] == "https://schema.org" and dataset["@type"] == "Dataset"
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/" and dataset["inLanguage"] == "pt-BR"
    folder = built_site / "dados"
    published = {p.name for p in folder.iterdir()} - DATA_FILES_NOT_DISTRIBUTED
    names = set()
    for download in dataset["distribution"]:
        path = built_path(built_site, "dados/", download["contentUrl"])
        assert path.is_file(), download
        assert download["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        names.add(path.name)
    assert names == published
    assert dataset["isBasedOn"]["@type"] == "Legislation"
    assert built_path(built_site, "dados/", dataset["includedInDataCatalog"]["url"]) == folder / "catalogo.jsonld"


def test_item_pages_have_schema_org_legislation(built_site, strategy):
    pages = [(f"objetivos/{o.number}", o.official_text, f"objetivo {o.number}") for o in strategy.objectives]
    pages += [(f"recomendacoes/{r.slug}", r.official_text, f"item {r.id}") for r in strategy.recommendations]
    for page, text, place in pages:
        (legislation,) = json_ld(built_site / page / "index.html")
        assert legislation["@type"] == "Legislation", page
        assert legislation["text"] == text
        assert legislation["legislationIdentifier"].endswith(f"Anexo, {place}")
        assert legislation["legislationDate"] == strategy.act.date
        assert legislation["isPartOf"]["name"] == strategy.act.short_name
        assert "sameAs" not in legislation["isPartOf"]  # no invented DOU address
        twin = built_path(built_site, page + "/", legislation["encoding"]["contentUrl"])
        assert twin.is_file() and twin.suffix == ".json", (page, twin)
        assert built_path(built_site, page + "/", legislation["url"]) == built_site / page / "index.html"


def test_json_ld_cannot_close_its_script(strategy):
    from engd.outputs.catalog import script_text

    text = script_text({"text": "</script><b>& ok"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"text": "</script><b>& ok"}
