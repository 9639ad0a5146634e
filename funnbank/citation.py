"""How to cite a study: an APA 7-style reference, in Norwegian or English conventions.

Only facts the study file gives are used; an unknown year is written "u.å."
(Norwegian) or "n.d." (English), as APA prescribes, and a study without known
authors starts with its title.
"""

from __future__ import annotations

from funnbank.model import Author, Study

_WORDS = {
    "nb": {"no_date": "u.å.", "and": "&", "master_thesis": "Masteroppgave"},
    "en": {"no_date": "n.d.", "and": "&", "master_thesis": "Master's thesis"},
}


def apa_name(author: Author) -> str:
    """"Knut Ivar Bjørlykhaug" → "Bjørlykhaug, K. I."; hyphenated first names keep the hyphen ("R.-M.")."""
    parts = author.name.split()
    if len(parts) == 1:
        return parts[0]
    initials = " ".join("-".join(f"{p[0]}." for p in given.split("-") if p) for given in parts[:-1])
    return f"{parts[-1]}, {initials}" if initials.strip() else author.name


def apa_reference(study: Study, lang: str = "nb") -> str:
    words = _WORDS[lang]
    names = [apa_name(a) for a in study.authors]
    if len(names) > 1:
        authors = ", ".join(names[:-1]) + f", {words['and']} " + names[-1]
    else:
        authors = names[0] if names else ""
    year = str(study.year) if study.year else words["no_date"]
    title = study.title
    if study.subtitle:
        title += (" " if title.endswith(("?", "!")) else ": ") + study.subtitle
    kind = f" [{words['master_thesis']}]" if study.type == "master_thesis" else ""
    title = _sentence(title + kind)
    publisher = f" {_sentence(study.institution)}" if study.institution else ""
    if authors:
        return f"{authors} ({year}). {title}{publisher}"
    return f"{title} ({year}).{publisher}"


def _sentence(text: str) -> str:
    """End with a full stop unless the text already ends with one, or with ? or !."""
    return text if text.endswith((".", "?", "!")) else text + "."
