"""Cross-file checks: every id is unique and every reference points at something."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from funnbank.errors import Problem
from funnbank.model import RESERVED_ANCHORS, Concept, Study, field_paths
from funnbank.reader import Document, Loc

Loaded = dict[str, list[tuple[Document, Any]]]
_CONCEPTS = "concept ids are the file names in content/concepts/"
_THEMES = "theme ids are the file names in content/themes/"


def check_references(loaded: Loaded) -> list[Problem]:
    problems = list(_duplicate_files(loaded))
    concepts = {item.id for _, item in loaded["concepts"]}
    themes = {item.id for _, item in loaded["themes"]}
    for doc, study in loaded["studies"]:
        problems.extend(_check_study(doc, study, concepts, themes))
    for doc, concept in loaded["concepts"]:
        problems.extend(_check_concept(doc, concept, concepts))
    problems.extend(_broader_cycles(loaded["concepts"]))
    for doc, theme in loaded["themes"]:
        problems.extend(_refs(doc, ("concepts",), theme.concepts, concepts, "concept", _CONCEPTS))
    return problems


def _duplicate_files(loaded: Loaded) -> Iterator[Problem]:
    for kind, docs in loaded.items():
        first: dict[str, Document] = {}
        for doc, item in docs:
            if item.id in first:
                yield doc.problem(("id",), f"{kind[:-1]} id {item.id!r} is also used by {first[item.id].path}",
                                  "ids must be unique: rename one of the files and its id")
            else:
                first[item.id] = doc


def _refs(doc: Document, loc: Loc, ids: Iterable[str], known: set[str], what: str, where: str) -> Iterator[Problem]:
    """Problems for the ids of a list field at `loc` that are not in `known`."""
    for i, ref in enumerate(ids):
        yield from _ref(doc, (*loc, i), ref, known, what, where)


def _ref(doc: Document, loc: Loc, ref: str, known: set[str], what: str, where: str) -> Iterator[Problem]:
    if ref not in known:
        close = difflib.get_close_matches(ref, sorted(known), n=1)
        hint = f"did you mean {close[0]!r}?" if close else where
        yield doc.problem(loc, f"no {what} with id {ref!r}", hint)


def _check_study(doc: Document, study: Study, concepts: set[str], themes: set[str]) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for field in ("findings", "quotes", "recommendations"):
        for i, item in enumerate(getattr(study, field)):
            if item.id in RESERVED_ANCHORS:
                yield doc.problem((field, i, "id"), f"id {item.id!r} is reserved for a section of the study page",
                                  "choose another id")
            elif item.id in seen:
                yield doc.problem((field, i, "id"), f"id {item.id!r} is already used in {seen[item.id]}",
                                  "findings, quotes and recommendations of a study need distinct ids (they are page anchors)")
            else:
                seen[item.id] = field
    findings = {f.id for f in study.findings}
    here = f"finding ids are listed under `findings:` in {doc.path.name}"
    for i, finding in enumerate(study.findings):
        yield from _refs(doc, ("findings", i, "themes"), finding.themes, themes, "theme", _THEMES)
        yield from _refs(doc, ("findings", i, "concepts"), finding.concepts, concepts, "concept", _CONCEPTS)
        if finding.parent is not None:
            if finding.parent == finding.id:
                yield doc.problem(("findings", i, "parent"), "a finding cannot be its own parent", "name the main finding")
            else:
                yield from _ref(doc, ("findings", i, "parent"), finding.parent, findings, "finding", here)
    yield from _parent_cycles(doc, study)
    for i, quote in enumerate(study.quotes):
        yield from _ref(doc, ("quotes", i, "finding"), quote.finding, findings, "finding", here)
        yield from _refs(doc, ("quotes", i, "concepts"), quote.concepts, concepts, "concept", _CONCEPTS)
    for i, rec in enumerate(study.recommendations):
        yield from _refs(doc, ("recommendations", i, "based_on"), rec.based_on, findings, "finding", here)
        yield from _refs(doc, ("recommendations", i, "concepts"), rec.concepts, concepts, "concept", _CONCEPTS)
    fields = set(field_paths(Study))
    for key in study.unknown:
        if key not in fields:
            close = difflib.get_close_matches(key, sorted(fields), n=1)
            yield doc.problem(("unknown", key), f"{key!r} is not a field of a study",
                              f"did you mean {close[0]!r}?" if close else "use a field name such as `year` or `method.sample_size`")


def _parent_cycles(doc: Document, study: Study) -> Iterator[Problem]:
    parent = {f.id: f.parent for f in study.findings}
    for i, finding in enumerate(study.findings):
        seen, current = {finding.id}, parent.get(finding.id)
        while current is not None and current not in seen and current in parent:
            seen.add(current)
            current = parent[current]
        if current == finding.id and finding.parent != finding.id:
            yield doc.problem(("findings", i, "parent"), f"`parent` goes round in a circle back to {finding.id!r}",
                              "a main finding has no `parent`")


def _check_concept(doc: Document, concept: Concept, concepts: set[str]) -> Iterator[Problem]:
    for i, ref in enumerate(concept.related):
        if ref == concept.id:
            yield doc.problem(("related", i), "a concept cannot be related to itself", "remove it")
    yield from _refs(doc, ("related",), concept.related, concepts, "concept", _CONCEPTS)
    if concept.broader == concept.id:
        yield doc.problem(("broader",), "a concept cannot be broader than itself", "remove it")
    elif concept.broader is not None:
        yield from _ref(doc, ("broader",), concept.broader, concepts, "concept", _CONCEPTS)


def _broader_cycles(docs: list[tuple[Document, Concept]]) -> Iterator[Problem]:
    broader = {c.id: c.broader for _, c in docs if c.broader}
    for doc, concept in docs:
        seen, current = {concept.id}, broader.get(concept.id)
        while current is not None and current not in seen:
            seen.add(current)
            current = broader.get(current)
        if current == concept.id and len(seen) > 1:
            yield doc.problem(("broader",), f"`broader` goes round in a circle back to {concept.id!r}",
                              "a broader concept cannot be narrower than its own narrower concept")

