"""The quote bank and the recommendations page: what they list, in which order, and their filters.

The pages are planned in `pages` (one page per theme of the quote bank; the recommendations in
numbered pages when there are many) and written by `quotes.md.j2`, `quotes_theme.md.j2` and
`recommendations.md.j2`; how each quote is attributed and cited is `attribution`. Templates call the
functions here as globals (`JINJA_GLOBALS`, registered in `render.make_environment`).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from funnbank import editions, names, vocab
from funnbank.backlinks import Mention
from funnbank.corpus import Corpus
from funnbank.index import CorpusIndex
from funnbank.model import Recommendation, Study
from funnbank.views import norwegian_key

# How many quotes or recommendations one page lists before the list goes on on a next page. At 1,000
# synthetic studies a quote takes about 1.1 kB of HTML and a recommendation 1.5 kB (its findings and
# themes linked), so a page stays well under 500 kB with its headings, filters and the theme's chrome.
QUOTES_PER_PAGE = 200
RECOMMENDATIONS_PER_PAGE = 200


# --- what the pages list --------------------------------------------------------------------------

def theme_quotes(ix: CorpusIndex, theme_id: str) -> list[Mention]:
    """The quotes about a theme, grouped by study, the studies in the order of their short names.

    The order is the source language's in every edition, so the pages are cut the same way in each and
    the language switch leads to the page holding the same quotes."""
    source = editions.source().lang
    return sorted(ix.quotes_by_theme[theme_id],
                  key=lambda m: (norwegian_key(names.short_name(m.study, source)), m.study.id))


def quoted_themes(corpus: Corpus, ix: CorpusIndex) -> list[str]:
    """The ids of the themes that have quotes: each gets a page in the quote bank."""
    return [theme.id for theme in corpus.themes if ix.quotes_by_theme[theme.id]]


@dataclass(frozen=True)
class RecommendationEntry:
    """One recommendation, conclusion or implication, as the recommendations page lists it once."""

    study: Study
    rec: Recommendation
    themes: list[str]  # the themes of the findings it is based on, in order of first mention
    group: str | None  # the theme it is listed under: its first; None for one based on no themed finding


def recommendation_entries(corpus: Corpus, ix: CorpusIndex) -> list[RecommendationEntry]:
    """Every recommendation once, grouped by its first theme in the themes' order (those with none
    last), and within a theme in corpus order."""
    entries = []
    for study in corpus.studies:
        for rec in study.recommendations:
            themes = list(dict.fromkeys(t for f in rec.based_on for t in ix.findings_by_id[(study.id, f)].themes))
            entries.append(RecommendationEntry(study, rec, themes, themes[0] if themes else None))
    order = {theme.id: n for n, theme in enumerate(corpus.themes)}
    return sorted(entries, key=lambda e: order.get(e.group or "", len(order)))


def by_study(mentions: Iterable[Mention]) -> list[tuple[Study, list[Mention]]]:
    """Neighbouring mentions of the same study together, in their order (one heading per study)."""
    runs = (list(run) for _, run in itertools.groupby(mentions, key=lambda m: m.study.id))
    return [(run[0].study, run) for run in runs]


def by_group(entries: Iterable[RecommendationEntry]) -> list[tuple[str | None, list[RecommendationEntry]]]:
    """Neighbouring recommendations listed under the same theme together (one heading per theme)."""
    return [(group, list(run)) for group, run in itertools.groupby(entries, key=lambda e: e.group)]


# --- filters --------------------------------------------------------------------------------------
# A filter is a <select> that funnbank.js shows and applies: it hides the listed items (`fb-filter-item`)
# whose `data-<name>` does not hold the chosen value. Values are hyphenated keys (`peer-worker`), which
# need no escaping anywhere.

def filter_value(key: str) -> str:
    """A vocabulary key or id as a filter value and `data-` attribute word: `peer_worker` → `peer-worker`."""
    return key.replace("_", "-")


def _options(counts: Counter[str], terms: Iterable[tuple[str, Any]], lang: str) -> list[tuple[str, str, int]]:
    """(value, label, count) of each term (key, label with `in_lang`) that occurs, in the terms' order."""
    return [(filter_value(key), label.in_lang(lang), counts[key]) for key, label in terms if counts[key]]


@pass_context
def role_options(context: Context, mentions: Sequence[Mention]) -> list[tuple[str, str, int]]:
    """The speaker-role filter's options: each role among the quotes, in the vocabulary's order."""
    counts = Counter(m.item.speaker_role for m in mentions)  # type: ignore[union-attr]
    return _options(counts, vocab.SPEAKER_ROLES.items(), context["lang"])


# What each filter of the recommendations page matches in an entry.
_ENTRY_KEYS: dict[str, Callable[[RecommendationEntry], Iterable[str]]] = {
    "audience": lambda e: e.rec.audience, "theme": lambda e: e.themes, "kind": lambda e: [e.rec.kind],
}


@pass_context
def entry_options(context: Context, entries: Sequence[RecommendationEntry], name: str) -> list[tuple[str, str, int]]:
    """The options of the recommendations' filter `name` (audience, theme, kind): each among the
    entries, in the order of its vocabulary or of the themes."""
    corpus: Corpus = context["corpus"]
    terms = {"audience": vocab.AUDIENCES.items(), "kind": vocab.RECOMMENDATION_KINDS.items(),
             "theme": [(theme.id, theme.label) for theme in corpus.themes]}[name]
    counts = Counter(key for entry in entries for key in _ENTRY_KEYS[name](entry))
    return _options(counts, terms, context["lang"])


def data_words(keys: Iterable[str]) -> str:
    """Keys as the space-separated words of a `data-` attribute the filter matches."""
    return " ".join(filter_value(key) for key in keys)


JINJA_GLOBALS = {
    "quotes_by_study": by_study, "recommendations_by_theme_group": by_group,
    "speaker_role_options": role_options, "recommendation_options": entry_options,
    "filter_value": filter_value, "filter_words": data_words,
}
