"""In headless Chromium: the Overview's meeting pack is made as PowerPoint, a status saying each step (the PDF is
offered beside it), then downloads, and the deck holds a slide per headline indicator; the recommendations
scorecard page opens and its table of each recommendation reads as text."""

from __future__ import annotations

import io
from pathlib import Path

from playwright.sync_api import Page, expect
from pptx import Presentation
from test_dashboard_e2e import CHART, LONG, app, no_error, shot  # noqa: F401 (app is a fixture)

from wayahead.figures.indicators import headline_indicators


def test_the_meeting_pack_downloads_from_the_overview(app, page: Page):  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(app)
    expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("button", name="Make the meeting pack (PDF)")).to_be_visible()
    page.get_by_role("button", name="Make the meeting pack (PowerPoint)").click()
    expect(page.get_by_text("The meeting pack (PowerPoint) is ready to download.")).to_be_visible(timeout=120_000)
    with page.expect_download(timeout=120_000) as deck:
        page.get_by_role("button", name="Download the meeting pack (PowerPoint)").click()
    assert deck.value.suggested_filename == "way_ahead_meeting_pack_2025.pptx"
    slides = Presentation(io.BytesIO(Path(deck.value.path()).read_bytes())).slides
    assert len(slides) > len(headline_indicators())
    no_error(page)  # the PDF's pages are checked on the file (tests/test_meeting_pack.py): drawing it twice here
    # would hold the shared chart renderer while other browser tests wait for theirs


def test_the_scorecard_page_reads_in_the_browser(app, page: Page):  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app}/scorecard")
    expect(page.get_by_role("heading", name="Recommendations scorecard")).to_be_visible(timeout=LONG)
    page.wait_for_load_state("networkidle")
    no_error(page)
    expect(page.get_by_text("Grants and mixed payment over payment by results").first).to_be_visible()
    expect(page.locator("table").first).to_contain_text("Grant share of funding")
    shot(page, "scorecard")
