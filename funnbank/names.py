"""How a study and a place in it are named to readers: the short name, and a location in the edition's words.

One function each, used by every page, the search records and the citations, so a study is called the
same everywhere and "s. 19" reads "p. 19" in the English edition wherever it appears.
"""

from __future__ import annotations

import re

from funnbank.markup import shorten
from funnbank.model import SHORT_NAME_MAX, Study, title_in


def short_name(study: Study, lang: str) -> str:
    """The study's short name in `lang` (cards, the knowledge map, search results); without one, its
    title in `lang`, shortened to the same length."""
    if study.short_name is not None:
        return study.short_name.in_lang(lang)
    return shorten(title_in(study, lang), SHORT_NAME_MAX - 2)


# The words of a quote's or an assessment's `location` ("s. 12 (kap. 3.2)", "Forord; vedlegg 2"), by
# edition language; a language not listed keeps the source's words.
_LOCATION_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "kap.": "ch.", "vedlegg": "appendix", "og": "and", "Forord": "Preface", "Sammendrag": "Summary",
        "Del": "Part", "innledning": "introduction", "før": "before", "kolofon": "colophon",
        "informasjonsskriv": "information letter", "intervjuguide": "interview guide",
        "Problemstilling": "Research question", "på": "on",
    },
}
_PAGES = re.compile(r"\bs\. (?=[0-9ivxlc])")  # "s. 12", "s. iii": a page
_PAGE_RANGE = re.compile(r"\bs\. (?=[0-9]+–)")  # "s. 12–13": pages
_WORD = re.compile(r"[\wæøåÆØÅ]+\.?")


def location_in(location: str, lang: str) -> str:
    """`location` in the words of edition `lang`: "s. 12–13 (kap. 3.2)" → "pp. 12–13 (ch. 3.2)" in English."""
    words = _LOCATION_WORDS.get(lang)
    if not words:
        return location

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        bare = token.rstrip(".")
        if token in words:
            return words[token]
        return words[bare] + token[len(bare):] if bare in words else token

    return _WORD.sub(word, _PAGES.sub("p. ", _PAGE_RANGE.sub("pp. ", location)))
