"""Suggestions ("did you mean …?"): the id or vocabulary key a maintainer most likely meant.

Maintainers think in names ("Tilhørighet og fellesskap", "Rapport"), files want ids
(`tilhorighet-og-fellesskap`, `report`). A name, a label in either language or an
alias is matched whole, ignoring letter case; then as an id would be spelled; last,
by similarity to the ids, which catches typos (`tilhorihet`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping

ID_RULE = "ids use lower-case a–z, digits and single hyphens"

# Norwegian letters as the content's ids spell them; `å` is `a` in most ids but `aa` in some (`haap`).
_LETTERS = [{"æ": "ae", "ø": "o", "å": "a"}, {"æ": "ae", "ø": "o", "å": "aa"}]


def slug_variants(text: str) -> list[str]:
    """`text` spelled as an id, in each way the Norwegian letters may be written (most common first)."""
    variants: list[str] = []
    for letters in _LETTERS:
        folded = "".join(letters.get(ch, ch) for ch in text.lower())
        ascii_only = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
        slug = "-".join(re.findall(r"[a-z0-9]+", ascii_only))
        if slug and slug not in variants:
            variants.append(slug)
    return variants


def slugify(text: str) -> str:
    """`Tilhørighet og fellesskap` → `tilhorighet-og-fellesskap`; empty if nothing is left."""
    variants = slug_variants(text)
    return variants[0] if variants else ""


def suggest(given: str, names: Mapping[str, Iterable[str]]) -> str | None:
    """The key of `names` (an id, with its labels and aliases) that `given` most likely means, or None."""
    wanted = given.strip().casefold()
    if not wanted:
        return None
    ids = sorted(names)
    by_name: dict[str, str] = {}
    for id in ids:
        for name in (id, *names[id]):
            by_name.setdefault(name.strip().casefold(), id)
    if wanted in by_name:
        return by_name[wanted]
    by_slug: dict[str, str] = {}
    for name, id in by_name.items():
        for slug in slug_variants(name):
            by_slug.setdefault(slug, id)
    for slug in slug_variants(given):
        if slug in by_slug:
            return by_slug[slug]
    close = difflib.get_close_matches(slugify(given) or wanted, ids, n=1, cutoff=0.6)
    if close:
        return close[0]
    close = difflib.get_close_matches(wanted, list(by_name), n=1, cutoff=0.75)
    return by_name[close[0]] if close else None
