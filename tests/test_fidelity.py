"""Fidelity: every official text in data/ equals the DOU source after whitespace normalisation,
and the source holds no objective or recommendation that the data misses (same count and order).

The source is parsed here independently of ``engd.fidelity`` (plain line matching), so that a bug
in the module's parser cannot hide a difference.
"""
from __future__ import annotations

import re
import shutil

from engd.model import load_strategy
from engd.validate import check

from conftest import DATA


def norm(text: str) -> str:
    return " ".join(text.split())


def source_lines() -> list[str]:
    text = (DATA / "fontes" / "portaria-sgd-mgi-4248-2024-dou.txt").read_text(encoding="utf-8")
    return [norm(line) for line in text.splitlines() if line.strip()]


def source_annex() -> list[tuple[str, str]]:
    """(id, text) for every objective ("3") and recommendation ("3.7") in source order."""
    items = []
    for line in source_lines():
        if m := re.match(r"^(\d+)\. Objetivo: (.+)$", line):
            items.append((m[1], m[2]))
        elif m := re.match(r"^(\d+\.\d+) (.+)$", line):
            items.append((m[1], m[2]))
    return items


def model_annex(strategy) -> list[tuple[str, str]]:
    items = []
    for objective in strategy.objectives:
        items.append((str(objective.number), objective.official_text))
        items += [(r.id, r.official_text) for r in objective.recommendations]
    return items


def test_source_has_10_objectives_and_51_recommendations():
    ids = [i for i, _ in source_annex()]
    assert len([i for i in ids if "." not in i]) == 10
    assert len([i for i in ids if "." in i]) == 51


def test_annex_texts_equal_the_source_in_the_same_order(strategy):
    assert model_annex(strategy) == source_annex()


def test_act_texts_equal_the_source(strategy):
    lines = source_lines()
    act = strategy.act
    assert act.official_title in lines
    assert lines[lines.index(act.official_title) + 1] == act.summary
    assert act.preamble in lines
    assert [f"{a.label} {a.official_text}" for a in act.articles] == [l for l in lines if l.startswith("Art. ")]
    assert act.signatory_name in lines
    assert act.annex_title in lines
    assert act.summary == "Estabelece recomendações para o alcance dos objetivos da Estratégia Nacional de Governo Digital para o período de 2024 a 2027."


def test_publication_details_match_the_source_header(strategy):
    header = next(l for l in source_lines() if l.startswith("Publicado em:"))
    p = strategy.act.publication
    day, month, year = p.date[8:], p.date[5:7], p.date[:4]
    assert header == f"Publicado em: {day}/{month}/{year} | Edição: {p.edition} | Seção: {p.section} | Página: {p.page}"
    assert (p.url, p.url_status) == (None, "desconhecido")


# SHA-256 of the DOU text as received (the team's shared copy of the official source, compared byte for
# byte when this file was written). The test reads nothing outside the repository: an edit to the data
# copy of the source, however small, changes the sum.
SOURCE_SHA256 = "caf6b85b43c167bb15c9ffd6717db7271e2301f8f1a5c43a78a8690df2523afd"


def test_data_copy_of_the_source_is_the_text_as_received():
    import hashlib

    source = DATA / "fontes" / "portaria-sgd-mgi-4248-2024-dou.txt"
    assert hashlib.sha256(source.read_bytes()).hexdigest() == SOURCE_SHA256


def _change_one_character(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_changed_character_in_a_recommendation_fails(data_copy):
    _change_one_character(data_copy / "objetivos" / "objetivo-03.yml", "Cadastro de Pessoas Físicas", "Cadastro de Pessoas Fisicas")
    strategy, problems = load_strategy(data_copy)
    assert strategy is None
    assert len(problems) == 1
    assert problems[0].file == "data/objetivos/objetivo-03.yml"
    assert problems[0].field == "recomendacoes[6].texto_oficial"
    assert "recomendação 3.7 difere da fonte oficial" in problems[0].message


def test_one_changed_character_in_the_summary_fails(data_copy):
    _change_one_character(data_copy / "ato.yml", "alcance dos objetivos", "alcance dos objetivas")
    _, problems = check(data_copy)
    assert [(p.file, p.field) for p in problems] == [("data/ato.yml", "ementa")]


def test_a_recommendation_missing_from_the_data_fails(data_copy):
    path = data_copy / "objetivos" / "objetivo-09.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index('  - numero: "9.3"')
    path.write_text(text[:start], encoding="utf-8")
    _, problems = check(data_copy)
    assert [p.message for p in problems] == ["faltam recomendações que estão na fonte oficial: 9.3."]


def test_an_objective_missing_from_the_data_fails(data_copy):
    shutil.move(data_copy / "objetivos" / "objetivo-10.yml", data_copy.parent / "fora.yml")
    _, problems = check(data_copy)
    assert [str(p) for p in problems] == [
        "data/fontes/portaria-sgd-mgi-4248-2024-dou.txt: o objetivo 10 da fonte oficial não está nos dados."]


def test_legal_formats_hold_every_official_text_of_the_source(strategy, outputs):
    """Akoma Ntoso, LexML and OSCAL: each official text of the DOU source is the whole text of one element."""
    import json

    from lxml import etree

    from engd.fidelity import normalise, parse_source
    from engd.outputs import akoma_ntoso, lexml, oscal

    source = parse_source((DATA / strategy.act.source_file).read_text(encoding="utf-8"))
    annex = [o.text for o in source.objectives] + [text for o in source.objectives for _, text in o.recommendations]
    act = [source.title, source.summary, source.preamble, source.signatory, source.annex_title] + [t for _, t in source.articles]
    for module in (akoma_ntoso, lexml):
        root = etree.fromstring(outputs.file(module.address(strategy)).data)
        texts = {normalise(e.text) for e in root.iter() if isinstance(e.tag, str) and e.text and e.text.strip()}
        missing = [t for t in act + annex if t not in texts]
        assert not missing, (module.__name__, missing[:3])
    catalog = json.loads(outputs.file(oscal.address(strategy)).data)["catalog"]
    statements = [p["prose"] for g in catalog["groups"] for p in g["parts"] if p["name"] == "statement"]
    statements += [p["prose"] for g in catalog["groups"] for c in g["controls"] for p in c["parts"] if p["name"] == "statement"]
    assert sorted(statements) == sorted(annex)
