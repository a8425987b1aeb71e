"""The URL grammar: which query parameters exist, what values they take, and what to say when not.

Streamlit's widget binding (`bind="query-params"`) keeps each filter in the URL, and silently drops a
value it cannot use. This module names every parameter once and finds those bad values first, so the
page can show a notice instead of quietly showing something other than the link asked for.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

# Shared filters, declared once in app.py and kept in the URL on every page.
ACTOR = "actor"  # repeated: side ids
ISSUE = "issue"  # repeated: issue ids
CATEGORY = "category"  # repeated: issue categories
AS_OF = "as_of"  # one ISO date, YYYY-MM-DD
KIND = "kind"  # repeated: position kinds
THIN = "thin"  # "hide": leave out stances whose sources are all aggregators, state media or relays

# Page-specific controls.
SORT = "sort"  # compare: "issue" or "gap"
METRIC = "metric"  # key figures: repeated metric ids
TRAJECTORY = "trajectory"  # timeline: the issue whose stance lines are drawn
PERIOD = "period"  # timeline: how far back the chart reaches from the as-of date
SOURCE_TYPE = "source_type"  # sources: repeated source types
PAIR = "pair"  # how far apart: repeated pairs of sides, "Ukraine ↔ Russia"
WEIGHTS = "weights"  # how far apart: issue weights, "army-size:2,nato-membership:3"
DOC = "doc"  # plans: repeated plan titles
FROM = "from"  # plans: the earlier text of a comparison
TO = "to"  # plans: the later text
METRIC_GAP = "gap_metric"  # how far apart: the metric whose numeric gaps are listed
ROWS = "rows"  # matrix, compare, key figures: which page of issues or metrics (a plain page number)
CELL = "cell"  # matrix, compare, how far apart: the selected cell, "side:issue" by id or label
VERSION = "v"  # the data version a copied link was made with

LABELS = {
    ACTOR: "side",
    ISSUE: "issue",
    CATEGORY: "issue category",
    AS_OF: "as-of date",
    KIND: "position kind",
    THIN: "thinly-sourced switch",
    SORT: "sort order",
    METRIC: "metric",
    TRAJECTORY: "trajectory issue",
    PERIOD: "timeline period",
    SOURCE_TYPE: "source type",
    PAIR: "pair of sides",
    WEIGHTS: "issue weight",
    DOC: "plan",
    FROM: "earlier plan",
    TO: "later plan",
    METRIC_GAP: "metric",
    ROWS: "page of issues",
    CELL: "selected cell",
    VERSION: "data version",
}


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def resolve(raw: Sequence[str], labels: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """The option ids a parameter's values name, by label or by id in any case, and the values
    that name none. ``?actor=United+States`` and ``?actor=united-states`` both give 'united-states'."""
    lookup = {k.casefold(): k for k in labels} | {v.casefold(): k for k, v in labels.items()}
    ids: list[str] = []
    unknown: list[str] = []
    for value in raw:
        if value == "":
            continue
        found = lookup.get(value.strip().casefold())
        if found is None:
            unknown.append(value)
        elif found not in ids:
            ids.append(found)
    return ids, unknown


def unknown_notice(key: str, unknown: Sequence[str]) -> str | None:
    """One sentence naming the dropped values (at most five, each cut to 40 characters).

    Plain text: the page shows it through `display.notice`, which makes every character literal."""
    if not unknown:
        return None
    shown = ", ".join(f"'{value[:40]}'" for value in unknown[:5])
    more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
    return f"Ignored unknown {LABELS.get(key, key)} in the link: {shown}{more}."


def date_notice(
    raw: Sequence[str],
    earliest: dt.date,
    latest: dt.date,
    what: str = "as-of",
    fallback: str = "the latest data",
) -> str | None:
    """A notice when a link's date is malformed, repeated or outside the data's range (plain text)."""
    if not raw or raw[0] == "":
        return None
    if len(raw) > 1:
        return f"The link gives {len(raw)} {what} dates; only one is allowed, so {fallback} is shown."
    day = parse_date(raw[0])
    if day is None:
        return f"Ignored the {what} date '{raw[0][:40]}' in the link: use the form YYYY-MM-DD."
    if not earliest <= day <= latest:
        return f"Ignored the {what} date {day} in the link: the data covers {earliest} to {latest}."
    return None


WEIGHT_DECIMALS = 2
"""Weights in a link are rounded to this many decimals: finer ones change no reading of a distance, and
tiny ones (5e-324) would only distort it."""


def _weight_issue(name: str, issue_ids: Sequence[str], titles: Mapping[str, str]) -> str | None:
    """An issue named by id or by title, in any letter case."""
    key = name.strip().casefold()
    return next((i for i in issue_ids if key in (i.casefold(), titles.get(i, i).casefold())), None)


def parse_weights(
    text: str, issue_ids: Sequence[str], titles: Mapping[str, str] | None = None
) -> tuple[dict[str, float], list[str]]:
    """Read 'issue:weight' pairs separated by commas, the issue by id or title (`titles`: id → title);
    return the weights by issue id and what was ignored.

    Issues not named keep the weight 1; a weight of 0 leaves the issue out of the averages. A weight is a
    number from 0 to 100, rounded to `WEIGHT_DECIMALS` decimals (see `rounded_weights`); one that rounds
    to 0 without being 0 is ignored, since it would leave the issue out without saying so.
    """
    weights: dict[str, float] = {}
    ignored: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        issue, sep, number = part.rpartition(":")
        try:
            value = float(number) if sep else float("nan")
        except ValueError:
            value = float("nan")
        kept = round(value, WEIGHT_DECIMALS) if 0 <= value <= 100 else float("nan")
        found = _weight_issue(issue, issue_ids, titles or {}) if sep else None
        if found is None or math.isnan(kept) or (kept == 0 and value != 0):
            ignored.append(part[:40])
        else:
            weights[found] = kept
    return weights, ignored


def rounded_weights(
    text: str, issue_ids: Sequence[str], titles: Mapping[str, str] | None = None
) -> list[str]:
    """The weights in `text` that `parse_weights` rounded, as 'issue: given → kept'."""
    weights, _ = parse_weights(text, issue_ids, titles)
    out = []
    for part in (p.strip() for p in text.split(",")):
        issue, _, number = (x.strip() for x in part.rpartition(":"))
        try:
            given = float(number)
        except ValueError:
            continue
        found = _weight_issue(issue, issue_ids, titles or {})
        if found in weights and given != weights[found]:
            out.append(f"{issue[:40]}: {number[:20]} → {weights[found]:g}")
    return out


def share_link(base: str, params: Mapping[str, Sequence[str]], version: str, *, as_of: dt.date) -> str:
    """A link to exactly this view that survives a data update: the as-of date and the data version
    are pinned, every other parameter is kept as it is."""
    from urllib.parse import urlencode

    kept = [(k, v) for k, values in params.items() if k not in (AS_OF, VERSION) for v in values]
    query = urlencode([*kept, (AS_OF, as_of.isoformat()), (VERSION, version)])
    return f"{base}?{query}"


def version_choice(
    raw: Sequence[str], current: str, archived: Sequence[str]
) -> tuple[str | None, str | None]:
    """The archived data version a link asks for (None: the current data), and a notice when the link
    names a version that is neither current nor archived (plain text)."""
    if not raw or raw[0] in ("", current):
        return None, None
    if raw[0] in archived:
        return raw[0], None
    known = ", ".join(archived) or "none"
    return None, (
        f"Ignored the data version '{raw[0][:20]}' in the link: it is not a released version (archived: "
        f"{known}). Showing the current version {current}."
    )


def version_notice(shown: str, shown_as_of: str, current: str, current_as_of: str) -> str:
    """What a reader of an archived version is told (plain text)."""
    return (
        f"This view shows data version {shown} (current to {shown_as_of}), the version this link was made "
        f"with. The current version is {current}, current to {current_as_of}."
    )


# Settlement explorer and What changed (appended with those pages).
PARTY = "party"  # explorer: repeated sides the package is measured against (among the sidebar's sides)
START = "start"  # explorer: what the package starts from, a plan title or "<side>: current stances"
PACKAGE = "pkg"  # explorer: the package, "issue-id:level" comma-separated ("open" leaves an issue open)
CLOSEST = "closest"  # explorer: show the closest package that crosses no red line ("true"; "false" = off)
SCORES = "scores"  # explorer: level scores, "curated where recorded" (default) or "evenly spaced"
SALIENCE = "salience"  # explorer: where the models' salience comes from (see stances.salience.SOURCES)
CAPABILITY = "capability"  # explorer: side weights in the compromise model, "Russia:2,Ukraine:1"
SWITCH_VALUES = ("true", "false")  # what a bound toggle reads from a link, in any letter case
SINCE = "since"  # what changed: the earlier date, YYYY-MM-DD
UNTIL = "until"  # what changed: the later date, YYYY-MM-DD
REV_FROM = "rev_from"  # sources & data: the earlier data version of a revisions table
REV_TO = "rev_to"  # sources & data: the later data version
OVERLAY = "overlay"  # timeline, how far apart: one context metric (polls, territory, forecasts) by title

LABELS |= {
    PARTY: "side of the settlement",
    START: "starting point",
    PACKAGE: "package part",
    CLOSEST: "closest-package switch",
    SCORES: "level scores",
    SALIENCE: "salience source",
    CAPABILITY: "capability weight",
    SINCE: "since date",
    UNTIL: "until date",
    REV_FROM: "earlier data version",
    REV_TO: "later data version",
    OVERLAY: "overlay series",
}
