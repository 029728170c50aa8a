"""The XLSX opens readable (issue 17, point 9, the workbook part): on every sheet a frozen header, an
autofilter over the whole table, column widths from the values (bounded) and long texts wrapped."""
import io

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from engd.outputs import datapackage


def _workbook(outputs, strategy):
    return load_workbook(io.BytesIO(outputs.file("dados/" + datapackage.workbook_name(strategy.identity)).data))


def test_every_sheet_is_frozen_filtered_sized_and_wrapped(outputs, strategy):
    workbook = _workbook(outputs, strategy)
    assert len(workbook.worksheets) == len(datapackage.TABLES) + 1
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}", sheet.title
        for number in range(1, sheet.max_column + 1):
            letter = get_column_letter(number)
            width = sheet.column_dimensions[letter].width
            assert datapackage._MIN_WIDTH <= width <= datapackage._MAX_WIDTH, (sheet.title, letter, width)
            longest = max(len(line) for row in sheet.iter_rows(min_col=number, max_col=number)
                          for line in (str(row[0].value or "").splitlines() or [""]))
            if longest + 2 > datapackage._MAX_WIDTH:
                assert all(row[0].alignment.wrap_text for row in sheet.iter_rows(min_row=2, min_col=number, max_col=number)), (sheet.title, letter)
            else:
                assert width == max(longest + 2, datapackage._MIN_WIDTH), (sheet.title, letter)


def test_the_official_text_column_wraps(outputs, strategy):
    sheet = _workbook(outputs, strategy)["recomendacoes"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("texto_oficial") + 1
    assert sheet.column_dimensions[get_column_letter(column)].width == datapackage._MAX_WIDTH
    assert sheet.cell(row=2, column=column).alignment.wrap_text
