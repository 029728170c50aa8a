"""The DCAT catalogue as a harvester reads it: it conforms (pyshacl) to a minimal shape set of the
properties DCAT-AP 3 requires (``fixtures/dcat-ap-3-obrigatorios.ttl``, written by this project:
no package ships the official shapes and tests fetch nothing), has no relative identifier when the
site's address is set, lists the Akoma Ntoso and OSCAL files, and the shapes fail broken catalogues."""
from __future__ import annotations

import json

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef

from engd.outputs import akoma_ntoso, catalog, oscal

from conftest import FIXTURES, SITE_URL

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
BASE = "https://base-relativa.invalid/x/catalogo.jsonld"  # a relative identifier would resolve against this
SHAPES = Graph().parse(FIXTURES / "dcat-ap-3-obrigatorios.ttl", format="turtle")


def _graph(document: dict) -> Graph:
    return Graph().parse(data=json.dumps(document), format="json-ld", publicID=BASE)


def _conforms(graph: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(graph, shacl_graph=SHAPES, inference="none")
    return conforms, text


@pytest.fixture(scope="module")
def document(assembled) -> dict:
    return json.loads(assembled(site_url=SITE_URL).file(catalog.CATALOGUE).data)


@pytest.fixture(scope="module")
def document_without_site(outputs) -> dict:
    return json.loads(outputs.file(catalog.CATALOGUE).data)


def test_conforms_to_the_mandatory_shapes(document):
    conforms, text = _conforms(_graph(document))
    assert conforms, text


def test_conforms_without_the_sites_address_too(document_without_site):
    conforms, text = _conforms(_graph(document_without_site))
    assert conforms, text


def test_no_relative_identifier_when_the_site_address_is_set(document):
    graph = _graph(document)
    iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    assert not [i for i in iris if i.startswith("https://base-relativa.invalid/")]
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert str(catalogue).startswith(SITE_URL)
    for distribution in graph.subjects(RDF.type, DCAT.Distribution):
        assert str(distribution).startswith(SITE_URL)
        assert str(graph.value(distribution, DCAT.downloadURL)).startswith(SITE_URL)


def test_publisher_is_the_project_and_theme_is_marked_unverified(document, strategy):
    graph = _graph(document)
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    publisher = graph.value(catalogue, DCTERMS.publisher)
    assert "não oficial" in str(graph.value(publisher, URIRef("http://xmlns.com/foaf/0.1/name")))
    (dataset,) = graph.subjects(RDF.type, DCAT.Dataset)
    concept = graph.value(dataset, DCAT.theme)
    assert str(graph.value(concept, SKOS.prefLabel)) == strategy.identity.theme
    assert strategy.identity.theme_vcge is None
    assert graph.value(concept, SKOS.exactMatch) is None
    assert "não foi verificada" in str(graph.value(concept, SKOS.editorialNote))


def test_every_format_is_a_distribution_with_its_standard(document, strategy):
    graph = _graph(document)
    by_url = {str(graph.value(d, DCAT.downloadURL)): d for d in graph.subjects(RDF.type, DCAT.Distribution)}
    for address, standard in [(akoma_ntoso.address(strategy), akoma_ntoso.NAMESPACE), (oscal.address(strategy), oscal.STANDARD)]:
        distribution = by_url[SITE_URL + address]
        assert str(graph.value(distribution, DCTERMS.conformsTo)) == standard
        assert str(graph.value(distribution, DCTERMS["format"])).startswith("http://publications.europa.eu/resource/authority/file-type/")


def _break(document: dict, change) -> dict:
    copied = json.loads(json.dumps(document))
    change(copied)
    return copied


def _dataset(d):
    return d["dcat:dataset"][0]


@pytest.mark.parametrize("name, change", [
    ("catálogo sem publicador", lambda d: d.pop("dct:publisher")),
    ("conjunto sem tema", lambda d: _dataset(d).pop("dcat:theme")),
    ("formato como texto", lambda d: _dataset(d)["dcat:distribution"][0].__setitem__("dct:format", "CSV")),
    ("tipo de mídia como texto", lambda d: _dataset(d)["dcat:distribution"][0].__setitem__("dcat:mediaType", "text/csv")),
    ("licença sem tipo", lambda d: _dataset(d)["dcat:distribution"][0].__setitem__("dct:license", {"@id": "https://licenca.invalid/"})),
    ("distribuição sem endereço", lambda d: [_dataset(d)["dcat:distribution"][0].pop(k) for k in ("dcat:accessURL", "dcat:downloadURL")]),
    ("norma sem tipo", lambda d: _dataset(d)["dct:conformsTo"].pop("@type")),
    ("conjunto sem título", lambda d: _dataset(d).pop("dct:title")),
])
def test_shapes_fail_broken_catalogues(document, name, change):
    conforms, _ = _conforms(_graph(_break(document, change)))
    assert not conforms, name
