"""A source text as the verbatim check reads it, and the way back from a match to its lines.

A source is the plain text extracted from a report's PDF: line breaks follow the
PDF, words are hyphenated across lines, and page numbers and headings sit between
the lines of prose. Matching ignores line breaks and runs of whitespace, and a
hyphen only where it splits a word across a line break ("erfarings-\\nkonsulent"
matches "erfaringskonsulent"). Nothing else is forgiven: not quotation marks, not
case, not punctuation.

A hyphen at a line end is either a split word (drop it) or a real compound hyphen
such as "helse- og" (keep it), so a source has two readings and a quote may match
either. Each reading remembers where its pieces came from, so that a match can be
traced back to source lines, and from there to a page or a heading.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from funnbank.errors import FunnbankError

_LINE_BREAK_HYPHEN = r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)"
_SEPARATOR = re.compile(rf"(?P<hyphen>{_LINE_BREAK_HYPHEN})|\s+")
_WHITESPACE = re.compile(r"\s+")
# A line-break hyphen before a conjunction is a compound's ("rus- og psykiske"), not a split word.
_COMPOUND_HYPHEN = re.compile(rf"{_LINE_BREAK_HYPHEN}(?:og|eller|and|or)\b")

# A quote is at most a long paragraph; last words further away than this belong to another passage.
MAX_PASSAGE_CHARS = 5_000
# A page of these extractions (blank lines between lines) spans well over this many lines, so
# page-number lines closer together than this are table values or counts.
MIN_PAGE_LINES = 15
# Within this many lines of text of a page-number line a passage is taken to be on that
# number's page; further away, the page would be a guess.
PAGE_REACH = 20
_PAGE_NUMBER_LINE = re.compile(r"\s*(\d{1,3})\s*")
# A numbered heading: "4.2 Tilhørighet", "3.1. Tilhørighet og fellesskap", "Kapittel 3: Presentasjon av funn".
_HEADING = re.compile(
    r"\s*(?:Kapittel\s+)?(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?:?\s+(?P<title>[A-ZÆØÅ].{1,80}?)\s*"
)
# Not a heading: a question, a list item or a table-of-contents line ("… s. 18").
_NOT_A_HEADING = re.compile(r"[,;?]$|…|\.{4}|\d$")


_T = TypeVar("_T")


class SourceTextError(FunnbankError):
    """A source text (or its folder) is missing or unreadable."""


def normalise(text: str) -> str:
    """Fold whitespace runs (line breaks included) to one space."""
    return _WHITESPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Reading:
    """The source with whitespace folded and line-break hyphens dropped or kept.

    `text` is made of pieces copied from the source, joined by one space (or by
    nothing or a hyphen, for a line-break hyphen); `starts[i]` is where piece i
    begins in `text` and `origins[i]` where it begins in the source.
    """

    text: str
    starts: tuple[int, ...]
    origins: tuple[int, ...]

    def origin(self, offset: int) -> int:
        """The source offset of `text[offset]` (a joining space maps to the whitespace it replaced)."""
        piece = max(bisect_right(self.starts, offset) - 1, 0)
        return self.origins[piece] + offset - self.starts[piece]


def read(source: str, *, keep_hyphens: bool) -> Reading:
    """One reading of `source`: `normalise` applied after dropping (or keeping) each line-break hyphen."""
    parts: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    length = 0
    joint = ""

    def piece(origin: int, text: str) -> None:
        nonlocal length
        if parts:
            parts.append(joint)
            length += len(joint)
        starts.append(length)
        origins.append(origin)
        parts.append(text)
        length += len(text)

    position = 0
    for separator in _SEPARATOR.finditer(source):
        if separator.start() > position:
            piece(position, source[position:separator.start()])
        joint = ("-" if keep_hyphens else "") if separator.group("hyphen") else " "
        position = separator.end()
    if position < len(source):
        piece(position, source[position:])
    return Reading("".join(parts), tuple(starts), tuple(origins))


@dataclass(frozen=True)
class Span:
    """A run of source text as a reading gives it, with the source lines it spans (1-based)."""

    text: str
    first_line: int
    last_line: int
    origin: int  # source offset of its first character
    end: int  # source offset just past its last character

    @property
    def lines(self) -> str:
        if self.first_line == self.last_line:
            return f"line {self.first_line}"
        return f"lines {self.first_line}–{self.last_line}"


@dataclass(frozen=True)
class Difference:
    """Where a text and the nearest passage part: the first word that is not the same."""

    word: int  # 1-based position in the text
    text_word: str | None  # None: the text ends here
    source_word: str | None  # None: the passage ends here
    line: int


@dataclass(frozen=True)
class Nearest:
    """The passage of a source most like a text that is not in it verbatim."""

    passage: Span
    difference: Difference | None

    def describe(self, max_chars: int = 240) -> list[str]:
        """Two lines for the terminal: the passage (shortened) and where the text parts from it."""
        text = self.passage.text
        if len(text) > max_chars:
            text = text[:max_chars].rsplit(" ", 1)[0] + " …"
        lines = [f"  nearest passage, source {self.passage.lines}: «{text}»"]
        d = self.difference
        if d is None:
            lines.append("  every word matches: the text mixes a dropped and a kept line-break hyphen")
        else:
            text_has = f"«{d.text_word}»" if d.text_word is not None else "nothing more"
            source_has = f"«{d.source_word}»" if d.source_word is not None else "nothing more"
            lines.append(f"  differs at word {d.word} (source line {d.line}): "
                         f"quote has {text_has}, source has {source_has}")
        return lines


@dataclass(frozen=True)
class PageNumber:
    number: int
    line: int


@dataclass(frozen=True)
class Page:
    """A passage's page (or pages), and the page-number line it was worked out from."""

    first: int
    last: int
    evidence: PageNumber

    def __str__(self) -> str:
        return f"s. {self.first}" if self.first == self.last else f"s. {self.first}–{self.last}"


@dataclass(frozen=True)
class Heading:
    number: str
    title: str
    line: int

    @property
    def outline(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.number.split("."))

    def __str__(self) -> str:
        return f"kap. {self.number}"


_NOT_A_WORD_CHARACTER = re.compile(r"[^\w ]|_")


def _word_keys(text: str) -> list[str]:
    """The words of folded `text`, lower-cased and without punctuation.

    Case and punctuation are ignored only to find candidate passages, never to accept a quote.
    """
    return _NOT_A_WORD_CHARACTER.sub("", text.lower()).split(" ")


class SourceText:
    """One source file: its readings, and lookups from a match back to lines, pages and headings."""

    def __init__(self, raw: str, name: str) -> None:
        self.raw = raw
        self.name = name
        # Split words are far more common than compound hyphens at a line end: prefer dropping.
        self.joined = read(raw, keep_hyphens=False)
        self.kept = read(raw, keep_hyphens=True)
        self.readings = (self.joined, self.kept)
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", raw)]

    @classmethod
    def load(cls, path: Path) -> SourceText:
        try:
            return cls(path.read_text(encoding="utf-8"), path.name)
        except FileNotFoundError:
            raise SourceTextError(f"source text {path} not found") from None
        except (OSError, UnicodeDecodeError) as err:
            raise SourceTextError(f"source text {path} cannot be read: {err}") from None

    # -- matching ------------------------------------------------------------------------------

    def contains(self, text: str) -> bool:
        """Is `text` verbatim in the source (in either reading)?"""
        needle = normalise(text)
        return any(needle in reading.text for reading in self.readings)

    def passages(self, first_words: str, last_words: str | None = None) -> list[Span]:
        """Every passage that starts with `first_words` and ends with the next `last_words`, in source order.

        Without `last_words` the passage is `first_words` itself. Where both readings
        match at the same place, the one that reads its line-break hyphens right is kept.
        """
        first, last = normalise(first_words), normalise(last_words or "")
        found: dict[int, dict[Reading, Span]] = defaultdict(dict)
        for reading in self.readings:
            for start in _occurrences(reading.text, first):
                end = start + len(first)
                if last:
                    last_start = _next_ending_at_or_after(reading.text, last, start, end)
                    if last_start is None:
                        continue
                    end = last_start + len(last)
                span = self.span(reading, start, end)
                found[span.origin][reading] = span
        return [self._preferred(by_reading) for _, by_reading in sorted(found.items())]

    def _preferred(self, by_reading: dict[Reading, Span]) -> Span:
        joined = by_reading.get(self.joined)
        if joined is None:
            return by_reading[self.kept]
        kept = by_reading.get(self.kept)
        if kept is not None and _COMPOUND_HYPHEN.search(self.raw[joined.origin:joined.end]):
            return kept
        return joined

    def span(self, reading: Reading, start: int, end: int) -> Span:
        origin, last = reading.origin(start), reading.origin(end - 1)
        return Span(reading.text[start:end], self.line_at(origin), self.line_at(last), origin, last + 1)

    def after(self, span: Span, chars: int) -> str:
        """The first `chars` characters of source text after `span`, whitespace folded."""
        return normalise(self.raw[span.end:span.end + 4 * chars])[:chars]

    def before(self, span: Span, chars: int) -> str:
        """The last `chars` characters of source text before `span`, whitespace folded."""
        return normalise(self.raw[max(0, span.origin - 4 * chars):span.origin])[-chars:]

    def line_at(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    # -- the nearest passage -------------------------------------------------------------------

    @cached_property
    def _index(self) -> _WordIndex:
        return _WordIndex.of(self.joined.text)

    def nearest(self, text: str, candidates: int = 5) -> Nearest | None:
        """The passage most like `text`, and the first word where they part; None if nothing is alike.

        Candidate places are those sharing 3-word shingles with `text` (or, for a short
        text, its rarer words); only there is difflib's word-by-word comparison run, so a
        lookup stays in milliseconds on a 5,000-line source.
        """
        index = self._index
        source_words = index.words
        folded = normalise(text)
        words, keys = folded.split(" "), _word_keys(folded)
        # Each shared shingle votes for where the text would start in the source.
        votes = index.votes(keys)
        slack = max(5, len(words) // 4)
        best: tuple[tuple[int, int], int, int] | None = None
        tried: list[int] = []
        for start, _ in votes.most_common():
            if len(tried) == candidates:
                break
            if any(abs(start - t) <= slack for t in tried):
                continue
            tried.append(start)
            low, high = max(0, start - slack), min(len(source_words), start + len(words) + slack)
            matcher = SequenceMatcher(None, keys, index.keys[low:high], autojunk=False)
            blocks = [b for b in matcher.get_matching_blocks() if b.size]
            if not blocks:
                continue
            # Stretch the passage to where the text's first and last words would sit.
            first = max(low, low + blocks[0].b - blocks[0].a)
            tail = blocks[-1]
            last = max(first + 1, min(high, low + tail.b + len(words) - tail.a))
            # Words alike first; of two places alike, the one with more words exactly the same.
            exact = SequenceMatcher(None, words, source_words[first:last], autojunk=False)
            score = (sum(b.size for b in blocks), sum(b.size for b in exact.get_matching_blocks()))
            if best is None or score > best[0]:
                best = (score, first, last)
        if best is None:
            return None
        _, first, last = best
        passage = self.span(self.joined, index.offsets[first], index.offsets[last - 1] + len(source_words[last - 1]))
        return Nearest(passage, self._difference(words, first, last))

    def describe_nearest(self, text: str) -> list[str]:
        """Lines for the terminal about a text not found verbatim: the passage most like it, and where they part."""
        nearest = self.nearest(text)
        return nearest.describe() if nearest else ["  no passage in the source shares its words"]

    def _difference(self, words: list[str], first: int, last: int) -> Difference | None:
        passage = list(self._index.words[first:last])
        # A quote rightly leaves out the quotation marks around it: «”Så» starts with «Så».
        if passage and words and passage[0].endswith(words[0]):
            passage[0] = words[0]
        if passage and words and passage[-1].startswith(words[-1]):
            passage[-1] = words[-1]
        for tag, i1, _, j1, _ in SequenceMatcher(None, words, passage, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            at = first + min(j1, len(passage) - 1)
            return Difference(
                word=i1 + 1,
                text_word=words[i1] if i1 < len(words) else None,
                source_word=passage[j1] if j1 < len(passage) else None,
                line=self.line_at(self.joined.origin(self._index.offsets[at])),
            )
        return None

    # -- pages and headings --------------------------------------------------------------------

    @cached_property
    def _lines(self) -> list[str]:
        return self.raw.split("\n")

    @cached_property
    def _text_lines_before(self) -> list[int]:
        """For each line (1-based index), how many non-blank lines come before it."""
        counts = [0, 0]
        for line in self._lines:
            counts.append(counts[-1] + bool(line.strip()))
        return counts

    @cached_property
    def page_numbers(self) -> tuple[PageNumber, ...]:
        """The lines that hold just a page number, in order.

        A line holding just a number may also be a table value or a count: numbers with
        another number line close by are dropped, then the longest run that grows as page
        numbers do is kept.
        """
        candidates = [
            PageNumber(int(m[1]), i + 1)
            for i, line in enumerate(self._lines)
            if (m := _PAGE_NUMBER_LINE.fullmatch(line))
        ]
        isolated = [
            c for k, c in enumerate(candidates)
            if (k == 0 or c.line - candidates[k - 1].line >= MIN_PAGE_LINES)
            and (k + 1 == len(candidates) or candidates[k + 1].line - c.line >= MIN_PAGE_LINES)
        ]
        return _longest_run(isolated, _pages_follow)

    @cached_property
    def _page_number_lines(self) -> list[int]:
        return [mark.line for mark in self.page_numbers]

    def page_numbers_within(self, first_line: int, last_line: int) -> tuple[PageNumber, ...]:
        lines = self._page_number_lines
        return self.page_numbers[bisect_left(lines, first_line):bisect_right(lines, last_line)]

    def page(self, first_line: int, last_line: int) -> Page | None:
        """The page(s) of source lines `first_line`–`last_line`, where page-number lines near them tell.

        A page-number line ends its page: a passage is on the page of the next number
        line after it, or on the one after the previous number line, whichever is nearer.
        """
        inside = self.page_numbers_within(first_line, last_line)
        if inside:
            return Page(inside[0].number, inside[-1].number + 1, inside[0])
        marks, following = self.page_numbers, bisect_right(self._page_number_lines, last_line)
        text_lines = self._text_lines_before
        options = []
        if following < len(marks):
            after = marks[following]
            options.append((text_lines[after.line] - text_lines[last_line], Page(after.number, after.number, after)))
        if following > 0:
            before = marks[following - 1]
            options.append((text_lines[first_line] - text_lines[before.line],
                            Page(before.number + 1, before.number + 1, before)))
        distance, page = min(options, key=lambda option: option[0], default=(PAGE_REACH + 1, None))
        return page if distance <= PAGE_REACH else None

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        """Numbered heading lines ("4.2 Tilhørighet"), in order.

        Numbered questions in a questionnaire or interview guide look like headings
        too; the longest run of numbers that grows as an outline does (3.1, 3.2, 4)
        is kept.
        """
        found = []
        for i, line in enumerate(self._lines):
            m = _HEADING.fullmatch(line)
            if m and not _NOT_A_HEADING.search(m["title"]):
                found.append(Heading(m["number"], m["title"], i + 1))
        return _longest_run(found, lambda a, b: a.outline < b.outline)

    def heading_before(self, line: int) -> Heading | None:
        index = bisect_right([h.line for h in self.headings], line)
        return self.headings[index - 1] if index else None


@dataclass(frozen=True)
class _WordIndex:
    """A reading's words, where each starts, and where each word and 3-word shingle occurs."""

    words: list[str]
    keys: list[str]
    offsets: list[int]
    shingles: dict[tuple[str, str, str], list[int]]
    positions: dict[str, list[int]]

    RARE = 5  # a word this frequent or less places a short text

    @classmethod
    def of(cls, text: str) -> _WordIndex:
        words = text.split(" ")
        offsets, offset = [], 0
        for word in words:
            offsets.append(offset)
            offset += len(word) + 1
        keys = _word_keys(text)
        shingles: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        positions: dict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(keys):
            positions[key].append(i)
            if i >= 2:
                shingles[(keys[i - 2], keys[i - 1], key)].append(i - 2)
        return cls(words, keys, offsets, shingles, positions)

    def votes(self, keys: list[str]) -> Counter[int]:
        """For each source word position, how many of the text's shingles (else rare words) place it there."""
        votes: Counter[int] = Counter()
        for j in range(len(keys) - 2):
            for i in self.shingles.get((keys[j], keys[j + 1], keys[j + 2]), ()):
                votes[i - j] += 1
        if not votes:
            for j, key in enumerate(keys):
                if key and len(self.positions.get(key, ())) <= self.RARE:
                    for i in self.positions.get(key, ()):
                        votes[i - j] += 1
        return votes


def _occurrences(text: str, needle: str) -> list[int]:
    if not needle:
        return []
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def _next_ending_at_or_after(text: str, needle: str, start: int, end: int) -> int | None:
    """Where the first `needle` at or after `start` that ends at or after `end` begins, within reach."""
    at = text.find(needle, max(start, end - len(needle)))
    return at if at != -1 and at + len(needle) - start <= MAX_PASSAGE_CHARS else None


def _pages_follow(a: PageNumber, b: PageNumber) -> bool:
    """Can `b` be a later page number than `a`: larger, and not more pages than the lines between allow?"""
    return a.number < b.number and (b.number - a.number) * MIN_PAGE_LINES <= b.line - a.line


def _longest_run(items: list[_T], follows: Callable[[_T, _T], bool]) -> tuple[_T, ...]:
    """The longest subsequence in which each item `follows` the one before it."""
    best_length = [1] * len(items)
    previous = [-1] * len(items)
    for i in range(len(items)):
        for j in range(i):
            if follows(items[j], items[i]) and best_length[j] + 1 > best_length[i]:
                best_length[i], previous[i] = best_length[j] + 1, j
    if not items:
        return ()
    i = max(range(len(items)), key=lambda k: best_length[k])
    run = []
    while i != -1:
        run.append(items[i])
        i = previous[i]
    return tuple(reversed(run))
