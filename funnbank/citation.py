"""How to cite a study: an APA 7-style reference (Norwegian or English conventions),
and BibTeX, RIS and CSL-JSON files for reference managers.

Only facts the study file gives are used. An unknown year is written "u.å."
(Norwegian) or "n.d." (English) in the APA reference, as APA prescribes, and
left out of the machine-readable formats; a study without known authors starts
with its title. All formats read the same `CitableFacts`, so they cannot
disagree about a study.

A year the source does not state but its text points to (`year_inferred`) is
written "(2017, antatt)" / "(2017, inferred)" in the APA reference. The
machine-readable formats and the page's meta tags leave their year field out
for it, as for an unknown year: a reference manager or a search engine would
print a year field as the source's own. They carry it in a note instead
("Year inferred (not stated in the source): 2017"; BibTeX `note`, RIS `N1`,
CSL `note`), for the reader to judge.

Choices shared by the machine-readable formats:

- A name is split as the APA reference splits it: the last word is the family
  name, the words before it the given names ("Knut Ivar Bjørlykhaug" →
  Bjørlykhaug, Knut Ivar). A single-word name is kept whole (CSL `literal`).
- The title is the title and subtitle joined with ": " (a space after "?" or "!").
- `title_en` is Funnbanken's English title, which may be a translation; it is
  given as a translated title (RIS `TT`) or a note ("English title: …"), never
  as the title.
- Study types map to report (BibTeX `@techreport`, RIS `RPRT`, CSL `report`),
  master's thesis (`@mastersthesis`, `THES`, `thesis` with genre
  "Master's thesis"), and everything else to a generic entry (`@misc`, `GEN`,
  CSL `article` for an article, whose journal the model does not record, and
  `document` otherwise).
- Whitespace, including line breaks, is collapsed to single spaces, so a value
  is always one line (RIS requires it).
- The original work's address (`original_link`: the DOI's, else the Handle's,
  else the study's `url`; persistent identifiers first, as APA 7 asks) ends the
  APA reference. The machine-readable formats give the DOI its own field (`doi`,
  `DO`, `DOI`, `citation_doi`), so their URL field (`url`, `UR`, `URL`,
  `citation_public_url`) takes the next address where there is one (Handle,
  else `url`), else the DOI's. A reference cites the work: the bank's own page
  (the `url` argument, from the site's base URL) is the URL only of a study
  without an address of its own.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from funnbank.i18n import strings
from funnbank import editions
from funnbank.model import Author, Study
from funnbank.pages import item_url

# APA's words in each language; an edition without its own uses the source language's.
_WORDS = {
    "nb": {"no_date": "u.å.", "and": "&", "master_thesis": "Masteroppgave"},
    "en": {"no_date": "n.d.", "and": "&", "master_thesis": "Master's thesis"},
}


def _words(lang: str) -> dict[str, str]:
    return _WORDS.get(lang) or _WORDS[editions.source().lang]

# The file names of a study's citation files, in its page folder, with what each is for (nb), so
# the study page and the /data/ page can offer them.
CITATION_FORMATS: dict[str, str] = {
    "cite.bib": "BibTeX (LaTeX, BibLaTeX, JabRef, Zotero)",
    "cite.ris": "RIS (EndNote, Zotero, Mendeley, Reference Manager)",
    "cite.json": "CSL-JSON (Zotero, Pandoc/citeproc)",
}
# The interface string that names each format's download link on a study page.
CITATION_LINK_STRINGS: dict[str, str] = {"cite.bib": "cite_bib", "cite.ris": "cite_ris", "cite.json": "cite_json"}

_THESIS_GENRE = "Master's thesis"


# --- the facts every format cites ----------------------------------------------------------------

def split_name(name: str) -> tuple[str | None, str]:
    """`(given, family)`: the last word is the family name; a single word has no given name."""
    parts = name.split()
    if len(parts) == 1:
        return None, parts[0]
    return " ".join(parts[:-1]), parts[-1]


@dataclass(frozen=True)
class Person:
    family: str
    given: str | None  # None: a single name, cited as written

    @property
    def inverted(self) -> str:
        """"Family, Given" (BibTeX and RIS order), or the single name."""
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass(frozen=True)
class CitableFacts:
    """What a reference manager needs, taken from a study and nothing else."""

    id: str
    kind: str  # a key of vocab.STUDY_TYPES
    authors: tuple[Person, ...]
    title: str  # with the subtitle
    title_en: str | None
    year: int | None
    year_inferred: int | None  # only when the source states no year; never a value for a year field
    publisher: str | None  # the institution: the school of a thesis, the publisher of a report
    url: str | None  # the original work's address, else the bank's page (see the module's docstring)
    doi: str | None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clean_url(url: str) -> str:
    """Percent-encode what would break a format (whitespace, braces, backslash); keep a valid URL as it is."""
    return quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~-._")


def full_title(study: Study) -> str:
    """Title and subtitle as one title: "Title: Subtitle", or "Title? Subtitle"."""
    title = study.title
    if study.subtitle:
        title += (" " if title.endswith(("?", "!")) else ": ") + study.subtitle
    return title


# --- the original work on the web ----------------------------------------------------------------

DOI_RESOLVER = "https://doi.org/"
HANDLE_RESOLVER = "https://hdl.handle.net/"


@dataclass(frozen=True)
class OriginalLink:
    kind: str  # "doi", "handle" or "url": what the study gives
    href: str  # the address a browser opens


def original_links(study: Study) -> list[OriginalLink]:
    """Every address of the original work the study gives, persistent identifiers first (DOI, Handle, URL)."""
    given = [("doi", DOI_RESOLVER, study.doi), ("handle", HANDLE_RESOLVER, study.handle), ("url", "", study.url)]
    return [OriginalLink(kind, _clean_url(prefix + value)) for kind, prefix, value in given if value]


def original_link(study: Study) -> str | None:
    """The one address a reference and the study page's card give for the original work, or None."""
    links = original_links(study)
    return links[0].href if links else None


def _url_field(study: Study) -> str | None:
    """The URL field of a format that has a DOI field too: an address the DOI field does not already give."""
    links = original_links(study)
    return next((link.href for link in links if link.kind != "doi"), links[0].href if links else None)


def citable_facts(study: Study, url: str | None = None) -> CitableFacts:
    def person(author: Author) -> Person:
        given, family = split_name(_one_line(author.name))
        return Person(family, given)

    return CitableFacts(
        id=study.id,
        kind=study.type,
        authors=tuple(person(a) for a in study.authors),
        title=_one_line(full_title(study)),
        title_en=_one_line(study.title_en) if study.title_en else None,
        year=study.year,
        year_inferred=study.year_inferred.year if study.year_inferred else None,
        publisher=_one_line(study.institution) if study.institution else None,
        url=_url_field(study) or (_clean_url(url) if url else None),
        doi=_clean_url(study.doi) if study.doi else None,  # a brace or backslash would break BibTeX
    )


def _note(facts: CitableFacts) -> str | None:
    """The facts that have no field of their own in a reference format, as one note ("; " between them)."""
    notes = [
        f"English title: {facts.title_en}" if facts.title_en else None,
        _year_note(facts),
    ]
    return "; ".join(note for note in notes if note) or None


def _year_note(facts: CitableFacts) -> str | None:
    return f"Year inferred (not stated in the source): {facts.year_inferred}" if facts.year_inferred else None


# --- APA -----------------------------------------------------------------------------------------

def apa_name(author: Author) -> str:
    """"Knut Ivar Bjørlykhaug" → "Bjørlykhaug, K. I."; hyphenated first names keep the hyphen ("R.-M.")."""
    given, family = split_name(author.name)
    if given is None:
        return family
    initials = " ".join("-".join(f"{p[0]}." for p in part.split("-") if p) for part in given.split())
    return f"{family}, {initials}" if initials.strip() else author.name


def apa_reference(study: Study, lang: str = "nb") -> str:
    words = _words(lang)
    names = [apa_name(a) for a in study.authors]
    if len(names) > 1:
        authors = ", ".join(names[:-1]) + f", {words['and']} " + names[-1]
    else:
        authors = names[0] if names else ""
    year = apa_year(study, lang)
    # APA 7 for a work in another language: the original title, then its English translation in brackets.
    translated = f" [{study.title_en}]" if lang == "en" and study.title_en else ""
    kind = f" [{words['master_thesis']}]" if study.type == "master_thesis" else ""
    title = _sentence(full_title(study) + translated + kind)
    publisher = f" {_sentence(study.institution)}" if study.institution else ""
    # APA 7 ends a reference with the work's DOI or URL, with no full stop after it.
    link = f" {original_link(study)}" if original_link(study) else ""
    if authors:
        return f"{authors} ({year}). {title}{publisher}{link}"
    return f"{title} ({year}).{publisher}{link}"


def apa_year(study: Study, lang: str) -> str:
    """The year in the parentheses: stated ("2017"), inferred ("2017, antatt") or none ("u.å.")."""
    if study.year:
        return str(study.year)
    if study.year_inferred:
        # APA has no form for a year worked out from the text; say plainly that it is one.
        return f"{study.year_inferred.year}, {strings(lang).year_inferred}"
    return _words(lang)["no_date"]


def _sentence(text: str) -> str:
    """End with a full stop unless the text already ends with one, or with ? or !."""
    return text if text.endswith((".", "?", "!")) else text + "."


# --- BibTeX --------------------------------------------------------------------------------------

_BIBTEX_TYPES = {"report": "techreport", "master_thesis": "mastersthesis"}
# Where each entry type expects the institution (standard BibTeX fields; biblatex reads them too).
_BIBTEX_PUBLISHER_FIELD = {"techreport": "institution", "mastersthesis": "school", "misc": "publisher"}
# `\{` and `\}` would not do: BibTeX counts every brace, escaped or not, so an unmatched one in a
# title would end the field early. The text-mode commands keep the file's braces balanced.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX_ESCAPES)) + "]")
_AND = re.compile(r"\band\b", re.IGNORECASE)


def bibtex_escape(text: str) -> str:
    """Text as literal characters in a braced BibTeX field (one pass, so no escape is escaped again)."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group()], text)


def _bibtex_name(person: Person) -> str:
    def part(text: str) -> str:
        # BibTeX splits the author list on the word "and"; braces keep a name containing it whole.
        escaped = bibtex_escape(text)
        return f"{{{escaped}}}" if _AND.search(text) else escaped

    return f"{part(person.family)}, {part(person.given)}" if person.given else part(person.family)


def bibtex(study: Study, url: str | None = None) -> str:
    """One BibTeX entry keyed by the study id; UTF-8 (use biber, or bibtex with inputenc)."""
    facts = citable_facts(study, url)
    entry_type = _BIBTEX_TYPES.get(facts.kind, "misc")
    note = _note(facts)
    fields = [
        ("author", " and ".join(_bibtex_name(p) for p in facts.authors) or None),
        # Braced twice so styles that change case keep the source's capitals (RoSe, NaKuHel).
        ("title", f"{{{bibtex_escape(facts.title)}}}"),
        ("year", str(facts.year) if facts.year else None),
        (_BIBTEX_PUBLISHER_FIELD[entry_type], bibtex_escape(facts.publisher) if facts.publisher else None),
        ("doi", facts.doi),  # the model's pattern allows no whitespace; biblatex reads doi verbatim
        ("url", facts.url),  # _clean_url left no brace or backslash; biblatex reads url verbatim
        ("note", bibtex_escape(note) if note else None),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry_type}{{{facts.id},\n{body}\n}}\n"


# --- RIS -----------------------------------------------------------------------------------------

_RIS_TYPES = {"report": "RPRT", "master_thesis": "THES"}


def ris(study: Study, url: str | None = None) -> str:
    """One RIS record: `TY` first, `ER` last, one `TAG  - value` line per fact."""
    facts = citable_facts(study, url)
    lines = [("TY", _RIS_TYPES.get(facts.kind, "GEN")), ("ID", facts.id)]
    lines += [("AU", p.inverted) for p in facts.authors]
    lines += [
        ("TI", facts.title),
        ("TT", facts.title_en),  # RIS's "translated title"
        ("PY", str(facts.year) if facts.year else None),
        ("PB", facts.publisher),
        ("M3", _THESIS_GENRE if facts.kind == "master_thesis" else None),  # type of work
        ("DO", facts.doi),
        ("UR", facts.url),
        ("N1", _year_note(facts)),  # the English title has its own tag (TT)
    ]
    body = "".join(f"{tag}  - {value}\n" for tag, value in lines if value)
    return body + "ER  - \n"


# --- CSL-JSON ------------------------------------------------------------------------------------

_CSL_TYPES = {"report": "report", "master_thesis": "thesis", "article": "article"}


def _csl_name(person: Person) -> dict[str, str]:
    return {"family": person.family, "given": person.given} if person.given else {"literal": person.family}


def csl_json(study: Study, url: str | None = None) -> str:
    """A CSL-JSON array with one item (Zotero, Pandoc/citeproc)."""
    facts = citable_facts(study, url)
    item: dict[str, object] = {
        "id": facts.id,
        "type": _CSL_TYPES.get(facts.kind, "document"),
        "genre": _THESIS_GENRE if facts.kind == "master_thesis" else None,
        "author": [_csl_name(p) for p in facts.authors] or None,
        "title": facts.title,
        "issued": {"date-parts": [[facts.year]]} if facts.year else None,
        "publisher": facts.publisher,
        "DOI": facts.doi,
        "URL": facts.url,
        "note": _note(facts),
    }
    item = {key: value for key, value in item.items() if value is not None}
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


# --- metadata in the study page's head -----------------------------------------------------------

def highwire_tags(study: Study, url: str | None = None) -> list[tuple[str, str]]:
    """Highwire Press `citation_*` meta tags (read by Google Scholar and Zotero), as (name, content)."""
    facts = citable_facts(study, url)
    tags = [("citation_title", facts.title)]
    tags += [("citation_author", person.inverted) for person in facts.authors]
    if facts.year:
        tags.append(("citation_publication_date", str(facts.year)))
    if facts.publisher:
        field = "dissertation" if facts.kind == "master_thesis" else "technical_report"
        tags.append((f"citation_{field}_institution", facts.publisher))
    tags.append(("citation_language", "nb"))
    if facts.doi:
        tags.append(("citation_doi", facts.doi))
    if original_links(study):
        # Google Scholar's and Zotero's tag for where the work itself is read.
        tags.append(("citation_public_url", facts.url))
    elif facts.url:
        tags.append(("citation_abstract_html_url", facts.url))
    return tags


def schema_org(study: Study, url: str | None = None) -> dict[str, object]:
    """schema.org JSON-LD for the study (a Thesis or a Report), from the same facts."""
    facts = citable_facts(study, url)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Thesis" if facts.kind == "master_thesis" else "Report",
        "identifier": facts.id,
        "name": facts.title,
        "inLanguage": "nb",
        "author": [{"@type": "Person", "name": study_author.name} for study_author in study.authors],
    }
    if facts.title_en:
        data["alternateName"] = facts.title_en
    if facts.year:
        data["datePublished"] = str(facts.year)
    if facts.publisher:
        data["sourceOrganization"] = {"@type": "Organization", "name": facts.publisher}
    if facts.url:
        data["url"] = facts.url
    # Every address that identifies the original work (schema.org's way to give a DOI, too).
    if links := original_links(study):
        data["sameAs"] = [link.href for link in links]
    return data


# --- files in the site ---------------------------------------------------------------------------

_WRITERS = {"cite.bib": bibtex, "cite.ris": ris, "cite.json": csl_json}  # same keys as CITATION_FORMATS

def citation_files(study: Study, base_url: str | None = None) -> dict[str, str]:
    """`studier/<id>/cite.{bib,ris,json}`. With the site's absolute `base_url`, each cites the study page's URL.

    Without it there is no URL: a reference needs an absolute one, and the site works under any base.
    """
    page = item_url("study", study.id)  # the study page's folder: its citation files sit in it
    url = f"{base_url.rstrip('/')}/{page}" if base_url else None
    return {f"{page}{name}": write(study, url) for name, write in _WRITERS.items()}
