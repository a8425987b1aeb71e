"""What a view shows: the shared filters after validation, as one frozen value (pages pass it to the views,
the memo keys on it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Filters:
    """The shared filters after validation; empty issue/category/kind lists mean 'all'."""

    sides: tuple[str, ...]
    issues: tuple[str, ...]
    categories: tuple[str, ...]
    as_of: dt.date
    kinds: tuple[str, ...]
    hide_thin: bool = False
    stale_days: int = 365
    restated_days: int = 30

    def issue_ids(self, issue_categories: Mapping[str, str]) -> list[str]:
        """The issues in view, in dataset order: chosen issues, narrowed by chosen categories."""
        return [
            i
            for i in issue_categories
            if (not self.issues or i in self.issues)
            and (not self.categories or issue_categories[i] in self.categories)
        ]

    def kind_list(self) -> list[str] | None:
        return list(self.kinds) if self.kinds else None
