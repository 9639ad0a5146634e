"""Run MkDocs on the generated Markdown and put the result in place atomically.

MkDocs builds into a fresh folder beside the output; only when it succeeds
does that folder take the output's place, in one `renameat2(RENAME_EXCHANGE)`
on Linux (both names always exist, each entirely old or entirely new) or two
renames elsewhere. A failed or interrupted build leaves the previous site as
it was and removes its own temporary folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from funnbank.errors import BuildError

TMP_PREFIX = ".funnbank-tmp-"
# Beside the generated Markdown (`build/`): Material's templates, compiled (`_theme_for_rebuilds`).
TEMPLATE_CACHE = ".template-cache"


class _Collect(logging.Handler):
    """Keep MkDocs' warnings to show them as ours, instead of its INFO chatter."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _NotDirtyWarning(logging.Filter):
    """Drop MkDocs' warning that a dirty build may have stale navigation: it does not apply to ours
    (`incremental`: the navigation lists section pages by their configured titles, and only pages whose
    Markdown is unchanged are skipped), and in strict mode any warning fails the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def mkdocs_build(config_file: Path, docs_dir: Path, site_dir: Path, extra: dict[str, Any] | None = None,
                 dirty: bool = False) -> None:
    """`mkdocs build --strict` of `docs_dir` into `site_dir`; raise BuildError with MkDocs' warnings.

    `extra` is added to the configuration's `extra` (what the theme reads on pages that have no front
    matter of ours, such as the 404 page). With `dirty`, a page whose output in `site_dir` is newer
    than its Markdown is not rendered again (`funnbank.incremental` puts those outputs there)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    previous_level, previous_propagate = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    not_dirty = _NotDirtyWarning()
    build_logger = logging.getLogger("mkdocs.commands.build")
    build_logger.addFilter(not_dirty)
    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir.resolve()),
                             site_dir=str(site_dir.resolve()), strict=True)
        config["extra"].update(extra or {})
        _theme_for_rebuilds(config, docs_dir.resolve().parent / TEMPLATE_CACHE)
        build(config, dirty=dirty)
    except MkDocsException as err:
        details = "\n".join(f"  {m}" for m in handler.messages) or f"  {err}"
        raise BuildError(f"MkDocs failed (strict mode):\n{details}") from None
    finally:
        build_logger.removeFilter(not_dirty)
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
        logger.propagate = previous_propagate


def preload_mkdocs() -> None:
    """Import MkDocs and its theme, and list the theme's files, now: the editions' processes forked after
    this (`parallel`) start with them, which in the preview (`serve`, one long-lived process) saves every
    rebuild the import and the listing."""
    import material
    import mkdocs.commands.build
    import mkdocs.config  # noqa: F401

    for package in (material, mkdocs):
        _listing(os.path.join(os.path.dirname(package.__file__), "templates"))


# The files of the installed themes' template folders, listed once per process (and before the editions'
# processes are forked: `preload_mkdocs`). MkDocs lists every file of the theme on every build to find the
# assets to copy: 14,513 for Material, its icons included, a fifth of a small rebuild. A folder of the site's
# own (the overrides, `custom_dir`) is listed afresh each time: it may change while `serve` runs.
_LISTINGS: dict[str, list[str]] = {}


def _listing(folder: str) -> list[str]:
    key = os.path.realpath(folder)
    if key not in _LISTINGS:
        import jinja2

        _LISTINGS[key] = jinja2.FileSystemLoader(folder).list_templates()
    return _LISTINGS[key]


def _list_theme_files(loader: Any, custom_dir: str | None) -> list[str]:
    """What `loader.list_templates()` gives (each folder's files, relative, in one sorted list), with the
    installed themes' folders listed from memory."""
    import jinja2

    own = os.path.realpath(custom_dir) if custom_dir else None
    found: set[str] = set()
    for folder in loader.searchpath:
        fixed = os.path.realpath(folder) != own
        found.update(_listing(folder) if fixed else jinja2.FileSystemLoader(folder).list_templates())
    return sorted(found)


def _theme_for_rebuilds(config: Any, folder: Path) -> None:
    """Give the theme's Jinja environment a bytecode cache in `folder`, so Material's templates are compiled
    once rather than in every build (a quarter of a one-page rebuild), and its list of the theme's files
    from memory (`_list_theme_files`). Jinja keys each cached template by its source's checksum and writes
    the cache atomically, so a changed template is compiled again and two editions' processes can share
    it. The pages MkDocs writes are the same with or without either."""
    import jinja2

    make_env = config.theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        loader = env.loader
        loader.list_templates = lambda: _list_theme_files(loader, config.theme.custom_dir)  # type: ignore[union-attr]
        return env

    config.theme.get_env = get_env


@contextlib.contextmanager
def staging_dir(out_dir: Path, in_background: bool = False) -> Iterator[Path]:
    """A temporary folder beside `out_dir` (same file system, so the swap is a rename); removed afterwards,
    `in_background` by a thread of its own (the process waits for it before it exits), so that a caller
    waiting for the new site (the preview's reload) does not wait for the previous one to be removed."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=out_dir.parent))
    try:
        yield tmp
    finally:
        if in_background:
            threading.Thread(target=shutil.rmtree, args=(tmp,), kwargs={"ignore_errors": True}).start()
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def swap_into_place(new: Path, out_dir: Path) -> None:
    """Make `new` become `out_dir`; afterwards `new` holds the previous site (or nothing)."""
    if not out_dir.exists():
        os.rename(new, out_dir)
        new.mkdir()  # so the staging cleanup has something to remove
        return
    if _exchange(new, out_dir):
        return
    old = new.with_name(new.name + "-old")
    os.rename(out_dir, old)
    os.rename(new, out_dir)
    os.rename(old, new)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with Linux's renameat2; False where it is not available."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0
