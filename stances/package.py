"""A data version as a citable package: one CSV per table with a Frictionless `datapackage.json` (a
schema per table) and an XLSX workbook with a sheet per table, written by `python -m stances release`.

The package's CSVs hold the data as it is (machine-readable, values never altered); the workbook is the
copy meant for spreadsheets. Integers stay integers; dates stay text, so a month-only date keeps its
precision ("2026-03", never a first-of-month timestamp).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from stances.dataset import Data
from stances.export import TABLES, table_rows

PACKAGE_TABLES = ["dataset", *TABLES, "stances"]
DESCRIPTIONS = {
    "dataset": "The release: title, licence, version, as-of date, coverage and changelog (JSON text).",
    "actors": "Sides and the people who speak for them.",
    "issues": "Each issue's neutral question and ordered scale of levels (JSON text).",
    "documents": "Peace-plan texts with their points (JSON text).",
    "positions": "Dated positions of each side on each issue, with their sources.",
    "metrics": "The key figures' metrics.",
    "figures": "Key figure values.",
    "events": "The timeline.",
    "sources": "The source register.",
    "stances": "Where each side stands on each issue at the as-of date, from the stance engine.",
}


def _type(values: list[Any]) -> str:
    present = [v for v in values if v not in (None, "")]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "integer"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "number"
    return "string"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def tables(data: Data) -> dict[str, list[dict[str, Any]]]:
    """Every table of the release as flat rows (lists joined with '; ', nested values as JSON text)."""
    return {name: table_rows(data, name) for name in PACKAGE_TABLES}


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(key for row in rows for key in row))


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(row.get(c)) for c in columns] for row in rows)
    return buffer.getvalue()


def _resource(name: str, rows: list[dict[str, Any]], columns: list[str]) -> dict[str, Any]:
    fields = [{"name": c, "type": _type([row.get(c) for row in rows])} for c in columns]
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if "id" in columns and len({row.get("id") for row in rows}) == len(rows):
        schema["primaryKey"] = ["id"]
    return {
        "name": name,
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": DESCRIPTIONS.get(name, ""),
        "schema": schema,
    }


def descriptor(data: Data, resources: list[dict[str, Any]]) -> dict[str, Any]:
    d = data.dataset
    return {
        "name": "peace-talks-stances",
        "title": d.title,
        "description": d.description,
        "version": d.version,
        "created": f"{d.changelog[0].date if d.changelog else d.as_of}T00:00:00Z",
        "licenses": [{"name": "CC-BY-4.0", "title": d.licence}],
        "keywords": ["Russia", "Ukraine", "peace negotiations", "stances"],
        "custom": {"as_of": d.as_of, "coverage": d.coverage or ""},
        "resources": resources,
    }


def write(data: Data, folder: Path) -> list[Path]:
    """The release's package in `folder`: datapackage.json, one CSV per table, and the workbook."""
    folder.mkdir(parents=True, exist_ok=True)
    written, resources, sheets = [], [], {}
    for name, rows in tables(data).items():
        columns = _columns(rows) or ["id"]
        path = folder / f"{name}.csv"
        path.write_text(_csv(rows, columns), encoding="utf-8")
        resources.append(_resource(name, rows, columns))
        sheets[name] = (columns, rows)
        written.append(path)
    meta = folder / "datapackage.json"
    meta.write_text(json.dumps(descriptor(data, resources), ensure_ascii=False, indent=2) + "\n", "utf-8")
    book = folder / f"stances-{data.dataset.version}.xlsx"
    book.write_bytes(workbook(sheets))
    return [meta, *written, book]


def workbook(sheets: dict[str, tuple[list[str], list[dict[str, Any]]]]) -> bytes:
    """One sheet per table; numbers as numbers, text as text (a cell that would start a formula is stored
    as a string, never as a formula)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    book.properties.created = book.properties.modified = _FIXED
    for name, (columns, rows) in sheets.items():
        sheet = book.create_sheet(title=name[:31])
        sheet.append(columns)
        for row in rows:
            sheet.append([_xlsx(row.get(c)) for c in columns])
        for cells in sheet.iter_rows(min_row=1):
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return _reproducible(buffer.getvalue())


def _reproducible(xlsx: bytes) -> bytes:
    """The workbook with fixed timestamps (openpyxl stamps the save time): a rebuild gives the same bytes."""
    stamp = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = stamp.sub(rb"<dcterms:modified\1>2020-01-01T00:00:00Z</dcterms:modified>", content)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0)), content,
                            compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    return out.getvalue()


_FIXED = dt.datetime(2020, 1, 1)  # a reproducible workbook: no build time inside


def _xlsx(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value
