"""Which pages the site has, at which paths, rendered from which template.

Paths are Markdown files in the generated folder; with MkDocs' directory URLs
`studier/<id>.md` is served at `/studier/<id>/`. These paths are the public,
stable URLs of the site: change them only through an issue.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from funnbank.corpus import Corpus


@dataclass(frozen=True)
class Page:
    path: str  # relative to the generated folder, POSIX separators
    template: str  # a name under templates/pages/
    context: dict[str, Any] = field(default_factory=dict)


def study_path(study_id: str) -> str:
    return f"studier/{study_id}.md"


def concept_path(concept_id: str) -> str:
    return f"begreper/{concept_id}.md"


def theme_path(theme_id: str) -> str:
    return f"temaer/{theme_id}.md"


# The folders of the pages the search indexes as pages (the rest are lists of what these pages hold).
SEARCHABLE_SECTIONS = tuple(path("x").split("/")[0] for path in (study_path, concept_path, theme_path))


def plan_pages(corpus: Corpus) -> Iterator[Page]:
    """Every page of the site, in a stable order."""
    yield Page("index.md", "home.md.j2")
    yield Page("studier/index.md", "studies_index.md.j2")
    yield Page("begreper/index.md", "concepts_index.md.j2")
    yield Page("temaer/index.md", "themes_index.md.j2")
    yield Page("kunnskapskart.md", "knowledge_map.md.j2")
    yield Page("anbefalinger.md", "recommendations.md.j2")
    yield Page("sitater.md", "quotes.md.j2")
    yield Page("data/index.md", "data.md.j2")
    yield Page("sok/index.md", "search.md.j2")
    for study in corpus.studies:
        yield Page(study_path(study.id), "study.md.j2", {"study": study})
    for concept in corpus.concepts:
        yield Page(concept_path(concept.id), "concept.md.j2", {"concept": concept})
    for theme in corpus.themes:
        yield Page(theme_path(theme.id), "theme.md.j2", {"theme": theme})
