"""The pages of the dashboard, in navigation order: the one list that app.py, the tests and the bench read.

Adding a page is one entry here plus its file in `pages/`. `charts` and `tables` say what the page draws
on the bundled data with the default filters at 1280×800 (the browser tests wait for them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    name: str  # the file in pages/, without .py
    nav: str  # the label in the navigation
    title: str | None  # the page's own title (h1); None: the configured app title (the overview)
    icon: str
    url_path: str  # "" for the default page
    charts: int
    tables: int

    @property
    def file(self) -> str:
        return f"pages/{self.name}.py"


PAGES = [
    Page("overview", "Overview", None, ":material/home:", "", 2, 0),
    Page("matrix", "Stance matrix", "Stance matrix", ":material/grid_on:", "matrix", 1, 1),
    Page("compare", "Compare", "Compare sides", ":material/compare_arrows:", "compare", 1, 1),
    Page("distance", "How far apart", "How far apart", ":material/social_distance:", "distance", 2, 2),
    Page("explorer", "Settlement explorer", "Settlement explorer", ":material/balance:", "explorer", 1, 1),
    Page("plans", "Plans", "Peace plans compared", ":material/description:", "plans", 1, 2),
    Page("figures", "Key figures", "Key figures", ":material/bar_chart:", "figures", 4, 0),
    Page("timeline", "Timeline", "Timeline", ":material/timeline:", "timeline", 2, 1),
    Page("changes", "What changed", "What changed", ":material/update:", "changes", 0, 1),
    Page("sources", "Sources & data", "Sources & data", ":material/menu_book:", "sources", 0, 2),
]
NAMES = [p.name for p in PAGES]


def page(name: str) -> Page:
    return next(p for p in PAGES if p.name == name)
