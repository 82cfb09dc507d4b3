"""The shared session browser: a test that closes it does not break the tests after it."""

from __future__ import annotations

from typing import Any

import pytest
from helpers.browser import SharedBrowser


@pytest.mark.browser
def test_a_closed_shared_browser_is_launched_again_for_the_next_test(browser: Any) -> None:
    """Order independence (issue 18): closing the browser used to break every later file."""
    other = SharedBrowser(browser._pw)  # a second one, so the session's stays untouched
    first = other.current
    first.close()
    assert not first.is_connected()
    page = other.new_page()  # what the next test does
    try:
        assert other.current is not first
        assert other.current.is_connected()
        page.set_content("<p id='x'>geöffnet</p>")
        assert page.inner_text("#x") == "geöffnet"
    finally:
        other.current.close()
