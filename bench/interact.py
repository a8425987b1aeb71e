"""Interaction timings for `bench/run.py --interact`: a new as-of date typed into the sidebar box, in
Chromium, on each page and on a one-chart reference app, interleaved in one run.

An interaction is timed from the Enter key (a keydown listener in the page takes the time) to the later
of: the script's end (Streamlit's `data-test-script-state` leaving `running` for `notRunning`) and the
last chart drawn. A chart counts as drawn when plotly reports `plotly_afterplot` on it (a figure updated
in place) or when a new chart element appears with its SVG (an element replaced). The wait ends once the
script has finished and nothing has been drawn for `QUIET_MS`; the quiet time is not counted. A chart
whose figure did not change is not drawn again, and the table says how many were.

Each repeat types a date not typed before in this server's life (dates alternate between two stretches
of the data, a month and a sixth of its span before its as-of date), so the server builds the views for
a new filter set; the memo-hit column types the page's earlier dates again (built and kept by the
server, but not the figure the browser shows).
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
import sys
import time
from pathlib import Path

from bench import browser

QUIET_MS = 1000
# Before the app's code: note when each ForwardMsg carrying `script_finished` (field 6) arrives and its
# status (0 a whole run finished, 3 a fragment's run).
FINISHED = """(() => {
  const field6 = (bytes) => {
    let i = 0;
    const varint = () => { let v = 0, m = 1, b; do { b = bytes[i++]; v += (b & 127) * m; m *= 128; }
                           while (b & 128 && i < bytes.length); return v; };
    while (i < bytes.length) {
      const key = varint(), field = Math.floor(key / 8), wire = key % 8;
      if (wire === 0) { const v = varint(); if (field === 6) return v; }
      else if (wire === 2) { const length = varint(); i += length; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return null;
    }
    return null;
  };
  window.__benchFinished = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const t = performance.now();
        const note = (buffer) => {
          const v = field6(new Uint8Array(buffer));
          if (v !== null) window.__benchFinished.push([t, v]);
        };
        if (e.data instanceof ArrayBuffer) note(e.data);
        else if (e.data instanceof Blob) e.data.arrayBuffer().then(note);
      });
    }
  };
})()"""
ARM = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const b = window.__bench = {t0: null, events: [], redrawn: new Set()};
  const note = (p) => { if (window.__bench === b && b.t0 !== null) { b.events.push(performance.now());
                                                                      b.redrawn.add(p); } };
  const shown = (el) => el.offsetParent !== null;
  const hook = (p) => {
    if (p.__benchHooked || !p.on) return;
    p.__benchHooked = true;
    p.on('plotly_afterplot', () => note(p));
  };
  for (const p of document.querySelectorAll('.js-plotly-plot')) { p.__benchOld = true; hook(p); }
  const sweep = () => {
    for (const p of document.querySelectorAll('.js-plotly-plot')) {
      if (!p.__benchOld && !p.__benchSeen && shown(p) && p.querySelector('.main-svg')) {
        p.__benchSeen = true; note(p); hook(p);
      }
    }
  };
  b.timer = setInterval(sweep, 10);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && b.t0 === null) b.t0 = performance.now();
  }, {capture: true, once: true});
}"""
STATE = """() => {
  const b = window.__bench;
  const app = document.querySelector('[data-testid="stApp"]');
  const shown = (el) => el.offsetParent !== null;
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter(shown);
  const drawn = plots.every((p) => p.querySelector('.main-svg'));
  const done = window.__benchFinished.find(([t, v]) => t > b.t0 && (v === 0 || v === 1));
  const last = Math.max(done ? done[0] : 0, ...b.events);
  return {idle: app.getAttribute('data-test-script-state') === 'notRunning', drawn,
          done: done ? done[0] : null,
          quiet: performance.now() - last, end: last - b.t0, script: done ? done[0] - b.t0 : null,
          redrawn: [...b.redrawn].filter((p) => p.isConnected && shown(p)).length};
}"""
# A page has loaded once its script is idle and each chart has its SVG (a table below the first screen
# draws its canvas only when scrolled to, so tables are not waited for).
LOADED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning' || !document.querySelector('h1')) {
    return false;
  }
  return [...document.querySelectorAll('.js-plotly-plot')].filter((p) => p.offsetParent !== null)
    .every((p) => p.querySelector('.main-svg'));
}"""
DISARM = "() => clearInterval(window.__bench.timer)"
FOLD = """() => [...document.querySelectorAll('.js-plotly-plot')].filter((p) => p.offsetParent !== null)
  .filter((p) => p.getBoundingClientRect().top >= window.innerHeight).length"""


def interact(page, value: str) -> dict[str, float]:
    """Type `value` into the sidebar's as-of box and press Enter; milliseconds to the script's end and to
    the last chart drawn, and how many charts were drawn again."""
    page.bring_to_front()  # a tab in the background draws late
    sidebar = page.locator('[data-testid="stSidebar"]')
    box = sidebar.get_by_label("As of", exact=True).and_(page.get_by_role("textbox"))
    box.fill(value)
    page.evaluate(ARM)
    box.press("Enter")
    deadline = time.monotonic() + 60
    while True:
        state = page.evaluate(STATE)
        if state["idle"] and state["done"] is not None and state["drawn"] and state["quiet"] >= QUIET_MS:
            page.evaluate(DISARM)
            return {"ms": state["end"], "script": state["script"], "redrawn": state["redrawn"]}
        if time.monotonic() > deadline:
            raise RuntimeError(f"no redraw after typing {value}: {state}")
        page.wait_for_timeout(50)


def settle(context, url: str):
    """Open `url` in a new tab and wait until its charts and tables stop appearing; the tab, the counts
    (charts, tables) and how many charts start below the first screen."""
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function(LOADED, timeout=90_000, polling=50)
    counts, stable_since = page.evaluate(browser.COUNT), time.monotonic()
    while time.monotonic() - stable_since < 3 and time.monotonic() - stable_since < 60:
        page.wait_for_timeout(250)
        now = page.evaluate(browser.COUNT)
        if now != counts:
            counts, stable_since = now, time.monotonic()
    return page, tuple(counts), page.evaluate(FOLD)


def dates(earliest: dt.date, latest: dt.date) -> itertools.count:
    """Endless new dates, alternating between a month and a sixth of the span before `latest`."""
    span = (latest - earliest).days
    near, far = latest - dt.timedelta(days=30), latest - dt.timedelta(days=span // 6)

    def day(k: int) -> str:
        base = near if k % 2 == 0 else far
        return max(earliest, base - dt.timedelta(days=k // 2)).isoformat()

    return map(day, itertools.count())


def _median(rows: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def _page(context, url: str, reference, fresh, repeats: int, hits: int) -> dict[str, float]:
    ref_dates = dates(dt.date(2000, 1, 1), dt.date(2026, 1, 1))
    page, (charts, tables), below = settle(context, url)
    try:
        interact(page, next(fresh))  # a first interaction loads whatever it needs
        new, ref, typed = [], [], []
        for _ in range(repeats):
            ref.append(interact(reference, next(ref_dates)))
            typed.append(next(fresh))
            new.append(interact(page, typed[-1]))
        again = []
        for value in typed[:hits]:
            ref.append(interact(reference, next(ref_dates)))
            again.append(interact(page, value))
    finally:
        page.close()
    reference_ms = _median(ref, "ms")
    return {
        "charts": charts,
        "below": below,
        "tables": tables,
        "redrawn": min(r["redrawn"] for r in new),
        "script": _median(new, "script"),
        "ms": _median(new, "ms"),
        "hit": _median(again, "ms") if again else float("nan"),
        "reference": reference_ms,
        "ratio": _median(new, "ms") / reference_ms,
    }


def measure_pages(
    context, app_url: str, reference, fresh, span: tuple[dt.date, dt.date], repeats: int, hits: int
) -> dict[str, dict[str, float]]:
    """For each page, `repeats` interactions with new dates (and `hits` with dates typed before on the
    page), each after one on the `reference` tab."""
    rows: dict[str, dict[str, float]] = {}
    for name, path in browser.PATHS.items():
        try:
            rows[name] = _page(context, f"{app_url}/{path}", reference, fresh, repeats, hits)
        except Exception as error:  # a page that fails is reported, the others are still measured
            print(f"{name}: {type(error).__name__}: {str(error)[:300]}", file=sys.stderr)
            continue
        print(f"{name}: {rows[name]}", file=sys.stderr)
    return rows


def measure(
    work: Path,
    scales: dict[str, Path | None],
    spans: dict[str, tuple[dt.date, dt.date]],
    repeats: int = 5,
    hits: int = 2,
) -> dict[str, dict[str, dict[str, float]]]:
    """Interaction timings per scale label ("1×": None for the bundled data, "100×": its config.yaml)."""
    from playwright.sync_api import sync_playwright

    reference_app = work / "reference.py"
    reference_app.write_text(browser.REFERENCE_APP, encoding="utf-8")
    result = {}
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=browser.CHROMIUM, args=browser.FLAGS)
        context = chromium.new_context(viewport={"width": 1440, "height": 900})
        context.add_init_script(FINISHED)
        with browser.server(reference_app, work / "reference-interact.log") as (ref_url, _):
            ref_page = settle(context, ref_url)[0]
            interact(ref_page, "2001-01-01")
            for label, config in scales.items():
                with browser.server(browser.ROOT / "app.py", work / f"app-interact-{label}.log", config) as (
                    url,
                    _,
                ):
                    fresh = dates(*spans[label])
                    result[label] = measure_pages(context, url, ref_page, fresh, spans[label],
                                                  repeats, hits)  # fmt: skip
        chromium.close()
    return result


def table(result: dict[str, dict[str, dict[str, float]]]) -> str:
    """One row per page: at each scale the interaction's median, its ratio to the reference's (measured
    alongside), the script's share, and the memo-hit case."""
    labels = list(result)
    head = ["page", "charts (below the first screen)"]
    for label in labels:
        head += [f"{label} ms", f"{label} × reference", f"{label} script ms", f"{label} memo hit ms"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in dict.fromkeys(n for rows in result.values() for n in rows):
        first = next(rows[name] for rows in result.values() if name in rows)
        cells = [name, f"{first['charts']} ({first['below']})"]
        for label in labels:
            row = result[label].get(name)
            if row is None:
                cells += ["failed"] + ["—"] * 3
                continue
            cells += [f"{row['ms']:.0f}", f"{row['ratio']:.2f}", f"{row['script']:.0f}", f"{row['hit']:.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    medians = {label: statistics.median(r["reference"] for r in result[label].values()) for label in labels}
    references = ", ".join(f"{label} {ms:.0f} ms" for label, ms in medians.items())
    lines += ["", f"Reference app (one text box, one small chart, one table), per page's runs: {references}."]
    return "\n".join(lines)
