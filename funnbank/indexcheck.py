"""The check of a search index before it is published: whole, consistent, and Pagefind's own assets.

A cut or empty index file breaks search without any error at build time (the browser only fails to
load it), so every build reads back the index it is about to swap in:

- `pagefind-entry.json` parses and names, for each language, a `pf_meta` file that exists;
- no file under `pagefind/` is empty, and every gzip file (meta, fragments, index chunks, filters)
  decompresses to its end (a cut file fails its length and checksum);
- every fragment, index chunk and filter file that a meta file names exists;
- the scripts, styles and wasm files equal the ones the installed Pagefind ships.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from funnbank import cbor
from funnbank.errors import BuildError

# Pagefind prefixes the decompressed bytes of each of its files with this signature.
SIGNATURE = b"pagefind_dcd"
COMPRESSED = (".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter")


class IndexCheckError(BuildError):
    """A published search index would be broken; the message names the file."""


def check_index(folder: Path, shipped: Mapping[str, bytes], shown_as: str = "") -> None:
    """Raise `IndexCheckError` naming the first broken file of the index in `folder`.

    `shipped` holds the assets the installed Pagefind ships (`pagefind.shipped_assets`); `shown_as`
    is how `folder` is named in the message (the build checks a temporary folder).
    """
    shown = shown_as or str(folder)

    def fail(name: str, problem: str) -> IndexCheckError:
        return IndexCheckError(f"Search index check failed: {shown}/{name} {problem}; the previous site is unchanged")

    if not folder.is_dir():
        raise fail("", "is missing")
    files = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}
    for name, path in files.items():
        if path.stat().st_size == 0:
            raise fail(name, "is empty")
    decoded: dict[str, bytes] = {}
    for name, path in files.items():
        if name.endswith(COMPRESSED):
            try:
                decoded[name] = gzip.decompress(path.read_bytes())
            except (OSError, EOFError, zlib.error):
                raise fail(name, "is cut short or corrupt (it does not decompress)") from None
            if not decoded[name].startswith(SIGNATURE):
                raise fail(name, "is not a Pagefind file")
    for name, expected in shipped.items():
        if name not in files:
            raise fail(name, "is missing")
        if files[name].read_bytes() != expected:
            raise fail(name, f"differs from the one Pagefind ships ({files[name].stat().st_size} of {len(expected)} bytes)")
    entry_name = "pagefind-entry.json"
    if entry_name not in files:
        raise fail(entry_name, "is missing")
    try:
        languages = json.loads(files[entry_name].read_bytes())["languages"]
        hashes = [language["hash"] for language in languages.values()]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise fail(entry_name, "does not parse as Pagefind's entry file") from None
    for index_hash in hashes:
        meta_name = f"pagefind.{index_hash}.pf_meta"
        if meta_name not in decoded:
            raise fail(meta_name, f"is missing (named by {entry_name})")
        for needed in _files_named_by_meta(decoded[meta_name], meta_name, fail):
            if needed not in files:
                raise fail(needed, f"is missing (named by {meta_name})")


def _files_named_by_meta(data: bytes, name: str, fail: Any) -> list[str]:
    """The fragment, index chunk and filter files a meta file names."""
    try:
        _, pages, chunks, filters = decode_meta(data)[:4]
        return ([f"fragment/{page[0]}.pf_fragment" for page in pages]
                + [f"index/{chunk[2]}.pf_index" for chunk in chunks]
                + [f"filter/{item[1]}.pf_filter" for item in filters])
    except (IndexError, ValueError, TypeError):
        raise fail(name, "does not parse as Pagefind's metadata") from None


def decode_meta(data: bytes) -> list[Any]:
    """A meta file's contents from its decompressed bytes: [version, pages [[hash, words]…], chunks
    [[from, to, hash]…], filters [[name, hash]…], sorts, meta fields] (Pagefind's `MetaIndex`, in CBOR
    after the signature). ValueError when the bytes are not Pagefind's."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind file")
    meta, _ = cbor.decode(data, len(SIGNATURE))
    if not isinstance(meta, list):
        raise ValueError("not Pagefind's metadata")
    return meta
