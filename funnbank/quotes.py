"""Verbatim check: is every quote the exact words of its study's source text?

What matching forgives (whitespace, line-break hyphens) is `sourcetext`'s business.
A quote found verbatim can still be wrong: one that ends with a speaker label
("… Informant 4", "… (Intervju 2)") has swallowed a line of the source that is not
the speaker's words, so it is flagged too.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from funnbank.corpus import Corpus
from funnbank.errors import FunnbankError
from funnbank.model import Study
from funnbank.reader import Document, read_yaml
from funnbank.sourcetext import SourceText, SourceTextError

# How the sources name a speaker after a quote: "Informant 4" on a line of its own,
# "(Intervju 3)", "(4. intervju)", "(informant i gruppe 1)", "(Informanter gruppe 2)".
_ROLE = (r"(?:informant|deltaker|deltager|ansatt|erfaringskonsulent|pasient|respondent|bruker|kursleder|intervju)"
         r"(?:e|er|en|ene|ne|et)?")
_GROUP = r"\s+(?:(?:i|fra)\s+)?gruppe\s*\d+"
_SPEAKER_LABEL_AT_END = re.compile(
    rf"""(?:
        \(\s*(?:{_ROLE}(?:\s*\d+)?(?:{_GROUP})?|\d+\.\s*intervju)\s*\)  # any label in brackets
      | \b{_ROLE}(?:\s*\d+|{_GROUP})                                     # a numbered label
      | (?<=[.!?…»”"])\s+{_ROLE}                                        # a bare label after a sentence
    )[\s.]*$""",
    re.IGNORECASE | re.VERBOSE,
)


class UnknownStudy(FunnbankError):
    pass


def speaker_label_at_end(text: str) -> str | None:
    """The speaker label `text` ends with, if it ends with one."""
    match = _SPEAKER_LABEL_AT_END.search(text)
    return match.group(0).strip() if match else None


@dataclass
class Verification:
    """What `verify` found: one block of lines per miss or flag, in file order."""

    total: int = 0
    misses: int = 0
    labels: int = 0
    report: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"{self.total - self.misses} of {self.total} quotes found verbatim; {self.misses} miss(es)."

    @property
    def ok(self) -> bool:
        return not self.misses and not self.labels


def select_studies(corpus: Corpus, study_id: str | None) -> tuple[Study, ...]:
    """All studies, or the one with `study_id`."""
    if study_id is None:
        return corpus.studies
    ids = [s.id for s in corpus.studies]
    if study_id not in ids:
        close = difflib.get_close_matches(study_id, ids, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else f"; the studies are: {', '.join(ids)}"
        raise UnknownStudy(f"no study with id {study_id!r}{hint}")
    return (corpus.study(study_id),)


def load_sources(corpus: Corpus, studies: tuple[Study, ...], sources_dir: Path) -> dict[str, SourceText]:
    """The source text of each study that has quotes; one line per study whose source is missing."""
    if not sources_dir.is_dir():
        raise SourceTextError(f"source folder {sources_dir} not found "
                              "(pass --sources DIR, the folder of plain-text source files, e.g. ../shared/seeds)")
    sources: dict[str, SourceText] = {}
    problems = []
    for study in studies:
        if not study.quotes:
            continue
        if study.source_text is None:
            problems.append(_study_document(corpus, study).problem(
                ("source_text",), f"the study has {len(study.quotes)} quote(s) but no source_text",
                "add `source_text:` with the file name of its plain-text extraction"))
        elif not (sources_dir / study.source_text).is_file():
            problems.append(_study_document(corpus, study).problem(
                ("source_text",), f"{study.source_text} is not in {sources_dir}",
                "check the file name, or pass the right --sources folder"))
        else:
            sources[study.id] = SourceText.load(sources_dir / study.source_text)
    if problems:
        raise SourceTextError("\n".join(str(p) for p in problems))
    return sources


def verify(corpus: Corpus, sources_dir: Path, study_id: str | None = None) -> Verification:
    """Check each quote (of one study, or of all): verbatim in its source, and not ending with a speaker label."""
    studies = select_studies(corpus, study_id)
    sources = load_sources(corpus, studies, sources_dir)
    result = Verification()
    for study in studies:
        result.total += len(study.quotes)
        doc: Document | None = None
        for i, quote in enumerate(study.quotes):
            source = sources[study.id]
            where = ("quotes", i, "text")
            if not source.contains(quote.text):
                doc = doc or _study_document(corpus, study)
                result.misses += 1
                result.report.append(str(doc.problem(where, f"quote {quote.id} not found verbatim in {source.name}")))
                result.report.extend(source.describe_nearest(quote.text))
            elif label := speaker_label_at_end(quote.text):
                doc = doc or _study_document(corpus, study)
                result.labels += 1
                result.report.append(str(doc.problem(
                    where, f"quote {quote.id} ends with «{label}», a speaker label from the source",
                    "end the text before it; the speaker goes in `speaker:`")))
    return result


def _study_document(corpus: Corpus, study: Study) -> Document:
    # The model keeps no line numbers; the file is read again for them (only when a problem is reported).
    return read_yaml(corpus.files[("study", study.id)])
