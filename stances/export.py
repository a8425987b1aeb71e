"""The dataset and any table as JSON, CSV or XLSX, for the CLI and the dashboard's download buttons.

Spreadsheet files are safe to open (OWASP, CSV injection): a text cell or header that starts with `=`, `+`,
`-`, `@`, a tab or a carriage return gets a leading single quote, so a spreadsheet shows it as text instead
of running it, and every text field of a CSV is wrapped in double quotes (inner quotes doubled), so a
separator inside a field cannot start a new cell. Numbers are written as numbers and left alone: a real
number cannot hold a formula, and a negative figure must stay a number to add up.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Any

import pandas as pd

from stances import engine, tables
from stances.dataset import TABLES, Data

CURATOR_ONLY = "curator_note"
STANCE_FIELDS = ["side", "issue", "state", "stance", "stance_label", "withdrawn_level", "level_definition",
                 "stance_note", "date", "level_date", "latest_date", "age_days", "stale", "strength", "kind",
                 "origin", "summary", "quote", "newer_uncoded", "source_titles", "source_urls"]  # fmt: skip


def _reader(value: Any) -> Any:
    """A dumped record without its curator notes (they are for curators, never for readers)."""
    if isinstance(value, dict):
        return {k: _reader(v) for k, v in value.items() if k != CURATOR_ONLY}
    if isinstance(value, list):
        return [_reader(v) for v in value]
    return value


def _dump(record: Any, curator: bool) -> Any:
    dumped = record.model_dump(mode="json")
    return dumped if curator else _reader(dumped)


def stance_rows(
    data: Data, *, as_of: dt.date | None = None, built: tables.Tables | None = None
) -> list[dict[str, Any]]:
    """The stance engine's answer for every side × issue with a record, at `as_of` (default: the data's);
    `built` passes the data's tables when the caller has them."""
    day = as_of or data.dataset.as_of_date
    cells = engine.current((built or tables.build(data)).evidence, as_of=day)
    for column in ("stance", "withdrawn_level", "age_days"):
        cells[column] = cells[column].astype(object).where(cells[column].notna(), None)
    return json.loads(cells[STANCE_FIELDS].to_json(orient="records", force_ascii=False))


def dataset_dict(data: Data, *, curator: bool = False, as_of: dt.date | None = None) -> dict[str, Any]:
    """The whole dataset as one JSON-ready object with the field names of the data files, plus the
    stance each side holds on each issue at `as_of` (`stances`). Curator notes only when asked."""
    result: dict[str, Any] = {"dataset": _dump(data.dataset, curator) if data.dataset else None}
    for table in TABLES:
        result[table] = [_dump(record, curator) for record in getattr(data, table).values()]
    result["stances"] = stance_rows(data, as_of=as_of)
    return result


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return "; ".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def table_rows(
    data: Data, table: str, *, curator: bool = False, as_of: dt.date | None = None
) -> list[dict[str, Any]]:
    """One table's records as flat rows (lists joined with '; ', nested values as JSON text)."""
    if table == "dataset":
        return [_dump(data.dataset, curator)] if data.dataset else []
    if table == "stances":
        return stance_rows(data, as_of=as_of)
    if table not in TABLES:
        raise ValueError(f"unknown table '{table}'; choose from dataset, stances, {', '.join(TABLES)}")
    records = getattr(data, table).values()
    return [{k: _cell(v) for k, v in _dump(r, curator).items()} for r in records]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # no spreadsheet file can hold these


def inert(value: Any) -> Any:
    """A cell no spreadsheet runs: text that would start a formula gets a leading single quote (OWASP).
    Control characters a spreadsheet cannot hold are dropped first, and a line break inside a cell is
    written as LF (a workbook turns CR into LF anyway; CSV and XLSX stay alike). Numbers are unchanged."""
    if not isinstance(value, str):
        return value
    text = _NOT_IN_XML.sub("", value)
    if text.startswith(FORMULA_START):
        text = "'" + text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _csv(header: list[Any], rows: Any) -> str:
    """Headers and text cells inert and in double quotes, numbers bare."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([inert(n) for n in header])
    writer.writerows([inert(v) for v in row] for row in rows)
    return buffer.getvalue()


def rows_to_csv(rows: list[dict[str, Any]]) -> str:
    """Flat rows (`table_rows`) as CSV."""
    if not rows:
        return ""
    names = list(rows[0])
    return _csv(names, ([row.get(n) for n in names] for row in rows))


INTERNAL = ("day", "id", "source_ids", "rank", "position_a", "position_b", "document", CURATOR_ONLY)


def reader_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a view as a reader may take them away: no record ids, curator notes or plot helpers,
    and each cited source as a title with its own URL (`sources`, a list of {title, url})."""
    out = frame.drop(columns=[c for c in INTERNAL if c in frame.columns])
    if {"source_titles", "source_urls"} <= set(out.columns):
        paired = [
            [{"title": t, "url": u} for t, u in zip(titles, urls, strict=True)]
            for titles, urls in zip(out["source_titles"], out["source_urls"], strict=True)
        ]
        out = out.drop(columns=["source_titles", "source_urls"]).assign(sources=paired)
    return out


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """One value per CSV cell: each source in its own pair of columns, other lists joined with ' | '."""
    out = frame.copy()
    titled = out.get("sources", pd.Series(dtype=object)).map(
        lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v)
    )
    if "sources" in out.columns and titled.all():
        most = int(out["sources"].map(len).max()) if len(out) else 0
        for k in range(most):
            out[f"source {k + 1}"] = out["sources"].map(lambda s, k=k: s[k]["title"] if len(s) > k else "")
            out[f"source {k + 1} URL"] = out["sources"].map(lambda s, k=k: s[k]["url"] if len(s) > k else "")
        out = out.drop(columns="sources")
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, list)).any():
            out[column] = out[column].map(lambda v: " | ".join(map(str, v)) if isinstance(v, list) else v)
    return out


def _column(values: pd.Series) -> list[Any]:
    """One column as a spreadsheet should hold it: whole numbers as integers (also in a column that is
    float only because a value is missing), dates as ISO text at the precision they have, text inert,
    a missing value as None."""
    if pd.api.types.is_datetime64_any_dtype(values):
        present = values.dropna()
        style = "%Y-%m-%d" if (present == present.dt.normalize()).all() else "%Y-%m-%dT%H:%M:%S"
        return [None if pd.isna(v) else v.strftime(style) for v in values]
    cells = [_value(v) for v in values]
    numbers = [v for v in cells if v is not None]
    if numbers and all(isinstance(v, float) and v.is_integer() and abs(v) < 2**53 for v in numbers):
        return [None if v is None else int(v) for v in cells]
    return cells


def _value(value: Any) -> Any:
    """A str, int, float, bool or None for one cell."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # a numpy scalar
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, dict):
        return inert(json.dumps(value, ensure_ascii=False))
    return inert(str(value))


def sheet(frame: pd.DataFrame) -> tuple[list[str], list[list[Any]]]:
    """A view's rows as a spreadsheet holds them: inert headers, and per cell a str, int, float, bool or
    None (see `_column`), each source in its own pair of columns. The CSV and XLSX downloads both write it."""
    flat = _flat(frame)
    columns = [_column(flat[c]) for c in flat.columns]
    header = [inert(str(c)) for c in flat.columns]
    return header, [list(row) for row in zip(*columns, strict=True)] if columns else []


def frame_to_csv(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so spreadsheet programs read accents and dashes right."""
    return _csv(*sheet(frame)).encode("utf-8-sig")


def frame_to_xlsx(frame: pd.DataFrame, title: str = "data") -> bytes:
    """One sheet with the CSV's header and cells: integers as integers, dates as the ISO text they are
    stored as (`2026-03` stays `2026-03`), text as text (never a formula)."""
    from openpyxl import Workbook  # only when a reader asks for a workbook

    header, rows = sheet(frame)
    book = Workbook(write_only=True)
    page = book.create_sheet(re.sub(r"[\\/*?:\[\]]", "-", title)[:31] or "data")
    page.append(header)
    for row in rows:
        page.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def frame_to_json(frame: pd.DataFrame, meta: dict[str, Any] | None = None) -> bytes:
    """Rows as a JSON list of objects; with `meta`, an object holding both (data version, filters)."""
    rows = json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    payload: Any = {**meta, "rows": rows} if meta is not None else rows
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
