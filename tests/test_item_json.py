"""Per-item JSON twins: every objective and recommendation page announces, in its <head>, a JSON twin
that exists in the built site and carries the item's data."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from site_paths import built_path

from engd.urls import objective_json as objective_json_path, recommendation_json as recommendation_json_path


class HeadLinks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_head = False
        self.alternates: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif tag == "link" and self.in_head and "alternate" in (dict(attrs).get("rel") or "").split():
            self.alternates.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def alternates(page_file) -> list[dict]:
    parser = HeadLinks()
    parser.feed(page_file.read_text(encoding="utf-8"))
    return [a for a in parser.alternates if a.get("type") == "application/json"]


def resolve(site, source: str, href: str):
    return built_path(site, source, href)


def twin_of(built_site, page_url: str) -> tuple[dict, object]:
    # the page's own twin (the OSCAL catalog of the whole act is also JSON, and announced too)
    (link,) = [a for a in alternates(built_site / page_url / "index.html") if a["title"] == "Dados desta página em JSON"]
    target = resolve(built_site, page_url, link["href"])
    assert target.is_file(), (page_url, link["href"])
    return json.loads(target.read_text(encoding="utf-8")), target


def test_every_recommendation_page_announces_its_twin(built_site, strategy):
    for rec in strategy.recommendations:
        document, target = twin_of(built_site, f"recomendacoes/{rec.slug}/")
        assert target == built_site / recommendation_json_path(rec.slug)
        assert document["tipo"] == "recomendacao" and document["numero"] == rec.id
        assert document["objetivo"] == rec.objective_number and document["ordem"] == rec.number
        assert document["texto_oficial"] == rec.official_text
        assert document["texto_simples"] == rec.plain_text and document["na_pratica"] == list(rec.in_practice)
        assert [t["id"] for t in document["temas"]] == list(rec.theme_ids)
        assert [n["id"] for n in document["normas"]] == list(rec.norm_ids)
        assert document["fonte"] == f"{strategy.act.short_name}, Anexo, item {rec.id}."


def test_every_objective_page_announces_its_twin(built_site, strategy):
    for objective in strategy.objectives:
        document, target = twin_of(built_site, f"objetivos/{objective.number}/")
        assert target == built_site / objective_json_path(objective.number)
        assert document["tipo"] == "objetivo" and document["numero"] == objective.number
        assert document["texto_oficial"] == objective.official_text
        assert [(r["numero"], r["texto_oficial"]) for r in document["recomendacoes"]] == [
            (r.id, r.official_text) for r in objective.recommendations]


@pytest.mark.parametrize("twin", ["recomendacoes/3-7.json", "recomendacoes/1-1.json", "recomendacoes/10-4.json", "objetivos/3.json"])
def test_addresses_inside_a_twin_resolve(built_site, twin):
    document = json.loads((built_site / twin).read_text(encoding="utf-8"))
    addresses = dict(document["enderecos"])
    addresses.update({f"rec-{r['numero']}-{k}": r[k] for r in document.get("recomendacoes", []) for k in ("json", "pagina")})
    for name, href in addresses.items():
        if href is not None:
            assert resolve(built_site, twin, href).is_file(), (twin, name, href)
    page = twin.removesuffix(".json") + "/"
    assert resolve(built_site, twin, document["enderecos"]["pagina"]) == built_site / page / "index.html"


def test_first_and_last_twins_have_no_neighbour_beyond_the_ends(built_site):
    first = json.loads((built_site / "recomendacoes/1-1.json").read_text(encoding="utf-8"))
    last = json.loads((built_site / "recomendacoes/10-4.json").read_text(encoding="utf-8"))
    assert first["enderecos"]["anterior"] is None and last["enderecos"]["proxima"] is None
    assert resolve(built_site, "recomendacoes/1-1.json", first["enderecos"]["proxima"]) == built_site / "recomendacoes/1-2.json"
    assert resolve(built_site, "recomendacoes/10-4.json", last["enderecos"]["anterior"]) == built_site / "recomendacoes/10-3.json"


def test_twin_states_licences_and_the_unknown_dou_address(built_site, strategy):
    document = json.loads((built_site / "recomendacoes/3-7.json").read_text(encoding="utf-8"))
    assert document["licencas"]["texto_oficial"]["name"] == "other-pd"
    assert document["licencas"]["textos_do_projeto"]["name"] == "CC-BY-4.0"
    publication = document["ato"]["publicacao"]
    assert publication == {"veiculo": "Diário Oficial da União", "data": "2024-06-28", "edicao": 123, "secao": 1,
                           "pagina": 111, "endereco": None}


def test_other_pages_announce_no_item_twin(built_site):
    for page in ["index.html", "ato/index.html", "objetivos/index.html", "recomendacoes/index.html"]:
        assert alternates(built_site / page) == [], page
