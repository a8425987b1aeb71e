"""Making a release: archive the data, then write every release's data package and the change feeds
into the folder the app serves as static files (`/app/static/...`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from stances import archive, feed, package


def release(
    data: Path, archived: Path, static: Path, *, base: str = "", replace: bool = False, past: bool = False
) -> Path:
    """Archive `data` under its version and rebuild the static downloads: `data/<version>/` for every
    archived release, `data/latest/` for the newest, and `feeds/`. Returns the archive file."""
    target = archive.write(data, archived, replace=replace, past=past)
    versions = archive.versions(archived)
    loaded = [archive.load(archived, v) for v in versions]
    folder = static / "data"
    for version, release_data in zip(versions, loaded, strict=True):
        shutil.rmtree(folder / version, ignore_errors=True)
        package.write(release_data, folder / version)
    shutil.rmtree(folder / "latest", ignore_errors=True)
    shutil.copytree(folder / versions[-1], folder / "latest")
    shutil.rmtree(static / "feeds", ignore_errors=True)
    (static / "feeds").mkdir(parents=True)
    for name, content in feed.feeds(loaded, base).items():
        (static / "feeds" / name).write_bytes(content)
    return target
