"""In headless Chromium, what a cabinet member and an uploader see when the data is not tidy: the
sample data (published), Barnet's early 2026/27 return (received, not published) and Hackney's
2025/26 re-submission with its Infrastructure sheet blank (published). Screenshots go to
screenshots/ for a person to look at."""

from __future__ import annotations

import pytest
from builders import full_content
from pages_fixtures import BARNET, HACKNEY, store_content
from playwright.sync_api import Page, expect
from test_dashboard_e2e import CHART, LONG, no_error, shot, store_samples
from test_sign_in_e2e import fill_sign_in

from wayahead.store.engine import make_engine


@pytest.fixture
def app(server) -> str:
    """The app of `server` (with its uploader account) on every sample return: this test adds untidy
    returns to the same database, so it has a server of its own."""
    address, url = server
    store_samples(url)
    return address


def add_untidy_returns(server) -> None:
    _, url = server
    engine = make_engine(url)
    store_content(engine, BARNET, 2026, full_content(BARNET, 2026), published=False)
    blank = full_content(HACKNEY, 2025)
    blank["infrastructure"] = []
    store_content(engine, HACKNEY, 2025, blank)
    engine.dispose()


def test_a_viewer_sees_published_figures_and_not_answered_an_uploader_sees_provisional(app, server, page: Page):
    add_untidy_returns(server)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(app)
    expect(page.locator("h1").first).to_have_text("London at a glance, 2025/26", timeout=LONG)
    page.wait_for_load_state("networkidle")
    no_error(page)
    assert "2026/27" not in page.inner_text("body")  # one early return does not become the year on screen

    page.goto(f"{app}/infrastructure?la={HACKNEY}")
    expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
    page.wait_for_load_state("networkidle")
    no_error(page)
    body = page.inner_text("body")
    assert "Not answered for 2025/26." in body and "£0" not in body
    shot(page, "trust_blank_infrastructure")

    page.goto(f"{app}/account")
    fill_sign_in(page)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=LONG)
    page.goto(f"{app}/funding?unpub=1&to=2025")
    expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
    page.wait_for_load_state("networkidle")
    no_error(page)
    expect(page.get_by_text("Figures are provisional (includes unpublished returns)", exact=False)).to_be_visible()
    titles = page.locator(".gtitle").all_text_contents()
    assert titles and all(t.startswith("Provisional: ") for t in titles), titles
    shot(page, "trust_provisional_funding")
