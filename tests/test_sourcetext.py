"""Source texts: the two readings, the way back to lines, the nearest passage, pages and headings."""

from __future__ import annotations

import random
import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from funnbank.sourcetext import SourceText, normalise, read


def extraction(*lines: str) -> str:
    """Lines as a PDF extraction gives them: a blank line between each two."""
    return "\n\n".join(lines) + "\n"


def page_of_prose(words: str, lines: int = 8) -> list[str]:
    return [f"{words} linje {i} på siden." for i in range(lines)]


@settings(deadline=None)
@given(st.text(alphabet="ab- \t\n\r\xa0", max_size=40))
def test_each_reading_is_the_checker_formula_and_maps_back_to_the_source(raw: str) -> None:
    hyphen = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")
    for keep, joint in ((False, ""), (True, "-")):
        reading = read(raw, keep_hyphens=keep)
        assert reading.text == normalise(hyphen.sub(joint, raw))
        for offset, char in enumerate(reading.text):
            if not char.isspace():
                assert raw[reading.origin(offset)] == char, (offset, char)


SOURCE = extraction(
    "3.1 Tilhørighet",
    "Det var godt å kom-",
    "me til et sted der",
    "jeg ble sett. Helse-",
    "og sosialfag var nytt for meg.",
)


def test_a_passage_maps_back_to_its_source_lines() -> None:
    source = SourceText(SOURCE, "s.txt")
    [span] = source.passages("godt å komme", "ble sett.")
    assert span.text == "godt å komme til et sted der jeg ble sett."
    assert (span.first_line, span.last_line) == (3, 7)


def test_a_compound_hyphen_before_og_is_kept_and_a_split_word_is_joined() -> None:
    source = SourceText(SOURCE, "s.txt")
    [compound] = source.passages("sett. Helse", "sosialfag")
    assert compound.text == "sett. Helse-og sosialfag"
    [split] = source.passages("å komme til")
    assert split.text == "å komme til"


def test_passages_list_every_start_and_end_at_the_next_last_words() -> None:
    source = SourceText(extraction("Vi møtes. Så går vi hjem.", "Vi møtes igjen. Så går vi hjem igjen."), "s.txt")
    spans = source.passages("Vi møtes", "går vi hjem")
    assert [(s.text, s.first_line) for s in spans] == [
        ("Vi møtes. Så går vi hjem", 1),
        ("Vi møtes igjen. Så går vi hjem", 3),
    ]
    assert source.passages("Vi møtes", "finnes ikke") == []


def test_last_words_may_overlap_the_first_but_not_end_before_them() -> None:
    source = SourceText(extraction("Det er det samarbeidet, dèt er nøkkelen."), "s.txt")
    [span] = source.passages("Det er det samarbeidet", "samarbeidet, dèt er nøkkelen.")
    assert span.text == "Det er det samarbeidet, dèt er nøkkelen."


def test_the_nearest_passage_names_the_first_differing_word_and_its_line() -> None:
    source = SourceText(extraction(
        "Innledning om noe helt annet enn gruppene.",
        "Vi snakket om gruppen hver uke, og det",
        "hjalp meg mye i hverdagen.",
    ), "s.txt")
    nearest = source.nearest("Vi snakket om gruppa hver uke, og det hjalp meg mye i hverdagen.")
    assert nearest is not None
    assert (nearest.passage.first_line, nearest.passage.last_line) == (3, 5)
    assert nearest.passage.text == "Vi snakket om gruppen hver uke, og det hjalp meg mye i hverdagen."
    d = nearest.difference
    assert d is not None and (d.word, d.text_word, d.source_word, d.line) == (4, "gruppa", "gruppen", 3)
    assert "differs at word 4 (source line 3): quote has «gruppa», source has «gruppen»" in nearest.describe()[1]


def test_a_text_that_runs_past_the_source_parts_where_the_source_ends() -> None:
    source = SourceText(extraction("Det var fint å være med. Alltid."), "s.txt")
    nearest = source.nearest("Det var fint å være med. Alltid. Igjen")
    assert nearest is not None and nearest.difference is not None
    assert (nearest.difference.word, nearest.difference.text_word, nearest.difference.source_word) == (8, "Igjen", None)
    assert "quote has «Igjen», source has nothing more" in nearest.describe()[1]
    punctuated = source.nearest("Det var fint å være med, alltid.")
    assert punctuated is not None and punctuated.difference is not None
    assert (punctuated.difference.text_word, punctuated.difference.source_word) == ("med,", "med.")


def test_the_nearest_passage_is_fast_on_a_long_source() -> None:
    rng = random.Random(4)
    vocabulary = [f"ord{i}" for i in range(3_000)] + ["og", "det", "er", "i", "på", "som"] * 200
    lines = [" ".join(rng.choice(vocabulary) for _ in range(12)) for _ in range(2_500)]
    source = SourceText(extraction(*lines), "long.txt")  # 5,000 lines
    started = time.perf_counter()
    for k in range(100):
        at = rng.randrange(0, 2_400)
        words = " ".join(lines[at:at + 3]).split()
        words[7] = "ENDRET"
        nearest = source.nearest(" ".join(words))
        assert nearest is not None and nearest.passage.first_line == 2 * at + 1, k
        assert nearest.difference is not None and nearest.difference.word == 8
    assert time.perf_counter() - started < 10  # some 0.5 s on one core; generous for a busy machine


def numbered_pages(first: int, count: int) -> list[str]:
    """`count` pages of prose, each ended by its page-number line (first, first + 1, ...)."""
    lines: list[str] = []
    for number in range(first, first + count):
        lines += page_of_prose(f"Side{number}")
        lines.append(str(number))
    return lines


def line_of(source: SourceText, words: str) -> int:
    [span] = source.passages(words)
    return span.first_line


def test_a_page_number_line_ends_its_page() -> None:
    source = SourceText(extraction(*numbered_pages(11, 3)), "s.txt")
    assert [p.number for p in source.page_numbers] == [11, 12, 13]
    first_of_12 = line_of(source, "Side12 linje 0")
    last_of_12 = line_of(source, "Side12 linje 7")
    assert str(source.page(first_of_12, first_of_12)) == "s. 12"
    assert str(source.page(last_of_12, last_of_12)) == "s. 12"
    across = source.page(line_of(source, "Side11 linje 6"), first_of_12)
    assert across is not None and str(across) == "s. 11–12" and across.evidence.number == 11


def test_table_values_and_far_away_numbers_give_no_page() -> None:
    table = [str(v) for v in (1, 2, 3, 4, 5)]  # a questionnaire scale: number lines close together
    far = page_of_prose("Langt", 30)
    source = SourceText(extraction(*numbered_pages(40, 1), *page_of_prose("Tabell"), *table, *far), "s.txt")
    assert [p.number for p in source.page_numbers] == [40]
    after_table = line_of(source, "Tabell linje 0")
    assert str(source.page(after_table, after_table)) == "s. 41"
    distant = line_of(source, "Langt linje 29")
    assert source.page(distant, distant) is None


def test_the_heading_before_a_line_skips_numbered_questions() -> None:
    source = SourceText(extraction(
        "Innholdsfortegnelse",
        "3.1 Tilhørighet……………… s. 18",
        "3.1. Tilhørighet og fellesskap",
        "Tekst om tilhørighet.",
        "3.2 Mestring",
        "5. Utbytte (sett kryss fra 1- 5 ut fra utbytte av dagen)",
        "Tekst om mestring.",
        "4 Diskusjon",
        "4.1 Konklusjon",
    ), "s.txt")
    assert [(h.number, h.line) for h in source.headings] == [("3.1", 5), ("3.2", 9), ("4", 15), ("4.1", 17)]
    heading = source.heading_before(line_of(source, "Tekst om mestring."))
    assert heading is not None and str(heading) == "kap. 3.2" and heading.title == "Mestring"
    assert source.heading_before(1) is None
