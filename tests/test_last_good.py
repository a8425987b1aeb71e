"""Readers keep the last good version while a curator's edit is broken; curators see the problems."""

import re
import shutil

from stances import archive

from .apptest import open_page
from .conftest import MINI, use_data


def _serve(tmp_path, monkeypatch, *, with_archive: bool = False):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    extra = ""
    if with_archive:
        archive.write(data, tmp_path / "archive")
        extra = f"archive_dir: {tmp_path / 'archive'}\n"
    use_data(tmp_path, monkeypatch, data, extra)
    return data


def _break(data):
    path = data / "positions.yaml"
    path.write_text(path.read_text().replace("  stance: 2\n", "  stance: 9\n", 1))


def _text(at) -> str:
    parts = [w.value for w in at.main.warning] + [e.value for e in at.main.error] + [c.value for c in at.code]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def test_a_broken_edit_keeps_the_last_good_version_for_readers(tmp_path, monkeypatch):
    data = _serve(tmp_path, monkeypatch)
    good = open_page("matrix")
    assert len(good.dataframe[0].value) == 9 and not good.main.warning
    _break(data)
    at = open_page("matrix")
    assert not at.exception and len(at.dataframe[0].value) == 9  # the page still shows the data
    assert "A newer edit of the data has 1 problem(s)" in _text(at) and "version 0.3.0" in _text(at)
    sources = open_page("sources")
    assert "is not on the scale of 'quota'" in _text(sources)  # the curators' list, at file:line
    assert re.search(r"positions\.yaml:\d+: ", _text(sources))
    path = data / "positions.yaml"
    path.write_text(path.read_text().replace("  stance: 9\n", "  stance: 2\n", 1))
    fixed = open_page("matrix")
    assert not fixed.main.warning and "newer edit" not in _text(fixed)


def test_after_a_restart_a_broken_edit_falls_back_to_the_newest_release(tmp_path, monkeypatch):
    data = _serve(tmp_path, monkeypatch, with_archive=True)
    _break(data)
    at = open_page("matrix")
    assert not at.exception and len(at.dataframe[0].value) == 9
    assert "A newer edit of the data has 1 problem(s)" in _text(at)


def test_with_nothing_good_to_show_the_problem_list_is_shown(tmp_path, monkeypatch):
    data = _serve(tmp_path, monkeypatch)
    _break(data)
    at = open_page("matrix")
    assert "did not pass validation" in _text(at) and not at.dataframe
