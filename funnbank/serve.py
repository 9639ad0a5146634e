"""Live preview: regenerate Markdown when content or templates change; MkDocs reloads the browser.

MkDocs' own server watches the generated folder and live-reloads the page. A
small polling thread here watches `content/` and `templates/` and regenerates
the Markdown when a file changes; unchanged pages are not rewritten, so MkDocs
rebuilds only after a real edit. Invalid content is reported and the last good
pages stay up.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from funnbank.errors import ContentError
from funnbank.loader import load_corpus
from funnbank.pipeline import Paths, generate

POLL_SECONDS = 0.3
# The preview shows the Norwegian edition (what a maintainer edits); `build` makes both.
PREVIEW = ("nb",)


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()}


def regenerate(paths: Paths) -> bool:
    """Regenerate the Markdown; on invalid content print the problems and keep the previous pages."""
    try:
        generate(load_corpus(paths.content), paths, editions=PREVIEW)
    except ContentError as err:
        print("\n".join(str(p) for p in err.problems), file=sys.stderr)
        return False
    return True


def _watch(paths: Paths, stop: threading.Event) -> None:
    folders = [paths.content, paths.templates / "pages"]
    seen = _snapshot(folders)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(folders)
        if now != seen:
            seen = now
            if regenerate(paths):
                print(f"Regenerated pages at {time.strftime('%H:%M:%S')}", file=sys.stderr)


def serve(paths: Paths, host: str = "127.0.0.1", port: int = 8000) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    generate(load_corpus(paths.content), paths, editions=PREVIEW)  # a first invalid corpus is an error, as in `build`
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(paths, stop), daemon=True)
    watcher.start()
    try:
        mkdocs_serve(str(paths.config), docs_dir=str(paths.docs.resolve()), dev_addr=f"{host}:{port}",
                     livereload=True, watch=[str(paths.templates / "overrides")])
    finally:
        stop.set()
