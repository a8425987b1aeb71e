"""Released data versions, kept so that a citation keeps pointing at what its reader saw.

Each release is one zip of the data folder's YAML files, `<archive>/<version>.zip`, written by
`python -m stances release`. Zips are byte-for-byte reproducible (fixed timestamps, sorted names), so a
release can be rebuilt and compared. An archived version is unpacked once into a cache folder named by
its content hash and loaded like any data folder.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import zipfile
from pathlib import Path

from stances.dataset import Data
from stances.loader import load_dataset
from stances.validate import FILES

_VERSION = re.compile(r"^\d+\.\d+(\.\d+)?$")
_EPOCH = (2020, 1, 1, 0, 0, 0)
CACHE = Path(tempfile.gettempdir()) / "stances-archive"


def key(version: str) -> tuple[int, ...]:
    """A version's sort key: 1.10.0 after 1.9.0."""
    return tuple(int(part) for part in version.split("."))


def versions(archive: Path) -> list[str]:
    """The archived versions, oldest first."""
    if not archive.is_dir():
        return []
    found = [p.stem for p in archive.glob("*.zip") if _VERSION.match(p.stem)]
    return sorted(found, key=key)


def _zip_bytes(folder: Path) -> bytes:
    """The data folder's files as a reproducible zip."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name in sorted(FILES):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, (folder / name).read_bytes())
    return buffer.getvalue()


class ReleaseError(Exception):
    pass


def write(folder: Path, archive: Path, *, replace: bool = False, past: bool = False) -> Path:
    """Archive the data in `folder` under its version. The data must validate (a `past` release, rebuilt
    from the repository's history, only for structure and references); a version already archived with
    other content is refused unless `replace` (a release is never changed silently)."""
    data = load_dataset(folder, editorial=not past)
    if not data.ok:
        raise ReleaseError(f"the data in {folder} does not validate ({len(data.problems)} problems)")
    target = archive / f"{data.dataset.version}.zip"
    content = _zip_bytes(folder)
    if target.exists() and target.read_bytes() != content and not replace:
        raise ReleaseError(
            f"version {data.dataset.version} is already archived with other content: raise `version` in "
            "dataset.yaml and add a changelog entry, or pass --replace to rebuild it on purpose"
        )
    archive.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return target


def unpack(archive: Path, version: str) -> Path:
    """The folder holding an archived version's files (unpacked once per content)."""
    source = archive / f"{version}.zip"
    content = source.read_bytes()
    folder = CACHE / f"{version}-{hashlib.sha256(content).hexdigest()[:16]}"
    if not (folder / "dataset.yaml").is_file():
        partial = folder.with_name(folder.name + ".partial")
        partial.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(source) as zipped:
            for name in FILES:
                (partial / name).write_bytes(zipped.read(name))
        partial.replace(folder) if not folder.exists() else None
    return folder


def load(archive: Path, version: str) -> Data:
    """An archived version, checked for structure and references. Editorial checks added after a release
    (wording, same-day contradictions) apply to new releases; a past release is kept as it was cited."""
    return load_dataset(unpack(archive, version), editorial=False)
