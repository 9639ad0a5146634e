"""Pages that answer first: the study page's card, order, original link and English facts; the theme
page's "what we know" box and related themes; the themes index's taglines; "on this page" on phones;
the printed study page; and the original link in every citation format.

The Markdown tests render the fixture corpus (tests/fixtures/content: alpha-2020 has a short name, a
URL, a DOI and English facts, beta-2021 none of them) and copies of it changed for one case; the
browser tests open the built fixture site in Chromium.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from funnbank import pages, vocab
from funnbank.citation import (
    apa_reference, bibtex, csl_json, highwire_tags, original_link, original_links, ris, schema_org,
)
from funnbank.corpus import Corpus
from funnbank.i18n import STRINGS
from funnbank.index import build_index
from funnbank.loader import load_corpus
from funnbank.model import EnglishFacts, Localized, Study, Theme
from funnbank.render import render_pages
from funnbank.views import counted, related_themes

from conftest import DESKTOP, FIXTURE_CONTENT, PHONE, ROOT, BuiltSite, axe_violations, open_page
from test_exports import read_bibtex, ris_tags

CORPUS = load_corpus(FIXTURE_CONTENT)
ALPHA, BETA = CORPUS.study("alpha-2020"), CORPUS.study("beta-2021")
TEMPLATES = [ROOT / "templates" / "pages"]


def rendered(corpus: Corpus, lang: str) -> dict[str, str]:
    return render_pages(corpus, TEMPLATES, lang)


@pytest.fixture(scope="module")
def md() -> dict[str, dict[str, str]]:
    """The fixture corpus's Markdown, by edition and path."""
    return {lang: rendered(CORPUS, lang) for lang in ("nb", "en")}


def study_page(md: dict[str, dict[str, str]], lang: str, study: Study) -> str:
    return md[lang][pages.study_path(study.id, lang)]


def with_study(study: Study) -> Corpus:
    """The fixture corpus with `study` in place of the study of the same id."""
    studies = tuple(study if s.id == study.id else s for s in CORPUS.studies)
    return Corpus(studies=studies, concepts=CORPUS.concepts, themes=CORPUS.themes)


def section(page: str, anchor: str) -> str:
    """The Markdown of one `##` section, from its heading to the next `##` heading."""
    start = page.index(f"{{: #{anchor} }}")
    following = page.find("\n## ", start)
    return page[start:following if following != -1 else len(page)]


def fact_row(page: str, name: str) -> str:
    return next(line for line in page.splitlines() if line.startswith(f"| {name} |"))


# --- the study page: card first, then summary, findings, recommendations, details ------------------

@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_study_page_answers_first(md: dict[str, dict[str, str]], lang: str) -> None:
    page = study_page(md, lang, ALPHA)
    order = ['class="fb-card"', 'class="fb-on-page"', "{: #sammendrag }", "{: #funn }", "{: #anbefalinger }",
             "{: #fakta }", "{: #forskningssporsmal }", "{: #metode }", "{: #vurdering }", "{: #brukermedvirkning }",
             "{: #begreper }", "{: #temaer }", "{: #siter-studien }"]
    positions = [page.index(marker) for marker in order]
    assert positions == sorted(positions)
    # Everything after the recommendations and before the reference is the details block (hidden in print).
    details = page[page.index('<div class="fb-study-details" markdown>'):page.index("{: #siter-studien }")]
    assert all(marker in details for marker in order[5:12])


@pytest.mark.parametrize(("lang", "line"), [
    ("nb", "Rapport · 2020 · 9 deltakere, 2 fokusgrupper"),
    ("en", "Report · 2020 · 9 participants, 2 focus groups"),
])
def test_the_card_says_what_the_study_is_in_one_line(md: dict[str, dict[str, str]], lang: str, line: str) -> None:
    card = study_page(md, lang, ALPHA).split('<div class="fb-card" markdown>')[1].split("</div>")[0]
    assert f"\n{line}\n{{: .fb-card-facts }}" in card
    # Without a year, a sample size or a way of collecting data the card says only what is known.
    assert "\nMasteroppgave\n{: .fb-card-facts }" in study_page(md, "nb", BETA)


def with_roles(study: Study, *roles: str) -> Study:
    """`study` with its quotes said by `roles` (the last role for the quotes beyond them)."""
    return study.model_copy(update={"quotes": [
        q.model_copy(update={"id": f"q{i + 1}", "speaker_role": roles[min(i, len(roles) - 1)]})
        for i, q in enumerate([*study.quotes, *study.quotes][:max(len(roles), len(study.quotes))])]})


def test_the_card_names_who_is_quoted_in_the_plural_and_counts_one_in_the_singular() -> None:
    interview = [dc.model_copy(update={"method": "individual_interview", "count": 1})
                 for dc in ALPHA.method.data_collection]
    peer_workers = with_roles(ALPHA, "peer_worker").model_copy(update={
        "method": ALPHA.method.model_copy(update={"sample_size": 4, "data_collection": interview})})
    page = rendered(with_study(peer_workers), "nb")[pages.study_path(ALPHA.id)]
    assert "\nRapport · 2020 · 4 erfaringskonsulenter, 1 individuelt intervju\n" in page
    page = rendered(with_study(with_roles(ALPHA, "participant", "staff")), "en")[pages.study_path(ALPHA.id, "en")]
    assert "\nReport · 2020 · 9 participants and staff members, 2 focus groups\n" in page


# --- the original work: on the study page and in every citation format -----------------------------

def test_the_original_link_prefers_the_doi_then_the_handle_then_the_url() -> None:
    assert original_link(ALPHA) == "https://doi.org/10.1234/alfa.2020"
    assert [link.href for link in original_links(ALPHA)] == [
        "https://doi.org/10.1234/alfa.2020", "https://example.org/alfa-rapport"]
    handle = ALPHA.model_copy(update={"doi": None, "handle": "11250/2452525"})
    assert original_link(handle) == "https://hdl.handle.net/11250/2452525"
    assert original_link(ALPHA.model_copy(update={"doi": None})) == "https://example.org/alfa-rapport"
    assert original_link(BETA) is None and original_links(BETA) == []


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_study_page_links_the_original_in_its_card_and_its_facts(md: dict[str, dict[str, str]], lang: str) -> None:
    page = study_page(md, lang, ALPHA)
    card = page.split('<div class="fb-card" markdown>')[1].split("</div>")[0]
    words = STRINGS[lang]["read_original"]
    assert f'<a href="https://doi.org/10.1234/alfa.2020" class="fb-original-link">{words} (doi.org)</a>' in card
    row = fact_row(page, STRINGS[lang]["original_online"])
    assert '<a href="https://doi.org/10.1234/alfa.2020" class="fb-url">https://doi.org/10.1234/alfa.2020</a>' in row
    assert '<a href="https://example.org/alfa-rapport" class="fb-url">https://example.org/alfa-rapport</a>' in row
    beta = study_page(md, lang, BETA)
    assert "fb-original-link" not in beta and f"| {STRINGS[lang]['original_online']} |" not in beta


def test_an_address_with_markdown_characters_stays_one_link() -> None:
    odd = ALPHA.model_copy(update={"doi": None, "url": "https://example.org/a)b*c_d[e]{f}&g"})
    page = rendered(with_study(odd), "nb")[pages.study_path(ALPHA.id)]
    # Raw HTML, the address percent-encoded where a format would break and escaped for the attribute.
    assert '<a href="https://example.org/a)b*c_d[e]%7Bf%7D&amp;g" class="fb-original-link">' in page
    assert "](https://example.org" not in page


def test_every_citation_format_carries_the_original() -> None:
    doi, url = "10.1234/alfa.2020", "https://example.org/alfa-rapport"
    assert apa_reference(ALPHA).endswith(". Et universitet. https://doi.org/10.1234/alfa.2020")
    assert apa_reference(ALPHA, "en").endswith("[The Alpha groups]. Et universitet. https://doi.org/10.1234/alfa.2020")
    fields = read_bibtex(bibtex(ALPHA))[0][2]
    assert fields["doi"] == doi and fields["url"] == url
    tags = ris_tags(ris(ALPHA))
    assert ("DO", doi) in tags and ("UR", url) in tags and tags[-1] == ("ER", "")
    item = json.loads(csl_json(ALPHA))[0]
    assert item["DOI"] == doi and item["URL"] == url
    meta = highwire_tags(ALPHA)
    assert ("citation_doi", doi) in meta and ("citation_public_url", url) in meta
    jsonld = schema_org(ALPHA)
    assert jsonld["url"] == url and jsonld["sameAs"] == [f"https://doi.org/{doi}", url]


def test_the_original_wins_over_the_banks_page_and_a_doi_alone_is_the_url_too() -> None:
    page = "https://example.org/funnbanken/studier/alpha-2020/"
    only_doi = ALPHA.model_copy(update={"url": None})
    assert read_bibtex(bibtex(only_doi, page))[0][2]["url"] == "https://doi.org/10.1234/alfa.2020"
    handle = ALPHA.model_copy(update={"doi": None, "url": None, "handle": "11250/2452525"})
    assert ("UR", "https://hdl.handle.net/11250/2452525") in ris_tags(ris(handle, page))
    assert "DO" not in dict(ris_tags(ris(handle)))
    assert apa_reference(handle).endswith(" https://hdl.handle.net/11250/2452525")
    # Without an address of its own, the study's page in the bank is the URL, as before.
    assert json.loads(csl_json(BETA, page))[0]["URL"] == page
    assert "https://" not in apa_reference(BETA) and "sameAs" not in schema_org(BETA)


def test_a_doi_cannot_break_bibtex() -> None:
    odd = ALPHA.model_copy(update={"doi": "10.1234/a}b{c\\d"})
    fields = read_bibtex(bibtex(odd))[0][2]
    assert fields["doi"] == "10.1234/a%7Db%7Bc%5Cd"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_page_reference_ends_with_the_original(md: dict[str, dict[str, str]], lang: str) -> None:
    cite = section(study_page(md, lang, ALPHA), "siter-studien")
    assert "https://doi.org/10.1234/alfa.2020\n{: .fb-citation }" in cite
    assert "{: .fb-downloads }" in cite


# --- the English edition: the bank's English facts, with the Norwegian original beside them ----------

ORIGINAL = STRINGS["en"]["original_in_source"]


def test_english_facts_are_shown_with_the_norwegian_original_collapsed_and_marked(
        md: dict[str, dict[str, str]]) -> None:
    page = study_page(md, "en", ALPHA)
    english = ALPHA.english
    assert english is not None
    assert f"<br>{english.service} |" in fact_row(page, "Service")
    assert '<span lang="nb">Alfa</span> (Peer group), <span lang="nb">Byen</span>' in fact_row(page, "Service")
    assert fact_row(page, "Sample") == f"| Sample | {english.sample} |"  # no Norwegian sample to keep
    assert fact_row(page, "Analysis") == (
        f'| Analysis | {english.analysis} <details class="fb-original"><summary>{ORIGINAL}</summary>'
        f'<span lang="nb">Tematisk analyse</span></details> |')
    for anchor, summary, original in (("forskningssporsmal", english.aims, "- Hva betyr gruppene for deltakerne?"),
                                      ("metode", english.method, "**Design:** Kvalitativ")):
        part = section(page, anchor)
        opened = f'<details class="fb-original" markdown>\n<summary>{ORIGINAL}</summary>'
        assert part.index(summary) < part.index(opened)
        assert original in part.split('<div lang="nb" markdown>')[1].split("</div>")[0]
        assert "In Norwegian, as in the report." not in part
    assert section(page, "begrensninger").strip().endswith(f"- {english.limitations[0]}")


def test_the_norwegian_edition_shows_the_norwegian_only(md: dict[str, dict[str, str]]) -> None:
    page = study_page(md, "nb", ALPHA)
    assert 'class="fb-original"' not in page and 'lang="nb"' not in page
    assert fact_row(page, "Analyse") == "| Analyse | Tematisk analyse |"
    assert "{: #begrensninger }" not in page  # no limitations in Norwegian; the English summary is for English
    assert ALPHA.english is not None and ALPHA.english.method not in page


def test_without_english_facts_the_norwegian_is_shown_marked_as_such() -> None:
    bare = ALPHA.model_copy(update={"english": None, "limitations": ["Få deltakere."]})
    page = rendered(with_study(bare), "en")[pages.study_path(ALPHA.id, "en")]
    assert fact_row(page, "Analysis") == '| Analysis | <span lang="nb">Tematisk analyse</span> |'
    for anchor in ("forskningssporsmal", "metode", "begrensninger"):
        part = section(page, anchor)
        assert "*In Norwegian, as in the report.*" in part and '<div lang="nb" markdown>' in part
        assert "fb-original" not in part
    # Only some facts in English: each falls back on its own.
    some = ALPHA.model_copy(update={"english": EnglishFacts(method="Two focus groups.")})
    page = rendered(with_study(some), "en")[pages.study_path(ALPHA.id, "en")]
    assert "*In Norwegian, as in the report.*" in section(page, "forskningssporsmal")
    assert "Two focus groups." in section(page, "metode") and "fb-original" in section(page, "metode")


def test_untranslated_titles_and_locations_are_in_the_editions_words(md: dict[str, dict[str, str]]) -> None:
    page = study_page(md, "en", ALPHA)
    assert "### Fellesskap i gruppa {: #fellesskap lang=\"nb\" }" in page  # no title_en: read as Norwegian
    assert "# The Alpha groups {: data-pagefind-body=\"\" }" in page
    assert "<small>Where in the study: p. 1</small>" in section(page, "vurdering")
    assert "(where in the study: ch. 4)" in section(page, "brukermedvirkning")
    assert "Sted i studien: s. 1" in study_page(md, "nb", ALPHA)


# --- on this page ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("kind", ["study", "theme"])
def test_on_this_page_lists_every_section_of_the_page(md: dict[str, dict[str, str]], lang: str, kind: str) -> None:
    path = pages.study_path(ALPHA.id, lang) if kind == "study" else pages.theme_path("tilhorighet", lang)
    page = md[lang][path]
    nav = page.split('<nav class="fb-on-page"')[1].split("</nav>")[0]
    assert f'aria-label="{STRINGS[lang]["on_this_page"]}" data-pagefind-ignore="all"' in nav
    listed = re.findall(r"^- \[(.+)\]\(#([\w-]+)\)$", nav, re.M)
    headings = re.findall(r"^## (.+?) \{: #([\w-]+)", page, re.M)
    assert listed == headings and len(listed) >= 4


# --- the theme page ----------------------------------------------------------------------------------

def glance_box(page: str) -> str:
    return page.split('<div class="fb-glance" markdown>')[1].split("</div>")[0]


@pytest.mark.parametrize(("lang", "lines"), [
    ("nb", ["**Hva vi vet**", "- 2 studier med 9 deltakere i alt (ukjent antall i 1 av studiene)",
            "- Typer studier: rapport (1), masteroppgave (1)", "- Hvem som siteres: deltakere (1 sitat)"]),
    ("en", ["**What we know**", "- 2 studies with 9 participants in all (number unknown in 1 of the studies)",
            "- Kinds of study: report (1), master's thesis (1)", "- Who is quoted: participants (1 quote)"]),
])
def test_a_theme_page_says_what_we_know_first(md: dict[str, dict[str, str]], lang: str, lines: list[str]) -> None:
    page = md[lang][pages.theme_path("arbeid", lang)]
    box = glance_box(page)
    assert [line for line in box.splitlines() if line] == lines
    # The box first; the evidence profiles, the details of the assessment, last.
    order = ['class="fb-glance"', "{: #oppsummering }", "{: #funn }", "{: #beslektede-temaer }", "{: #vurderinger }"]
    positions = [page.index(marker) for marker in order]
    assert positions == sorted(positions)
    recommendations = md[lang][pages.theme_path("tilhorighet", lang)]
    assert recommendations.index("{: #funn }") < recommendations.index("{: #anbefalinger }") \
        < recommendations.index("{: #vurderinger }")


def test_the_box_counts_quotes_by_speaker_role_and_says_what_is_unknown() -> None:
    staff = with_roles(ALPHA, "participant", "staff", "staff")
    box = glance_box(rendered(with_study(staff), "nb")[pages.theme_path("tilhorighet")])
    assert "- Hvem som siteres: ansatte (2 sitater), deltakere (1 sitat)" in box
    assert "- 1 studie med 9 deltakere i alt\n" in box
    # No study gives its size: no number of participants, only that it is unknown.
    unknown = ALPHA.model_copy(update={"method": ALPHA.method.model_copy(update={"sample_size": None})})
    box = glance_box(rendered(with_study(unknown), "en")[pages.theme_path("tilhorighet", "en")])
    assert "- 1 study (number unknown in 1 of the studies)\n" in box


def test_counts_are_most_first_then_in_the_vocabularys_order() -> None:
    assert counted(["staff", "participant", "staff", "peer_worker", "participant"], vocab.SPEAKER_ROLES) == [
        ("participant", 2), ("staff", 2), ("peer_worker", 1)]


def test_related_themes_go_both_ways_once_and_never_to_themselves() -> None:
    def theme(id: str, related: list[str]) -> Theme:
        return CORPUS.themes[0].model_copy(update={"id": id, "related": related})

    themes = [theme("a", ["b", "c"]), theme("b", ["a"]), theme("c", ["c"]), theme("d", ["a"])]
    related = {id: [t.id for t in others] for id, others in related_themes(themes).items()}
    assert related == {"a": ["b", "c", "d"], "b": ["a"], "c": ["a"], "d": ["a"]}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_each_theme_page_points_to_its_related_themes(md: dict[str, dict[str, str]], lang: str) -> None:
    # tilhorighet names arbeid; arbeid names none, but shows tilhorighet, which names it.
    for theme_id, other in (("tilhorighet", "arbeid"), ("arbeid", "tilhorighet")):
        path = pages.theme_path(theme_id, lang)
        part = section(md[lang][path], "beslektede-temaer")
        target = CORPUS.theme(other)
        assert target.tagline is not None
        link = pages.page_link(path, pages.theme_path(other, lang))
        assert f"- [{target.label.in_lang(lang)}]({link}) — {target.tagline.in_lang(lang)}" in part


def test_the_themes_index_gives_each_theme_its_tagline_or_its_description_shortened(
        md: dict[str, dict[str, str]]) -> None:
    index = md["en"][pages.section_path("themes", "en")]
    for theme in CORPUS.themes:
        assert theme.tagline is not None
        assert f"]({pages.page_link(pages.section_path('themes', 'en'), pages.theme_path(theme.id, 'en'))})\n\n" \
               f"{theme.tagline.en}\n" in index
    long = "Et langt tema. " * 30
    untagged = tuple(t.model_copy(update={"tagline": None, "description": Localized(nb=long)}) for t in CORPUS.themes)
    corpus = Corpus(studies=CORPUS.studies, concepts=CORPUS.concepts, themes=untagged)
    index = rendered(corpus, "nb")[pages.section_path("themes")]
    shown = re.findall(r"^## .+\n\n(.+)$", index, re.M)[0]
    assert shown.startswith("Et langt tema. Et langt tema.") and shown.endswith(" …") and len(shown) <= 160


# --- the home page and the lists ---------------------------------------------------------------------

def test_the_english_home_page_names_the_newest_study_in_english(md: dict[str, dict[str, str]]) -> None:
    newest = build_index(CORPUS).studies_newest_first[0]
    assert newest.title_en and newest.short_name and newest.short_name.en
    home = md["en"][pages.section_path("home", "en")]
    assert f"**Newest study:** [{newest.title_en}](" in home
    assert f"- [{newest.short_name.en}](" in section(home, "studier")
    assert newest.title not in home


def test_every_speaker_role_and_data_collection_method_has_its_plural() -> None:
    for lang, strings in STRINGS.items():
        assert all(strings[f"people_{role}"] for role in vocab.SPEAKER_ROLES), lang
        assert all(strings[f"collected_{method}"] for method in vocab.DATA_COLLECTION_METHODS), lang


# --- in the browser: phones, print, accessibility, the collapsed original ----------------------------


STUDY_PAGES = [("nb", "studier/alpha-2020/"), ("en", "en/studies/alpha-2020/")]
THEME_PAGES = [("nb", "temaer/arbeid/"), ("en", "en/themes/arbeid/")]


@pytest.mark.parametrize(("lang", "path"), STUDY_PAGES + THEME_PAGES)
def test_on_this_page_shows_on_phones_only_and_leads_to_its_section(page: Any, fixture_site: BuiltSite,
                                                                     lang: str, path: str) -> None:
    nav = open_page(page, fixture_site, path, DESKTOP).locator("nav.fb-on-page")
    assert not nav.is_visible()
    open_page(page, fixture_site, path, PHONE)
    assert nav.is_visible()
    link = nav.locator("a").nth(1)
    target = link.get_attribute("href")
    link.click()
    assert page.url.endswith(target)
    assert page.locator(f"h2[id='{target[1:]}']").evaluate("h => h.getBoundingClientRect().top") < PHONE["height"]


@pytest.mark.parametrize(("lang", "path"), STUDY_PAGES)
def test_a_study_page_prints_as_findings_quotes_and_reference(page: Any, fixture_site: BuiltSite,
                                                              lang: str, path: str) -> None:
    open_page(page, fixture_site, path, DESKTOP)
    page.emulate_media(media="print")
    for shown in (".fb-card", "#sammendrag", "#funn", "blockquote.fb-quote", "#anbefalinger", ".fb-citation"):
        assert page.locator(shown).first.is_visible(), shown
    for hidden in (".fb-study-details", "#fakta", "#metode", "#vurdering", "#brukermedvirkning", "#begreper",
                   ".fb-downloads", "nav.fb-on-page"):
        assert not page.locator(hidden).first.is_visible(), hidden
    # The card's link to the original prints its address; the citation's address is printed once.
    original = page.locator("a.fb-original-link")
    assert "https://doi.org/" in original.evaluate("a => getComputedStyle(a, '::after').content")


def test_the_norwegian_original_is_collapsed_and_opens(page: Any, fixture_site: BuiltSite) -> None:
    open_page(page, fixture_site, "en/studies/alpha-2020/", DESKTOP)
    method = page.locator("#metode ~ details.fb-original").first
    original = method.locator("[lang=nb]")
    assert not original.is_visible()
    method.locator("summary").click()
    assert original.is_visible() and "Kvalitativ" in original.inner_text()
    cell = page.locator("td details.fb-original").first
    assert cell.locator("summary").inner_text() == ORIGINAL
    assert not cell.locator("[lang=nb]").is_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(("lang", "path"), STUDY_PAGES + THEME_PAGES + [("nb", "temaer/"), ("en", "en/themes/")])
def test_no_axe_violations(page: Any, fixture_site: BuiltSite, lang: str, path: str, viewport: dict[str, int]) -> None:
    open_page(page, fixture_site, path, viewport)
    for details in page.locator("details.fb-original").all():
        details.evaluate("d => d.open = true")  # the original's text is checked too
    assert axe_violations(page) == []


@pytest.mark.parametrize(("lang", "path"), STUDY_PAGES + THEME_PAGES)
def test_nothing_is_wider_than_a_phone(page: Any, fixture_site: BuiltSite, lang: str, path: str) -> None:
    open_page(page, fixture_site, path, PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
