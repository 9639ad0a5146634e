"""The build, end to end: content → corpus → Markdown → MkDocs → search index → `site/`."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from funnbank.corpus import Corpus
from funnbank.export import data_files
from funnbank.index import CorpusIndex, build_index
from funnbank.loader import load_corpus
from funnbank.pages import SEARCHABLE_SECTIONS
from funnbank.progress import Progress, watch_files
from funnbank.render import render_pages
from funnbank.search import index_edition, item_records
from funnbank.site import mkdocs_build, staging_dir, swap_into_place
from funnbank.writer import WriteStats, write_tree


@dataclass(frozen=True)
class Paths:
    """Where a build reads and writes. Defaults are relative to the project folder."""

    content: Path = Path("content")
    templates: Path = Path("templates")
    docs: Path = Path("build/docs")  # the generated Markdown; rebuilt each run
    out: Path = Path("site")
    config: Path = Path("mkdocs.yml")


@dataclass
class BuildReport:
    corpus: Corpus
    pages: int
    written: WriteStats
    seconds: float
    # Seconds per phase: "load", "generate", "mkdocs", "search", "swap".
    phases: dict[str, float] = field(default_factory=dict)

    def summary(self, out: Path) -> str:
        c = self.corpus
        return (f"Built {len(c.studies)} studies, {len(c.concepts)} concepts, {len(c.themes)} themes: "
                f"{self.pages} pages in {self.seconds:.1f} s → {out}/")


@contextmanager
def _timed(phases: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        phases[name] = time.perf_counter() - start


def generate(corpus: Corpus, paths: Paths, ix: CorpusIndex | None = None) -> tuple[int, WriteStats]:
    """Write the generated Markdown (and data files) for `corpus`; return the page count and write stats."""
    pages = render_pages(corpus, [paths.templates / "pages"], ix=ix)
    stats = write_tree({**pages, **data_files(corpus)}, paths.docs)
    return len(pages), stats


def build(paths: Paths, progress: Progress | None = None) -> BuildReport:
    """Validate, generate and build the site. On any error the previous `paths.out` is left untouched."""
    progress = progress or Progress(enabled=False)
    phases: dict[str, float] = {}
    start = time.perf_counter()
    with _timed(phases, "load"):
        progress.phase("Reading", 1)
        corpus = load_corpus(paths.content)
        ix = build_index(corpus)
    with _timed(phases, "generate"):
        progress.phase("Generating", 1)
        page_count, stats = generate(corpus, paths, ix)
    with staging_dir(paths.out) as staging:
        with _timed(phases, "mkdocs"):
            progress.phase("MkDocs", page_count)
            with watch_files(progress, lambda: sum(1 for _ in staging.rglob("index.html"))):
                mkdocs_build(paths.config, paths.docs, staging)
        with _timed(phases, "search"):
            records = list(item_records(corpus, ix, "nb"))
            progress.phase("Search index", len(records))
            index_edition(staging, records, "nb", SEARCHABLE_SECTIONS, progress)
        with _timed(phases, "swap"):
            swap_into_place(staging, paths.out)
    progress.close()
    return BuildReport(corpus, page_count, stats, time.perf_counter() - start, phases)
