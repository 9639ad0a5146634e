"""The search page's filters in the browser tests: folded until the reader opens them, and only then
fetched (search.js `loadFilters`)."""

from __future__ import annotations

from typing import Any


def show_filters(page: Any) -> Any:
    """Open the search page's filters, as a reader does (a tap on their summary), and wait until their
    values are listed; return the page."""
    fold = page.locator("details.fb-filters-box")
    if not fold.evaluate("el => el.open"):
        fold.locator("> summary").click()
    page.wait_for_selector("details.fb-filters-box[data-loaded=all] .fb-filter input[name=type]")
    return page
