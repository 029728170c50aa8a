"""Output: the open-data package of ``/dados/`` — tables, files and ``datapackage.json`` — from the model.

Input: a ``Strategy``, the build moment (``reproducible.build_time``) and the site's address when
known (for the ``endereco`` of each objective and recommendation: absolute, else the path from the
site's root, as ``urls.shown`` gives it). Output: a ``Package``
held in memory: one CSV (UTF-8, RFC 4180) and one JSON file per table, one XLSX workbook (a sheet per
table plus a ``dicionario`` sheet), a ``datapackage.json`` (Data Package v2) whose Table Schemas give
every field a name, type, Portuguese title, description and constraints, with primary and foreign
keys, licences per resource, the DOU source, the package version and the bytes and SHA-256 of every
file, and a zip of all of it. The same model and moment give the same bytes. ``check_folder`` and
``check_built_site`` validate a written package with frictionless and return Portuguese problems.

Tables are declared once in ``TABLES``: adding a column is one ``Column(...)`` line. Data people can
open them (issue 17): no column is empty by construction (the "na prática" examples are a long table,
``na_pratica``, not numbered columns); objectives and recommendations are identified by text
(``id``: ``objetivo-3``, ``recomendacao-3.7``, the model's ``text_id``), which DuckDB, pandas and
spreadsheets keep as text, and the link tables join on it. A field that points to one of two tables
by its prefix (``na_pratica.item``) is declared as a ``PrefixedReference`` and checked by
``check_folder``, since a foreign key cannot point to two tables. The zip is not
a resource of ``datapackage.json`` (it contains that file, so it cannot carry its own hash); its
size and hash are published on ``/dados/`` and in the DCAT catalogue.

Versioning (``VERSION``, semantic): MAJOR when a table or field is removed or renamed, or a field
changes type or meaning (consumers' code breaks); MINOR when a table or field is added (for example
the readability columns); PATCH when only the data changes (a correction, a new plain-language
text). ``tests/test_datapackage.py`` keeps a fingerprint of the schemas per version, so a schema
change without a new version fails the tests. Nothing here imports MkDocs or writes files.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

from .. import citation, urls
from ..context import BuildContext
from .. import self_assessment
from ..model import Identity, Strategy
from ..readability import analyse
from ..reproducible import normalise_zip, zip_bytes
from . import AfterBuild, Collector, Download, Published

VERSION = "2.0.0"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
DESCRIPTOR = "datapackage.json"
DICTIONARY_SHEET = "dicionario"
WORKBOOK_RESOURCE = "planilha"

# What changed in each version of the tables, newest first (Markdown, shown on /dados/). A new VERSION
# gets its note here: what changed and, for a MAJOR version, how to migrate.
VERSION_NOTES: dict[str, tuple[str, ...]] = {
    "2.0.0": (
        "Os exemplos “na prática” saem das colunas `na_pratica_1`, `na_pratica_2` e `na_pratica_3` de `objetivos` e "
        "`recomendacoes`, que ficavam vazias sempre que um item tinha menos de três exemplos, e vão para a nova "
        "tabela `na_pratica`, com uma linha por exemplo (`item`, `ordem`, `texto`). Para migrar: o antigo "
        "`na_pratica_N` de um item é a linha de `na_pratica` com aquele `item` e `ordem` igual a N.",
        "`objetivos` e `recomendacoes` ganham a coluna `id` (`objetivo-3`, `recomendacao-3.7`), que planilhas, pandas e "
        "DuckDB leem como texto. `id` passa a ser a chave primária de `recomendacoes`; `numero` continua lá, como texto.",
        "Em `recomendacao_tema` e `recomendacao_norma`, a coluna `recomendacao` passa a trazer o `id` "
        "(`recomendacao-3.7`) em vez do número (`3.7`). Para migrar: cruze com `recomendacoes.id`, não mais com "
        "`recomendacoes.numero`.",
        "`objetivos` e `recomendacoes` ganham a coluna `endereco`, com o endereço da página de cada item.",
    ),
    "1.3.0": ("`objetivos` e `recomendacoes` ganham a coluna `identificador_versionado`; `normas` ganha `urn_lexml`.",),
    "1.2.0": ("`glossario` ganha a coluna `nao_verificado`; a escala da legibilidade passa a ser descrita com as faixas reais.",),
    "1.1.0": ("`objetivos` e `recomendacoes` ganham as colunas `legibilidade_texto_oficial` e `legibilidade_texto_simples`.",),
    "1.0.0": ("Primeira versão do pacote.",),
}

LICENCES = {
    "dominio-publico": {
        "name": "other-pd",
        "title": "Domínio público: os textos oficiais de atos normativos não são protegidos por direito autoral (Lei nº 9.610/1998, art. 8º, IV)",
        "path": "https://www.planalto.gov.br/ccivil_03/leis/l9610.htm",
    },
    "cc-by": {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Atribuição 4.0 Internacional (textos escritos por este projeto)",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    },
}
_BOTH = ("dominio-publico", "cc-by")
_OURS = ("cc-by",)

_ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
_REC_PATTERN = r"^[1-9][0-9]*\.[1-9][0-9]*$"
# The text identifiers (``Objective.text_id``, ``Recommendation.text_id``), which CSV readers keep as text.
_OBJECTIVE_ID, _RECOMMENDATION_ID = "objetivo-[1-9][0-9]*", r"recomendacao-[1-9][0-9]*\.[1-9][0-9]*"
_OFFICIAL = "como publicado no Diário Oficial da União (domínio público)"
_PLAIN = "escrita por este projeto (CC BY 4.0); não substitui o texto oficial. Vazio quando ainda não existe"


@dataclass(frozen=True)
class Column:
    """One field of a table: its Table Schema and how to read its value from a row's item."""

    name: str
    type: str
    title: str
    description: str
    value: Callable[[Any], Any]
    required: bool = False
    unique: bool = False
    constraints: dict = field(default_factory=dict)
    format: str | None = None
    address: bool = False  # the value is an address of the site (``urls``), shown as ``urls.shown`` shows it

    def cell(self, item, site_url: str | None):
        value = self.value(item)
        return urls.shown(value, site_url) if self.address else value

    def schema(self) -> dict:
        constraints = dict(self.constraints)
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        descriptor = {"name": self.name, "type": self.type}
        if self.format:
            descriptor["format"] = self.format
        descriptor.update(title=self.title, description=self.description)
        if constraints:
            descriptor["constraints"] = {k: constraints[k] for k in sorted(constraints)}
        return descriptor


@dataclass(frozen=True)
class PrefixedReference:
    """A field whose values point to one of several tables, told apart by a prefix. A foreign key
    cannot point to two tables, so ``check_folder`` checks these: ``targets`` is (prefix, table, field)."""

    field: str
    targets: tuple[tuple[str, str, str], ...]

    def target(self, value: str) -> tuple[str, str] | None:
        return next(((table, name) for prefix, table, name in self.targets if value.startswith(prefix)), None)

    def words(self) -> str:
        return " ou ".join(f"{table}.{name} ({prefix}…)" for prefix, table, name in self.targets)


@dataclass(frozen=True)
class Table:
    """One table of the package: where its rows come from, its columns and keys."""

    name: str
    title: str
    description: str
    rows: Callable[[Strategy], Iterable[Any]]
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    licences: tuple[str, ...] = _BOTH
    prefixed_references: tuple[PrefixedReference, ...] = ()

    def schema(self) -> dict:
        schema = {
            "fields": [c.schema() for c in self.columns],
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fields), "reference": {"resource": resource, "fields": list(target)}}
                for fields, resource, target in self.foreign_keys
            ]
        return schema

    def records(self, strategy: Strategy, site_url: str | None = None) -> list[dict]:
        return [{c.name: c.cell(item, site_url) for c in self.columns} for item in self.rows(strategy)]

    def describe(self, strategy: Strategy) -> str:
        """The description, with ``{ato}`` standing for the act's short name."""
        return self.description.replace("{ato}", strategy.act.short_name)


def _readability(attribute: str) -> Callable[[Any], float | None]:
    def value(item) -> float | None:
        try:
            return analyse(getattr(item, attribute) or "").index + 0.0  # + 0.0: never a "-0.0"
        except ValueError:  # no text, or no word to measure
            return None
    return value


def _readability_columns(what: str) -> tuple[Column, ...]:
    """The Portuguese Flesch index (Martins et al., 1996) of the official text and of ours."""
    scale = ("quanto maior, mais fácil; sem piso nem teto fixos: textos muito difíceis ficam abaixo de 0; faixas: "
             "75 ou mais, muito fácil; de 50 a 75, fácil; de 25 a 50, difícil; abaixo de 25, muito difícil")
    return (
        Column("legibilidade_texto_oficial", "number", "Legibilidade do texto oficial",
               f"Índice de legibilidade de Flesch adaptado ao português (Martins e outros, 1996) do texto oficial {what}, "
               f"com uma casa decimal ({scale}). Calculado por este projeto.", _readability("official_text")),
        Column("legibilidade_texto_simples", "number", "Legibilidade da explicação",
               f"O mesmo índice para a explicação em linguagem simples {what}. Vazio quando não há explicação.",
               _readability("plain_text")),
    )


def _link_table(name: str, title: str, description: str, attribute: str, column: str, label: str,
                target_table: str, target_description: str) -> Table:
    """A table of (recommendation, target id) pairs, one row per id in the recommendation's ``attribute``."""
    return Table(
        name, title, description,
        lambda s: [(r, target) for r in s.recommendations for target in getattr(r, attribute)],
        (
            Column("recomendacao", "string", "Recomendação",
                   "Identificador da recomendação, como recomendacao-3.7 (campo id da tabela recomendacoes).",
                   lambda pair: pair[0].text_id, required=True, constraints={"pattern": f"^{_RECOMMENDATION_ID}$"}),
            Column(column, "string", label, target_description,
                   lambda pair: pair[1], required=True, constraints={"pattern": _ID_PATTERN}),
        ),
        ("recomendacao", column),
        ((("recomendacao",), "recomendacoes", ("id",)), ((column,), target_table, ("id",))),
        licences=_OURS,
    )


def _pinned_id_column(number: str) -> Column:
    return Column("identificador_versionado", "string", "Identificador desta versão",
                  f"Identificador fixado nesta versão da estratégia: o prefixo da versão, uma barra e {number} "
                  "(por exemplo, .../3.7). Continua valendo quando vier a estratégia seguinte.",
                  lambda item: item.pinned_id, required=True, unique=True)


def _text_id_column(what: str, example: str, pattern: str, catalogue_part: str) -> Column:
    return Column("id", "string", f"Identificador {what}",
                  f"Identificador {what} ({example}): um texto que leitores de CSV como pandas, DuckDB e planilhas "
                  "não tomam por número. "
                  f"Use-o para cruzar as tabelas. É o mesmo id do {catalogue_part} no catálogo OSCAL.",
                  lambda item: item.text_id, required=True, unique=True, constraints={"pattern": f"^{pattern}$"})


def _page_column(what: str, page: Callable[[Any], str], example: str) -> Column:
    return Column("endereco", "string", "Endereço da página",
                  f"Endereço da página {what} neste site: completo (https://...) quando o endereço do site é "
                  "conhecido na publicação; se não, o caminho a partir da raiz do site "
                  f"(por exemplo, {urls.shown(example, None)}).",
                  page, required=True, unique=True, address=True)


TABLES: tuple[Table, ...] = (
    Table(
        "objetivos", "Objetivos",
        "Os objetivos do Anexo da {ato}, um por linha.",
        lambda s: s.objectives,
        (
            _text_id_column("do objetivo", "objetivo-3", _OBJECTIVE_ID, "grupo"),
            Column("numero", "integer", "Número do objetivo", "Número do objetivo no Anexo (1, 2, 3, ...).",
                   lambda o: o.number, required=True, unique=True, constraints={"minimum": 1}),
            Column("texto_oficial", "string", "Texto oficial", f"Texto oficial do objetivo, {_OFFICIAL}.",
                   lambda o: o.official_text, required=True),
            Column("texto_simples", "string", "Texto em linguagem simples",
                   f"Explicação do objetivo em linguagem simples, {_PLAIN}.", lambda o: o.plain_text),
        ) + _readability_columns("do objetivo") + (
            _pinned_id_column("o número do objetivo"),
            _page_column("do objetivo", lambda o: urls.objective(o.number), urls.objective(3)),
        ),
        ("numero",),
    ),
    Table(
        "recomendacoes", "Recomendações",
        "As recomendações aos entes federados, uma por linha, com o objetivo a que pertencem.",
        lambda s: s.recommendations,
        (
            _text_id_column("da recomendação", "recomendacao-3.7", _RECOMMENDATION_ID, "controle"),
            Column("numero", "string", "Número da recomendação",
                   "Número da recomendação no formato N.M (N = objetivo, M = ordem). É texto, não número decimal: 3.1 e 3.10 "
                   "são diferentes. Leitores como pandas e DuckDB o tomam por número se não forem avisados; para cruzar "
                   "tabelas, use id.",
                   lambda r: r.id, required=True, unique=True, constraints={"pattern": _REC_PATTERN}),
            Column("objetivo", "integer", "Objetivo", "Número do objetivo a que a recomendação pertence (tabela objetivos).",
                   lambda r: r.objective_number, required=True, constraints={"minimum": 1}),
            Column("ordem", "integer", "Ordem no objetivo", "Posição da recomendação dentro do objetivo (o M de N.M).",
                   lambda r: r.number, required=True, constraints={"minimum": 1}),
            Column("texto_oficial", "string", "Texto oficial", f"Texto oficial da recomendação, sem o número, {_OFFICIAL}.",
                   lambda r: r.official_text, required=True),
            Column("texto_simples", "string", "Texto em linguagem simples",
                   f"Explicação da recomendação em linguagem simples, {_PLAIN}.", lambda r: r.plain_text),
        ) + _readability_columns("da recomendação") + (
            _pinned_id_column("o número da recomendação"),
            _page_column("da recomendação", lambda r: urls.recommendation(r.slug), urls.recommendation("3-7")),
        ),
        ("id",),
        ((("objetivo",), "objetivos", ("numero",)),),
    ),
    Table(
        "na_pratica", "Na prática",
        "Os exemplos de ações concretas (“na prática”) de cada objetivo e de cada recomendação, escritos por este "
        "projeto: uma linha por exemplo, primeiro os dos objetivos, depois os das recomendações, na ordem do ato.",
        lambda s: [(item, order, text) for item in (*s.objectives, *s.recommendations)
                   for order, text in enumerate(item.in_practice, start=1)],
        (
            Column("item", "string", "Item",
                   "Identificador do objetivo ou da recomendação a que o exemplo pertence: objetivo-N é o campo id da "
                   "tabela objetivos; recomendacao-N.M, o campo id da tabela recomendacoes. Cada valor é conferido "
                   "contra essas tabelas a cada publicação.",
                   lambda row: row[0].text_id, required=True,
                   constraints={"pattern": f"^({_OBJECTIVE_ID}|{_RECOMMENDATION_ID})$"}),
            Column("ordem", "integer", "Ordem", "Posição do exemplo na lista do item (1, 2, 3, ...).",
                   lambda row: row[1], required=True, constraints={"minimum": 1}),
            Column("texto", "string", "Texto", "O exemplo, escrito por este projeto (CC BY 4.0); não é texto oficial.",
                   lambda row: row[2], required=True),
        ),
        ("item", "ordem"),
        licences=_OURS,
        prefixed_references=(PrefixedReference("item", (("objetivo-", "objetivos", "id"),
                                                        ("recomendacao-", "recomendacoes", "id"))),),
    ),
    Table(
        "temas", "Temas",
        "Vocabulário de temas usado por este projeto para agrupar recomendações.",
        lambda s: s.themes,
        (
            Column("id", "string", "Identificador do tema", "Identificador do tema: letras minúsculas sem acento, algarismos e hífens.",
                   lambda t: t.id, required=True, unique=True, constraints={"pattern": _ID_PATTERN}),
            Column("nome", "string", "Nome", "Nome do tema, como aparece no site.", lambda t: t.name, required=True),
            Column("descricao", "string", "Descrição", "Descrição curta do tema, escrita por este projeto.",
                   lambda t: t.description, required=True),
        ),
        ("id",), licences=_OURS,
    ),
    _link_table(
        "recomendacao_tema", "Temas de cada recomendação",
        "Relação entre recomendações e temas: uma linha por par, na ordem em que os temas são listados para cada recomendação.",
        "theme_ids", "tema", "Tema", "temas", "Identificador do tema (tabela temas).",
    ),
    Table(
        "normas", "Normas relacionadas",
        "Atos normativos com que as recomendações se relacionam. Só entram fatos conferidos; o que não foi conferido fica vazio.",
        lambda s: s.norms,
        (
            Column("id", "string", "Identificador da norma", "Identificador da norma, como lei-14129-2021.",
                   lambda n: n.id, required=True, unique=True, constraints={"pattern": _ID_PATTERN}),
            Column("tipo", "string", "Espécie do ato", "Espécie do ato (Lei, Lei Complementar, Decreto, ...).",
                   lambda n: n.kind, required=True),
            Column("numero", "string", "Número do ato", "Número do ato como publicado (por exemplo, 14.129).",
                   lambda n: n.number, required=True),
            Column("data", "date", "Data do ato", "Data do ato (AAAA-MM-DD). Vazia quando não foi conferida.",
                   lambda n: n.date),
            Column("ementa", "string", "Ementa", "Ementa oficial do ato (domínio público). Vazia quando não foi conferida.",
                   lambda n: n.summary),
            Column("apelido", "string", "Apelido", "Nome pelo qual a norma é conhecida. Vazio quando não há.",
                   lambda n: n.nickname),
            Column("endereco", "string", "Endereço oficial", "Endereço oficial do texto da norma. Vazio quando não foi conferido.",
                   lambda n: n.url, format="uri"),
            Column("urn_lexml", "string", "URN LexML derivada",
                   "URN LexML da lei ou do decreto federal, montada por este projeto com as regras do LexML (não é oficial). "
                   "Vazia para outras espécies ou sem data conferida.",
                   citation.norm_urn),
            Column("verificado", "string", "Conferência", "Como os fatos desta norma foram conferidos, ou “não verificado”.",
                   lambda n: n.verification, required=True),
        ),
        ("id",),
    ),
    _link_table(
        "recomendacao_norma", "Normas de cada recomendação",
        "Relação entre recomendações e normas relacionadas: uma linha por par.",
        "norm_ids", "norma", "Norma", "normas", "Identificador da norma (tabela normas).",
    ),
    Table(
        "glossario", "Glossário",
        "Siglas, programas, órgãos, redes e termos técnicos do texto oficial, explicados por este projeto.",
        lambda s: s.terms,
        (
            Column("id", "string", "Identificador do termo", "Identificador do termo: letras minúsculas sem acento, algarismos e hífens.",
                   lambda t: t.id, required=True, unique=True, constraints={"pattern": _ID_PATTERN}),
            Column("termo", "string", "Termo", "O termo como aparece no texto oficial.", lambda t: t.term, required=True),
            Column("expansao", "string", "Por extenso", "O termo por extenso, para siglas e abreviaturas. Vazio quando não se aplica.",
                   lambda t: t.expansion),
            Column("tipo", "string", "Espécie", "Espécie do termo.", lambda t: t.kind, required=True,
                   constraints={"enum": ["sigla", "programa", "orgao", "rede", "termo-tecnico"]}),
            Column("explicacao", "string", "Explicação", "Explicação curta em linguagem simples, escrita por este projeto.",
                   lambda t: t.explanation, required=True),
            Column("norma", "string", "Norma", "Identificador da norma que trata do termo (tabela normas). Vazio quando não há.",
                   lambda t: t.norm_id, constraints={"pattern": _ID_PATTERN}),
            Column("nao_verificado", "string", "Não verificado",
                   "O que da explicação não pôde ser conferido no ato nem nas normas citadas. Vazio quando tudo foi conferido.",
                   lambda t: t.unverified),
        ),
        ("id",),
        ((("norma",), "normas", ("id",)),),
        licences=_OURS,
    ),
    Table(
        "glossario_formas", "Formas de cada termo do glossário",
        "As formas exatas com que cada termo aparece nos textos: uma linha por forma, na ordem do glossário.",
        lambda s: [(t, form) for t in s.terms for form in t.forms],
        (
            Column("termo", "string", "Termo", "Identificador do termo (tabela glossario).",
                   lambda pair: pair[0].id, required=True, constraints={"pattern": _ID_PATTERN}),
            Column("forma", "string", "Forma", "Uma forma exata do termo, como aparece nos textos.",
                   lambda pair: pair[1], required=True),
        ),
        ("termo", "forma"),
        ((("termo",), "glossario", ("id",)),),
        licences=_OURS,
    ),
)


def _prefixed() -> dict[str, tuple[PrefixedReference, ...]]:
    return {t.name: t.prefixed_references for t in TABLES if t.prefixed_references}


_MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
    "xml": "application/xml",
}
TYPE_NAMES = {"integer": "número inteiro", "number": "número", "string": "texto", "date": "data (AAAA-MM-DD)",
              "boolean": "verdadeiro ou falso"}


@dataclass(frozen=True)
class PublishedFile:
    """One file of ``/dados/``: its name there, bytes and what it holds (in Portuguese)."""

    path: str
    content: bytes
    format: str
    title: str
    table: str | None = None

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self.format]

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Package:
    """The whole package in memory. ``files`` is every file of ``/dados/``, in publication order."""

    descriptor: dict
    files: tuple[PublishedFile, ...]
    records: dict[str, list[dict]]
    created: datetime

    def file(self, path: str) -> PublishedFile:
        return next(f for f in self.files if f.path == path)


# --- writers ---------------------------------------------------------------------------------

def cell_text(value) -> str:
    """A typed value as CSV text: empty for null, lower-case booleans, ISO dates, digits as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_bytes(table: Table, records: list[dict]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for record in records:
        writer.writerow([cell_text(record[c.name]) for c in table.columns])
    return buffer.getvalue().encode("utf-8")


def json_bytes(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def dictionary_rows(descriptor: dict) -> list[dict]:
    """The data dictionary, one row per field, read from the Table Schemas of ``descriptor``."""
    rows = []
    for resource in descriptor["resources"]:
        schema = resource.get("schema")
        if not schema:
            continue
        keys = {}
        for name in schema.get("primaryKey", []):
            keys[name] = "chave primária" if len(schema["primaryKey"]) == 1 else "parte da chave primária"
        links = [(source, f"referência a {foreign['reference']['resource']}.{target}")
                 for foreign in schema.get("foreignKeys", [])
                 for source, target in zip(foreign["fields"], foreign["reference"]["fields"])]
        links += [(reference.field, f"referência a {reference.words()}, pelo prefixo")
                  for reference in _prefixed().get(resource["name"], ())]
        for source, link in links:
            keys[source] = f"{keys[source]}; {link}" if source in keys else link
        for spec in schema["fields"]:
            constraints = spec.get("constraints", {})
            rows.append({
                "tabela": resource["name"],
                "campo": spec["name"],
                "tipo": TYPE_NAMES.get(spec["type"], spec["type"]),
                "titulo": spec["title"],
                "descricao": spec["description"],
                "obrigatorio": "sim" if constraints.get("required") else "não",
                "restricoes": describe_constraints(spec),
                "chave": keys.get(spec["name"], ""),
            })
    return rows


def describe_constraints(spec: dict, code: Callable[[str], str] = str) -> str:
    """The constraints of one field in words (required is shown apart); ``code`` wraps literal values."""
    constraints = spec.get("constraints", {})
    parts = []
    if constraints.get("unique"):
        parts.append("valores únicos")
    if "minimum" in constraints:
        parts.append(f"mínimo {constraints['minimum']}")
    if "pattern" in constraints:
        parts.append(f"padrão {code(constraints['pattern'])}")
    if "enum" in constraints:
        parts.append("um de: " + ", ".join(code(value) for value in constraints["enum"]))
    if spec.get("format") == "uri":
        parts.append("endereço (URI)")
    return "; ".join(parts)


def workbook_name(identity: Identity) -> str:
    return f"{identity.package_name}.xlsx"


def archive_name(identity: Identity) -> str:
    return f"{identity.package_name}.zip"


# Column widths in characters: wide enough for a short value, never wider than a screen of text; the
# rest wraps (issue 17: "Data people can open").
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def _lay_out(sheet, columns: list[str], rows: list[list]) -> None:
    """Every sheet opens readable: the header frozen and filterable (autofilter over the whole table),
    each column as wide as its longest line up to _MAX_WIDTH, long texts wrapped and aligned on top.
    A function of the values only, so the workbook stays byte for byte the same."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, name in enumerate(columns, start=1):
        lines = [len(line) for value in [name, *(row[number - 1] for row in rows)]
                 for line in str("" if value is None else value).splitlines() or [""]]
        width = min(max(max(lines) + 2, _MIN_WIDTH), _MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(number)].width = width
        if max(lines) + 2 > _MAX_WIDTH:
            for row_number in range(2, len(rows) + 2):
                sheet.cell(row=row_number, column=number).alignment = wrap


def _workbook_bytes(descriptor_resources: list[dict], records: dict[str, list[dict]], created: datetime,
                    identity: Identity) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter
    import zipfile

    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = [(t.name, [c.name for c in t.columns], [[r[c.name] for c in t.columns] for r in records[t.name]]) for t in TABLES]
    dictionary = dictionary_rows({"resources": descriptor_resources})
    header = ["tabela", "campo", "tipo", "titulo", "descricao", "obrigatorio", "restricoes", "chave"]
    sheets.append((DICTIONARY_SHEET, header, [[row[k] for k in header] for row in dictionary]))
    for name, columns, rows in sheets:
        sheet = workbook.create_sheet(name)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row_number, values in enumerate(rows, start=2):
            for column_number, value in enumerate(values, start=1):
                if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
                    raise ValueError(f"tabela {name}, linha {row_number}, campo {columns[column_number - 1]}: "
                                     "o texto tem um caractere de controle que a planilha não aceita.")
                cell = sheet.cell(row=row_number, column=column_number, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, even when the text starts with "="
        _lay_out(sheet, columns, rows)
    moment = created.astimezone(timezone.utc).replace(tzinfo=None)
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = identity.package_name
    properties.title = identity.title
    properties.language = "pt-BR"
    properties.created = properties.modified = moment
    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save() would stamp the current time as "modified"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return normalise_zip(buffer.getvalue(), created)


def _resource(name: str, file: PublishedFile, description: str, licences: tuple[str, ...], schema: dict | None = None) -> dict:
    resource = {"name": name}
    if schema is not None:
        resource["type"] = "table"
    resource.update(
        path=file.path, format=file.format, mediatype=file.media_type, encoding="utf-8",
        title=file.title, description=description,
        bytes=file.size, hash=f"sha256:{file.sha256}",
        licenses=[LICENCES[key] for key in licences],
    )
    if file.format == "xlsx":
        del resource["encoding"]
    if schema is not None:
        resource["schema"] = schema
    return resource


def _source(strategy: Strategy) -> dict:
    act, publication = strategy.act, strategy.act.publication
    day = "/".join(reversed(publication.date.split("-")))
    source = {"title": f"{act.short_name}, publicada no {publication.journal} de {day}, edição {publication.edition}, "
                       f"seção {publication.section}, página {publication.page}"}
    if publication.url:
        source["path"] = publication.url
    return source


def build_package(strategy: Strategy, created: datetime, site_url: str | None = None) -> Package:
    """The whole package for ``strategy``, with every date taken from ``created``; the pages' addresses
    (``endereco``) are absolute when ``site_url`` is known, else paths from the site's root."""
    records = {t.name: t.records(strategy, site_url) for t in TABLES}
    csv_files = [PublishedFile(f"{t.name}.csv", csv_bytes(t, records[t.name]), "csv", f"{t.title} (CSV)", t.name) for t in TABLES]
    json_files = [PublishedFile(f"{t.name}.json", json_bytes(records[t.name]), "json", f"{t.title} (JSON)", t.name) for t in TABLES]
    resources = [_resource(t.name, f, t.describe(strategy), t.licences, t.schema()) for t, f in zip(TABLES, csv_files)]
    resources += [
        _resource(f"{t.name}-json", f,
                  f"A tabela {t.name} em JSON: uma lista de objetos com os mesmos campos e valores de {t.name}.csv (vazio = null).",
                  t.licences)
        for t, f in zip(TABLES, json_files)
    ]
    identity = strategy.identity
    workbook = PublishedFile(workbook_name(identity), _workbook_bytes(resources, records, created, identity), "xlsx",
                             "Todas as tabelas (planilha XLSX)")
    resources.append(_resource(
        WORKBOOK_RESOURCE, workbook,
        f"Todas as tabelas numa planilha: uma aba por tabela, com os mesmos valores dos CSV, e a aba {DICTIONARY_SHEET} que descreve cada campo.",
        _BOTH))
    # The schemas of the self-assessment files (engd.self_assessment) travel in the package as JSON resources.
    extra_files = self_assessment.data_files(strategy)
    extra = [PublishedFile(name, content, "json", title) for name, content, title, _ in extra_files]
    resources += [{"type": "json", **_resource(f.path.removesuffix(".json").replace(".", "-"), f, description, _OURS)}
                  for f, (_, _, _, description) in zip(extra, extra_files)]  # "json": frictionless reads them as files, not tables
    # The act in legal and compliance formats travels in the package as files; their outputs
    # (engd.outputs.akoma_ntoso, lexml, oscal) publish them, so ``publish`` leaves them out.
    legal = _legal_files(strategy)
    resources += [{"type": "file", **_resource(f.path.replace(".", "-"), f, description, _BOTH)} for f, description in legal]
    descriptor = {
        "$schema": PROFILE,
        "name": identity.package_name,
        "title": identity.title,
        "description": (
            f"Os {len(strategy.objectives)} objetivos e as {len(strategy.recommendations)} recomendações da "
            f"{strategy.act.short_name} aos entes federados, com o texto oficial e, quando existem, explicações em "
            "linguagem simples, temas, normas relacionadas e glossário escritos por este projeto. "
            "Não é uma publicação oficial do governo."
        ),
        "version": VERSION,
        "created": created.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "keywords": list(identity.keywords),
        "licenses": [LICENCES[key] for key in _BOTH],
        "sources": [_source(strategy)],
        "resources": resources,
    }
    descriptor_file = PublishedFile(DESCRIPTOR, json_bytes(descriptor), "json", "Descrição do pacote (Data Package)")
    members = [descriptor_file] + csv_files + json_files + [workbook] + extra
    zipped = members + [f for f, _ in legal]
    archive = PublishedFile(archive_name(identity), zip_bytes([(f"{identity.package_name}/{f.path}", f.content) for f in zipped], created), "zip",
                            "O pacote inteiro (ZIP)")
    return Package(descriptor, tuple(zipped + [archive]), records, created)


def legal_names(strategy: Strategy) -> set[str]:
    """The package's files that other outputs publish (the act in Akoma Ntoso, the OSCAL catalog)."""
    from . import akoma_ntoso, lexml, oscal

    return {akoma_ntoso.file_name(strategy), lexml.file_name(strategy), oscal.file_name(strategy)}


def _legal_files(strategy: Strategy) -> list[tuple[PublishedFile, str]]:
    from . import akoma_ntoso, lexml, oscal

    return [
        (PublishedFile(akoma_ntoso.file_name(strategy), akoma_ntoso.content(strategy), "xml", akoma_ntoso.TITLE),
         "O ato inteiro (ementa, preâmbulo, artigos e Anexo) em Akoma Ntoso 3.0, validado com o esquema oficial; "
         "cada objetivo e recomendação é um elemento com eId igual ao fragmento da URN LexML derivada."),
        (PublishedFile(lexml.file_name(strategy), lexml.content(strategy), "xml", lexml.TITLE),
         "O ato inteiro em LexML, com a URN derivada das regras do LexML (não oficial); cada objetivo e recomendação "
         "é um elemento com id igual ao fragmento da URN."),
        (PublishedFile(oscal.file_name(strategy), oscal.content(strategy), "json", oscal.TITLE),
         "Os objetivos (grupos) e as recomendações (controles) como catálogo OSCAL: texto oficial em statement, "
         "explicação do projeto em guidance, exemplos em example."),
    ]


def schema_fingerprint() -> str:
    """SHA-256 of what consumers' code depends on: table names, columns, types, constraints and keys."""
    shape = []
    for table in TABLES:
        schema = table.schema()
        schema["fields"] = [{k: v for k, v in f.items() if k not in ("title", "description")} for f in schema["fields"]]
        shape.append({"name": table.name, "schema": schema})
    return hashlib.sha256(json.dumps(shape, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


# --- validation ------------------------------------------------------------------------------

_ERRORS_PT = {
    "foreign-key": "valor sem correspondência na tabela referida (chave estrangeira)",
    "primary-key": "chave primária repetida",
    "unique-error": "valor repetido num campo de valores únicos",
    "type-error": "valor do tipo errado",
    "constraint-error": "valor fora das restrições do campo",
    "missing-cell": "célula faltando",
    "extra-cell": "célula a mais",
    "blank-row": "linha em branco",
    "hash-count": "a soma SHA-256 do arquivo não confere com a de datapackage.json",
    "byte-count": "o tamanho do arquivo não confere com o de datapackage.json",
    "incorrect-label": "cabeçalho diferente do esquema",
    "missing-label": "coluna do esquema ausente no cabeçalho",
    "extra-label": "coluna fora do esquema",
    "scheme-error": "arquivo não encontrado",
    "source-error": "arquivo ilegível",
}


def _frictionless_problems(descriptor_path: Path, label: str) -> list[str]:
    from frictionless import validate

    report = validate(str(descriptor_path))
    problems = [f"{label}: {e.title}: {e.note}" for e in report.errors]
    for task in report.tasks:
        for error in task.errors:
            where = [f"recurso “{task.name}” ({task.place})"]
            if getattr(error, "row_number", None):
                where.append(f"linha {error.row_number}")
            names = [error.field_name] if getattr(error, "field_name", None) else getattr(error, "field_names", None) or []
            if names:
                where.append(("campo " if len(names) == 1 else "campos ") + ", ".join(f"“{n}”" for n in names))
            meaning = _ERRORS_PT.get(error.type, error.title)
            problems.append(f"{label}: {', '.join(where)}: {meaning} ({error.type})")
    return problems


def _twin_problems(folder: Path, descriptor: dict, label: str) -> list[str]:
    """The JSON files and the workbook must hold exactly the cells of the CSV files."""
    from openpyxl import load_workbook

    problems = []
    tables = [r for r in descriptor["resources"] if r.get("type") == "table"]
    workbook_file = next((r["path"] for r in descriptor["resources"] if r["name"] == WORKBOOK_RESOURCE), WORKBOOK_RESOURCE)
    workbook_path = folder / workbook_file
    workbook = load_workbook(workbook_path, read_only=True) if workbook_path.exists() else None
    for resource in tables:
        name = resource["name"]
        columns = [f["name"] for f in resource["schema"]["fields"]]
        try:
            with open(folder / resource["path"], encoding="utf-8", newline="") as handle:
                expected = list(csv.reader(handle))
        except OSError:
            continue  # frictionless already reports a missing table
        json_path = folder / f"{name}.json"
        try:
            records = json.loads(json_path.read_text(encoding="utf-8"))
            json_rows = [columns] + [[cell_text(record.get(c)) for c in columns] for record in records]
            if set().union(*(r.keys() for r in records)) - set(columns):
                problems.append(f"{label}: {json_path.name}: há campos fora do esquema da tabela {name}.")
            if json_rows != expected:
                problems.append(f"{label}: {json_path.name} não traz os mesmos valores de {resource['path']}.")
        except (OSError, ValueError, AttributeError, TypeError) as error:
            problems.append(f"{label}: {json_path.name} não é uma lista de objetos JSON legível ({error}).")
        if workbook is None or name not in workbook.sheetnames:
            problems.append(f"{label}: a planilha {workbook_file} não tem a aba {name}.")
            continue
        # a spreadsheet gives back 27.0 as the integer 27: read number columns as numbers again
        numbers = [spec["type"] == "number" for spec in resource["schema"]["fields"]]
        sheet_rows = [[cell_text(float(v) if is_number and isinstance(v, int) and i else v)
                       for v, is_number in zip(row, numbers)]
                      for i, row in enumerate(workbook[name].iter_rows(values_only=True))]
        if sheet_rows != expected:
            problems.append(f"{label}: a aba {name} da planilha {workbook_file} não traz os mesmos valores de {resource['path']}.")
    if workbook is not None:
        workbook.close()
    return problems


def _prefixed_reference_problems(folder: Path, descriptor: dict, label: str) -> list[str]:
    """Every value of a ``PrefixedReference`` field must exist in the table its prefix names."""
    paths = {r["name"]: r["path"] for r in descriptor["resources"] if r.get("type") == "table"}

    def rows(name: str) -> list[dict] | None:
        try:
            with open(folder / paths[name], encoding="utf-8", newline="") as handle:
                return list(csv.DictReader(handle))
        except (KeyError, OSError):
            return None  # frictionless already reports a missing table

    problems = []
    for name, references in _prefixed().items():
        source = rows(name)
        for reference in references if source is not None else ():
            known = {}
            for _, table, column in reference.targets:
                target = rows(table)
                known[table, column] = {row.get(column) for row in target} if target is not None else None
            for line, row in enumerate(source, start=2):
                value = row.get(reference.field) or ""
                target = reference.target(value)
                if target is None or (known[target] is not None and value not in known[target]):
                    problems.append(f"{label}: recurso “{name}” ({paths[name]}), linha {line}, campo “{reference.field}”: "
                                    f"“{value}” não existe em {reference.words()}")
    return problems


def check_folder(folder: Path, label: str = urls.data_file(DESCRIPTOR)) -> list[str]:
    """Validate the package written in ``folder``: [] when valid, else problems in Portuguese."""
    folder = Path(folder)
    path = folder / DESCRIPTOR
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"{label}: o arquivo não existe ou não é JSON válido ({error})."]
    problems = _frictionless_problems(path, label)
    problems += _twin_problems(folder, descriptor, label)
    problems += _prefixed_reference_problems(folder, descriptor, label)
    return problems


def check_built_site(strategy: Strategy, site_dir: Path) -> list[str]:
    """Build step: validate ``dados/`` of a freshly built site; a problem fails the build."""
    problems = check_folder(Path(site_dir) / "dados")
    if problems:
        problems.insert(0, "O pacote de dados abertos é inválido (relatório do frictionless):")
    return problems


def publish(strategy: Strategy, context: BuildContext) -> list:
    """The package's files as downloads of ``/dados/``, the ``/dados/`` page and the DCAT catalogue
    (a collector: they list every download any output declares), and the frictionless check of
    the written package (after the build)."""
    from . import data_page

    package = build_package(strategy, context.moment, context.site_url)
    files = [
        Published(urls.data_file(f.path), f.content, download=Download(f.title, f.format.upper(), f.media_type),
                  **({"alternate_of": urls.DATA, "alternate_type": "application/json",
                      "alternate_title": "Dados desta página em JSON"} if f.path == DESCRIPTOR else {}))
        for f in package.files if f.path not in legal_names(strategy)
    ]
    return files + [
        Collector(lambda published: data_page.publish(strategy, context, package, published)),
        AfterBuild("pacote de dados abertos", lambda site_dir: check_built_site(strategy, site_dir), needs_pages=False),
    ]
