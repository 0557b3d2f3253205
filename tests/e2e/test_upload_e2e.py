"""End to end in headless Chromium: sign in with a local account, upload a return through the
real page's file input, store it, and see it stored (and on the tracker)."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from live_app import BROKEN_WORDS, OFF_SCREEN, PASSWORD  # noqa: E402
from return_files import error_bytes, good_bytes  # noqa: E402

from wayahead.store.engine import make_engine  # noqa: E402
from wayahead.store.returns import history  # noqa: E402


def sign_in(page: Page, address: str) -> None:
    page.goto(address)  # from the front page, as a person would (see the report on deep links)
    page.get_by_role("link", name="Sign in").click()
    page.get_by_role("textbox", name="E-mail").fill("officer@council.gov.uk")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as officer@council.gov.uk with the uploader role.")).to_be_visible(
        timeout=30_000
    )


def test_sign_in_upload_and_store(server, page, tmp_path):
    address, url = server
    good, bad = tmp_path / "city-of-london.xlsx", tmp_path / "barnet-errors.xlsx"
    good.write_bytes(good_bytes())
    bad.write_bytes(error_bytes("E09000003"))

    sign_in(page, address)
    page.get_by_role("link", name="Upload returns").click()
    page.locator("input[type=file]").set_input_files([good, bad])
    expect(page.get_by_text("City of London 2024/25: ✓ no problems: ready to store")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Barnet 2024/25: ✗ 2 errors")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})  # on a phone, the problems are read with words whole
    problems = "[class*=st-key-fit_problems] .stTable th, [class*=st-key-fit_problems] .stTable td"
    expect(page.locator(problems).first).to_be_visible()
    assert page.evaluate(OFF_SCREEN) == [] and page.evaluate(BROKEN_WORDS, problems) == []
    summary = (
        ".st-key-fit_summary .stTable th, .st-key-fit_summary .stTable td:not(:first-child)"  # a file's name may break
    )
    expect(page.locator(summary).first).to_be_visible()
    assert page.evaluate(BROKEN_WORDS, summary) == []
    page.set_viewport_size({"width": 1280, "height": 720})
    page.get_by_role("button", name="Store 1 return").click()
    expect(page.get_by_text("Stored 1 return. The dashboards now show the new figures.")).to_be_visible(timeout=30_000)
    # the return's history on a phone: its nine columns in view, words whole but the long ones
    page.goto(f"{address}/history?la=E09000001&year=2024")
    expect(page.get_by_text("City of London 2024/25: 1 version")).to_be_visible(timeout=30_000)
    for width in (390, 320):
        page.set_viewport_size({"width": width, "height": 844})
        page.wait_for_timeout(300)
        assert page.evaluate(OFF_SCREEN) == [], width
    page.set_viewport_size({"width": 390, "height": 844})
    versions = ".st-key-fit_versions .stTable th, .st-key-fit_versions .stTable td:not(:nth-child(4), :nth-child(6), :nth-child(7))"
    assert page.evaluate(BROKEN_WORDS, versions) == []

    engine = make_engine(url)
    assert [v["submitted_by"] for v in history(engine, "E09000001", 2024)] == ["officer@council.gov.uk"]
    assert history(engine, "E09000003", 2024) == []
    engine.dispose()
