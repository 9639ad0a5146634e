"""The registry of content kinds: one record per kind, which every stage of the build loops over.

A kind is named once, in the singular (`study`), and that name is its key everywhere: the registry,
page keys (`("study", id)`), schema files (`study.schema.json`), `build.py new study`. Its content
folder, corpus attribute and JSON export key is `folder` (`studies`). "Kind" means only this: search
result types are `search.RESULT_TYPES`, and `kind:` in a service or a recommendation is a vocabulary
term.

An item's page template gets the item under the kind's name (`{{ study.title }}`).

Adding a kind is `register(Kind(...))` with its model, page template and section: the loader reads
its folder, the references are checked, pages are planned for it in every edition, the search
indexes them, the JSON export carries it, `new` writes its skeleton, `schema` writes its schema.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from funnbank.model import Concept, Model, Study, Theme
from funnbank.skeletons import SKELETONS

EACH = None  # in a reference pattern: each item of a list
Pattern = tuple[str | None, ...]


@dataclass(frozen=True)
class Kind:
    name: str  # singular: "study"
    folder: str  # the content folder, the corpus attribute and the export key: "studies"
    model: type[Model]
    template: str  # the page of one item: "study.md.j2"
    section: str  # the name of its section page, which lists the items: "studies"
    section_template: str | None  # "studies_index.md.j2"; None: the kind has no section page
    # The section page's path in each edition's generated folder; the items' pages sit in its folder
    # (`studier/index.md` → `studier/<id>.md`). An edition not named here uses the source language's.
    section_paths: Mapping[str, str]
    skeleton: str  # what `build.py new <name> <id>` writes; `{id}` is filled in
    # Where its files refer to other items by id, and to which kind ("finding": a finding of the same study).
    references: tuple[tuple[Pattern, str], ...] = ()
    # The search filters of an item's page, from `search.FilterValues`; None: its pages are not indexed.
    search_filters: Callable[[Any, Any], dict[str, list[str]]] | None = None


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add a kind to the registry (a kind of the same name is replaced)."""
    KINDS[kind.name] = kind
    return kind


def kind(name: str) -> Kind:
    return KINDS[name]


def by_folder(folder: str) -> Kind:
    return next(k for k in KINDS.values() if k.folder == folder)


register(Kind(
    name="study", folder="studies", model=Study, template="study.md.j2",
    section="studies", section_template="studies_index.md.j2",
    section_paths={"nb": "studier/index.md", "en": "studies/index.md"},
    skeleton=SKELETONS["study"],
    references=(
        (("findings", EACH, "themes", EACH), "theme"),
        (("findings", EACH, "concepts", EACH), "concept"),
        (("findings", EACH, "parent"), "finding"),
        (("quotes", EACH, "finding"), "finding"),
        (("quotes", EACH, "concepts", EACH), "concept"),
        (("recommendations", EACH, "based_on", EACH), "finding"),
        (("recommendations", EACH, "concepts", EACH), "concept"),
    ),
    search_filters=lambda values, study: values.for_study(study),
))
register(Kind(
    name="concept", folder="concepts", model=Concept, template="concept.md.j2",
    section="concepts", section_template="concepts_index.md.j2",
    section_paths={"nb": "begreper/index.md", "en": "concepts/index.md"},
    skeleton=SKELETONS["concept"],
    references=((("related", EACH), "concept"), (("broader",), "concept")),
    search_filters=lambda values, concept: values.for_concept(concept),
))
register(Kind(
    name="theme", folder="themes", model=Theme, template="theme.md.j2",
    section="themes", section_template="themes_index.md.j2",
    section_paths={"nb": "temaer/index.md", "en": "themes/index.md"},
    skeleton=SKELETONS["theme"],
    references=((("concepts", EACH), "concept"), (("related", EACH), "theme"),
                (("review_findings", EACH, "findings", EACH, "study"), "study")),
    search_filters=lambda values, theme: values.for_theme(theme),
))
