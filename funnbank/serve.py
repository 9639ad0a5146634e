"""Live preview of both editions: rebuild when content or templates change; the open page reloads.

`serve` builds the site into a preview folder beside the generated Markdown (`build/preview/`) with
the build itself (`pipeline.build`, incremental: only pages whose Markdown changed are rendered) and
serves it (`previewserver`), so the preview is the published site, both editions and the language
switch included. A polling thread watches `content/`, the page templates and the site's own templates
folder (`--templates`); after a change it rebuilds and the server tells the open pages to reload.
The search index is made after the pages are up (the page reloads first; search follows).
When the one file saved is a study's, that study's pages are rebuilt first, alone, and the open page
reloads; the rest of the preview follows at once (`refresh_first`, then `refresh`).

When a rebuild fails (invalid content, or a template or build error) the last good pages stay up
with the problems in a banner at the top of every page (`preview`), printed in the terminal too;
the next successful rebuild takes the banner away.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
import threading
import time
import traceback
from pathlib import Path

from jinja2 import TemplateSyntaxError

from funnbank import editions, preview, reader
from funnbank.errors import ContentError, FunnbankError
from funnbank.index import build_index
from funnbank.kinds import KINDS
from funnbank.pipeline import Paths, build, build_first, edition_out, index_search
from funnbank.previewserver import PreviewServer
from funnbank.search import INDEX_FOLDER

POLL_SECONDS = 0.1  # how often the watcher looks for a saved file (a look at 1,000 studies takes about 20 ms)


def preview_paths(paths: Paths) -> Paths:
    """The preview's site goes beside the generated Markdown (`build/preview`), never into `site/`."""
    return dataclasses.replace(paths, out=paths.docs.parent / "preview")


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()}


def problems_of(error: Exception) -> list[str]:
    """What to show for an error of a rebuild."""
    if isinstance(error, ContentError):
        return [str(problem) for problem in error.problems]
    if isinstance(error, TemplateSyntaxError):
        return [f"{error.filename or error.name}:{error.lineno}: {error.message}"]
    if isinstance(error, FunnbankError):  # e.g. the templates folder was removed or holds a misnamed override
        return [str(error)]
    traceback.print_exc()  # any other error must not stop the preview: show it and keep watching
    return [f"the pages could not be built: {type(error).__name__}: {error}"]


def refresh(paths: Paths, server: PreviewServer | None = None) -> bool:
    """Rebuild the preview and show the outcome in the terminal and in the browser; True if it succeeded.

    The pages are put up first (the open page reloads), then the search index is made again."""
    start = time.perf_counter()
    try:
        report = build(preview_paths(paths), search=False)
    except Exception as err:  # noqa: BLE001: every failure is shown on the page, and the preview goes on
        problems = problems_of(err)
        preview.write_problems(paths.docs, problems)
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problem(s): the preview keeps the last good pages and shows them.", file=sys.stderr)
        if server:
            server.changed()
        return False
    preview.write_problems(paths.docs, [])
    if server:
        server.changed()
    for warning in report.corpus.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Rebuilt at {time.strftime('%H:%M:%S')} in {time.perf_counter() - start:.1f} s "
          f"({report.pages - report.reused} of {report.pages} pages rendered)", file=sys.stderr)
    _index_search(report.corpus, preview_paths(paths).out)
    return True


def refresh_first(paths: Paths, study_id: str, server: PreviewServer | None = None) -> bool:
    """Put up the saved study's own pages first, in both editions (a maintainer editing a study is most
    likely looking at its page), every other page taken from the preview as it was; `refresh` brings
    the whole preview up to date right after. True if it did; problems are left for `refresh` to show.
    Not while the preview shows problems: their banner must stay until every page is built again."""
    if preview.read_problems(paths.docs):
        return False
    start = time.perf_counter()
    try:
        report = build_first(preview_paths(paths), {("study", study_id)})
    except Exception:  # noqa: BLE001: `refresh`, which follows, reports every problem
        return False
    if report is None:  # no previous preview to take the other pages from
        return False
    if server:
        server.changed()
    print(f"The page of {study_id} at {time.strftime('%H:%M:%S')} in {time.perf_counter() - start:.1f} s; "
          f"the other pages follow", file=sys.stderr)
    return True


def edited_study(before: dict[Path, float], now: dict[Path, float], content: Path) -> str | None:
    """The id of the study whose file is the one file saved between two looks, or None (several files,
    a new or removed file, or another kind of file)."""
    changed = {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}
    if len(changed) != 1:
        return None
    path = changed.pop()
    is_study = path.parent == content / KINDS["study"].folder and path.suffix == ".yaml"
    return path.stem if is_study and path in before and path in now else None


def _index_search(corpus: object, site: Path) -> None:
    """Make the preview's search indexes again, in place (the preview's search is briefly away meanwhile)."""
    for edition in editions.EDITIONS:
        shutil.rmtree(edition_out(site, edition.lang) / INDEX_FOLDER, ignore_errors=True)
    try:
        index_search(corpus, build_index(corpus), site, site)  # type: ignore[arg-type]
    except Exception as err:  # noqa: BLE001: the pages are up; a search failure is reported, not fatal
        print(f"The preview's search index could not be made: {err}", file=sys.stderr)


def _watch(paths: Paths, server: PreviewServer, stop: threading.Event) -> None:
    folders = [paths.content, *paths.page_templates(), paths.templates / "overrides"]
    seen = _snapshot(folders)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(folders)
        if now != seen:
            study = edited_study(seen, now, paths.content)
            seen = now
            if study:
                refresh_first(paths, study, server)
            refresh(paths, server)


def serve(paths: Paths, host: str = "127.0.0.1", port: int = 8000) -> None:
    site = preview_paths(paths)
    reader.remember_documents()  # each rebuild reads, validates and checks again only the files saved
    build(site)  # a first invalid corpus is an error, as in `build`
    preview.write_problems(paths.docs, [])
    server = PreviewServer(site.out, lambda: preview.read_problems(paths.docs), host, port)
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(paths, server, stop), daemon=True)
    watcher.start()
    print(f"Serving both editions on http://{host}:{port}/ (English at /en/); Ctrl-C stops.", file=sys.stderr)
    try:
        server.serve_forever()
    finally:
        stop.set()
        server.server_close()
        preview.problems_file(paths.docs).unlink(missing_ok=True)
