"""What readers see is words: no Markdown escape shown as a character, no maintainer's field name.

Every built page of the real content is scanned, in both editions. The open-data pages and the
maintainer guide are the exception for field names only: documenting them is their purpose.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from funnbank.kinds import KINDS
from funnbank.model import UNKNOWABLE_FACTS, unwrap_annotation

from conftest import BuiltSite
from test_robustness import _VisibleText

# A backslash before a character Markdown escapes: the escape was rendered instead of applied.
SHOWN_ESCAPE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!|<>~]")
# Pages whose subject is the field names (paths from the site's root).
ABOUT_FIELDS = ("data/", "en/data/", "veiledning/", "en/guide/")


def _field_names(model: type[BaseModel], prefix: str = "") -> set[str]:
    """A model's field names and paths that a reader would not take for a word: `commissioned_by`,
    `service.place`, `title_en`."""
    names: set[str] = set()
    for name, info in model.model_fields.items():
        path = prefix + name
        if "_" in name or prefix:
            names.add(path)
        inner = unwrap_annotation(info.annotation)
        for candidate in (inner, *getattr(inner, "__args__", ())):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel) and not prefix:
                names |= _field_names(candidate, f"{name}.")
    return names


# Names that are also plain words ("year", "subtitle") cannot be told from prose and are left out.
FIELD_NAMES = {name for name in UNKNOWABLE_FACTS if "_" in name or "." in name} \
    | {name for kind in KINDS.values() for name in _field_names(kind.model)}
FIELD_NAME = re.compile(r"(?<![\w.])(" + "|".join(sorted(map(re.escape, FIELD_NAMES), key=len, reverse=True))
                        + r")(?![\w])")


def _visible(path: Path) -> str:
    parser = _VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_the_field_name_pattern_finds_what_it_should() -> None:
    assert {"commissioned_by", "funded_by", "service.place", "title_en", "method.sample_size"} <= FIELD_NAMES
    found = [m.group(1) for m in FIELD_NAME.finditer("Ikke oppgitt i kilden: commissioned_by; service.place.")]
    assert found == ["commissioned_by", "service.place"]
    assert not FIELD_NAME.search("Oppdragsgiver: ikke oppgitt i kilden. Tittel og undertittel.")
    assert SHOWN_ESCAPE.search(r"commissioned\_by") and not SHOWN_ESCAPE.search("C:/sti og 3 \u2013 4")


def test_no_page_shows_a_markdown_escape_or_a_field_name(real_site: BuiltSite) -> None:
    escapes, fields = [], []
    for page in _pages(real_site.path):
        where = page.parent.relative_to(real_site.path).as_posix().removeprefix(".") + "/"
        text = _visible(page)
        escapes += [f"{where}: …{text[max(0, m.start() - 40):m.end() + 20]}…" for m in SHOWN_ESCAPE.finditer(text)]
        if where.lstrip("/") not in ABOUT_FIELDS:
            fields += [f"{where}: …{text[max(0, m.start() - 40):m.end() + 20]}…" for m in FIELD_NAME.finditer(text)]
    assert escapes == []
    assert fields == []


@pytest.mark.parametrize("lang,path,name", [("nb", "studier/", "Oppdragsgiver"), ("en", "en/studies/", "Commissioned by")])
def test_a_fact_the_source_leaves_out_is_named_in_words(real_site: BuiltSite, lang: str, path: str, name: str) -> None:
    from funnbank.loader import load_corpus
    from conftest import ROOT

    corpus = load_corpus(ROOT / "content")
    studies = [s for s in corpus.studies if "commissioned_by" in s.unknown and not s.commissioned_by]
    if not studies:
        pytest.skip("no study in the content leaves out who commissioned it")
    text = _visible(real_site.path / path / studies[0].id / "index.html")
    assert f"{name} {'Ikke oppgitt i kilden' if lang == 'nb' else 'Not given in the source'}." in text
