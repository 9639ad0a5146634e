"""The validated content, as the rest of the pipeline sees it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from funnbank.errors import Problem
from funnbank.kinds import KINDS, by_folder
from funnbank.model import Concept, Study, Theme


class Corpus:
    """The items of every kind, each sorted by id, with the file each came from.

    A kind's items are `corpus.items("study")`, also `corpus.studies` (its folder's name); one item is
    `corpus.get("study", id)`, also `corpus.study(id)` for the built-in kinds.
    """

    def __init__(self, items: Mapping[str, Sequence[Any]] | None = None, *,
                 files: dict[tuple[str, str], Path] | None = None, warnings: Sequence[Problem] = (),
                 **by_folder_name: Sequence[Any]) -> None:
        given = {name: tuple(values) for name, values in (items or {}).items()}
        given.update({by_folder(folder).name: tuple(values) for folder, values in by_folder_name.items()})
        unknown = set(given) - set(KINDS)
        if unknown:
            raise ValueError(f"no content kind named {sorted(unknown)}")
        self._items = {name: given.get(name, ()) for name in KINDS}
        self._by_id: dict[str, dict[str, Any]] = {}
        self.files = files or {}  # (kind, id) → the file it came from
        # What the content rules found that does not stop a build (an unfinished study, say): `build`
        # prints these as warnings; `check` reports them as problems.
        self.warnings = tuple(warnings)

    def items(self, kind: str) -> tuple[Any, ...]:
        return self._items[kind]

    def get(self, kind: str, id: str) -> Any:
        item = self.find(kind, id)
        if item is None:
            raise KeyError((kind, id))
        return item

    def find(self, kind: str, id: str) -> Any | None:
        """The item of `kind` with this id, or None."""
        if kind not in self._by_id:
            self._by_id[kind] = {item.id: item for item in self._items[kind]}
        return self._by_id[kind].get(id)

    def __getattr__(self, name: str) -> tuple[Any, ...]:
        # `corpus.studies`: a kind's items by its folder's name.
        kinds = self.__dict__.get("_items")
        if kinds is not None:
            for kind in KINDS.values():
                if kind.folder == name and kind.name in kinds:
                    return kinds[kind.name]
        raise AttributeError(name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Corpus) and self._items == other._items

    __hash__ = None  # type: ignore[assignment]

    studies: tuple[Study, ...]
    concepts: tuple[Concept, ...]
    themes: tuple[Theme, ...]

    def study(self, id: str) -> Study:
        return self.get("study", id)  # type: ignore[no-any-return]

    def concept(self, id: str) -> Concept:
        return self.get("concept", id)  # type: ignore[no-any-return]

    def theme(self, id: str) -> Theme:
        return self.get("theme", id)  # type: ignore[no-any-return]
