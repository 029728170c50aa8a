"""Citing: exact ABNT NBR 6023 references, the derived LexML URN, and the "Como citar" box of each page."""
import html
import re

import pytest

from engd import citation

ACT_REFERENCE = (
    "BRASIL. Ministério da Gestão e da Inovação em Serviços Públicos. Secretaria de Governo Digital. "
    "Portaria SGD/MGI nº 4.248, de 26 de junho de 2024. Estabelece recomendações para o alcance dos "
    "objetivos da Estratégia Nacional de Governo Digital para o período de 2024 a 2027. Diário Oficial "
    "da União: seção 1, Brasília, DF, n. 123, p. 111, 28 jun. 2024."
)
ACT_URN = ("urn:lex:br:ministerio.gestao.inovacao.servicos.publicos;secretaria.governo.digital:"
           "portaria:2024-06-26;4248")
UNCONFIGURED = {}
CONFIGURED = dict(site_url="https://engd.example.org/estrategia/", repository="https://github.com/exemplo/engd")


def test_act_reference_is_exact(strategy):
    assert citation.act_reference(strategy.act) == ACT_REFERENCE


def test_objective_reference_is_exact(strategy):
    assert citation.objective_reference(strategy.act, strategy.objective(3)) == ACT_REFERENCE + " Anexo, objetivo 3."


def test_recommendation_reference_is_exact(strategy):
    rec = strategy.recommendation_by_id["3.7"]
    assert citation.recommendation_reference(strategy.act, rec) == ACT_REFERENCE + " Anexo, item 3.7."


def test_reference_follows_the_data_not_a_literal(strategy):
    from dataclasses import replace

    act = replace(strategy.act, number="1.234", date="2025-01-02",
                  publication=replace(strategy.act.publication, edition=9, page=7, section=2, date="2025-05-03"))
    assert citation.act_reference(act).endswith(
        "Portaria SGD/MGI nº 1.234, de 2 de janeiro de 2025. Estabelece recomendações para o alcance dos objetivos "
        "da Estratégia Nacional de Governo Digital para o período de 2024 a 2027. Diário Oficial da União: seção 2, "
        "Brasília, DF, n. 9, p. 7, 3 maio 2025.")


def test_unknown_journal_is_a_portuguese_error(strategy):
    from dataclasses import replace

    act = replace(strategy.act, publication=replace(strategy.act.publication, journal="Diário Oficial do Nada"))
    with pytest.raises(citation.CitationError, match="publicacao.veiculo: não sei citar o veículo “Diário Oficial do Nada”"):
        citation.act_reference(act)


def test_urns_are_derived_from_the_grammar(strategy):
    assert citation.lexml_urn(strategy.act) == ACT_URN
    assert citation.for_objective(strategy, strategy.objective(3), None).urn == ACT_URN + "!anx1_ite3"
    rec = strategy.recommendation_by_id["3.7"]
    assert citation.for_recommendation(strategy, rec, None).urn == ACT_URN + "!anx1_ite3_ite7"


def test_no_fragment_uses_a_hyphen_which_would_mean_a_letter_suffix(strategy):
    for rec in strategy.recommendations:
        urn = citation.for_recommendation(strategy, rec, None).urn
        fragment = urn.split("!", 1)[1]
        assert re.fullmatch(r"anx1_ite[1-9][0-9]*_ite[1-9][0-9]*", fragment), urn
        assert f"ite{rec.objective_number}-{rec.number}" not in urn


def _box(site, page: str) -> dict:
    text = (site / page).read_text(encoding="utf-8")
    values = {}
    for key in ("referencia", "endereco", "urn"):
        match = re.search(rf'id="citar-{key}">(.*?)</(span|code)>\s*<button', text, re.S)
        assert match, f"{page}: falta #citar-{key}"
        values[key] = html.unescape(re.sub(r"<[^>]+>", "", match[1]))  # what a reader sees and copies
    values["html"] = text
    return values


def test_every_item_page_shows_its_citation(build_with, strategy):
    site = build_with(**UNCONFIGURED)
    for objective in strategy.objectives:
        box = _box(site, f"objetivos/{objective.number}/index.html")
        assert box["referencia"] == ACT_REFERENCE + f" Anexo, objetivo {objective.number}."
        assert box["endereco"] == f"/objetivos/{objective.number}/"
        assert box["urn"] == ACT_URN + f"!anx1_ite{objective.number}"
    for rec in strategy.recommendations:
        box = _box(site, f"recomendacoes/{rec.slug}/index.html")
        assert box["referencia"] == ACT_REFERENCE + f" Anexo, item {rec.id}."
        assert box["endereco"] == f"/recomendacoes/{rec.slug}/"
        assert box["urn"] == ACT_URN + f"!anx1_ite{rec.objective_number}_ite{rec.number}"
    act = _box(site, "ato/index.html")
    assert (act["referencia"], act["endereco"], act["urn"]) == (ACT_REFERENCE, "/ato/", ACT_URN)


def test_unconfigured_site_shows_the_path_and_says_why(build_with):
    box = _box(build_with(**UNCONFIGURED), "recomendacoes/3-7/index.html")
    assert box["endereco"] == "/recomendacoes/3-7/"
    assert "O endereço completo depende de onde o site está." in box["html"]
    assert "Endereço curto: <span class=\"engd-citar-curto\">/3.7/</span>" in box["html"]


def test_configured_site_shows_the_absolute_address(build_with):
    box = _box(build_with(**CONFIGURED), "recomendacoes/3-7/index.html")
    assert box["endereco"] == "https://engd.example.org/estrategia/recomendacoes/3-7/"
    assert "O endereço completo depende" not in box["html"]
    assert "https://engd.example.org/estrategia/3.7/" in box["html"]


def test_urn_is_labelled_as_derived_not_official(build_with):
    box = _box(build_with(**UNCONFIGURED), "objetivos/3/index.html")
    assert "Identificador LexML (URN) derivado" in box["html"]
    assert "não é um identificador oficial" in box["html"]


def test_copy_buttons_are_real_buttons_with_a_status_region(build_with):
    text = _box(build_with(**UNCONFIGURED), "recomendacoes/3-7/index.html")["html"]
    buttons = re.findall(r'<button type="button" class="engd-copiar" data-engd-copiar="([^"]+)"[^>]*hidden>([^<]+)</button>', text)
    assert buttons == [("citar-referencia", "Copiar referência"), ("citar-endereco", "Copiar endereço"),
                       ("citar-identificador", "Copiar identificador"), ("citar-urn", "Copiar URN")]
    assert '<p class="engd-copiar-aviso" role="status" aria-live="polite"></p>' in text
    assert 'src="../../javascripts/citar.js"' in text


def test_citation_boxes_stay_out_of_the_search_index(built_site):
    import json

    from engd.outputs.search_index import INDEX_PATH

    documents = json.loads((built_site / INDEX_PATH).read_text(encoding="utf-8"))["documentos"]
    assert len(documents) > 51
    assert not [d["url"] for d in documents if "BRASIL. Ministério" in json.dumps(d, ensure_ascii=False)]


def test_online_form_only_when_the_site_address_is_known(strategy):
    from datetime import date

    rec = strategy.recommendation_by_id["3.7"]
    cited = citation.of(strategy, rec, "https://engd.example.org/estrategia/", date(2026, 12, 1))
    assert cited.online == (citation.recommendation_reference(strategy.act, rec)
                            + " Disponível em: https://engd.example.org/estrategia/recomendacoes/3-7/. Acesso em: 1 dez. 2026.")
    assert citation.of(strategy, rec, None, date(2026, 12, 1)).online is None
    assert citation.of(strategy, strategy.act, "https://engd.example.org/", date(2026, 5, 9)).online.endswith(
        "Disponível em: https://engd.example.org/ato/. Acesso em: 9 maio 2026.")


def test_configured_site_box_shows_the_online_form_and_the_pinned_id(build_with, strategy):
    box = _box(build_with(**CONFIGURED), "recomendacoes/3-7/index.html")
    assert "Disponível em: https://engd.example.org/estrategia/recomendacoes/3-7/. Acesso em: " in box["html"]
    assert f"{strategy.identity.identifier_prefix}/3.7" in box["html"]
    assert "Disponível em:" not in _box(build_with(**UNCONFIGURED), "recomendacoes/3-7/index.html")["html"]


def test_federal_norms_get_a_derived_urn(strategy):
    norms = {n.id: n for n in strategy.norms}
    assert citation.norm_urn(norms["decreto-12069-2024"]) == "urn:lex:br:federal:decreto:2024-06-21;12069"
    for norm in strategy.norms:
        urn = citation.norm_urn(norm)
        if norm.kind in ("Lei", "Decreto", "Lei Complementar") and norm.date:
            assert re.fullmatch(r"urn:lex:br:federal:(lei|decreto|lei\.complementar):\d{4}-\d{2}-\d{2};\d+", urn), urn
        else:
            assert urn is None, norm.id


def test_norms_page_shows_each_derived_urn_labelled(build_with, strategy):
    text = html.unescape((build_with(**UNCONFIGURED) / "normas" / "index.html").read_text(encoding="utf-8"))
    for norm in strategy.norms:
        urn = citation.norm_urn(norm)
        if urn:
            assert f"<code>{urn}</code>" in text, norm.id
    assert "não é um identificador oficial" in text
