"""Citations that hold: archived releases, links to an old version, revisions, the data package, the
workbook, the feeds and the citation formats."""

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET

import openpyxl
import pytest
import yaml

from stances import archive, feed, methodology, package, releases, revisions
from stances.cli import main
from stances.loader import load_dataset
from stances.urlstate import version_choice

from .apptest import open_page
from .conftest import MINI, ROOT, older_release, with_withdrawal


@pytest.fixture
def store(tmp_path):
    """An archive with 0.2.0 and 0.3.0 of the fixture."""
    folder = tmp_path / "archive"
    archive.write(older_release(tmp_path / "old"), folder)
    archive.write(MINI, folder)
    return folder


def test_archive_is_reproducible_ordered_and_never_silently_changed(store, tmp_path):
    assert archive.versions(store) == ["0.2.0", "0.3.0"]
    before = (store / "0.3.0.zip").read_bytes()
    archive.write(MINI, store)
    assert (store / "0.3.0.zip").read_bytes() == before
    changed = with_withdrawal(tmp_path / "changed")
    with pytest.raises(archive.ReleaseError, match="already archived with other content"):
        archive.write(changed, store)
    archive.write(changed, store, replace=True)
    assert (store / "0.3.0.zip").read_bytes() != before
    assert archive.key("1.10.0") > archive.key("1.9.0")


def test_an_archived_version_loads_as_it_was(store):
    old = archive.load(store, "0.2.0")
    assert old.ok and old.dataset.version == "0.2.0" and old.positions["n-quota-2"].stance == 1


def test_a_link_names_a_version_archived_current_or_unknown():
    assert version_choice([], "1.2.0", ["1.1.0"]) == (None, None)
    assert version_choice(["1.2.0"], "1.2.0", ["1.1.0"]) == (None, None)
    assert version_choice(["1.1.0"], "1.2.0", ["1.1.0"]) == ("1.1.0", None)
    wanted, notice = version_choice(["<b>9</b>"], "1.2.0", ["1.1.0"])
    assert wanted is None and "Ignored the data version '<b>9</b>'" in notice and "1.1.0" in notice


def test_revisions_between_two_versions(store, tmp_path):
    old, new = archive.load(store, "0.2.0"), load_dataset(with_withdrawal(tmp_path / "w"))
    frame = revisions.between(old, new).set_index("id")
    assert frame.loc["n-quota-2", "change"] == "recoded"
    assert (frame.loc["n-quota-2", "before"], frame.loc["n-quota-2", "after"]) == ("1: Small", "2: Medium")
    assert frame.loc["s-border-2", "change"] == "withdrawn"
    assert frame.loc["s-border-2", "after"] == "withdraws 0: North line"
    assert (frame.loc["relay-6", "change"], frame.loc["relay-6", "what"]) == (
        "added",
        "Southland drops the north line",
    )
    assert revisions.summary(revisions.between(old, new))["positions recoded"] == 1


def test_the_data_package_validates_and_the_workbook_matches_it(tmp_path):
    from frictionless import validate

    data = load_dataset(MINI)
    written = package.write(data, tmp_path / "pkg")
    report = validate(str(tmp_path / "pkg" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    meta = json.loads((tmp_path / "pkg" / "datapackage.json").read_text())
    assert meta["version"] == "0.3.0" and {r["name"] for r in meta["resources"]} >= {"positions", "stances"}
    fields = {
        f["name"]: f["type"]
        for r in meta["resources"]
        if r["name"] == "positions"
        for f in r["schema"]["fields"]
    }
    assert fields["stance"] == "integer" and fields["date"] == "string"
    book = openpyxl.load_workbook(next(p for p in written if p.suffix == ".xlsx"))
    rows = list(csv.reader(io.StringIO((tmp_path / "pkg" / "positions.csv").read_text())))
    sheet = [[("" if v is None else v) for v in row] for row in book["positions"].iter_rows(values_only=True)]
    assert sheet[0] == rows[0] and len(sheet) == len(rows)
    stance = rows[0].index("stance")
    assert all(isinstance(r[stance], int) for r in sheet[1:] if r[stance] != "")  # integers stay integers
    month = rows[0].index("date")
    assert "2024-02" in [r[month] for r in sheet[1:]]  # a month-only date keeps its precision


def test_release_writes_every_version_latest_and_feeds(tmp_path):
    static = tmp_path / "static"
    store = tmp_path / "archive"
    archive.write(older_release(tmp_path / "old"), store)
    releases.release(with_withdrawal(tmp_path / "data"), store, static, base="https://example.org/")
    assert {p.name for p in (static / "data").iterdir()} == {"0.2.0", "0.3.0", "latest"}
    assert (static / "data" / "latest" / "datapackage.json").read_bytes() == (
        static / "data" / "0.3.0" / "datapackage.json"
    ).read_bytes()
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring((static / "feeds" / "side-southland.xml").read_bytes())
    titles = [e.find(f"{atom}title").text for e in root.iter(f"{atom}entry")]
    assert "Southland · Sea border: North line → no current level — withdrawn on 2024-06-20" in titles
    link = root.find(f"{atom}entry/{atom}link").get("href")
    assert link.startswith("https://example.org/matrix?cell=southland%3Aborder") and "v=0.3.0" in link


def test_release_command_refuses_a_changed_release(tmp_path, capsys):
    store, static = tmp_path / "archive", tmp_path / "static"
    args = ["release", "--archive", str(store), "--static", str(static)]
    assert main([*args, "--data", str(MINI)]) == 0
    assert main([*args, "--data", str(with_withdrawal(tmp_path / "d"))]) == 1
    assert "raise `version`" in capsys.readouterr().err


def test_feeds_group_changes_by_release(store):
    rows = feed.changes([archive.load(store, "0.2.0"), archive.load(store, "0.3.0")])
    assert set(rows["version"]) <= {"0.2.0", "0.3.0"}


def test_citations_name_version_and_access_date():
    data = load_dataset(MINI)
    day = dt.date(2026, 12, 3)
    apa = methodology.citation_apa(data, day, "https://example.org/")
    assert "(Version 0.3.0; data current to 2024-06-30)" in apa and "Retrieved December 3, 2026" in apa
    bib = methodology.citation_bibtex(data, day)
    assert (
        bib.startswith("@misc{stances030,") and "version = {0.3.0}" in bib and "urldate = {2026-12-03}" in bib
    )


def test_citation_cff_parses_and_matches_the_data(bundled_today):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    bundled = load_dataset(ROOT / "data").dataset
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset" and cff["authors"]
    assert cff["version"] == bundled.version and cff["title"] == bundled.title


def test_every_bundled_release_is_archived_and_packaged(bundled_today):
    versions = archive.versions(ROOT / "archive")
    assert versions[:2] == ["1.0.0", "1.1.0"] and versions[-1] == load_dataset(ROOT / "data").dataset.version
    for version in versions:
        assert archive.load(ROOT / "archive", version).ok, version
        assert (ROOT / "static" / "data" / version / "datapackage.json").is_file()
    current = ROOT / "archive" / f"{versions[-1]}.zip"
    assert current.read_bytes() == archive._zip_bytes(ROOT / "data"), "run `python -m stances release`"


# Pages ------------------------------------------------------------------------------------------------


def _quota(at):
    cells = at.dataframe[0].value
    return cells[(cells["issue_title"] == "Catch quota") & (cells["side_name"] == "Northland")].iloc[0]


def test_an_old_link_shows_the_old_version_and_offers_the_current(versioned_config):
    at = open_page("matrix", {"v": "0.2.0"})
    assert _quota(at)["stance_label"] == "Small"
    words = re.sub(r"\\(.)", r"\1", " ".join(m.value for m in at.markdown))
    assert "This view shows data version 0.2.0" in words and "The current version is 0.3.0" in words
    captions = [re.sub(r"\\(.)", r"\1", c.value).replace("\u200b", "") for c in at.caption]
    assert any("version 0.2.0" in c for c in captions)  # the footer names the version shown
    assert at.button(key="to-current-version").label == "Show this view on the current data (0.3.0)"
    assert _quota(open_page("matrix"))["stance_label"] == "Medium"  # the click itself: the browser test


def test_an_unknown_version_is_noticed(versioned_config):
    at = open_page("matrix", {"v": "7.7.7"})
    assert _quota(at)["stance_label"] == "Medium"
    assert any("Ignored the data version '7.7.7'" in w.value.replace("\\", "") for w in at.main.warning)


def test_sources_page_lists_revisions_and_citations(versioned_config):
    at = open_page("sources", {"rev_from": "0.2.0", "rev_to": "0.3.0"})
    table = next(d.value for d in at.dataframe if "change" in d.value.columns and "reason" in d.value.columns)
    assert list(table["what"]) == ["Northland accepts a medium quota."]
    assert (table["change"].iloc[0], table["before"].iloc[0], table["after"].iloc[0]) == (
        "recoded",
        "1: Small",
        "2: Medium",
    )
    codes = [c.value for c in at.code]
    assert any(c.startswith("@misc{") for c in codes) and any("[Data set]" in c for c in codes)
