"""The maintainer's command line: `python build.py <command>`."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from funnbank.errors import ContentError, FunnbankError
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
    return Paths(
        content=getattr(args, "content", None) or defaults.content,
        out=getattr(args, "out", None) or defaults.out,
        docs=getattr(args, "docs", None) or defaults.docs,
    )


def _check(args: argparse.Namespace) -> int:
    from funnbank.loader import load_corpus

    corpus = load_corpus(_paths(args).content)
    print(f"OK: {len(corpus.studies)} studies, {len(corpus.concepts)} concepts, {len(corpus.themes)} themes.")
    return 0


def _build(args: argparse.Namespace) -> int:
    from funnbank.pipeline import build

    from funnbank.progress import Progress

    paths = _paths(args)
    report = build(paths, Progress.for_terminal())
    print(report.summary(paths.out))
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
    from funnbank.quotes import check_study

    corpus = load_corpus(_paths(args).content)
    misses = [miss for study in corpus.studies for miss in check_study(study, args.sources)]
    for miss in misses:
        path = corpus.files[("studies", miss.study)]
        print(f"{path}: quotes[{miss.quote.id}]: {miss.reason}: «{miss.quote.text[:80]}»", file=sys.stderr)
    total = sum(len(s.quotes) for s in corpus.studies)
    print(f"{total - len(misses)} of {total} quotes found verbatim; {len(misses)} miss(es).")
    return 1 if misses else 0


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

    check = command("check", _check, "validate the content and report every problem")
    content_option(check)

    build = command("build", _build, "validate, generate Markdown and build the site")
    content_option(build)
    build.add_argument("--out", type=Path, help="output folder (default: site)")
    docs_option(build)

    serve = command("serve", _serve, "live preview: edits to content or templates refresh the browser")
    content_option(serve)
    docs_option(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)

    new = command("new", _new, "write a commented skeleton for a new study, concept or theme")
    new.add_argument("kind", choices=["study", "concept", "theme"])
    new.add_argument("id", help="lower-case a–z, digits and hyphens; also the file name")
    content_option(new)

    verify = command("verify-quotes", _verify_quotes, "check that every quote is verbatim in its source text")
    verify.add_argument("--sources", type=Path, required=True, help="folder of the plain-text source files")
    content_option(verify)

    synth = command("synth", _synth, "write a synthetic corpus of N studies (for the benchmark)")
    synth.add_argument("--studies", type=int, required=True, help="number of studies")
    synth.add_argument("--out", type=Path, required=True, help="folder to write content into")
    synth.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same files")

    schema = command("schema", _schema, "write the JSON Schemas in schema/ (or --check that they are current)")
    schema.add_argument("--check", action="store_true")
    schema.add_argument("--dir", type=Path, default=Path("schema"))
    return parser
