"""Links between the editions, clicked as a reader clicks them: downloads download, pages open.

The English edition links to files that live once, in the Norwegian edition's folders (open data,
citation files), and every page links to the same page in the other edition. A fetch of those URLs
proves nothing about a click: Material once redirected such clicks to another page (see
`keepLinksAsWritten` in funnbank.js), so every test here clicks.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from funnbank.citation import CITATION_FORMATS
from funnbank.datadocs import DATA_FILES

from conftest import BuiltSite

pytestmark = pytest.mark.browser

EDITIONS = {"nb": "", "en": "en/"}
STUDY = {"nb": "studier/alpha-2020/", "en": "en/studies/alpha-2020/"}  # a study of the fixture corpus
DATA = {"nb": "data/", "en": "en/data/"}


def _click_download(page, link) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    """Click `link`; return the downloaded file's name and bytes (fails if nothing downloads)."""
    href = urljoin(page.url, link.get_attribute("href"))
    with page.expect_download(timeout=5000) as download:
        link.click()
    path = download.value.path()
    assert path is not None
    assert download.value.url == href
    return download.value.suggested_filename, Path(path).read_bytes()


def _served(site: BuiltSite, url: str) -> bytes:
    return (site.path / urlsplit(url).path.lstrip("/")).read_bytes()


def _each_downloads_from(page, site: BuiltSite, start: str, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    """On the page at `start`, the one link to each file in `names`, clicked, delivers that file and
    leaves the reader where they were."""
    for name in names:
        page.goto(site.url + start)
        # The one link whose address ends in exactly this file name (`findings.csv`, not `review_findings.csv`).
        hrefs = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
        indexes = [i for i, href in enumerate(hrefs) if href.rsplit("/", 1)[-1] == name]
        assert len(indexes) == 1, name
        link = page.locator("article a[href]").nth(indexes[0])
        href = urljoin(page.url, link.get_attribute("href"))
        filename, data = _click_download(page, link)
        assert filename == name
        assert data == _served(site, href) and data
        assert page.url == site.url + start, f"clicking {name} left the page"


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_data_file_downloads_when_clicked(page, fixture_site: BuiltSite, lang: str) -> None:  # type: ignore[no-untyped-def]
    _each_downloads_from(page, fixture_site, DATA[lang], [path.rsplit("/", 1)[-1] for path in DATA_FILES])


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_citation_format_downloads_when_clicked(page, fixture_site: BuiltSite, lang: str) -> None:  # type: ignore[no-untyped-def]
    _each_downloads_from(page, fixture_site, STUDY[lang], list(CITATION_FORMATS))


def _pages(site: BuiltSite) -> list[str]:
    """Every built page's path from the site's root, in both editions."""
    return sorted(p.parent.relative_to(site.path).as_posix().removeprefix(".") + "/"
                  for p in site.path.rglob("index.html") if "pagefind" not in p.parts)


def _edition(url: str, site: BuiltSite) -> str:
    return "en" if url.startswith(site.url + "en/") else "nb"


def test_every_cross_edition_link_goes_where_it_says_when_clicked(page, fixture_site: BuiltSite) -> None:  # type: ignore[no-untyped-def]
    """Every kind of link from one edition into the other, on every page: the language switch opens the
    same page in the other edition, and a file link downloads that file."""
    crossing: dict[str, str] = {}  # each distinct target, and one page that links to it
    for path in _pages(fixture_site):
        page.goto(fixture_site.url + path.lstrip("/"))
        here = _edition(page.url, fixture_site)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            if href.startswith(fixture_site.url) and _edition(href, fixture_site) != here:
                crossing.setdefault(href, page.url)
    kinds = {"switch" if href.endswith("/") else href.rsplit(".", 1)[-1] for href in crossing}
    assert {"switch", "json", "csv", "bib", "ris"} <= kinds, kinds
    switches = 0
    for href, start in sorted(crossing.items()):
        page.goto(start)
        index = page.eval_on_selector_all("a[href]", f"links => links.findIndex(a => a.href === {href!r})")
        link = page.locator("a[href]").nth(index)
        if href.endswith("/"):
            switches += 1
            if not link.is_visible():  # a phone-hidden duplicate; the header switch is tested below
                continue
            link.click()
            page.wait_for_load_state()
            assert page.url == href, (start, href)
        else:
            filename, data = _click_download(page, link)
            assert filename == href.rsplit("/", 1)[-1]
            assert data == _served(fixture_site, href)
    assert switches >= len(_pages(fixture_site)) // 2


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_language_switch_switches_from_a_study_page(page, fixture_site: BuiltSite, lang: str) -> None:  # type: ignore[no-untyped-def]
    other = "en" if lang == "nb" else "nb"
    page.goto(fixture_site.url + STUDY[lang])
    page.locator(".fb-edition-switch").click()
    page.wait_for_load_state()
    assert page.url == fixture_site.url + STUDY[other]
    assert page.evaluate("document.documentElement.lang") == other
