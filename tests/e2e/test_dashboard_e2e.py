"""End to end in headless Chromium on the sample data: every page opens and draws its charts, a
shared link opens the borough profile on Hackney, a map tile opens a profile, and meeting mode
steps through the indicators. Screenshots go to screenshots/ (git-ignored) for a person to look at.

Needs Debian's chromium (`make browser`): without it the tests fail, they do not skip."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import running_app
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from live_app import BROKEN_WORDS, CHROMIUM, OFF_SCREEN, ROOT  # noqa: E402
from pages_fixtures import store_content  # noqa: E402

from wayahead.returns.london import AUTHORITIES  # noqa: E402
from wayahead.returns.samples import has_return, sample_content, sample_years  # noqa: E402
from wayahead.store.engine import make_engine, migrate  # noqa: E402

SHOTS = ROOT / "screenshots"
CHART = ".js-plotly-plot .main-svg"
PAGES = {  # link text: does the page draw charts
    "Overview": True,
    "Funding": True,
    "Leadership": True,
    "Social value": True,
    "Training": True,
    "Infrastructure": True,
    "Commissioning and impact": True,
    "Borough profile": True,
    "Returns tracker": False,
    "Downloads and definitions": False,
    "Sign in": False,
}
LONG = 60_000


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[str]:
    """The app's address, its database holding every sample return: one server for this module's
    tests, which only read (each has a browser of its own)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('dashboard') / 'e2e.db'}"
    store_samples(url)
    with running_app(url) as address:
        yield address


def store_samples(url: str) -> None:
    """Every sample return, stored in the (migrated) database at `url`."""
    engine = make_engine(url)
    migrate(engine)
    for year in sample_years():
        for authority in AUTHORITIES:
            if has_return(authority.code, year):
                store_content(engine, authority.code, year, sample_content(authority.code, year))
    engine.dispose()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=SHOTS / f"{name}_{size['width']}x{size['height']}.png")


def no_error(page: Page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def heading(page: Page) -> str:
    return page.locator("h1").first.inner_text()


def test_chromium_is_installed():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make browser`"


def test_every_page_opens_and_draws_its_charts(app, page):
    page.goto(app)
    expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
    for link, charts in PAGES.items():
        page.get_by_role("link", name=link, exact=True).click()
        expect(page.locator("h1").first).to_be_visible(timeout=LONG)
        if charts:
            expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
        page.wait_for_load_state("networkidle")
        no_error(page)
        shot(page, "page_" + re.sub(r"\W+", "_", link.lower()))


def test_a_theme_page_section_is_a_tab_that_travels_in_the_link(app, page):
    page.goto(f"{app}/funding")
    expect(page.get_by_role("tab", name="Grant share")).to_have_attribute("aria-selected", "true", timeout=LONG)
    expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
    page.get_by_role("tab", name="Payment by results").click()
    expect(page).to_have_url(re.compile(r"section=Payment(\+|%20)by(\+|%20)results"), timeout=LONG)
    expect(page.get_by_role("heading", name="Payment by results share of contracts")).to_be_visible(timeout=LONG)
    expect(page.get_by_role("heading", name="Grant share of funding")).to_have_count(0)  # sent only when open
    no_error(page)
    shot(page, "funding_payment_by_results")
    page.goto(page.url)  # the same link, in a new visit, opens the same section
    expect(page.get_by_role("tab", name="Payment by results")).to_have_attribute("aria-selected", "true", timeout=LONG)
    expect(page.get_by_role("heading", name="Payment by results share of contracts")).to_be_visible(timeout=LONG)


def test_theme_charts_leave_room_for_their_labels_so_plotly_draws_them_once(app, page):
    """Plotly's automargin draws a chart, measures its labels and, if the margins are too small,
    draws it again. Each chart's own margins fit its labels, so the margins Plotly settles on are
    the chart's own: no second drawing."""
    page.set_viewport_size({"width": 1280, "height": 720})
    for path in ("/funding", "/leadership"):  # a trend, ranked bars, a map with a colour key, a Yes/No map
        page.goto(f"{app}{path}")
        expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
        page.wait_for_load_state("networkidle")
        margins = page.evaluate(
            """() => [...document.querySelectorAll('.js-plotly-plot')].map((gd) => [
                gd._fullLayout.title.text, gd._fullLayout._size, gd._fullLayout.margin])"""
        )
        assert margins, path
        for title, settled, own in margins:
            assert all(settled[side] == own[side] for side in "lb"), (path, title, settled, own)


def test_chart_titles_labels_and_section_tabs_are_whole_on_a_phone(app, page):
    """On a phone a chart's title ran off the chart ('… from 57% to 34% (2016/'), the latest value
    written after each line ('34%') was cut at the plot's edge, a full-width ranking's one-line title
    and its longest bar's '£22.2m' ran off the screen, and the section tabs after the second lay out
    of sight to the right."""
    page.set_viewport_size({"width": 390, "height": 800})
    ended = []
    for path in ("/funding", "/funding?section=By+authority"):
        page.goto(f"{app}{path}")
        expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
        page.wait_for_load_state("networkidle")
        labels = page.evaluate(
            """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap((gd) => {
                const box = gd.getBoundingClientRect(), size = gd._fullLayout._size;
                const plotRight = box.left + size.l + size.w;
                return [...gd.querySelectorAll('.scatterlayer .textpoint text')].filter((t) => t.textContent)
                    .map((t) => [t.textContent, t.getBoundingClientRect().right, plotRight, box.right,
                                 !!t.closest('[clip-path]')]);
            })"""
        )
        for text, right, plot_right, chart_right, clipped in labels:
            assert right <= chart_right and (right <= plot_right or not clipped), (path, text, right, plot_right)
        titles = page.evaluate(
            """() => [...document.querySelectorAll('.js-plotly-plot')].map((gd) => [
                gd.querySelector('.gtitle').textContent,
                gd.querySelector('.gtitle').getBoundingClientRect().right - gd.getBoundingClientRect().right])"""
        )
        assert titles and all(overhang <= 0 for _, overhang in titles), (path, titles)
        bars = page.evaluate(
            """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap((gd) =>
                [...gd.querySelectorAll('.bartext')].map((t) =>
                    [t.textContent, t.getBoundingClientRect().right - gd.getBoundingClientRect().right]))"""
        )
        assert bars and all(overhang <= 0 for _, overhang in bars), (path, [b for b in bars if b[1] > 0])
        tabs = page.evaluate(
            """() => [...document.querySelectorAll('[role=tab]')].map((t) =>
                [t.textContent, t.getBoundingClientRect().right - document.documentElement.clientWidth])"""
        )
        assert len(tabs) == 6 and all(overhang <= 0 for _, overhang in tabs), (path, tabs)
        ended += labels
    assert ended  # the trend's latest value, at least


def test_tables_keep_their_words_whole_on_a_phone_and_never_run_off_the_screen(app, page):
    """On a phone the recommendations broke words across lines ('Authoriti / es', 'embedde / d'); down to
    320 wide (WCAG's reflow width) words stay whole and no table runs off the side of the screen."""
    for path in ("scorecard", "borough_profile?la=E09000012&scorecard=true"):  # the profile's comparison too
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{app}/{path}")
        expect(page.locator(".stTable").last).to_be_visible(timeout=LONG)
        page.wait_for_load_state("networkidle")
        for width in (390, 320):  # the same page, as a window narrowed: its tables lay themselves out again
            page.set_viewport_size({"width": width, "height": 844})
            page.wait_for_timeout(300)
            assert page.evaluate(OFF_SCREEN) == [], (path, width)
            assert page.evaluate(BROKEN_WORDS, ".stTable th, .stTable td") == [], (path, width)


def test_a_shared_link_opens_the_profile_on_hackney(app, page):
    page.goto(f"{app}/borough_profile?la=E09000012&from=2019&to=2024")  # the server's first visitor
    expect(page.get_by_role("link", name="Overview", exact=True)).to_be_visible(timeout=LONG)  # via dashboard.py
    expect(page.locator("h1").first).to_have_text(
        "Hackney against East London, Inner London and London, 2024/25", timeout=LONG
    )
    expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
    expect(page.get_by_text("returned for 6 of the 6 years from 2019/20 to 2024/25")).to_be_visible()
    no_error(page)
    shot(page, "profile_hackney")
    with page.expect_download(timeout=LONG) as pdf:
        page.get_by_role("button", name="Download this profile (PDF, one page)").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF-")
    assert pdf.value.suggested_filename == "hackney-profile-2024-25.pdf"
    page.get_by_text("Data for this chart").first.click()  # a chart's downloads sit with its figures
    with page.expect_download(timeout=2 * LONG) as png:  # drawn by kaleido when clicked: slower on a busy machine
        page.get_by_role("button", name="Download chart (PNG)").first.click()
    assert Path(png.value.path()).read_bytes().startswith(b"\x89PNG")
    page.set_viewport_size({"width": 1920, "height": 1080})
    expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
    shot(page, "profile_hackney")


def click_tile(page: Page, short_name: str, name: str) -> None:
    tile = page.locator(".js-plotly-plot text", has_text=short_name).first
    expect(tile).to_be_visible(timeout=LONG)
    page.wait_for_load_state("networkidle")
    tile.scroll_into_view_if_needed()
    box = tile.bounding_box()
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*middle)  # plotly's drag layer, not the label, takes the pointer
    expect(page.locator(".hoverlayer .hovertext", has_text=name)).to_be_visible()
    page.mouse.click(*middle)


def test_clicking_a_map_tile_opens_that_profile(app, page):
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the map is far down the page
    page.goto(app)
    click_tile(page, "BARN", "Barnet")
    expect(page.locator("h1").first).to_have_text(
        re.compile(r"^Barnet against North London, Outer London and London"), timeout=LONG
    )
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # the last of open_profile's scrolls to the top
    assert page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop") == 0  # at its top
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{app}/leadership")  # a theme page's London map too
    expect(page.get_by_text("Click a square to open that authority's profile.", exact=False).first).to_be_visible(
        timeout=LONG
    )
    click_tile(page, "CAMD", "Camden")
    expect(page.locator("h1").first).to_have_text(
        re.compile(r"^Camden against Central London, Inner London and London"), timeout=LONG
    )


def test_a_london_map_under_ranked_bars_opens_on_a_click_and_its_link_opens_it_again(app, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app}/funding")
    opener = page.get_by_text("London map: Grant share of funding", exact=True)
    expect(opener).to_be_visible(timeout=LONG)
    drawn = page.locator(".js-plotly-plot", has_text="Grant share of funding, 2025/26: London map")
    expect(drawn).to_have_count(0)  # closed: not drawn
    opener.click()
    expect(drawn).to_be_visible(timeout=LONG)
    expect(page).to_have_url(re.compile(r"[?&]map_grant_share=true"), timeout=LONG)  # the link says it is open
    link = page.url
    page.goto("about:blank")
    page.goto(link)
    expect(drawn).to_be_visible(timeout=LONG)
    click_tile(page, "GWCH", "Greenwich")  # a short name no bar's label holds
    expect(page.locator("h1").first).to_have_text(re.compile(r"^Greenwich against "), timeout=LONG)


def test_meeting_mode_is_large_has_no_sidebar_and_steps(app, page):
    page.set_viewport_size({"width": 1400, "height": 900})  # 1280×720 and 1920×1080: test_accessibility_e2e.py
    page.goto(f"{app}/?meeting=1&step=1")
    expect(page.locator("h1").first).to_have_text(re.compile(r"^Grant share of funding: "), timeout=LONG)
    expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    page.wait_for_load_state("networkidle")
    shot(page, "meeting_step1")
    page.get_by_role("button", name="Next ▶").click()
    expect(page.locator("h1").first).to_have_text(re.compile(r"^Payment by results share of contracts: "), timeout=LONG)
    expect(
        page.locator(".js-plotly-plot", has_text="Payment by results share of contracts, 2025/26").filter(visible=True)
    ).to_be_visible()
    assert "step=2" in page.evaluate("window.location.href")
    no_error(page)
    shot(page, "meeting_step2")
    page.get_by_role("button", name="Exit meeting mode").click()
    expect(page.locator("h1").first).to_have_text(re.compile(r"at a glance"), timeout=LONG)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
    shot(page, "overview")


def test_a_hostile_link_opens_its_page_with_a_plain_note(app, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app}/funding?to=%C2%B2&la=%3Cscript%3Ealert(1)%3C/script%3E")
    expect(page.locator("h1").first).to_be_visible(timeout=LONG)
    expect(
        page.get_by_text(
            "The link's 'to' value '²' is not a financial year with returns (2016/17 to 2025/26); "
            "showing 2025/26 instead.",
            exact=True,
        )
    ).to_be_visible(timeout=LONG)
    expect(
        page.get_by_text(
            "The link's 'la' value '<script>alert(1)</script>' is not a London authority "
            "(ONS code or name); leaving it out.",
            exact=True,
        )
    ).to_be_visible()
    expect(page.locator(CHART).first).to_be_visible(timeout=LONG)
    page.wait_for_load_state("networkidle")
    no_error(page)
    assert page.locator("main script").count() == 0
    assert "to=2025" in page.evaluate("window.location.href")  # the address now says what is shown
    shot(page, "hostile_link_funding")

    page.goto(f"{app}/?meeting=1&step=%C2%B2")
    expect(page.locator("h1").first).to_have_text(re.compile(r"^Grant share of funding: "), timeout=LONG)
    expect(
        page.get_by_text(
            "The link's 'step' value '²' is not a screen number from 1 to 6; showing screen 1 of 6 instead.", exact=True
        )
    ).to_be_visible()
    page.wait_for_load_state("networkidle")
    no_error(page)
    shot(page, "hostile_link_meeting")
