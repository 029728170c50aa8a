"""The output registry: an output is one module with ``publish(model, context)`` and one line in
``engd.outputs.REGISTRY``. The worked example of CONTRIBUTING.md (``fixtures/saida_de_exemplo.py``),
registered and nothing else edited, reaches the built site, the ``/dados/`` download table, the DCAT
catalogue and the address registry. Menu, head metadata and search pages come from declarations too."""
from __future__ import annotations

import importlib.util
import json

import pytest

from engd import addresses
from engd.outputs import OutputError, Page, Published, assemble

from conftest import DATA, FIXTURES, ROOT, build_into, make_context, register_output


def _example():
    spec = importlib.util.spec_from_file_location("saida_de_exemplo", FIXTURES / "saida_de_exemplo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def site_with_example(monkeypatch, tmp_path):
    register_output(monkeypatch, "saida_de_exemplo", _example().publish)
    return build_into(tmp_path / "site")


def test_contributing_shows_the_example_this_test_registers():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert (FIXTURES / "saida_de_exemplo.py").read_text(encoding="utf-8").split('"""', 2)[2].strip() in guide


def test_a_registered_output_reaches_the_site_the_table_the_catalogue_and_the_registry(site_with_example, strategy):
    assert (site_with_example / "dados" / "contagem.csv").read_text(encoding="utf-8").startswith("objetivo,recomendacoes\n1,")
    page = (site_with_example / "dados" / "index.html").read_text(encoding="utf-8")
    assert '<a href="contagem.csv">contagem.csv</a>' in page and "Recomendações por objetivo (CSV)" in page
    catalogue = json.loads((site_with_example / "dados" / "catalogo.jsonld").read_text(encoding="utf-8"))
    urls = [d["dcat:downloadURL"]["@id"] for d in catalogue["dcat:dataset"][0]["dcat:distribution"]]
    assert "contagem.csv" in urls
    registry, _ = addresses.load(DATA)
    declared = assemble(strategy, make_context())
    assert addresses.unregistered(registry, declared.addresses) == ["/dados/contagem.csv"]
    assert "/dados/contagem.csv" in addresses.published(site_with_example)


def test_two_outputs_cannot_own_one_address(monkeypatch, strategy, context):
    register_output(monkeypatch, "dono_repetido", lambda s, c: [Published("ato/", "# Outra", page=Page("Outra", "data/ato.yml"))])
    with pytest.raises(OutputError, match="o endereço /ato/ é publicado por duas saídas"):
        assemble(strategy, context)


def test_the_menu_comes_from_the_pages_declared_places(outputs):
    menu = outputs.menu()
    assert [next(iter(entry)) for entry in menu] == [
        "Início", "A portaria", "Objetivos", "Recomendações", "Glossário", "Temas", "Normas relacionadas",
        "Dados abertos", "Autoavaliação", "Versão para imprimir", "Mudanças", "Sobre o site", "Acessibilidade", "Privacidade"]
    objectives = menu[2]["Objetivos"]
    assert objectives[0] == "objetivos/index.md" and objectives[3] == {"Objetivo 3": "objetivos/3.md"}
    by_objective = menu[3]["Recomendações"][3]["Objetivo 3"]
    assert by_objective[6] == {"Recomendação 3.7": "recomendacoes/3-7.md"}


def test_each_page_head_lists_what_the_outputs_declared_for_it(outputs):
    head = outputs.head()
    # the files declared as its alternates first (its JSON twin), then what the page declares itself
    assert head["recomendacoes/3-7.md"]["engd_alternates"][0] == {
        "href": "recomendacoes/3-7.json", "type": "application/json", "title": "Dados desta página em JSON"}
    assert [a["title"] for a in head["recomendacoes/3-7.md"]["engd_alternates"][1:]] == [
        "Este item no ato em Akoma Ntoso (XML)", "Este item no ato em LexML (XML)", "O catálogo OSCAL das recomendações (JSON)"]
    assert head["dados/index.md"]["engd_alternates"][0]["href"] == "dados/datapackage.json"
    assert '"@type":"Legislation"' in head["objetivos/3.md"]["engd_jsonld"]
    assert "engd_alternates" not in head["index.md"]
