"""Cross-file checks: every id is unique and every reference points at something.

The checks read each file's data as written, not its validated model, so a file
with a validation error elsewhere still has its references checked in the same
run. Every text in a reference field is judged here, including one that is not
even shaped like an id (a name written instead of an id gets "did you mean");
model validation leaves those to this module (`is_reference`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator
from typing import Any

from funnbank.errors import Problem
from funnbank.kinds import EACH, KINDS, Pattern
from funnbank.loaded import LoadedContent, document_id
from funnbank.model import ID_PATTERN, RESERVED_ANCHORS, UNKNOWABLE_FACTS
from funnbank.reader import Document, Loc
from funnbank.suggest import ID_RULE, suggest

_WHERE = {
    "concept": "concept ids are the file names in content/concepts/; `python build.py list concepts` lists them",
    "theme": "theme ids are the file names in content/themes/; `python build.py list themes` lists them",
}


def walk(data: Any, pattern: Pattern, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Each value at `pattern` in raw data, with its location; parts that are missing or mis-shaped are skipped."""
    if not pattern:
        yield loc, data
        return
    head, rest = pattern[0], pattern[1:]
    if head is EACH:
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from walk(item, rest, (*loc, i))
    elif isinstance(data, dict) and head in data:
        yield from walk(data[head], rest, (*loc, head))


def references(doc: Document, kind: str, target: str) -> Iterator[tuple[Loc, str]]:
    """Each id (text) that the file `doc` of `kind` refers to as a `target` ("concept", "theme", "finding")."""
    for pattern, to in KINDS[kind].references:
        if to == target:
            for loc, value in walk(doc.data, pattern):
                if isinstance(value, str):
                    yield loc, value


def is_reference(kind: str, loc: Loc) -> bool:
    """Whether `loc` in a file of `kind` is a reference field (see `Kind.references`)."""
    return any(len(loc) == len(pattern) and all(p == part or (p is EACH and isinstance(part, int))
                                                for p, part in zip(pattern, loc))
               for pattern, _ in KINDS[kind].references)


def check_references(content: LoadedContent) -> list[Problem]:
    problems = list(_duplicate_files(content))
    names = {name: _names(content.documents[name]) for name in KINDS}
    known = {name: content.ids(name) for name in KINDS}
    for kind in KINDS.values():
        for doc in content.documents[kind.name]:
            problems.extend(_cross_file_references(doc, kind.name, known, names))
            problems.extend(_OWN_CHECKS.get(kind.name, _nothing)(doc))
    problems.extend(_broader_cycles(content.documents["concept"]))
    problems.extend(_review_findings(content))
    return problems


def _cross_file_references(doc: Document, kind: str, known: dict[str, set[str]],
                           names: dict[str, dict[str, list[str]]]) -> Iterator[Problem]:
    """References to items of another file: each must name an existing item. A reference to the file's
    own item is left to the kind's own checks (`_OWN_CHECKS`), which say why it cannot be."""
    own = document_id(doc)
    for target in dict.fromkeys(to for _, to in KINDS[kind].references if to in KINDS):
        where = _WHERE.get(target, f"{target} ids are the file names in content/{KINDS[target].folder}/")
        for loc, ref in references(doc, kind, target):
            if not (target == kind and ref == own):
                yield from _ref(doc, loc, ref, target, known[target], names[target], where)


def _nothing(doc: Document) -> Iterator[Problem]:
    return iter(())


def _duplicate_files(content: LoadedContent) -> Iterator[Problem]:
    for kind, docs in content.documents.items():
        first: dict[str, Document] = {}
        for doc in docs:
            if not isinstance(doc.data.get("id"), str):
                continue
            id = document_id(doc)
            if id in first:
                yield doc.problem(("id",), f"{kind} id {id!r} is also used by {first[id].path}",
                                  "ids must be unique: rename one of the files and its id")
            else:
                first[id] = doc


def _strings(value: Any) -> list[str]:
    """Every text in a raw value (a label's languages, an alias list), in order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in _strings(item)] if isinstance(value, list) else []


def _names(docs: list[Document]) -> dict[str, list[str]]:
    """id → the labels (both languages) and aliases a maintainer may write instead of the id."""
    return {document_id(doc): _strings(doc.data.get("label")) + _strings(doc.data.get("aliases")) for doc in docs}


def _ref(doc: Document, loc: Loc, ref: str, what: str, known: Collection[str],
         names: dict[str, list[str]], where: str) -> Iterator[Problem]:
    if ref in known:
        return
    guess = suggest(ref, names)
    hint = f"did you mean `{guess}`?" if guess else where
    if re.match(ID_PATTERN, ref):
        yield doc.problem(loc, f"no {what} with id {ref!r}", hint)
    else:
        yield doc.problem(loc, f"{ref!r} is not a {what} id: {ID_RULE}", hint)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _items(data: dict[str, Any], field: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The entries of a raw list field that are mappings, with their positions."""
    for i, item in enumerate(_list(data.get(field))):
        if isinstance(item, dict):
            yield i, item


def _check_study(doc: Document) -> Iterator[Problem]:
    """Within a study file: distinct item ids that are not the page's own anchors, findings that
    exist and form a tree, one year, and `unknown:` keys that are facts."""
    seen: dict[str, str] = {}
    for field in ("findings", "quotes", "recommendations"):
        for i, item in _items(doc.data, field):
            id = item.get("id")
            if not isinstance(id, str):
                continue
            if id in RESERVED_ANCHORS:
                yield doc.problem((field, i, "id"), f"id {id!r} is reserved for a section of the study page",
                                  "choose another id")
            elif id in seen:
                yield doc.problem((field, i, "id"), f"id {id!r} is already used in {seen[id]}",
                                  "findings, quotes and recommendations of a study need distinct ids (they are page anchors)")
            else:
                seen[id] = field
    findings = {item["id"]: _strings([item.get("title"), item.get("title_en")])
                for _, item in _items(doc.data, "findings") if isinstance(item.get("id"), str)}
    here = f"finding ids are listed under `findings:` in {doc.path.name}"
    for loc, ref in references(doc, "study", "finding"):
        own = doc.data["findings"][loc[1]].get("id") if loc[-1] == "parent" else None
        if ref == own:
            yield doc.problem(loc, "a finding cannot be its own parent", "name the main finding")
        else:
            yield from _ref(doc, loc, ref, "finding", findings, findings, here)
    yield from _parent_cycles(doc)
    yield from _year_twice(doc)
    unknown = doc.data.get("unknown")
    for key in unknown if isinstance(unknown, dict) else {}:
        if key not in UNKNOWABLE_FACTS:
            close = difflib.get_close_matches(key, sorted(UNKNOWABLE_FACTS), n=1)
            yield doc.problem(("unknown", key), f"{key!r} is not a fact a source can leave out",
                              f"did you mean {close[0]!r}?" if close else "use one of: " + ", ".join(UNKNOWABLE_FACTS))


def _year_twice(doc: Document) -> Iterator[Problem]:
    """`year` and `year_inferred` together: a year is either stated by the source or inferred, never both."""
    if doc.data.get("year") is not None and doc.data.get("year_inferred") is not None:
        yield doc.problem(("year_inferred",), "`year_inferred` is given together with `year`",
                          "keep `year` if the source states the year; keep `year_inferred` only when it does not")


def _parent_cycles(doc: Document) -> Iterator[Problem]:
    parent = {item["id"]: item.get("parent") for _, item in _items(doc.data, "findings")
              if isinstance(item.get("id"), str)}
    for i, finding in _items(doc.data, "findings"):
        id = finding.get("id")
        if not isinstance(id, str):
            continue
        seen, current = {id}, parent.get(id)
        while isinstance(current, str) and current not in seen and current in parent:
            seen.add(current)
            current = parent[current]
        if current == id and parent[id] != id:
            yield doc.problem(("findings", i, "parent"), f"`parent` goes round in a circle back to {id!r}",
                              "a main finding has no `parent`")


def _check_concept(doc: Document) -> Iterator[Problem]:
    """A concept that names itself as related or broader (other references are checked with every kind's)."""
    own = document_id(doc)
    for loc, ref in references(doc, "concept", "concept"):
        if ref != own:
            continue
        if loc[0] == "related":
            yield doc.problem(loc, "a concept cannot be related to itself", "remove it")
        else:
            yield doc.problem(loc, "a concept cannot be broader than itself", "remove it")


def _broader_cycles(docs: list[Document]) -> Iterator[Problem]:
    broader = {document_id(doc): doc.data["broader"] for doc in docs if isinstance(doc.data.get("broader"), str)}
    for doc in docs:
        id = document_id(doc)
        seen, current = {id}, broader.get(id)
        while current is not None and current not in seen:
            seen.add(current)
            current = broader.get(current)
        if current == id and len(seen) > 1:
            yield doc.problem(("broader",), f"`broader` goes round in a circle back to {id!r}",
                              "a broader concept cannot be narrower than its own narrower concept")


def _review_findings(content: LoadedContent) -> Iterator[Problem]:
    """A theme's review findings: ids unique across all themes and unlike any study's (each is an anchor
    on its theme page, beside the study cards, and on the page of all review findings), and every study
    finding they rest on exists in its study."""
    findings_of = {document_id(doc): {item.get("id") for _, item in _items(doc.data, "findings")}
                   for doc in content.documents["study"]}
    seen: dict[str, str] = {}
    for doc in content.documents["theme"]:
        for i, review in _items(doc.data, "review_findings"):
            id = review.get("id")
            if isinstance(id, str):
                if id in findings_of:  # the theme page gives each study's card the study's id as anchor
                    yield doc.problem(("review_findings", i, "id"), f"review finding id {id!r} is a study's id",
                                      "the theme page already has that anchor; start review finding ids with `rf-`")
                elif id in seen:
                    yield doc.problem(("review_findings", i, "id"), f"review finding id {id!r} is also used in {seen[id]}",
                                      "review finding ids are anchors: make them unique across all themes")
                seen.setdefault(id, doc.path.name)
            for j, ref in _items(review, "findings"):
                study, finding = ref.get("study"), ref.get("finding")
                if isinstance(study, str) and study in findings_of and isinstance(finding, str) \
                        and finding not in findings_of[study]:
                    known = {f for f in findings_of[study] if isinstance(f, str)}
                    yield from _ref(doc, ("review_findings", i, "findings", j, "finding"), finding, "finding",
                                    known, {f: [] for f in known}, f"finding ids are listed under `findings:` in {study}.yaml")


# Checks within one file that only a kind of its own needs; a kind without any is checked for its
# references alone.
_OWN_CHECKS = {"study": _check_study, "concept": _check_concept}
