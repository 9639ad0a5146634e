"""A best-effort item for a file that failed validation, so that the content rules can look at it too.

`check` lists every problem in one run: a study with a misspelt vocabulary value should not hide until
the next run that it also lacks its English summary. So the validation errors are set aside the way a
reader would skip them: an unknown field, or a bad value of a field that may be left out, is left out;
a bad entry of a list of ids or words is left out; a value that is not in its vocabulary is replaced by
one that is. Where that is not enough (a required text is missing, a finding is not a mapping), the file
is left to validation alone.

The places set aside are returned with the item: a rule's problem at or around one of them would only
echo the validation error (a finding "without a theme" whose one theme was written as a name, not an
id), so the rules drop those (`echoes`).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from funnbank.errors import Problem
from funnbank.reader import Loc, format_loc

MAX_ROUNDS = 5  # setting a value aside can uncover an error below it; a few rounds reach every one


def clean_loc(loc: tuple[Any, ...]) -> Loc:
    """A Pydantic error location as a path in the file.

    Pydantic adds the branch of a union or a function name to the location (e.g. `int`,
    `literal['a']`); those are not fields a maintainer can find in the file.
    """
    return tuple(p for p in loc if isinstance(p, int) or ("[" not in p and p not in {"int", "str", "none"}))


def set_aside(data: Any, model: type[BaseModel]) -> tuple[Any | None, list[Loc]]:
    """The item `data` validates to once its errors are set aside (or None), and the places set aside."""
    data = copy.deepcopy(data)
    aside: list[Loc] = []
    for _ in range(MAX_ROUNDS):
        try:
            return model.model_validate(data), aside
        except ValidationError as err:
            errors = [(error, clean_loc(error["loc"])) for error in err.errors(include_url=False)]
        removals: dict[int, tuple[list[Any], set[int]]] = {}  # list entries go last, so positions hold
        for error, loc in errors:
            parent = _at(data, loc[:-1]) if loc else None
            if parent is None or error["type"] == "missing":
                return None, aside
            if error["type"] == "literal_error":
                allowed = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
                if not allowed:
                    return None, aside
                parent[loc[-1]] = allowed[0]
            elif isinstance(parent, list) and not isinstance(parent[loc[-1]], (dict, list)):
                removals.setdefault(id(parent), (parent, set()))[1].add(loc[-1])  # type: ignore[arg-type]
            elif isinstance(parent, dict) and loc[-1] in parent:
                del parent[loc[-1]]
            else:
                return None, aside
            aside.append(loc)
        for entries, positions in removals.values():
            for position in sorted(positions, reverse=True):
                del entries[position]
    return None, aside


def echoes(problem: Problem, aside: list[Loc]) -> bool:
    """Whether a rule's problem is at, inside or around a place set aside (and so says nothing new)."""
    def within(inner: str, outer: str) -> bool:
        return inner.startswith(outer) and (len(inner) == len(outer) or inner[len(outer)] in ".[")

    return any(within(problem.field, field) or within(field, problem.field) for field in map(format_loc, aside))


def _at(data: Any, loc: Loc) -> Any:
    """The mapping or list at `loc` in raw data, or None where the path does not lead to one."""
    for part in loc:
        if isinstance(data, dict) and part in data or isinstance(data, list) and isinstance(part, int) \
                and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data if isinstance(data, (dict, list)) else None
