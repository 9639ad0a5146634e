"""Backlinks and groupings, computed once per build from the corpus.

Templates never search the corpus themselves: every "which findings mention
this concept" question is answered here, in one linear pass, so page rendering
stays proportional to the page's own size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from funnbank.corpus import Corpus
from funnbank.model import Finding, Quote, Recommendation, Study


@dataclass(frozen=True)
class Mention:
    """A finding, quote or recommendation of a study."""

    study: Study
    item: Finding | Quote | Recommendation


@dataclass
class CorpusIndex:
    findings_by_theme: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    quotes_by_theme: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    recommendations_by_theme: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    findings_by_concept: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    quotes_by_concept: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    recommendations_by_concept: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    studies_by_concept: dict[str, list[Study]] = field(default_factory=lambda: defaultdict(list))
    studies_by_theme: dict[str, list[Study]] = field(default_factory=lambda: defaultdict(list))
    quotes_by_finding: dict[tuple[str, str], list[Quote]] = field(default_factory=lambda: defaultdict(list))
    recommendations_by_audience: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    narrower: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    themes_of_study: dict[str, list[str]] = field(default_factory=dict)
    concepts_of_study: dict[str, list[str]] = field(default_factory=dict)
    studies_newest_first: list[Study] = field(default_factory=list)
    # study id → its findings in reading order, each with its depth (0 for a main finding).
    finding_tree: dict[str, list[tuple[Finding, int]]] = field(default_factory=dict)
    # (theme id, study id) → (number of findings, number of quotes): the knowledge map's cells.
    theme_study_counts: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)


def build_index(corpus: Corpus) -> CorpusIndex:
    ix = CorpusIndex()
    for concept in corpus.concepts:
        if concept.broader:
            ix.narrower[concept.broader].append(concept.id)
    for study in corpus.studies:
        _index_study(ix, study)
    # Unknown years sort last; ties by id keep the order stable.
    ix.studies_newest_first = sorted(corpus.studies, key=lambda s: (-(s.year or 0), s.id))
    # Freeze the defaultdicts so a template asking for a missing key gets an empty list, not a new entry.
    for name, value in vars(ix).items():
        if isinstance(value, defaultdict):
            setattr(ix, name, _ReadOnlyDefault(value))
    return ix


def _index_study(ix: CorpusIndex, study: Study) -> None:
    themes_of_finding = {f.id: f.themes for f in study.findings}
    concepts: dict[str, None] = {}
    themes: dict[str, None] = {}
    for finding in study.findings:
        for theme in finding.themes:
            ix.findings_by_theme[theme].append(Mention(study, finding))
            themes[theme] = None
        for concept in finding.concepts:
            ix.findings_by_concept[concept].append(Mention(study, finding))
            concepts[concept] = None
    for quote in study.quotes:
        ix.quotes_by_finding[(study.id, quote.finding)].append(quote)
        for theme in themes_of_finding[quote.finding]:
            ix.quotes_by_theme[theme].append(Mention(study, quote))
        for concept in quote.concepts:
            ix.quotes_by_concept[concept].append(Mention(study, quote))
            concepts[concept] = None
    for rec in study.recommendations:
        for audience in rec.audience:
            ix.recommendations_by_audience[audience].append(Mention(study, rec))
        for theme in dict.fromkeys(t for f in rec.based_on for t in themes_of_finding[f]):
            ix.recommendations_by_theme[theme].append(Mention(study, rec))
        for concept in rec.concepts:
            ix.recommendations_by_concept[concept].append(Mention(study, rec))
            concepts[concept] = None
    for concept in concepts:
        ix.studies_by_concept[concept].append(study)
    for theme in themes:
        ix.studies_by_theme[theme].append(study)
        findings = sum(theme in f.themes for f in study.findings)
        quotes = sum(theme in themes_of_finding[q.finding] for q in study.quotes)
        ix.theme_study_counts[(theme, study.id)] = (findings, quotes)
    ix.finding_tree[study.id] = finding_tree(study)
    ix.themes_of_study[study.id] = list(themes)
    ix.concepts_of_study[study.id] = list(concepts)


def finding_tree(study: Study) -> list[tuple[Finding, int]]:
    """Findings in reading order: each main finding followed by its sub-findings, depth first."""
    children: dict[str | None, list[Finding]] = defaultdict(list)
    for finding in study.findings:
        children[finding.parent].append(finding)
    ordered: list[tuple[Finding, int]] = []
    stack = [(f, 0) for f in reversed(children[None])]
    while stack:
        finding, depth = stack.pop()
        ordered.append((finding, depth))
        stack.extend((child, depth + 1) for child in reversed(children[finding.id]))
    return ordered


class _ReadOnlyDefault(dict):  # type: ignore[type-arg]
    def __missing__(self, key: object) -> list[object]:
        return []
