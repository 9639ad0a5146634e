"""YAML syntax errors in plain words, at the line the maintainer must change.

PyYAML reports where its parser gave up, in the parser's terms ("mapping values
are not allowed in this context", "found character that cannot start any token"),
and often somewhere else than the mistake: a key that lost its indentation is
reported on the line below it, an unclosed quote or bracket at the next field or
the end of the file. Each rule below recognises one kind of mistake from PyYAML's
wording (libyaml's and pure Python's, which differ) and from the text around the
mark, and says which line to change and how. The first rule that recognises the
error wins; an error no rule knows still gets a located, general message.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

# A field name and its colon: `title:` followed by a space or the end of the line.
_KEY = re.compile(r"(?P<key>[A-Za-z_][\w.-]*)[ ]*:(?=[ \t]|$)")
# A line ending in a block-text header: `nb: >-`, `text: |`, `- >`.
_BLOCK_HEADER = re.compile(r"(?:^|[:-])[ ]+[|>][-+0-9]*[ ]*(?:#.*)?$")
# What PyYAML says when a line is not where the structure around it expects it
# (libyaml: "did not find expected key"; pure Python: "expected <block end>, but found ...").
_STRUCTURE = ("expected key", "expected <block end>", "expected '-' indicator")
_QUOTE_STYLES = ('"', "'")
# How far above the error to look for a text line that lost its indentation: YAML reads the
# lines after it as one text and fails within that paragraph.
_TEXT_LINES_LOOKED_AT = 100
_CLOSERS = {"[": "]", "{": "}"}


@dataclass(frozen=True)
class Explanation:
    line: int  # 1-based
    col: int  # 1-based
    message: str
    hint: str


class _Source:
    """The file's lines, with the few questions about indentation the rules ask (lines are 1-based)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def __getitem__(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def char(self, line: int, col: int) -> str:
        """The character at (`line`, `col`), or "" past the end of the line."""
        return self[line][col:col + 1]

    def is_content(self, line: int) -> bool:
        stripped = self[line].strip()
        return bool(stripped) and not stripped.startswith("#")

    def previous(self, line: int | None) -> int | None:
        """The nearest line above `line` that holds something (not blank, not only a comment)."""
        if line is None:
            return None
        return next((n for n in range(min(line, len(self.lines) + 1) - 1, 0, -1) if self.is_content(n)), None)

    def indent(self, line: int) -> int:
        return len(self[line]) - len(self[line].lstrip(" "))

    def body(self, line: int) -> int:
        """Where the line's field or text starts, after its indentation and any `- ` list markers."""
        match = re.match(r"[ ]*(?:-[ ]+)*", self[line])
        return match.end() if match else 0

    def key_match(self, line: int) -> re.Match[str] | None:
        return _KEY.match(self[line], self.body(line))

    def key(self, line: int) -> str | None:
        match = self.key_match(line)
        return match["key"] if match else None

    def is_item(self, line: int) -> bool:
        return re.match(r"[ ]*-(?:[ ]|$)", self[line]) is not None

    def dash_without_space(self, line: int) -> bool:
        """`-id: f1`: a list marker with no space, which YAML reads as text starting with `-`."""
        return re.match(r"[ ]*-[^\s-]", self[line]) is not None

    def opens_block(self, line: int) -> bool:
        """`findings:` with nothing after it: the lines below, indented, are its value."""
        match = self.key_match(line)
        return match is not None and not self[line][match.end():].split("#")[0].strip()

    def name(self, line: int) -> str:
        """How a message names a line: its field (`title:`), or its number."""
        key = self.key(line)
        return f"`{key}:` on line {line}" if key else f"line {line}"

    def block_text_header(self, line: int) -> int | None:
        """The `key: >-` line whose text `line` is in or right below (no line between is indented less)."""
        for above in range(line - 1, 0, -1):
            if not self.is_content(above):
                continue
            if _BLOCK_HEADER.search(self[above]):
                return above if self.indent(above) < self.indent(line) else None
            if self.indent(above) < self.indent(line):
                return None
        return None

    def closing_quote_line(self, line: int, col: int) -> int | None:
        """The line of the quote that closes the one at (`line`, `col`), or None if none does."""
        quote = self.char(line, col)
        # Inside '…' a quote is written '', inside "…" escaped with a backslash: neither closes the text.
        written_inside = re.compile("''" if quote == "'" else r"\\.")
        start = col + 1
        for n in range(line, len(self.lines) + 1):
            if quote in written_inside.sub("  ", self[n][start:]):
                return n
            start = 0
        return None

    def is_text(self, line: int) -> bool:
        """A line of running text: neither a field nor a list item."""
        return self.key(line) is None and not self.is_item(line)

    def levels_above(self, line: int) -> list[tuple[int, int]]:
        """(line, column) of the fields that enclose `line`, nearest first: each starts left of the last."""
        levels: list[tuple[int, int]] = []
        above = self.previous(line)
        while above is not None:
            col = self.body(above)
            if not levels or col < levels[-1][1]:
                levels.append((above, col))
            above = self.previous(above)
        return levels


class _Error:
    """A PyYAML error as the rules read it: its wording, its marks (lines 1-based, columns 0-based)."""

    def __init__(self, text: str, err: yaml.MarkedYAMLError, loader: Any) -> None:
        self.text, self.loader = text, loader
        self.src = _Source(text)
        self.problem = err.problem or ""
        self.context = err.context or ""
        mark = err.problem_mark or err.context_mark
        self.line, self.col = (mark.line + 1, mark.column) if mark else (1, 0)
        self.index = mark.index if mark else 0
        context = err.context_mark or mark
        self.context_line, self.context_col = (context.line + 1, context.column) if context else (1, 0)

    @property
    def char(self) -> str:
        return self.src.char(self.line, self.col)

    def is_structure(self) -> bool:
        return any(words in self.problem for words in _STRUCTURE)

    @functools.cached_property
    def tokens(self) -> list[Any]:
        """The file's tokens up to where scanning fails (only computed for the rules that need them)."""
        tokens: list[Any] = []
        try:
            for token in yaml.scan(self.text, Loader=self.loader):
                tokens.append(token)
        except yaml.YAMLError:
            pass
        return tokens


def explain(text: str, err: yaml.MarkedYAMLError, loader: Any) -> Explanation:
    """Say what is wrong, in plain words, at the line to change."""
    error = _Error(text, err, loader)
    for rule in _RULES:
        explanation = rule(error)
        if explanation is not None:
            return _clamped(explanation, error.src)
    return _clamped(_general(error), error.src)


def _at(line: int, col: int, message: str, hint: str) -> Explanation:
    return Explanation(line, col + 1, message, hint)


def _clamped(explanation: Explanation, src: _Source) -> Explanation:
    """A mark past the last line (the end of the file) points at the last line instead."""
    last = max(len(src.lines), 1)
    if explanation.line <= last:
        return explanation
    return Explanation(last, len(src[last]) + 1, explanation.message, explanation.hint)


def _quoted(value: str, limit: int = 50) -> str:
    """`value` as a YAML quoted text, to show in a hint (shortened with … when long)."""
    value = value.strip()
    if len(value) > limit:
        value = value[:limit].rstrip() + " …"
    if '"' not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _quote_hint(quote: str) -> str:
    if quote == '"':
        return ("close the text with `\"` where it ends; if the text itself contains `\"`, "
                "put it in single quotes ('…') instead")
    return ("close the text with `'` where it ends; write an apostrophe inside '…' as two (''), "
            "or put the whole text in double quotes instead")


# --- The rules, in the order they are tried. Each returns None for an error it does not recognise.


def _tab(e: _Error) -> Explanation | None:
    line = e.src[e.line]
    if e.char != "\t" and "tab" not in e.problem:
        return None
    col = e.col if e.char == "\t" else line.find("\t")
    if col < 0:
        return None
    before = line[:col].rstrip(" ")
    if not before:
        return _at(e.line, col, "tab character in the indentation: YAML indents with spaces only",
                   "replace the tab with spaces; most editors can show tabs and turn them into spaces")
    if not before.strip(" -"):
        return _at(e.line, col, "tab character after `-`: a list item needs a space after `-`, not a tab",
                   "replace the tab with one space")
    key = re.search(r"[\w.-]+:$", before)
    if key:
        return _at(e.line, col, f"tab character after `{key[0]}`: YAML wants a space there",
                   "replace the tab with one space")
    return _at(e.line, col, "tab character where YAML allows only spaces", "replace the tab with spaces")


def _unclosed_quote(e: _Error) -> Explanation | None:
    if "quoted scalar" not in e.context or "end of stream" not in e.problem:
        return None
    quote = e.src.char(e.context_line, e.context_col) or '"'
    return _at(e.context_line, e.context_col, f"the quote `{quote}` that opens this text is never closed",
               _quote_hint(quote))


def _unknown_escape(e: _Error) -> Explanation | None:
    if "unknown escape" not in e.problem:
        return None
    # libyaml marks the backslash, pure Python the letter after it.
    col = e.col - 1 if e.char != "\\" and e.src.char(e.line, e.col - 1) == "\\" else e.col
    return _at(e.line, col, "a backslash `\\` inside double quotes starts a code YAML does not know",
               "put the text in single quotes ('…'), where a backslash is just a backslash, "
               "or write it twice (`\\\\`)")


def _after_closed_value(e: _Error) -> Explanation | None:
    """A value that ended before its line did: a quoted text with more after its closing quote
    (or a quote that closed only on a later line), or text after a `[…]` or `{…}`."""
    if not e.is_structure():
        return None
    here = next((t for t in e.tokens if t.start_mark.index == e.index), None)
    if isinstance(here, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
        return _at(e.line, e.col, f"a `{e.char}` that closes nothing",
                   "remove it; if it is part of the text, put the whole text in quotes")
    before = [t for t in e.tokens if t.end_mark.index <= e.index]
    if not before:
        return None
    last = before[-1]
    start, end = last.start_mark, last.end_mark
    if isinstance(last, yaml.ScalarToken) and last.style in _QUOTE_STYLES:
        quote = last.style
        if end.line > start.line:  # valid YAML, but here it means the quote was not closed where meant
            return _quote_not_closed(start.line + 1, start.column, quote, end.line + 1)
        value = e.src[e.line][start.column:].rstrip()
        if len(value) > 1 and value[0] == value[-1] == quote:  # "Hun sa "hei"": quotes meant as part of the text
            value = value[1:-1]
        return _at(e.line, e.col,
                   f"text after the closing quote `{quote}`: YAML takes `{quote}…{quote}` as the whole value",
                   f"put the whole text in quotes: {_quoted(value)}")
    if isinstance(last, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and end.line + 1 == e.line:
        opener, what = ("[", "a list") if isinstance(last, yaml.FlowSequenceEndToken) else ("{", "a mapping")
        key = e.src.key_match(e.line)
        value = e.src[e.line][key.end():] if key else e.src[e.line]
        return _at(e.line, e.col, f"text after `{_CLOSERS[opener]}`: a value that starts with `{opener}` is {what}",
                   f"put the whole text in quotes: {_quoted(value)}")
    return None


def _quote_not_closed(line: int, col: int, quote: str, closed_on: int) -> Explanation:
    return _at(line, col, f"the quote `{quote}` that opens this text is not closed on its line, so YAML reads on "
                          f"to the next `{quote}`, on line {closed_on}", _quote_hint(quote))


def _flow(e: _Error) -> Explanation | None:
    """Inside `[…]` or `{…}`: a bracket never closed, or text that needs quotes."""
    if "flow node" in e.context and "node content" in e.problem:
        return _at(e.line, e.col, "an empty entry in a `[…]` list or `{…}` mapping",
                   "remove the extra comma")
    if "flow" not in e.context or "expected ','" not in e.problem:
        return None
    opener = e.src.char(e.context_line, e.context_col)
    closer = _CLOSERS.get(opener, "]")
    what = "list" if opener == "[" else "mapping"
    moved_on = e.line != e.context_line and (
        e.line > len(e.src.lines) or e.src.key(e.line) is not None
        and e.src.indent(e.line) <= e.src.indent(e.context_line))
    if moved_on:
        return _at(e.context_line, e.context_col, f"the `{opener}` that starts here is never closed with `{closer}`",
                   f"end the {what} with `{closer}`; "
                   f"if the text just starts with `{opener}`, put the whole text in quotes")
    return _at(e.line, e.col, f"inside `{opener}…{closer}`, a text with `{e.char or closer}` in it must be in quotes",
               "put that entry in quotes (\"…\"); a `:`, `,`, `[`, `]`, `{` or `}` in unquoted text ends the entry")


def _missing_colon(e: _Error) -> Explanation | None:
    """"could not find expected ':'": a line that is neither `key: value` nor a list item."""
    if "expected ':'" not in e.problem:
        return None
    n, c = e.context_line, e.context_col
    body = e.src[n][c:].rstrip()
    quote = e.src.char(n, c)
    closed_on = e.src.closing_quote_line(n, c) if quote in _QUOTE_STYLES else None
    if closed_on is not None and closed_on > n:  # `'title: T` with a stray quote
        return _quote_not_closed(n, c, quote, closed_on)
    if re.match(r"-[^\s-]", body):
        return _at(n, c, "a list item needs a space after `-`", f"write `- {body[1:]}`")
    no_space = _no_space_after_colon(e.src, n)
    if no_space:
        return no_space
    above = e.src.previous(n)
    if above is not None and _BLOCK_HEADER.search(e.src[above]) and e.src.indent(n) <= e.src.indent(above):
        return _at(n, c, f"the text of {e.src.name(above)} must be indented further than its field",
                   f"indent the text by {_spaces(e.src.body(above) + 2)}")
    below = next((m for m in range(n + 1, len(e.src.lines) + 1) if e.src.is_content(m)), None)
    holds_value_below = below is not None and (e.src.indent(below) > e.src.indent(n) or e.src.is_item(below))
    if re.fullmatch(r"[A-Za-z_][\w.-]*", body) and holds_value_below:
        return _at(n, c, f"`{body}` needs a `:` after it", f"write `{body}:`")
    continues = f"if it continues the text on line {above}, indent it further than that text's field; " if above else ""
    return _at(n, c, "this line is neither `field: value` nor a list item (`- …`)",
               f"{continues}if it is a field, write its name followed by `: `")


def _no_space_after_colon(src: _Source, n: int) -> Explanation | None:
    """`title:Funn`: YAML reads the whole line as one text, not as a field."""
    match = re.match(r"(?P<key>[A-Za-z_][\w.-]*):(?P<value>[^\s:].*)", src[n][src.body(n):].rstrip())
    if match is None:
        return None
    return _at(n, src.body(n) + len(match["key"]) + 1, "a space is missing after `:`",
               f"write `{match['key']}: {match['value']}`")


def _text_lost_indentation(e: _Error) -> Explanation | None:
    """A line of a `>-` text indented less than the text above it: YAML ends the text there and
    reads the line as a field, then fails on it or a few lines further on."""
    src = e.src
    if "expected ':'" in e.problem:
        line: int | None = e.context_line
    elif e.is_structure() or "mapping values are not allowed" in e.problem:
        # A field right below the text may be where YAML gives up: look from the text above it.
        line = e.line if src.is_text(e.line) else src.previous(e.line)
    else:
        return None
    for _ in range(_TEXT_LINES_LOOKED_AT):
        if line is None or line > len(src.lines) or not src.is_text(line):
            return None
        above = src.previous(line)
        if above is None:
            return None
        # The indentation check first: finding the block's header walks up the whole text.
        header = src.block_text_header(above) if src.indent(line) < src.indent(above) and src.is_text(above) else None
        if header is not None:
            return _at(line, src.indent(line),
                       f"this line of the text under {src.name(header)} is indented less than the text above it",
                       f"indent it like the line above, by {_spaces(src.indent(above))}")
        line = above
    return None


def _mapping_value(e: _Error) -> Explanation | None:
    """"mapping values are not allowed here": a `: ` in unquoted text, or a field whose line YAML
    read as more of the line above (that line lost its indentation, or this one has too much)."""
    if "mapping values are not allowed" not in e.problem:
        return None
    n, src = e.line, e.src
    key = src.key_match(n)
    if key is not None and key.end() <= e.col:
        return _at(n, e.col, "a `: ` inside a text that is not in quotes: YAML reads it as the start of a field",
                   f"put the whole text in quotes: {key['key']}: {_quoted(src[n][key.end():])}")
    above = src.previous(n)
    if key is None or above is None:
        return _at(n, e.col, "YAML reads this line as more of the text above it, and unquoted text cannot contain `: `",
                   "put the whole text in quotes, or in a `>-` block")
    if src.dash_without_space(above):
        dash = src.indent(above)
        return _at(above, dash, "a list item needs a space after `-`", f"write `- {src[above][dash + 1:].strip()}`")
    if src.key(above) is None and (no_space := _no_space_after_colon(src, above)):
        return no_space
    if src.body(above) >= src.body(n):
        return _at(n, e.col, f"YAML reads `{key['key']}:` as more of the value on line {above}",
                   f"if `{key['key']}:` is a field, line it up with the fields it belongs beside; "
                   "if it is text, put the whole text in quotes")
    return _indented_past(src, n, above)


def _indented_past(src: _Source, n: int, above: int) -> Explanation:
    """Field `n` is indented further than the line above it, which already has its value: either that
    line lost its indentation (the lines around it agree with `n`), or `n` has too much."""
    key, here, there = src.key(n), src.body(n), src.body(above)
    before = src.previous(above)
    if before is not None and (src.body(before) >= here or (src.opens_block(before) and src.body(before) >= there)):
        return _lost_indentation(src, above, before, n)
    return _at(n, src.indent(n), f"`{key}:` is indented further than {src.name(above)} above it",
               f"line it up with the field it belongs beside: {src.name(above)} is at {_spaces(there)}")


def _lost_indentation(src: _Source, line: int, before: int, n: int) -> Explanation:
    """Field `line` lost its indentation: `before` is the line above it, `n` a later field indented right."""
    if src.opens_block(before) and src.body(before) == src.body(line):
        message = f"{src.name(line)} is indented no further than {src.name(before)} above it, which it belongs under"
    else:
        message = f"{src.name(line)} is indented less than the fields before and after it (lines {before} and {n})"
    return _at(line, src.body(line), message, f"indent it by {_spaces(src.body(n))}, like `{src.key(n)}:` on line {n}")


def _misplaced_line(e: _Error) -> Explanation | None:
    """A line at an indentation the structure above does not expect: a list item among fields, a
    field among list items, or an indentation that lines up with nothing."""
    if not e.is_structure() or e.line > len(e.src.lines) or e.col != e.src.indent(e.line):
        return None
    src, n = e.src, e.line
    indent = src.indent(n)
    if src.is_item(n):
        item_above = next((m for m in range(n - 1, 0, -1) if src.is_item(m)), None)
        if item_above is not None and src.indent(item_above) != indent:
            return _at(n, indent, f"this list item is indented {_spaces(indent)}, but the item on line "
                                  f"{item_above} is indented {_spaces(src.indent(item_above))}",
                       f"line up its `-` with line {item_above}")
        return _at(n, indent, "a list item (`- …`) where YAML expected a field",
                   "remove the `- `, or put the list under a field of its own: the field's name and `:` on one "
                   "line, the items indented below it")
    if "'-' indicator" in e.problem or "block collection" in e.context:
        if indent == e.context_col:
            owner = src.previous(e.context_line)
            owner_text = f" under {src.name(owner)}" if owner else ""
            return _at(n, indent, f"a field among the items of the list{owner_text}",
                       "start it with `- ` if it is another item; if it is a field of its own, line it up "
                       "with the field that holds the list")
    above = src.previous(n)
    if src.key(n) is not None and above is not None and src.body(n) > src.body(above):
        return _indented_past(src, n, above)
    return _unaligned(e)


def _unaligned(e: _Error) -> Explanation:
    src, n = e.src, e.line
    indent = src.indent(n)
    levels = src.levels_above(n)
    further = [lv for lv in levels if lv[1] > indent]
    less = [lv for lv in levels if lv[1] < indent]
    if less and src.key(n) is not None:
        # The first field under `aliases:` lost its indentation: `aliases:` is left empty, and the
        # fields that should be beside it (this line) line up with nothing.
        parent, col = less[0]
        grandparent = src.previous(parent)
        if grandparent is not None and src.opens_block(grandparent) and src.body(grandparent) == col:
            return _lost_indentation(src, parent, grandparent, n)
    choices = [f"with {src.name(line)}, at {_spaces(col)}" for line, col in (further[-1:] + less[:1])]
    what = f"`{src.key(n)}:`" if src.key(n) else "this line"
    return _at(n, indent, f"{what} is indented {_spaces(indent)}, which lines up with no line above it",
               "line it up " + ", or ".join(choices) if choices else "check its indentation")


def _indented_first_field(e: _Error) -> Explanation | None:
    """"expected <document start>": the file's first field is indented, so the first line back at
    the left margin looks to YAML like the start of a second document."""
    if "document start" not in e.problem:
        return None
    first = next((n for n in range(1, len(e.src.lines) + 1) if e.src.is_content(n)), None)
    if first is None or e.src.indent(first) == 0:
        return None
    return _at(first, 0, f"the file's first field is indented {_spaces(e.src.indent(first))}",
               "top-level fields start at the beginning of the line: remove the spaces before it")


def _cannot_start(e: _Error) -> Explanation | None:
    """A plain text that starts with a character YAML reserves (`@`, `` ` ``, `*`, `|`, `>`, `- `, `? `, `%`)."""
    if "cannot start any token" in e.problem:
        line, col = e.line, e.col
    elif "alias" in e.context or "anchor" in e.context or "tag" in e.context or "block scalar" in e.context:
        line, col = e.context_line, e.context_col
    elif "entries are not allowed" in e.problem or "mapping keys are not allowed" in e.problem:
        line, col = e.line, e.col
    elif "directive" in e.context:
        line, col = e.context_line, e.context_col
    elif "document start" in e.problem:  # pure Python's words for a `%` line
        line = next((n for n, text in enumerate(e.src.lines, 1) if text.startswith("%")), 0)
        col = 0
        if not line:
            return None
    elif "node content" in e.problem:
        line, col = e.line, e.col
    else:
        return None
    text = e.src[line][col:]
    symbol = text[:1]
    key = e.src.key_match(line)
    example = f" {key['key']}: {_quoted(text)}" if key and key.end() <= col else f" {_quoted(text)}"
    if "block scalar" in e.context:
        return _at(line, col, f"after `{symbol}` YAML expects the text on the next lines, not on the same line",
                   f"move the text to the next line, indented, or put it in quotes:{example}")
    return _at(line, col, f"a text that is not in quotes cannot start with `{symbol}`",
               f"put the whole text in quotes:{example}")


def _general(e: _Error) -> Explanation:
    problem = e.problem or e.context or "not valid YAML"
    return _at(e.line, e.col, f"YAML cannot read this line ({problem})",
               "check the indentation, and put text that contains `: ` or ` #`, or starts with a symbol, in quotes")


_RULES: tuple[Callable[[_Error], Explanation | None], ...] = (
    _tab, _unclosed_quote, _unknown_escape, _after_closed_value, _flow, _text_lost_indentation, _missing_colon,
    _mapping_value, _misplaced_line, _indented_first_field, _cannot_start,
)
