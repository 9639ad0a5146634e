"""The build, end to end: content → corpus → Markdown → MkDocs → `site/`."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from funnbank.corpus import Corpus
from funnbank.export import data_files
from funnbank.index import build_index
from funnbank.loader import load_corpus
from funnbank.pages import SEARCHABLE_SECTIONS
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


@dataclass(frozen=True)
class BuildReport:
    corpus: Corpus
    pages: int
    written: WriteStats
    seconds: float

    def summary(self, out: Path) -> str:
        c = self.corpus
        return (f"Built {len(c.studies)} studies, {len(c.concepts)} concepts, {len(c.themes)} themes: "
                f"{self.pages} pages in {self.seconds:.1f} s → {out}/")


def generate(corpus: Corpus, paths: Paths) -> tuple[int, WriteStats]:
    """Write the generated Markdown (and data files) for `corpus`; return the page count and write stats."""
    pages = render_pages(corpus, [paths.templates / "pages"])
    stats = write_tree({**pages, **data_files(corpus)}, paths.docs)
    return len(pages), stats


def build(paths: Paths) -> BuildReport:
    """Validate, generate and build the site. On any error the previous `paths.out` is left untouched."""
    start = time.perf_counter()
    corpus = load_corpus(paths.content)
    page_count, stats = generate(corpus, paths)
    with staging_dir(paths.out) as staging:
        mkdocs_build(paths.config, paths.docs, staging)
        index_edition(staging, item_records(corpus, build_index(corpus), "nb"), "nb", SEARCHABLE_SECTIONS)
        swap_into_place(staging, paths.out)
    return BuildReport(corpus, page_count, stats, time.perf_counter() - start)
