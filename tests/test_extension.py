"""Adding a content kind or a language is a local change: the proof.

A kind is registered from here, with its model, one page template (in a site's own templates folder)
and its strings; a third edition is registered from here with interface strings only. Nothing in
`funnbank/` is touched: every stage of the build finds them in the registries.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from funnbank import editions, i18n
from funnbank.export import corpus_json
from funnbank.indexcheck import SIGNATURE
from funnbank.kinds import EACH, KINDS, Kind
from funnbank.loader import load_corpus
from funnbank.model import Id, Localized, Model
from funnbank.pipeline import Paths, build, generate
from funnbank.scaffold import write_skeleton

from conftest import ROOT


# --- a new kind: "programme" ---------------------------------------------------------------------

class Programme(Model):
    """A programme that several services run (the kind a national bank would add next)."""

    id: Id
    label: Localized
    description: Localized
    concepts: list[Id] = []


PROGRAMME_TEMPLATE = """\
# {{ programme.label | tr }} {: data-pagefind-body="" }

{% call searchable_part(page_filters) %}
{{ t.programme_intro }}

{{ programme.description | tr | autolink }}

{{ links("concept", programme.concepts) }}

{% endcall %}
"""
PROGRAMME_SKELETON = """\
id: {id}
label: {{nb: "TODO: navn", en: "TODO: name"}}
description: {{nb: "TODO: hva programmet er"}}
concepts: []
"""


@pytest.fixture
def programme_kind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """The kind registered for one test; returns the site's own templates folder holding its page."""
    overrides = tmp_path / "site-templates"
    overrides.mkdir()
    (overrides / "programme.md.j2").write_text(PROGRAMME_TEMPLATE, encoding="utf-8")
    monkeypatch.setitem(KINDS, "programme", Kind(
        name="programme", folder="programmes", model=Programme, template="programme.md.j2",
        section="programmes", section_template=None,
        section_paths={"nb": "programmer/index.md", "en": "programmes/index.md"},
        skeleton=PROGRAMME_SKELETON,
        references=((("concepts", EACH), "concept"),),
        search_filters=lambda values, item: {"type": ["Program"], "concept": values.concepts(item.concepts)},
    ))
    for lang, intro in (("nb", "Et program som flere tjenester driver."), ("en", "A programme several services run.")):
        monkeypatch.setitem(i18n.STRINGS[lang], "programme_intro", intro)
    yield overrides


def _add_programme(content: Path, concepts: list[str]) -> None:
    folder = content / "programmes"
    folder.mkdir()
    (folder / "likepersonprogram.yaml").write_text(
        "id: likepersonprogram\n"
        "label: {nb: Likepersonprogrammet, en: The peer programme}\n"
        "description: {nb: Et program for likepersonarbeid og recovery i kommunene., "
        "en: A programme for peer support and recovery in the municipalities.}\n"
        f"concepts: [{', '.join(concepts)}]\n", encoding="utf-8")


def test_a_registered_kind_gets_pages_links_export_and_a_skeleton(
    corpus_dir: Path, tmp_path: Path, programme_kind: Path
) -> None:
    _add_programme(corpus_dir, ["recovery", "likepersonarbeid"])
    corpus = load_corpus(corpus_dir)
    (programme,) = corpus.items("programme")
    assert corpus.programmes == (programme,) and corpus.get("programme", "likepersonprogram") is programme

    paths = Paths(content=corpus_dir, docs=tmp_path / "docs", overrides=programme_kind)
    generate(corpus, paths)
    nb = (paths.docs / "programmer" / "likepersonprogram.md").read_text(encoding="utf-8")
    en = (paths.edition_docs("en") / "programmes" / "likepersonprogram.md").read_text(encoding="utf-8")
    assert "# Likepersonprogrammet" in nb and "Et program som flere tjenester driver." in nb
    assert "# The peer programme" in en and "A programme several services run." in en
    # Links to its concepts, and the same page in the other edition.
    assert "(../begreper/recovery.md)" in nb and "(../concepts/recovery.md)" in en
    assert '"href": "../../en/programmes/likepersonprogram/"' in nb
    # Its search filters, and its items in the open data.
    assert 'data-pagefind-filter="type:Program"' in nb
    assert json.loads(corpus_json(corpus))["programmes"][0]["id"] == "likepersonprogram"
    # A skeleton; a bad reference in its file is found like any other.
    skeleton = write_skeleton(corpus_dir, "programme", "nytt-program")
    assert skeleton == corpus_dir / "programmes" / "nytt-program.yaml"
    assert load_corpus(corpus_dir).get("programme", "nytt-program").label.nb == "TODO: navn"
    _add_broken = corpus_dir / "programmes" / "brutt.yaml"
    _add_broken.write_text("id: brutt\nlabel: {nb: x}\ndescription: {nb: y}\nconcepts: [recovry]\n", encoding="utf-8")
    from funnbank.errors import ContentError

    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    (problem,) = err.value.problems
    assert problem.path == _add_broken and problem.line == 4 and "did you mean `recovery`?" in str(problem)


def test_a_registered_kind_is_built_and_indexed(corpus_dir: Path, tmp_path: Path, programme_kind: Path) -> None:
    _add_programme(corpus_dir, ["recovery"])
    paths = Paths(content=corpus_dir, out=tmp_path / "site", docs=tmp_path / "docs", overrides=programme_kind)
    report = build(paths)
    assert (paths.out / "programmer" / "likepersonprogram" / "index.html").is_file()
    assert (paths.out / "en" / "programmes" / "likepersonprogram" / "index.html").is_file()
    assert report.corpus.programmes
    # Its page is in each edition's search index: one more page than the built-in kinds have.
    for edition in ("", "en/"):
        entry = json.loads((paths.out / edition / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        (language,) = entry["languages"].values()
        pages = sum(1 for _ in (paths.out / edition / "pagefind" / "fragment").iterdir())
        assert language["page_count"] == pages
        fragments = [gzip.decompress(p.read_bytes())[len(SIGNATURE):]
                     for p in (paths.out / edition / "pagefind" / "fragment").iterdir()]
        assert any(b"likepersonprogram" in fragment for fragment in fragments), edition


# --- a third edition: German, interface strings only --------------------------------------------------

GERMAN = {"site_name": "Funnbanken", "studies": "Studien", "concepts": "Begriffe", "themes": "Themen",
          "facts": "Fakten", "summary": "Zusammenfassung", "findings": "Befunde", "js_link_copied": "Link kopiert",
          "js_search_start": "Tippen, um zu suchen", "js_search_none": "Keine Treffer", "js_search_one": "1 Treffer",
          "js_search_many": "{n} Treffer", "js_search_all": "Alle Treffer und Filter"}


@pytest.fixture
def german_edition(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A German edition at /de/, with the Norwegian section paths; returns its MkDocs configuration."""
    config = tmp_path / "mkdocs.de.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
                      f"site_description: Befunde aus qualitativen Evaluationen\n"
                      f"theme:\n  language: de\n  custom_dir: {ROOT / 'templates' / 'overrides'}\n", encoding="utf-8")
    monkeypatch.setattr(editions, "EDITIONS", [*editions.EDITIONS, editions.Edition(
        "de", "de/", "Deutsch", str(config), "de")])
    monkeypatch.setitem(i18n.STRINGS, "de", GERMAN)
    return config


@pytest.fixture
def german_site(corpus_dir: Path, tmp_path: Path, german_edition: Path) -> Paths:
    paths = Paths(content=corpus_dir, out=tmp_path / "site", docs=tmp_path / "docs", config=ROOT / "mkdocs.yml")
    build(paths)
    return paths


def test_a_third_edition_builds_with_its_strings_and_norwegian_content(german_site: Paths) -> None:
    study = (german_site.out / "de" / "studier" / "alpha-2020" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in study
    assert ">Fakten<" in study and ">Zusammenfassung<" in study  # its own strings
    assert "Alfa-gruppene" in study  # the content, in Norwegian
    assert '<link rel="alternate" hreflang="nb" href="../../../studier/alpha-2020/">' in study
    assert '<link rel="alternate" hreflang="en" href="../../../en/studies/alpha-2020/">' in study
    nb = (german_site.out / "studier" / "alpha-2020" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="de" href="../../de/studier/alpha-2020/"' in nb
    assert (german_site.out / "de" / "pagefind" / "pagefind-entry.json").is_file()


@pytest.mark.browser
def test_a_third_edition_switches_and_searches_in_chromium(page, german_site: Paths) -> None:  # type: ignore[no-untyped-def]
    from funnbank.localserve import serve_folder

    with serve_folder(german_site.out) as url:
        page.goto(url + "studier/alpha-2020/")
        page.locator(".fb-edition-switch[hreflang=de]").first.click()
        page.wait_for_load_state()
        assert page.url == url + "de/studier/alpha-2020/"
        assert page.evaluate("document.documentElement.lang") == "de"
        page.locator(".fb-edition-switch[hreflang=en]").first.click()
        page.wait_for_load_state()
        assert page.url == url + "en/studies/alpha-2020/"
        page.goto(url + "de/sok/?q=fellesskap")
        page.wait_for_selector(".fb-result")
        links = page.eval_on_selector_all(".fb-result a", "links => links.map(a => a.href)")
        assert links and all(link.startswith(url + "de/") for link in links), links
