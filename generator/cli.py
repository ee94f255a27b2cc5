"""The command line: `python -m generator validate|generate`."""

from __future__ import annotations

import argparse
import datetime
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path

from generator import engines, i18n
from generator.diff import diff_sites
from generator.docs import DocsError
from generator.engines import ENGINES
from generator.errors import CurriculumError, Problem, format_path
from generator.ics import build_calendar
from generator.pages import build_pages, translations_of
from generator.paths import Options, language_site_url
from generator.pdf import build_planners, copy_planners
from generator.planner import SIZES
from generator.project import (
    ConfigError,
    Generated,
    config_name,
    generate_project,
    plugin_settings,
    read_config,
    write_project,
)
from generator.schema import schema_text
from generator.validate import curriculum_warnings
from generator.words import count, filesize

DEFAULT_CURRICULUM = "curriculum/roadmap.yml"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid curriculum, 2 usage)."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except CurriculumError as error:
        print(error, file=sys.stderr)
        return 1
    except DocsError as error:
        print(error, file=sys.stderr)
        return 1
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    except engines.EngineError as error:
        print(error, file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Validate a curriculum YAML file and generate its site pages.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a curriculum file; exit 1 on problems")
    validate.add_argument(
        "files", nargs="*", default=[DEFAULT_CURRICULUM], metavar="FILE", help="curriculum YAML"
    )
    validate.add_argument(
        "--format",
        choices=["text", "github"],
        help="github: GitHub Actions annotations (the default when GITHUB_ACTIONS=true)",
    )
    validate.set_defaults(run=_validate)

    generate = commands.add_parser(
        "generate",
        help="write the site as a project any engine builds: docs folders and their configuration",
    )
    generate.add_argument(
        "--out",
        required=True,
        type=Path,
        help="folder to write mkdocs.yml and docs/ into (and mkdocs-<lang>.yml, docs-<lang>/)",
    )
    _project_arguments(generate)
    generate.add_argument(
        "--lang", action="append", help="only this language (repeatable; default: every one)"
    )
    generate.set_defaults(run=_generate)

    site = commands.add_parser(
        "build", help="build the site with an engine (zensical, mkdocs, properdocs), no plugin"
    )
    site.add_argument("--engine", choices=ENGINES, default="zensical", help="default: zensical")
    site.add_argument("--site-dir", type=Path, help="where the site goes (default: site-ENGINE)")
    site.add_argument(
        "--work", type=Path, help="where the generated project is kept (default: .cache/ENGINE)"
    )
    _project_arguments(site)
    site.set_defaults(run=_build)

    serve = commands.add_parser(
        "serve", help="preview with an engine; pages are regenerated when the curriculum changes"
    )
    serve.add_argument("--engine", choices=ENGINES, default="zensical", help="default: zensical")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve at")
    serve.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="the site's configuration"
    )
    serve.set_defaults(run=_serve)

    planners = commands.add_parser("planners", aliases=["pdf"], help="write planner PDFs")
    planners.add_argument("file", nargs="?", default=DEFAULT_CURRICULUM, help="curriculum YAML")
    planners.add_argument("--out", required=True, type=Path, help="folder to write the PDFs to")
    planners.add_argument("--track", action="append", help="only this track (repeatable)")
    planners.add_argument("--size", choices=sorted(SIZES), action="append", help="paper size")
    planners.add_argument(
        "--start-date",
        type=_date,
        help="date the planners: the first week is the Monday-Sunday week holding this date",
    )
    planners.add_argument("--jobs", type=int, help="processes to lay out with (default: cores)")
    planners.add_argument(
        "--cache", type=Path, default=Path(".cache/planners"), help="cache of rendered weeks"
    )
    planners.add_argument("--lang", default=i18n.SOURCE, help="language (default: the source's)")
    planners.add_argument(
        "--site-url",
        help="the published site's URL (mkdocs.yml's site_url): each planner gets a QR code "
        "to its week's page there (in a translation's folder for --lang)",
    )
    planners.set_defaults(run=_planners)

    ics = commands.add_parser("ics", help="write a track's calendar (.ics), one event per week")
    ics.add_argument("file", nargs="?", default=DEFAULT_CURRICULUM, help="curriculum YAML")
    ics.add_argument("--track", required=True, help="track id")
    ics.add_argument(
        "--start-date", type=_date, required=True, help="the first week holds this date"
    )
    ics.add_argument("--site-url", help="the published site's URL, to link each week's page")
    ics.add_argument(
        "--reminder",
        action="store_true",
        help="an alarm at 9:00 on the first day of each week (as the site's calendar offers)",
    )
    ics.add_argument("--out", type=Path, help="file to write (default: standard output)")
    ics.add_argument("--lang", default=i18n.SOURCE, help="language (default: the source's)")
    ics.set_defaults(run=_ics)

    translations = commands.add_parser(
        "translations", help="how much of the curriculum each translation covers, and what not"
    )
    translations.add_argument("file", nargs="?", default=DEFAULT_CURRICULUM, help="curriculum YAML")
    translations.set_defaults(run=_translations)

    diff = commands.add_parser("diff", help="what a change does to each week, in Markdown")
    diff.add_argument("old", help="the curriculum before the change")
    diff.add_argument("new", help="the curriculum after the change")
    diff.set_defaults(run=_diff)

    schema = commands.add_parser("schema", help="print the curriculum's JSON Schema")
    schema.set_defaults(run=_schema)
    return parser


def _project_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", nargs="?", help="curriculum YAML (default: the one the configuration names)"
    )
    parser.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="the site's configuration"
    )
    parser.add_argument(
        "--no-planners",
        dest="planners",
        action="store_false",
        help="leave out the planner PDFs, their links and the downloads page",
    )
    parser.add_argument(
        "--cache", type=Path, help="cache of rendered weeks (default: the configuration's)"
    )


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date like 2025-01-06, found {text!r}"
        ) from None


def _validate(args: argparse.Namespace) -> int:
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    github = (args.format or ("github" if on_github else "text")) == "github"
    return max(_validate_file(file, github) for file in args.files)


def _validate_file(file: str, github: bool) -> int:
    try:
        rendered = build_pages(file)
    except CurriculumError as error:
        if not github:
            print(error, file=sys.stderr)
            return 1
        for problem in error.problems:
            print(annotation("error", problem))
        print(f"{len(error.problems)} problem(s) in {file}", file=sys.stderr)
        return 1
    for warning in curriculum_warnings(rendered.curriculum, rendered.document):
        print(annotation("warning", warning) if github else f"warning: {warning}")
    for language in translations_of(file):
        try:
            translated = build_pages(file, language=language)
        except CurriculumError as error:
            for problem in error.problems:
                print(annotation("error", problem) if github else problem, file=sys.stderr)
            return 1
        assert translated.translation is not None
        if translated.translation.missing:
            coverage = translated.translation.coverage
            missing = count(len(translated.translation.missing), "text")
            print(f"warning: {language}: {missing} not translated ({coverage:.0%} covered)")
    weeks = sum(len(plan.weeks) for plan in rendered.site.tracks)
    tracks = len(rendered.site.tracks)
    counts = [count(tracks, "track"), count(weeks, "week page"), count(len(rendered.pages), "page")]
    summary = f"{file}: valid ({', '.join(counts)})"
    print(summary, file=sys.stderr if github else sys.stdout)
    return 0


def annotation(level: str, problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the file's line on a pull request."""

    def escape(text: str, *, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    where = f"file={escape(problem.file, prop=True)},line={problem.line},col={problem.column}"
    title = escape(format_path(problem.path) or "curriculum", prop=True)
    return f"::{level} {where},title={title}::{escape(problem.message)}"


def _progress(message: str) -> None:
    print(message, file=sys.stderr)


def _generated(args: argparse.Namespace, out: Path, **options: object) -> Generated:
    """The project an engine builds, written to `out` (only what changed), with the offline
    copy of the site when the configuration asks for one (built by MkDocs, as the plugin does)."""
    file = getattr(args, "file", None)
    with tempfile.TemporaryDirectory(prefix="curriculum-offline-") as work:
        generated = generate_project(
            args.config,
            Path(file) if file else None,
            display_name=file,
            planners=args.planners,
            cache_dir=args.cache,
            report=_progress,
            offline_zip=_offline_copy(args, Path(work), file, **options),
            **options,  # type: ignore[arg-type]
        )
        write_project(out, generated.files)
    return generated


def _offline_copy(
    args: argparse.Namespace, work: Path, file: str | None, **options: object
) -> Path | None:
    """The zip of the site for use from disk, if the configuration asks for it and the whole
    site is being made (its own curriculum, every language, with planners)."""
    wanted = plugin_settings(read_config(args.config))
    if not (wanted.offline_copy and wanted.planners and args.planners):
        return None
    if file or options.get("languages"):
        return None
    began = time.perf_counter()
    built = engines.build_offline_copy(args.config, work, cache_dir=args.cache)
    took = time.perf_counter() - began
    size = filesize(built.stat().st_size)
    print(f"built the offline copy of the site ({size}) in {took:.1f} s", file=sys.stderr)
    return built


def _generate(args: argparse.Namespace) -> int:
    generated = _generated(args, args.out, languages=args.lang)
    written = [count(generated.pages, "page")]
    if generated.pdfs:
        written.append(count(generated.pdfs, "PDF"))
    print(f"wrote {' and '.join(written)} to {args.out}")
    # The engines are installed beside this Python (a shell may not have them on its PATH).
    engine = Path(sys.executable).parent / "zensical"
    configs = " && ".join(f"{engine} build -f {config_name(lang)}" for lang in generated.languages)
    print(f"build it with Zensical (or mkdocs, properdocs): cd {args.out} && {configs}")
    return 0


def _build(args: argparse.Namespace) -> int:
    began = time.perf_counter()
    work = args.work or Path(".cache") / args.engine
    site_dir = args.site_dir or Path(f"site-{args.engine}")
    generated = _generated(args, work)
    try:
        built = engines.build(args.engine, work, generated.languages)
    except engines.EngineError as error:
        print(error, file=sys.stderr)
        return 2
    engines.publish(built, site_dir)
    took = time.perf_counter() - began
    print(f"built the site with {args.engine} into {site_dir} in {took:.1f} s")
    return 0


def _serve(args: argparse.Namespace) -> int:
    config = read_config(args.config)
    root = args.config.resolve().parent
    work = root / ".cache" / f"{args.engine}-serve"
    settings = plugin_settings(config)
    curriculum = root / settings.curriculum
    watched = [curriculum.parent, root / str(config.get("docs_dir", "docs"))]
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        watched.append(root / str(theme["custom_dir"]))
    included = root / "CONTRIBUTING.md"

    def regenerate() -> None:
        began = time.perf_counter()
        generated = generate_project(args.config, planners=False, languages=[i18n.SOURCE])
        changed = write_project(work, generated.files)
        took = 1000 * (time.perf_counter() - began)
        print(f"regenerated {count(len(changed), 'file')} in {took:.0f} ms", file=sys.stderr)

    def files() -> Iterator[Path]:
        yield included
        for folder in watched:
            yield from (path for path in folder.rglob("*") if path.is_file())

    if not engines.port_free(args.dev_addr):
        print(
            f"{args.dev_addr} is in use: stop what serves there, or pass --dev-addr",
            file=sys.stderr,
        )
        return 2
    regenerate()
    # Stopped by a signal as by Ctrl-C: the engine's server stops with us.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(0))
    server = subprocess.Popen(
        engines.command(args.engine, "serve", "mkdocs.yml", "--dev-addr", args.dev_addr),
        cwd=work,
        env=engines.environment(),
    )
    # The engine serves under the path of `site_url`, as GitHub Pages publishes a project.
    mount = urllib.parse.urlsplit(str(read_config(args.config).get("site_url") or "/")).path
    print(
        f"{args.engine} serves at http://{args.dev_addr}{mount.rstrip('/')}/"
        " (planner PDFs are left out)"
    )
    said = ""
    try:
        for _ in engines.changes(files, alive=lambda: server.poll() is None):
            try:
                regenerate()
                said = ""
            except CurriculumError as error:
                if str(error) != said:  # an editor's save can touch the folder twice
                    print(error, file=sys.stderr)
                said = str(error)
        print(f"{args.engine} stopped (exit code {server.returncode})", file=sys.stderr)
        return 2  # the server ended by itself
    except KeyboardInterrupt:
        return 0
    finally:
        server.terminate()
        server.wait()


def _planners(args: argparse.Namespace) -> int:
    rendered = build_pages(args.file, language=args.lang)
    known = [plan.track.id for plan in rendered.site.tracks]
    unknown = [track for track in args.track or [] if track not in known]
    if unknown:
        print(f"unknown track {unknown[0]!r}; the tracks are: {', '.join(known)}", file=sys.stderr)
        return 2
    if not args.site_url:
        print("Planners have no QR code: no --site-url given", file=sys.stderr)
    with i18n.language(args.lang):
        planners = build_planners(
            rendered.site,
            args.cache,
            tracks=args.track,
            sizes=args.size or tuple(SIZES),
            start=args.start_date,
            options=Options(site_url=language_site_url(args.site_url, args.lang)),
            jobs=args.jobs,
            report=_progress,
        )
    written = copy_planners(planners, args.out)
    print(f"wrote {count(len(written), 'PDF')} to {args.out}")
    return 0


def _ics(args: argparse.Namespace) -> int:
    rendered = build_pages(args.file, language=args.lang)
    known = [plan.track.id for plan in rendered.site.tracks]
    if args.track not in known:
        print(f"unknown track {args.track!r}; the tracks are: {', '.join(known)}", file=sys.stderr)
        return 2
    with i18n.language(args.lang):
        data = build_calendar(
            rendered.site, args.track, args.start_date, args.site_url, reminder=args.reminder
        )
    if args.out:
        args.out.write_bytes(data)
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def _translations(args: argparse.Namespace) -> int:
    languages = translations_of(args.file)
    if not languages:
        print(f"{args.file}: no translations (translations/<lang>.yml beside it)")
        return 0
    for language in languages:
        translation = build_pages(args.file, language=language).translation
        assert translation is not None
        done = translation.total - len(translation.missing)
        print(
            f"{language}: {translation.coverage:.1%} of {count(translation.total, 'text')} "
            f"translated ({done})"
        )
        for where in translation.missing:
            print(f"  missing: {where}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text())
    return 0


def _diff(args: argparse.Namespace) -> int:
    old = build_pages(args.old).site
    new = build_pages(args.new).site
    sys.stdout.write(diff_sites(old, new))
    return 0
