"""Backlinks and groupings, computed once per build from the corpus.

Templates never search the corpus themselves: every "which findings mention
this concept" question is answered here, in one linear pass, so page rendering
stays proportional to the page's own size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from funnbank.corpus import Corpus
from funnbank.model import Concept, Finding, Quote, Recommendation, Study, Theme


@dataclass(frozen=True)
class Mention:
    """A finding, quote or recommendation of a study."""

    study: Study
    item: Finding | Quote | Recommendation


class Mentions(list[Mention]):
    """Mentions in corpus order, which can also be asked for those of one study without a scan.

    The grouping is made on the first `for_study` call, after `build_index` has filled the list.
    """

    def for_study(self, study_id: str) -> list[Mention]:
        groups: dict[str, list[Mention]] | None = self.__dict__.get("_groups")
        if groups is None:
            groups = defaultdict(list)
            for mention in self:
                groups[mention.study.id].append(mention)
            self.__dict__["_groups"] = groups
        return groups.get(study_id, [])


def _mentions() -> dict[str, Mentions]:
    return defaultdict(Mentions)


@dataclass
class CorpusIndex:
    findings_by_theme: dict[str, Mentions] = field(default_factory=_mentions)
    quotes_by_theme: dict[str, Mentions] = field(default_factory=_mentions)
    recommendations_by_theme: dict[str, Mentions] = field(default_factory=_mentions)
    findings_by_concept: dict[str, Mentions] = field(default_factory=_mentions)
    quotes_by_concept: dict[str, Mentions] = field(default_factory=_mentions)
    recommendations_by_concept: dict[str, Mentions] = field(default_factory=_mentions)
    studies_by_concept: dict[str, list[Study]] = field(default_factory=lambda: defaultdict(list))
    studies_by_theme: dict[str, list[Study]] = field(default_factory=lambda: defaultdict(list))
    quotes_by_finding: dict[tuple[str, str], list[Quote]] = field(default_factory=lambda: defaultdict(list))
    recommendations_by_audience: dict[str, Mentions] = field(default_factory=_mentions)
    narrower: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    themes_of_study: dict[str, list[str]] = field(default_factory=dict)
    concepts_of_study: dict[str, list[str]] = field(default_factory=dict)
    studies_newest_first: list[Study] = field(default_factory=list)
    findings_by_id: dict[tuple[str, str], Finding] = field(default_factory=dict)  # (study id, finding id)
    # study id → its findings in reading order, each with its depth (0 for a main finding).
    finding_tree: dict[str, list[tuple[Finding, int]]] = field(default_factory=dict)
    # The knowledge map's rows: each theme or concept with one cell per study (None: a gap).
    map_studies: list[Study] = field(default_factory=list)  # the map's columns (see MAP_COLUMNS)
    theme_rows: list[tuple[Theme, list[tuple[int, int] | None]]] = field(default_factory=list)
    concept_rows: list[tuple[Concept, list[tuple[int, int] | None]]] = field(default_factory=list)
    # Concepts index: by first letter in Norwegian order, per language; and by framework.
    concepts_by_letter: dict[str, list[tuple[str, list[Concept]]]] = field(default_factory=dict)
    concepts_by_framework: list[tuple[Concept | None, list[tuple[Concept, int]]]] = field(default_factory=list)
    concepts_by_popularity: list[Concept] = field(default_factory=list)  # most studies first


def build_index(corpus: Corpus) -> CorpusIndex:
    ix = CorpusIndex()
    for concept in corpus.concepts:
        if concept.broader:
            ix.narrower[concept.broader].append(concept.id)
    for study in corpus.studies:
        _index_study(ix, study)
    # Unknown years sort last; ties by id keep the order stable.
    ix.studies_newest_first = sorted(corpus.studies, key=lambda s: (-(s.year or 0), s.id))
    _index_maps(ix, corpus)
    _index_concepts(ix, corpus)
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
        ix.findings_by_id[(study.id, finding.id)] = finding
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
    ix.finding_tree[study.id] = finding_tree(study)
    ix.themes_of_study[study.id] = list(themes)
    ix.concepts_of_study[study.id] = list(concepts)


# The knowledge map is a cross table; its size is columns × rows. To keep the page's size bounded as
# the corpus grows, it shows at most the newest MAP_COLUMNS studies and the MAP_CONCEPT_ROWS most used
# concepts (every theme); the studies index and the concept pages cover the rest.
MAP_COLUMNS = 25
MAP_CONCEPT_ROWS = 40


def _index_maps(ix: CorpusIndex, corpus: Corpus) -> None:
    if len(corpus.studies) <= MAP_COLUMNS:
        ix.map_studies = list(corpus.studies)
    else:
        ix.map_studies = ix.studies_newest_first[:MAP_COLUMNS]
    studies = tuple(ix.map_studies)
    ix.theme_rows = [(theme, _map_cells(ix, "theme", theme.id, studies)) for theme in corpus.themes]
    concepts = corpus.concepts
    if len(concepts) > MAP_CONCEPT_ROWS:
        used = {c.id: len(ix.studies_by_concept[c.id]) for c in concepts}
        concepts = tuple(sorted(concepts, key=lambda c: (-used[c.id], c.id))[:MAP_CONCEPT_ROWS])
    ix.concept_rows = [(concept, _map_cells(ix, "concept", concept.id, studies))
                       for concept in sorted(concepts, key=lambda c: norwegian_key(c.label.nb))]


def _map_cells(ix: CorpusIndex, kind: str, id: str, studies: tuple[Study, ...]) -> list[tuple[int, int] | None]:
    """(findings, quotes) of each study about a theme or concept; None where the study does not touch it.

    A study that mentions a concept only in a recommendation gets a (0, 0) cell, not a gap.
    """
    using = {s.id for s in getattr(ix, f"studies_by_{kind}")[id]}
    findings, quotes = getattr(ix, f"findings_by_{kind}")[id], getattr(ix, f"quotes_by_{kind}")[id]
    return [(len(findings.for_study(s.id)), len(quotes.for_study(s.id))) if s.id in using else None
            for s in studies]


def norwegian_key(text: str) -> str:
    """Sort key in Norwegian alphabetical order: Æ, Ø and Å come after Z."""
    return text.lower().translate(_NORWEGIAN_ORDER)


_NORWEGIAN_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})


def _index_concepts(ix: CorpusIndex, corpus: Corpus) -> None:
    for lang in ("nb", "en"):
        groups: dict[str, list[Concept]] = {}
        for concept in sorted(corpus.concepts, key=lambda c: norwegian_key(getattr(c.label, lang) or c.label.nb)):
            label = getattr(concept.label, lang) or concept.label.nb
            groups.setdefault(label[:1].upper(), []).append(concept)
        ix.concepts_by_letter[lang] = list(groups.items())
    ix.concepts_by_popularity = sorted(
        corpus.concepts, key=lambda c: (-len(ix.studies_by_concept.get(c.id, [])), norwegian_key(c.label.nb)))
    by_id = {c.id: c for c in corpus.concepts}
    roots = sorted((c for c in corpus.concepts if not c.broader and ix.narrower.get(c.id)),
                   key=lambda c: norwegian_key(c.label.nb))
    placed: set[str] = set()
    for root in roots:
        members: list[tuple[Concept, int]] = []
        stack = [(by_id[n], 1) for n in sorted(ix.narrower[root.id], key=lambda i: norwegian_key(by_id[i].label.nb), reverse=True)]
        while stack:
            concept, depth = stack.pop()
            members.append((concept, depth - 1))
            placed.add(concept.id)
            children = sorted(ix.narrower.get(concept.id, []), key=lambda i: norwegian_key(by_id[i].label.nb), reverse=True)
            stack.extend((by_id[n], depth + 1) for n in children)
        ix.concepts_by_framework.append((root, members))
        placed.add(root.id)
    others = [(c, 0) for c in sorted(corpus.concepts, key=lambda c: norwegian_key(c.label.nb)) if c.id not in placed]
    if others:
        ix.concepts_by_framework.append((None, others))


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
    def __missing__(self, key: object) -> Mentions:
        return Mentions()
