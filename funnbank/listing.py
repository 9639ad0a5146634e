"""`python build.py list concepts|themes|vocab|rules`: what a maintainer may write where an id is expected.

Concepts and themes are listed from the files as written (an invalid file still has an
id worth knowing); vocabularies from `vocab`, with the fields that use each; rules from
`rules`.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from funnbank import vocab
from funnbank.loaded import document_id
from funnbank.loader import read_content
from funnbank.kinds import KINDS
from funnbank.model import unwrap_annotation
from funnbank.rules import RULES


def _table(rows: list[tuple[str, str]], indent: str = "  ") -> list[str]:
    width = max((len(key) for key, _ in rows), default=0)
    return [f"{indent}{key.ljust(width)}  {text}".rstrip() for key, text in rows]


def _labels(label: Any) -> str:
    """`Norsk / English` from a raw label (either part may be missing in a file being written)."""
    if not isinstance(label, dict):
        return ""
    return " / ".join(str(label[lang]) for lang in ("nb", "en") if isinstance(label.get(lang), str))


def _ids_with_labels(content_dir: Path, kind: str) -> str:
    docs = sorted(read_content(content_dir).documents[kind], key=document_id)
    rows = [(document_id(doc), _labels(doc.data.get("label"))) for doc in docs]
    head = f"{KINDS[kind].folder.capitalize()} ({len(rows)}): id, then the label in Norwegian / English"
    return "\n".join([head, *_table(rows)]) + "\n"


def list_concepts(content_dir: Path) -> str:
    return _ids_with_labels(content_dir, "concept")


def list_themes(content_dir: Path) -> str:
    return _ids_with_labels(content_dir, "theme")


def vocabulary_fields() -> dict[str, list[str]]:
    """Vocabulary name → the fields (in `findings[].x` notation) whose values come from it."""
    by_keys = {tuple(table): name for name, table in vocab.VOCABULARIES.items()}
    fields: dict[str, list[str]] = {name: [] for name in vocab.VOCABULARIES}

    def visit(annotation: Any, path: str) -> Iterator[tuple[str, str]]:
        inner = unwrap_annotation(annotation)
        if typing.get_origin(inner) is list:
            yield from visit(typing.get_args(inner)[0], f"{path}[]")
        elif typing.get_origin(inner) is typing.Literal and typing.get_args(inner) in by_keys:
            yield by_keys[typing.get_args(inner)], path
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            for name, info in inner.model_fields.items():
                yield from visit(info.annotation, f"{path}.{name}" if path else name)

    for kind in KINDS.values():
        for name, path in visit(kind.model, ""):
            fields[name].append(f"{kind.name} `{path}`")
    return fields


def list_vocab(content_dir: Path) -> str:
    lines = ["Controlled vocabularies: the file uses the key; pages show the label in Norwegian / English."]
    fields = vocabulary_fields()
    for name, table in vocab.VOCABULARIES.items():
        lines += ["", f"{name} (used by {', '.join(fields[name])}):"]
        lines += _table([(key, f"{label.nb} / {label.en}") for key, label in table.items()])
    return "\n".join(lines) + "\n"


def list_rules(content_dir: Path) -> str:
    head = "Content rules: `check` reports every break and exits 1; `build` warns and builds, unless noted."
    return "\n".join([head, *_table([(rule.name, rule.description) for rule in RULES])]) + "\n"


LISTINGS: dict[str, Callable[[Path], str]] = {
    "concepts": list_concepts, "themes": list_themes, "vocab": list_vocab, "rules": list_rules,
}
