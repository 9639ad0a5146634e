"""Load a content folder into a validated `Corpus`, reporting every problem in one run.

Each file is read (`reader`), validated against its model (`model`), then the
whole corpus is checked for references that point nowhere (`references`), on the
raw data of every readable file, valid or not. Problems are collected, not raised
one by one, so a maintainer fixes a file in one pass. The content rules (`rules`)
run last: those that would publish something wrong stop the load; the others
(completeness) travel with the corpus as warnings.
"""

from __future__ import annotations

import difflib
import re
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from funnbank import vocab
from funnbank.corpus import Corpus
from funnbank.errors import ContentError, Problem
from funnbank.loaded import LoadedContent
from funnbank.kinds import KINDS
from funnbank.model import unwrap_annotation
from funnbank.partial import clean_loc as _clean_loc, set_aside
from funnbank.reader import Document, Loc, ReadError, per_document, read_yaml
from funnbank.references import check_references, is_reference
from funnbank.rules import BLOCKING_RULES, WARNING_RULES, check_rules
from funnbank.suggest import ID_RULE, slugify, suggest

SUFFIXES = (".yaml", ".yml")


def content_files(content_dir: Path) -> dict[str, list[Path]]:
    """The YAML files of each kind, by kind name, from the kind's folder (`studies/`, …), sorted by name."""
    return {
        kind.name: sorted(p for p in (content_dir / kind.folder).glob("*") if p.suffix in SUFFIXES and p.is_file())
        for kind in KINDS.values()
    }


def load_corpus(content_dir: Path) -> Corpus:
    """Read, validate and cross-check everything under `content_dir`; raise `ContentError` on any problem
    that stops a build. The corpus carries the other content-rule problems as `warnings`."""
    content = read_content(content_dir)
    errors = content.problems or check_rules(content, BLOCKING_RULES)
    if errors:
        raise ContentError(errors)
    return corpus_of(content, warnings=check_rules(content, WARNING_RULES))


def read_content(content_dir: Path) -> LoadedContent:
    """Read, validate and cross-check everything under `content_dir`, collecting every problem (never raises)."""
    content = LoadedContent()
    if not content_dir.is_dir():
        content.problems.append(Problem(content_dir, 0, 0, "", "content folder not found",
                                        "pass --content DIR, a folder with "
                                        + ", ".join(f"{k.folder}/" for k in KINDS.values())))
        return content
    for kind, paths in content_files(content_dir).items():
        for path in paths:
            try:
                doc = read_yaml(path)
            except ReadError as err:
                content.problems.append(err.problem)
                content.unreadable[kind].append(path)
                continue
            content.documents[kind].append(doc)
            content.texts[path] = path.read_text(encoding="utf-8").removeprefix("\ufeff")  # read_yaml checked it
            item, item_problems = validate_document(doc, KINDS[kind].model)
            content.problems.extend(item_problems)
            if item is not None:
                content.items[kind].append((doc, item))
            else:  # for the content rules only, so that they report in this same run
                partial, aside = set_aside(doc.data, KINDS[kind].model)
                if partial is not None:
                    content.partial[kind].append((doc, partial, aside))
    content.problems.extend(check_references(content))
    return content


def corpus_of(content: LoadedContent, warnings: list[Problem] | None = None) -> Corpus:
    """The validated items, each kind sorted by id, with the file each came from."""
    files = {(kind, item.id): doc.path for kind, docs in content.items.items() for doc, item in docs}

    items = {kind: sorted((item for _, item in docs), key=lambda i: i.id) for kind, docs in content.items.items()}
    return Corpus(items, files=files, warnings=tuple(warnings or ()))


@per_document
def validate_document(doc: Document, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    """The validated item (or None) and the problems found, each located in the file."""
    problems: list[Problem] = []
    expected_id = doc.path.stem
    if doc.data.get("id") != expected_id and isinstance(doc.data.get("id"), str):
        problems.append(doc.problem(("id",), f"id {doc.data['id']!r} does not match the file name",
                                    f"use `id: {expected_id}` or rename the file to {doc.data['id']}{doc.path.suffix}"))
    kind = next(k.name for k in KINDS.values() if k.model is model)
    try:
        item = model.model_validate(doc.data)
    except ValidationError as err:
        errors = [(error, _clean_loc(error["loc"])) for error in err.errors(include_url=False)]
        explained = _missing_explained_by_typos(errors, model)
        for error, loc in errors:
            # Any text in a reference field is the reference check's to judge (with "did you mean"),
            # whether or not it is shaped like an id: one problem, one line.
            if isinstance(error.get("input"), str) and is_reference(kind, loc):
                continue
            if (error["type"], loc) not in explained:
                problems.append(doc.problem(loc, _message(error), _hint(error, loc, model)))
        return None, problems
    return (None if problems else item), problems


def _missing_explained_by_typos(errors: list[tuple[dict[str, Any], Loc]], model: type[BaseModel]) -> set[tuple[str, Loc]]:
    """Missing-field errors that an unknown key beside them already explains (`sumary` → `summary`).

    One typo is one problem: the "unknown field, did you mean `summary`?" line says it all.
    """
    missing = {loc for error, loc in errors if error["type"] == "missing"}
    explained = set()
    for error, loc in errors:
        if error["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), n=1, cutoff=0.6)
            if close and (*loc[:-1], close[0]) in missing:
                explained.add(("missing", (*loc[:-1], close[0])))
    return explained


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    given = error.get("input")
    if kind in {"string_type", "int_type", "list_type", "dict_type", "model_type", "bool_type"}:
        return f"{error['msg'].rstrip('.').lower()}, got {_describe(given)}"
    if kind == "string_pattern_mismatch":  # the only pattern in the model is the id's
        return f"{given!r} is not a valid id: {ID_RULE}"
    return error["msg"].rstrip(".")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return "a list" if isinstance(value, list) else "a mapping"


def _hint(error: dict[str, Any], loc: Loc, model: type[BaseModel]) -> str:
    kind = error["type"]
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        if close:
            return f"did you mean `{close[0]}`?"
        return "allowed fields here: " + ", ".join(allowed) if allowed else "remove it"
    if kind == "missing":
        return f"add `{name}:`; `python build.py new` writes a skeleton with every field"
    if kind == "string_type":
        if isinstance(error.get("input"), bool):
            return "true/false are booleans in YAML; put the text in quotes"
        return "put the text in quotes"
    if kind == "int_type":
        return f"write a whole number without quotes, e.g. `{name}: 12`"
    if kind == "list_type":
        return f"write a list: `{name}:` then lines starting with `- `"
    if kind in {"model_type", "dict_type"}:
        return f"write `{name}:` followed by indented fields"
    if kind == "literal_error":
        return _vocabulary_hint(error)
    if kind == "string_pattern_mismatch":
        slug = slugify(str(error.get("input", "")))
        return f"did you mean `{slug}`?" if slug else "for example `tilhorighet-og-fellesskap`"
    if kind in {"string_too_short", "too_short"}:
        return "it must not be empty"
    return ""


def _vocabulary_hint(error: dict[str, Any]) -> str:
    """"Did you mean `report`?" for a label ("Rapport") or a near miss written instead of a vocabulary key."""
    allowed = set(re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", ""))))
    table = next((t for t in vocab.VOCABULARIES.values() if set(t) == allowed), {})
    given = error.get("input")
    guess = suggest(given, {key: [*label, key.replace("_", " ")] for key, label in table.items()}) \
        if isinstance(given, str) else None
    listed = "`python build.py list vocab` lists every vocabulary with its labels"
    return f"did you mean `{guess}`? {listed}" if guess else f"use one of those values; {listed}"


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at `loc` inside `model` (for "did you mean" hints)."""
    current: Any = model
    for part in loc:
        current = unwrap_annotation(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = unwrap_annotation(current)
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []
