"""A generator, not one site: a second act of the same shape (``fixtures/segundo-ato``: another
kind, number, date, body and title; 2 objectives, 3 recommendations) builds a complete site and data
package with no code change, and passes the same fidelity, data-package and address checks."""
from __future__ import annotations

import json

import pytest

from engd import addresses
from engd.model import load_strategy
from engd.outputs import assemble
from engd.outputs.datapackage import check_folder
from engd.validate import check

from conftest import make_context, second_act_data


@pytest.fixture(scope="module")
def second(second_act_site):
    model, problems = load_strategy(second_act_site.data)
    assert problems == []
    return second_act_site.data, model, second_act_site.site


def test_the_second_act_is_its_own(second):
    _, model, _ = second
    assert model.act.short_name == "Resolução CTGD/MT nº 12/2025"
    assert (len(model.objectives), len(model.recommendations)) == (2, 3)
    assert model.identity.package_name == "recomendacoes-teste-2025-2026"


def test_it_builds_a_complete_site_named_after_it(second):
    data, model, site = second
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Início - Dados Abertos de Teste — Recomendações</title>" in home
    assert "Recomendações da Estratégia de Dados Abertos de Teste 2025–2026" in home
    for rec in model.recommendations:
        page = (site / "recomendacoes" / rec.slug / "index.html").read_text(encoding="utf-8")
        assert rec.official_text in page and "Resolução CTGD/MT nº 12/2025, Anexo, item" in page
    generated = [f for f in assemble(model, make_context(data)).generated if f.page is not None]
    leaked = [f.address for f in generated if "4.248" in f.content or "Governo Digital 2024" in f.content]
    assert leaked == [], "textos do primeiro ato nas páginas geradas do segundo"


def test_its_data_package_is_valid_and_named_after_it(second):
    _, model, site = second
    assert check_folder(site / "dados") == []
    descriptor = json.loads((site / "dados" / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["name"], descriptor["title"]) == ("recomendacoes-teste-2025-2026", model.identity.title)
    assert "Resolução CTGD/MT nº 12/2025" in descriptor["description"]
    assert (site / "dados" / "recomendacoes-teste-2025-2026.xlsx").is_file()
    catalogue = json.loads((site / "dados" / "catalogo.jsonld").read_text(encoding="utf-8"))
    period = catalogue["dcat:dataset"][0]["dct:temporal"]
    assert (period["dcat:startDate"]["@value"], period["dcat:endDate"]["@value"]) == ("2025", "2026")


def test_its_official_text_is_held_to_its_source(tmp_path):
    data = second_act_data(tmp_path / "dados")
    path = data / "objetivos" / "objetivo-02.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Revisar periodicamente", "Revisar sempre"), encoding="utf-8")
    _, problems = check(data)
    assert [(p.file, p.field) for p in problems] == [("dados/objetivos/objetivo-02.yml", "recomendacoes[0].texto_oficial")]
    assert "difere da fonte oficial" in problems[0].message


def test_its_address_registry_holds(second):
    data, model, site = second
    registry, problems = addresses.load(data)
    assert problems == [] and len(registry.entries) > 20
    declared = assemble(model, make_context(data, pdf=True)).addresses
    assert addresses.unregistered(registry, declared) == []
    assert addresses.undeclared(registry, declared) == []
    assert addresses.unresolved(registry, site) == []
    assert addresses.follow(site, "/2.1/") == "/recomendacoes/2-1/"
    assert "/imprimir/resolucao-ctgd-mt-12-2025.pdf" in declared
