"""What the overview pages show, arranged once per build: the knowledge map's rows, the concepts
index by letter, framework and popularity, each study's finding tree, the studies newest first, and
what the study and theme pages show first (who is quoted, a theme's numbers, its related themes).

These only arrange the corpus and its backlinks (`backlinks`); no page sorts or groups for itself.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from funnbank import editions, vocab
from funnbank.backlinks import Backlinks, Mention, Mentions
from funnbank.corpus import Corpus
from funnbank.model import Concept, Finding, Study, Theme

# A knowledge map cell: (findings, quotes) of a study about the row's theme or concept; None: a gap.
MapCell = tuple[int, int] | None
# Vocabulary keys with how often each occurs, most first (ties in the vocabulary's order): who speaks in
# a study's or a theme's quotes, which kinds of study a theme draws on.
Counts = list[tuple[str, int]]
# A framework of the concepts index: its root concept and the concepts below it, each with its depth
# under the root (0: directly under it); a None root holds the concepts that are in no framework.
Framework = tuple[Concept | None, list[tuple[Concept, int]]]


@dataclass(frozen=True)
class PageViews:
    studies_newest_first: list[Study]
    # study id → its findings in reading order, each with its depth (0 for a main finding).
    finding_tree: Mapping[str, list[tuple[Finding, int]]]
    # The knowledge map's rows: each theme or concept with one cell per study.
    map_studies: list[Study]  # the map's columns (see MAP_COLUMNS)
    theme_rows: list[tuple[Theme, list[MapCell]]]
    concept_rows: list[tuple[Concept, list[MapCell]]]
    # Concepts index: by first letter in Norwegian order, per language; and by framework.
    concepts_by_letter: Mapping[str, list[tuple[str, list[Concept]]]]
    concepts_by_framework: list[Framework]
    concepts_by_popularity: list[Concept]  # most studies first
    # Pages that answer first: the study page's card and the theme page's "what we know" box.
    speakers_of_study: Mapping[str, Counts]  # study id → the speaker roles of its quotes
    theme_glance: Mapping[str, ThemeGlance]
    # theme id → the themes it names as related, then those that name it, each once, never itself.
    related_themes: Mapping[str, list[Theme]]


@dataclass(frozen=True)
class ThemeGlance:
    """What the studies of a theme are, in numbers: the theme page's "what we know" box."""

    studies: int
    participants: int  # the sum of the sample sizes the studies give
    unknown_sizes: int  # studies that give no sample size (not in `participants`)
    speakers: Counts  # the speaker roles of the theme's quotes
    study_types: Counts


# The knowledge map is a cross table; its size is columns × rows. To keep the page's size bounded as
# the corpus grows, it shows at most the newest MAP_COLUMNS studies and the MAP_ROWS most used themes
# and concepts; the studies index and the theme and concept pages cover the rest. (Issue 16: a dozen
# study columns is about what a desktop screen shows side by side, with the headers' words whole;
# the map's totals cover every study. Issue 18: at 10,000 studies a synthetic corpus has 406 themes,
# and a row for each would make the page megabytes.)
MAP_COLUMNS = 12
MAP_ROWS = 40
_Row = TypeVar("_Row", Theme, Concept)


def build_views(corpus: Corpus, backlinks: Backlinks) -> PageViews:
    # Unknown years sort last; ties by id keep the order stable.
    newest_first = sorted(corpus.studies, key=lambda s: (-(s.year or 0), s.id))
    map_studies = list(corpus.studies) if len(corpus.studies) <= MAP_COLUMNS else newest_first[:MAP_COLUMNS]
    return PageViews(
        studies_newest_first=newest_first,
        finding_tree={study.id: finding_tree(study) for study in corpus.studies},
        map_studies=map_studies,
        theme_rows=[(theme, _map_cells(theme.id, map_studies, backlinks.studies_by_theme,
                                       backlinks.findings_by_theme, backlinks.quotes_by_theme))
                    for theme in _most_used(corpus.themes, backlinks.studies_by_theme)],
        concept_rows=[(concept, _map_cells(concept.id, map_studies, backlinks.studies_by_concept,
                                           backlinks.findings_by_concept, backlinks.quotes_by_concept))
                      for concept in sorted(_most_used(corpus.concepts, backlinks.studies_by_concept),
                                            key=lambda c: norwegian_key(c.label.nb))],
        concepts_by_letter={lang: _concepts_by_letter(corpus, lang) for lang in editions.languages()},
        concepts_by_framework=_concepts_by_framework(corpus, backlinks),
        concepts_by_popularity=sorted(
            corpus.concepts, key=lambda c: (-len(backlinks.studies_by_concept[c.id]), norwegian_key(c.label.nb))),
        speakers_of_study={study.id: counted((q.speaker_role for q in study.quotes), vocab.SPEAKER_ROLES)
                           for study in corpus.studies},
        theme_glance={theme.id: theme_glance(backlinks.studies_by_theme[theme.id], backlinks.quotes_by_theme[theme.id])
                      for theme in corpus.themes},
        related_themes=related_themes(corpus.themes),
    )


def counted(keys: Iterable[str], vocabulary: Mapping[str, object]) -> Counts:
    """How often each vocabulary key occurs in `keys`, most first; ties in the vocabulary's order."""
    counts = Counter(keys)
    order = {key: i for i, key in enumerate(vocabulary)}
    return sorted(counts.items(), key=lambda item: (-item[1], order[item[0]]))


def theme_glance(studies: list[Study], quotes: Mentions) -> ThemeGlance:
    """The numbers of a theme's "what we know" box, from its studies and quotes (backlinks)."""
    sizes = [study.method.sample_size for study in studies]
    return ThemeGlance(
        studies=len(studies),
        participants=sum(size for size in sizes if size is not None),
        unknown_sizes=sizes.count(None),
        speakers=counted((m.item.speaker_role for m in quotes), vocab.SPEAKER_ROLES),  # type: ignore[union-attr]
        study_types=counted((study.type for study in studies), vocab.STUDY_TYPES),
    )


def related_themes(themes: Iterable[Theme]) -> dict[str, list[Theme]]:
    """Each theme's related themes: those it names (in its order), then those naming it (in corpus order).

    A reader of either theme should see the other, so one `related` entry links both pages."""
    by_id = {theme.id: theme for theme in themes}
    related: dict[str, dict[str, None]] = {id: dict.fromkeys(theme.related) for id, theme in by_id.items()}
    for theme in by_id.values():
        for other in theme.related:
            related[other][theme.id] = None
    return {id: [by_id[other] for other in others if other != id] for id, others in related.items()}


def _most_used(items: Sequence[_Row], studies_using: Mapping[str, list[Study]]) -> list[_Row]:
    """The knowledge map's rows of one kind: every theme or concept, or if there are more than MAP_ROWS,
    the MAP_ROWS used by most studies; in the corpus' order."""
    if len(items) <= MAP_ROWS:
        return list(items)
    kept = {item.id for item in sorted(items, key=lambda i: (-len(studies_using[i.id]), i.id))[:MAP_ROWS]}
    return [item for item in items if item.id in kept]


def _map_cells(id: str, studies: list[Study], studies_using: Mapping[str, list[Study]],
               findings: Mapping[str, Mentions], quotes: Mapping[str, Mentions]) -> list[MapCell]:
    """(findings, quotes) of each study about theme or concept `id`; None where the study does not touch it.

    A study that mentions a concept only in a recommendation gets a (0, 0) cell, not a gap.
    """
    using = {s.id for s in studies_using[id]}
    return [(len(findings[id].for_study(s.id)), len(quotes[id].for_study(s.id))) if s.id in using else None
            for s in studies]


def norwegian_key(text: str) -> str:
    """Sort key in Norwegian alphabetical order: Æ, Ø and Å come after Z."""
    return text.lower().translate(_NORWEGIAN_ORDER)


_NORWEGIAN_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})


def _concepts_by_letter(corpus: Corpus, lang: str) -> list[tuple[str, list[Concept]]]:
    """The concepts grouped by the first letter of their label in `lang`, in Norwegian order."""
    groups: dict[str, list[Concept]] = {}
    for concept in sorted(corpus.concepts, key=lambda c: norwegian_key(c.label.in_lang(lang))):
        groups.setdefault(concept.label.in_lang(lang)[:1].upper(), []).append(concept)
    return list(groups.items())


def _concepts_by_framework(corpus: Corpus, backlinks: Backlinks) -> list[Framework]:
    """Each concept with narrower concepts and those below it, depth first; then the concepts in no framework."""
    by_id = {c.id: c for c in corpus.concepts}

    def narrower_of(concept_id: str) -> list[str]:
        # Reversed, so popping from the end of a stack visits them in Norwegian order.
        return sorted(backlinks.narrower[concept_id], key=lambda i: norwegian_key(by_id[i].label.nb), reverse=True)

    roots = sorted((c for c in corpus.concepts if not c.broader and backlinks.narrower[c.id]),
                   key=lambda c: norwegian_key(c.label.nb))
    frameworks: list[Framework] = []
    placed: set[str] = set()
    for root in roots:
        members: list[tuple[Concept, int]] = []
        stack = [(by_id[n], 1) for n in narrower_of(root.id)]
        while stack:
            concept, depth = stack.pop()
            members.append((concept, depth - 1))
            placed.add(concept.id)
            stack.extend((by_id[n], depth + 1) for n in narrower_of(concept.id))
        frameworks.append((root, members))
        placed.add(root.id)
    others = [(c, 0) for c in sorted(corpus.concepts, key=lambda c: norwegian_key(c.label.nb)) if c.id not in placed]
    if others:
        frameworks.append((None, others))
    return frameworks


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


def by_first_audience(recommendations: list[Mention]) -> list[tuple[str | None, list[Mention]]]:
    """Recommendations grouped by the audience each names first, in the audiences' order (a theme page,
    which prints as a brief: each recommendation once, its other audiences named with it); those naming
    none come last, under None."""
    groups: dict[str | None, list[Mention]] = {audience: [] for audience in [*vocab.AUDIENCES, None]}
    for mention in recommendations:
        audiences = mention.item.audience  # type: ignore[union-attr]
        groups[audiences[0] if audiences else None].append(mention)
    return [(audience, mentions) for audience, mentions in groups.items() if mentions]


def recommendations_of_studies(mentions: Mentions, studies: Iterable[Study]) -> list[Mention]:
    """The recommendations among `mentions` (a theme's) of these studies, in the studies' order: a theme
    page's share. Each study's are looked up in the mentions' grouping by study, made once per build
    (`Mentions.for_study`), so a page does not scan the theme's recommendations."""
    return [mention for study in studies for mention in mentions.for_study(study.id)]
