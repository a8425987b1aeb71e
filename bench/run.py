"""Benchmark: load/validate and page reruns on synthetic data at 1×, 10× and 100× the bundled size, and
the bargaining models on the bundled data and at 100×.

Run from the project root with the dev requirements: `python bench/run.py` (add `--quick` for 1× with
few repeats, `--browser` to time each page drawing in Chromium, `--interact` to time a new as-of date on
each page in Chromium, on the bundled data and at 100×). Prints a markdown table; `--out FILE`
also writes it there (e.g. `--out docs/performance.md`, keeping the history below its marker).
Figures are medians of several runs in one process; nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from bench import browser, interact, synthetic  # noqa: E402
from stances import bargaining, deal, explorer, registry, tables  # noqa: E402
from stances.loader import load_dataset  # noqa: E402
from stances.settings import Settings, load_settings  # noqa: E402

PAGES = registry.NAMES
FLOOR_APP = 'import streamlit as st\nst.selectbox("Pick one", ["a", "b"])\n'


def median_time(action: Callable[[], object], repeats: int) -> float:
    """Median seconds of `action()`; what it returns is freed after the clock stops."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
        del result
    return statistics.median(times)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def warm_rerun(app: Path, page: str | None, repeats: int) -> float:
    """Median time of a rerun of `page` after a first run has filled the caches."""
    at = AppTest.from_file(str(app), default_timeout=600)
    if page:
        at.switch_page(f"pages/{page}.py")
    at.run()
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    return median_time(at.run, repeats)


def bench_scale(scale: int, work: Path, repeats: int, floor: float) -> dict[str, object]:
    folder = synthetic.write(scale, work / f"x{scale}" / "data")
    config = synthetic.config(folder, synthetic.shape(scale)["sides"])
    counts = load_dataset(folder).counts()
    row: dict[str, object] = {"scale": f"{scale}×", "positions": counts["positions"]}
    row["load C (s)"] = median_time(lambda: load_dataset(folder), repeats)
    row["load pure (s)"] = median_time(lambda: load_dataset(folder, fast=False), max(1, repeats // 2))

    def naive() -> None:
        tables.build(load_dataset(folder))

    os.environ["STANCES_CONFIG"] = str(config)
    from stances.ui import context

    settings = context.settings()
    context.load_bundle(settings)
    cached = median_time(lambda: context.load_bundle(settings), repeats * 20)
    row["naive (s)"] = median_time(naive, repeats)
    row["cached (ms)"] = cached * 1000
    row["cached speed-up"] = row["naive (s)"] / cached
    for page in PAGES:
        row[page] = warm_rerun(ROOT / "app.py", page, repeats) / floor
    row["peak MB"] = peak_mb()
    context._settings.clear()
    return row


MODELS = ("salience", "deal", "trade-offs", "what it takes")


def bench_models(label: str, folder: Path, settings: Settings) -> dict[str, object]:
    """Seconds for each bargaining step, once, on the explorer's defaults: the first two configured sides,
    every issue, the dataset's as-of date, curated scores and combined salience."""
    data = load_dataset(folder)
    built = tables.build(data)
    sides = [s for s in settings.side_ids if s in data.actors][:2]
    s = explorer.setting(data, built, sides, list(data.issues), as_of=data.dataset.as_of_date)
    restated = settings.restated_within_days
    row: dict[str, object] = {"data": label, "issues": len(s.issue_ids)}

    def timed(name: str, action: Callable[[], object]) -> object:
        start = time.perf_counter()
        result = action()
        row[f"{name} (s)"] = time.perf_counter() - start
        return result

    frame = timed("salience", lambda: deal.salience_frame(data, built, s, "curated", restated))
    prob = deal.problem(data, s, frame, "curated", "combined")
    models = timed("deal", lambda: deal.deal(data, s, frame, "curated", "combined", settings.capability))
    timed("trade-offs", lambda: deal.trade_table(data, prob, as_of=s.as_of))
    timed("what it takes", lambda: deal.what_it_takes(data, prob, models.nash.package or {}))
    row["total (s)"] = sum(float(row[f"{m} (s)"]) for m in MODELS)
    row["Nash method"] = models.nash.method.split(":")[0]
    return row


def interaction_rows(work: Path, quick: bool) -> dict[str, dict[str, dict[str, float]]]:
    """A new as-of date on each page, on the bundled data and (unless quick) at 100×."""
    bundled = load_dataset(ROOT / "data")
    scales: dict[str, Path | None] = {"1×": None}
    spans = {"1×": (bundled.first_day, bundled.dataset.as_of_date)}
    if not quick:
        folder = synthetic.write(100, work / "interact-x100" / "data")
        scales["100×"] = synthetic.config(folder, synthetic.shape(100)["sides"])
        big = load_dataset(folder)
        spans["100×"] = (big.first_day, big.dataset.as_of_date)
    return interact.measure(work, scales, spans, repeats=3 if quick else 5)


INTERACTIONS = (
    "Milliseconds from Enter in the sidebar's as-of box (a date not typed before in the server's life) "
    "to the later of the script's end (its `script_finished` message reaching the browser) and the "
    "last chart drawn (plotly's `plotly_afterplot`, or a new chart element with its SVG); medians of "
    "five (three with --quick), each right after the same action on a reference app with one text "
    "box, one small chart and one table, in the same browser, so the ratio compares runs made under "
    "the same load. `script` is the part up to the script's end; `memo hit` types the page's earlier "
    "dates again (the server finds the views it built; the browser still draws them). Charts below "
    "the first screen: of a 1440×900 window."
)


def model_rows(work: Path, quick: bool) -> list[dict[str, object]]:
    rows = [bench_models("bundled", ROOT / "data", load_settings(ROOT / "config.yaml"))]
    if not quick:
        folder = synthetic.write(100, work / "models-x100" / "data")
        config = load_settings(synthetic.config(folder, synthetic.shape(100)["sides"]))
        rows.append(bench_models("100×", folder, config))
    return rows


def model_target(rows: list[dict[str, object]]) -> str:
    """Every bargaining model answers within the explorer's search budget, on the bundled data and at 100×."""
    budget = explorer.SEARCH_SECONDS
    lines = []
    for label in ("bundled", "100×"):
        target = f"the bargaining models together ≤ {budget:g} s (the explorer's budget) on the {label} data"
        row = next((r for r in rows if r["data"] == label), None)
        if row is None:
            lines.append(_line(target, "not run (--quick)", None))
            continue
        total = float(row["total (s)"])
        slowest = max(MODELS, key=lambda m: float(row[f"{m} (s)"]))
        took = float(row[f"{slowest} (s)"])
        reason = f"{total:.2f} s, slowest: {slowest} ({took:.2f} s, {row['issues']} issues)"
        if total > budget and row["Nash method"] == "search":
            reason += (
                f"; over {bargaining.ENUMERATE:,} packages `deal` runs two Nash searches (the package and "
                f"its check under even scores), each up to {bargaining.NASH_SECONDS:g} s"
            )
        lines.append(_line(target, reason, total <= budget))
    return "\n".join(lines)


def table(rows: list[dict[str, object]]) -> str:
    columns = list(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        cells = []
        for column in columns:
            value = row[column]
            short = column in PAGES or "MB" in column or "speed" in column
            if isinstance(value, float):
                cells.append(f"{value:.1f}" if short else f"{value:.3f}")
            else:
                cells.append(str(value))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


HISTORY = "<!-- Everything below this line is kept when the benchmark rewrites the file. -->"


def _line(target: str, measured: str, ok: bool | None) -> str:
    status = "—" if ok is None else ("**met**" if ok else "**missed**")
    return f"| {target} | {measured} | {status} |"


Rows = list[dict[str, object]]


INTERACTION_LIMITS = {"1×": 1.5, "100×": 3.0}


def interaction_targets(result: dict[str, dict[str, dict[str, float]]] | None) -> list[str]:
    """Every page's interaction (a new as-of date) against the reference app's, at 1× and 100×."""
    lines = []
    for scale, limit in INTERACTION_LIMITS.items():
        target = f"every page's interaction ≤ {limit:g}× the reference app's at {scale}"
        rows = (result or {}).get(scale)
        if not rows:
            lines.append(
                _line(target, "not run (--interact)" if result is None else "not run (--quick)", None)
            )
            continue
        page = max(rows, key=lambda name: rows[name]["ratio"])
        missed = [name for name, row in rows.items() if row["ratio"] > limit]
        measured = f"worst: {page} {rows[page]['ratio']:.2f}×" + (
            f"; over: {', '.join(missed)}" if missed else ""
        )
        lines.append(_line(target, measured, not missed))
    return lines


def targets(
    rows: Rows,
    drawn: dict[str, object] | None,
    models: Rows | None = None,
    interactions: dict[str, dict[str, dict[str, float]]] | None = None,
) -> str:
    """Each target with what this run measured and whether it is met."""
    by_scale = {row["scale"]: row for row in rows}
    lines = ["| target | measured | status |", "|---|---|---|"]
    for scale, limit in (("1×", 10), ("100×", 30)):
        target = f"every page's warm rerun ≤ {limit}× the floor at {scale}"
        if scale not in by_scale:
            lines.append(_line(target, "not run (--quick)", None))
            continue
        page, ratio = max(((p, float(by_scale[scale][p])) for p in PAGES), key=lambda item: item[1])
        lines.append(_line(target, f"worst: {page} {ratio:.1f}×", ratio <= limit))
    target = "load + validate of 10,000 positions ≤ 2 s"
    if "100×" in by_scale:
        load = float(by_scale["100×"]["load C (s)"])
        lines.append(_line(target, f"{load:.2f} s", load <= 2))
    else:
        lines.append(_line(target, "not run (--quick)", None))
    speed = min(float(row["cached speed-up"]) for row in rows)
    lines.append(_line("cached path ≥ 10× faster than loading each rerun", f"{speed:.0f}×", speed >= 10))
    if models:
        lines.append(model_target(models))
    lines += interaction_targets(interactions)
    drawn_target, memory_target = (
        "every page drawn ≤ 1.5× the reference page",
        "server ≤ 300 MB with 8 sessions",
    )
    if drawn is None:
        lines += [_line(drawn_target, "not run (--browser)", None), _line(memory_target, "not run", None)]
        return "\n".join(lines)
    times = {name: float(row["seconds"]) / float(drawn["reference"]) for name, row in drawn["pages"].items()}
    page = max(times, key=times.get)
    lines.append(_line(drawn_target, f"worst: {page} {times[page]:.2f}×", times[page] <= 1.5))
    peak = float(drawn["memory_peak"])
    lines.append(_line(memory_target, f"{peak:.0f} MiB peak", peak <= 300))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1× only, few repeats")
    parser.add_argument("--browser", action="store_true", help="also time each page drawing in Chromium")
    parser.add_argument(
        "--interact", action="store_true", help="also time a new as-of date on each page in Chromium"
    )
    parser.add_argument("--out", help="also write the tables to this file (e.g. docs/performance.md)")
    args = parser.parse_args(argv)
    scales, repeats = ([1], 2) if args.quick else ([1, 10, 100], 5)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        floor_app = work / "floor.py"
        floor_app.write_text(FLOOR_APP, encoding="utf-8")
        floor = warm_rerun(floor_app, None, repeats * 4)
        rows = [bench_scale(scale, work, repeats, floor) for scale in scales]
        drawn = browser.measure(work) if args.browser else None
        interactions = interaction_rows(work, args.quick) if args.interact else None
        models = model_rows(work, args.quick)
    command = (
        "python bench/run.py"
        + (" --quick" if args.quick else "")
        + (" --browser" if args.browser else "")
        + (" --interact" if args.interact else "")
    )
    report = "\n".join(
        [
            "# Performance",
            "",
            f"Measured {dt.date.today()} by `{command}`: Python {platform.python_version()}, Streamlit "
            f"{streamlit.__version__}, {os.cpu_count()} cores, {platform.machine()}.",
            "",
            "## Targets",
            "",
            targets(rows, drawn, models, interactions),
            "",
            "## Warm reruns and loading",
            "",
            f"Page columns are warm AppTest reruns divided by the warm rerun of a one-widget app "
            f"({floor * 1000:.1f} ms here, the framework's floor). `load` is load + validate; "
            "`naive` loads, validates and builds the tables on every rerun; `cached` is what a rerun "
            "pays once the data is loaded (a stat of each file and a cache lookup). Medians; peak MB "
            "is the process's peak resident memory so far (scales run in increasing order).",
            "",
            table(rows),
            "",
            "## Bargaining models",
            "",
            "Seconds for each step on the explorer's defaults (the first two configured sides, every issue): "
            "revealed salience, `deal.deal` (compromise, Nash, Nash under even scores), the trade-offs and "
            "what it would take for the Nash package. One run each; Nash beyond "
            f"{bargaining.ENUMERATE:,} packages is a search with a {bargaining.NASH_SECONDS:g} s limit.",
            "",
            table(models),
            "",
            *(["## In the browser", "", browser.table(drawn), ""] if drawn else []),
            *(
                ["## Interactions", "", INTERACTIONS, "", interact.table(interactions), ""]
                if interactions
                else []
            ),
        ]
    )
    print(report)
    if not args.out:
        return 0
    out = Path(args.out)
    kept = out.read_text(encoding="utf-8").partition(HISTORY)[2] if out.exists() else ""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report + "\n" + HISTORY + (kept or "\n"), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
