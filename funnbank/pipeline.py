"""The build, end to end: content → corpus → Markdown → MkDocs → search index → `site/`."""

from __future__ import annotations

import os
import time
from datetime import date
from functools import partial
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from funnbank import editions
from funnbank.about import last_change
from funnbank.corpus import Corpus
from funnbank.export import data_files
from funnbank.i18n import script_strings
from funnbank.incremental import Manifest, digest, fingerprint, folder_identity, manifest_path, previous_build
from funnbank.index import CorpusIndex, build_index
from funnbank.indexcheck import check_index
from funnbank.loader import load_corpus
from funnbank.pagefind import build_indexes, shipped_assets
from funnbank.pages import plan_pages, searchable_sections
from funnbank.paging import Key as PageKey
from funnbank.progress import Progress, watch_files
from funnbank.render import render_pages
from funnbank.search import INDEX_FOLDER, index_job, item_records, write_edition_index
from funnbank.settings import template_folders
from funnbank.parallel import EditionBuild, EditionFiles, build_editions
from funnbank.site import staging_dir, swap_into_place
from funnbank.writer import WriteStats, write_files, write_tree


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

    def build_inputs(self) -> list[Path]:
        """What shapes the HTML besides the generated Markdown: the templates (Material's overrides
        among them), the site's own page templates and every edition's MkDocs configuration."""
        configs = [self.edition_config(edition.lang) for edition in editions.EDITIONS]
        return [self.templates, *([self.overrides] if self.overrides else []), *configs]

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
    # Seconds per phase: "load", "prepare" (what the previous build gives), "editions" (every edition's
    # Markdown and MkDocs, at once), within it "generate" and "mkdocs" (the slowest edition's), "search",
    # "swap".
    phases: dict[str, float] = field(default_factory=dict)
    # Pages taken over from the previous build instead of rendered (`incremental`): 0 in a full build.
    reused: int = 0
    # Peak resident memory (MB) of the process that built each edition, by language.
    edition_peak_mb: dict[str, float] = field(default_factory=dict)

    def summary(self, out: Path) -> str:
        c = self.corpus
        reused = f" ({self.reused} of them unchanged, taken from the previous build)" if self.reused else ""
        return (f"Built {len(c.studies)} studies, {len(c.concepts)} concepts, {len(c.themes)} themes: "
                f"{self.pages} pages{reused} in {self.seconds:.1f} s → {out}/")


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
    written = [write_edition(corpus, paths, ix, lang, changed) for lang in langs or editions.languages()]
    return sum(files.pages for files in written), sum((files.written for files in written), WriteStats(0, 0, 0))


def write_edition(corpus: Corpus, paths: Paths, ix: CorpusIndex, lang: str, changed: date | None,
                  only: Collection[PageKey] | None = None,
                  previous: Mapping[str, str] | None = None) -> EditionFiles:
    """Write one edition's Markdown into its generated folder; the source edition's has the data files too.

    With `only`, just those pages are written, over the previous build's files (`build_first`), and the
    digests are the `previous` build's with theirs replaced."""
    pages = render_pages(corpus, paths.page_templates(), lang, ix=ix, last_change=changed, only=only)
    if only is not None:
        stats = write_files(pages, paths.edition_docs(lang))
        digests = {**(previous or {}), **{path: digest(text) for path, text in pages.items()}}
        return EditionFiles(len(pages), stats, digests)
    is_root = lang == editions.source().lang
    files = {**pages, **data_files(corpus), "robots.txt": ROBOTS_TXT} if is_root else pages
    stats = write_tree(files, paths.edition_docs(lang))
    return EditionFiles(len(pages), stats, {path: digest(content) for path, content in files.items()})


def build(paths: Paths, progress: Progress | None = None, full: bool = False, search: bool = True) -> BuildReport:
    """Validate, generate and build the site. On any error the previous `paths.out` is left untouched.

    Pages whose generated Markdown is the previous build's are taken from it (`incremental`), unless
    `full` or anything else that shapes the HTML changed. Without `search` the previous site's search
    index is kept as it is (the preview puts the page up first and indexes after: `serve`)."""
    report = _build(paths, progress, full, search)
    assert report is not None  # only a build of some pages (`first`) can find nothing to build on
    return report


def build_first(paths: Paths, keys: Collection[PageKey]) -> BuildReport | None:
    """Validate the content, then generate and render only the pages with these keys, in every edition,
    and take every other page from the previous build as it is: the preview's quick first look at an
    edit (`serve`), which a `build` brings up to date right after. The search index is kept as it was.
    None, with nothing done, when there is no previous build to take the other pages from."""
    return _build(paths, None, False, False, first=keys)


def _build(paths: Paths, progress: Progress | None, full: bool, search: bool,
           first: Collection[PageKey] | None = None) -> BuildReport | None:
    progress = progress or Progress(enabled=False)
    phases: dict[str, float] = {}
    start = time.perf_counter()
    with _timed(phases, "load"):
        progress.phase("Reading", 1)
        corpus = load_corpus(paths.content)
        ix = build_index(corpus)
    with _timed(phases, "prepare"):
        build_fingerprint = fingerprint(paths.build_inputs())
        previous = None if full else previous_build(Manifest.read(manifest_path(paths.docs)),
                                                    build_fingerprint, paths.out)
        if first is not None and previous is None:
            return None
        changed = last_change(paths.content)  # once for every edition: both show the same date
    # After the swap `staging` holds the previous site. A preview (no search index: `serve`) removes it in
    # the background: the open page reloads a third of a second sooner at 1,000 studies.
    with staging_dir(paths.out, in_background=not search) as staging, staging_dir(paths.out) as scratch:
        with _timed(phases, "editions"):
            if progress.enabled:  # planning every page to count them takes a while at 1,000 studies
                progress.phase("Pages", sum(1 for lang in editions.languages() for _ in plan_pages(corpus, lang, ix)))
            built = lambda: sum(1 for folder in (staging, scratch) for _ in folder.rglob("index.html"))  # noqa: E731
            with watch_files(progress, built):
                before = {lang: previous.digests.get(lang) if previous else None for lang in editions.languages()}
                # The source edition first: its folder holds the others (`parallel`).
                jobs = [EditionBuild(paths.edition_config(edition.lang), paths.edition_docs(edition.lang),
                                     edition_out(staging, edition.lang), {"js_strings": script_strings(edition.lang)},
                                     partial(write_edition, corpus, paths, ix, edition.lang, changed, first,
                                             before[edition.lang]),
                                     before[edition.lang], edition_out(paths.out, edition.lang))
                        for edition in editions.EDITIONS]
                results = build_editions(jobs, scratch)
                # A web server serves only the root's 404 page; another edition's would be dead weight
                # with links that are wrong where it lives (MkDocs roots them at "/").
                for edition in editions.EDITIONS:
                    if edition.root:
                        (edition_out(staging, edition.lang) / "404.html").unlink(missing_ok=True)
        # The editions are built at once: each phase within them took as long as its slowest edition.
        for name in ("generate", "mkdocs"):
            phases[name] = max(result.seconds[name] for result in results)
        with _timed(phases, "search"):
            if search:
                index_search(corpus, ix, staging, paths.out, progress)
        with _timed(phases, "swap"):
            digests = {edition.lang: result.files.digests for edition, result in zip(editions.EDITIONS, results)}
            built_from = Manifest(build_fingerprint, folder_identity(staging), digests)
            if not search:
                keep_search_index(paths.out, staging)  # just before the swap, which takes the rest of the site
            swap_into_place(staging, paths.out)
            built_from.write(manifest_path(paths.docs))
    progress.close()
    return BuildReport(corpus, sum(result.files.pages for result in results),
                       sum((result.files.written for result in results), WriteStats(0, 0, 0)),
                       time.perf_counter() - start, phases, sum(result.reused for result in results),
                       {edition.lang: round(result.peak_mb, 1) for edition, result in zip(editions.EDITIONS, results)})


def index_search(corpus: Corpus, ix: CorpusIndex, site: Path, published_as: Path,
                 progress: Progress | None = None) -> None:
    """Every edition's search index in the built `site` (which is published at `published_as`)."""
    progress = progress or Progress(enabled=False)
    jobs = [index_job(edition_out(site, edition.lang), item_records(corpus, ix.backlinks, edition.lang),
                      edition.search_language, searchable_sections(edition.lang)) for edition in editions.EDITIONS]
    progress.phase("Search index", sum(len(job.documents) for job in jobs))
    # At once where the machine has the cores and the memory for it (`build_indexes`).
    for edition, files in zip(editions.EDITIONS, build_indexes(jobs, on_batch=progress.advance), strict=True):
        folder = write_edition_index(files, edition_out(site, edition.lang))
        # Read back what is about to be published: a cut index file fails here, not in a reader's browser.
        check_index(folder, shipped_assets(edition.search_language),
                    shown_as=(published_as / folder.relative_to(site)).as_posix())


def keep_search_index(previous: Path, site: Path) -> None:
    """The previous site's search indexes, moved into the staged `site` (nothing when there is none).

    Moved, not copied or linked: the index has a file per page and item (52,000 at 1,000 studies, two
    seconds to link), and the previous site is discarded at the swap, which follows at once. Only the
    preview builds without a search index (`serve`), so only a preview is briefly without one."""
    for edition in editions.EDITIONS:
        old = edition_out(previous, edition.lang) / INDEX_FOLDER
        if old.is_dir():
            os.rename(old, edition_out(site, edition.lang) / INDEX_FOLDER)
