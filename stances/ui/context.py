"""Loading the data once per change on disk, and the per-rerun context the pages read."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from stances import archive, tables
from stances.dataset import Data
from stances.loader import load_dataset
from stances.memo import Memo
from stances.settings import Settings, load_settings
from stances.validate import FILES
from stances.view_filters import Filters

ROOT = Path(__file__).resolve().parents[2]
BROKEN = "_stances_broken_edit"  # session key: the newer edit's problems, for the curators' list
T = TypeVar("T")


def config_path() -> Path:
    """config.yaml next to app.py, or the file named by STANCES_CONFIG (tests, other datasets)."""
    return Path(os.environ.get("STANCES_CONFIG", ROOT / "config.yaml")).resolve()


@dataclass(frozen=True)
class Bundle:
    """A validated dataset, its tables and the views built from them: one per version of the files on disk."""

    data: Data
    tables: tables.Tables | None
    memo: Memo


def signature(folder: Path) -> tuple:
    """What identifies the data on disk: each file's size and modification time."""
    parts = []
    for name in FILES:
        try:
            stat = (folder / name).stat()
            parts.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            parts.append((name, None, None))
    return tuple(parts)


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def _bundle(folder: str, sig: tuple) -> Bundle:
    data = load_dataset(folder, display_root=ROOT)
    built = tables.build(data) if data.ok else None
    return Bundle(data=data, tables=built, memo=Memo(data, built))


def data_folder(settings: Settings) -> Path:
    return (config_path().parent / settings.data_dir).resolve()


def load_bundle(settings: Settings) -> Bundle:
    """The dataset as it is on disk now; a curator's edit shows on the next rerun."""
    folder = data_folder(settings)
    return _bundle(str(folder), signature(folder))


@st.cache_resource
def _last_good() -> dict[str, Bundle]:
    """Per data folder, the newest version that validated in this server's life (shared by sessions)."""
    return {}


def load_serving(settings: Settings) -> tuple[Bundle | None, Data | None]:
    """What readers see, and the newer edit that broke the data (None when the data on disk validates).

    When an edit breaks the data, readers keep the last version that validated: the one this server last
    loaded, or, after a restart, the newest archived release. Only with neither is there nothing to show."""
    folder = data_folder(settings)
    bundle = _bundle(str(folder), signature(folder))
    good = _last_good()
    if bundle.data.ok:
        good[str(folder)] = bundle
        return bundle, None
    fallback = good.get(str(folder))
    released = archived_versions(settings)
    if fallback is None and released:
        fallback = load_archived(settings, released[-1])
        fallback = fallback if fallback.data.ok else None
    return fallback, bundle.data


def archive_folder(settings: Settings) -> Path:
    return (config_path().parent / settings.archive_dir).resolve()


def archived_versions(settings: Settings) -> list[str]:
    return archive.versions(archive_folder(settings))


@st.cache_resource(show_spinner="Loading an archived data version…", max_entries=4)
def _archived(folder: str, version: str, size: int, mtime: int) -> Bundle:
    data = archive.load(Path(folder), version)
    built = tables.build(data) if data.ok else None
    return Bundle(data=data, tables=built, memo=Memo(data, built))


def load_archived(settings: Settings, version: str) -> Bundle:
    """A released version from the archive, as it was cited."""
    folder = archive_folder(settings)
    stat = (folder / f"{version}.zip").stat()
    return _archived(str(folder), version, stat.st_size, stat.st_mtime_ns)


def settings() -> Settings:
    return _settings(str(config_path()))


@st.cache_resource
def _settings(path: str) -> Settings:
    return load_settings(path)


@dataclass(frozen=True)
class Context:
    """Everything a page needs for one rerun: the data, its tables, the settings and the filters."""

    bundle: Bundle
    settings: Settings
    filters: Filters

    @property
    def data(self) -> Data:
        return self.bundle.data

    @property
    def tables(self) -> tables.Tables:
        assert self.bundle.tables is not None
        return self.bundle.tables

    @property
    def as_of(self) -> dt.date:
        return self.filters.as_of

    def view(self, view: Callable[..., T], *recipe: Any, **options: Any) -> T:
        """`view(memo, *recipe, **options)`, built once per data version and recipe; treat it as read-only."""
        return self.bundle.memo(view, *recipe, **options)

    def side_names(self, side_ids) -> dict[str, str]:
        return {s: tables.actor_name(self.data, s) for s in side_ids}

    def colours(self) -> dict[str, str]:
        return {a: self.settings.colour_of(a) for a in self.data.actors}


_KEY = "_stances_context"


def set_context(ctx: Context) -> None:
    st.session_state[_KEY] = ctx


def context() -> Context:
    """The context the frame built in this run."""
    return st.session_state[_KEY]
