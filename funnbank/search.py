"""Full-text search with Pagefind: what is indexed, with which filters, and the indexing run.

Two kinds of search records, both with the same filters:

- the study, concept and theme pages themselves, indexed from the built HTML
  (the page template wraps its content in `data-pagefind-body` and lists its
  filters as empty `data-pagefind-filter` elements, see `filter_tags`);
- one record per finding, quote and recommendation, added directly
  (`item_records`), whose URL is the study page with the item's anchor, so
  each is found on its own and a result jumps to it; and one per review
  finding ("funn på tvers"), whose URL is its theme page's evidence profile.

Filter keys are the same in every language (they appear in shareable search
URLs, `/sok/?q=håp&theme=Tilhørighet`); filter values are the edition's labels.
Each edition gets its own index in `<edition root>/pagefind/`, stemmed for its
language.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from funnbank import editions, pagefind, pages, vocab
from funnbank.assessment import involvement_words
from funnbank.backlinks import Backlinks
from funnbank.corpus import Corpus
from funnbank.markup import shorten
from funnbank.i18n import strings
from funnbank.progress import Progress
from funnbank.model import Concept, ReviewFinding, Study, Theme, title_in

# Each filter's key (the same in every edition: it is in shareable URLs) and the interface string of
# its name, in the order the search page shows them. `confidence` follows `type`: it qualifies one
# kind of result (review findings, and the themes that hold them), so a reader who picks that kind
# finds it next. `involvement` is a fact of the study, so it joins the study's other facts at the end.
FILTERS = {"type": "filter_type", "confidence": "filter_confidence", "theme": "filter_theme",
           "concept": "filter_concept", "study": "filter_study", "audience": "filter_audience",
           "year": "filter_year", "service": "filter_service", "involvement": "filter_involvement"}
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
            "involvement": [label.in_lang(lang) for label in vocab.INVOLVEMENT_STAGES.values()]
            + [vocab.INVOLVEMENT_VALUES[value].in_lang(lang) for value in NO_INVOLVEMENT]}


INDEX_FOLDER = "pagefind"
# Heading permalinks ("¶") and "copy link" buttons are not content.
NOT_INDEXED = (".headerlink", ".fb-copy")


@dataclass(frozen=True)
class SearchRecord:
    url: str  # from the edition's root, e.g. "/studier/rose-nakuhel-2016/#tilhorighet"
    title: str
    content: str
    filters: dict[str, list[str]]
    context: str  # shown after the result's type: the item's study, or a review finding's theme


class FilterValues:
    """The edition's filter values for studies, concepts and themes, and their items."""

    def __init__(self, corpus: Corpus, backlinks: Backlinks, lang: str) -> None:
        self.corpus, self.backlinks, self.lang = corpus, backlinks, lang
        self.t = strings(lang)

    def result_type(self, result_type: str) -> str:
        return self.t[RESULT_TYPES[result_type]]

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
        facts = {"study": [study.title],
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
                         "theme": self.themes(themes)})

    def for_theme(self, theme: Theme) -> dict[str, list[str]]:
        return _compact({"type": [self.result_type("theme")], "theme": self.themes([theme.id]),
                         "concept": self.concepts(theme.concepts),
                         "confidence": self.confidences(r.confidence for r in theme.review_findings)})

    def for_review_finding(self, theme: Theme, review: ReviewFinding) -> dict[str, list[str]]:
        studies = (self.corpus.study(ref.study).title for ref in review.findings)
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
    for study in corpus.studies:
        yield from _study_records(values, study)
    for theme in corpus.themes:
        yield from _review_finding_records(values, theme)


def _study_records(values: FilterValues, study: Study) -> Iterator[SearchRecord]:
    lang = values.lang
    facts = values.study_facts(study)
    url = "/" + pages.page_url(pages.study_path(study.id, lang))
    findings = {f.id: f for f in study.findings}
    for finding in study.findings:
        title = title_in(finding, lang)
        yield SearchRecord(
            f"{url}#{finding.id}", title, f"{title}. {finding.summary.in_lang(lang)}",
            _compact({"type": [values.result_type("finding")], **facts, "theme": values.themes(finding.themes),
                      "concept": values.concepts(finding.concepts)}),
            study.title)
    for quote in study.quotes:
        finding = findings[quote.finding]
        # In other editions the quote is also found by its (English) translation.
        content = (quote.text if lang == editions.source().lang or not quote.translation_en
                   else f"{quote.text} {quote.translation_en}")
        yield SearchRecord(
            f"{url}#{quote.id}", f"«{shorten(quote.text)}» — {quote.speaker}", content,
            _compact({"type": [values.result_type("quote")], **facts, "theme": values.themes(finding.themes),
                      "concept": values.concepts([*quote.concepts, *finding.concepts])}),
            study.title)
    for rec in study.recommendations:
        text = rec.text.in_lang(lang)
        themes = (t for f in rec.based_on for t in findings[f].themes)
        yield SearchRecord(
            f"{url}#{rec.id}", f"{vocab.RECOMMENDATION_KINDS[rec.kind].in_lang(lang)}: {shorten(text)}",
            text,
            _compact({"type": [values.result_type("recommendation")], **facts, "theme": values.themes(themes),
                      "concept": values.concepts(rec.concepts), "audience": values.audiences(rec.audience)}),
            study.title)


def _review_finding_records(values: FilterValues, theme: Theme) -> Iterator[SearchRecord]:
    """A theme's review findings, each at its place in the theme page's evidence profile."""
    lang = values.lang
    url = "/" + pages.page_url(pages.theme_path(theme.id, lang))
    for review in theme.review_findings:
        statement = review.statement.in_lang(lang)
        yield SearchRecord(f"{url}#{review.id}", shorten(statement),
                           f"{statement} {review.explanation.in_lang(lang)}",
                           values.for_review_finding(theme, review), theme.label.in_lang(lang))


def index_edition(root: Path, records: Iterable[SearchRecord], lang: str, sections: Iterable[str],
                  progress: Progress | None = None) -> Path:
    """Index the built pages under `root/<section>/` and the item `records` into `root/pagefind/`;
    return that folder."""
    files = pagefind.build_index(
        lang, list(NOT_INDEXED), html_root=root, html_glob="{" + ",".join(sections) + "}/**/*.html",
        records=[pagefind.IndexRecord(r.url, r.content, {"title": r.title, "context": r.context}, r.filters)
                 for r in records],
        on_batch=progress.advance if progress else None)
    folder = root / INDEX_FOLDER
    pagefind.write_index(files, folder)
    return folder
