"""The recommendations as an OSCAL catalog: valid per compliance-trestle's models, groups are the
objectives and controls the recommendations, ``statement`` is the DOU text byte for byte,
``guidance`` and ``example`` are labelled as the project's, the pinned identifier is on every item,
and the validator fails on broken documents."""
from __future__ import annotations

import copy
import json

import pytest

from engd.fidelity import parse_source
from engd.outputs import OutputError, oscal

from conftest import DATA


@pytest.fixture(scope="module")
def document(outputs, strategy) -> dict:
    return json.loads(outputs.file(oscal.address(strategy)).data)


@pytest.fixture(scope="module")
def source(strategy):
    return parse_source((DATA / strategy.act.source_file).read_text(encoding="utf-8"))


def _part(item: dict, name: str) -> dict | None:
    return next((p for p in item.get("parts", []) if p["name"] == name), None)


def _prop(item: dict, name: str) -> str:
    return next(p["value"] for p in item["props"] if p["name"] == name)


def test_validates_with_trestle(document):
    assert oscal.validate(document) == []


def test_declared_as_download(outputs, strategy):
    assert outputs.file(oscal.address(strategy)).download.media_type == "application/json"


def test_groups_controls_and_statements_equal_the_dou_source(document, source, strategy):
    groups = document["catalog"]["groups"]
    assert [g["id"] for g in groups] == [f"objetivo-{o.number}" for o in source.objectives]
    prefix = strategy.identity.identifier_prefix
    for group, objective in zip(groups, source.objectives):
        assert _part(group, "statement")["prose"] == objective.text
        assert _prop(group, "identificador-versionado") == f"{prefix}/{objective.number}"
        assert [(_prop(c, "label"), _part(c, "statement")["prose"]) for c in group["controls"]] == list(objective.recommendations)
        for control in group["controls"]:
            assert _prop(control, "identificador-versionado") == f"{prefix}/{_prop(control, 'label')}"


def test_guidance_and_examples_are_the_projects_and_labelled(document, strategy):
    controls = {c["id"]: c for g in document["catalog"]["groups"] for c in g["controls"]}
    for rec in strategy.recommendations:
        control = controls[rec.text_id]
        guidance = _part(control, "guidance")
        assert (guidance["prose"] if guidance else None) == rec.plain_text
        if guidance:
            assert "não é texto oficial" in guidance["title"]
        example = _part(control, "example")
        if example:
            assert [p["prose"] for p in example["parts"]] == list(rec.in_practice)
            assert "não são texto oficial" in example["title"]


def test_same_data_same_bytes(strategy, context):
    assert oscal.encode(oscal.catalog(strategy)) == oscal.encode(oscal.catalog(strategy))


def _broken(document, change):
    copied = copy.deepcopy(document)
    change(copied["catalog"])
    return copied


@pytest.mark.parametrize("name, change", [
    ("sem título", lambda c: c["metadata"].pop("title")),
    ("id com espaço", lambda c: c["groups"][2]["controls"][6].__setitem__("id", "recomendação 3 7")),
    ("uuid inválido", lambda c: c.__setitem__("uuid", "nao-e-uuid")),
    ("campo desconhecido", lambda c: c["groups"][0].__setitem__("recomendacoes", [])),
    ("parte sem nome", lambda c: c["groups"][0]["controls"][0]["parts"][0].pop("name")),
])
def test_validator_fails_on_broken_documents(document, name, change):
    assert oscal.validate(_broken(document, change)), name


def test_wrong_root_is_a_problem():
    assert oscal.validate({"catalogo": {}})


def test_invalid_document_fails_publish_in_portuguese(strategy, context, monkeypatch):
    monkeypatch.setattr(oscal, "validate", lambda document: ["metadata.title: Field required"])
    with pytest.raises(OutputError, match="não segue os modelos OSCAL"):
        oscal.publish(strategy, context)
