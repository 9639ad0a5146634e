"""What reading a content folder found: every file, the items that validated, and what was wrong.

`loader.read_content` fills it; the reference checks (`references`) and the content
rules (`rules`) read it. The raw data of every readable file is kept, valid or not,
so that a file with a validation error still has its references checked in the
same run, and what it refers to still counts as used (no cascade of "used by no
study" lines for a study that merely has a typo elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from funnbank.errors import Problem
from funnbank.kinds import KINDS
from funnbank.reader import Document, Loc


def _per_kind() -> dict[str, list[Any]]:
    return {kind: [] for kind in KINDS}


@dataclass
class LoadedContent:
    # kind ("study", "concept", "theme") → every file that could be read, valid or not, sorted by path
    documents: dict[str, list[Document]] = field(default_factory=_per_kind)
    # kind → (file, validated item) for the files that passed model validation
    items: dict[str, list[tuple[Document, Any]]] = field(default_factory=_per_kind)
    # kind → (file, item, places set aside) for the files that failed validation but make an item once
    # their errors are set aside (`partial`): the content rules look at them too
    partial: dict[str, list[tuple[Document, Any, list[Loc]]]] = field(default_factory=_per_kind)
    # kind → files that could not be read at all (YAML syntax, encoding, size)
    unreadable: dict[str, list[Path]] = field(default_factory=_per_kind)
    # reading, validation and reference problems: any of them stops a build
    problems: list[Problem] = field(default_factory=list)
    # each readable file's text as read (for rules about the text itself, comments included)
    texts: dict[Path, str] = field(default_factory=dict)

    def ids(self, kind: str) -> set[str]:
        """Every id of `kind` that exists as a file, readable or not (an unreadable file counts by its name)."""
        return {document_id(doc) for doc in self.documents[kind]} | {path.stem for path in self.unreadable[kind]}

    def complete(self, kind: str) -> bool:
        """Whether every file of `kind` could be read (so what the files refer to is fully known)."""
        return not self.unreadable[kind]


def document_id(doc: Document) -> str:
    """The file's `id`, or its name when the id is missing or not text (validation reports that)."""
    value = doc.data.get("id")
    return value if isinstance(value, str) else doc.path.stem
