"""Typed settings for `config.yaml`: app behaviour only, never data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from stances.yaml_reader import YamlProblem, parse_text

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Side(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    id: str
    colour: Colour


class Settings(BaseModel):
    """Every key of config.yaml; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    title: str = "Stances"
    subtitle: str = ""
    data_dir: str = "data"
    archive_dir: str = "archive"
    sides: Annotated[list[Side], Field(min_length=1)]
    default_sides: list[str] = []
    other_colour: Colour = "#7f7f7f"
    stance_colours: Annotated[list[Colour], Field(min_length=2)] = ["#b2182b", "#f7f7f7", "#2166ac"]
    headline_metrics: list[str] = []
    page_size: Annotated[int, Field(ge=5, le=1000)] = 50
    latest_changes: Annotated[int, Field(ge=1, le=100)] = 8
    stale_after_days: Annotated[int, Field(ge=1, le=3650)] = 30
    stale_cell_days: Annotated[int, Field(ge=1, le=36500)] = 365
    restated_within_days: Annotated[int, Field(ge=0, le=3650)] = 30
    capability: dict[str, Annotated[float, Field(ge=0, le=100)]] = {}
    """Side id → capability weight in the compromise model (default 1)."""

    def colour_of(self, side_id: str) -> str:
        return next((s.colour for s in self.sides if s.id == side_id), self.other_colour)

    @property
    def side_ids(self) -> list[str]:
        return [s.id for s in self.sides]


class SettingsError(Exception):
    pass


def load_settings(path: str | Path) -> Settings:
    path = Path(path)
    try:
        parsed = parse_text(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}:1: cannot read settings ({exc})") from None
    except YamlProblem as exc:
        raise SettingsError(f"{path}:{exc.line}: {exc.message}") from None
    try:
        return Settings.model_validate(parsed.data)
    except ValidationError as exc:
        lines = [
            f"{path}:{parsed.line_of(e['loc'])}: {'.'.join(map(str, e['loc']))}: {e['msg']}"
            for e in exc.errors()
        ]
        raise SettingsError("\n".join(lines)) from None
