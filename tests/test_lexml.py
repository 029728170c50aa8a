"""The act in LexML XML: the derived URN in Metadado/Identificacao, every official text equal to
the DOU source, one element per objective and recommendation whose id is the site's URN fragment,
the lack of an official schema said in the file, and the validator fails on broken files."""
from __future__ import annotations

import copy

import pytest
from lxml import etree

from engd import citation
from engd.fidelity import normalise, parse_source
from engd.outputs import OutputError, lexml

from conftest import DATA

NS = {"l": lexml.NAMESPACE}


@pytest.fixture(scope="module")
def data(outputs, strategy) -> bytes:
    return outputs.file(lexml.address(strategy)).data


@pytest.fixture(scope="module")
def root(data):
    return etree.fromstring(data)


@pytest.fixture(scope="module")
def source(strategy):
    return parse_source((DATA / strategy.act.source_file).read_text(encoding="utf-8"))


def _text(root, path: str) -> str:
    (element,) = root.xpath(path, namespaces=NS)
    return normalise(element.text)


def test_validates(data):
    assert lexml.validate(data) == []


def test_urn_is_the_sites_and_labelled_as_derived(root, strategy, data):
    assert root.find("l:Metadado/l:Identificacao", NS).get("URN") == citation.lexml_urn(strategy.act)
    assert "não é um identificador oficial" in data.decode("utf-8")
    assert "não foi validado" in data.decode("utf-8")


def test_declared_as_download_and_alternate_of_the_act_page(outputs, strategy):
    published = outputs.file(lexml.address(strategy))
    assert published.download.media_type == "application/xml" and published.alternate_of == "ato/"


def test_every_official_text_equals_the_dou_source(root, source, strategy):
    assert _text(root, "/l:LexML/l:Norma/l:ParteInicial/l:Epigrafe") == source.title
    assert _text(root, "/l:LexML/l:Norma/l:ParteInicial/l:Ementa") == source.summary
    assert _text(root, "/l:LexML/l:Norma/l:ParteInicial/l:Preambulo/l:p") == source.preamble
    for number, (label, text) in enumerate(source.articles, 1):
        assert _text(root, f"//l:Artigo[@id='art{number}']/l:Rotulo") == label
        assert _text(root, f"//l:Artigo[@id='art{number}']/l:Caput/l:p") == text
    assert _text(root, "/l:LexML/l:Norma/l:ParteFinal/l:Assinatura") == source.signatory
    assert _text(root, "/l:LexML/l:Anexo/l:Titulo") == source.annex_title
    objectives = root.findall("l:Anexo/l:Item", NS)
    assert len(objectives) == len(source.objectives)
    for element, objective in zip(objectives, source.objectives):
        assert element.get("id") == f"anx1_ite{objective.number}"
        texts = [normalise(p.text) for p in element.findall("l:p", NS)]
        assert texts == [objective.text, source.addressees + ":"]
        recs = element.findall("l:Item", NS)
        assert [(r.findtext("l:Rotulo", namespaces=NS), normalise(r.findtext("l:p", namespaces=NS))) for r in recs] \
            == list(objective.recommendations)
        for r, (rec_id, _) in zip(recs, objective.recommendations):
            assert r.get("id") == citation.recommendation_fragment(strategy.recommendation_by_id[rec_id])


def _broken(root, change) -> bytes:
    tree = copy.deepcopy(root)
    change(tree)
    return etree.tostring(tree)


@pytest.mark.parametrize("name, change", [
    ("URN malformada", lambda t: t.find("l:Metadado/l:Identificacao", NS).set("URN", "urn:lex:br:portaria 4248")),
    ("sem ementa", lambda t: t.find("l:Norma/l:ParteInicial", NS).remove(t.find("l:Norma/l:ParteInicial/l:Ementa", NS))),
    ("id repetido", lambda t: t.find("l:Anexo/l:Item[2]", NS).set("id", "anx1_ite1")),
    ("raiz errada", lambda t: setattr(t, "tag", f"{{{lexml.NAMESPACE}}}Lei")),
    ("outro espaço de nomes", lambda t: setattr(t, "tag", "{urn:outro}LexML")),
    ("recomendação vazia", lambda t: [setattr(p, "text", " ") for p in t.findall("l:Anexo/l:Item/l:Item/l:p", NS)]),
])
def test_validator_fails_on_broken_files(root, name, change):
    assert lexml.validate(_broken(root, change)), name


def test_malformed_xml_is_a_problem():
    assert "bem formado" in lexml.validate(b"<LexML>")[0]


def test_invalid_document_fails_publish_in_portuguese(strategy, context, monkeypatch):
    monkeypatch.setattr(lexml, "validate", lambda data: ["falta Ementa com texto."])
    with pytest.raises(OutputError, match="está malformado"):
        lexml.publish(strategy, context)
