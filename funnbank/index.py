"""The corpus index: the backlinks (`backlinks`) and the overview pages' views (`views`), built once
per build and given to every template as `ix`.

Templates read both through the one `ix` (`ix.studies_by_concept`, `ix.theme_rows`), so a page does
not need to know which of the two computes what; code asks the part it needs (`ix.backlinks`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from funnbank.backlinks import Backlinks, build_backlinks
from funnbank.corpus import Corpus
from funnbank.views import PageViews, build_views


@dataclass(frozen=True)
class CorpusIndex:
    backlinks: Backlinks
    views: PageViews

    def __getattr__(self, name: str) -> Any:
        # Called only for a name that is not one of the two parts: a field of one of them.
        part = _PART_OF_FIELD.get(name)
        if part is None:
            raise AttributeError(f"{type(self).__name__!r} has no attribute {name!r}")
        return getattr(getattr(self, part), name)


# Which part answers each field name; the two parts share none, so `ix.<field>` is never ambiguous.
_PART_OF_FIELD = {f.name: "backlinks" for f in fields(Backlinks)} | {f.name: "views" for f in fields(PageViews)}
assert len(_PART_OF_FIELD) == len(fields(Backlinks)) + len(fields(PageViews)), "a field name in both parts"


def build_index(corpus: Corpus) -> CorpusIndex:
    backlinks = build_backlinks(corpus)
    return CorpusIndex(backlinks, build_views(corpus, backlinks))
