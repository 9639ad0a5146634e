"""The maintainer's command line: `python build.py <command>`."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from funnbank.errors import ContentError, FunnbankError
from funnbank.kinds import KINDS
from funnbank.pipeline import Paths


def main(argv: Sequence[str] | None = None) -> int:
    # SIGTERM becomes an exception, so `finally` blocks remove temporary folders and the
    # previous site stays as it was.
    signal.signal(signal.SIGTERM, _terminate)
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) found; nothing was built.", file=sys.stderr)
        return 1
    except FunnbankError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the previous site is unchanged.", file=sys.stderr)
        return 130


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(143)


def _paths(args: argparse.Namespace) -> Paths:
    defaults = Paths()
    paths = Paths(
        content=getattr(args, "content", None) or defaults.content,
        out=getattr(args, "out", None) or defaults.out,
        docs=getattr(args, "docs", None) or defaults.docs,
        overrides=_overrides(args),
    )
    paths.page_templates()  # a wrong templates folder stops the command here, before anything is read or built
    return paths


def _overrides(args: argparse.Namespace) -> Path | None:
    """The site's own templates folder, for the commands that render pages: `--templates`, else the setting."""
    if not hasattr(args, "templates"):
        return None
    from funnbank.settings import load_settings, resolve_overrides

    return resolve_overrides(args.templates, load_settings(Path(".")))


def _check(args: argparse.Namespace) -> int:
    from funnbank.loader import corpus_of, read_content
    from funnbank.rules import BLOCKING_RULES, WARNING_RULES, check_rules

    # Everything in one run: reading, validation and references, and every content rule on what validated.
    content = read_content(_paths(args).content)
    stopping = {*content.problems, *check_rules(content, BLOCKING_RULES)}
    warned = set(check_rules(content, WARNING_RULES))
    for problem in sorted(stopping | warned):
        print(problem, file=sys.stderr)
    if stopping or warned:
        print(f"{len(stopping | warned)} problem(s) found: {len(stopping)} stop the build, {len(warned)} "
              "break content rules that `build` only warns about (`python build.py list rules`).", file=sys.stderr)
        return 1
    corpus = corpus_of(content)
    print(f"OK: {len(corpus.studies)} studies, {len(corpus.concepts)} concepts, {len(corpus.themes)} themes.")
    return 0


def _build(args: argparse.Namespace) -> int:
    from funnbank.pipeline import build

    from funnbank.progress import Progress

    paths = _paths(args)
    report = build(paths, Progress.for_terminal(), full=args.full)
    _warn(report.corpus.warnings)
    print(report.summary(paths.out))
    return 0


def _warn(warnings: Sequence[object]) -> None:
    """The content-rule problems a build goes on despite (an unfinished study can be previewed)."""
    for problem in warnings:
        print(f"warning: {problem}", file=sys.stderr)
    if warnings:
        print(f"{len(warnings)} warning(s): the content breaks these rules; `python build.py check` fails until "
              "they are fixed.", file=sys.stderr)


def _list(args: argparse.Namespace) -> int:
    from funnbank.listing import LISTINGS

    print(LISTINGS[args.what](_paths(args).content), end="")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from funnbank.serve import serve

    serve(_paths(args), host=args.host, port=args.port)
    return 0


def _new(args: argparse.Namespace) -> int:
    from funnbank.scaffold import write_skeleton

    path = write_skeleton(_paths(args).content, args.kind, args.id)
    print(f"Wrote {path}. Fill it in, then run `python build.py check`.")
    return 0


def _verify_quotes(args: argparse.Namespace) -> int:
    from funnbank.loader import load_corpus
    from funnbank.quotes import verify

    result = verify(load_corpus(_paths(args).content), args.sources, args.study)
    for line in result.report:
        print(line, file=sys.stderr)
    print(result.summary)
    if result.labels:
        print(f"{result.labels} quote(s) end with a speaker label.")
    return 0 if result.ok else 1


def _quote(args: argparse.Namespace) -> int:
    from funnbank.loader import load_corpus
    from funnbank.quotedraft import draft, find_passage, resolve_source, study_using
    from funnbank.sourcetext import SourceText

    source = SourceText.load(resolve_source(args.source, args.sources))
    passage, repeats = find_passage(source, args.first_words, args.last_words)
    try:
        corpus = load_corpus(_paths(args).content)
    except ContentError:  # content mid-edit: the draft just cannot suggest the next id
        corpus = None
    study_id, quote_id = study_using(corpus, source.name)
    print(draft(source, passage, repeats, quote_id, study_id))
    return 0


def _synth(args: argparse.Namespace) -> int:
    from funnbank.synth import write_synthetic_corpus

    report = write_synthetic_corpus(args.studies, args.out, seed=args.seed)
    print(f"Wrote {report.studies} studies, {report.concepts} concepts, {report.themes} themes "
          f"({report.findings} findings, {report.quotes} quotes, {report.recommendations} recommendations) "
          f"→ {args.out}/")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from funnbank.schema import stale_schemas, write_schemas

    if args.check:
        stale = stale_schemas(args.dir)
        for path in stale:
            print(f"{path}: out of date; run `python build.py schema`", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(args.dir):
        print(f"Wrote {path}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the Funnbanken site from YAML content.")
    commands = parser.add_subparsers(required=True, metavar="command")

    def command(name: str, run: object, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run)
        return sub

    def content_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--content", type=Path, help="content folder (default: content)")

    def docs_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--docs", type=Path, help="folder for the generated Markdown (default: build/docs)")

    def templates_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--templates", type=Path, metavar="DIR",
                         help="folder of page templates that replace the built-in ones (templates/pages/) by name "
                              "(default: [tool.funnbank] templates in pyproject.toml, else none)")

    check = command("check", _check, "validate the content and report every problem")
    content_option(check)

    build = command("build", _build, "validate, generate Markdown and build the site")
    content_option(build)
    build.add_argument("--out", type=Path, help="output folder (default: site)")
    docs_option(build)
    templates_option(build)
    build.add_argument("--full", action="store_true",
                       help="render every page again instead of reusing the previous build's unchanged pages")

    serve = command("serve", _serve, "live preview: edits to content or templates refresh the browser")
    content_option(serve)
    docs_option(serve)
    templates_option(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)

    listing = command("list", _list, "list the concept, theme or vocabulary ids with their labels, or the content rules")
    listing.add_argument("what", choices=["concepts", "themes", "vocab", "rules"])
    content_option(listing)

    new = command("new", _new, "write a commented skeleton for a new study, concept or theme")
    new.add_argument("kind", choices=list(KINDS))
    new.add_argument("id", help="lower-case a–z, digits and hyphens; also the file name")
    content_option(new)

    verify = command("verify-quotes", _verify_quotes, "check that every quote is verbatim in its source text")
    verify.add_argument("--sources", type=Path, required=True, help="folder of the plain-text source files")
    verify.add_argument("--study", metavar="ID", help="check only this study's quotes")
    content_option(verify)

    quote = command("quote", _quote, "print paste-ready YAML for the quote that runs from FIRST_WORDS to LAST_WORDS")
    quote.add_argument("source", help="the source text: a path, or a file name in --sources")
    quote.add_argument("first_words", help="the quote's first words, as in the source")
    quote.add_argument("last_words", nargs="?", help="its last words (default: the first words are the whole quote)")
    quote.add_argument("--sources", type=Path, default=Path("../shared/seeds"),
                       help="folder of the plain-text source files (default: ../shared/seeds)")
    content_option(quote)

    synth = command("synth", _synth, "write a synthetic corpus of N studies (for the benchmark)")
    synth.add_argument("--studies", type=int, required=True, help="number of studies")
    synth.add_argument("--out", type=Path, required=True, help="folder to write content into")
    synth.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same files")

    schema = command("schema", _schema, "write the JSON Schemas in schema/ (or --check that they are current)")
    schema.add_argument("--check", action="store_true")
    schema.add_argument("--dir", type=Path, default=Path("schema"))
    return parser
