"""Verbatim check: is every quote the exact words of its study's source text?

Matching ignores line breaks and runs of whitespace, and a hyphen only where it
splits a word across a line break ("erfarings-\\nkonsulent" matches
"erfaringskonsulent"). Nothing else is forgiven: not quotation marks, not case,
not punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from funnbank.model import Quote, Study

_LINE_BREAK_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold whitespace runs (line breaks included) to one space."""
    return _WHITESPACE.sub(" ", text).strip()


def source_variants(source: str) -> tuple[str, str]:
    """The source with each line-break hyphen removed, and with it kept but the break folded.

    A hyphen at a line end is either a split word (drop it) or a real compound
    hyphen such as "helse- og" (keep it); a quote may match either reading.
    """
    joined = normalise(_LINE_BREAK_HYPHEN.sub("", source))
    kept = normalise(_LINE_BREAK_HYPHEN.sub("-", source))
    return joined, kept


def is_verbatim(quote_text: str, variants: tuple[str, str]) -> bool:
    needle = normalise(quote_text)
    return any(needle in variant for variant in variants)


@dataclass(frozen=True)
class Miss:
    study: str
    quote: Quote
    reason: str


def check_study(study: Study, sources_dir: Path) -> list[Miss]:
    """The quotes of `study` not found verbatim in its `source_text` under `sources_dir`."""
    if not study.quotes:
        return []
    if study.source_text is None:
        return [Miss(study.id, q, "the study has no source_text") for q in study.quotes]
    path = sources_dir / study.source_text
    if not path.is_file():
        return [Miss(study.id, q, f"source text {path} not found") for q in study.quotes]
    variants = source_variants(path.read_text(encoding="utf-8"))
    return [
        Miss(study.id, q, "not found verbatim in the source text")
        for q in study.quotes
        if not is_verbatim(q.text, variants)
    ]
