"""What the readers' page about the bank shows that is computed: the corpus in numbers, the kinds of
service its studies evaluate, the date of the content's last change, and the bank's own reference.

The page's prose is in `templates/pages/about.<lang>.md.j2`; templates call these as globals
(`TEMPLATE_GLOBALS`, registered in `render.make_environment`). The date is found once per build by
`last_change` (called in `pipeline.generate`) and reaches the templates as `last_change`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from funnbank import vocab
from funnbank.corpus import Corpus
from funnbank.markup import count, escape_chars
from funnbank.model import Study


@dataclass(frozen=True)
class CorpusCounts:
    studies: int
    findings: int  # sub-findings included, as on the study pages
    quotes: int
    recommendations: int
    themes: int
    concepts: int


def corpus_counts(corpus: Corpus) -> CorpusCounts:
    studies = corpus.studies
    return CorpusCounts(
        studies=len(studies),
        findings=sum(len(s.findings) for s in studies),
        quotes=sum(len(s.quotes) for s in studies),
        recommendations=sum(len(s.recommendations) for s in studies),
        themes=len(corpus.themes),
        concepts=len(corpus.concepts),
    )


# The page names at most this many studies of each kind of service (the studies index lists them all),
# so its size does not grow with the corpus.
STUDIES_SHOWN_PER_SERVICE = 5


@dataclass(frozen=True)
class ServiceKind:
    kind: str  # a `service_kind` vocabulary key
    count: int  # how many studies evaluate this kind of service
    shown: Sequence[Study]  # the first STUDIES_SHOWN_PER_SERVICE of them, newest first


def studies_by_service(newest_first: Sequence[Study]) -> list[ServiceKind]:
    """The kinds of service the studies evaluate (given newest first: `ix.studies_newest_first`): only
    kinds some study has, in the vocabulary's order, so the list reads the same in every edition."""
    kinds = []
    for kind in vocab.SERVICE_KINDS:
        studies = [s for s in newest_first if s.service.kind == kind]
        if studies:
            kinds.append(ServiceKind(kind, len(studies), studies[:STUDIES_SHOWN_PER_SERVICE]))
    return kinds


# --- the date of the last change -----------------------------------------------------------------

def last_change(content: Path, environ: Mapping[str, str] = os.environ) -> date:
    """When the content last changed: `SOURCE_DATE_EPOCH` when set (reproducible builds: the same
    date on every machine), else the date of the last commit touching the content folder, else the
    newest modification time in it (a copy outside git, or no git at all)."""
    return _epoch_date(environ) or _git_date(content) or _newest_file_date(content)


def _epoch_date(environ: Mapping[str, str]) -> date | None:
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    # A value that is not a whole number is ignored, as if unset, rather than stopping the build:
    # the date is one line on one page.
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=UTC).date()


def _git_date(content: Path) -> date | None:
    """The committer date of the last commit touching `content`; None, quietly, without git, outside
    a repository, or when the folder has no commit (a new, untracked content folder)."""
    try:
        result = subprocess.run(["git", "-C", str(content), "log", "-1", "--format=%cs", "--", "."],
                                capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    try:
        return date.fromisoformat(result.stdout.strip()) if result.returncode == 0 else None
    except ValueError:
        return None


def _newest_file_date(content: Path) -> date:
    # The folder itself counts too, so an empty folder still has a date (when it was made or emptied).
    # os.walk rather than Path.rglob: at 1,000 studies rglob's paths take a quarter of a second.
    newest = content.stat().st_mtime
    for folder, subfolders, files in os.walk(content):
        for name in (*subfolders, *files):
            newest = max(newest, os.stat(os.path.join(folder, name)).st_mtime)
    return datetime.fromtimestamp(newest, tz=UTC).date()


# --- dates and numbers in the edition's words ----------------------------------------------------

def _date_text(context: Context, day: date, pattern: str) -> str:
    t = context["t"]
    return t[pattern].format(day=day.day, month=t.months.split()[day.month - 1], year=day.year)


@pass_context
def long_date(context: Context, day: date) -> Markup:
    """The date in the edition's words ("2. desember 2026", "2 December 2026"), in a `<time>` element
    that gives it to machines as well."""
    return Markup(f'<time datetime="{day.isoformat()}">{escape_chars(_date_text(context, day, "date_long"))}</time>')


@pass_context
def bank_reference(context: Context, day: date | None) -> Markup:
    """The bank's own reference, after APA 7 for a continuously updated work: the name, the date of
    the last change (left out when unknown) and the title."""
    t = context["t"]
    parts = [f"{escape_chars(t.site_name)}."]
    if day is not None:
        parts.append(f"({escape_chars(_date_text(context, day, 'date_reference'))}).")
    parts.append(f"*{escape_chars(t.site_name)}: {escape_chars(t.tagline)}*.")
    return Markup(" ".join(parts))


TEMPLATE_GLOBALS = {
    "corpus_counts": corpus_counts,
    "studies_by_service": studies_by_service,
    "long_date": long_date,
    "bank_reference": bank_reference,
    "count": count,
}
