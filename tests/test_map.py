"""The knowledge map (issue 16): readable on a phone and a desktop, with a scale that is not colour
alone, gaps shown as gaps, numbers in the singular or the plural, short study names over the columns,
and a page that stays small at 1,000 studies.

The browser tests open the built sites in Chromium: the fixture site, where every cell's numbers are
checked against the corpus, and the real content at phone and desktop size.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from funnbank import knowledgemap, names, pages, views
from funnbank.backlinks import Backlinks
from funnbank.i18n import strings
from funnbank.index import build_index
from funnbank.loader import load_corpus
from funnbank.model import title_in

from conftest import CONTENT, DESKTOP, FIXTURE_CONTENT, PHONE, ROOT, BuiltSite, axe_violations

FIXTURE = load_corpus(FIXTURE_CONTENT)
REAL = load_corpus(CONTENT)
MAP = {"nb": "kunnskapskart/", "en": "en/knowledge-map/"}
# The map stays a small page whatever the number of studies (HTML; Material adds about 30 KB to the Markdown).
MAX_MAP_KB = 500


# --- without a browser ------------------------------------------------------------------------------

def test_a_gap_is_a_study_with_no_finding_and_no_quote() -> None:
    assert knowledgemap.is_gap(None) and knowledgemap.is_gap((0, 0))
    assert not knowledgemap.is_gap((0, 1)) and not knowledgemap.is_gap((1, 0))


def test_a_bar_is_as_long_as_its_share_of_the_largest_and_hidden_from_screen_readers() -> None:
    half = knowledgemap.bar(3, 6)
    assert "--fb-share: 0.50" in half and 'aria-hidden="true"' in half
    assert "--fb-share: 1.00" in knowledgemap.bar(6, 6)
    assert knowledgemap.bar(0, 6) == "" and knowledgemap.bar(2, 0) == ""


def map_markdown(corpus_dir: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The knowledge map's Markdown for the corpus in `corpus_dir`, rendered alone."""
    from funnbank.render import render_pages

    plan = pages.plan_pages
    monkeypatch.setattr(pages, "plan_pages",
                        lambda *a, **k: [p for p in plan(*a, **k) if p.key == ("section", "knowledge_map")])
    [markdown] = render_pages(load_corpus(corpus_dir), [ROOT / "templates" / "pages"], lang).values()
    return markdown


def test_the_map_stays_small_at_a_thousand_studies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from funnbank.synth import write_synthetic_corpus

    write_synthetic_corpus(1000, tmp_path)
    markdown = map_markdown(tmp_path, "nb", monkeypatch)
    assert len(markdown.encode()) < (MAX_MAP_KB - 100) * 1024
    columns = re.findall(r'<th scope="col"><a href="\.\./studier/', markdown)
    assert len(columns) == 2 * views.MAP_COLUMNS  # each study table: the newest MAP_COLUMNS studies
    assert strings("nb").map_newest.replace("{n}", str(views.MAP_COLUMNS)) in markdown
    # The MAP_ROWS themes used by most studies have rows (46 themes at 1,000 studies, 406 at 10,000);
    # the page says so and leads to the list of them all.
    corpus = load_corpus(tmp_path)
    shown = {theme.id for theme in corpus.themes if f"(temaer/{theme.id}.md)" in markdown}
    assert len(corpus.themes) > views.MAP_ROWS and len(shown) == views.MAP_ROWS
    used = {theme.id: len(build_index(corpus).backlinks.studies_by_theme[theme.id]) for theme in corpus.themes}
    assert min(used[id] for id in shown) >= max(n for id, n in used.items() if id not in shown)
    assert strings("nb").map_limited in markdown and "(temaer/index.md)" in markdown


# --- in Chromium -----------------------------------------------------------------------------------

def open_map(page: Any, site: BuiltSite, lang: str, viewport: dict[str, int]) -> Any:
    page.set_viewport_size(viewport)
    page.goto(site.url + MAP[lang])
    page.wait_for_load_state("networkidle")
    return page


def expected_cell(backlinks: Backlinks, kind: str, item_id: str, study_id: str) -> tuple[int, int]:
    findings = getattr(backlinks, f"findings_by_{kind}")[item_id].for_study(study_id)
    quotes = getattr(backlinks, f"quotes_by_{kind}")[item_id].for_study(study_id)
    return len(findings), len(quotes)


def counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_cell_gives_its_numbers_in_words_and_a_gap_is_a_gap(page: Any, fixture_site: BuiltSite,
                                                                   lang: str) -> None:
    t = strings(lang)
    backlinks = build_index(FIXTURE).backlinks
    open_map(page, fixture_site, lang, DESKTOP)
    seen: set[str] = set()
    for kind, section in (("theme", "temaer"), ("concept", "begreper")):
        table = page.locator(f"table[aria-labelledby='{section}-per-studie']")
        studies = [a.get_attribute("href").split("/")[-2] for a in table.locator("thead a").all()]
        assert studies == [s.id for s in FIXTURE.studies]
        for row in table.locator("tbody tr").all():
            item_id = row.locator("th a").get_attribute("href").rstrip("/").split("/")[-1]
            for study_id, cell in zip(studies, row.locator("td").all(), strict=True):
                findings, quotes = expected_cell(backlinks, kind, item_id, study_id)
                if findings == quotes == 0:
                    assert cell.get_attribute("class") == "fb-gap"
                    assert cell.locator("[aria-hidden='true']").text_content() == "–"
                    assert cell.locator(".fb-sr").text_content() == t.no_findings
                    continue
                words = " ".join(cell.locator("a").text_content().split())
                expected = (f"{counted(findings, t.kind_finding, t.findings_count)}, "
                            f"{counted(quotes, t.kind_quote, t.quotes_count)}")
                assert words == expected
                seen.add(words.split(", ")[1])
    # The fixture has a cell with one quote and one with several: both forms were checked.
    assert {f"1 {t.kind_quote}", f"2 {t.quotes_count}"} <= seen


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_columns_are_headed_by_short_names_with_the_full_title(page: Any, real_site: BuiltSite,
                                                                  lang: str) -> None:
    open_map(page, real_site, lang, DESKTOP)
    newest = build_index(REAL).map_studies
    headers = page.locator("table.fb-map-studies").first.locator("thead a").all()
    assert [a.text_content() for a in headers] == [names.short_name(s, lang) for s in newest]
    for a, study in zip(headers, newest, strict=True):
        title = title_in(study, lang)
        assert a.get_attribute("title") == (title if title != names.short_name(study, lang) else None)


# Every word of the map's tables, as the lines it is laid out on: more than one line is a word broken.
# A line may end after a hyphen ("RoSe-" / "gruppene"), so each part between hyphens is a word here.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const table of document.querySelectorAll('table.fb-map')) {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.getClientRects().length) continue;  // not shown at this size
      for (const match of node.textContent.matchAll(/[^\\s\\-–]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_no_word_is_broken_and_the_page_does_not_scroll_sideways(page: Any, real_site: BuiltSite, lang: str,
                                                                  viewport: dict[str, int]) -> None:
    open_map(page, real_site, lang, viewport)
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.browser
def test_on_a_phone_each_theme_is_a_block_with_a_line_per_study(page: Any, real_site: BuiltSite) -> None:
    open_map(page, real_site, "nb", PHONE)
    table = page.locator("table[aria-labelledby='temaer-per-studie']")
    assert table.locator("thead").is_hidden()
    row = table.locator("tbody tr").first
    labels = row.locator(".fb-map-label").all()
    assert [label.text_content() for label in labels] == [names.short_name(s, "nb")
                                                          for s in build_index(REAL).map_studies]
    assert all(label.is_visible() for label in labels)
    # The whole table is no wider than the screen: read down, not across.
    assert table.bounding_box()["width"] <= PHONE["width"]
    open_map(page, real_site, "nb", DESKTOP)
    assert table.locator("thead").is_visible() and not row.locator(".fb-map-label").first.is_visible()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_map_passes_axe_with_wcag_2_2(page: Any, real_site: BuiltSite, lang: str,
                                          viewport: dict[str, int]) -> None:
    open_map(page, real_site, lang, viewport)
    assert axe_violations(page) == []
