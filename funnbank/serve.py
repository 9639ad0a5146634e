"""Live preview: regenerate Markdown when content or templates change; MkDocs reloads the browser.

MkDocs' own server watches the generated folder and live-reloads the page. A
small polling thread here watches `content/`, `templates/pages/` and the site's
own templates folder (`--templates`, `funnbank.settings`) and regenerates the
Markdown when a file changes; unchanged pages are not rewritten, so MkDocs
rebuilds only after a real edit. When a rebuild fails (invalid content, or a
template or build error) the last good pages stay up with the problems in a
banner at the top of every page (`funnbank.preview`), printed in the terminal
too; the next successful rebuild takes the banner away.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from pathlib import Path

from jinja2 import TemplateSyntaxError

from funnbank import editions, preview
from funnbank.errors import ContentError, FunnbankError
from funnbank.loader import load_corpus
from funnbank.pipeline import Paths, generate

POLL_SECONDS = 0.3


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()}


def _generate(paths: Paths) -> None:
    """Load the content and write the preview's Markdown; print what breaks content rules, as `build` does."""
    corpus = load_corpus(paths.content)
    # The preview shows the source edition (what a maintainer edits); `build` makes every edition.
    generate(corpus, paths, langs=[editions.source().lang])
    for warning in corpus.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def regenerate(paths: Paths) -> list[str]:
    """Regenerate the Markdown; return what kept it from being regenerated (nothing: it was)."""
    try:
        _generate(paths)
    except ContentError as err:
        return [str(problem) for problem in err.problems]
    except TemplateSyntaxError as err:
        return [f"{err.filename or err.name}:{err.lineno}: {err.message}"]
    except FunnbankError as err:  # e.g. the templates folder was removed or holds a misnamed override
        return [str(err)]
    except Exception as err:  # any other error must not stop the preview: show it and keep watching
        traceback.print_exc()
        return [f"the pages could not be generated: {type(err).__name__}: {err}"]
    return []


def refresh(paths: Paths) -> bool:
    """Regenerate, and show the outcome in the terminal and in the browser; True if it succeeded."""
    problems = regenerate(paths)
    preview.write_problems(paths.docs, problems)  # a change here makes MkDocs rebuild and the page reload
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problem(s): the preview keeps the last good pages and shows them.", file=sys.stderr)
    else:
        print(f"Regenerated pages at {time.strftime('%H:%M:%S')}", file=sys.stderr)
    return not problems


def _watch(paths: Paths, stop: threading.Event) -> None:
    folders = [paths.content, *paths.page_templates()]
    seen = _snapshot(folders)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(folders)
        if now != seen:
            seen = now
            refresh(paths)


def serve(paths: Paths, host: str = "127.0.0.1", port: int = 8000) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    _generate(paths)  # a first invalid corpus is an error, as in `build`
    preview.write_problems(paths.docs, [])
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(paths, stop), daemon=True)
    watcher.start()
    try:
        # The hook (the banner) is given here, not in mkdocs.yml, so that only the preview has it; watching
        # the problems file makes MkDocs rebuild, and the page reload, when the problems change.
        mkdocs_serve(str(paths.config), docs_dir=str(paths.docs.resolve()), dev_addr=f"{host}:{port}",
                     livereload=True, hooks=[str(preview.HOOK)],
                     watch=[str(paths.templates / "overrides"), str(preview.problems_file(paths.docs))])
    finally:
        stop.set()
        preview.problems_file(paths.docs).unlink(missing_ok=True)
