"""The command line: `python -m generator validate|generate`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.errors import CurriculumError
from generator.pages import build_pages

DEFAULT_CURRICULUM = "curriculum/roadmap.yml"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid curriculum, 2 usage)."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except CurriculumError as error:
        print(error, file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Validate a curriculum YAML file and generate its site pages.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a curriculum file; exit 1 on problems")
    validate.add_argument("file", nargs="?", default=DEFAULT_CURRICULUM, help="curriculum YAML")
    validate.set_defaults(run=_validate)

    generate = commands.add_parser("generate", help="write the generated Markdown pages")
    generate.add_argument("file", nargs="?", default=DEFAULT_CURRICULUM, help="curriculum YAML")
    generate.add_argument("--out", required=True, type=Path, help="docs folder to write into")
    generate.set_defaults(run=_generate)
    return parser


def _validate(args: argparse.Namespace) -> int:
    rendered = build_pages(args.file)
    weeks = sum(len(plan.weeks) for plan in rendered.site.tracks)
    tracks = len(rendered.site.tracks)
    print(f"{args.file}: valid ({tracks} tracks, {weeks} week pages, {len(rendered.pages)} pages)")
    return 0


def _generate(args: argparse.Namespace) -> int:
    rendered = build_pages(args.file)
    for path, text in sorted(rendered.pages.items()):
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"wrote {len(rendered.pages)} pages to {args.out}")
    return 0
