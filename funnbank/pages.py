"""Which pages each edition has, at which paths, rendered from which template.

Paths are Markdown files in an edition's generated folder; with MkDocs' directory URLs
`studier/<id>.md` is served at `/studier/<id>/`. The Norwegian edition is the site's root; the
English edition is the same pages under `/en/`, with English folder names. These paths are the
public, stable URLs of the site: change them only through an issue.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from funnbank.corpus import Corpus

EDITIONS = ("nb", "en")
EDITION_ROOT = {"nb": "", "en": "en/"}  # where each edition lives in the site

# Section pages by name, per edition. The nav lists exactly these (mkdocs.yml, mkdocs.en.yml).
SECTIONS: dict[str, dict[str, str]] = {
    "nb": {
        "home": "index.md", "themes": "temaer/index.md", "studies": "studier/index.md",
        "concepts": "begreper/index.md", "knowledge_map": "kunnskapskart.md",
        "recommendations": "anbefalinger.md", "quotes": "sitater.md", "data": "data/index.md",
        "search": "sok/index.md", "guide": "veiledning.md", "accessibility": "tilgjengelighet.md",
    },
    "en": {
        "home": "index.md", "themes": "themes/index.md", "studies": "studies/index.md",
        "concepts": "concepts/index.md", "knowledge_map": "knowledge-map.md",
        "recommendations": "recommendations.md", "quotes": "quotes.md", "data": "data/index.md",
        "search": "search/index.md", "guide": "guide.md", "accessibility": "accessibility.md",
    },
}
SECTION_TEMPLATES = {
    "home": "home.md.j2", "themes": "themes_index.md.j2", "studies": "studies_index.md.j2",
    "concepts": "concepts_index.md.j2", "knowledge_map": "knowledge_map.md.j2",
    "recommendations": "recommendations.md.j2", "quotes": "quotes.md.j2", "data": "data.md.j2",
    "search": "search.md.j2", "guide": "guide.md.j2", "accessibility": "accessibility.md.j2",
}


@dataclass(frozen=True)
class Page:
    path: str  # relative to the edition's generated folder, POSIX separators
    template: str  # a name under templates/pages/
    context: dict[str, Any] = field(default_factory=dict)
    key: tuple[str, str] = ("section", "")  # the same page in every edition: ("study", id), ("section", name)


def section_path(name: str, lang: str = "nb") -> str:
    return SECTIONS[lang][name]


def _folder(name: str, lang: str) -> str:
    return SECTIONS[lang][name].split("/")[0]


def study_path(study_id: str, lang: str = "nb") -> str:
    return f"{_folder('studies', lang)}/{study_id}.md"


def concept_path(concept_id: str, lang: str = "nb") -> str:
    return f"{_folder('concepts', lang)}/{concept_id}.md"


def theme_path(theme_id: str, lang: str = "nb") -> str:
    return f"{_folder('themes', lang)}/{theme_id}.md"


def path_for(key: tuple[str, str], lang: str) -> str:
    """The path of the page `key` in edition `lang`."""
    kind, id = key
    if kind == "section":
        return section_path(id, lang)
    return {"study": study_path, "concept": concept_path, "theme": theme_path}[kind](id, lang)


def searchable_sections(lang: str) -> tuple[str, ...]:
    """The folders of the pages the search indexes as pages (the rest list what these pages hold)."""
    return tuple(_folder(name, lang) for name in ("studies", "concepts", "themes"))


def page_url(path: str) -> str:
    """A generated path as the directory URL MkDocs serves it at, from the edition's root."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return stem.lstrip("/")


def url_from_root(path: str, lang: str) -> str:
    """A generated page's URL from the site's root: `studier/x/`, `en/studies/x/`, `` for the home page."""
    return EDITION_ROOT[lang] + page_url(path)


def url_relative(target: str, here: str) -> str:
    """A link from the page at URL `here` to `target` (both from the site's root), relative, so the
    site works under any base URL."""
    return posixpath.relpath(target or ".", here.rstrip("/") or ".")


def alternate_link(key: tuple[str, str], lang: str, other: str) -> str:
    """A relative link from page `key` of edition `lang` to the same page in edition `other`."""
    link = url_relative(url_from_root(path_for(key, other), other), url_from_root(path_for(key, lang), lang))
    return link if link.endswith("/") or link == "." else link + "/"


def plan_pages(corpus: Corpus, lang: str = "nb") -> Iterator[Page]:
    """Every page of an edition, in a stable order."""
    for name, template in SECTION_TEMPLATES.items():
        yield Page(section_path(name, lang), template, key=("section", name))
    for study in corpus.studies:
        yield Page(study_path(study.id, lang), "study.md.j2", {"study": study}, ("study", study.id))
    for concept in corpus.concepts:
        yield Page(concept_path(concept.id, lang), "concept.md.j2", {"concept": concept}, ("concept", concept.id))
    for theme in corpus.themes:
        yield Page(theme_path(theme.id, lang), "theme.md.j2", {"theme": theme}, ("theme", theme.id))
