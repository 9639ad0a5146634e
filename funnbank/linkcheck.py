"""Offline check of every internal link and fragment in a built site.

Reads each HTML page once, collects its `id`s and its links, then resolves
every relative link to a file in the site (a folder means its `index.html`)
and every fragment to an `id` on the target page. External links are not
followed: the site must work offline.

`check_generated_anchors` is the build's own check, before MkDocs: the anchors of the links that
HTML fragments write as final URLs, which MkDocs does not check.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href}: {self.reason}"


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key])  # type: ignore[arg-type]
        if tag in ("a", "link") and values.get("href"):
            self.links.append(values["href"])  # type: ignore[arg-type]
        if tag in ("script", "img") and values.get("src"):
            self.links.append(values["src"])  # type: ignore[arg-type]


def check_site(site: Path) -> list[BrokenLink]:
    pages: dict[str, _PageParser] = {}
    for path in sorted(site.rglob("*.html")):
        parser = _PageParser()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    broken: list[BrokenLink] = []
    for page, parser in pages.items():
        for href in parser.links:
            problem = _check_link(site, pages, page, href)
            if problem:
                broken.append(BrokenLink(page, href, problem))
    return sorted(broken)


def _check_link(site: Path, pages: dict[str, _PageParser], page: str, href: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None  # not ours to resolve offline
    path = unquote(parts.path)
    if path.startswith("/"):
        # Only the 404 page may use root-relative links: it is served at any URL. MkDocs
        # writes them assuming the site is at the root.
        if page != "404.html":
            return "absolute path: the site must work under any base URL"
        page, path = "index.html", path.lstrip("/") or "."
    target = page
    if path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if target.startswith(".."):
            return "points outside the site"
        if path.endswith("/") or (site / target).is_dir():
            target = posixpath.join(target, "index.html")
        if not (site / target).is_file():
            return "no such file"
    if parts.fragment:
        if target not in pages:
            return None  # a fragment into a non-HTML file (e.g. JSON) is not checked
        if unquote(parts.fragment) not in pages[target].ids:
            return f"no element with id {parts.fragment!r} on {target}"
    return None


# Anchors a generated Markdown page defines: `id="…"` in its HTML blocks and `{: #id }` / `{#id}`
# attribute lists on its headings.
_DEFINED_ANCHOR = re.compile(r'\bid="([^"]+)"|\{:?\s*#([^\s}]+)')


def defined_anchors(markdown: str) -> set[str]:
    """The anchors a generated page defines (MkDocs' own heading slugs are not among them)."""
    return {a or b for a, b in _DEFINED_ANCHOR.findall(markdown)}


def check_generated_anchors(generated: dict[str, str], links: Iterable[tuple[str, str, str]]) -> list[str]:
    """Links written as final URLs in HTML blocks, `(page, target, anchor)` by generated path, whose
    target page does not define the anchor. MkDocs checks the anchors of Markdown links only; these it
    leaves as they are, so the generator checks them before MkDocs runs. (The targets are pages the
    generator plans; a target not in `generated`, when only some pages are rendered, is not checked.)"""
    anchors: dict[str, set[str]] = {}
    problems = []
    for page, target, anchor in sorted(set(links)):
        if target not in generated:
            continue
        if target not in anchors:
            anchors[target] = defined_anchors(generated[target])
        if anchor not in anchors[target]:
            problems.append(f"{page} links to {target}#{anchor}, but {target} has no anchor {anchor!r}")
    return problems
