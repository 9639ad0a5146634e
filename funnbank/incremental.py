"""Incremental builds: the previous site's HTML is reused for every page whose generated Markdown
did not change, so MkDocs renders only the pages an edit touched.

A build leaves a manifest beside the generated Markdown (`build/last-build.json`): a digest of every
generated file of every edition, the site it built, and a fingerprint of everything else a page's HTML
depends on (templates, theme overrides, MkDocs configuration, the funnbank code, the versions of the
packages that render). The next build compares its own digests with the manifest's. A page whose
Markdown is unchanged is hard-linked from the previous site into the staged one; MkDocs (`dirty`) then
skips it, because its output exists and is newer than its source, and renders the rest into the staged
folder. MkDocs never writes into a linked file: it writes only pages whose output is missing, and a
page is linked only when its output is newer than its Markdown (`reusable`). So the published site is
never touched, the atomic swap stays as it is, and a page that was removed is simply not linked.

This holds because a page's HTML depends only on its own Markdown, the navigation (which lists only
section pages, by their titles in the configuration) and the fingerprinted parts. Site-wide files
(sitemap, 404 page, theme assets, the search index) are written afresh every time.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

# The packages whose version changes the HTML (or the search index) of an unchanged page.
RENDERING_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pagefind", "jinja2")
FUNNBANK_CODE = Path(__file__).resolve().parent

Digests = dict[str, dict[str, str]]  # edition language → generated file (POSIX path) → digest


def digest(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def fingerprint(inputs: Iterable[Path]) -> str:
    """One digest of the files (or folders of files) in `inputs`, the funnbank code and the installed
    versions of the rendering packages: what, besides a page's own Markdown, shapes its HTML."""
    h = hashlib.blake2b(digest_size=16)
    for folder_or_file in [*inputs, FUNNBANK_CODE]:
        files = sorted(folder_or_file.rglob("*")) if folder_or_file.is_dir() else [folder_or_file]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for package in RENDERING_PACKAGES:
        try:
            h.update(f"{package}={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{package}=none\0".encode())
    return h.hexdigest()


@dataclass(frozen=True)
class Manifest:
    """What the site at `out` was built from."""

    fingerprint: str
    # The site's folder: its identity on disk (device and inode, `folder_identity`), which the swap moves
    # with the folder. So a site replaced since (another build, a crash between the swap and the
    # manifest's writing) is never mistaken for the one described here.
    site: str
    digests: Digests

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({"fingerprint": self.fingerprint, "site": self.site, "digests": self.digests}),
                       encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        """The manifest at `path`, or None when there is none or it cannot be read (then: a full build)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(str(data["fingerprint"]), str(data["site"]), dict(data["digests"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None


def folder_identity(folder: Path) -> str:
    """The folder's device and inode: the same after a rename, another for any other folder."""
    try:
        info = folder.stat()
    except OSError:
        return ""
    return f"{info.st_dev}:{info.st_ino}"


def manifest_path(docs: Path) -> Path:
    """`build/last-build.json` for the default `build/docs`: beside the generated folders, never inside one."""
    return docs.parent / f"last-{docs.name}-build.json" if docs.name != "docs" else docs.parent / "last-build.json"


def previous_build(manifest: Manifest | None, current_fingerprint: str, out: Path) -> Manifest | None:
    """The previous build to reuse, or None when the build must be full: no manifest, another site,
    a site no longer there, or a change of template, theme, configuration, code or package version."""
    if manifest is None or manifest.fingerprint != current_fingerprint:
        return None
    if not manifest.site or manifest.site != folder_identity(out):
        return None
    return manifest


def output_of(source: str) -> str:
    """Where MkDocs (`use_directory_urls`) writes a generated file: `a/b.md` → `a/b/index.html`,
    `a/index.md` → `a/index.html`; any other file is copied as it is."""
    path = PurePosixPath(source)
    if path.suffix != ".md":
        return source
    if path.stem in ("index", "README"):
        return (path.parent / "index.html").as_posix()
    return (path.parent / path.stem / "index.html").as_posix()


@dataclass(frozen=True)
class Reuse:
    """The outputs an edition's build takes from the previous site: `files` maps each output (relative to
    the edition's folder) to its generated source, both relative; `old` is the edition's previous folder."""

    old: Path
    docs: Path
    files: Mapping[str, str]


def reuse_plan(previous: Mapping[str, str], current: Mapping[str, str], old: Path, docs: Path) -> Reuse:
    """Every generated file whose digest is the previous build's: its output can be taken over."""
    same = {output_of(source): source for source, d in current.items() if previous.get(source) == d}
    return Reuse(old, docs, same)


def link_reusable(reuse: Reuse, out: Path) -> int:
    """Hard-link the reusable outputs from the previous site into `out`; return how many of them are pages.

    An output that is missing, or not newer than its source (the source was rewritten since, even with the
    same bytes), is left for MkDocs to render: MkDocs opens an existing output in place, so it must never
    find a linked file it wants to write."""
    linked = 0
    made: set[Path] = set()  # folders made already: asking again costs a system call per page
    for output, source in reuse.files.items():
        old, target = reuse.old / output, out / output
        try:
            if old.stat().st_mtime <= (reuse.docs / source).stat().st_mtime:
                continue
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            os.link(old, target)
        except OSError:  # gone, or a file system without hard links: MkDocs renders it
            continue
        linked += source.endswith(".md")
    return linked
