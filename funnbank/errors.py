"""A short exception hierarchy with concrete, located messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, printed as one line a maintainer can act on."""

    path: Path
    line: int
    col: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}:{self.col}:{field} {self.message}{hint}"


class FunnbankError(Exception):
    """Base class: every error the command line reports without a traceback."""


class ContentError(FunnbankError):
    """The content has problems; all of them are listed, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(FunnbankError):
    """The site could not be built (MkDocs failed, or the output could not be written)."""
