"""Full-text search with Pagefind: what is indexed, with which filters, and the indexing run.

Two kinds of search records, both with the same filters:

- the study, concept and theme pages themselves, indexed from the built HTML
  (the page template wraps its content in `data-pagefind-body` and lists its
  filters as empty `data-pagefind-filter` elements, see `filter_tags`);
- one record per finding, quote and recommendation, added directly
  (`item_records`), whose URL is the study page with the item's anchor, so
  each is found on its own and a result jumps to it.

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

from funnbank import pagefind, pages, vocab
from funnbank.corpus import Corpus
from funnbank.i18n import strings
from funnbank.index import CorpusIndex
from funnbank.progress import Progress
from funnbank.model import Concept, Study, Theme, title_in

FILTER_KEYS = ("type", "theme", "concept", "study", "audience", "year", "service")
KINDS = ("study", "finding", "quote", "recommendation", "concept", "theme")


def filter_names(lang: str) -> dict[str, str]:
    """Each filter's name in the edition's language, in the order the search page shows them."""
    t = strings(lang)
    return {key: getattr(t, f"filter_{key}") for key in FILTER_KEYS}


def kind_order(lang: str) -> list[str]:
    t = strings(lang)
    return [getattr(t, f"kind_{kind}") for kind in KINDS]
INDEX_FOLDER = "pagefind"
# Heading permalinks ("¶") and "copy link" buttons are not content.
NOT_INDEXED = (".headerlink", ".fb-copy")


@dataclass(frozen=True)
class SearchRecord:
    url: str  # from the edition's root, e.g. "/studier/rose-nakuhel-2016/#tilhorighet"
    title: str
    content: str
    filters: dict[str, list[str]]
    study_title: str


class FilterValues:
    """The edition's filter values for studies, concepts and themes, and their items."""

    def __init__(self, corpus: Corpus, ix: CorpusIndex, lang: str) -> None:
        self.corpus, self.ix, self.lang = corpus, ix, lang
        self.t = strings(lang)

    def kind(self, kind: str) -> str:
        return getattr(self.t, f"kind_{kind}")

    def themes(self, ids: Iterable[str]) -> list[str]:
        return [self.corpus.theme(id).label.in_lang(self.lang) for id in dict.fromkeys(ids)]

    def concepts(self, ids: Iterable[str]) -> list[str]:
        return [self.corpus.concept(id).label.in_lang(self.lang) for id in dict.fromkeys(ids)]

    def study_facts(self, study: Study) -> dict[str, list[str]]:
        """What every record of a study is filtered by: the study, its year and its kind of service."""
        facts = {"study": [study.title],
                 "service": [getattr(vocab.SERVICE_KINDS[study.service.kind], self.lang)]}
        if study.year:
            facts["year"] = [str(study.year)]
        return facts

    def audiences(self, keys: Iterable[str]) -> list[str]:
        return [getattr(vocab.AUDIENCES[a], self.lang) for a in dict.fromkeys(keys)]

    def for_study(self, study: Study) -> dict[str, list[str]]:
        audiences = (a for rec in study.recommendations for a in rec.audience)
        return _compact({"type": [self.kind("study")], **self.study_facts(study),
                         "theme": self.themes(self.ix.themes_of_study[study.id]),
                         "concept": self.concepts(self.ix.concepts_of_study[study.id]),
                         "audience": self.audiences(audiences)})

    def for_concept(self, concept: Concept) -> dict[str, list[str]]:
        themes = [t.id for t in self.corpus.themes if concept.id in t.concepts]
        return _compact({"type": [self.kind("concept")], "concept": self.concepts([concept.id]),
                         "theme": self.themes(themes)})

    def for_theme(self, theme: Theme) -> dict[str, list[str]]:
        return _compact({"type": [self.kind("theme")], "theme": self.themes([theme.id]),
                         "concept": self.concepts(theme.concepts)})


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


def item_records(corpus: Corpus, ix: CorpusIndex, lang: str) -> Iterator[SearchRecord]:
    """One record for each finding, quote and recommendation of the corpus."""
    values = FilterValues(corpus, ix, lang)
    for study in corpus.studies:
        facts = values.study_facts(study)
        url = "/" + pages.page_url(pages.study_path(study.id, lang))
        findings = {f.id: f for f in study.findings}
        for finding in study.findings:
            title = title_in(finding, lang)
            yield SearchRecord(
                f"{url}#{finding.id}", title, f"{title}. {finding.summary.in_lang(lang)}",
                _compact({"type": [values.kind("finding")], **facts, "theme": values.themes(finding.themes),
                          "concept": values.concepts(finding.concepts)}),
                study.title)
        for quote in study.quotes:
            finding = findings[quote.finding]
            content = quote.text if lang == "nb" or not quote.translation_en else f"{quote.text} {quote.translation_en}"
            yield SearchRecord(
                f"{url}#{quote.id}", f"«{_shorten(quote.text)}» — {quote.speaker}", content,
                _compact({"type": [values.kind("quote")], **facts, "theme": values.themes(finding.themes),
                          "concept": values.concepts([*quote.concepts, *finding.concepts])}),
                study.title)
        for rec in study.recommendations:
            text = rec.text.in_lang(lang)
            themes = (t for f in rec.based_on for t in findings[f].themes)
            yield SearchRecord(
                f"{url}#{rec.id}", f"{getattr(vocab.RECOMMENDATION_KINDS[rec.kind], lang)}: {_shorten(text)}",
                text,
                _compact({"type": [values.kind("recommendation")], **facts, "theme": values.themes(themes),
                          "concept": values.concepts(rec.concepts), "audience": values.audiences(rec.audience)}),
                study.title)


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def index_edition(root: Path, records: Iterable[SearchRecord], lang: str, sections: Iterable[str],
                  progress: Progress | None = None) -> Path:
    """Index the built pages under `root/<section>/` and the item `records` into `root/pagefind/`;
    return that folder."""
    files = pagefind.build_index(
        lang, list(NOT_INDEXED), html_root=root, html_glob="{" + ",".join(sections) + "}/**/*.html",
        records=[pagefind.IndexRecord(r.url, r.content, {"title": r.title, "study": r.study_title}, r.filters)
                 for r in records],
        on_batch=progress.advance if progress else None)
    folder = root / INDEX_FOLDER
    pagefind.write_index(files, folder)
    return folder
