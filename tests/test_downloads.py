"""Spreadsheet downloads are safe to open and faithful: no cell or header starts a formula (OWASP), text
fields are quoted, numbers stay numbers, whole numbers are integers, dates keep their precision, and the
XLSX holds exactly the CSV's cells."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from stances import export
from stances.cli import main
from tests.e2e import hostile

from .conftest import MINI

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def read_csv(data: bytes | str) -> list[list[str]]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    return list(csv.reader(io.StringIO(text, newline="")))


def number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def read_xlsx(data: bytes) -> list[list[object]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert len(book.worksheets) == 1
    sheet = book.worksheets[0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row), "no formula cells"
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def assert_inert(cells: list[list[object]]) -> None:
    """No text cell starts a formula; a CSV cell that is a number (written bare) is a number."""
    for row in cells:
        for cell in row:
            assert not (isinstance(cell, str) and cell.startswith(TRIGGERS) and not number(cell)), repr(cell)


def same_cell(csv_cell: str, xlsx_cell: object) -> bool:
    if xlsx_cell is None:
        return csv_cell == ""
    if isinstance(xlsx_cell, (int, float)) and not isinstance(xlsx_cell, bool):
        return number(csv_cell) and float(csv_cell) == xlsx_cell
    return csv_cell == str(xlsx_cell)


def assert_same(csv_rows: list[list[str]], xlsx_rows: list[list[object]]) -> None:
    """The workbook holds the CSV's cells: same shape, same text, same numbers."""
    assert [len(r) for r in xlsx_rows] == [len(r) for r in csv_rows]
    for csv_row, xlsx_row in zip(csv_rows, xlsx_rows, strict=True):
        for a, b in zip(csv_row, xlsx_row, strict=True):
            assert same_cell(a, b), (a, b)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\n=1"),  # a cell's line break is LF, as a workbook stores it
        ("\x00=1", "'=1"),  # a control character cannot hide a formula behind it
        ("plain", "plain"),
        ("'=already", "'=already"),
        (-5, -5),
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_inert_prefixes_formula_starters_with_a_quote_and_leaves_numbers(value, expected):
    assert export.inert(value) == expected


def test_csv_quotes_text_doubles_quotes_and_keeps_negative_numbers():
    frame = pd.DataFrame({"=title": ['=1+2";=1+2', "fine"], "value": [-3.0, 4.0], "share": [-0.25, 0.5]})
    text = export.frame_to_csv(frame).decode("utf-8-sig")
    # OWASP's own example: wrapped in double quotes, a leading quote, inner quotes doubled
    assert text.splitlines() == ['"\'=title","value","share"', '"\'=1+2"";=1+2",-3,-0.25', '"fine",4,0.5']


def test_integers_stay_integers_and_dates_keep_their_precision():
    frame = pd.DataFrame(
        {
            "date": ["2026-03", "2026", "2026-03-02"],
            "value": [600000.0, None, 85000.0],  # float only because one value is missing
            "stance": pd.Series([2.0, None, 0.0], dtype=object),
            "day": pd.to_datetime(["2026-03-01", "2026-01-01", "2026-03-02"]),
            "distance": [0.25, 1.0, None],
            "contested": [True, False, True],
        }
    )
    rows = read_xlsx(export.frame_to_xlsx(frame, "key figures"))
    assert rows[1] == ["2026-03", 600000, 2, "2026-03-01", 0.25, True]
    assert rows[2] == ["2026", None, None, "2026-01-01", 1, False]
    assert isinstance(rows[1][1], int) and isinstance(rows[1][0], str)
    assert_same(read_csv(export.frame_to_csv(frame)), rows)


def test_hostile_rows_stay_text_in_csv_and_xlsx():
    frame = pd.DataFrame(
        {
            hostile.FORMULAS[0]: [f"{f} tail" for f in hostile.FORMULAS],
            "-2+3": [-1, -2, -3, 4, 5, 6][: len(hostile.FORMULAS)],
            "sources": [[{"title": f, "url": "https://e.example/x"}] for f in hostile.FORMULAS],
        }
    )
    csv_rows, xlsx_rows = read_csv(export.frame_to_csv(frame)), read_xlsx(export.frame_to_xlsx(frame))
    assert_inert(csv_rows)
    assert_inert(xlsx_rows)
    assert_same(csv_rows, xlsx_rows)
    assert [row[1] for row in xlsx_rows[1:]] == [-1, -2, -3, 4, 5, 6][: len(hostile.FORMULAS)]


def test_cli_csv_export_is_inert_for_every_table(tmp_path):
    data = hostile.write(MINI, tmp_path / "data")
    for table in ["dataset", "stances", "actors", "issues", "positions", "documents", "figures", "events",
                  "sources"]:  # fmt: skip
        out = tmp_path / f"{table}.csv"
        assert (
            main(["export", "--data", str(data), "--format", "csv", "--table", table, "--out", str(out)]) == 0
        )
        rows = read_csv(out.read_text(encoding="utf-8"))
        assert len(rows) > 1
        assert_inert(rows)
        starts = [c for row in rows for c in row if c.startswith("'") and c[1:].startswith(TRIGGERS)]
        assert starts, f"the hostile {table} table has formula starters, neutralised"
