"""Which pages each edition has, at which paths, rendered from which template.

Paths are Markdown files in an edition's generated folder; with MkDocs' directory URLs
`studier/<id>.md` is served at `/studier/<id>/`. The Norwegian edition is the site's root; the
English edition is the same pages under `/en/`, with English folder names. These paths are the
public, stable URLs of the site: change them only through an issue.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Collection, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from funnbank import editions, paging, quotebank
from funnbank.corpus import Corpus
from funnbank.index import CorpusIndex, build_index
from funnbank.kinds import KINDS

# The section pages that are not a content kind's, and their templates. A kind's section page and its
# items' pages come from the kinds registry (`kinds.KINDS`); paths per edition from `editions`.
SECTION_TEMPLATES = {
    "home": "home.md.j2", "knowledge_map": "knowledge_map.md.j2",
    "recommendations": "recommendations.md.j2", "quotes": "quotes.md.j2", "data": "data.md.j2",
    "search": "search.md.j2", "guide": "guide.md.j2", "accessibility": "accessibility.md.j2",
    "review_findings": "review_findings.md.j2", "how_we_assess": "how_we_assess.md.j2",
    "about": "about.md.j2",
}


@dataclass(frozen=True)
class Page:
    path: str  # relative to the edition's generated folder, POSIX separators
    template: str  # a name under templates/pages/
    context: dict[str, Any] = field(default_factory=dict)
    # The same page in every edition: ("study", id), ("section", name); a sub-page of a section (the quote
    # bank's theme pages, a list's page 2) is keyed by the section's name: ("quotes", id), ("recommendations", "2").
    key: tuple[str, str] = ("section", "")


def section_path(name: str, lang: str | None = None) -> str:
    """The path of a section page in edition `lang` (the source edition by default)."""
    lang = lang or editions.source().lang
    for kind in KINDS.values():
        if kind.section == name:
            return kind.section_paths.get(lang) or kind.section_paths[editions.source().lang]
    return editions.edition(lang).sections.get(name) or editions.source().sections[name]


def section_paths(lang: str) -> dict[str, str]:
    """Every section page of edition `lang` by name: the kinds' and the others (the nav lists exactly these)."""
    names = [kind.section for kind in KINDS.values() if kind.section_template] + list(SECTION_TEMPLATES)
    return {name: section_path(name, lang) for name in names}


def kind_folder(kind: str, lang: str | None = None) -> str:
    """The folder of a kind's pages in edition `lang`: the folder of its section page."""
    return section_path(KINDS[kind].section, lang).split("/")[0]


def item_path(kind: str, id: str, lang: str | None = None) -> str:
    """The page of one item of a kind: `studier/<id>.md`, `en/studies/<id>.md`'s path in its edition."""
    return f"{kind_folder(kind, lang)}/{id}.md"


def study_path(study_id: str, lang: str | None = None) -> str:
    return item_path("study", study_id, lang)


def concept_path(concept_id: str, lang: str | None = None) -> str:
    return item_path("concept", concept_id, lang)


def theme_path(theme_id: str, lang: str | None = None) -> str:
    return item_path("theme", theme_id, lang)


def section_folder(name: str, lang: str | None = None) -> str:
    """The folder of a section page's sub-pages: beside it, named as it is (`sitater.md` → `sitater`,
    `data/index.md` → `data`), so `sitater/<theme>.md` is served at `/sitater/<theme>/`."""
    return section_path(name, lang).removesuffix(".md").removesuffix("/index")


def path_for(key: tuple[str, str], lang: str) -> str:
    """The path of the page `key` in edition `lang`: `("section", name)`, `(kind, id)`, or a sub-page
    of a section, `(section name, id)` (`("quotes", "haap/2")` → `sitater/haap/2.md`)."""
    kind, id = key
    if kind == "section":
        return section_path(id, lang)
    if kind in KINDS:
        return item_path(kind, id, lang)
    return f"{section_folder(kind, lang)}/{id}.md"


def searchable_sections(lang: str) -> tuple[str, ...]:
    """The folders of the pages the search indexes as pages (the rest list what these pages hold)."""
    return tuple(kind_folder(kind.name, lang) for kind in KINDS.values() if kind.search_filters is not None)


# --- paths to URLs -------------------------------------------------------------------------------
# Every URL of a page is made from its generated path by `page_url`, the one place that knows how
# MkDocs' directory URLs map paths to addresses.

def page_url(path: str) -> str:
    """A generated path as the directory URL MkDocs serves it at, from the edition's root."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return stem.lstrip("/")


def url_from_root(path: str, lang: str) -> str:
    """A generated page's URL from the site's root: `studier/x/`, `en/studies/x/`, `` for the home page."""
    return editions.edition(lang).root + page_url(path)


def item_url(kind: str, id: str, lang: str | None = None) -> str:
    """The URL of one item's page from the site's root (`studier/<id>/`, `en/studies/<id>/`), in edition
    `lang` (the source edition by default). A study's citation files sit in this folder."""
    lang = lang or editions.source().lang
    return url_from_root(item_path(kind, id, lang), lang)


# --- relative links ------------------------------------------------------------------------------
# Links are relative, so the site works under any base URL. Two kinds, from one computation: Markdown
# links between generated pages name the target's `.md` file (MkDocs checks it exists and writes its
# URL), relative to the page's file; raw HTML, which MkDocs leaves alone, needs the target's URL,
# relative to the page's URL. For `a/b.md` the two differ: its file is in `a/`, its URL is `a/b/`.

@functools.lru_cache(maxsize=1 << 16)
def _relative(target: str, folder: str) -> str:
    """`target` relative to `folder`, both from the same root ("" is the root itself): `posixpath.relpath`
    for paths without `..`, without its two `getcwd` calls (a third of the generator's time at 1,000 studies)."""
    to = [part for part in target.split("/") if part not in ("", ".")]
    here = [part for part in folder.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def page_link(page_path: str, target: str, anchor: str | None = None) -> str:
    """A Markdown link from generated page `page_path` to generated page `target` (both generated paths)."""
    link = _relative(target, posixpath.dirname(page_path))
    return f"{link}#{anchor}" if anchor else link


def url_relative(target: str, here: str) -> str:
    """A link for raw HTML from the page at URL `here` to the URL `target` (both from the site's root)."""
    return _relative(target, here.rstrip("/"))


def page_url_relative(target: str, here: str) -> str:
    """A link for raw HTML from the page at URL `here` to the page at URL `target`, ending in "/" as a
    directory URL does (`url_relative` drops it), so the browser asks for no redirect."""
    link = url_relative(target, here)
    return link if link.endswith("/") or link == "." else link + "/"


def alternate_link(key: tuple[str, str], lang: str, other: str) -> str:
    """A relative link from page `key` of edition `lang` to the same page in edition `other`."""
    return page_url_relative(url_from_root(path_for(key, other), other), url_from_root(path_for(key, lang), lang))


# --- lists in numbered pages ----------------------------------------------------------------------

def paged(first: Page, items: Sequence[Any], per_page: int, lang: str,
          group: Callable[[Any], Hashable] | None = None) -> Iterator[Page]:
    """A list's pages: `first` (page 1, at its own path and key) with its share of `items`, and as many
    pages after it as the rest need (`paging.split`; `group` keeps a short group's items together). Each page
    gets its items as `items` and its place as `paging` (for `_paging.md.j2`), besides `first`'s context."""
    shares = paging.split(items, per_page, group)
    keys = [paging.sub_key(first.key, n) for n in range(1, len(shares) + 1)]
    paths = (first.path, *(path_for(key, lang) for key in keys[1:]))
    for number, (key, share) in enumerate(zip(keys, shares, strict=True), 1):
        context = {**first.context, "items": share, "paging": paging.Paging(number, paths)}
        yield Page(paths[number - 1], first.template, context, key)


def _quote_bank(corpus: Corpus, ix: CorpusIndex, lang: str) -> Iterator[Page]:
    """The quote bank: its overview (the section page), and one page per theme with quotes, in
    numbered pages when a theme has more than fit on one; each study's quotes kept on one page."""
    yield Page(section_path("quotes", lang), SECTION_TEMPLATES["quotes"], key=("section", "quotes"))
    for theme_id in quotebank.quoted_themes(corpus, ix):
        first = Page(path_for(("quotes", theme_id), lang), "quotes_theme.md.j2",
                     {"theme": corpus.get("theme", theme_id)}, ("quotes", theme_id))
        yield from paged(first, quotebank.theme_quotes(ix, theme_id), quotebank.QUOTES_PER_PAGE, lang,
                         group=lambda mention: mention.study.id)


def _recommendations(corpus: Corpus, ix: CorpusIndex, lang: str) -> Iterator[Page]:
    """The recommendations, each once, in numbered pages when there are more than fit on one (a
    theme's, listed together, go on on the next page under its heading again)."""
    first = Page(section_path("recommendations", lang), SECTION_TEMPLATES["recommendations"],
                 key=("section", "recommendations"))
    yield from paged(first, quotebank.recommendation_entries(corpus, ix), quotebank.RECOMMENDATIONS_PER_PAGE,
                     lang, group=lambda entry: entry.group)


# The studies index lists each study in a table row (about 330 bytes of HTML); this many rows keep a page
# near 200 KB, and the rest go on in numbered pages (`studier/2/`).
STUDIES_PER_PAGE = 500


def _studies_index(corpus: Corpus, ix: CorpusIndex, lang: str) -> Iterator[Page]:
    """The studies index, in numbered pages when there are more studies than fit on one."""
    first = Page(section_path("studies", lang), KINDS["study"].section_template or "", key=("section", "studies"))
    yield from paged(first, corpus.studies, STUDIES_PER_PAGE, lang)


# The findings across studies are listed theme by theme (about 1.6 KB of Markdown a theme in the synthetic
# corpus, whose 10,000 studies have 406 themes); this many themes keep a page near 200 KB.
REVIEW_THEMES_PER_PAGE = 100


def _review_findings(corpus: Corpus, ix: CorpusIndex, lang: str) -> Iterator[Page]:
    """Every theme's findings across studies, in numbered pages of themes when there are many themes."""
    first = Page(section_path("review_findings", lang), SECTION_TEMPLATES["review_findings"],
                 key=("section", "review_findings"))
    themes = [theme for theme in corpus.themes if theme.review_findings]
    yield from paged(first, themes, REVIEW_THEMES_PER_PAGE, lang)


# Section pages that are more than one page: each plans its own (its section page first).
SECTION_PLANNERS: dict[str, Callable[[Corpus, CorpusIndex, str], Iterator[Page]]] = {
    "quotes": _quote_bank, "recommendations": _recommendations, "studies": _studies_index,
    "review_findings": _review_findings,
}

# A theme page lists each of its studies with its findings, two quotes and its recommendations on the
# theme; beyond this many studies the list goes on in numbered pages (`temaer/<id>/2/`), so the page
# stays small at any corpus size (about 250 KB at 40 studies).
THEME_STUDIES_PER_PAGE = 40


def _theme_pages(first: Page, theme: Any, ix: CorpusIndex, lang: str) -> Iterator[Page]:
    """A theme's page, its studies in numbered pages when there are more than fit on one."""
    yield from paged(first, ix.studies_by_theme[theme.id], THEME_STUDIES_PER_PAGE, lang)


def theme_page_of(ix: CorpusIndex, theme_id: str, study_id: str, lang: str) -> str:
    """The path of the theme's page that lists `study_id` (page 1, or a numbered page of a large theme)."""
    ids = [study.id for study in ix.studies_by_theme[theme_id]]
    number = ids.index(study_id) // THEME_STUDIES_PER_PAGE + 1 if study_id in ids else 1
    return path_for(paging.sub_key(("theme", theme_id), number), lang)


# Item pages that are more than one page, by kind: each plans its own from its page 1.
ITEM_PLANNERS: dict[str, Callable[[Page, Any, CorpusIndex, str], Iterator[Page]]] = {"theme": _theme_pages}


def plan_pages(corpus: Corpus, lang: str | None = None, ix: CorpusIndex | None = None) -> Iterator[Page]:
    """Every page of an edition, in a stable order: the section pages (with their sub-pages), then each
    kind's items. `ix`: the corpus index, if already built."""
    lang = lang or editions.source().lang
    ix = ix or build_index(corpus)
    for kind in KINDS.values():
        if kind.section in SECTION_PLANNERS:
            yield from SECTION_PLANNERS[kind.section](corpus, ix, lang)
        elif kind.section_template:
            yield Page(section_path(kind.section, lang), kind.section_template, key=("section", kind.section))
    for name, template in SECTION_TEMPLATES.items():
        if name in SECTION_PLANNERS:
            yield from SECTION_PLANNERS[name](corpus, ix, lang)
        else:
            yield Page(section_path(name, lang), template, key=("section", name))
    for kind in KINDS.values():
        for item in corpus.items(kind.name):
            yield from item_pages(kind.name, item, ix, lang)


def item_pages(kind_name: str, item: Any, ix: CorpusIndex, lang: str) -> Iterator[Page]:
    """An item's page (and the numbered pages after it, for a kind that has them)."""
    kind = KINDS[kind_name]
    page = Page(item_path(kind.name, item.id, lang), kind.template, {kind.name: item}, (kind.name, item.id))
    planner = ITEM_PLANNERS.get(kind.name)
    yield from planner(page, item, ix, lang) if planner else (page,)


def plan_only(corpus: Corpus, keys: Collection[tuple[str, str]], lang: str, ix: CorpusIndex) -> Iterator[Page]:
    """The pages with these keys, as `plan_pages` plans them: an item's page from the item alone (the
    whole plan takes a while at 1,000 studies), any other from the whole plan."""
    rest = set(keys)
    for kind_name, id in keys:
        item = corpus.find(kind_name, id) if kind_name in KINDS else None
        if item is not None:
            found = [page for page in item_pages(kind_name, item, ix, lang) if page.key in rest]
            rest -= {page.key for page in found}
            yield from found
    if rest:
        yield from (page for page in plan_pages(corpus, lang, ix) if page.key in rest)
