"""The validated content, as the rest of the pipeline sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from funnbank.errors import Problem
from funnbank.model import Concept, Study, Theme


@dataclass(frozen=True)
class Corpus:
    """All studies, concepts and themes, each sorted by id, with the file each came from."""

    studies: tuple[Study, ...]
    concepts: tuple[Concept, ...]
    themes: tuple[Theme, ...]
    files: dict[tuple[str, str], Path] = field(default_factory=dict, compare=False)
    # What the content rules found that does not stop a build (an unfinished study, say): `build`
    # prints these as warnings; `check` reports them as problems.
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    def study(self, id: str) -> Study:
        return self._by_id("studies")[id]  # type: ignore[return-value]

    def concept(self, id: str) -> Concept:
        return self._by_id("concepts")[id]  # type: ignore[return-value]

    def theme(self, id: str) -> Theme:
        return self._by_id("themes")[id]  # type: ignore[return-value]

    def _by_id(self, kind: str) -> dict[str, Study | Concept | Theme]:
        cache = self.__dict__.setdefault("_index", {})
        if kind not in cache:
            cache[kind] = {item.id: item for item in getattr(self, kind)}
        return cache[kind]
