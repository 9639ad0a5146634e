"""What the live preview (`build.py serve`) shows when a rebuild fails: the problems, above every page.

`serve` writes the problems of its last rebuild to a small JSON file beside the generated
Markdown (`build/docs.preview-problems.json`), and the preview's server (`previewserver`) puts a
banner with them at the top of each page as it sends it: nothing reaches `site/`, the preview's
built pages or the generated Markdown that a build publishes.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from pathlib import Path

HOOK = Path(__file__)  # what `serve` gives MkDocs as its `hooks:` entry

_BODY_START = re.compile(r"<body[^>]*>")
_BANNER_STYLE = (
    "background:#8c1d18;color:#fff;padding:1em 1.5em;font:0.9rem/1.5 system-ui,sans-serif;"
    "position:relative;z-index:10"
)


def problems_file(docs: Path) -> Path:
    """Where `serve` keeps the problems of its last rebuild of `docs` (outside it, so MkDocs does not publish it)."""
    return docs.with_name(f"{docs.name}.preview-problems.json")


def read_problems(docs: Path) -> list[str]:
    try:
        problems = json.loads(problems_file(docs).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(problem) for problem in problems] if isinstance(problems, list) else []


def write_problems(docs: Path, problems: Sequence[str]) -> None:
    """Record the problems (none: the rebuild succeeded). The file is written only when they change."""
    if read_problems(docs) == list(problems) and problems_file(docs).exists():
        return
    path = problems_file(docs)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(list(problems), ensure_ascii=False, indent=1), encoding="utf-8")


def banner(problems: Sequence[str]) -> str:
    """The banner's HTML. Problems quote content text, so every one is escaped: it shows as typed."""
    items = "".join(f"<li><code>{html.escape(problem)}</code></li>" for problem in problems)
    count = len(problems)
    return (
        f'<div id="funnbank-preview-problems" role="alert" style="{_BANNER_STYLE}">'
        f"<p><strong>Forhåndsvisningen er ikke oppdatert: innholdet har {count} feil. "
        f'<span lang="en">The preview is out of date: {count} problem(s) in the content.</span></strong></p>'
        f'<ul style="margin:0.5em 0;padding-left:1.2em;white-space:pre-wrap">{items}</ul>'
        f"<p>Rett feilen og lagre filen, så lastes siden inn på nytt. "
        f'<span lang="en">Fix it and save the file; this page then reloads.</span></p>'
        f"</div>"
    )


def with_banner(page_html: str, problems: Sequence[str]) -> str:
    """`page_html` with the banner at the top of its body (unchanged when there are no problems)."""
    if not problems:
        return page_html
    start = _BODY_START.search(page_html)
    at = start.end() if start else 0
    return page_html[:at] + banner(problems) + page_html[at:]
