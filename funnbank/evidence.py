"""What the pages show of the bank's review findings: each one's evidence profile (the study findings
it rests on, each with a quote), and the review findings arranged by confidence.

Every lookup goes through the corpus index (`ix`), so a review finding's profile costs what it shows,
whatever the size of the corpus. Templates call these as Jinja globals (`evidence_profile(rf)`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jinja2 import pass_context
from jinja2.runtime import Context

from funnbank import vocab
from funnbank.model import Component, Finding, Quote, ReviewFinding, Study, Theme


@dataclass(frozen=True)
class Contribution:
    """One study finding a review finding rests on, how it bears on it, and a quote that carries it."""

    study: Study
    finding: Finding
    relation: str  # a key of vocab.FINDING_RELATIONS
    quote: Quote | None  # the finding's first quote; None while the finding has none


@dataclass(frozen=True)
class EvidenceProfile:
    review: ReviewFinding
    contributions: list[Contribution]
    # Each contributing study once, in the order the review finding first names it, with its findings.
    by_study: list[tuple[Study, list[Contribution]]]
    components: list[tuple[str, Component]]  # GRADE-CERQual's four, in vocab.CERQUAL_COMPONENTS' order


@pass_context
def evidence_profile(context: Context, review: ReviewFinding) -> EvidenceProfile:
    ix, corpus = context["ix"], context["corpus"]
    contributions = []
    for ref in review.findings:
        quotes = ix.quotes_by_finding[(ref.study, ref.finding)]
        contributions.append(Contribution(corpus.study(ref.study), ix.findings_by_id[(ref.study, ref.finding)],
                                          ref.relation, quotes[0] if quotes else None))
    by_study: dict[str, tuple[Study, list[Contribution]]] = {}
    for contribution in contributions:
        by_study.setdefault(contribution.study.id, (contribution.study, []))[1].append(contribution)
    components = [(name, getattr(review.components, name)) for name in vocab.CERQUAL_COMPONENTS]
    return EvidenceProfile(review, contributions, list(by_study.values()), components)


def study_count(review: ReviewFinding) -> int:
    """How many studies a review finding rests on (a study with several of its findings counts once)."""
    return len({ref.study for ref in review.findings})


def confidence_counts(reviews: Iterable[ReviewFinding]) -> list[tuple[str, int]]:
    """How many of `reviews` have each level of confidence, highest first; levels none has are left out."""
    levels = [review.confidence for review in reviews]
    return [(level, levels.count(level)) for level in vocab.CONFIDENCE_LEVELS if level in levels]


def by_confidence(themes: Iterable[Theme]) -> list[tuple[str, list[tuple[Theme, ReviewFinding]]]]:
    """Every review finding of `themes` with its theme, grouped by confidence, highest first (within a
    level, in the themes' order); levels none has are left out."""
    groups: dict[str, list[tuple[Theme, ReviewFinding]]] = {level: [] for level in vocab.CONFIDENCE_LEVELS}
    for theme in themes:
        for review in theme.review_findings:
            groups[review.confidence].append((theme, review))
    return [(level, entries) for level, entries in groups.items() if entries]


JINJA_GLOBALS = {"evidence_profile": evidence_profile, "study_count": study_count,
                 "confidence_counts": confidence_counts, "review_findings_by_confidence": by_confidence}
