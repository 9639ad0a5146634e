"""The editions of the site, as data: one record per language, in the order the site lists them.

The first edition is the source: content is written in its language, it is the site's root, and
every other edition falls back to its text where a translation is missing. Interface strings live in
`i18n.STRINGS[lang]`; each edition's MkDocs configuration (its nav) is `config`, beside `mkdocs.yml`.
Adding a language is one `Edition` here (or `register` in a test), its strings and its config file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Edition:
    lang: str  # language code, also the `lang` attribute of its pages: "nb"
    root: str  # its folder in the built site: "" for the source edition, "en/"
    name: str  # the language's own name, shown in the language switch: "Norsk"
    config: str  # its MkDocs configuration file, in the project folder: "mkdocs.yml"
    search_language: str  # the language Pagefind stems the edition's index for
    # Paths of the section pages that are not a content kind's (`kinds.Kind.section_paths`), in the
    # edition's generated folder. A section not named here keeps the source edition's path.
    sections: Mapping[str, str] = field(default_factory=dict)


EDITIONS: list[Edition] = [
    Edition("nb", "", "Norsk", "mkdocs.yml", "nb", {
        "home": "index.md", "knowledge_map": "kunnskapskart.md", "recommendations": "anbefalinger.md",
        "quotes": "sitater.md", "data": "data/index.md", "search": "sok/index.md",
        "guide": "veiledning.md", "accessibility": "tilgjengelighet.md",
        "review_findings": "funn-pa-tvers.md", "how_we_assess": "slik-vurderer-vi.md", "about": "om/index.md",
    }),
    Edition("en", "en/", "English", "mkdocs.en.yml", "en", {
        "home": "index.md", "knowledge_map": "knowledge-map.md", "recommendations": "recommendations.md",
        "quotes": "quotes.md", "data": "data/index.md", "search": "search/index.md",
        "guide": "guide.md", "accessibility": "accessibility.md",
        "review_findings": "findings-across-studies.md", "how_we_assess": "how-we-assess.md",
        "about": "about/index.md",
    }),
]


def source() -> Edition:
    """The edition whose language the content is written in."""
    return EDITIONS[0]


def edition(lang: str) -> Edition:
    return next(e for e in EDITIONS if e.lang == lang)


def languages() -> list[str]:
    return [e.lang for e in EDITIONS]


def others(lang: str) -> list[Edition]:
    """Every edition but `lang`'s, in order: the targets of its language switch."""
    return [e for e in EDITIONS if e.lang != lang]


def register(new: Edition) -> Edition:
    """Add an edition after the others (one of the same language is replaced)."""
    EDITIONS[:] = [e for e in EDITIONS if e.lang != new.lang] + [new]
    return new
