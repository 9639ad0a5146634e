"""The real content is valid and follows every content rule: the same rules `python build.py check` applies.

Nothing here names a study or a concept, or counts them: the rules hold for any content
(`funnbank/rules.py`), so adding or removing a study changes what is checked, never the test. A
break fails here with the very line `check` prints (`path:line:col: field: message (hint)`).
"""

from __future__ import annotations

import pytest

from funnbank.cli import main
from funnbank.loaded import LoadedContent
from funnbank.loader import read_content
from funnbank.privacy import contact_details
from funnbank.rules import RULES, Rule, check_rules

from conftest import CONTENT


@pytest.fixture(scope="module")
def content() -> LoadedContent:
    return read_content(CONTENT)


def test_the_content_reads_validates_and_cross_checks(content: LoadedContent) -> None:
    assert [str(problem) for problem in content.problems] == []
    assert content.items["study"], "no study in the content"


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_the_content_follows_the_rule(content: LoadedContent, rule: Rule) -> None:
    assert [str(problem) for problem in rule.check(content)] == [], rule.description


def test_check_reports_exactly_what_these_tests_do(content: LoadedContent, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--content", str(CONTENT)])
    out, err = capsys.readouterr()
    expected = sorted({*content.problems, *check_rules(content)})
    assert [line for line in err.splitlines() if "problem(s) found" not in line] == [str(p) for p in expected]
    assert code == (1 if expected else 0)
    assert out.startswith("OK: ") == (not expected)


@pytest.mark.parametrize("sample,found", [
    ("ring 22 33 44 55", True), ("tlf +47 22334455", True), ("ola@example.no", True),
    ("i 2016 og 2017", False), ("s. 19-21", False), ("N = 12", False), ("ISBN 978-82", False),
])
def test_the_privacy_patterns_catch_what_they_should(sample: str, found: bool) -> None:
    assert bool(contact_details(sample)) is found
