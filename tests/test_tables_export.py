import csv
import io
import json

import pandas as pd
import pytest

from stances import export, tables
from stances.cli import main
from stances.loader import load_dataset

from .conftest import MINI


@pytest.fixture(scope="module")
def data():
    return load_dataset(MINI)


def test_citations_count_every_record_once(data):
    counts = tables.citations(data)
    assert counts["text-3"] == 7  # 2 positions, 1 figure, 2 events, 2 documents
    assert counts["blog-4"] == 3  # a contested version, l-patrols-1, an event version


def test_document_points_inherit_document_sources(data):
    points = tables.document_points(data)
    assert len(points) == 5
    row = points[(points["document"] == "draft-a") & (points["number"] == 1)].iloc[0]
    assert (row["issue_title"], row["stance_label"], row["source_ids"]) == (
        "Catch quota",
        "Medium",
        ["text-3"],
    )


def test_figures_resolve_document_author_as_side(data):
    figures = tables.figures(data).set_index("id")
    assert figures.loc["q-draft-a", "side"] == "mediator"
    assert figures.loc["q-draft-a", "value_max"] == 65000
    assert figures.loc["q-actual", "contested"]


def test_dataset_dict_has_the_design_keys(data):
    payload = export.dataset_dict(data)
    assert list(payload) == [
        "dataset",
        "actors",
        "issues",
        "documents",
        "positions",
        "metrics",
        "figures",
        "events",
        "sources",
        "stances",
    ]
    assert payload["dataset"]["version"] == "0.3.0"
    assert payload["positions"][0]["id"] == "n-quota-1"
    assert payload["figures"][3]["contested"]["versions"][1]["claim"] == "50,000 tonnes"


def test_cli_validate_ok(capsys):
    assert main(["validate", "--data", str(MINI)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: ") and "9 positions" in out


def test_cli_validate_fails_with_every_problem(mini, capsys):
    (mini / "positions.yaml").write_text(
        (mini / "positions.yaml").read_text().replace("actor: northland", "actor: nobody")
    )
    assert main(["validate", "--data", str(mini)]) == 1
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln]
    assert len(lines) == 4 and all("unknown actor 'nobody'" in ln for ln in lines)


def test_cli_export_json_and_csv(tmp_path):
    out = tmp_path / "all.json"
    assert main(["export", "--format", "json", "--data", str(MINI), "--out", str(out)]) == 0
    assert len(json.loads(out.read_text())["positions"]) == 9
    csv_out = tmp_path / "events.csv"
    assert (
        main(["export", "--format", "csv", "--table", "events", "--data", str(MINI), "--out", str(csv_out)])
        == 0
    )
    lines = csv_out.read_text().splitlines()
    assert lines[0].startswith('"id","date","end_date","title","kind"') and len(lines) == 5  # text quoted


def test_stances_in_the_export_are_the_engines_and_carry_no_curator_notes(mini, tmp_path):
    text = (mini / "positions.yaml").read_text()
    (mini / "positions.yaml").write_text(
        text.replace(
            "  stance: 3\n  quote:", "  stance: 3\n  curator_note: checked in the archive\n  quote:", 1
        )
    )
    data = load_dataset(mini)
    assert data.ok, data.problems
    reader = json.dumps(export.dataset_dict(data))
    assert "checked in the archive" not in reader
    assert "checked in the archive" in json.dumps(export.dataset_dict(data, curator=True))
    held = {(r["side"], r["issue"]): (r["stance"], r["origin"]) for r in export.dataset_dict(data)["stances"]}
    assert held[("northland", "quota")] == (2, "position")
    assert held[("league", "border")] == (1, "plan")
    out = tmp_path / "stances.csv"
    assert (
        main(
            [
                "export",
                "--format",
                "csv",
                "--table",
                "stances",
                "--data",
                str(mini),
                "--as-of",
                "2024-03-01",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {(r["side"], r["issue"], r["stance"]) for r in rows} >= {("northland", "quota", "3")}


def test_csv_export_gives_each_source_its_own_title_and_url():
    frame = pd.DataFrame(
        {
            "id": ["p-1", "p-2"],
            "summary": ["Café — déjà vu", "Second"],
            "source_titles": [["Talks; what was said", "Wire"], ["Wire"]],
            "source_urls": [["https://a.example/1", "https://b.example/2"], ["https://b.example/2"]],
            "speakers": [["Ana", "Sam"], []],
        }
    )
    data = export.frame_to_csv(export.reader_frame(frame))
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark: spreadsheet programs read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == ["summary", "speakers", "source 1", "source 1 URL", "source 2", "source 2 URL"]
    assert rows[0]["summary"] == "Café — déjà vu"
    assert (rows[0]["source 1"], rows[0]["source 1 URL"]) == ("Talks; what was said", "https://a.example/1")
    assert (rows[1]["source 2"], rows[0]["speakers"]) == ("", "Ana | Sam")
    payload = json.loads(export.frame_to_json(export.reader_frame(frame)))
    assert payload[0]["sources"][0] == {"title": "Talks; what was said", "url": "https://a.example/1"}


def test_contested_versions_name_their_sources_by_title_not_id(data):
    row = tables.positions(data).set_index("id").loc["s-border-1"]
    assert "blog-4" not in row["contested_note"] and "wire-2" not in row["contested_note"]
    assert "An opening bid (A blog gets the venue wrong)" in row["contested_note"]
