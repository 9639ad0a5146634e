"""Read one YAML file safely into plain data plus the line and column of every field.

Only YAML's safe subset is read, and stricter than PyYAML's `safe_load`:

- plain scalars are text unless they are a whole number, `true`/`false` or `null`:
  YAML 1.1's `yes`/`no`/`on`/`off` stay text, so "no" in a title stays "no";
- explicit tags (`!!python/object`, `!custom`, ...), anchors and aliases are
  refused, which also makes alias bombs ("billion laughs") impossible;
- duplicate keys, nesting deeper than `MAX_DEPTH`, more than one document,
  files over `MAX_BYTES` and bytes that are not UTF-8 are refused.

The composer is iterative (driven by PyYAML's event stream), so no input can
exhaust the Python stack. A syntax error is told in plain words at the line the
maintainer must change, which is often not where PyYAML stopped (`yamlerrors`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from funnbank.errors import Problem
from funnbank.yamlerrors import explain

MAX_BYTES = 2_000_000
MAX_DEPTH = 20

Loc = tuple[str | int, ...]
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STR_TAG = "tag:yaml.org,2002:str"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The last document read from each file, with the text it was read from, once `remember_documents()` is on.
# A long-lived process that reads the content again and again (`serve`, after each save) composes only the
# files whose text changed: composing is most of the time a load takes. Nothing changes a Document once
# read, so one can be shared. Off by default: a build reads each file once, and would only hold memory.
_LAST_READ: dict[Path, tuple[str, Document]] = {}
_MEMOS: list[dict[Path, Any]] = [_LAST_READ]  # every memory of documents (`per_document`), to empty them
_MAX_REMEMBERED = 50_000
_remember = False
T = TypeVar("T")


def remember_documents(on: bool = True) -> None:
    """Remember each file's document (and what `per_document` functions made of it) for the next load,
    or (`on=False`) stop and forget: for a process that loads the content after every save (`serve`)."""
    global _remember
    _remember = on
    if not on:
        for memo in _MEMOS:
            memo.clear()


@dataclass
class Document:
    """A file's data and where each value sits (1-based line and column)."""

    path: Path
    data: Any
    locations: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Loc) -> tuple[int, int]:
        """The position of `loc`, or of its nearest ancestor that has one."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.locations:
                return self.locations[loc[:end]]
        return (1, 1)

    def problem(self, loc: Loc, message: str, hint: str = "") -> Problem:
        line, col = self.locate(loc)
        return Problem(self.path, line, col, format_loc(loc), message, hint)


def format_loc(loc: Loc) -> str:
    """`("findings", 2, "summary")` → `findings[2].summary`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def per_document(check: Callable[..., T]) -> Callable[..., T]:
    """`check(doc, *args)`, remembered for each file (and `args`) while its Document is the same one, once
    `remember_documents()` is on. `read_yaml` then hands back the same Document while a file's text is
    unchanged, so a long-lived process that loads the content after every save (`serve`) validates and
    checks again only the files that changed. `check` must depend on the document and `args` alone, and
    its result must not be changed."""
    last: dict[Path, tuple[Document, tuple[Any, ...], T]] = {}  # one entry per file
    _MEMOS.append(last)

    @functools.wraps(check)
    def remembered(doc: Document, *args: Any) -> T:
        if not _remember:
            return check(doc, *args)
        hit = last.get(doc.path)
        if hit is None or hit[0] is not doc or hit[1] != args:
            if len(last) >= _MAX_REMEMBERED:
                last.clear()
            hit = last[doc.path] = (doc, args, check(doc, *args))
        return hit[2]

    return remembered


class ReadError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def read_yaml(path: Path) -> Document:
    """Read `path`; raise `ReadError` with one located problem if it cannot be read."""

    def fail(line: int, col: int, message: str, hint: str = "") -> ReadError:
        return ReadError(Problem(path, line, col, "", message, hint))

    size = path.stat().st_size
    if size > MAX_BYTES:
        raise fail(1, 1, f"file is {size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB",
                   "a study file is normally under 100 kB: is this the right file?")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        raise fail(line, col, f"byte 0x{raw[err.start]:02x} is not UTF-8",
                   "save the file as UTF-8; in most editors: File → Save with encoding") from None
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise fail(1, 1, "file is empty", "start from `python build.py new study|concept|theme <id>`")
    remembered = _LAST_READ.get(path) if _remember else None
    if remembered is not None and remembered[0] == text:
        return remembered[1]
    try:
        doc = _compose(path, yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as err:
        found = explain(text, err, _Loader)
        raise fail(found.line, found.col, found.message, found.hint) from None
    if _remember:
        if len(_LAST_READ) >= _MAX_REMEMBERED:
            _LAST_READ.clear()
        _LAST_READ[path] = (text, doc)
    return doc


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    loc: Loc
    start: Any  # the event that opened the mapping or sequence (for its position)
    key: tuple[str, int, int] | None = None  # a mapping's pending key and its position


def _compose(path: Path, events: Any) -> Document:
    doc = Document(path, None)
    stack: list[_Frame] = []
    documents = 0

    def fail(event: Any, message: str, hint: str) -> ReadError:
        mark = event.start_mark
        return ReadError(Problem(path, mark.line + 1, mark.column + 1, format_loc(_here()), message, hint))

    def _here() -> Loc:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.loc, len(top.container))
        return (*top.loc, top.key[0]) if top.key else top.loc

    def check_node(event: Any) -> None:
        if getattr(event, "anchor", None) is not None:
            raise fail(event, "anchors (&name) are not supported", "write the value out in full")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!", _STR_TAG):
            raise fail(event, f"tag {tag!r} is not allowed", "remove the tag: content files hold plain text, numbers and lists")

    def place(value: Any, event: Any) -> None:
        """Attach a finished value to its parent (or make it the document)."""
        mark = event.start_mark
        pos = (mark.line + 1, mark.column + 1)
        if not stack:
            doc.data = value
            doc.locations[()] = pos
            return
        top = stack[-1]
        if isinstance(top.container, list):
            doc.locations[(*top.loc, len(top.container))] = pos
            top.container.append(value)
        elif top.key is None:
            if not isinstance(value, str) or isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                raise fail(event, "a key must be a plain word", "write keys like `title:`")
            if value in top.container:
                first, _ = doc.locations[(*top.loc, value)]
                # A key that lost its indentation often lands beside one of the same name further out.
                raise fail(event, f"duplicate key {value!r}: it is already on line {first}",
                           "a key may appear once in a mapping: remove or merge one of them, or, if this one "
                           "belongs to the item above, indent it like that item's fields")
            top.key = (value, *pos)
        else:
            key, line, col = top.key
            doc.locations[(*top.loc, key)] = (line, col)
            top.container[key] = value
            top.key = None

    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise fail(event, "more than one YAML document in the file", "remove the extra `---` line")
        elif isinstance(event, yaml.AliasEvent):
            raise fail(event, "aliases (*name) are not supported", "write the value out in full")
        elif isinstance(event, yaml.ScalarEvent):
            check_node(event)
            is_key = bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is None
            place(event.value if is_key else _scalar(event), event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            check_node(event)
            if len(stack) >= MAX_DEPTH:
                raise fail(event, f"nesting deeper than {MAX_DEPTH} levels", "content files are at most a few levels deep")
            container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
            if stack and isinstance(stack[-1].container, dict) and stack[-1].key is None:
                raise fail(event, "a key must be a plain word", "write keys like `title:`")
            stack.append(_Frame(container, _here(), event))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = stack.pop()
            place(frame.container, frame.start)
    if not isinstance(doc.data, dict):
        raise ReadError(Problem(path, 1, 1, "", "the file must be a mapping of fields (`id: ...`, `title: ...`)",
                                "start from `python build.py new study|concept|theme <id>`"))
    return doc


def _scalar(event: Any) -> Any:
    if event.style or event.tag == _STR_TAG:  # quoted, block or tagged !!str: always text
        return event.value
    value = event.value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    return value
