"""The three reader tasks of issue 16, end to end in Chromium, tap by tap, as readers do them.

- A municipal nurse on a phone: "How do peer workers help people into activity and work?"
- A researcher: "Two participant quotes about hope, with their source" (and a citation to paste).
- A policymaker at a desk: "Which recommendations are aimed at municipalities, on belonging?"

Each task starts on the home page and counts the reader's steps: a tap on a link, tab, menu or button,
a choice in a filter, a typed query, a key press. Reading and scrolling are not steps. Each test runs
at 390×844 and 1280×900 in both editions and asserts the answer is on screen and the number of steps:
a change that makes a task longer fails here. The tasks use the real content (the study, theme and
terms the readers asked about), so they skip on other content.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from funnbank import pages, vocab
from funnbank.loader import load_corpus
from funnbank.model import title_in
from funnbank.names import location_in, short_name

from conftest import CONTENT, SIZES, BuiltSite, open_page

CORPUS = load_corpus(CONTENT)
PEER_STUDY, WORK, HOPE, BELONGING = "erfaringskonsulenter-2020", "veien-til-arbeid", "haap-og-bedring", "tilhorighet-og-fellesskap"
BRIDGE = "brobygger-til-aktivitet"  # the peer-worker study's finding on building bridges to activity
if not {PEER_STUDY} <= {s.id for s in CORPUS.studies} or not {WORK, HOPE, BELONGING} <= {t.id for t in CORPUS.themes}:
    pytest.skip("the reader tasks are about the real content's studies and themes", allow_module_level=True)

LANGS = ("nb", "en")
ROOT = {"nb": "", "en": "en/"}
NAV = {"nb": {"themes": "Temaer", "quotes": "Sitatbank", "recommendations": "Anbefalinger"},
       "en": {"themes": "Themes", "quotes": "Quote bank", "recommendations": "Recommendations"}}
CASES = [(lang, size) for lang in LANGS for size in SIZES]
IDS = [f"{lang}-{size}" for lang, size in CASES]


class Reader:
    """A reader on the site: every action that is a step counts one."""

    def __init__(self, page: Any, site: BuiltSite, lang: str, size: str) -> None:
        self.page, self.site, self.lang, self.size = page, site, lang, size
        self.steps: list[str] = []
        open_page(page, site, ROOT[lang], SIZES[size])

    def _step(self, what: str) -> None:
        self.steps.append(what)

    def tap(self, locator: Any, what: str) -> None:
        locator.click()
        self.page.wait_for_load_state("networkidle")
        self._step(f"tap {what}")

    def menu(self, section: str) -> None:
        """Go to a section from the navigation: its tab on a desktop, the menu and then the entry on a phone."""
        name = NAV[self.lang][section]
        if self.size == "phone":
            self.tap(self.page.locator(".md-header label[for=__drawer]"), "the menu")
            # The section's entry, not the home page's own table of contents shown under its entry.
            entries = self.page.locator(".md-nav--primary a.md-nav__link:not([href^='#'])")
            self.tap(entries.filter(has_text=re.compile(rf"^\s*{re.escape(name)}\s*$")).first, name)
        else:
            self.tap(self.page.locator(".md-tabs").get_by_role("link", name=name, exact=True), name)

    def choose(self, select: Any, value: str, what: str) -> None:
        select.select_option(value)
        self._step(f"choose {what}")

    def search(self, query: str) -> None:
        """Type a query in the header search and press Enter (on a phone the search opens with a tap first)."""
        if self.size == "phone":
            self.tap(self.page.locator(".md-header label[for=__search]").first, "search")
        box = self.page.locator(".md-search__input")
        box.fill(query)
        self._step(f"type {query!r}")
        box.press("Enter")
        self.page.wait_for_load_state("networkidle")
        self._step("press Enter")


def _in_view(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    return bool(box) and 0 <= box["y"] < page.viewport_size["height"]


# --- 1. How do peer workers help people into activity and work? ----------------------------------------

@pytest.mark.parametrize(("lang", "size"), CASES, ids=IDS)
def test_peer_workers_into_activity_and_work_by_theme(page: Any, real_site: BuiltSite, lang: str, size: str) -> None:
    """Themes → The road to work → the peer-worker study's finding on building bridges to activity."""
    reader = Reader(page, real_site, lang, size)
    theme, study = CORPUS.theme(WORK), CORPUS.study(PEER_STUDY)
    finding = next(f for f in study.findings if f.id == BRIDGE)
    reader.menu("themes")
    reader.tap(page.locator("article").get_by_role("link", name=theme.label.in_lang(lang), exact=True), "the theme")
    # The theme page lists the peer-worker study among its studies, with its finding.
    card = page.locator(f"section.fb-study-card:has(h3[id='{PEER_STUDY}'])")
    assert short_name(study, lang) in card.locator("h3").inner_text()
    reader.tap(card.get_by_role("link", name=title_in(finding, lang), exact=True), "the finding")
    assert page.url.endswith(pages.url_from_root(pages.study_path(PEER_STUDY, lang), lang) + f"#{BRIDGE}")
    assert _in_view(page, page.locator(f"[id='{BRIDGE}']"))
    assert len(reader.steps) == {"phone": 4, "desktop": 3}[size], reader.steps


@pytest.mark.parametrize(("lang", "size"), CASES, ids=IDS)
def test_peer_workers_into_activity_and_work_by_search(page: Any, real_site: BuiltSite, lang: str, size: str) -> None:
    """Search `erfaringskonsulent arbeid` (`peer worker work`): the study is the first result; one tap opens it."""
    reader = Reader(page, real_site, lang, size)
    reader.search("erfaringskonsulent arbeid" if lang == "nb" else "peer worker work")
    page.wait_for_selector(".fb-result")
    first = page.locator(".fb-result").first
    assert _in_view(page, first), "the results come before the filters"
    reader.tap(first.locator("a").first, "the first result")
    assert f"/{pages.kind_folder('study', lang)}/{PEER_STUDY}/" in page.url
    assert len(reader.steps) == {"phone": 4, "desktop": 3}[size], reader.steps


# --- 2. Two participant quotes about hope, with their source -------------------------------------------

@pytest.mark.parametrize(("lang", "size"), CASES, ids=IDS)
def test_two_participant_quotes_about_hope_with_their_source(page: Any, real_site: BuiltSite, lang: str,
                                                            size: str) -> None:
    """Quote bank → Hope and recovery → speaker: participant → copy a quote with its citation."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    reader = Reader(page, real_site, lang, size)
    reader.menu("quotes")
    reader.tap(page.locator("article").get_by_role("link", name=CORPUS.theme(HOPE).label.in_lang(lang), exact=True),
               "the theme")
    reader.choose(page.locator("select[name=role]"), "participant", "the speaker role")
    shown = page.locator("blockquote.fb-quote[data-role=participant]:visible")
    assert shown.count() >= 2
    assert page.locator("blockquote.fb-quote:visible").count() == shown.count()  # only participants
    for k in range(2):
        quote = shown.nth(k)
        source = quote.locator(".fb-quote-source").inner_text()
        study = CORPUS.study(quote.get_attribute("data-study") or "")
        said = next(q for q in study.quotes if q.id == (quote.get_attribute("data-cite-href") or "").split("#")[1])
        assert vocab.SPEAKER_ROLES["participant"].in_lang(lang) in source  # who speaks
        assert location_in(said.location, lang) in source  # where in the report ("s. 12" / "p. 12")
        assert quote.locator("xpath=preceding::h2[1]").inner_text().startswith(short_name(study, lang))  # which study
    first = shown.first
    reader.tap(first.get_by_role("button"), "copy quote with citation")
    page.wait_for_function("() => document.getElementById('fb-announce')?.textContent")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("«" if lang == "nb" else "“") and re.search(r"\(\w.*, \d{4}, ", copied)  # (Author, year, …
    assert f"/{pages.kind_folder('study', lang)}/" in copied and "#" in copied  # the link to the quote
    assert len(reader.steps) == {"phone": 5, "desktop": 4}[size], reader.steps


# --- 3. Which recommendations are aimed at municipalities, on belonging? -------------------------------

@pytest.mark.parametrize(("lang", "size"), CASES, ids=IDS)
def test_recommendations_for_municipalities_on_belonging(page: Any, real_site: BuiltSite, lang: str,
                                                        size: str) -> None:
    """Recommendations → audience: municipal services → theme: belonging; each listed once, labelled."""
    reader = Reader(page, real_site, lang, size)
    reader.menu("recommendations")
    kinds = page.locator("article").inner_text()
    assert all(word in kinds for word in (("Anbefaling:", "Konklusjon:", "Implikasjon:") if lang == "nb"
                                          else ("Recommendation:", "Conclusion:", "Implication:")))
    reader.choose(page.locator("select[name=audience]"), "municipal-services", "the audience")
    reader.choose(page.locator("select[name=theme]"), BELONGING, "the theme")
    shown = page.locator(".fb-filter-item:visible")
    assert shown.count() >= 1
    audience = "Kommunale tjenester" if lang == "nb" else "Municipal services"
    theme = CORPUS.theme(BELONGING).label.in_lang(lang)
    texts = [shown.nth(k).inner_text() for k in range(shown.count())]
    assert all(audience.lower() in text.lower() and theme in text for text in texts)
    assert len(set(texts)) == len(texts)  # each once
    assert len(reader.steps) == {"phone": 4, "desktop": 3}[size], reader.steps
