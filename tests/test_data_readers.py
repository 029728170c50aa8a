"""Common readers keep the identifiers as text (issue 17, point 9): DuckDB's and pandas' CSV readers,
with their defaults, give back the ``id`` columns and the link tables' ``recomendacao`` column as the
text ids, a join on them in DuckDB keeps every row, and the workbook stores them as text cells. The
same readers do take a column of values like 3.1 and 3.10 for numbers (and 3.10 becomes 3.1), which
is why the ids are text: the check can fail."""
from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook

from engd.outputs import datapackage

def _expected(strategy) -> dict[tuple[str, str], list[str]]:
    """(table, column) → the model's text ids the column holds, row by row."""
    return {
        ("objetivos", "id"): [o.text_id for o in strategy.objectives],
        ("recomendacoes", "id"): [r.text_id for r in strategy.recommendations],
        ("recomendacao_tema", "recomendacao"): [r.text_id for r in strategy.recommendations for _ in r.theme_ids],
        ("recomendacao_norma", "recomendacao"): [r.text_id for r in strategy.recommendations for _ in r.norm_ids],
        ("na_pratica", "item"): [i.text_id for i in (*strategy.objectives, *strategy.recommendations) for _ in i.in_practice],
    }


@pytest.fixture(scope="module")
def folder(outputs, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("dados")
    for table in datapackage.TABLES:
        (target / f"{table.name}.csv").write_bytes(outputs.file(f"dados/{table.name}.csv").data)
    return target


def _duckdb_column(path: Path, column: str) -> tuple[str, list]:
    relation = duckdb.read_csv(str(path))
    kind = dict(zip(relation.columns, (str(t) for t in relation.types)))[column]
    return kind, [row[0] for row in relation.select(column).fetchall()]


def test_duckdb_reads_the_ids_as_text(folder, strategy):
    for (table, column), ids in _expected(strategy).items():
        assert ids, (table, column)
        assert _duckdb_column(folder / f"{table}.csv", column) == ("VARCHAR", ids), (table, column)


def test_pandas_reads_the_ids_as_text(folder, strategy):
    for (table, column), ids in _expected(strategy).items():
        values = pd.read_csv(folder / f"{table}.csv")[column]
        assert pd.api.types.is_string_dtype(values), (table, column, values.dtype)
        assert values.tolist() == ids, (table, column)


def test_a_duckdb_join_on_the_ids_keeps_every_row(folder, strategy):
    for link in ("recomendacao_tema", "recomendacao_norma"):
        ((joined,),) = duckdb.sql(
            f"SELECT count(*) FROM '{folder / link}.csv' AS l JOIN '{folder / 'recomendacoes.csv'}' AS r "
            "ON l.recomendacao = r.id").fetchall()
        ((rows,),) = duckdb.sql(f"SELECT count(*) FROM '{folder / link}.csv'").fetchall()
        assert joined == rows == len(_expected(strategy)[link, "recomendacao"]) > 0, link


def test_the_same_readers_take_numbers_like_3_10_for_numbers(folder, tmp_path):
    # the recommendations' own number (3.7) is such a column: the reason for the text id
    kind, values = _duckdb_column(folder / "recomendacoes.csv", "numero")
    assert kind in ("DOUBLE", "FLOAT") or kind.startswith("DECIMAL"), kind
    assert pd.api.types.is_float_dtype(pd.read_csv(folder / "recomendacoes.csv")["numero"])
    numbers = tmp_path / "numeros.csv"
    numbers.write_text("numero\r\n3.1\r\n3.10\r\n", encoding="utf-8")
    kind, values = _duckdb_column(numbers, "numero")
    assert kind != "VARCHAR" and float(values[0]) == float(values[1]) == 3.1
    read = pd.read_csv(numbers)["numero"]
    assert pd.api.types.is_float_dtype(read) and read.tolist() == [3.1, 3.1]


def test_the_workbook_stores_the_ids_as_text(outputs, strategy):
    workbook = load_workbook(io.BytesIO(outputs.file("dados/" + datapackage.workbook_name(strategy.identity)).data))
    expected = _expected(strategy) | {("recomendacoes", "numero"): [r.id for r in strategy.recommendations]}
    for (table, column), ids in expected.items():
        sheet = workbook[table]
        number = [cell.value for cell in sheet[1]].index(column) + 1
        cells = [row[0] for row in sheet.iter_rows(min_row=2, min_col=number, max_col=number)]
        assert [c.value for c in cells] == ids and {c.data_type for c in cells} == {"s"}, (table, column)
