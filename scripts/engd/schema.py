"""Check one document against its JSON Schema (draft 2020-12) and word each failure in Portuguese.

Input: a ``Document`` and the schema's file name in ``data/esquemas/``. Output: a list of
``Problem`` with the file, line and column of the offending value (or key) and its field path.
The schemas are the single description of each kind of file: editors see them through the
``yaml-language-server`` comment, and this module enforces them.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from .load import Document
from .problems import Problem

_TYPE_NAMES = {
    "string": "texto", "integer": "número inteiro", "number": "número", "boolean": "verdadeiro/falso",
    "array": "lista", "object": "conjunto de campos", "null": "vazio (null)",
}


def _type_of(value) -> str:
    if value is None:
        return "vazio (null)"
    if isinstance(value, bool):
        return "verdadeiro/falso"
    if isinstance(value, int):
        return "número inteiro"
    if isinstance(value, float):
        return "número"
    if isinstance(value, str):
        return "texto"
    if isinstance(value, list):
        return "lista"
    return "conjunto de campos"


@lru_cache(maxsize=None)
def load_schema(schema_dir: str, name: str) -> Draft202012Validator:
    schema = json.loads(Path(schema_dir, name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _describe(error) -> str:
    described = error.schema.get("description", "")
    return f" Esperado: {described[0].lower()}{described[1:]}" if described else ""


def _problem(document: Document, error) -> list[Problem]:
    path = tuple(error.absolute_path)
    kind, value = error.validator, error.instance
    if kind == "required":
        missing = [name for name in error.validator_value if name not in value]
        return [document.problem(path + (name,), f"falta o campo obrigatório “{name}”.") for name in missing[:1]]
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [key for key in value if key not in error.schema.get("properties", {})]
        return [document.problem(path + (key,), f"campo desconhecido “{key}”. Campos aceitos aqui: {', '.join(allowed)}.", key=True)
                for key in extras]
    if kind == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        names = " ou ".join(_TYPE_NAMES[t] for t in expected)
        return [document.problem(path, f"deveria ser {names}, mas é {_type_of(value)}.")]
    if kind in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        return [document.problem(path, "o texto está vazio.")]
    if kind == "pattern":
        return [document.problem(path, f"valor “{value}” fora do formato.{_describe(error)}")]
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return [document.problem(path, f"valor “{value}” não é aceito. Use um destes: {options}.")]
    if kind == "minItems":
        return [document.problem(path, f"a lista precisa ter ao menos {error.validator_value} item(ns).")]
    if kind == "maxItems":
        return [document.problem(path, f"a lista pode ter no máximo {error.validator_value} itens.")]
    if kind == "uniqueItems":
        return [document.problem(path, "a lista tem itens repetidos.")]
    if kind == "minimum":
        return [document.problem(path, f"deve ser no mínimo {error.validator_value}.")]
    if kind == "anyOf":
        return [document.problem(path, f"valor inválido.{_describe(error)}")]
    return [document.problem(path, f"valor inválido ({kind}).{_describe(error)}")]


def check_document(document: Document, schema_dir: Path, schema_name: str) -> list[Problem]:
    """Every schema problem of ``document`` (an empty list when it conforms)."""
    validator = load_schema(str(schema_dir), schema_name)
    problems: list[Problem] = []
    for error in validator.iter_errors(document.value):
        problems.extend(_problem(document, error))
    return sorted(set(problems))
