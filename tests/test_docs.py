"""The README documents every command, option and make target (Datasette's rule: docs cover every setting)."""

from __future__ import annotations

import re

from funnbank.cli import _parser

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_in_the_readme() -> None:
    parser = _parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, sub in commands.items():
        assert f"build.py {name}" in README, name
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in README, f"{name} {option}"


def test_every_make_target_is_in_the_readme() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M)
    assert phony
    for target in phony.group(1).split():
        assert f"make {target}" in README, target


def test_quick_start_has_the_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make site" in quick and "make test" in quick


def test_every_setting_and_page_template_is_in_the_readme() -> None:
    from funnbank.settings import SETTINGS

    section = README.split("### Overriding templates", 1)[1].split("\n#", 1)[0]
    assert "[tool.funnbank]" in section
    for key in SETTINGS:
        assert f"{key} = " in section, key
    for template in (ROOT / "templates" / "pages").glob("*.md.j2"):
        assert f"`{template.name}`" in section, template.name
