"""Full-text search with Pagefind: what is indexed, with which filters, and the indexing run.

Two kinds of search records, both with the same filters:

- the study, concept and theme pages themselves, indexed from the built HTML
  (the page template wraps its content in `data-pagefind-body` and lists its
  filters as empty `data-pagefind-filter` elements, see `filter_tags`);
- one record per finding, quote and recommendation, added directly
  (`item_records`), whose URL is the study page with the item's anchor, so
  each is found on its own and a result jumps to it; and one per review
  finding ("funn på tvers"), whose URL is its theme page's evidence profile.

Each thing is indexed once, where it lives: a finding, quote or recommendation in its
own record, not again on the study page that shows it or on the concept and theme
pages that list it (`not_indexed`); so a reader's words find the study's own
findings, not every page that repeats them.

Besides its words, a result has metadata (`PageSearch`, the records' `meta`):
`title`, `context` (an item's study by its short name in the edition's language),
`teaser` (what a search without words shows instead of an excerpt), `names` (a
concept's other names) and `source` (a quote's speaker and place). Pagefind
searches metadata too; how much a match in each field counts is set where the
index is searched (`ranking` in search.js).

Filter keys are the same in every language (they appear in shareable search
URLs, `/sok/?q=håp&theme=Tilhørighet`); filter values are the edition's labels.
Each edition gets its own index in `<edition root>/pagefind/`, stemmed for its
language.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from funnbank import attribution, editions, names, pagefind, pages, vocab
from funnbank.assessment import involvement_words
from funnbank.backlinks import Backlinks
from funnbank.corpus import Corpus
from funnbank.markup import fold, shorten
from funnbank.i18n import strings
from funnbank.pagenames import shorten_page_names
from funnbank.model import Concept, Quote, ReviewFinding, Study, Theme, title_in

# Each filter's key (the same in every edition: it is in shareable URLs) and the interface string of
# its name, in the order the search page shows them. `confidence` and `speaker` follow `type`: each
# qualifies one kind of result (review findings and the themes that hold them; quotes), so a reader
# who picks that kind finds it next. `involvement` is a fact of the study, so it joins the study's
# other facts at the end.
FILTERS = {"type": "filter_type", "confidence": "filter_confidence", "speaker": "filter_speaker",
           "theme": "filter_theme", "concept": "filter_concept", "study": "filter_study",
           "audience": "filter_audience", "year": "filter_year", "service": "filter_service",
           "involvement": "filter_involvement"}
FILTER_KEYS = tuple(FILTERS)
# What a search result can be (the `type` filter's values), and the interface string of each, in the
# order the search page lists them: a review finding next to the findings it draws together.
RESULT_TYPES = {"study": "kind_study", "finding": "kind_finding", "review_finding": "kind_review_finding",
                "quote": "kind_quote", "recommendation": "kind_recommendation", "concept": "kind_concept",
                "theme": "kind_theme"}

# The `involvement` values of a study where no stage has `value: yes` (`assessment.involvement_words`),
# listed after the stages.
NO_INVOLVEMENT = ("not_reported", "no")


def filter_names(lang: str) -> dict[str, str]:
    """Each filter's name in the edition's language, in the order the search page shows them."""
    t = strings(lang)
    return {key: t[string] for key, string in FILTERS.items()}


def value_orders(lang: str) -> dict[str, list[str]]:
    """The values of the filters that have an order of their own, in the edition's language, in that
    order (the search page lists the other filters' values by their number of results)."""
    t = strings(lang)
    return {"type": [t[string] for string in RESULT_TYPES.values()],
            "confidence": [label.in_lang(lang) for label in vocab.CONFIDENCE_LEVELS.values()],
            "speaker": [label.in_lang(lang) for label in vocab.SPEAKER_ROLES.values()],
            "involvement": [label.in_lang(lang) for label in vocab.INVOLVEMENT_STAGES.values()]
            + [vocab.INVOLVEMENT_VALUES[value].in_lang(lang) for value in NO_INVOLVEMENT]}


INDEX_FOLDER = "pagefind"
# Heading permalinks ("¶") and "copy link" buttons are not content.
NOT_INDEXED = (".headerlink", ".fb-copy")
# What a page shows but is indexed in its own record (`item_records`): quotes and recommendations on a
# study page; on a theme page the review findings (summary table and evidence profiles) and each
# study's findings, quotes and recommendations; a concept's list of where it is used. Indexed there
# too, they would make the page a match for every word of every item it repeats, and push the items
# themselves down. (CSS selectors, as Pagefind's `exclude_selectors` takes them; the class names are
# the templates'.)
SHOWN_ELSEWHERE = ("blockquote.fb-quote", ".fb-recommendation", ".fb-soqf", ".fb-evidence",
                   ".fb-theme-studies", ".fb-theme-recs", ".fb-used-in")
# What a theme page counts or names from elsewhere: its "what we know" figures, counted from its studies
# ("erfaringskonsulenter (2 sitater)"), and the names of related themes (their pages' words).
NOT_ITS_OWN = (".fb-glance", ".fb-related")
# What every study page says in the same words, or says about the study rather than what it found:
# the notes under a heading ("Funnbankens vurdering av studien, ikke forfatternes …"), the CASP
# appraisal (the same ten questions on every page), the reference and its downloads, and each finding's
# line of theme and concept names (their own pages' words, and the page's filters). A third of a study
# page's words at 1,000 studies; Pagefind's memory and the index grow with every word it reads.
BOILERPLATE = (".fb-note", ".fb-appraisal", ".fb-citation", ".fb-downloads", ".fb-cite-item", ".fb-finding-links")
# A sort key's value for a search without words (`order`): each kind of result in a block of this size.
ORDER_BLOCK = 10_000_000
# The order a search without words lists its results in, by kind: what the studies found first (across
# studies, then each study's findings, recommendations and quotes), then the pages that hold them.
BROWSE_ORDER = ("review_finding", "finding", "recommendation", "quote", "study", "theme", "concept")
# A teaser's length: about two lines of a result.
TEASER_CHARS = 200


def not_indexed() -> tuple[str, ...]:
    """What an index leaves out of the pages it reads (Pagefind's `exclude_selectors`).

    Besides `SHOWN_ELSEWHERE`, `NOT_ITS_OWN` and `BOILERPLATE`, every link to a study page or one of its items: the study's title or short
    name, a finding's title, a quote in a concept's or a theme's list of where it is used. Those words
    are the linked item's, found in its own result, not the linking page's. (The study folder of every
    edition: the index is made per search language, not per edition.)"""
    folders = dict.fromkeys(pages.kind_folder("study", edition.lang) for edition in editions.EDITIONS)
    return (*NOT_INDEXED, *SHOWN_ELSEWHERE, *NOT_ITS_OWN, *BOILERPLATE,
            *(f'a[href*="/{folder}/"]' for folder in folders))


def browse_order(result_type: str, position: int) -> str:
    """The `order` sort key of a result: its kind's place in BROWSE_ORDER, then its place in the corpus."""
    return str(BROWSE_ORDER.index(result_type) * ORDER_BLOCK + position).zfill(9)


@dataclass(frozen=True)
class SearchRecord:
    url: str  # from the edition's root, e.g. "/studier/rose-nakuhel-2016/#tilhorighet"
    title: str
    content: str
    filters: dict[str, list[str]]
    context: str  # shown after the result's type: an item's study (short name), a review finding's theme
    order: str = ""  # where a search without words lists it (`browse_order`)
    teaser: str = ""  # what a search without words shows of it; none: its title says it all (a quote)
    source: str = ""  # a quote's speaker and place in the study, shown with it
    study: str = ""  # an item's study by its title, not shown: found by it ("rusfritt nettverk")

    def meta(self) -> dict[str, str]:
        """The metadata Pagefind returns with the result (and searches: see `ranking` in search.js)."""
        meta = {"title": self.title, "context": self.context, "teaser": self.teaser, "source": self.source,
                "study": self.study}
        return {key: value for key, value in meta.items() if value}


@dataclass(frozen=True)
class PageSearch:
    """What a study, concept or theme page gives the search besides its words (`render.searchable_part`)."""

    meta: dict[str, str]
    order: str
    # The weight of the page's text (Pagefind's `data-pagefind-weight`; its headings inherit it), or None
    # for Pagefind's own (headings above text).
    weight: float | None = None


# Concept and theme pages tell what many studies found, in their own words; a study's own words (its
# page and its items) should come first when both match. Their text weighs less than a study's; their
# names (the `h1` outside the weighted part, a concept's other names in `names`) keep their full weight.
SYNTHESIS_WEIGHT = 0.5
# ... and search.js counts their scores at a fraction (`OVERVIEW_SCORE` there), finding them by this
# filter, which no reader sees (the search page shows only FILTERS).
OVERVIEW_FILTER = {"overview": ["yes"]}


class FilterValues:
    """The edition's filter values for studies, concepts and themes, and their items."""

    def __init__(self, corpus: Corpus, backlinks: Backlinks, lang: str) -> None:
        self.corpus, self.backlinks, self.lang = corpus, backlinks, lang
        self.t = strings(lang)

    def result_type(self, result_type: str) -> str:
        return self.t[RESULT_TYPES[result_type]]

    def position(self, kind: str, id: str) -> int:
        """The place of a study, concept or theme in the corpus (its browse order among its kind)."""
        return self._positions[kind][id]

    @functools.cached_property
    def _positions(self) -> dict[str, dict[str, int]]:
        # Once per edition: looking each page's item up in its list would take time quadratic in the corpus.
        return {kind: {item.id: n for n, item in enumerate(self.corpus.items(kind))}
                for kind in ("study", "concept", "theme")}

    def themes(self, ids: Iterable[str]) -> list[str]:
        return [self.corpus.theme(id).label.in_lang(self.lang) for id in dict.fromkeys(ids)]

    def concepts(self, ids: Iterable[str]) -> list[str]:
        return [self.corpus.concept(id).label.in_lang(self.lang) for id in dict.fromkeys(ids)]

    def confidences(self, levels: Iterable[str]) -> list[str]:
        # In the scale's order, whatever order a theme's review findings come in.
        chosen = set(levels)
        return [label.in_lang(self.lang) for level, label in vocab.CONFIDENCE_LEVELS.items() if level in chosen]

    def study_facts(self, study: Study) -> dict[str, list[str]]:
        """What every record of a study is filtered by: the study, its year, its kind of service and how
        people with lived experience took part in it."""
        facts = {"study": [names.short_name(study, self.lang)],
                 "service": [vocab.SERVICE_KINDS[study.service.kind].in_lang(self.lang)],
                 "involvement": involvement_words(study, self.lang)}
        if study.year:
            facts["year"] = [str(study.year)]
        return _compact(facts)

    def audiences(self, keys: Iterable[str]) -> list[str]:
        return [vocab.AUDIENCES[a].in_lang(self.lang) for a in dict.fromkeys(keys)]

    def for_study(self, study: Study) -> dict[str, list[str]]:
        audiences = (a for rec in study.recommendations for a in rec.audience)
        return _compact({"type": [self.result_type("study")], **self.study_facts(study),
                         "theme": self.themes(self.backlinks.themes_of_study[study.id]),
                         "concept": self.concepts(self.backlinks.concepts_of_study[study.id]),
                         "audience": self.audiences(audiences)})

    def for_concept(self, concept: Concept) -> dict[str, list[str]]:
        themes = [t.id for t in self.corpus.themes if concept.id in t.concepts]
        return _compact({"type": [self.result_type("concept")], "concept": self.concepts([concept.id]),
                         "theme": self.themes(themes), **OVERVIEW_FILTER})

    def for_theme(self, theme: Theme) -> dict[str, list[str]]:
        return _compact({"type": [self.result_type("theme")], "theme": self.themes([theme.id]),
                         "concept": self.concepts(theme.concepts),
                         "confidence": self.confidences(r.confidence for r in theme.review_findings),
                         **OVERVIEW_FILTER})

    def speakers(self, quote: Quote) -> list[str]:
        return [vocab.SPEAKER_ROLES[quote.speaker_role].in_lang(self.lang)]

    def for_review_finding(self, theme: Theme, review: ReviewFinding) -> dict[str, list[str]]:
        studies = (names.short_name(self.corpus.study(ref.study), self.lang) for ref in review.findings)
        return _compact({"type": [self.result_type("review_finding")], "theme": self.themes([theme.id]),
                         "concept": self.concepts(theme.concepts), "study": list(dict.fromkeys(studies)),
                         "confidence": self.confidences([review.confidence])})


def _compact(filters: dict[str, list[str]]) -> dict[str, list[str]]:
    return {key: values for key, values in filters.items() if values}


def filter_tags(filters: dict[str, list[str]]) -> str:
    """Empty elements carrying a page's filters, for Pagefind to read from the HTML.

    One element per value, so a label with a comma stays one value; nothing
    visible, and no text that would be indexed as content.
    """
    return "".join(
        f'<span data-pagefind-filter="{key}:{html.escape(value, quote=True)}"></span>'
        for key, values in filters.items() for value in values
    )


def item_records(corpus: Corpus, backlinks: Backlinks, lang: str) -> Iterator[SearchRecord]:
    """One record for each finding, quote and recommendation of the corpus, and each review finding."""
    values = FilterValues(corpus, backlinks, lang)
    for position, study in enumerate(corpus.studies):
        yield from _study_records(values, study, position * ITEMS_PER_PAGE)
    for position, theme in enumerate(corpus.themes):
        yield from _review_finding_records(values, theme, position * ITEMS_PER_PAGE)


# Room for one study's (or theme's) items in the browse order: its items follow each other there.
ITEMS_PER_PAGE = 1000


def _study_records(values: FilterValues, study: Study, first: int) -> Iterator[SearchRecord]:
    lang = values.lang
    facts = values.study_facts(study)
    url = "/" + pages.page_url(pages.study_path(study.id, lang))
    # Shown after the result's type, and searched with a weight of its own: "erfaringskonsulenter
    # arbeid" finds the peer workers' study's findings about work.
    context, title = names.short_name(study, lang), title_in(study, lang)
    findings = {f.id: f for f in study.findings}
    for n, finding in enumerate(study.findings):
        # The title is the record's `title`, which Pagefind searches (and weighs) too.
        yield SearchRecord(
            f"{url}#{finding.id}", title_in(finding, lang), finding.summary.in_lang(lang),
            _compact({"type": [values.result_type("finding")], **facts, "theme": values.themes(finding.themes),
                      "concept": values.concepts(finding.concepts)}),
            # No teaser: a search without words shows the start of the record's text, which is the summary.
            context, browse_order("finding", first + n), study=title)
    for n, quote in enumerate(study.quotes):
        finding = findings[quote.finding]
        # In other editions the quote is also found by its (English) translation.
        content = (quote.text if lang == editions.source().lang or not quote.translation_en
                   else f"{quote.text} {quote.translation_en}")
        yield SearchRecord(
            f"{url}#{quote.id}", f"«{shorten(quote.text)}»", content,
            _compact({"type": [values.result_type("quote")], **facts, "speaker": values.speakers(quote),
                      "theme": values.themes(finding.themes),
                      "concept": values.concepts([*quote.concepts, *finding.concepts])}),
            context, browse_order("quote", first + n), source=quote_source(quote, lang), study=title)
    for n, rec in enumerate(study.recommendations):
        text = rec.text.in_lang(lang)
        themes = (t for f in rec.based_on for t in findings[f].themes)
        yield SearchRecord(
            f"{url}#{rec.id}", f"{vocab.RECOMMENDATION_KINDS[rec.kind].in_lang(lang)}: {shorten(text)}",
            text,
            _compact({"type": [values.result_type("recommendation")], **facts, "theme": values.themes(themes),
                      "concept": values.concepts(rec.concepts), "audience": values.audiences(rec.audience)}),
            context, browse_order("recommendation", first + n),
            _audience_teaser(values, rec.audience) or _teaser(text), study=title)


def _audience_teaser(values: FilterValues, audiences: list[str]) -> str:
    """Whom a recommendation is for ("Målgruppe: Kommunale tjenester"): what its title does not say."""
    return f"{values.t.audience}: {', '.join(values.audiences(audiences))}" if audiences else ""


def quote_source(quote: Quote, lang: str) -> str:
    """Who speaks and where in the study, as a result shows it: the role in the edition's words with the
    source's own label where it adds to it, as the quote's page says it (`attribution.speaker`, in
    plain text), and the place ("Deltaker (informant 3), s. 45"; "Participant (informant 3), p. 45")."""
    role = vocab.SPEAKER_ROLES[quote.speaker_role]
    own = attribution.own_label(fold(quote.speaker), role.in_lang(editions.source().lang))
    who = role.in_lang(lang) + ("" if not own else f": {own}" if "(" in own else f" ({own})")
    return f"{who}, {names.location_in(quote.location, lang)}"


def _review_finding_records(values: FilterValues, theme: Theme, first: int) -> Iterator[SearchRecord]:
    """A theme's review findings, each at its place in the theme page's evidence profile."""
    lang = values.lang
    url = "/" + pages.page_url(pages.theme_path(theme.id, lang))
    for n, review in enumerate(theme.review_findings):
        statement = review.statement.in_lang(lang)
        yield SearchRecord(f"{url}#{review.id}", shorten(statement),
                           f"{statement} {review.explanation.in_lang(lang)}",
                           values.for_review_finding(theme, review), theme.label.in_lang(lang),
                           browse_order("review_finding", first + n),
                           # Why the bank has this confidence: what the statement in the title does not say.
                           _teaser(review.explanation.in_lang(lang)))


# --- what a study, concept or theme page gives the search besides its words ------------------------

def page_search(values: FilterValues, kind: str, item: object) -> PageSearch:
    """The page of `item` (of content kind `kind`): its metadata, browse order and weight. A kind this
    module does not know (an added one) gets its words only."""
    describe = _PAGES.get(kind)
    return describe(values, item) if describe else PageSearch({}, "")


def _teaser(text: str) -> str:
    return shorten(fold(text), TEASER_CHARS)


def _study_page(values: FilterValues, study: Study) -> PageSearch:
    lang = values.lang
    return PageSearch({"context": names.short_name(study, lang), "teaser": _teaser(study.summary.in_lang(lang))},
                      browse_order("study", values.position("study", study.id)))


def _concept_page(values: FilterValues, concept: Concept) -> PageSearch:
    lang = values.lang
    # Found by each of its names as by its label (`names` weighs like `title`): "peer support",
    # "likemann" find Likepersonarbeid.
    others = [label for code, label in concept.label if code != lang and label]
    other_names = dict.fromkeys([*others, *concept.aliases.nb, *concept.aliases.en])
    meta = {"teaser": _teaser(concept.definition.in_lang(lang)), "names": "; ".join(other_names)}
    return PageSearch({key: value for key, value in meta.items() if value},
                      browse_order("concept", values.position("concept", concept.id)), SYNTHESIS_WEIGHT)


def _theme_page(values: FilterValues, theme: Theme) -> PageSearch:
    lang = values.lang
    teaser = theme.tagline.in_lang(lang) if theme.tagline else _teaser(theme.description.in_lang(lang))
    return PageSearch({"teaser": teaser}, browse_order("theme", values.position("theme", theme.id)),
                      SYNTHESIS_WEIGHT)


_PAGES: dict[str, Callable[[FilterValues, Any], PageSearch]] = {
    "study": _study_page, "concept": _concept_page, "theme": _theme_page}


def search_tags(search: PageSearch) -> str:
    """Empty elements carrying a page's metadata, for Pagefind to read from the HTML (as `filter_tags`:
    the values are in attributes, so none is indexed as the page's text), and its browse order, for
    `index_job` to read (not a Pagefind sort key: see `_in_browse_order`)."""
    meta = "".join(f'<span data-pagefind-meta="{key}[data-fb-value]" '
                   f'data-fb-value="{html.escape(value, quote=True)}"></span>' for key, value in search.meta.items())
    order = f'<span data-fb-order="{search.order}"></span>' if search.order else ""
    return meta + order


def index_job(root: Path, records: Iterable[SearchRecord], lang: str, sections: Iterable[str]) -> pagefind.IndexJob:
    """The index of an edition's built pages under `root/<section>/` and its item `records`, stemmed for `lang`."""
    return pagefind.IndexJob(lang, list(not_indexed()), _in_browse_order(root, records, sections))


def write_edition_index(files: dict[str, bytes], root: Path) -> Path:
    """Write an edition's index `files` into `root/pagefind/`; return that folder."""
    files = shorten_page_names(files)  # the metadata every first search loads, at half its size
    folder = root / INDEX_FOLDER
    pagefind.write_index(files, folder)
    return folder


# A page's browse order, as `search_tags` writes it.
_ORDER_TAG = re.compile(r'data-fb-order="(\d+)"')
# Where a page without a browse order goes: after every one with one.
_LAST = "~"


def _in_browse_order(root: Path, records: Iterable[SearchRecord],
                     sections: Iterable[str]) -> list[pagefind.Document]:
    """The records and the indexed pages in the order a search without words lists them (`order`).

    Pagefind numbers its pages in the order they come, and a search without words lists its results in
    that order (they all score 0, and its sort keeps an order it finds sorted). So the browse order needs
    no Pagefind sort key, which would cost two or three bytes per record in the metadata every first
    search loads (60 KB at 1,000 studies). A page without `data-pagefind-body` (a theme's numbered pages)
    is not sent: Pagefind would read it only to leave it out."""
    documents: list[tuple[str, pagefind.Document]] = [
        (r.order or _LAST, pagefind.IndexRecord(r.url, r.content, r.meta(), r.filters)) for r in records]
    for section in sections:
        for path in sorted((root / section).glob("**/*.html")):
            html_text = path.read_text(encoding="utf-8")
            if "data-pagefind-body" in html_text:
                match = _ORDER_TAG.search(html_text)
                documents.append((match.group(1) if match else _LAST, pagefind.HtmlPage(_page_url(root, path), path)))
    documents.sort(key=lambda entry: entry[0])  # stable: pages without an order keep the order of their paths
    return [document for _, document in documents]


def _page_url(root: Path, path: Path) -> str:
    """A built page's URL from the edition's root, as Pagefind makes it from a folder ("/studier/x/")."""
    relative = path.relative_to(root).as_posix()
    return "/" + relative.removesuffix("index.html")
