"""A long list cut into numbered pages, so that no generated page grows with the corpus.

Any page of the plan can use it (`pages.paged`): the quote bank's theme pages and the recommendations
page do; a theme page or the knowledge map can, the same way. Page 1 is the list's own page, at its own
path and key; page n is a sub-page beside it (`sitater/<theme>.md` → `sitater/<theme>/2.md`,
`anbefalinger.md` → `anbefalinger/2.md`), with a key of its own, so the language switch leads to the
same page number in the other edition. The cut depends only on the list, never on the edition's
language, so every edition has the same pages holding the same items.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

Key = tuple[str, str]  # a page's key, as `pages.Page.key`


def split(items: Iterable[T], per_page: int, group: Callable[[T], Hashable] | None = None) -> list[list[T]]:
    """`items`, in order, in pages of at most `per_page`; always at least one page (empty for no items).

    With `group`, a short run of neighbouring items of one group (a study's few quotes: at most a
    quarter of a page) that would not fit on the page begun starts the next page rather than being
    cut, so a reader finds it in one place, under one heading. A longer run (a theme's hundred
    recommendations) fills the page and goes on on the next, under its heading again: moving it whole
    would leave pages half empty."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    pages: list[list[T]] = [[]]
    runs = (list(run) for _, run in itertools.groupby(items, key=group)) if group else ([item] for item in items)
    for run in runs:
        if pages[-1] and len(pages[-1]) + len(run) > per_page and len(run) <= max(1, per_page // 4):
            pages.append([])
        for item in run:
            if len(pages[-1]) == per_page:
                pages.append([])
            pages[-1].append(item)
    return pages


def sub_key(first: Key, number: int) -> Key:
    """The key of page `number` of the list whose page 1 has key `first`.

    A section page's sub-pages are keyed by the section's name (`("section", "recommendations")` →
    `("recommendations", "2")`); any other page's by its own kind and id (`("quotes", "haap")` →
    `("quotes", "haap/2")`, `("theme", "haap")` → `("theme", "haap/2")`): `pages.path_for` turns
    both into the path beside page 1."""
    if number == 1:
        return first
    kind, id = first
    return (id, str(number)) if kind == "section" else (kind, f"{id}/{number}")


@dataclass(frozen=True)
class Paging:
    """Where a page is in its list: its number and the generated path of every page, page 1 first."""

    number: int
    paths: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.paths)

    @property
    def previous(self) -> str | None:
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.number] if self.number < self.count else None

    @property
    def numbered(self) -> list[tuple[int, str]]:
        """(number, path) of every page, for a row of page links."""
        return list(enumerate(self.paths, 1))
