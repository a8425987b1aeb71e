"""Command line: `python -m stances validate`, `python -m stances export` and `python -m stances release`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from stances import archive, releases
from stances.charset import visible
from stances.export import TABLES, dataset_dict, rows_to_csv, table_rows
from stances.loader import load_dataset


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m stances", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check every file and reference in the data folder")
    check.add_argument("--data", default="data", help="data folder (default: data)")
    export = sub.add_parser("export", help="write the validated dataset as JSON or CSV")
    export.add_argument("--data", default="data", help="data folder (default: data)")
    export.add_argument("--format", choices=["json", "csv"], required=True)
    export.add_argument(
        "--table",
        choices=["dataset", "stances", *TABLES],
        help="one table only (CSV needs one; default for CSV: positions); 'stances' is where each side "
        "stands on each issue at --as-of",
    )
    export.add_argument(
        "--as-of", type=dt.date.fromisoformat, help="date for 'stances' (default: the data's as_of)"
    )
    export.add_argument(
        "--curator", action="store_true", help="include curator notes (never shown to readers)"
    )
    export.add_argument("--out", help="file to write (default: standard output)")
    release = sub.add_parser(
        "release", help="archive the data as a release; write every release's data package and the feeds"
    )
    release.add_argument("--data", default="data", help="data folder (default: data)")
    release.add_argument("--archive", default="archive", help="archive folder (default: archive)")
    release.add_argument("--static", default="static", help="static files folder (default: static)")
    release.add_argument("--base-url", default="", help="the app's public URL, for links in the feeds")
    release.add_argument("--replace", action="store_true", help="rebuild a version already archived")
    release.add_argument(
        "--past", action="store_true", help="archive a past release rebuilt from history (structure checked)"
    )
    return parser


def _write(text: str, out: str | None) -> None:
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _release(args: argparse.Namespace) -> int:
    try:
        target = releases.release(
            Path(args.data), Path(args.archive), Path(args.static),
            base=args.base_url, replace=args.replace, past=args.past,
        )  # fmt: skip
    except archive.ReleaseError as exc:
        print(f"release refused: {exc}", file=sys.stderr)
        return 1
    print(f"Released: {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "release":
        return _release(args)
    data = load_dataset(args.data, display_root=Path.cwd())
    if data.problems:
        for problem in data.problems:
            print(problem, file=sys.stdout if args.command == "validate" else sys.stderr)
        print(f"{len(data.problems)} problem(s) in {visible(args.data)}", file=sys.stderr)
        return 1
    for warning in data.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.command == "validate":
        print(visible(data.summary()))
        return 0
    if args.format == "json":
        payload = dataset_dict(data, curator=args.curator, as_of=args.as_of)
        payload = payload if args.table is None else payload[args.table]
        _write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", args.out)
    else:
        rows = table_rows(data, args.table or "positions", curator=args.curator, as_of=args.as_of)
        _write(rows_to_csv(rows), args.out)
    return 0
