"""Short names for the pages of a Pagefind index, so that the metadata every first search loads stays small.

Pagefind names each indexed page (its fragment file, `fragment/<name>.pf_fragment`) by the first
characters of a hash of its content, and lists every page's name in the metadata file that a search
loads before anything else (`pagefind.<hash>.pf_meta`, Pagefind's `MetaIndex`). Seven random hex
characters do not compress: at 1,000 studies (26,368 pages and records) they made 160 of the 327 KB
that the first search transferred, about 6 bytes per page. Here every page is renamed to its number
in base 36 after a tag that is the same for the whole index ("3f9c1a0", "3f9c1a1", …), which gzip
packs into about 3 bytes per page: 85 KB at 1,000 studies.

The tag is a hash of Pagefind's own names in their order, so it changes whenever any page's content
or the order of the pages changes. A browser that cached `fragment/3f9c1a7.pf_fragment` of an earlier
build therefore never takes it for a page of a later one. The same content gives the same names, so
two builds of it stay byte for byte the same. Pages with the same content, which Pagefind gives one
name, keep sharing one. The index chunks and filters refer to pages by their number, not their name,
and are left as they are; the metadata file gets a new name (the entry file names it) for the same
reason as the fragments.

If the metadata is not in the shape this module knows (a later Pagefind), the index is left as
Pagefind wrote it: a search works with either, only its first load is larger
(`test_the_built_sites_indexes_have_short_names` fails then).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from typing import Any

from funnbank import cbor
from funnbank.indexcheck import SIGNATURE, decode_meta

ENTRY = "pagefind-entry.json"
# Hex characters of the index's tag: enough that two builds' tags differ.
TAG_LENGTH = 6
# Hex characters of the metadata file's own hash, as Pagefind writes it ("nb_f1c6b7f05f").
META_HASH_LENGTH = 10
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def shorten_page_names(files: dict[str, bytes]) -> dict[str, bytes]:
    """The index `files` (by path inside the index folder, as Pagefind gives them) with every page's
    fragment renamed, the metadata listing the new names, and the entry file naming the new metadata."""
    try:
        entry = json.loads(files[ENTRY])
        languages = entry["languages"]
        renamed = dict(files)
        for lang, language in languages.items():
            language["hash"] = _rename_pages(renamed, lang, language["hash"])
    except (KeyError, TypeError, ValueError, AttributeError, OSError, EOFError):
        return files  # not the shape this module knows: Pagefind's own names, which work as well
    renamed[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return renamed


def _rename_pages(files: dict[str, bytes], lang: str, meta_hash: str) -> str:
    """Rename the pages of the metadata `pagefind.<meta_hash>.pf_meta` and their fragments in `files`;
    return the new metadata file's hash."""
    meta = decode_meta(gzip.decompress(files.pop(f"pagefind.{meta_hash}.pf_meta")))
    pages: list[list[Any]] = meta[1]
    tag = hashlib.sha1(" ".join(old for old, _ in pages).encode("utf-8")).hexdigest()[:TAG_LENGTH]
    new_names: dict[str, str] = {}
    for old, _ in pages:
        if old not in new_names:  # pages of the same content share a name, as Pagefind had them
            new_names[old] = tag + _base36(len(new_names))
            files[f"fragment/{new_names[old]}.pf_fragment"] = files.pop(f"fragment/{old}.pf_fragment")
    meta[1] = [[new_names[old], words] for old, words in pages]
    data = SIGNATURE + cbor.encode(meta)
    new_hash = f"{lang}_{hashlib.sha1(data).hexdigest()[:META_HASH_LENGTH]}"
    files[f"pagefind.{new_hash}.pf_meta"] = gzip.compress(data, compresslevel=9, mtime=0)
    return new_hash


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = _DIGITS[digit] + digits
        if number == 0:
            return digits
