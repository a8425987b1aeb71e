"""The benchmark runs in quick mode, writes its tables and keeps the history (no timing is asserted)."""

import datetime as dt
import itertools
import subprocess
import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT))

from bench import interact, run, synthetic
from stances.loader import load_dataset


@pytest.mark.slow  # runs the benchmark's quick mode end to end
@pytest.mark.usefixtures("bundled_today")  # the synthetic data is current to early 2026
def test_benchmark_quick_mode_writes_its_tables_and_keeps_the_history(tmp_path):
    out = tmp_path / "performance.md"
    out.write_text(f"# Old numbers\n{run.HISTORY}\n## Before\nthe earlier table\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert "# Old numbers" not in text and text.endswith(f"{run.HISTORY}\n## Before\nthe earlier table\n")
    assert "| scale | positions |" in text and "| 1× | 100 |" in text
    for column in ("load C (s)", "load pure (s)", "cached speed-up", "explorer", "changes", "peak MB"):
        assert column in text
    assert "| every page's warm rerun ≤ 10× the floor at 1× | worst: " in text
    assert "| every page's warm rerun ≤ 30× the floor at 100× | not run (--quick) | — |" in text
    assert "## Bargaining models" in text and "| bundled | 16 |" in text
    assert "| the bargaining models together ≤ 15 s (the explorer's budget) on the bundled data | " in text
    assert "on the 100× data | not run (--quick) | — |" in text


def test_the_bargaining_models_are_judged_against_the_explorers_budget():
    rows = [
        {"data": "bundled", "issues": 16, "total (s)": 0.7, "Nash method": "exact"}
        | {f"{m} (s)": 0.1 for m in run.MODELS},
        {"data": "100×", "issues": 100, "total (s)": 16.6, "Nash method": "search"}
        | {f"{m} (s)": 0.2 for m in run.MODELS}
        | {"deal (s)": 16.0},
    ]
    text = run.model_target(rows)
    assert "on the bundled data | 0.70 s, slowest: salience (0.10 s, 16 issues) | **met** |" in text
    assert "on the 100× data | 16.60 s, slowest: deal (16.00 s, 100 issues); over 60,000 packages" in text
    assert text.endswith("each up to 8 s | **missed** |")


def _row(scale: str, ratio: float, load: float = 1.0) -> dict[str, object]:
    return (
        {"scale": scale, "load C (s)": load, "cached speed-up": 50.0}
        | {page: 2.0 for page in run.PAGES}
        | {"timeline": ratio}
    )


def test_each_target_is_judged_on_what_was_measured():
    drawn = {
        "reference": 2.0,
        "pages": {"overview": {"seconds": 2.8}, "figures": {"seconds": 3.2}},
        "memory_peak": 320.0,
    }
    text = run.targets([_row("1×", 9.5), _row("100×", 31.0, load=2.5)], drawn)
    assert "| every page's warm rerun ≤ 10× the floor at 1× | worst: timeline 9.5× | **met** |" in text
    assert "| every page's warm rerun ≤ 30× the floor at 100× | worst: timeline 31.0× | **missed** |" in text
    assert "| load + validate of 10,000 positions ≤ 2 s | 2.50 s | **missed** |" in text
    assert "worst: figures 1.60× | **missed** |" in text and "320 MiB peak | **missed** |" in text


@pytest.mark.parametrize("scale", [1, 10])
@pytest.mark.usefixtures("bundled_today")
def test_synthetic_data_is_valid(tmp_path, scale):
    data = load_dataset(synthetic.write(scale, tmp_path / "data"))
    assert [str(p) for p in data.problems] == []
    assert data.counts()["positions"] == 100 * scale


def _interaction(ms: float, reference: float = 100.0) -> dict[str, float]:
    return {"charts": 2, "below": 1, "tables": 1, "redrawn": 2, "script": ms - 20, "ms": ms, "hit": ms / 2,
            "reference": reference, "ratio": ms / reference}  # fmt: skip


def test_the_interaction_table_has_a_row_per_page_and_a_column_group_per_scale():
    result = {
        "1×": {"overview": _interaction(140.0), "figures": _interaction(310.0)},
        "100×": {"overview": _interaction(260.0, 130.0)},
    }
    text = interact.table(result)
    assert "| page | charts (below the first screen) | 1× ms | 1× × reference | 1× script ms |" in text
    assert "| overview | 2 (1) | 140 | 1.40 | 120 | 70 | 260 | 2.00 | 240 | 130 |" in text
    assert "| figures | 2 (1) | 310 | 3.10 | 290 | 155 | failed | — | — | — |" in text
    assert text.endswith("per page's runs: 1× 100 ms, 100× 130 ms.")


def test_each_interaction_target_names_the_worst_page_and_every_page_over_it():
    result = {
        "1×": {
            "overview": _interaction(140.0),
            "figures": _interaction(310.0),
            "matrix": _interaction(160.0),
        },
        "100×": {"overview": _interaction(260.0, 130.0)},
    }
    lines = run.interaction_targets(result)
    assert lines[0] == (
        "| every page's interaction ≤ 1.5× the reference app's at 1× | worst: figures 3.10×; over: figures, "
        "matrix | **missed** |"
    )
    assert (
        lines[1]
        == "| every page's interaction ≤ 3× the reference app's at 100× | worst: overview 2.00× | **met** |"
    )
    assert run.interaction_targets(None)[1].endswith("| not run (--interact) | — |")
    assert run.interaction_targets({"1×": result["1×"]})[1].endswith("| not run (--quick) | — |")


def test_new_dates_alternate_between_two_stretches_and_never_repeat():
    days = list(itertools.islice(interact.dates(dt.date(2020, 1, 1), dt.date(2026, 1, 31)), 6))
    assert days[:4] == ["2026-01-01", "2025-01-26", "2025-12-31", "2025-01-25"]
    assert len(set(days)) == 6
