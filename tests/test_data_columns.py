"""No column of the published tables is always empty (issue 17, point 9): for the real data, every
column of every CSV has at least one value. The checker reads the CSV files as a consumer would, and
is shown failing on a table with an empty column."""
from __future__ import annotations

import csv
import dataclasses
import io
from datetime import datetime, timezone

from engd.outputs import datapackage

FROZEN = datetime(2024, 6, 28, 12, tzinfo=timezone.utc)

# Columns that are empty in this act although they mean something: each with the reason, and the test
# fails as soon as one of them gets a value (then it leaves this list) or another column joins them.
EMPTY_IN_THIS_ACT = {
    ("normas", "endereco"): "nenhum endereço oficial de norma foi conferido ainda: data/normas.yml os deixa null "
                            "até que sejam conferidos, e a coluna é o lugar deles",
}


def always_empty(tables: dict[str, bytes]) -> list[tuple[str, str]]:
    """The (table, column) pairs whose cells are all empty in the given CSV files (a table without rows too)."""
    found = []
    for name, content in tables.items():
        header, *rows = list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
        found += [(name, column) for i, column in enumerate(header) if not any(row[i] for row in rows)]
    return found


def _csv_files(outputs) -> dict[str, bytes]:
    return {t.name: outputs.file(f"dados/{t.name}.csv").data for t in datapackage.TABLES}


def test_every_column_of_the_real_data_has_a_value(outputs):
    assert always_empty(_csv_files(outputs)) == list(EMPTY_IN_THIS_ACT)


def test_the_checker_finds_an_empty_column(strategy, monkeypatch):
    empty = datapackage.Column("sempre_vazia", "string", "Sempre vazia", "Uma coluna sem nenhum valor.", lambda item: None)
    tables = tuple(dataclasses.replace(t, columns=t.columns + (empty,)) if t.name == "objetivos" else t
                   for t in datapackage.TABLES)
    monkeypatch.setattr(datapackage, "TABLES", tables)
    package = datapackage.build_package(strategy, FROZEN)
    files = {t.name: package.file(f"{t.name}.csv").content for t in tables}
    assert always_empty(files) == [("objetivos", "sempre_vazia"), *EMPTY_IN_THIS_ACT]
    # a table with a header and no rows has only empty columns
    assert always_empty({"vazia": b"id,nome\r\n"}) == [("vazia", "id"), ("vazia", "nome")]
