"""Backlinks: which findings, quotes, recommendations and studies mention each theme, concept and
audience, computed once per build in one linear pass over the corpus.

Templates never search the corpus themselves: every "which findings mention this concept" question
is answered here, so page rendering stays proportional to the page's own size. How pages arrange
these (the knowledge map, the concepts index) is `views`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from funnbank.corpus import Corpus
from funnbank.model import Finding, Quote, Recommendation, Study


@dataclass(frozen=True)
class Mention:
    """A finding, quote or recommendation of a study."""

    study: Study
    item: Finding | Quote | Recommendation


class Mentions(list[Mention]):
    """Mentions in corpus order, which can also be asked for those of one study without a scan.

    The grouping is made on the first `for_study` call, after `build_backlinks` has filled the list.
    """

    def for_study(self, study_id: str) -> list[Mention]:
        groups: dict[str, list[Mention]] | None = self.__dict__.get("_groups")
        if groups is None:
            groups = defaultdict(list)
            for mention in self:
                groups[mention.study.id].append(mention)
            self.__dict__["_groups"] = groups
        return groups.get(study_id, [])


@dataclass(frozen=True)
class Backlinks:
    """Keyed by theme, concept, audience or finding id; a key nothing mentions gives an empty list."""

    findings_by_theme: Mapping[str, Mentions]
    quotes_by_theme: Mapping[str, Mentions]  # through the theme of the quote's finding
    recommendations_by_theme: Mapping[str, Mentions]  # through the themes of the findings it is based on
    findings_by_concept: Mapping[str, Mentions]
    quotes_by_concept: Mapping[str, Mentions]
    recommendations_by_concept: Mapping[str, Mentions]
    studies_by_concept: Mapping[str, list[Study]]  # a study that mentions it anywhere
    studies_by_theme: Mapping[str, list[Study]]  # a study with a finding about it
    quotes_by_finding: Mapping[tuple[str, str], list[Quote]]  # (study id, finding id)
    recommendations_by_audience: Mapping[str, Mentions]
    narrower: Mapping[str, list[str]]  # concept id → the ids of the concepts whose `broader` it is
    # Keyed by every study (or finding) of the corpus, so a missing key is an error, not an empty list.
    themes_of_study: Mapping[str, list[str]]
    concepts_of_study: Mapping[str, list[str]]
    findings_by_id: Mapping[tuple[str, str], Finding]  # (study id, finding id)


def build_backlinks(corpus: Corpus) -> Backlinks:
    narrower: defaultdict[str, list[str]] = defaultdict(list)
    for concept in corpus.concepts:
        if concept.broader:
            narrower[concept.broader].append(concept.id)
    findings_by_theme, quotes_by_theme, recommendations_by_theme = _mentions(), _mentions(), _mentions()
    findings_by_concept, quotes_by_concept, recommendations_by_concept = _mentions(), _mentions(), _mentions()
    recommendations_by_audience = _mentions()
    studies_by_concept: defaultdict[str, list[Study]] = defaultdict(list)
    studies_by_theme: defaultdict[str, list[Study]] = defaultdict(list)
    quotes_by_finding: defaultdict[tuple[str, str], list[Quote]] = defaultdict(list)
    themes_of_study: dict[str, list[str]] = {}
    concepts_of_study: dict[str, list[str]] = {}
    findings_by_id: dict[tuple[str, str], Finding] = {}
    for study in corpus.studies:
        themes_of_finding = {f.id: f.themes for f in study.findings}
        # The study's themes and concepts in order of first mention (dicts as ordered sets).
        concepts: dict[str, None] = {}
        themes: dict[str, None] = {}
        for finding in study.findings:
            findings_by_id[(study.id, finding.id)] = finding
            for theme in finding.themes:
                findings_by_theme[theme].append(Mention(study, finding))
                themes[theme] = None
            for concept_id in finding.concepts:
                findings_by_concept[concept_id].append(Mention(study, finding))
                concepts[concept_id] = None
        for quote in study.quotes:
            quotes_by_finding[(study.id, quote.finding)].append(quote)
            for theme in themes_of_finding[quote.finding]:
                quotes_by_theme[theme].append(Mention(study, quote))
            for concept_id in quote.concepts:
                quotes_by_concept[concept_id].append(Mention(study, quote))
                concepts[concept_id] = None
        for rec in study.recommendations:
            for audience in rec.audience:
                recommendations_by_audience[audience].append(Mention(study, rec))
            for theme in dict.fromkeys(t for f in rec.based_on for t in themes_of_finding[f]):
                recommendations_by_theme[theme].append(Mention(study, rec))
            for concept_id in rec.concepts:
                recommendations_by_concept[concept_id].append(Mention(study, rec))
                concepts[concept_id] = None
        for concept_id in concepts:
            studies_by_concept[concept_id].append(study)
        for theme in themes:
            studies_by_theme[theme].append(study)
        themes_of_study[study.id] = list(themes)
        concepts_of_study[study.id] = list(concepts)
    return Backlinks(
        findings_by_theme=_EmptyIfMissing(findings_by_theme),
        quotes_by_theme=_EmptyIfMissing(quotes_by_theme),
        recommendations_by_theme=_EmptyIfMissing(recommendations_by_theme),
        findings_by_concept=_EmptyIfMissing(findings_by_concept),
        quotes_by_concept=_EmptyIfMissing(quotes_by_concept),
        recommendations_by_concept=_EmptyIfMissing(recommendations_by_concept),
        studies_by_concept=_EmptyIfMissing(studies_by_concept),
        studies_by_theme=_EmptyIfMissing(studies_by_theme),
        quotes_by_finding=_EmptyIfMissing(quotes_by_finding),
        recommendations_by_audience=_EmptyIfMissing(recommendations_by_audience),
        narrower=_EmptyIfMissing(narrower),
        themes_of_study=themes_of_study,
        concepts_of_study=concepts_of_study,
        findings_by_id=findings_by_id,
    )


def _mentions() -> defaultdict[str, Mentions]:
    return defaultdict(Mentions)


_K = TypeVar("_K")
_V = TypeVar("_V")


class _EmptyIfMissing(dict[_K, _V]):
    """A finished backlink table: a template asking for a key nothing mentions gets an empty list,
    and the table does not grow a new entry (as a defaultdict would)."""

    def __missing__(self, key: _K) -> Mentions:
        return Mentions()
