"""The cross-linked pages of the real site: every link resolves, every concept links to every study using it.

Every test holds for any content: it goes over every study and concept of the loaded content, or uses
the fixture corpus where it needs a known case.
"""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from funnbank.autolink import ConceptMatcher, PageLinker
from funnbank.index import build_index
from funnbank.linkcheck import check_site
from funnbank.loader import load_corpus

from conftest import CONTENT, FIXTURE_CONTENT, ROOT, BuiltSite


def test_no_broken_internal_link_or_fragment(real_site: BuiltSite) -> None:
    broken = check_site(real_site.path)
    assert broken == [], "\n".join(map(str, broken[:20]))


def test_the_link_checker_finds_broken_links(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">x</a><a href="a/#nope">y</a><a id="top" href="#top">t</a>')
    (tmp_path / "a" / "index.html").write_text('<h1 id="here">A</h1><a href="/abs/">z</a>')
    found = {(b.page, b.href) for b in check_site(tmp_path)}
    assert found == {("index.html", "b/"), ("index.html", "a/#nope"), ("a/index.html", "/abs/")}


def test_every_concept_page_links_to_every_study_that_uses_it(real_site: BuiltSite) -> None:
    corpus = load_corpus(CONTENT)
    ix = build_index(corpus)
    for concept in corpus.concepts:
        page = (real_site.path / "begreper" / concept.id / "index.html").read_text(encoding="utf-8")
        for study in ix.studies_by_concept[concept.id]:
            assert f'href="../../studier/{study.id}/"' in page, (concept.id, study.id)


def test_study_pages_have_every_part(real_site: BuiltSite) -> None:
    corpus = load_corpus(CONTENT)
    for study in corpus.studies:
        page = (real_site.path / "studier" / study.id / "index.html").read_text(encoding="utf-8")
        for section in ("fakta", "sammendrag", "metode", "funn", "anbefalinger", "siter-studien"):
            assert f'id="{section}"' in page, (study.id, section)
        for item in (*study.findings, *study.quotes, *study.recommendations):
            assert f'id="{item.id}"' in page and f'href="#{item.id}"' in page, (study.id, item.id)


def test_summaries_link_concepts_automatically(real_site: BuiltSite) -> None:
    corpus = load_corpus(CONTENT)
    matcher = ConceptMatcher.build(corpus.concepts, "nb")
    for study in corpus.studies:
        page = (real_site.path / "studier" / study.id / "index.html").read_text(encoding="utf-8")
        summary = page[page.index('id="sammendrag"'):]
        summary = summary[:summary.index("<h2")]
        # The summary is the first linked text on its page: it links every concept it mentions.
        mentions = PageLinker(matcher, href_for=str)
        mentions.link(study.summary.nb)
        for concept in mentions.linked:
            assert f'href="../../begreper/{concept}/"' in summary, (study.id, concept)


def test_knowledge_map_is_an_accessible_table(real_site: BuiltSite) -> None:
    page = (real_site.path / "kunnskapskart" / "index.html").read_text(encoding="utf-8")
    assert 'aria-labelledby="temaer"' in page and 'aria-labelledby="begreper"' in page
    assert 'id="temaer"' in page and 'id="begreper"' in page
    assert '<th scope="row">' in page and '<th scope="col">' in page
    assert "ingen funn" in page  # gaps are said in text, not colour alone


def test_apa_names_and_references() -> None:
    from funnbank.citation import apa_name, apa_reference
    from funnbank.model import Author

    assert apa_name(Author(name="Knut Ivar Bjørlykhaug")) == "Bjørlykhaug, K. I."
    assert apa_name(Author(name="Rose-Marie Bank")) == "Bank, R.-M."
    assert apa_name(Author(name="- x")) == "- x"  # nothing to abbreviate: the name as written
    known = load_corpus(FIXTURE_CONTENT).study("alpha-2020")
    # The fixture study has a DOI: APA 7 ends the reference with it (tests/test_reader_pages.py).
    assert apa_reference(known) == ("En, F. (2020). Alfa-gruppene: En evaluering av et påfunnet tiltak. Et universitet. "
                                    "https://doi.org/10.1234/alfa.2020")
    three = known.model_copy(update={"authors": [
        Author(name="Ottar Ness"), Author(name="Arne Johansen"), Author(name="Knut Ivar Bjørlykhaug")]})
    assert apa_reference(three).startswith("Ness, O., Johansen, A., & Bjørlykhaug, K. I. (2020). Alfa-gruppene: En")
    no_year = known.model_copy(update={"year": None, "year_inferred": None})
    assert "(u.å.)" in apa_reference(no_year)
    assert "(n.d.)" in apa_reference(no_year, "en")
    for study in load_corpus(CONTENT).studies:  # a year the source does not state, but points to
        if study.year_inferred:
            assert f"({study.year_inferred.year}, antatt)" in apa_reference(study), study.id


def test_both_editions_have_every_interface_string() -> None:
    from funnbank.i18n import STRINGS

    assert set(STRINGS["nb"]) == set(STRINGS["en"])
    assert all(value or key == "in_norwegian" for lang in STRINGS for key, value in STRINGS[lang].items())


def test_each_editions_nav_lists_exactly_its_section_pages() -> None:
    import yaml

    from funnbank.editions import EDITIONS
    from funnbank.pages import section_paths

    def paths(nav: list) -> list[str]:  # type: ignore[type-arg]
        out: list[str] = []
        for entry in nav:
            (value,) = entry.values()
            out.extend(paths(value) if isinstance(value, list) else [value])
        return out

    for edition in EDITIONS:
        nav = yaml.safe_load((ROOT / edition.config).read_text(encoding="utf-8"))["nav"]
        assert sorted(paths(nav)) == sorted(section_paths(edition.lang).values()), edition.config


def test_the_language_switch_link_of_every_page_kind() -> None:
    from funnbank.pages import alternate_link

    assert alternate_link(("section", "home"), "nb", "en") == "en/"
    assert alternate_link(("section", "home"), "en", "nb") == "../"
    assert alternate_link(("study", "x"), "nb", "en") == "../../en/studies/x/"
    assert alternate_link(("study", "x"), "en", "nb") == "../../../studier/x/"
    assert alternate_link(("section", "knowledge_map"), "en", "nb") == "../../kunnskapskart/"
    assert alternate_link(("section", "search"), "nb", "en") == "../en/search/"


def test_an_inferred_year_shows_in_the_list_and_the_fact_table(corpus_dir) -> None:  # type: ignore[no-untyped-def]
    from funnbank.pipeline import Paths, generate

    study = corpus_dir / "studies" / "beta-2021.yaml"  # its `unknown:` says the text gives no year
    study.write_text(study.read_text(encoding="utf-8") + "year_inferred: {year: 2017, basis: "
                     "{nb: Ut fra informasjonsskrivet., en: From the information letter.}}\n", encoding="utf-8")
    paths = Paths(content=corpus_dir, docs=corpus_dir.parent / "docs")
    generate(load_corpus(corpus_dir), paths)
    nb, en = paths.edition_docs("nb"), paths.edition_docs("en")
    assert "| 2017 (antatt) |" in (nb / "studier" / "index.md").read_text(encoding="utf-8")
    assert "| 2017 (inferred) |" in (en / "studies" / "index.md").read_text(encoding="utf-8")
    rows = (nb / "studier" / "beta-2021.md").read_text(encoding="utf-8").splitlines()
    row = "| År | 2017 (antatt). *Ikke oppgitt i kilden.* Teksten oppgir ikke årstall. Ut fra informasjonsskrivet. |"
    assert row in rows
    rows = (en / "studies" / "beta-2021.md").read_text(encoding="utf-8").splitlines()
    assert any(row.startswith("| Year | 2017 (inferred). ") and row.endswith(" From the information letter. |")
               for row in rows)


_SEGMENTS = st.sampled_from(["a", "b", "studier", "x", "en", "index.md", ""])


@given(st.lists(_SEGMENTS, max_size=4), st.lists(_SEGMENTS.filter(bool), max_size=3))
def test_relative_links_are_posixpaths_relpath(target: list[str], folder: list[str]) -> None:
    # `pages._relative` computes relative links without the file system; it must agree with relpath.
    from funnbank.pages import _relative

    to, here = "/".join(target).lstrip("/"), "/".join(folder)
    assert _relative(to, here) == posixpath.relpath(to or ".", here or ".")


def test_planning_some_pages_gives_them_as_the_whole_plan_does(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`serve` renders a saved study's pages first (`render_pages(only=…)`), planning only those."""
    from funnbank import pages

    monkeypatch.setattr(pages, "THEME_STUDIES_PER_PAGE", 1)  # a theme of two studies: a page 2
    corpus = load_corpus(FIXTURE_CONTENT)
    ix = build_index(corpus)
    for lang in ("nb", "en"):
        whole = {page.key: page for page in pages.plan_pages(corpus, lang, ix)}
        theme_page_2 = next(key for key in whole if key[0] == "theme" and key[1].endswith("/2"))
        keys = {("study", "alpha-2020"), theme_page_2, ("section", "studies"), ("study", "no-such-study")}
        some = list(pages.plan_only(corpus, keys, lang, ix))
        assert sorted(page.key for page in some) == sorted(key for key in keys if key in whole)
        for page in some:
            assert (page.path, page.template, page.context) == (whole[page.key].path, whole[page.key].template,
                                                                whole[page.key].context)
