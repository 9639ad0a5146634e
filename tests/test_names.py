"""A study's short name and a location in the edition's words (funnbank.names)."""

from __future__ import annotations

import pytest

from funnbank.model import Study
from funnbank.names import location_in, short_name


@pytest.mark.parametrize(("location", "english"), [
    ("s. 19", "p. 19"),
    ("s. 12–13 (kap. 3.2)", "pp. 12–13 (ch. 3.2)"),
    ("Forord (før s. 1); s. 3 (kap. 1.2)", "Preface (before p. 1); p. 3 (ch. 1.2)"),
    ("kap. 4.1 og 4.2; vedlegg 2", "ch. 4.1 and 4.2; appendix 2"),
    ("Forord (s. iii)", "Preface (p. iii)"),
])
def test_a_location_reads_in_english_in_the_english_edition(location: str, english: str) -> None:
    assert location_in(location, "en") == english
    assert location_in(location, "nb") == location
    assert location_in(location, "de") == location  # a language without its words keeps the source's


def _study(**fields: object) -> Study:
    return Study.model_validate({"id": "s", "title": "Et langt navn på en studie som forteller alt om seg selv",
                                 "title_en": "A long title", "type": "report",
                                 "service": {"name": "S", "kind": "other"}, "summary": {"nb": "S"},
                                 "findings": [{"id": "f", "title": "F", "summary": {"nb": "F"}}], **fields})


def test_the_short_name_in_each_language_and_the_shortened_title_without_one() -> None:
    named = _study(short_name={"nb": "Kort", "en": "Short"})
    assert (short_name(named, "nb"), short_name(named, "en"), short_name(named, "de")) == ("Kort", "Short", "Kort")
    unnamed = _study()
    assert short_name(unnamed, "nb") == "Et langt navn på en studie som …"
    assert len(short_name(unnamed, "nb")) <= 40 and short_name(unnamed, "en") == "A long title"


def test_a_short_name_over_40_characters_is_refused() -> None:
    with pytest.raises(ValueError, match="at most 40 characters"):
        _study(short_name={"nb": "x" * 41})
