"""The JSON Schemas: valid draft 2020-12, every property described in Portuguese, and every YAML
file pointing editors to its schema through a yaml-language-server comment."""
from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from conftest import DATA

SCHEMAS = sorted((DATA / "esquemas").glob("*.schema.json"))
PORTUGUESE = re.compile(r"[áàâãéêíóôõúç]|\b(de|da|do|o|a|um|uma|ou|que)\b", re.I)


def walk_properties(schema, path="#"):
    for name, sub in schema.get("properties", {}).items():
        yield f"{path}/{name}", sub
        yield from walk_properties(sub, f"{path}/{name}")
    if isinstance(schema.get("items"), dict):
        yield from walk_properties(schema["items"], f"{path}[]")


def test_there_is_a_schema_for_each_kind_of_file():
    assert {p.name for p in SCHEMAS} >= {"ato.schema.json", "objetivo.schema.json", "glossario.schema.json",
                                         "temas.schema.json", "normas.schema.json"}


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_2020_12_and_fully_described(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert PORTUGUESE.search(schema["description"])
    properties = list(walk_properties(schema))
    assert properties
    for where, sub in properties:
        description = sub.get("description", "")
        assert description and PORTUGUESE.search(description), f"{path.name} {where}: sem descrição em português"


def test_every_yaml_file_points_to_its_schema():
    files = sorted(DATA.rglob("*.yml"))
    assert len(files) >= 11
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path.name}: a primeira linha deve apontar o esquema"
        target = (path.parent / match[1]).resolve()
        assert target.is_file(), f"{path.name}: esquema {match[1]} não existe"
