"""In headless Chromium: two authorities chosen by a shared link show each one's own figure side
by side with London for reference, and say so in the title. A screenshot at 1280x720 goes to
screenshots/ for a person to look at."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from test_dashboard_e2e import CHART, LONG, app, no_error, shot  # noqa: F401 (app is a fixture)

HACKNEY, CAMDEN = "E09000012", "E09000007"


def test_two_authorities_side_by_side_in_the_browser(app, page: Page):  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app}/training?la={HACKNEY},{CAMDEN}&from=2016&to=2024")
    expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
    page.wait_for_load_state("networkidle")
    no_error(page)
    expect(page.get_by_text("Showing Camden and Hackney, 2016/17 to 2024/25.", exact=False)).to_be_visible()
    london = page.locator('[data-testid="stMetricLabel"]', has_text="London (reference)").first
    expect(london).to_be_visible(timeout=LONG)  # the tiles arrive one after another on a busy machine
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert {"Camden", "Hackney", "London (reference)"} <= {label.strip() for label in labels}
    shot(page, "two_authorities_training")
    title = page.locator(".gtitle", has_text="Commissioning staff trained, 2024/25: Camden").first
    title.scroll_into_view_if_needed()
    expect(title).to_be_visible()
    shot(page, "two_authorities_training_trend")
