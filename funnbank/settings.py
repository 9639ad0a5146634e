"""The project's settings (`[tool.funnbank]` in its `pyproject.toml`) and the site's own page templates.

A site can replace any built-in page template (`templates/pages/*.md.j2`) by putting a file of the
same name in a folder of its own, given as `templates = "DIR"` under `[tool.funnbank]` (relative to
the project folder) or with `--templates DIR` (which wins). Jinja looks in that folder first, so an
included partial (`_quote.md.j2`) is replaced the same way, and an override may include partials of
its own (names starting with `_`). Any other name there that is not a built-in template, or a
language version of one (`guide.de.md.j2` beside `guide.md.j2`), is an error: a misspelt override
would otherwise be ignored without a word.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from funnbank.kinds import KINDS
from funnbank.errors import FunnbankError

PYPROJECT = "pyproject.toml"
TEMPLATE_SUFFIX = ".md.j2"
# Every key `[tool.funnbank]` may hold, with what it means (the README documents each; a test checks).
SETTINGS = {
    "templates": "folder whose page templates replace the built-in ones (templates/pages/) by name",
}


class SettingsError(FunnbankError):
    """A setting, or the templates folder it names, is wrong."""


@dataclass(frozen=True)
class Settings:
    templates: Path | None = None  # the site's own page templates (the project folder joined to the setting)


def load_settings(project_dir: Path) -> Settings:
    """`[tool.funnbank]` from `project_dir/pyproject.toml`; the defaults when there is none."""
    file = project_dir / PYPROJECT
    if not file.is_file():
        return Settings()
    try:
        table = tomllib.loads(file.read_text(encoding="utf-8")).get("tool", {}).get("funnbank", {})
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"{file}: not valid TOML: {err}") from None
    if not isinstance(table, dict):
        raise SettingsError(f"{file}: [tool.funnbank] must be a table")
    for key in table:
        if key not in SETTINGS:
            raise SettingsError(f"{file}: [tool.funnbank] has no setting `{key}`{_did_you_mean(key, SETTINGS)}; "
                                f"the settings are: {', '.join(SETTINGS)}")
    templates = table.get("templates")
    if templates is None:
        return Settings()
    if not isinstance(templates, str) or not templates.strip():
        raise SettingsError(f"{file}: [tool.funnbank] templates must be a folder path in quotes, "
                            f'e.g. templates = "site-templates"')
    return Settings(templates=project_dir / templates)


def resolve_overrides(option: Path | None, settings: Settings) -> Path | None:
    """The templates folder to use: `--templates` beats the setting. A folder that is not there is an error
    naming where it was given (the command line calls this before anything is read or built)."""
    if option is not None:
        folder, given = option, "--templates"
    elif settings.templates is not None:
        folder, given = settings.templates, f"[tool.funnbank] templates in {PYPROJECT}"
    else:
        return None
    if not folder.is_dir():
        raise SettingsError(f"templates folder {folder} (from {given}) does not exist or is not a folder")
    return folder


def template_folders(builtin: Path, overrides: Path | None) -> list[Path]:
    """Where Jinja looks for page templates, first match wins: `overrides`, then the built-in folder."""
    if overrides is None:
        return [builtin]
    if not overrides.is_dir():
        raise SettingsError(f"templates folder {overrides} does not exist or is not a folder")
    # A kind registered by the site (`kinds.register`) brings its own page templates here.
    kind_templates = {t for kind in KINDS.values() for t in (kind.template, kind.section_template) if t}
    names = sorted({p.name for p in builtin.glob(f"*{TEMPLATE_SUFFIX}")} | kind_templates)
    pages = {_page(name) for name in names}
    for path in sorted(overrides.glob(f"*{TEMPLATE_SUFFIX}")):
        if not path.name.startswith("_") and _page(path.name) not in pages:
            raise SettingsError(f"{path}: replaces no built-in template{_did_you_mean(path.name, names)}; an "
                                f"override has the name of a template in {builtin}/ (or of a language version of "
                                "one, such as guide.de.md.j2) or of a registered kind's page, and a partial of the "
                                "site's own starts with `_`")
    return [overrides, builtin]


def _page(name: str) -> str:
    """`guide` for `guide.md.j2` and for its language versions (`guide.en.md.j2`, which it includes)."""
    return name.split(".", 1)[0]


def _did_you_mean(given: str, names: Iterable[str]) -> str:
    close = difflib.get_close_matches(given, list(names), n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""
