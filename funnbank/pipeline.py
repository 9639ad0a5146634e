"""The build, end to end: content → corpus → Markdown → MkDocs → search index → `site/`."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from funnbank import editions
from funnbank.about import last_change
from funnbank.corpus import Corpus
from funnbank.export import data_files
from funnbank.i18n import script_strings
from funnbank.index import CorpusIndex, build_index
from funnbank.indexcheck import check_index
from funnbank.loader import load_corpus
from funnbank.pagefind import shipped_assets
from funnbank.pages import searchable_sections
from funnbank.progress import Progress, watch_files
from funnbank.render import render_pages
from funnbank.search import index_edition, item_records
from funnbank.settings import template_folders
from funnbank.parallel import EditionBuild, build_editions
from funnbank.site import staging_dir, swap_into_place
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
    # The site's own page templates: a file here replaces the one of the same name in `templates/pages/`
    # (`[tool.funnbank] templates` or `--templates`; not `templates/overrides/`, which is Material's).
    overrides: Path | None = None

    def page_templates(self) -> list[Path]:
        """The folders Jinja finds page templates in, first match wins: `overrides`, then `templates/pages/`."""
        return template_folders(self.templates / "pages", self.overrides)

    def edition_docs(self, lang: str) -> Path:
        """`build/docs` for the source edition, `build/docs-en` for the English one, and so on."""
        return self.docs if lang == editions.source().lang else self.docs.with_name(f"{self.docs.name}-{lang}")

    def edition_config(self, lang: str) -> Path:
        """The edition's MkDocs configuration: `config` for the source edition, else its `Edition.config`
        beside it (`mkdocs.en.yml`, which inherits `mkdocs.yml`)."""
        return self.config if lang == editions.source().lang else self.config.parent / editions.edition(lang).config


def edition_out(site: Path, lang: str) -> Path:
    """Where an edition goes in the built site: the root, or `en/`."""
    return site / editions.edition(lang).root


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
             langs: Sequence[str] | None = None) -> tuple[int, WriteStats]:
    """Write each edition's Markdown (the data files go with the source edition, once for the site);
    return the page count and what was written."""
    ix = ix or build_index(corpus)
    # Found once for every edition, so both show the same date ("Sist endret" on the page about the bank).
    changed = last_change(paths.content)
    count, totals = 0, WriteStats(0, 0, 0)
    for lang in langs or editions.languages():
        pages = render_pages(corpus, paths.page_templates(), lang, ix=ix, last_change=changed)
        is_root = lang == editions.source().lang
        files = {**pages, **data_files(corpus), "robots.txt": ROBOTS_TXT} if is_root else pages
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
    with staging_dir(paths.out) as staging, staging_dir(paths.out) as scratch:
        with _timed(phases, "mkdocs"):
            progress.phase("MkDocs", page_count)
            built = lambda: sum(1 for folder in (staging, scratch) for _ in folder.rglob("index.html"))  # noqa: E731
            with watch_files(progress, built):
                # The source edition first: its folder holds the others (`parallel`).
                build_editions([EditionBuild(paths.edition_config(edition.lang), paths.edition_docs(edition.lang),
                                             edition_out(staging, edition.lang),
                                             {"js_strings": script_strings(edition.lang)})
                                for edition in editions.EDITIONS], scratch)
                # A web server serves only the root's 404 page; another edition's would be dead weight
                # with links that are wrong where it lives (MkDocs roots them at "/").
                for edition in editions.EDITIONS:
                    if edition.root:
                        (edition_out(staging, edition.lang) / "404.html").unlink(missing_ok=True)
        with _timed(phases, "search"):
            records = {lang: list(item_records(corpus, ix.backlinks, lang)) for lang in editions.languages()}
            progress.phase("Search index", sum(map(len, records.values())))
            for edition in editions.EDITIONS:
                lang, stems = edition.lang, edition.search_language
                folder = index_edition(edition_out(staging, lang), records[lang], stems, searchable_sections(lang),
                                       progress)
                # Read back what is about to be published: a cut index file fails here, not in a reader's browser.
                check_index(folder, shipped_assets(stems), shown_as=(paths.out / folder.relative_to(staging)).as_posix())
        with _timed(phases, "swap"):
            swap_into_place(staging, paths.out)
    progress.close()
    return BuildReport(corpus, page_count, stats, time.perf_counter() - start, phases)
