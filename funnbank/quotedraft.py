"""Paste-ready YAML for a new quote, cut from a source text (`python build.py quote`).

The maintainer gives a quote's first (and last) words; the passage between them is
joined exactly as the verbatim check reads the source, so the text printed here is
one `verify-quotes` accepts.
"""

from __future__ import annotations

import difflib
import textwrap
from pathlib import Path

import yaml

from funnbank import vocab
from funnbank.corpus import Corpus
from funnbank.errors import FunnbankError
from funnbank.quotes import speaker_label_at_end
from funnbank.sourcetext import MAX_PASSAGE_CHARS, SourceText, SourceTextError, Span

WIDTH = 88  # of a folded text line, indentation not counted
CONTEXT = 200  # characters around a passage that tell a repeated report from a repeated phrase


class PassageNotFound(FunnbankError):
    pass


class AmbiguousPassage(FunnbankError):
    pass


def resolve_source(name: str, sources_dir: Path) -> Path:
    """`name` as a path, else as a file name in `sources_dir`."""
    for path in (Path(name), sources_dir / name):
        if path.is_file():
            return path
    known = sorted(p.name for p in sources_dir.glob("*.txt")) if sources_dir.is_dir() else []
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]}?" if close else (f"; it has {', '.join(known)}" if known else "")
    where = f"in {sources_dir}" if sources_dir.is_dir() else f"in {sources_dir} (no such folder; pass --sources DIR)"
    raise SourceTextError(f"source text {name} not found, neither as a path nor {where}{hint}")


def find_passage(source: SourceText, first_words: str, last_words: str | None) -> tuple[Span, list[Span]]:
    """The one passage from `first_words` to `last_words`, and any verbatim repeats of it elsewhere.

    A source that repeats itself (one report appears twice in its file) gives the same
    passage, in the same surroundings, twice: that is not ambiguous, the first is taken.
    """
    found = source.passages(first_words, last_words)
    if not found:
        raise PassageNotFound(_not_found(source, first_words, last_words))
    places = {(span.text, source.before(span, CONTEXT), source.after(span, CONTEXT)) for span in found}
    if len(places) > 1:
        listing = [f"  {span.lines}: «{textwrap.shorten(span.text, 80, placeholder=' …')}» "
                   f"{textwrap.shorten(source.after(span, 50), 50, placeholder=' …')}" for span in found[:12]]
        more = [f"  … and {len(found) - 12} more"] if len(found) > 12 else []
        raise AmbiguousPassage("\n".join([
            f"{len(found)} passages in {source.name} match; give more first words (or last words) to pick one:",
            *listing, *more]))
    return found[0], found[1:]


def _not_found(source: SourceText, first_words: str, last_words: str | None) -> str:
    starts = source.passages(first_words) if last_words else []
    if starts:
        message = (f"last words «{last_words}» not found within {MAX_PASSAGE_CHARS:,} characters after "
                   f"the first words ({starts[0].lines}) in {source.name}")
        words = last_words or ""
    else:
        message, words = f"first words «{first_words}» not found verbatim in {source.name}", first_words
    return "\n".join([message, *source.describe_nearest(words)])


def draft(source: SourceText, passage: Span, repeats: list[Span], quote_id: str, study_id: str | None) -> str:
    """The YAML for one `quotes:` item, with TODO comments for what only a person can fill in."""
    whose = f" (study {study_id})" if study_id else ""
    notes = [f"{source.name}, {passage.lines}{whose}"]
    if repeats:
        also = ", ".join(span.lines for span in repeats)
        notes.append(f"the source repeats itself: the same passage is also at {also}")
    notes += [f"the text runs over a page break and so holds the page number {mark.number} (source line "
              f"{mark.line}), which the check does not skip: end the quote before that line"
              for mark in source.page_numbers_within(passage.first_line, passage.last_line)]
    label = speaker_label_at_end(passage.text)
    if label:
        notes.append(f"the text ends with «{label}», a speaker label: give last words before it")
    after = textwrap.shorten(source.after(passage, 60), 60, placeholder=" …")
    fields = [
        *text_field(passage.text),
        f"speaker:  # TODO: as the report names them; the source goes on «{after}»",
        f"speaker_role:  # TODO: {' | '.join(vocab.SPEAKER_ROLES)}",
        "finding:  # TODO: id of the finding it illustrates",
        f"location: {_location(source, passage)}",
    ]
    item = [f"- id: {quote_id}", *(f"  {line}" for line in fields)]
    return "\n".join([f"# {note}" for note in notes] + [f"  {line}" for line in item])


def text_field(text: str) -> list[str]:
    """`text:` as a folded block scalar (`>-`), or double-quoted where folding would not give `text` back."""
    lines = textwrap.wrap(text, WIDTH, break_long_words=False, break_on_hyphens=False)
    folded = ["text: >-", *(f"  {line}" for line in lines)]
    if _reads_back("\n".join(folded)) == text:
        return folded
    quoted = yaml.dump(text, default_style='"', allow_unicode=True, width=10**6).rstrip("\n")
    return [f"text: {quoted}"]


def _reads_back(field_yaml: str) -> object:
    try:
        return yaml.safe_load(field_yaml)["text"]
    except yaml.YAMLError:
        return None


def _location(source: SourceText, passage: Span) -> str:
    page = source.page(passage.first_line, passage.last_line)
    if page is not None:
        mark = page.evidence
        return f"{page}  # page number {mark.number} on source line {mark.line}; check against the PDF"
    heading = source.heading_before(passage.first_line)
    if heading is not None:
        return f"{heading}  # heading «{heading.number} {heading.title}» on source line {heading.line}"
    return " # TODO: no page number or numbered heading near the passage; as the report shows it"


def study_using(corpus: Corpus | None, source_name: str) -> tuple[str | None, str]:
    """The study whose `source_text` is `source_name`, and the next free quote id in it."""
    study = next((s for s in corpus.studies if s.source_text == source_name), None) if corpus else None
    if study is None:
        return None, "q1  # TODO: the next free quote id in the study"
    taken = {q.id for q in study.quotes}
    number = len(taken) + 1
    while f"q{number}" in taken:
        number += 1
    return study.id, f"q{number}"
