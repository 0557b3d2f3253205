"""The steering group's commentary on the pages: an uploader writes it under an indicator's
headline and sees it with the date and their e-mail; a viewer sees it without the form or any
e-mail; a second comment is shown, the first under "Earlier commentary"; typed HTML stays text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pages_fixtures import store_small
from signed_in import sign_in_as
from streamlit.testing.v1 import AppTest

from wayahead.store.commentary import MAX_LENGTH, latest_commentary, write_commentary
from wayahead.ui.text import unlinked

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2024  # the latest year of the small returns
FIELD = f"commentary_grant_share_{YEAR}"
UPLOADER = "uploader@wayahead.org"


@pytest.fixture
def small(engine, database_url, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", database_url)
    return store_small(engine)


def _open(engine, page: str, role: str | None) -> AppTest:  # type: ignore[no-untyped-def]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    if role:
        sign_in_as(at, engine, role)
    at.run()
    at.switch_page(str(ROOT / f"pages/{page}.py"))
    at = at.run()
    assert not at.exception
    return at


def _today() -> str:
    today = dt.datetime.now(dt.UTC)
    return f"{today.day} {today:%B %Y}"


def _texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def _shows_email(text: str) -> bool:
    return UPLOADER in text or unlinked(UPLOADER) in text  # as typed, or as the page writes it


def _write(at: AppTest, text: str) -> AppTest:
    at.text_area(key=FIELD).input(text)
    at = at.button(key=f"{FIELD}_save").click().run()
    assert not at.exception
    return at


def test_an_uploader_writes_a_comment_and_sees_it_with_the_date_and_their_name(small):
    at = _open(small, "funding", "uploader")
    at = _write(at, "Grants held up in inner London.")
    shown = (
        f"Steering group commentary, {_today()}, by the steering group ({UPLOADER}): Grants held up in inner London."
    )
    assert unlinked(shown) in _texts(at) and _shows_email(unlinked(shown))
    assert at.text_area(key=FIELD).value == ""  # ready for the next one
    assert any("Commentary saved" in s.value for s in at.success)
    assert latest_commentary(small, YEAR)["grant_share"].author == UPLOADER
    overview = _open(small, "overview", "uploader")  # the Overview shows it under the same headline
    assert unlinked(shown) in _texts(overview)


def test_a_comment_typed_on_two_lines_is_shown_on_two_lines(small):
    at = _write(_open(small, "funding", "uploader"), "Grants held up.\nContracts grew.")
    shown = [text for text in _texts(at) if "Grants held up" in text]
    assert shown and all("held up\\.  \nContracts grew" in text for text in shown)  # a hard line break, not a run-on


@pytest.mark.parametrize("role", ["viewer", None])
def test_a_viewer_sees_the_commentary_but_no_form_and_no_email(small, role):
    write_commentary(small, "grant_share", YEAR, "Contracts are growing.", UPLOADER)
    for page in ("funding", "overview"):
        at = _open(small, page, role)
        shown = f"Steering group commentary, {_today()}, by the steering group: Contracts are growing."
        assert unlinked(shown) in _texts(at)
        assert not any(_shows_email(text) for text in _texts(at))
        assert not at.text_area
        assert not any(b.label == "Save commentary" or b.label.startswith("Withdraw") for b in at.button)
        assert not any(e.label.startswith("Write the steering group's commentary") for e in at.expander)


def test_a_second_comment_is_shown_and_the_first_is_under_earlier_commentary(small):
    at = _open(small, "funding", "uploader")
    at = _write(at, "First reading.")
    at = _write(at, "Second reading, after the meeting.")
    current = [t for t in _texts(at) if t.startswith("Steering group commentary")]
    assert len(current) == 2 and "Second reading" in current[0] and "First reading" in current[1]
    [earlier] = [e for e in at.expander if e.label == "Earlier commentary"]
    assert [m.value for m in earlier.markdown] == [current[1]]
    viewer = _open(small, "funding", "viewer")  # readers see the history too, without e-mails
    [earlier] = [e for e in viewer.expander if e.label == "Earlier commentary"]
    assert "First reading" in earlier.markdown[0].value and not _shows_email(earlier.markdown[0].value)


def test_a_withdrawn_comment_is_no_longer_shown_to_readers(small):
    at = _open(small, "funding", "uploader")
    at = _write(at, "Premature view.")
    at = at.button(key=f"{FIELD}_withdraw").click().run()
    assert any("Commentary withdrawn" in s.value for s in at.success)
    assert latest_commentary(small, YEAR) == {}
    viewer = _open(small, "funding", "viewer")
    assert not any("Premature view" in text for text in _texts(viewer))
    assert not any(e.label == "Earlier commentary" for e in viewer.expander)


def test_html_and_markdown_in_the_text_are_shown_as_typed(small):
    typed = "<b>bold</b> <script>alert(1)</script> [a link](https://example.org) **stars** www.example.org"
    at = _write(_open(small, "funding", "uploader"), typed)
    [shown] = [m for m in at.markdown if "Steering group commentary" in m.value]
    assert shown.value == unlinked(
        f"Steering group commentary, {_today()}, by the steering group ({UPLOADER}): {typed}"
    )
    assert not shown.proto.allow_html


def test_the_form_states_the_limit_and_refuses_an_empty_comment_with_a_message(small):
    at = _open(small, "funding", "uploader")
    box = at.text_area(key=FIELD)
    assert box.proto.max_chars == MAX_LENGTH and f"Up to {MAX_LENGTH:,} characters" in box.help
    at = _write(at, "   ")  # over the limit the browser stops the typing; the store refuses it too (test_commentary)
    assert [e.value for e in at.error] == ["Write the commentary first: it is empty."]
    assert latest_commentary(small, YEAR) == {}
