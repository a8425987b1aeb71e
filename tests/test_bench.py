"""The benchmark runs in quick mode and writes its table (no timing is asserted)."""

import subprocess
import sys

from .conftest import ROOT


def test_benchmark_quick_mode_writes_its_table(tmp_path):
    out = tmp_path / "performance.md"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    table = out.read_text(encoding="utf-8")
    assert "| scale | positions |" in table and "| 1× | 100 |" in table
    for column in ("load C (s)", "load pure (s)", "cached speed-up", "overview", "timeline", "peak MB"):
        assert column in table


def test_synthetic_data_is_valid(tmp_path):
    sys.path.insert(0, str(ROOT))
    from bench import synthetic
    from stances.dataset import load_dataset

    data = load_dataset(synthetic.write(1, tmp_path / "data"))
    assert data.problems == []
    assert data.counts()["positions"] == 100
