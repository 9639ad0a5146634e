"""Review findings as readers meet them: each theme page's summary table (Summary of Qualitative
Findings) and evidence profiles, the page of all review findings with its filter, the method page
("Slik vurderer vi") and the confidence labels that link to it.

The Markdown tests read the fixture corpus's generated pages; the browser tests run the built fixture
site in Chromium. Expectations are read from the fixture corpus, so they hold for what it holds.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from funnbank import pages, vocab
from funnbank.linkcheck import check_site
from funnbank.loader import load_corpus
from funnbank.levels import CONCERN, CONFIDENCE, level_anchor
from funnbank.index import build_index
from funnbank.model import Theme, title_in
from funnbank.pipeline import Paths, generate
from funnbank.render import final_link

from conftest import DESKTOP, FIXTURE_CONTENT, PHONE, BuiltSite, axe_violations, open_page

CORPUS = load_corpus(FIXTURE_CONTENT)
REVIEWED = [(theme, rf) for theme in CORPUS.themes for rf in theme.review_findings]
LANGS = ("nb", "en")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture corpus's generated Markdown, by edition."""
    paths = Paths(content=FIXTURE_CONTENT, docs=tmp_path_factory.mktemp("review-docs") / "docs")
    generate(CORPUS, paths)
    return {lang: paths.edition_docs(lang) for lang in LANGS}


def read(docs: dict[str, Path], lang: str, path: str) -> str:
    return (docs[lang] / path).read_text(encoding="utf-8")


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def test_the_fixture_has_what_these_tests_need() -> None:
    assert all(theme.review_findings for theme in CORPUS.themes)
    one_study = [rf for _, rf in REVIEWED if len({ref.study for ref in rf.findings}) == 1]
    assert one_study and all(rf.components.adequacy.level == "moderate" for rf in one_study)
    assert any(ref.relation == "contradicts" for _, rf in REVIEWED for ref in rf.findings)
    assert len({rf.confidence for _, rf in REVIEWED}) >= 2  # the filter has something to narrow


# --- the theme page ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_table_gives_each_review_finding_its_confidence_and_the_exact_study_findings(
        docs: dict[str, Path], lang: str) -> None:
    for theme in CORPUS.themes:
        path = pages.theme_path(theme.id, lang)
        page = read(docs, lang, path)
        table = between(page, "{: #oppsummering }", "{: #vurderinger }")
        rows = [line for line in table.splitlines() if line.startswith("| ") and "fb-cell-label" in line]
        assert len(rows) == len(theme.review_findings)
        for rf, row in zip(theme.review_findings, rows, strict=True):
            assert f"](#{rf.id})" in row  # to its evidence profile
            assert vocab.CONFIDENCE_LEVELS[rf.confidence].in_lang(lang) in row
            assert f'#{level_anchor("confidence", rf.confidence)}"' in row  # the label links to the method page
            for ref in rf.findings:
                link = pages.page_link(path, pages.study_path(ref.study, lang), ref.finding)
                assert f"]({link})" in row, (rf.id, ref)
                assert f"({vocab.FINDING_RELATIONS[ref.relation].in_lang(lang).lower()})" in row
        # The bank's own assessment, said so and linked to the method page.
        assert "Funnbankens vurdering" in table if lang == "nb" else "Funnbanken's assessment" in table
        assert f"]({pages.page_link(path, pages.section_path('how_we_assess', lang))})" in table


@pytest.mark.parametrize("lang", LANGS)
def test_each_review_finding_has_an_evidence_profile_at_its_anchor(docs: dict[str, Path], lang: str) -> None:
    for theme in CORPUS.themes:
        path = pages.theme_path(theme.id, lang)
        page = read(docs, lang, path)
        for i, rf in enumerate(theme.review_findings):
            assert page.count(f"{{: #{rf.id} ") == 1  # the heading's attribute list: its id, then its TOC label
            profile = page[page.index(f"{{: #{rf.id} "):]
            if i + 1 < len(theme.review_findings):
                profile = profile[:profile.index(f"{{: #{theme.review_findings[i + 1].id} ")]
            profile = profile[:profile.index("</section>")]
            for name in vocab.CERQUAL_COMPONENTS:
                component = getattr(rf.components, name)
                row = next(line for line in profile.splitlines() if f"#{name.replace('_', '-')})" in line)
                assert vocab.CERQUAL_COMPONENTS[name].in_lang(lang) in row
                assert vocab.CONCERN_LEVELS[component.level].in_lang(lang) in row
                assert f'#{level_anchor("concern_level", component.level)}"' in row
            assert vocab.CONFIDENCE_LEVELS[rf.confidence].in_lang(lang) in profile
            for ref in rf.findings:
                study = CORPUS.study(ref.study)
                finding = next(f for f in study.findings if f.id == ref.finding)
                assert f"[{title_in(finding, lang)}]({pages.page_link(path, pages.study_path(study.id, lang), finding.id)})" \
                    in profile
                quotes = [q for q in study.quotes if q.finding == finding.id]
                if quotes:  # one quote: the finding's first (an HTML fragment, issue 18: its link is the final URL)
                    assert f'· <a href="{final_link(path, pages.study_path(study.id, lang), quotes[0].id)}">' \
                        f'{title_in(study, lang)}</a>' in profile
                    assert all(f'#{q.id}"' not in profile for q in quotes[1:])
        # A quote shown again in a profile has no id: the ids of the page stay unique.
        ids = re.findall(r'id="([^"]+)"', page) + re.findall(r"\{: #([a-z0-9-]+) \}", page)
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_a_theme_page_groups_its_recommendations_by_audience(docs: dict[str, Path]) -> None:
    recommended = build_index(CORPUS).recommendations_by_theme
    theme = next(t for t in CORPUS.themes if recommended[t.id])
    page = read(docs, "nb", pages.theme_path(theme.id, "nb"))
    section = page[page.index("{: #anbefalinger }"):]
    headings = re.findall(r"^### (.+) \{: #([a-z-]+) \}$", section, re.M)
    assert headings and all(label == vocab.AUDIENCES[anchor.replace("-", "_")].nb for label, anchor in headings)


# --- the page of all review findings ----------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_across_studies_page_lists_every_review_finding(docs: dict[str, Path], lang: str) -> None:
    path = pages.section_path("review_findings", lang)
    page = read(docs, lang, path)
    by_confidence = between(page, "{: #etter-tillit }", "<section")
    for theme, rf in REVIEWED:
        entry = page[page.index(f'id="{rf.id}"'):]
        entry = entry[:entry.index("</div>")]
        assert f'data-confidence="{level_anchor("confidence", rf.confidence)}" data-theme="{theme.id}"' in entry
        assert vocab.CONFIDENCE_LEVELS[rf.confidence].in_lang(lang) in entry
        studies = len({ref.study for ref in rf.findings})
        assert re.search(rf" · {studies} \w+ · ", entry)
        assert f"]({pages.page_link(path, pages.theme_path(theme.id, lang), rf.id)})" in entry  # its evidence profile
        assert f"](#{rf.id})" in by_confidence
    for theme in CORPUS.themes:
        assert f"## [{theme.label.in_lang(lang)}]({pages.page_link(path, pages.theme_path(theme.id, lang))})" in page
    # The filter's boxes: one per level and per theme that has review findings, hidden until the script runs.
    assert '<div class="fb-rf-filters" hidden markdown>' in page
    levels = {rf.confidence for _, rf in REVIEWED}
    assert set(re.findall(r'name="confidence" value="([a-z-]+)"', page)) == {level_anchor("confidence", c) for c in levels}
    assert re.findall(r'name="theme" value="([a-z0-9-]+)"', page) == [t.id for t in CORPUS.themes if t.review_findings]


# --- the method page --------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_method_page_explains_every_level_at_its_anchor_and_cites_its_sources(
        docs: dict[str, Path], lang: str) -> None:
    page = read(docs, lang, pages.section_path("how_we_assess", lang))
    for scale in (CONFIDENCE, CONCERN):
        for level, label in scale.labels.items():
            assert f"### {label.in_lang(lang)} {{: #{level_anchor(scale.name, level)} }}" in page
    for component, label in vocab.CERQUAL_COMPONENTS.items():
        assert f"### {label.in_lang(lang)} {{: #{component.replace('_', '-')} }}" in page
    for question in vocab.CASP_QUESTIONS.values():
        assert f"1. {question.in_lang(lang)}" in page
    assert "Lewin S, Booth A, Glenton C, et al. Applying GRADE-CERQual to qualitative evidence synthesis findings:" in page
    assert "*Implementation Science* 2018;13(Suppl 1):2." in page
    assert "Critical Appraisal Skills Programme (CASP). CASP Qualitative Studies Checklist." in page
    assert ("Funnbankens egne" if lang == "nb" else "Funnbanken's own") in page


# --- the built pages --------------------------------------------------------------------------

HOSTILE = next(rf for _, rf in REVIEWED if "<b>" in rf.statement.nb)


def test_a_statement_shows_as_the_characters_written(fixture_site: BuiltSite) -> None:
    theme = next(t for t, rf in REVIEWED if rf is HOSTILE)
    for lang, root in (("nb", ""), ("en", "en/")):
        shown = html.escape(HOSTILE.statement.in_lang(lang), quote=False)
        for path in (pages.page_url(pages.theme_path(theme.id, lang)),
                     pages.page_url(pages.section_path("review_findings", lang))):
            built = (fixture_site.path / root / path / "index.html").read_text(encoding="utf-8")
            assert shown in built, path
            assert "<b>" not in built and 'href="javascript:' not in built


def test_every_link_of_the_fixture_site_resolves(fixture_site: BuiltSite) -> None:
    # The labels' links are raw HTML, which MkDocs does not check: this does, anchors included.
    assert check_site(fixture_site.path) == []


# --- in Chromium ------------------------------------------------------------------------------


def visible_entries(page: Any) -> list[str]:
    return [e.get_attribute("id") for e in page.locator(".fb-rf-entry").all() if e.is_visible()]


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_confidence_and_theme_filter_hides_and_shows_entries(
        page: Any, fixture_site: BuiltSite, viewport: dict[str, int]) -> None:
    open_page(page, fixture_site, "funn-pa-tvers/", viewport)
    every = sorted(rf.id for _, rf in REVIEWED)
    assert sorted(visible_entries(page)) == every
    status = page.locator(".fb-rf-status")
    assert status.text_content() == f"Viser {len(every)} av {len(every)} funn på tvers"
    boxes = page.locator(".fb-rf-filters input[type=checkbox]")
    for box in boxes.all():  # WCAG 2.2 target size
        size = box.bounding_box()
        assert size and size["width"] >= 24 and size["height"] >= 24
    # A level that is all of some theme's, so unticking it hides that theme's section.
    level = next(rf.confidence for t in CORPUS.themes for rf in t.review_findings
                 if {r.confidence for r in t.review_findings} == {rf.confidence})
    box = page.locator(f"input[name=confidence][value={level_anchor('confidence', level)}]")
    box.click()
    kept = sorted(rf.id for _, rf in REVIEWED if rf.confidence != level)
    assert sorted(visible_entries(page)) == kept
    assert status.text_content() == f"Viser {len(kept)} av {len(every)} funn på tvers"
    # A theme none of whose entries is left is hidden whole, heading included.
    shown = [t.id for t in CORPUS.themes if page.locator(f"#tema-{t.id}").is_visible()]
    assert shown == [t.id for t in CORPUS.themes if any(rf.confidence != level for rf in t.review_findings)]
    assert len(shown) < len(CORPUS.themes)
    box.click()
    assert sorted(visible_entries(page)) == every
    # The theme filter: only the first theme's entries.
    for other in CORPUS.themes[1:]:
        page.locator(f"input[name=theme][value={other.id}]").click()
    assert sorted(visible_entries(page)) == sorted(rf.id for rf in CORPUS.themes[0].review_findings)
    # Nothing ticked: nothing shown, and the status says so.
    page.locator(f"input[name=theme][value={CORPUS.themes[0].id}]").click()
    assert visible_entries(page) == [] and status.text_content().startswith("Ingen funn på tvers passer")


@pytest.mark.browser
def test_without_javascript_every_entry_shows_and_the_boxes_do_not(browser: Any, fixture_site: BuiltSite) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = open_page(context.new_page(), fixture_site, "funn-pa-tvers/", DESKTOP)
    assert sorted(visible_entries(page)) == sorted(rf.id for _, rf in REVIEWED)
    assert not page.locator(".fb-rf-filters").is_visible()
    assert page.locator("#etter-tillit").is_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "root"), [("nb", ""), ("en", "en/")])
def test_a_confidence_label_leads_to_its_explanation_on_the_method_page(
        page: Any, fixture_site: BuiltSite, lang: str, root: str) -> None:
    theme, rf = REVIEWED[0]
    page.goto(fixture_site.url + root + pages.page_url(pages.theme_path(theme.id, lang)))
    label = page.locator("a.fb-level--confidence").first
    assert label.locator(".fb-level__shapes").get_attribute("aria-hidden") == "true"
    assert label.inner_text().endswith(vocab.CONFIDENCE_LEVELS[rf.confidence].in_lang(lang))
    label.click()
    anchor = level_anchor("confidence", rf.confidence)
    page.wait_for_url(f"**/{pages.page_url(pages.section_path('how_we_assess', lang))}#{anchor}")
    target = page.locator(f"[id='{anchor}']")
    assert target.evaluate("el => el.matches(':target')")
    assert target.inner_text().startswith(vocab.CONFIDENCE_LEVELS[rf.confidence].in_lang(lang))
    assert urlsplit(page.url).fragment == anchor


@pytest.mark.browser
def test_a_theme_page_prints_as_a_brief(page: Any, fixture_site: BuiltSite) -> None:
    recommended = build_index(CORPUS).recommendations_by_theme
    theme = next(t for t in CORPUS.themes if t.review_findings and recommended[t.id])
    page.goto(fixture_site.url + pages.page_url(pages.theme_path(theme.id)))
    page.emulate_media(media="print")
    assert page.locator(".fb-soqf table").is_visible()
    assert page.locator("#anbefalinger").is_visible()
    for hidden in (".fb-evidence", ".fb-theme-studies", ".fb-profile-link"):
        assert not page.locator(hidden).first.is_visible(), hidden


def review_pages() -> list[tuple[str, str]]:
    theme: Theme = REVIEWED[0][0]
    return [(f"{name}-{lang}", root + pages.page_url(path))
            for lang, root in (("nb", ""), ("en", "en/"))
            for name, path in (("theme", pages.theme_path(theme.id, lang)),
                               ("across", pages.section_path("review_findings", lang)),
                               ("method", pages.section_path("how_we_assess", lang)))]


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(("name", "path"), review_pages(), ids=[name for name, _ in review_pages()])
def test_no_axe_violations(page: Any, fixture_site: BuiltSite, name: str, path: str,
                           viewport: dict[str, int]) -> None:
    open_page(page, fixture_site, path, viewport)
    assert axe_violations(page) == []
