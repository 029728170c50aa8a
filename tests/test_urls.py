"""The address module: every path the site publishes, and the one way to link between them."""
import pytest

from engd import urls


@pytest.mark.parametrize("source, target, link", [
    ("3.7/", "recomendacoes/3-7/", "../recomendacoes/3-7/"),
    ("a/b/c/", "x/", "../../../x/"),
    ("velho.xml", "mudancas.xml", "mudancas.xml"),
    ("mudancas.xml", "mudancas/#entrada", "mudancas/#entrada"),
    ("recomendacoes/3-7.json", "recomendacoes/3-7/", "3-7/"),
    ("recomendacoes/3-7.json", "dados/datapackage.json", "../dados/datapackage.json"),
    ("dados/catalogo.jsonld", "", "../"),
    ("dados/", "dados/", "./"),
    ("", "ato/", "ato/"),
])
def test_relative_links_work_wherever_the_site_is_hosted(source, target, link):
    assert urls.relative(source, target) == link


def test_absolute_when_the_site_address_is_known():
    site = "https://exemplo.gov.br/engd/"
    assert urls.href("recomendacoes/3-7.json", "objetivos/3/", site) == "https://exemplo.gov.br/engd/objetivos/3/"
    assert urls.href("recomendacoes/3-7.json", "objetivos/3/", None) == "../objetivos/3/"
    assert urls.shown("ato/", site) == "https://exemplo.gov.br/engd/ato/"
    assert urls.shown("ato/", None) == "/ato/"


@pytest.mark.parametrize("address, source", [
    ("", "index.md"), ("ato/", "ato.md"), ("objetivos/", "objetivos/index.md"), ("objetivos/3/", "objetivos/3.md"),
    ("recomendacoes/3-7/", "recomendacoes/3-7.md"), ("temas/", "temas/index.md"), ("temas/identidade-digital/", "temas/identidade-digital.md"),
    ("dados/", "dados/index.md"), ("dados/objetivos.csv", "dados/objetivos.csv"), ("sobre/", "sobre.md"),
])
def test_each_page_has_one_markdown_source_and_back(address, source):
    assert urls.source(address) == source
    assert urls.address_of(source) == address


def test_markdown_links_join_sources_and_keep_fragments():
    assert urls.markdown_link("recomendacoes/3-7/", urls.objective(3)) == "../objetivos/3.md"
    assert urls.markdown_link("recomendacoes/3-7/", urls.norm("lgpd")) == "../normas.md#lgpd"
    assert urls.markdown_link("", urls.RECOMMENDATIONS) == "recomendacoes/index.md"
    assert urls.markdown_link("dados/", urls.data_file("objetivos.csv")) == "objetivos.csv"


def test_files_that_serve_each_address():
    assert urls.file_for("3.7/") == "3.7/index.html"
    assert urls.file_for("/mudancas.xml") == "mudancas.xml"
    assert urls.file_for("") == "index.html"
    assert urls.file_for("glossario/#cpf") == "glossario/index.html"


def test_item_addresses():
    assert (urls.objective(3), urls.recommendation("3-7")) == ("objetivos/3/", "recomendacoes/3-7/")
    assert (urls.objective_json(3), urls.recommendation_json("3-7")) == ("objetivos/3.json", "recomendacoes/3-7.json")
    assert (urls.short_objective(3), urls.short_recommendation("3.7")) == ("3/", "3.7/")
