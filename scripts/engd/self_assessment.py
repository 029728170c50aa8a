"""Self-assessment of a state, the Federal District or a municipality against the recommendations.

One place for everything the page ``/autoavaliacao/`` and the command ``engd autoavaliacao validar``
share. Input: a ``Strategy``. Output:

* ``STATUSES`` — the published five-step scale (id, label, plain-Portuguese definition), the only
  source of the statuses; ``KINDS`` — the kinds of ente; ``UF_CODES`` — the IBGE codes of the UFs;
* ``json_schema(strategy)`` and ``table_schema(strategy)`` — the JSON Schema (2020-12) of an exported
  JSON file and the Frictionless Table Schema of an exported CSV file, generated from the model: the
  recommendation ids come from the ``Strategy``, so another act gets its own schema;
* ``validate(name, data, strategy)`` — every problem of a file (bytes) as ``Problem`` (file, line,
  field, Portuguese message): the JSON Schema checked with ``jsonschema``, plus the rules a schema
  cannot say (each recommendation exactly once, the UF prefix of the IBGE code exists and agrees with
  the kind, real calendar dates, no HTML, CSV header and cell count, UTF-8, same ente on every CSV row);
* ``to_csv`` / ``from_csv`` / ``to_json`` — the conversions (CSV and JSON hold the same document);
* ``browser_config(strategy)`` — what ``docs/javascripts/autoavaliacao.js`` needs to apply the same
  rules with the same messages (``MESSAGES`` is the one source of the wording, in both languages);
* ``page_values(strategy)`` — what the page's template needs (the page itself is the output
  ``outputs/self_assessment.py``), and ``data_files(strategy)`` — the schema files of the data package.

The browser validates with the same published schema file (fetched from the site only on import)
and Ajv (npm ``ajv-dist``, served from ``VALIDATOR_SCRIPT``); a test checks that the command line and
the browser give the same problems for every malformed file in ``tests/fixtures/autoavaliacao/``.

Design of the files. JSON: ``{"formato", "versao", "cabecalho": {...}, "respostas": [{...}, ...]}``,
every value a string and ``""`` when empty. CSV (UTF-8, comma, ``"`` quotes, CRLF): one row per
recommendation; the five header columns repeat the same values on every row, then the answer
columns. Lines are counted from 1; a line break is CRLF, LF or a lone CR. The Distrito Federal uses
the UF code ``53`` or Brasília's code ``5300108``; a municipality never starts with ``53``.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .model import Strategy
from .problems import Problem

# --- Addresses: the one place that names what this feature publishes --------------------------------
PAGE_URL = urls.SELF_ASSESSMENT
PAGE_PATH = urls.source(PAGE_URL)
SCHEMA_PATH = urls.data_file("autoavaliacao.schema.json")
TABLE_SCHEMA_PATH = urls.data_file("autoavaliacao.tableschema.json")
SCRIPT = "javascripts/autoavaliacao.js"
STYLESHEET = "stylesheets/autoavaliacao.css"
VALIDATOR_SCRIPT = "javascripts/vendor/ajv2020.min.js"
STORAGE_KEY = "engd-autoavaliacao-v1"
FORMAT = "engd-autoavaliacao"
VERSION = "1.0"
TITLE = "Autoavaliação"


@dataclass(frozen=True)
class Status:
    id: str
    label: str
    definition: str


STATUSES: tuple[Status, ...] = (
    Status("nao-iniciada", "Não iniciada", "Ainda não há ação para seguir este item."),
    Status("planejada", "Planejada", "Há um plano, com área responsável e data. O trabalho ainda não começou."),
    Status("em-andamento", "Em andamento", "O trabalho já começou, mas não terminou."),
    Status("implementada", "Implementada", "O ente já segue o item no dia a dia."),
    Status("nao-se-aplica", "Não se aplica", "A recomendação não cabe neste ente. Diga o motivo nas observações."),
)
NO_ANSWER = "Sem resposta"

KINDS: tuple[tuple[str, str], ...] = (("estado", "Estado"), ("distrito-federal", "Distrito Federal"), ("municipio", "Município"))

UF_CODES: dict[str, str] = {
    "11": "RO", "12": "AC", "13": "AM", "14": "RR", "15": "PA", "16": "AP", "17": "TO", "21": "MA",
    "22": "PI", "23": "CE", "24": "RN", "25": "PB", "26": "PE", "27": "AL", "28": "SE", "29": "BA",
    "31": "MG", "32": "ES", "33": "RJ", "35": "SP", "41": "PR", "42": "SC", "43": "RS", "50": "MS",
    "51": "MT", "52": "GO", "53": "DF",
}
DF_CODES = ("53", "5300108")

# Column name = JSON key; header columns live in "cabecalho", answer columns in each "respostas" item.
HEADER_COLUMNS = ("ente_nome", "ente_tipo", "ente_codigo_ibge", "data_avaliacao", "preenchido_por")
ANSWER_COLUMNS = ("recomendacao", "situacao", "area_responsavel", "data_prevista", "evidencia", "observacoes")
CSV_COLUMNS = HEADER_COLUMNS + ANSWER_COLUMNS
REQUIRED_HEADER = ("ente_nome", "ente_tipo", "ente_codigo_ibge", "data_avaliacao")
MAX_LENGTH = {"ente_nome": 200, "preenchido_por": 200, "area_responsavel": 200, "evidencia": 500, "observacoes": 2000}
DATE_FIELDS = ("data_avaliacao", "data_prevista")
MAX_DEPTH = 64

_END = "(?![\\s\\S])"  # the true end of the text, in Python and JavaScript alike ("$" also matches before a final \n in Python)
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}" + _END
OPTIONAL_DATE_PATTERN = "^([0-9]{4}-[0-9]{2}-[0-9]{2})?" + _END
IBGE_PATTERN = "^([0-9]{2}|[0-9]{7})" + _END
LINK_PATTERN = "^(https?://[^\\s<>\"]+)?" + _END
HTML_PATTERN = "<[A-Za-z!/?]"
# Table Schema patterns match the whole cell (XML Schema style), and an empty cell is a missing value.
TABLE_PATTERNS = {"ente_codigo_ibge": "([0-9]{2}|[0-9]{7})", "evidencia": "https?://[^\\s<>\"]+"}

# Every message the reader sees, in Portuguese; the browser gets this very dictionary (browser_config).
MESSAGES = {
    "empty": "O arquivo está vazio.",
    "encoding": "O arquivo não está em UTF-8. Salve o arquivo de novo com a codificação UTF-8.",
    "json_syntax": "O JSON tem um erro de escrita nesta linha (vírgula, aspas ou chave).",
    "json_depth": "O JSON tem níveis demais, um dentro do outro.",
    "json_duplicate_key": "O campo “{key}” aparece duas vezes.",
    "other_kind_json": "Este arquivo não é uma autoavaliação deste site: falta o campo formato com o valor “{format}”.",
    "other_kind_csv": "Este arquivo não é uma autoavaliação deste site: o cabeçalho não tem as colunas recomendacao e situacao.",
    "csv_quote": "As aspas abertas nesta linha não fecham direito: confira as aspas deste texto.",
    "csv_extra_column": "Coluna desconhecida. Apague a coluna ou confira o nome.",
    "csv_missing_column": "Falta a coluna {column}.",
    "csv_column_order": "As colunas estão fora de ordem. A ordem certa é: {columns}.",
    "csv_cells": "A linha tem {found} células, mas o cabeçalho tem {expected}.",
    "csv_header_differs": "O valor é diferente do da linha {first}. Os dados do ente se repetem iguais em todas as linhas.",
    "required": "Falta o campo.",
    "additional": "Campo desconhecido. Apague o campo ou confira o nome.",
    "type": "Tipo errado: esperava {expected}.",
    "const": "Valor “{value}” inesperado: este site lê o valor “{expected}”.",
    "enum_situacao": "Situação desconhecida “{value}”. Use uma destas: {options}, ou deixe vazio.",
    "enum_ente_tipo": "Tipo de ente desconhecido “{value}”. Use um destes: {options}.",
    "enum_recomendacao": "Recomendação desconhecida “{value}”: a portaria não tem esse item.",
    "pattern_ente_codigo_ibge": "Código IBGE inválido “{value}”: use 2 algarismos para um estado ou para o Distrito Federal e 7 para um município.",
    "pattern_date": "Data inválida “{value}”: use o formato AAAA-MM-DD, por exemplo 2026-12-01.",
    "pattern_evidencia": "Link inválido “{value}”: use um endereço que começa com https:// ou http://.",
    "min_length": "O campo está vazio.",
    "max_length": "Texto longo demais: tem {length} caracteres, e o máximo é {limit}.",
    "date_invalid": "A data “{value}” não existe no calendário.",
    "uf_unknown": "Código IBGE “{value}”: não há UF com o código {prefix}.",
    "kind_estado": "Para um estado, use o código de 2 algarismos da UF (53 é o Distrito Federal).",
    "kind_df": "Para o Distrito Federal, use o código 53 (ou 5300108, o código de Brasília).",
    "kind_municipio": "Para um município, use o código de 7 algarismos.",
    "kind_municipio_df": "O Distrito Federal não tem municípios: escolha o tipo Distrito Federal.",
    "html": "O texto tem marcação HTML (como <b> ou <script>). Escreva só texto.",
    "duplicate": "A recomendação {id} aparece de novo (já estava na linha {first}).",
    "missing": "Falta a recomendação {id}.",
}
_TYPE_NAMES = {"string": "texto", "object": "objeto", "array": "lista"}
# One problem per place: when a value breaks several rules, the first of this list is reported.
_PRIORITY = ("required", "additionalProperties", "type", "const", "enum", "minLength", "pattern", "maxLength")


SHOWN_LENGTH = 60  # a value quoted in a message is cut after this many characters


def message(name: str, /, **values) -> str:
    if isinstance(values.get("value"), str) and len(values["value"]) > SHOWN_LENGTH:
        values["value"] = values["value"][:SHOWN_LENGTH] + "…"
    return MESSAGES[name].format(**values)


# --- Schemas -------------------------------------------------------------------------------------------

_DESCRIPTIONS = {
    "ente_nome": "Nome do estado, do Distrito Federal ou do município avaliado.",
    "ente_tipo": "Tipo de ente: estado, distrito-federal ou municipio.",
    "ente_codigo_ibge": ("Código IBGE do ente: 2 algarismos para um estado (o código da UF) e 7 para um município, "
                         "que começa pelo código da sua UF. O Distrito Federal usa 53 ou 5300108 (Brasília). "
                         "O dígito verificador não é conferido."),
    "data_avaliacao": "Data da avaliação (AAAA-MM-DD).",
    "preenchido_por": "Quem preencheu a avaliação (nome ou cargo). Pode ficar vazio.",
    "recomendacao": "Número da recomendação (N.M), como na portaria.",
    "situacao": "Situação na escala de cinco passos; vazio quando ainda não há resposta.",
    "area_responsavel": "Área responsável pela recomendação no ente.",
    "data_prevista": "Data prevista para concluir (AAAA-MM-DD). Pode ficar vazia.",
    "evidencia": "Link para uma evidência (https:// ou http://). Pode ficar vazio.",
    "observacoes": "Observações livres.",
}
_TITLES = {
    "ente_nome": "Nome do ente", "ente_tipo": "Tipo de ente", "ente_codigo_ibge": "Código IBGE",
    "data_avaliacao": "Data da avaliação", "preenchido_por": "Preenchido por", "recomendacao": "Recomendação",
    "situacao": "Situação", "area_responsavel": "Área responsável", "data_prevista": "Data prevista",
    "evidencia": "Evidência", "observacoes": "Observações",
}


def _json_property(name: str, strategy: Strategy) -> dict:
    spec: dict = {"type": "string", "title": _TITLES[name], "description": _DESCRIPTIONS[name]}
    if name == "ente_tipo":
        spec["enum"] = [k for k, _ in KINDS]
    elif name == "situacao":
        spec["enum"] = [s.id for s in STATUSES] + [""]
    elif name == "recomendacao":
        spec["enum"] = [r.id for r in strategy.recommendations]
    elif name == "ente_codigo_ibge":
        spec["pattern"] = IBGE_PATTERN
    elif name == "data_avaliacao":
        spec["pattern"] = DATE_PATTERN
    elif name == "data_prevista":
        spec["pattern"] = OPTIONAL_DATE_PATTERN
    elif name == "evidencia":
        spec["pattern"] = LINK_PATTERN
    if name == "ente_nome":
        spec["minLength"] = 1
    if name in MAX_LENGTH:
        spec["maxLength"] = MAX_LENGTH[name]
    return spec


def _object(columns, strategy: Strategy, description: str) -> dict:
    return {"type": "object", "description": description, "additionalProperties": False,
            "required": list(columns), "properties": {c: _json_property(c, strategy) for c in columns}}


def json_schema(strategy: Strategy) -> dict:
    """The JSON Schema of an exported JSON file, generated from ``strategy``."""
    act = strategy.act.short_name
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_PATH.split("/")[-1],
        "title": f"Autoavaliação de um ente federado — recomendações da {act}",
        "description": ("Arquivo exportado da página Autoavaliação: onde um estado, o Distrito Federal ou um município está "
                        f"em cada uma das {len(strategy.recommendations)} recomendações. Cada recomendação aparece uma vez. "
                        "Regras que este esquema não diz e que o site e o comando engd autoavaliacao validar conferem: "
                        "o prefixo do código IBGE é uma UF que existe e combina com o tipo de ente (Distrito Federal: 53 ou "
                        "5300108; um município não começa com 53); as datas existem no calendário; nenhum texto tem HTML."),
        "type": "object",
        "additionalProperties": False,
        "required": ["formato", "versao", "cabecalho", "respostas"],
        "properties": {
            "formato": {"type": "string", "const": FORMAT, "description": "Tipo do arquivo."},
            "versao": {"type": "string", "const": VERSION, "description": "Versão deste formato."},
            "cabecalho": _object(HEADER_COLUMNS, strategy, "Para quem é a avaliação, quando e quem a preencheu."),
            "respostas": {"type": "array", "description": "Uma resposta por recomendação.",
                          "items": _object(ANSWER_COLUMNS, strategy, "A resposta a uma recomendação.")},
        },
    }


def table_schema(strategy: Strategy) -> dict:
    """The Frictionless Table Schema of an exported CSV file (the same rules, as a Table Schema can say them)."""
    fields = []
    for name in CSV_COLUMNS:
        spec = _json_property(name, strategy)
        field: dict = {"name": name, "type": "date" if name in DATE_FIELDS else "string",
                       "title": spec["title"], "description": spec["description"]}
        constraints: dict = {}
        if name in REQUIRED_HEADER or name == "recomendacao":
            constraints["required"] = True
        if name == "recomendacao":
            constraints["unique"] = True
        if "enum" in spec:
            constraints["enum"] = [v for v in spec["enum"] if v]
        if name in TABLE_PATTERNS:
            constraints["pattern"] = TABLE_PATTERNS[name]
        if name in MAX_LENGTH:
            constraints["maxLength"] = MAX_LENGTH[name]
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return {"fields": fields, "missingValues": [""], "primaryKey": ["recomendacao"]}


def data_files(strategy: Strategy) -> list[tuple[str, bytes, str, str]]:
    """The files ``/dados/`` publishes for the self-assessment: (name in ``dados/``, bytes, title, description)."""
    def dump(document: dict) -> bytes:
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    page = f"a página /{PAGE_URL}"
    return [
        (SCHEMA_PATH.split("/")[-1], dump(json_schema(strategy)), "Esquema dos arquivos JSON da autoavaliação (JSON Schema)",
         f"O JSON Schema (2020-12) dos arquivos JSON que {page} exporta e importa."),
        (TABLE_SCHEMA_PATH.split("/")[-1], dump(table_schema(strategy)), "Esquema dos arquivos CSV da autoavaliação (Table Schema)",
         f"O esquema de tabela (Frictionless Table Schema) dos arquivos CSV que {page} exporta e importa."),
    ]


# --- Documents and conversions -------------------------------------------------------------------------

def blank_document(strategy: Strategy) -> dict:
    return {"formato": FORMAT, "versao": VERSION, "cabecalho": {c: "" for c in HEADER_COLUMNS},
            "respostas": [dict({c: "" for c in ANSWER_COLUMNS}, recomendacao=r.id) for r in strategy.recommendations]}


def to_json(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if re.search('[",\r\n]', value) else value


def to_csv(document: dict) -> str:
    """CSV text: header, then one row per answer repeating the header fields. CRLF line ends."""
    header = document["cabecalho"]
    rows = [list(CSV_COLUMNS)] + [[header[c] for c in HEADER_COLUMNS] + [answer[c] for c in ANSWER_COLUMNS]
                                  for answer in document["respostas"]]
    return "".join(",".join(_csv_cell(v) for v in row) + "\r\n" for row in rows)


class _Stop(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


class _Lines:
    """Line numbers of offsets: a line break is CRLF, LF or a lone CR."""

    def __init__(self, text):
        self.breaks = [m.end() for m in re.finditer(rb"\r\n|\n|\r" if isinstance(text, bytes) else r"\r\n|\n|\r", text)]

    def at(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, offset) + 1


def parse_csv(text: str, name: str = "") -> list[tuple[int, list[str]]]:
    """Records as (line where the record starts, cells). Empty lines are skipped. Raises _Stop."""
    lines = _Lines(text)
    records, i, n = [], 0, len(text)
    while i < n:
        if text[i] in "\r\n":
            i += 2 if text.startswith("\r\n", i) else 1
            continue
        start, cells = lines.at(i), []
        while True:
            if i < n and text[i] == '"':
                opened = lines.at(i)  # a quoting problem is shown where the quotes opened
                i += 1
                buffer = []
                while True:
                    if i >= n:
                        raise _Stop(Problem(name, opened, 0, "", message("csv_quote")))
                    if text[i] == '"':
                        if text.startswith('""', i):
                            buffer.append('"')
                            i += 2
                            continue
                        i += 1
                        break
                    buffer.append(text[i])
                    i += 1
                if i < n and text[i] not in ",\r\n":
                    raise _Stop(Problem(name, opened, 0, "", message("csv_quote")))
                cells.append("".join(buffer))
            else:
                match = re.compile(r"[^,\r\n]*").match(text, i)
                cells.append(match.group())
                i = match.end()
            if i < n and text[i] == ",":
                i += 1
                continue
            break
        if i < n:
            i += 2 if text.startswith("\r\n", i) else 1
        records.append((start, cells))
    return records


def from_csv(text: str) -> dict:
    """The document of a valid CSV text (the header fields are taken from the first row)."""
    records = parse_csv(text)
    rows = [dict(zip(records[0][1], cells)) for _, cells in records[1:]]
    header = {c: rows[0][c] if rows else "" for c in HEADER_COLUMNS}
    return {"formato": FORMAT, "versao": VERSION, "cabecalho": header,
            "respostas": [{c: row[c] for c in ANSWER_COLUMNS} for row in rows]}


# --- JSON scanner: syntax, duplicate keys and the line of every value -----------------------------------

_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"')


class _JsonScanner:
    """Checks strict JSON (RFC 8259) and records, for each path, the line of its value and of its key."""

    def __init__(self, text: str, name: str):
        self.text, self.name, self.lines = text, name, _Lines(text)
        self.value_line: dict[tuple, int] = {}
        self.key_line: dict[tuple, int] = {}
        self.problems: list[Problem] = []

    def fail(self, offset: int, key: str = "json_syntax"):
        raise _Stop(Problem(self.name, self.lines.at(min(offset, len(self.text))), 0, "", message(key)))

    def space(self, i: int) -> int:
        while i < len(self.text) and self.text[i] in " \t\n\r":
            i += 1
        return i

    def run(self) -> None:
        end = self.space(self.value(self.space(0), (), 0))
        if end != len(self.text):
            self.fail(end)

    def value(self, i: int, path: tuple, depth: int) -> int:
        if depth > MAX_DEPTH:
            self.fail(i, "json_depth")
        self.value_line[path] = self.lines.at(i)
        text = self.text
        if i >= len(text):
            self.fail(i)
        c = text[i]
        if c == "{":
            i, seen = self.space(i + 1), set()
            if i < len(text) and text[i] == "}":
                return i + 1
            while True:
                match = _STRING.match(text, i) if i < len(text) and text[i] == '"' else None
                if not match:
                    self.fail(i)
                key = json.loads(match.group())
                if key in seen:
                    self.problems.append(Problem(self.name, self.lines.at(i), 0, _field(path + (key,)),
                                                 message("json_duplicate_key", key=key)))
                seen.add(key)
                self.key_line.setdefault(path + (key,), self.lines.at(i))
                i = self.space(match.end())
                if i >= len(text) or text[i] != ":":
                    self.fail(i)
                i = self.space(self.value(self.space(i + 1), path + (key,), depth + 1))
                if i < len(text) and text[i] == ",":
                    i = self.space(i + 1)
                    continue
                if i < len(text) and text[i] == "}":
                    return i + 1
                self.fail(i)
        if c == "[":
            i, index = self.space(i + 1), 0
            if i < len(text) and text[i] == "]":
                return i + 1
            while True:
                i = self.space(self.value(i, path + (index,), depth + 1))
                index += 1
                if i < len(text) and text[i] == ",":
                    i = self.space(i + 1)
                    continue
                if i < len(text) and text[i] == "]":
                    return i + 1
                self.fail(i)
        if c == '"':
            match = _STRING.match(text, i)
            if not match:
                self.fail(i)
            return match.end()
        for literal in ("true", "false", "null"):
            if text.startswith(literal, i):
                return i + len(literal)
        match = _NUMBER.match(text, i)
        if not match or not match.group():
            self.fail(i)
        return match.end()


def _field(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# --- Validation ----------------------------------------------------------------------------------------

def _schema_errors(document, strategy: Strategy) -> list[tuple[tuple, str, dict]]:
    """JSON Schema errors as (path of the field, rule, values for the message), one per path."""
    from jsonschema import Draft202012Validator

    found: dict[tuple, tuple[str, dict]] = {}

    def keep(path: tuple, rule: str, values: dict) -> None:
        if path not in found or _PRIORITY.index(rule) < _PRIORITY.index(found[path][0]):
            found[path] = (rule, values)

    for error in Draft202012Validator(json_schema(strategy)).iter_errors(document):
        path, rule, instance = tuple(error.absolute_path), error.validator, error.instance
        if rule == "required":
            for name in error.validator_value:
                if isinstance(instance, dict) and name not in instance:
                    keep(path + (name,), rule, {})
        elif rule == "additionalProperties":
            allowed = error.schema.get("properties", {})
            for name in instance:
                if name not in allowed:
                    keep(path + (name,), rule, {})
        elif rule in _PRIORITY:
            keep(path, rule, {"expected": error.validator_value, "value": instance})
    return [(path, rule, values) for path, (rule, values) in found.items()]


def _schema_message(path: tuple, rule: str, values: dict) -> str:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    value = values.get("value")
    if rule == "required":
        return message("required")
    if rule == "additionalProperties":
        return message("additional")
    if rule == "type":
        return message("type", expected=_TYPE_NAMES.get(values["expected"], values["expected"]))
    if rule == "const":
        return message("const", value=value, expected=values["expected"])
    if rule in ("enum", "pattern") and value == "":
        return message("min_length")
    if rule == "enum":
        if last == "situacao":
            return message("enum_situacao", value=value, options=", ".join(s.id for s in STATUSES))
        if last == "ente_tipo":
            return message("enum_ente_tipo", value=value, options=", ".join(k for k, _ in KINDS))
        return message("enum_recomendacao", value=value)
    if rule == "minLength":
        return message("min_length")
    if rule == "pattern":
        return message("pattern_date" if last in DATE_FIELDS else f"pattern_{last}", value=value)
    return message("max_length", length=len(value), limit=values["expected"])


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def real_date(text: str) -> bool:
    year, month, day = (int(part) for part in text.split("-"))
    return year >= 1 and 1 <= month <= 12 and 1 <= day <= _days_in_month(year, month)


def _rule_problems(document: dict, strategy: Strategy) -> list[tuple[tuple, str]]:
    """The rules a JSON Schema cannot say, on a document of the right shape: (path, message)."""
    found = []
    header = document.get("cabecalho") if isinstance(document.get("cabecalho"), dict) else {}
    answers = document.get("respostas") if isinstance(document.get("respostas"), list) else None
    places = [(("cabecalho", c), header.get(c)) for c in HEADER_COLUMNS]
    for index, answer in enumerate(answers or []):
        if isinstance(answer, dict):
            places += [(("respostas", index, c), answer.get(c)) for c in ANSWER_COLUMNS]
    for path, value in places:
        if not isinstance(value, str):
            continue
        if re.search(HTML_PATTERN, value):
            found.append((path, message("html")))
        elif path[-1] in DATE_FIELDS and re.search(DATE_PATTERN, value) and not real_date(value):
            found.append((path, message("date_invalid", value=value)))
    code, kind = header.get("ente_codigo_ibge"), header.get("ente_tipo")
    if isinstance(code, str) and re.search(IBGE_PATTERN, code):
        path = ("cabecalho", "ente_codigo_ibge")
        if code[:2] not in UF_CODES:
            found.append((path, message("uf_unknown", value=code, prefix=code[:2])))
        elif kind == "estado" and (len(code) != 2 or code == "53"):
            found.append((path, message("kind_estado")))
        elif kind == "distrito-federal" and code not in DF_CODES:
            found.append((path, message("kind_df")))
        elif kind == "municipio" and len(code) != 7:
            found.append((path, message("kind_municipio")))
        elif kind == "municipio" and code.startswith("53"):
            found.append((path, message("kind_municipio_df")))
    if answers is not None:
        first: dict[str, int] = {}
        for index, answer in enumerate(answers):
            rec = answer.get("recomendacao") if isinstance(answer, dict) else None
            if not isinstance(rec, str):
                continue
            if rec in first:
                found.append((("respostas", index, "recomendacao"), ("duplicate", rec, first[rec])))
            else:
                first[rec] = index
        for rec in strategy.recommendations:
            if rec.id not in first:
                found.append((("respostas",), message("missing", id=rec.id)))
    return found


def _problems(document, strategy: Strategy, name: str, locate) -> list[Problem]:
    """Schema and rule problems of ``document``; ``locate(path)`` gives (line, field, line of an answer)."""
    problems = []
    for path, rule, values in _schema_errors(document, strategy):
        line, field = locate(path, rule)
        problems.append(Problem(name, line, 0, field, _schema_message(path, rule, values)))
    if isinstance(document, dict):
        for path, text in _rule_problems(document, strategy):
            line, field = locate(path, "")
            if isinstance(text, tuple):  # a duplicate names the line of the first occurrence
                text = message("duplicate", id=text[1], first=locate(("respostas", text[2], "recomendacao"), "")[0])
            problems.append(Problem(name, line, 0, field, text))
    return problems


def _validate_json(text: str, name: str, strategy: Strategy) -> list[Problem]:
    scanner = _JsonScanner(text, name)
    scanner.run()
    document = json.loads(text)
    if not isinstance(document, dict) or document.get("formato") != FORMAT:
        return [Problem(name, 1, 0, "formato", message("other_kind_json", format=FORMAT))]

    def locate(path: tuple, rule: str) -> tuple[int, str]:
        if rule == "required":
            return scanner.value_line.get(path[:-1], 1), _field(path)
        if rule == "additionalProperties":
            return scanner.key_line.get(path, 1), _field(path)
        return scanner.value_line.get(path, scanner.value_line.get(path[:-1], 1)), _field(path)

    return scanner.problems + _problems(document, strategy, name, locate)


def _validate_csv(text: str, name: str, strategy: Strategy) -> list[Problem]:
    records = parse_csv(text, name)
    if not records:
        return [Problem(name, 1, 0, "", message("empty"))]
    header_line, header = records[0]
    if "recomendacao" not in header or "situacao" not in header:
        return [Problem(name, header_line, 0, "", message("other_kind_csv"))]
    problems = [Problem(name, header_line, 0, column, message("csv_extra_column"))
                for column in header if column not in CSV_COLUMNS]
    problems += [Problem(name, header_line, 0, column, message("csv_missing_column", column=column))
                 for column in CSV_COLUMNS if column not in header]
    if not problems and tuple(header) != CSV_COLUMNS:
        problems.append(Problem(name, header_line, 0, "", message("csv_column_order", columns=", ".join(CSV_COLUMNS))))
    if problems:
        return problems
    rows = []
    for line, cells in records[1:]:
        if len(cells) != len(CSV_COLUMNS):
            problems.append(Problem(name, line, 0, "", message("csv_cells", found=len(cells), expected=len(CSV_COLUMNS))))
        else:
            rows.append((line, dict(zip(CSV_COLUMNS, cells))))
    first_line = rows[0][0] if rows else header_line
    for line, row in rows[1:]:
        for column in HEADER_COLUMNS:
            if row[column] != rows[0][1][column]:
                problems.append(Problem(name, line, 0, column, message("csv_header_differs", first=first_line)))
    document = {"formato": FORMAT, "versao": VERSION,
                "cabecalho": {c: rows[0][1][c] if rows else "" for c in HEADER_COLUMNS},
                "respostas": [{c: row[c] for c in ANSWER_COLUMNS} for _, row in rows]}
    if not rows:  # only a header: the header fields have no row to sit on
        document["cabecalho"] = {c: "" for c in HEADER_COLUMNS}

    def locate(path: tuple, rule: str) -> tuple[int, str]:
        if path[0] == "cabecalho":
            return first_line, path[1] if len(path) > 1 else ""
        if len(path) >= 2:
            return rows[path[1]][0], path[2] if len(path) > 2 else ""
        return header_line, "recomendacao"

    if not rows:
        return problems + [p for p in _problems(document, strategy, name, locate) if p.field == "recomendacao"]
    return problems + _problems(document, strategy, name, locate)


def _utf8_error(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return None


def validate(name: str, data: bytes, strategy: Strategy) -> list[Problem]:
    """Every problem of one exported file (JSON or CSV, told apart by its first character), sorted by line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip(b" \t\r\n"):
        return [Problem(name, 1, 0, "", message("empty"))]
    bad = _utf8_error(data)
    if bad is not None:
        return [Problem(name, _Lines(data).at(bad), 0, "", message("encoding"))]
    text = data.decode("utf-8")
    try:
        if text.lstrip(" \t\r\n")[:1] in ("{", "["):
            problems = _validate_json(text, name, strategy)
        else:
            problems = _validate_csv(text, name, strategy)
    except _Stop as stop:
        problems = [stop.problem]
    return sort_problems(problems)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, p.field, p.message))


def format_problem(problem: Problem) -> str:
    """``arquivo:linha: campo: mensagem`` (the field is left out when the problem is the whole line)."""
    field = f" {problem.field}:" if problem.field else ""
    return f"{problem.file}:{problem.line}:{field} {problem.message}"


def validate_paths(paths: list[str], strategy: Strategy) -> tuple[list[str], int]:
    """Lines to print for the files at ``paths`` and how many problems they have."""
    lines, count = [], 0
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            lines.append(f"{path}: o arquivo não pôde ser lido ({error.strerror or error}).")
            count += 1
            continue
        problems = validate(path, data, strategy)
        lines += [format_problem(p) for p in problems]
        count += len(problems)
    return lines, count


# --- Page ---------------------------------------------------------------------------------------------

def browser_config(strategy: Strategy) -> dict:
    """What the page's script needs to apply the same rules with the same words."""
    return {
        "chave": STORAGE_KEY, "formato": FORMAT, "versao": VERSION, "esquema": SCHEMA_PATH.split("/")[-1],
        "colunasCabecalho": list(HEADER_COLUMNS), "colunasResposta": list(ANSWER_COLUMNS),
        "obrigatoriosCabecalho": list(REQUIRED_HEADER),
        "recomendacoes": [r.id for r in strategy.recommendations],
        "situacoes": [{"id": s.id, "rotulo": s.label} for s in STATUSES], "semResposta": NO_ANSWER,
        "tipos": [{"id": k, "rotulo": label} for k, label in KINDS],
        "ufs": UF_CODES, "df": list(DF_CODES), "datas": list(DATE_FIELDS), "prioridade": list(_PRIORITY),
        "padroes": {"data": DATE_PATTERN, "ibge": IBGE_PATTERN, "html": HTML_PATTERN, "link": LINK_PATTERN},
        "profundidade": MAX_DEPTH, "comprimentoMostrado": SHOWN_LENGTH, "mensagens": MESSAGES, "tiposNomes": _TYPE_NAMES,
    }


def page_values(strategy: Strategy) -> dict:
    """What the template of the page ``/autoavaliacao/`` (``autoavaliacao.md.j2``) is rendered with."""
    import html

    config = json.dumps(browser_config(strategy), ensure_ascii=False, separators=(",", ":"))
    config = config.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return dict(
        statuses=STATUSES, kinds=KINDS, no_answer=NO_ANSWER, config=config, escape=html.escape,
        max_length=MAX_LENGTH, schema_file=SCHEMA_PATH, table_schema_file=TABLE_SCHEMA_PATH,
        script=SCRIPT, stylesheet=STYLESHEET, validator=VALIDATOR_SCRIPT, df_codes=DF_CODES,
    )


# --- Fast path for collections of files (``engd.assessments``) ------------------------------------------

def _conforms(value, schema: dict) -> bool:
    """Whether ``value`` satisfies ``schema``, for the keywords ``json_schema`` uses (and only those):
    the same answer ``jsonschema`` gives, without the cost of its error objects."""
    kind = schema.get("type")
    if kind == "object":
        if not isinstance(value, dict):
            return False
        properties = schema.get("properties", {})
        if any(name not in value for name in schema.get("required", ())):
            return False
        if schema.get("additionalProperties") is False and any(name not in properties for name in value):
            return False
        return all(_conforms(item, properties[name]) for name, item in value.items() if name in properties)
    if kind == "array":
        return isinstance(value, list) and all(_conforms(item, schema.get("items", {})) for item in value)
    if kind == "string":
        if not isinstance(value, str):
            return False
        if "const" in schema and value != schema["const"]:
            return False
        if "enum" in schema and value not in schema["enum"]:
            return False
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return False
        return schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", len(value))
    return False


def _no_duplicate_keys(pairs):
    document = {}
    for key, value in pairs:
        if key in document:
            raise ValueError(key)
        document[key] = value
    return document


def quick_document(data: bytes, strategy: Strategy, schema: dict | None = None) -> dict | None:
    """The document of a file that ``validate`` would find no problem in, or None when it may have one
    (then ``validate`` must run and say which). Checking thousands of files, this skips the slow
    path (the line-by-line scanner and ``jsonschema``'s error objects) for files that are sound:
    every rule of ``validate`` is applied, as a yes/no question. ``schema`` is ``json_schema(strategy)``,
    passed in by a caller that checks many files."""
    schema = schema or json_schema(strategy)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    start = text.lstrip(" \t\r\n")[:1]
    if not start:
        return None
    try:
        if start in ("{", "["):
            document = json.loads(text, object_pairs_hook=_no_duplicate_keys,
                                  parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
        else:
            records = parse_csv(text)
            if not records or tuple(records[0][1]) != CSV_COLUMNS or len(records) < 2:
                return None
            if any(len(cells) != len(CSV_COLUMNS) for _, cells in records[1:]):
                return None
            first = records[1][1][:len(HEADER_COLUMNS)]
            if any(cells[:len(HEADER_COLUMNS)] != first for _, cells in records[2:]):
                return None
            document = from_csv(text)
    except (ValueError, RecursionError, _Stop):
        return None
    if not isinstance(document, dict) or document.get("formato") != FORMAT or not _conforms(document, schema):
        return None
    return None if _rule_problems(document, strategy) else document
