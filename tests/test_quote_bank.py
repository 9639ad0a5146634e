"""The quote bank and the recommendations page (issue 16): quotes with who speaks, where and a citation to
copy; one page per theme, in numbered pages when long; each recommendation once, with its audiences,
themes and kind; filters that hide without a script needed to see everything.

The Markdown tests read the generated pages of the real content (they hold for any content) and of
small corpora made here. The browser tests build the fixture corpus with a few quotes and
recommendations more, with pages of two quotes and two recommendations, so every kind of page, the
numbered ones included, is there to open (and MkDocs' strict build checks their nav and links).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from funnbank import pages, paging, quotebank, vocab
from funnbank.attribution import cited_authors, own_label
from funnbank.index import build_index
from funnbank.loader import load_corpus
from funnbank.model import Author, Study
from funnbank.names import location_in
from funnbank.names import short_name
from funnbank.pipeline import Paths, generate
from funnbank.synth import write_synthetic_corpus

from conftest import CONTENT, DESKTOP, FIXTURE_CONTENT, PHONE, BuiltSite, _build_and_serve, axe_violations, open_page

LANGS = ("nb", "en")
PER_PAGE = 3  # quotes per page of the browser tests' site (two per page of recommendations)


# --- paging, on its own ---------------------------------------------------------------------------

@pytest.mark.parametrize(("items", "per_page", "expected"), [
    ([], 3, [[]]),
    (list("abcdefg"), 3, [list("abc"), list("def"), list("g")]),
    # A short run of one group that does not fit on the page begun starts the next page…
    (["a1", "b1", "b2", "c1"], 8, [["a1", "b1", "b2", "c1"]]),
    (["a1", "a2", "a3", "a4", "a5", "a6", "b1", "b2"], 8, [["a1", "a2", "a3", "a4", "a5", "a6", "b1", "b2"]]),
    (["a1", "a2", "a3", "a4", "a5", "a6", "a7", "b1", "b2"], 8,
     [["a1", "a2", "a3", "a4", "a5", "a6", "a7"], ["b1", "b2"]]),
    # …a long one fills the page and goes on on the next.
    (["a1", "b1", "b2", "b3", "b4", "b5"], 4, [["a1", "b1", "b2", "b3"], ["b4", "b5"]]),
])
def test_a_list_is_cut_into_pages_keeping_short_groups_whole(items: list[str], per_page: int,
                                                             expected: list[list[str]]) -> None:
    assert paging.split(items, per_page, group=lambda item: item[0]) == expected


def test_page_n_of_a_list_sits_beside_page_1_in_every_edition() -> None:
    assert paging.sub_key(("quotes", "haap"), 1) == ("quotes", "haap")
    assert paging.sub_key(("quotes", "haap"), 2) == ("quotes", "haap/2")
    assert paging.sub_key(("section", "recommendations"), 3) == ("recommendations", "3")
    assert paging.sub_key(("theme", "haap"), 2) == ("theme", "haap/2")  # any page can be paged
    expected = {
        ("quotes", "haap"): ("sitater/haap.md", "quotes/haap.md"),
        ("quotes", "haap/2"): ("sitater/haap/2.md", "quotes/haap/2.md"),
        ("recommendations", "3"): ("anbefalinger/3.md", "recommendations/3.md"),
        ("theme", "haap/2"): ("temaer/haap/2.md", "themes/haap/2.md"),
    }
    for key, paths in expected.items():
        assert tuple(pages.path_for(key, lang) for lang in LANGS) == paths, key
    assert pages.page_url("sitater/haap/2.md") == "sitater/haap/2/"
    # The language switch leads to the same page number in the other edition.
    assert pages.alternate_link(("quotes", "haap/2"), "nb", "en") == "../../../en/quotes/haap/2/"
    assert pages.alternate_link(("recommendations", "3"), "en", "nb") == "../../../anbefalinger/3/"
    numbered = paging.Paging(2, ("a.md", "a/2.md", "a/3.md"))
    assert (numbered.count, numbered.previous, numbered.next) == (3, "a.md", "a/3.md")
    assert paging.Paging(1, ("a.md",)).previous is None and paging.Paging(1, ("a.md",)).next is None


# --- who speaks, and the citation -------------------------------------------------------------------

@pytest.mark.parametrize(("label", "role", "added"), [
    ("deltaker", "Deltaker", ""),
    ("informant i gruppe 1", "Deltaker", "informant i gruppe 1"),
    ("Erfaringskonsulent (Intervju 4)", "Erfaringskonsulent", "Intervju 4"),
    ("Erfaringskonsulentene (Intervju 4)", "Erfaringskonsulent", "Erfaringskonsulentene (Intervju 4)"),
    ("ansatt 3", "Ansatt", "3"),
    ("pasient (fritekstkommentar i spørreskjema)", "Deltaker", "pasient (fritekstkommentar i spørreskjema)"),
])
def test_the_sources_label_is_given_where_it_adds_to_the_role(label: str, role: str, added: str) -> None:
    assert own_label(label, role) == added


def _study(*names: str) -> Study:
    return Study.model_validate({
        "id": "s", "title": "En studie med en lang tittel som trenger et kort navn her", "type": "report",
        "authors": [Author(name=n).model_dump() for n in names], "service": {"name": "x", "kind": "other"},
        "summary": {"nb": "x"}, "findings": [{"id": "f", "title": "F", "summary": {"nb": "x"}}]})


def test_the_citation_names_the_authors_as_apa_does_in_text() -> None:
    assert cited_authors(_study("Ottar Ness"), "nb", "mfl.") == "Ness"
    assert cited_authors(_study("Rose-Marie Bank", "Bengt Karlsson"), "nb", "mfl.") == "Bank & Karlsson"
    three = _study("Ottar Ness", "Arne Johansen", "Knut Ivar Bjørlykhaug")
    assert cited_authors(three, "en", "et al.") == "Ness et al." and cited_authors(three, "nb", "mfl.") == "Ness mfl."
    assert cited_authors(_study(), "nb", "mfl.").startswith("En studie med")  # its short name


# --- the generated pages of the real content ----------------------------------------------------------

REAL = load_corpus(CONTENT)
REAL_IX = build_index(REAL)


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths = Paths(content=CONTENT, docs=tmp_path_factory.mktemp("quote-bank-docs") / "docs")
    generate(REAL, paths, REAL_IX)
    return {lang: paths.edition_docs(lang) for lang in LANGS}


def read(docs: dict[str, Path], lang: str, path: str) -> str:
    return (docs[lang] / path).read_text(encoding="utf-8")


def quoted_themes() -> list[str]:
    return quotebank.quoted_themes(REAL, REAL_IX)


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_links_each_theme_with_its_count_and_explains_who_speaks(docs: dict[str, Path], lang: str) -> None:
    overview = read(docs, lang, pages.section_path("quotes", lang))
    here = pages.section_path("quotes", lang)
    for theme_id in quoted_themes():
        link = pages.page_link(here, pages.path_for(("quotes", theme_id), lang))
        count = len(REAL_IX.quotes_by_theme[theme_id])
        assert re.search(rf"\]\({re.escape(link)}\) — {count} ", overview), theme_id
    for key, role in vocab.SPEAKER_ROLES.items():
        assert f"**{role.in_lang(lang)}:**" in overview, key
    # The quotes themselves are on the theme pages: the overview stays short however many there are.
    assert "<blockquote" not in overview and len(overview) < 5000


@pytest.mark.parametrize("lang", LANGS)
def test_a_themes_page_holds_each_of_its_quotes_once_under_its_studys_heading(docs: dict[str, Path], lang: str) -> None:
    for theme_id in quoted_themes():
        page = read(docs, lang, pages.path_for(("quotes", theme_id), lang))
        mentions = quotebank.theme_quotes(REAL_IX, theme_id)
        assert page.count("<blockquote") == len(mentions), theme_id
        # One heading per study, in the order of its quotes; each quote under its study's heading.
        headings = re.findall(r"^## .+ \{: #([a-z0-9-]+) \}$", page, re.M)
        assert headings == list(dict.fromkeys(m.study.id for m in mentions))
        for study_id, section in zip(headings, page.split('<section class="fb-filter-group"')[1:], strict=True):
            assert set(re.findall(r'data-study="([^"]+)"', section)) == {study_id}
        # Its filters list the roles and studies on it; they are hidden until the script shows them.
        assert '<div class="fb-list-filters" hidden' in page
        for m in mentions:
            assert f'<option value="{m.item.speaker_role.replace("_", "-")}">' in page


@pytest.mark.parametrize("lang", LANGS)
def test_every_quote_says_who_speaks_where_and_how_to_cite_it(docs: dict[str, Path], lang: str) -> None:
    et_al = "mfl." if lang == "nb" else "et al."
    for theme_id in quoted_themes():
        page = read(docs, lang, pages.path_for(("quotes", theme_id), lang))
        for block in page.split("<blockquote")[1:]:
            study = REAL.study(re.search(r'data-study="([^"]+)"', block).group(1))  # type: ignore[union-attr]
            quote_id = re.search(r'data-cite-href="[^"#]*#([^"]+)"', block).group(1)  # type: ignore[union-attr]
            quote = next(q for q in study.quotes if q.id == quote_id)
            # The quote is an HTML fragment (issue 18): its last paragraph says who speaks and where.
            source = next(line for line in block.splitlines() if line.startswith('<p class="fb-quote-source">— '))
            source = source.removeprefix('<p class="fb-quote-source">')
            assert source.startswith("— " + vocab.SPEAKER_ROLES[quote.speaker_role].in_lang(lang)), source
            assert location_in(quote.location, lang) in source.replace("\\", ""), source
            cite = re.search(r'data-cite="\(([^"]*)\)"', block).group(1)  # type: ignore[union-attr]
            assert cite.startswith(cited_authors(study, lang, et_al).replace("&", "&amp;") + ", "), cite
            assert location_in(quote.location, lang) in cite
            if lang == "en":
                assert ("p. " in cite) == ("s. " in quote.location) and " s. " not in cite
                assert ("Funnbanken&#x27;s translation" in cite) == bool(quote.translation_en)
                assert ("fb-translation-words" in block) == bool(quote.translation_en)


def test_each_recommendation_is_listed_once_with_its_audiences_themes_and_kind(docs: dict[str, Path]) -> None:
    page = read(docs, "nb", pages.section_path("recommendations", "nb"))
    every = [(s, r) for s in REAL.studies for r in s.recommendations]
    entries = re.findall(r"^  \{: \.fb-filter-item (.*) \}$", page, re.M)
    assert len(entries) == len(every)
    for study, rec in every:  # once: each entry links to its recommendation on its study page
        assert page.count(f"](studier/{study.id}.md#{rec.id})") == 1, (study.id, rec.id)
    for study, rec in every:
        item = page[page.index(f"(studier/{study.id}.md#{rec.id})"):]
        item = item[:item.index("{: .fb-filter-item")] + item[item.index("{: .fb-filter-item"):].split("\n")[0]
        assert f'data-audience="{" ".join(a.replace("_", "-") for a in rec.audience)}"' in item
        assert f'data-kind="{rec.kind}"' in item
        themes = list(dict.fromkeys(t for f in rec.based_on for t in REAL_IX.findings_by_id[(study.id, f)].themes))
        assert f'data-theme="{" ".join(themes)}"' in item
        for audience in rec.audience:
            assert vocab.AUDIENCES[audience].nb.lower() in item.lower()
        for theme in themes:
            assert f"](temaer/{theme}.md)" in item
    # The three kinds, each explained in a line at the top.
    top = page[:page.index("fb-filter-group")]
    for kind, label in vocab.RECOMMENDATION_KINDS.items():
        assert f"- **{label.nb}:** " in top, kind


@pytest.mark.parametrize("lang", LANGS)
def test_the_anchors_other_pages_link_to_are_on_the_recommendations_page(docs: dict[str, Path], lang: str) -> None:
    target = pages.section_path("recommendations", lang)
    page = read(docs, lang, target)
    linked: set[str] = set()
    for path in docs[lang].rglob("*.md"):
        relative = path.relative_to(docs[lang]).as_posix()
        link = pages.page_link(relative, target)
        linked |= set(re.findall(rf"\]\({re.escape(link)}#([a-z0-9-]+)\)", path.read_text(encoding="utf-8")))
    assert linked, "no page links to an audience of the recommendations page"
    for anchor in linked | {a.replace("_", "-") for a in vocab.AUDIENCES if REAL_IX.recommendations_by_audience[a]}:
        assert f"{{: #{anchor} " in page, anchor


# --- at scale: a page never outgrows its share ---------------------------------------------------------

def test_a_large_corpus_is_paged_the_same_in_both_editions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_synthetic_corpus(40, tmp_path / "content", seed=16)
    corpus = load_corpus(tmp_path / "content")
    ix = build_index(corpus)
    monkeypatch.setattr(quotebank, "QUOTES_PER_PAGE", 12)
    monkeypatch.setattr(quotebank, "RECOMMENDATIONS_PER_PAGE", 20)
    planned = {lang: list(pages.plan_pages(corpus, lang, ix)) for lang in LANGS}
    keys = {lang: [p.key for p in planned[lang]] for lang in LANGS}
    assert keys["nb"] == keys["en"]
    paths = Paths(content=tmp_path / "content", docs=tmp_path / "docs")
    generate(corpus, paths, ix)
    for theme_id in quotebank.quoted_themes(corpus, ix):
        shares = [p for p in planned["nb"] if p.key[0] == "quotes" and p.key[1].split("/")[0] == theme_id]
        assert len(shares) > 1, theme_id  # 40 studies' quotes do not fit on pages of 12
        shown = []
        for share in shares:
            page = (paths.docs / share.path).read_text(encoding="utf-8")
            quoted = re.findall(r'data-cite-href="[^"]*/([a-z0-9-]+)/#([a-z0-9-]+)"', page)
            assert 0 < len(quoted) <= 12
            shown += quoted
            # Numbered pages link to each other, and say which page this is.
            assert f"Side {share.context['paging'].number} av {len(shares)}" in page
        expected = [(m.study.id, m.item.id) for m in ix.quotes_by_theme[theme_id]]
        assert sorted(shown) == sorted(expected) and len(shown) == len(set(shown))
    recs = [p for p in planned["nb"] if p.key in (("section", "recommendations"),) or p.key[0] == "recommendations"]
    counted = sum(len(re.findall(r"^  \{: \.fb-filter-item ", (paths.docs / p.path).read_text(encoding="utf-8"), re.M))
                  for p in recs)
    assert len(recs) > 1 and counted == sum(len(s.recommendations) for s in corpus.studies)


# --- in Chromium -------------------------------------------------------------------------------------

# Quotes and recommendations added to the fixture corpus, so a theme has several speaker roles and
# studies, a study without authors or a year is cited, and lists run over more than one page.
EXTRA_QUOTES = {
    "alpha-2020": [
        {"id": "q3", "text": "Vi som jobber her ser at de kommer tilbake.", "speaker": "Ansatt A",
         "speaker_role": "staff",
         "finding": "fellesskap", "location": "s. 4–5", "translation_en": "We who work here see them come back."},
        {"id": "q4", "text": "Jeg har vært der selv.", "speaker": "erfaringskonsulent", "speaker_role": "peer_worker",
         "finding": "tempo", "location": "s. 7"},
    ],
    "beta-2021": [
        {"id": "q1", "text": "Jobben ga meg en grunn til å stå opp.", "speaker": "informant 1",
         "speaker_role": "participant", "finding": "arbeid", "location": "s. 12"},
    ],
}
EXTRA_RECOMMENDATIONS = {
    "beta-2021": [
        {"id": "r1", "kind": "conclusion", "text": {"nb": "Arbeid hjelper."}, "audience": ["researchers"],
         "based_on": ["arbeid"]},
        {"id": "r2", "kind": "implication", "text": {"nb": "Noe å tenke på."}},
    ],
}


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The fixture corpus with EXTRA_QUOTES and EXTRA_RECOMMENDATIONS, built with pages of PER_PAGE
    quotes and two recommendations, and served."""
    base = tmp_path_factory.mktemp("paged-site")
    content = base / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    for study_id in EXTRA_QUOTES.keys() | EXTRA_RECOMMENDATIONS.keys():
        path = content / "studies" / f"{study_id}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["quotes"] = data.get("quotes", []) + EXTRA_QUOTES.get(study_id, [])
        data["recommendations"] = data.get("recommendations", []) + EXTRA_RECOMMENDATIONS.get(study_id, [])
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quotebank, "QUOTES_PER_PAGE", PER_PAGE)
        patch.setattr(quotebank, "RECOMMENDATIONS_PER_PAGE", 2)
        patch.setattr(pages, "THEME_STUDIES_PER_PAGE", 1)  # a theme of two studies: two pages
        patch.setattr(pages, "STUDIES_PER_PAGE", 1)  # the studies index too
        patch.setattr(pages, "REVIEW_THEMES_PER_PAGE", 1)  # and the findings across studies
        yield from _build_and_serve(content, base)


@pytest.fixture(scope="module")
def paged_corpus(paged_site: BuiltSite) -> Any:
    corpus = load_corpus(paged_site.path.parent / "content")
    return corpus, build_index(corpus)


# The script has said the copy is made (funnbank.js's live region has words).
ANNOUNCED = "(document.getElementById('fb-announce') || {}).textContent"



def visible_quotes(page: Any) -> list[str]:
    return [q.get_attribute("data-study") + "#" + q.get_attribute("data-cite-href").split("#")[1]
            for q in page.locator("blockquote.fb-quote").all() if q.is_visible()]


def theme_with_roles(paged_corpus: Any) -> str:
    """A theme in more than one page whose first page has quotes of more than one speaker role."""
    corpus, ix = paged_corpus
    for theme_id in quotebank.quoted_themes(corpus, ix):
        quotes = quotebank.theme_quotes(ix, theme_id)
        if len(quotes) > PER_PAGE and len({m.item.speaker_role for m in quotes[:PER_PAGE]}) > 1:
            return theme_id
    pytest.fail("the paged fixture has no theme with two speaker roles on its first page")


@pytest.mark.browser
def test_filter_by_speaker_role_on_a_phone(page: Any, paged_site: BuiltSite, paged_corpus: Any) -> None:
    corpus, ix = paged_corpus
    theme_id = theme_with_roles(paged_corpus)
    open_page(page, paged_site, pages.page_url(pages.path_for(("quotes", theme_id), "nb")), PHONE)
    on_page = quotebank.theme_quotes(ix, theme_id)[:PER_PAGE]
    every = [f"{m.study.id}#{m.item.id}" for m in on_page]
    assert visible_quotes(page) == every
    select = page.get_by_label("Hvem snakker")
    assert select.is_visible()
    size = select.bounding_box()
    assert size and size["height"] >= 24  # WCAG 2.2 target size
    role = on_page[-1].item.speaker_role
    select.select_option(role.replace("_", "-"))
    kept = [f"{m.study.id}#{m.item.id}" for m in on_page if m.item.speaker_role == role]
    assert visible_quotes(page) == kept and len(kept) < len(every)
    assert page.locator(".fb-list-status").text_content() == f"Viser {len(kept)} av {len(every)} på denne siden"
    select.select_option("")
    assert visible_quotes(page) == every
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.browser
def test_the_study_filter_hides_the_other_studies_with_their_headings(page: Any, paged_site: BuiltSite,
                                                                      paged_corpus: Any) -> None:
    corpus, ix = paged_corpus
    theme_id, first = next((t, m[:PER_PAGE]) for t in quotebank.quoted_themes(corpus, ix)
                           for m in [quotebank.theme_quotes(ix, t)] if len({q.study.id for q in m[:PER_PAGE]}) > 1)
    open_page(page, paged_site, pages.page_url(pages.path_for(("quotes", theme_id), "nb")), DESKTOP)
    kept, other = first[-1].study.id, first[0].study.id
    page.get_by_label("Studie").select_option(kept)
    assert visible_quotes(page) == [f"{m.study.id}#{m.item.id}" for m in first if m.study.id == kept]
    assert page.locator(f"h2[id='{kept}']").is_visible()
    assert not page.locator(f"h2[id='{other}']").is_visible()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_copy_citation_puts_the_quote_its_source_and_its_link_on_the_clipboard(
        page: Any, paged_site: BuiltSite, paged_corpus: Any, lang: str) -> None:
    corpus, ix = paged_corpus
    study = corpus.study("alpha-2020")
    quote = next(q for q in study.quotes if q.id == "q3")  # s. 4–5, with an English translation
    theme_id = study.findings[0].themes[0]
    shares = quotebank.theme_quotes(ix, theme_id)
    number = next(n for n, share in enumerate(paging.split(shares, PER_PAGE, lambda m: m.study.id), 1)
                  if any(m.item is quote for m in share))
    key = paging.sub_key(("quotes", theme_id), number)
    root = "" if lang == "nb" else "en/"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_page(page, paged_site, root + pages.page_url(pages.path_for(key, lang)), DESKTOP)
    blockquote = page.locator(f"blockquote[data-cite-href$='#{quote.id}'][data-study='{study.id}']")
    name = "Kopier sitat med kilde" if lang == "nb" else "Copy quote with citation"
    button = blockquote.get_by_role("button", name=name)
    size = button.bounding_box()
    assert size and size["height"] >= 24 and size["width"] >= 24
    button.focus()
    page.keyboard.press("Enter")  # keyboard-usable
    page.wait_for_function(ANNOUNCED)
    copied = page.evaluate("navigator.clipboard.readText()")
    link = paged_site.url + root + pages.page_url(pages.study_path(study.id, lang)) + f"#{quote.id}"
    if lang == "nb":
        assert copied == f"«{quote.text}» (En, 2020, s. 4–5) {link}"
    else:
        assert copied == f"“{quote.translation_en}” (En, 2020, pp. 4–5; Funnbanken's translation) {link}"
    # The link leads to the quote on its study page.
    page.goto(link)
    assert page.locator(f"blockquote[id='{quote.id}']").is_visible()


@pytest.mark.browser
def test_a_study_without_authors_or_year_is_cited_by_its_short_name(page: Any, paged_site: BuiltSite) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_page(page, paged_site, "studier/beta-2021/", DESKTOP)
    page.locator("blockquote[id='q1'] .fb-cite-button").click()
    page.wait_for_function(ANNOUNCED)
    link = f"{paged_site.url}studier/beta-2021/#q1"
    expected = f"«Jobben ga meg en grunn til å stå opp.» (Beta-treffet, u.å., s. 12) {link}"
    assert page.evaluate("navigator.clipboard.readText()") == expected


@pytest.mark.browser
def test_the_page_links_lead_through_the_pages_and_the_switch_keeps_the_page(
        page: Any, paged_site: BuiltSite, paged_corpus: Any) -> None:
    corpus, ix = paged_corpus
    theme_id = theme_with_roles(paged_corpus)
    count = len(paging.split(quotebank.theme_quotes(ix, theme_id), PER_PAGE, lambda m: m.study.id))
    assert count > 1
    first = pages.page_url(pages.path_for(("quotes", theme_id), "nb"))
    open_page(page, paged_site, first, PHONE)
    assert f"(side 1 av {count})" in page.locator("h1").inner_text()
    nav = page.get_by_role("navigation", name="Sider")
    nav.get_by_role("link", name="Neste side").click()
    assert urlsplit(page.url).path == f"/{first}2/"
    assert f"(side 2 av {count})" in page.locator("h1").inner_text()
    for link in page.locator(".fb-paging a").all():  # WCAG 2.2 target size
        size = link.bounding_box()
        assert size and size["width"] >= 24 and size["height"] >= 24
    page.locator("a.fb-edition-switch").click()
    page.wait_for_load_state("domcontentloaded")
    assert urlsplit(page.url).path == "/en/" + pages.page_url(pages.path_for(("quotes", f"{theme_id}/2"), "en"))
    assert f"(page 2 of {count})" in page.locator("h1").inner_text()
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Page 1").click()
    assert urlsplit(page.url).path == "/en/" + pages.page_url(pages.path_for(("quotes", theme_id), "en"))


@pytest.mark.browser
def test_the_studies_index_goes_on_in_numbered_pages(page: Any, paged_site: BuiltSite, paged_corpus: Any) -> None:
    corpus, _ = paged_corpus
    first, second = corpus.studies[0], corpus.studies[1]
    open_page(page, paged_site, "studier/", PHONE)
    assert "(side 1 av 2)" in page.locator("h1").inner_text()
    table = page.locator(".fb-sortable table")
    assert table.get_by_role("link", name=short_name(first, "nb")).count() == 1
    assert table.get_by_role("link", name=short_name(second, "nb")).count() == 0
    assert "på denne siden" in page.locator("article").inner_text()  # sorting sorts this page's studies
    page.get_by_role("navigation", name="Sider").get_by_role("link", name="Neste side").click()
    assert urlsplit(page.url).path == "/studier/2/"
    table.get_by_role("link", name=short_name(second, "nb")).click()
    assert urlsplit(page.url).path == f"/studier/{second.id}/"
    page.go_back()
    page.locator("a.fb-edition-switch").click()
    page.wait_for_load_state("domcontentloaded")
    assert urlsplit(page.url).path == "/en/studies/2/"
    assert "(page 2 of 2)" in page.locator("h1").inner_text()


@pytest.mark.browser
def test_the_findings_across_studies_go_on_in_numbered_pages_of_themes(page: Any, paged_site: BuiltSite,
                                                                       paged_corpus: Any) -> None:
    corpus, _ = paged_corpus
    themes = [theme for theme in corpus.themes if theme.review_findings]
    assert len(themes) >= 2
    open_page(page, paged_site, "funn-pa-tvers/", PHONE)
    assert f"(side 1 av {len(themes)})" in page.locator("h1").inner_text()
    sections = page.locator("section.fb-rf-theme")
    assert sections.count() == 1 and themes[0].label.nb in sections.inner_text()
    page.get_by_role("navigation", name="Sider").get_by_role("link", name="Neste side").click()
    assert urlsplit(page.url).path == "/funn-pa-tvers/2/"
    assert themes[1].label.nb in page.locator("section.fb-rf-theme").inner_text()
    # The page's own table by confidence leads to its own entries.
    first = themes[1].review_findings[0]
    page.locator(f"table a[href='#{first.id}']").click()
    assert urlsplit(page.url).fragment == first.id and page.locator(f"[id='{first.id}']").is_visible()
    page.locator("a.fb-edition-switch").click()
    page.wait_for_load_state("domcontentloaded")
    assert urlsplit(page.url).path == "/en/findings-across-studies/2/"
    assert first.statement.en in page.locator("article").inner_text()


@pytest.mark.browser
def test_an_audience_anchor_shows_that_audiences_recommendations(page: Any, paged_site: BuiltSite,
                                                                  paged_corpus: Any) -> None:
    corpus, ix = paged_corpus
    open_page(page, paged_site, "anbefalinger/#researchers", DESKTOP)
    assert page.get_by_label("Målgruppe").input_value() == "researchers"
    shown = [e for e in page.locator(".fb-filter-item").all() if e.is_visible()]
    assert shown and all("researchers" in (e.get_attribute("data-audience") or "").split() for e in shown)
    # The row of audiences filters too; "All" lists every entry of the page again.
    page.locator("a[id='municipal-services']").click()
    # The link applies its preset after the click (on `hashchange` or a zero timeout), so wait for it.
    expect(page.get_by_label("Målgruppe")).to_have_value("municipal-services")
    page.get_by_label("Målgruppe").select_option("")
    assert all(e.is_visible() for e in page.locator(".fb-filter-item").all())


@pytest.mark.browser
@pytest.mark.parametrize("path", ["sitater/tilhorighet/", "anbefalinger/"])
def test_without_a_script_everything_is_listed_and_no_filter_shows(browser: Any, paged_site: BuiltSite,
                                                                   path: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = open_page(context.new_page(), paged_site, path, DESKTOP)
    items = page.locator(".fb-filter-item")
    assert items.count() > 0 and all(item.is_visible() for item in items.all())
    assert not page.locator(".fb-list-filters").is_visible()
    assert page.locator(".fb-cite-button").count() == 0
    assert page.get_by_role("navigation", name="Sider").get_by_role("link").count() >= 1  # the next page, by a link
    context.close()


@pytest.mark.browser
def test_print_hides_the_copy_link_with_its_separator(page: Any, paged_site: BuiltSite) -> None:
    open_page(page, paged_site, "studier/alpha-2020/", DESKTOP)
    page.emulate_media(media="print")
    source = page.locator("blockquote[id='q1'] .fb-quote-source")
    assert not source.locator("a.fb-copy").is_visible() and not source.locator(".fb-cite-button").is_visible()
    assert not source.inner_text().rstrip().endswith("·")


def axe_pages() -> list[str]:
    return ["sitater/", "sitater/tilhorighet/", "sitater/tilhorighet/2/", "anbefalinger/", "anbefalinger/2/",
            "en/quotes/", "en/quotes/tilhorighet/", "en/recommendations/", "studier/alpha-2020/"]


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", axe_pages())
def test_no_axe_violations(page: Any, paged_site: BuiltSite, path: str, viewport: dict[str, int]) -> None:
    open_page(page, paged_site, path, viewport)
    assert axe_violations(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_large_theme_lists_its_studies_in_numbered_pages(page: Any, paged_site: BuiltSite, paged_corpus: Any,
                                                           lang: str) -> None:
    corpus, ix = paged_corpus
    theme = next(t for t in corpus.themes if len(ix.studies_by_theme[t.id]) == 2)
    first, second = ix.studies_by_theme[theme.id]
    root = "" if lang == "nb" else "en/"
    open_page(page, paged_site, root + pages.page_url(pages.theme_path(theme.id, lang)), PHONE)
    assert page.locator(f"h3[id='{first.id}']").count() == 1 and page.locator(f"h3[id='{second.id}']").count() == 0
    assert page.locator("[data-pagefind-body]").count() > 0  # page 1 is the one searched
    page.locator("nav.fb-paging").get_by_role("link", name="2").click()
    page.wait_for_load_state()
    assert page.url.endswith(root + pages.page_url(pages.path_for(("theme", f"{theme.id}/2"), lang)))
    assert page.locator(f"h3[id='{second.id}']").count() == 1 and page.locator(f"h3[id='{first.id}']").count() == 0
    assert page.locator("[data-pagefind-body]").count() == 0  # a later page is not a second result
    page.locator("a.fb-edition-switch").click()  # the switch leads to the same page of the other edition
    page.wait_for_load_state()
    other = "en" if lang == "nb" else "nb"
    assert page.url.endswith(pages.url_from_root(pages.path_for(("theme", f"{theme.id}/2"), other), other))
