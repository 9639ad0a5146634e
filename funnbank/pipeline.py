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
from funnbank.indexcheck import check_index
from funnbank.loader import load_corpus
from funnbank.pagefind import shipped_assets
from funnbank.pages import EDITION_ROOT, EDITIONS, searchable_sections
from funnbank.progress import Progress, watch_files
from funnbank.render import render_pages
from funnbank.search import index_edition, item_records
from funnbank.site import mkdocs_build, staging_dir, swap_into_place
from funnbank.writer import WriteStats, write_tree


# Every page may be indexed. MkDocs writes sitemap.xml; it lists absolute URLs once `site_url` is set.
ROBOTS_TXT = "User-agent: *\nAllow: /\n"


@dataclass(frozen=True)
class Paths:
    """Where a build reads and writes. Defaults are relative to the project folder."""

    content: Path = Path("content")
    templates: Path = Path("templates")
    docs: Path = Path("build/docs")  # the generated Markdown of the Norwegian edition; rebuilt each run
    out: Path = Path("site")
    config: Path = Path("mkdocs.yml")

    def edition_docs(self, lang: str) -> Path:
        """`build/docs` for the Norwegian edition, `build/docs-en` for the English one."""
        return self.docs if lang == "nb" else self.docs.with_name(f"{self.docs.name}-{lang}")

    def edition_config(self, lang: str) -> Path:
        """`mkdocs.yml`, and `mkdocs.en.yml` (which inherits it) for the English edition."""
        return self.config if lang == "nb" else self.config.with_name(f"{self.config.stem}.{lang}.yml")


def edition_out(site: Path, lang: str) -> Path:
    """Where an edition goes in the built site: the root, or `en/`."""
    return site / EDITION_ROOT[lang]


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


def generate(corpus: Corpus, paths: Paths, ix: CorpusIndex | None = None,
             editions: tuple[str, ...] = EDITIONS) -> tuple[int, WriteStats]:
    """Write each edition's Markdown (the data files go with the Norwegian one, once for the site);
    return the page count and what was written."""
    ix = ix or build_index(corpus)
    count, totals = 0, WriteStats(0, 0, 0)
    for lang in editions:
        pages = render_pages(corpus, [paths.templates / "pages"], lang, ix=ix)
        files = {**pages, **data_files(corpus), "robots.txt": ROBOTS_TXT} if lang == "nb" else pages
        stats = write_tree(files, paths.edition_docs(lang))
        count += len(pages)
        totals += stats
    return count, totals


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
                # The Norwegian edition first: MkDocs empties its output folder, which holds `en/`.
                for lang in EDITIONS:
                    mkdocs_build(paths.edition_config(lang), paths.edition_docs(lang), edition_out(staging, lang))
                # A web server serves only the root's 404 page; another edition's would be dead weight
                # with links that are wrong where it lives (MkDocs roots them at "/").
                for lang in EDITIONS:
                    if EDITION_ROOT[lang]:
                        (edition_out(staging, lang) / "404.html").unlink(missing_ok=True)
        with _timed(phases, "search"):
            records = {lang: list(item_records(corpus, ix, lang)) for lang in EDITIONS}
            progress.phase("Search index", sum(map(len, records.values())))
            for lang in EDITIONS:
                folder = index_edition(edition_out(staging, lang), records[lang], lang, searchable_sections(lang),
                                       progress)
                # Read back what is about to be published: a cut index file fails here, not in a reader's browser.
                check_index(folder, shipped_assets(lang), shown_as=(paths.out / folder.relative_to(staging)).as_posix())
        with _timed(phases, "swap"):
            swap_into_place(staging, paths.out)
    progress.close()
    return BuildReport(corpus, page_count, stats, time.perf_counter() - start, phases)
