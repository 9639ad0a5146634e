"""Short page names in the search index (`pagenames`): each page keeps its fragment and its place, and
the metadata a first search loads shrinks. (That a search still finds and shows every kind of result
with these names is the browser tests' part: `test_search.py`.)"""

from __future__ import annotations

import gzip
import json
import re
from typing import Any

import pytest

from funnbank import cbor, pagefind
from funnbank.indexcheck import SIGNATURE, decode_meta
from funnbank.pagenames import ENTRY, shorten_page_names

from conftest import BuiltSite

SHORT_NAME = re.compile(r"[0-9a-f]{6}[0-9a-z]+")


def _records(count: int, word: str = "tilhørighet") -> list[pagefind.Document]:
    return [pagefind.IndexRecord(f"/studier/s{n}/#f{n}", f"{word} funn nummer {n} " * (1 + n % 5),
                                 {"title": f"Funn {n}"}, {"type": ["Funn" if n % 2 else "Sitat"]})
            for n in range(count)]


def _meta(files: dict[str, bytes]) -> tuple[str, list[Any]]:
    (language,) = json.loads(files[ENTRY])["languages"].values()
    name = f"pagefind.{language['hash']}.pf_meta"
    return name, decode_meta(gzip.decompress(files[name]))


@pytest.fixture(scope="module")
def index() -> dict[str, bytes]:
    return pagefind.build_index("nb", [], _records(300))


def test_each_page_keeps_its_fragment_its_place_and_its_word_count(index: dict[str, bytes]) -> None:
    renamed = shorten_page_names(index)
    _, before = _meta(index)
    _, after = _meta(renamed)
    assert len(after[1]) == len(before[1]) == 300
    for (old, words), (new, new_words) in zip(before[1], after[1]):
        assert SHORT_NAME.fullmatch(new) and not SHORT_NAME.fullmatch(old)
        assert new_words == words
        assert renamed[f"fragment/{new}.pf_fragment"] == index[f"fragment/{old}.pf_fragment"]
    assert len({name for name, _ in after[1]}) == 300
    # Everything else in the metadata is Pagefind's: chunks, filters, sorts and meta fields refer to pages
    # by number, and the numbers did not change.
    assert after[0] == before[0] and after[2:] == before[2:]
    # Nothing is left under an old name; every other file is Pagefind's, byte for byte.
    fragments = {name for name in renamed if name.startswith("fragment/")}
    assert fragments == {f"fragment/{new}.pf_fragment" for new, _ in after[1]}
    others = {name for name in index if not name.startswith("fragment/") and not name.endswith(".pf_meta")}
    assert {name for name in renamed if not name.startswith("fragment/") and not name.endswith(".pf_meta")} == others
    assert all(renamed[name] == index[name] for name in others - {ENTRY})


def test_pages_that_share_a_fragment_keep_sharing_one(index: dict[str, bytes]) -> None:
    # Pagefind gives pages of the same content one name (and one fragment); here the second page is made
    # a copy of the first in the metadata, as Pagefind would list it.
    name, meta = _meta(index)
    first, second = meta[1][0][0], meta[1][1][0]
    meta[1][1][0] = first
    shared = {key: value for key, value in index.items() if key != f"fragment/{second}.pf_fragment"}
    shared[name] = gzip.compress(SIGNATURE + cbor.encode(meta))
    _, after = _meta(shorten_page_names(shared))
    assert after[1][0][0] == after[1][1][0] and len({n for n, _ in after[1]}) == 299


def test_the_metadata_a_first_search_loads_is_smaller(index: dict[str, bytes]) -> None:
    old_name, _ = _meta(index)
    new_name, _ = _meta(shorten_page_names(index))
    old_size, new_size = len(index[old_name]), len(shorten_page_names(index)[new_name])
    # Pagefind's 7 random hex characters a page against a shared tag and a count: at 1,000 studies 160 KB
    # became 85 KB (bench); on these 300 pages the saving is smaller but must be there.
    assert new_size < old_size * 0.8, (old_size, new_size)


def test_the_same_content_gets_the_same_names_and_other_content_other_ones(index: dict[str, bytes]) -> None:
    # Two builds of the same content give the same names and fragments (a build stays byte for byte the
    # same; Pagefind's filter names, and so the metadata, are what may differ, see test_robustness).
    # Another index's names never coincide with these, so a browser's cached fragment of an earlier
    # build is never taken for a page of a later one.
    def fragments(files: dict[str, bytes]) -> dict[str, bytes]:
        return {name: data for name, data in shorten_page_names(files).items() if name.startswith("fragment/")}

    assert fragments(pagefind.build_index("nb", [], _records(300))) == fragments(index)
    other = fragments(pagefind.build_index("nb", [], _records(300, word="bolig")))
    assert other and not set(other) & set(fragments(index))


def test_an_index_of_another_shape_is_left_as_pagefind_wrote_it(index: dict[str, bytes]) -> None:
    name, meta = _meta(index)
    changed = dict(index)
    changed[name] = gzip.compress(SIGNATURE + cbor.encode([meta[0], "pages as something else"]))
    assert shorten_page_names(changed) is changed
    assert shorten_page_names({**index, ENTRY: b"{}"})[ENTRY] == b"{}"


def test_the_built_sites_indexes_have_short_names(fixture_site: BuiltSite) -> None:
    for edition in ("", "en/"):
        folder = fixture_site.path / f"{edition}pagefind"
        files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        _, meta = _meta(files)
        assert meta[1] and all(SHORT_NAME.fullmatch(name) for name, _ in meta[1])


def test_cbor_writes_pagefinds_metadata_back_byte_for_byte(index: dict[str, bytes]) -> None:
    name, meta = _meta(index)
    assert SIGNATURE + cbor.encode(meta) == gzip.decompress(index[name])
    for number in (0, 23, 24, 255, 256, 65_535, 65_536, 2**32 - 1, 2**32, -1, -25):
        assert cbor.decode(cbor.encode([number, "ø" * (number % 300 if number > 0 else 1)]))[0] == \
            [number, "ø" * (number % 300 if number > 0 else 1)]
    with pytest.raises(ValueError):
        cbor.encode({"a map": 1})
