"""Automatic links: the first mention of a concept on a page links to the concept's page.

A mention is a concept's label or one of its aliases, as a whole word
(Norwegian letters included), in any letter case. Only running text is linked
(summaries, descriptions, definitions), never quotes nor text between
quotation marks in it, never a concept's own page, and each concept at most
once per page, so pages are not a sea of links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from funnbank import editions
from funnbank.markup import escape_chars, fold, html_paragraphs, paragraphs, protect_line_start
from funnbank.model import Concept

# Spans between quotation marks are someone's words: leave them as they are.
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")


@dataclass(frozen=True)
class ConceptMatcher:
    """One regular expression for all labels and aliases of an edition's language."""

    pattern: re.Pattern[str] | None
    concept_of: dict[str, str]  # lower-cased term → concept id

    @classmethod
    def build(cls, concepts: Iterable[Concept], lang: str) -> ConceptMatcher:
        concept_of: dict[str, str] = {}
        source = editions.source().lang
        for concept in concepts:
            label = concept.label.in_lang(lang)
            terms = [label, *getattr(concept.aliases, lang, [])]
            if lang != source:  # the source language's words are found in every edition
                terms += [concept.label.nb, *concept.aliases.nb]
            for term in terms:
                # A label such as "Recovery (bedringsprosess)" is found as its words before the bracket.
                term = re.sub(r"\s*\(.*\)$", "", term).strip()
                if len(term) >= 3:
                    concept_of.setdefault(term.lower(), concept.id)
        if not concept_of:
            return cls(None, {})
        return cls(re.compile(rf"(?<!\w){trie_pattern(concept_of)}(?!\w)", re.IGNORECASE), concept_of)


def trie_pattern(terms: Iterable[str]) -> str:
    r"""A regular expression for any of `terms` (at least one), the longest first where several match.

    The terms are merged by their common beginnings ("empati", "empowerment" → `emp(?:ati|owerment)`),
    so trying a place in the text costs the length of a term, not the number of terms. (A flat
    alternation tried every term at every place: each page's linking grew with the corpus's concepts,
    and the build with the square of the corpus.) A term that goes on where a shorter one ends makes
    the rest optional (`recovery(?: college)?`): tried first, and given back when what follows does not
    fit the `(?!\w)` after it, so the same mention is found as by the flat alternation, longest first."""
    trie: dict[str, dict] = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}  # a term ends here
    return _node_pattern(trie)


def _node_pattern(node: dict[str, dict]) -> str:
    """What may follow `node` of the trie: its branches, all of them optional where a term ends there."""
    branches = [_branch_pattern(char, child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _branch_pattern(char: str, node: dict[str, dict]) -> str:
    """`char` and the run of letters after it up to the next place where terms part or one ends, then
    the rest: one call per such place, not per letter, so a long alias does not recurse per letter."""
    run = [char]
    while len(node) == 1 and "" not in node:
        (char, node), = node.items()
        run.append(char)
    return re.escape("".join(run)) + _node_pattern(node)


@dataclass
class PageLinker:
    """Links concept mentions on one page; remembers which concepts it has linked already."""

    matcher: ConceptMatcher
    href_for: Callable[[str], str]  # concept id → relative Markdown link from this page (to a `.md` file)
    exclude: str | None = None  # the concept whose own page this is
    linked: set[str] = field(default_factory=set)
    # concept id → the link's final URL from this page, for HTML (MkDocs does not rewrite raw HTML);
    # None: `href_for`'s link is used as it is.
    url_for: Callable[[str], str] | None = None

    def link(self, text: str) -> Markup:
        """`text` as escaped Markdown (one paragraph per line), first mentions linked."""
        return paragraphs(text, self._markdown_paragraph)

    def link_html(self, text: str) -> Markup:
        """`text` as HTML paragraphs (`<p>` each), first mentions linked; the same mentions as `link`."""
        return html_paragraphs(text, self._html_paragraph)

    def _markdown_paragraph(self, text: str) -> str:
        pieces = self._pieces(fold(text))
        return protect_line_start("".join(
            escape_chars(piece) if concept is None else f"[{escape_chars(piece)}]({self.href_for(concept)})"
            for piece, concept in pieces))

    def _html_paragraph(self, text: str) -> str:
        url_for = self.url_for or self.href_for
        return "".join(html.escape(piece, quote=False) if concept is None
                       else f'<a href="{html.escape(url_for(concept))}">{html.escape(piece, quote=False)}</a>'
                       for piece, concept in self._pieces(fold(text)))

    def _pieces(self, text: str) -> list[tuple[str, str | None]]:
        """`text` cut into its pieces of plain text (None) and the mentions to link (their concept id)."""
        if self.matcher.pattern is None:
            return [(text, None)]
        quoted = [m.span() for m in _QUOTED.finditer(text)]
        pieces: list[tuple[str, str | None]] = []
        pos = 0
        for match in self.matcher.pattern.finditer(text):
            concept = self.matcher.concept_of[match.group(0).lower()]
            if concept in self.linked or concept == self.exclude:
                continue
            if any(start <= match.start() < end for start, end in quoted):
                continue
            self.linked.add(concept)
            pieces += [(text[pos:match.start()], None), (match.group(0), concept)]
            pos = match.end()
        pieces.append((text[pos:], None))
        return pieces
