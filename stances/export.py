"""The dataset and any table as JSON or CSV, for the CLI and the dashboard's download buttons."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pandas as pd

from stances.validate import TABLES, Data


def dataset_dict(data: Data) -> dict[str, Any]:
    """The whole dataset as one JSON-ready object with the field names of the data files."""
    result: dict[str, Any] = {"dataset": data.dataset.model_dump(mode="json") if data.dataset else None}
    for table in TABLES:
        result[table] = [record.model_dump(mode="json") for record in getattr(data, table).values()]
    return result


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return "; ".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def table_rows(data: Data, table: str) -> list[dict[str, Any]]:
    """One table's records as flat rows (lists joined with '; ', nested values as JSON text)."""
    if table == "dataset":
        return [data.dataset.model_dump(mode="json")] if data.dataset else []
    if table not in TABLES:
        raise ValueError(f"unknown table '{table}'; choose from dataset, {', '.join(TABLES)}")
    records = getattr(data, table).values()
    return [{k: _cell(v) for k, v in r.model_dump(mode="json").items()} for r in records]


def rows_to_csv(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def frame_to_csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def frame_to_json(frame: pd.DataFrame, meta: dict[str, Any] | None = None) -> bytes:
    """Rows as a JSON list of objects; with `meta`, an object holding both (data version, filters)."""
    rows = json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    payload: Any = {**meta, "rows": rows} if meta is not None else rows
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
