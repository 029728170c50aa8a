"""Identifiers that survive the next strategy: every objective and recommendation carries
PREFIXO/NÚMERO (the prefix from ``data/site.yml``, never from code) in its JSON twin, the citation
box, the Akoma Ntoso file and the OSCAL catalog; the second act has its own prefix."""
from __future__ import annotations

import json
import re

import yaml

from engd import citation
from engd.model import load_strategy
from engd.outputs import akoma_ntoso, oscal

from conftest import DATA, FIXTURES

PREFIX = yaml.safe_load((DATA / "site.yml").read_text(encoding="utf-8"))["prefixo_identificador"]


def test_prefix_comes_from_site_yml(strategy):
    assert strategy.identity.identifier_prefix == PREFIX
    assert strategy.pinned_id(strategy.recommendation_by_id["3.7"]) == f"{PREFIX}/3.7"
    assert strategy.pinned_id(strategy.objective(3)) == f"{PREFIX}/3"


def test_prefix_is_not_written_in_code():
    from pathlib import Path

    code = Path(__file__).resolve().parents[1] / "scripts"
    assert not [p for p in code.rglob("*.py") if PREFIX in p.read_text(encoding="utf-8")]


def test_json_twins_carry_it(outputs, strategy):
    for rec in strategy.recommendations:
        document = json.loads(outputs.file(f"recomendacoes/{rec.slug}.json").data)
        assert document["identificador_versionado"] == f"{PREFIX}/{rec.id}"
    for objective in strategy.objectives:
        document = json.loads(outputs.file(f"objetivos/{objective.number}.json").data)
        assert document["identificador_versionado"] == f"{PREFIX}/{objective.number}"


def test_json_twins_carry_the_derived_urn_of_each_norm(outputs, strategy):
    norms = {n.id: n for n in strategy.norms}
    for rec in strategy.recommendations:
        for entry in json.loads(outputs.file(f"recomendacoes/{rec.slug}.json").data)["normas"]:
            assert entry["urn_lexml_derivada"] == citation.norm_urn(norms[entry["id"]])


def test_citation_carries_it(strategy):
    assert citation.of(strategy, strategy.recommendation_by_id["1.2"], None).pinned_id == f"{PREFIX}/1.2"
    assert citation.of(strategy, strategy.act, None).pinned_id is None


def test_legal_formats_carry_it(outputs, strategy):
    xml = outputs.file(akoma_ntoso.address(strategy)).data.decode("utf-8")
    catalog = outputs.file(oscal.address(strategy)).data.decode("utf-8")
    for rec in strategy.recommendations:
        assert f'GUID="{PREFIX}/{rec.id}"' in xml
        assert f'"value": "{PREFIX}/{rec.id}"' in catalog


def test_the_second_act_has_its_own_prefix(tmp_path):
    import shutil

    shutil.copytree(FIXTURES / "segundo-ato", tmp_path / "dados")
    shutil.copytree(DATA / "esquemas", tmp_path / "dados" / "esquemas")
    second, problems = load_strategy(tmp_path / "dados")
    assert second is not None, problems
    assert second.identity.identifier_prefix != PREFIX
    assert re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)*", second.identity.identifier_prefix)
