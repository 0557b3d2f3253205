"""In headless Chromium, signed in as an admin so every page is there: each page has no serious or critical
axe-core finding from the app's own content, no chart text fainter than 4.5:1, no markdown mark shown as typed, nor headings out of order (page h1, section h2, chart h3; axe
rates that moderate) (Streamlit's sidebar navigation list is left out: its markup is Streamlit's), the keyboard reaches the page's controls with the focus visible, and meeting mode fits one screen
at 1280×720 and 1920×1080 and steps with a presenter's keys (→, ←, PageDown, PageUp, Space).

Screenshots of every page at 1280, 1920 and 390 wide go to screenshots/ (git-ignored, kept by CI as artefacts)
for a person to look at."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import axe_playwright_python
import pytest
from conftest import running_app
from playwright.sync_api import Page, expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from live_app import CHROMIUM, ROOT  # noqa: E402
from pages_fixtures import sample_database  # noqa: E402

from wayahead.access.auth import add_user  # noqa: E402

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
SHOTS = ROOT / "screenshots"
LONG = 60_000
ADMIN, PASSWORD = "chair@council.gov.uk", "chair password 12"
PAGES = {  # address: its heading
    "": "London at a glance, 2025/26",
    "funding": "Funding",
    "leadership": "Leadership",
    "social_value": "Social value",
    "training": "Training",
    "infrastructure": "Infrastructure",
    "commissioning": "Commissioning and impact",
    "good_practice": "Good practice",
    "scorecard": "Recommendations scorecard",
    "borough_profile?la=E09000012": "Hackney against East London, Inner London and London, 2025/26",
    "who_does_what": "Who does what",
    "tracker": "Returns tracker",
    "data": "Downloads and definitions",
    "glossary": "Words used here",
    "accessibility": "Accessibility statement",
    "account": "Your account",
    "upload": "Upload returns",
    "history": "Return history",
    "publication": "Publication",
    "admin": "Users and audit log",
    "collection": "Collection round",
}
SIZES = ((1280, 720), (1920, 1080), (390, 844))
FINDINGS = """async () => {
  const result = await axe.run({exclude: [['[data-testid="stSidebarNav"]']]}, {resultTypes: ['violations']});
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'heading-order')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
}"""
OVERFLOW = """() => [...document.querySelectorAll('*')].filter((e) => {
  const style = getComputedStyle(e);
  return ['auto', 'scroll'].includes(style.overflowY) && e.scrollHeight > e.clientHeight + 1;
}).map((e) => `${e.dataset.testid || e.tagName}: ${e.scrollHeight} > ${e.clientHeight}`)"""
# Text escaped as plain text shows markdown's marks as typed: a line of the page with a backtick, "**", "__",
# a backslash or an HTML entity is markup a reader sees literally ("the command `reference load`").
MARKUP_SHOWN = r"""() => (document.querySelector('[data-testid="stMain"]')?.innerText ?? '').split('\n')
  .filter((line) => /`|\*\*|__|\\|&[a-z]+;|&#/.test(line))"""
# Chart text fainter than 4.5:1 against the white page (WCAG 1.4.3; axe-core does not check a chart's SVG text).
# Text drawn on a fill (inside a bar, white on a dark tile) has its colour chosen against that fill, not the page.
FAINT_CHART_TEXT = r"""() => {
  const luminance = (rgb) => rgb.map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  return [...document.querySelectorAll('.js-plotly-plot text')]
    .filter((t) => t.textContent.trim() && !t.classList.contains('bartext-inside'))
    .map((t) => [t.textContent.slice(0, 30), getComputedStyle(t).fill.match(/[\d.]+/g).slice(0, 3).map(Number)])
    .filter(([, rgb]) => luminance(rgb) < 0.9 && 1.05 / (luminance(rgb) + 0.05) < 4.5)
    .map(([text, rgb]) => `${text}: rgb(${rgb.join(', ')})`);
}"""
# An in-page link ("Contents" on a long page) whose section is not on the page leads nowhere.
LINKS_NOWHERE = """() => [...document.querySelectorAll('[data-testid="stMain"] a[href^="#"]')]
  .filter((a) => !document.getElementById(decodeURIComponent(a.hash.slice(1)))).map((a) => a.getAttribute('href'))"""
FOCUSED = """() => {
  const e = document.activeElement, style = getComputedStyle(e);
  const shown = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== 'none';
  return {tag: e.tagName, label: (e.getAttribute('aria-label') || e.innerText || e.name || '').slice(0, 40),
          inModebar: !!e.closest('.modebar'), shown};
}"""


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[str]:
    """The app on every sample return, with one admin account."""
    url = f"sqlite:///{tmp_path_factory.mktemp('a11y') / 'app.db'}"
    engine = sample_database(url, as_the_app_loads_it=True)
    add_user(engine, ADMIN, "admin", PASSWORD)
    engine.dispose()
    with running_app(url) as address:
        yield address


@pytest.fixture(scope="module")
def admin(app) -> Iterator[Page]:
    """A tab signed in as the admin."""
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        page.goto(f"{app}/account")
        page.get_by_role("textbox", name="E-mail").fill(ADMIN, timeout=LONG)
        page.get_by_role("textbox", name="Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("link", name="Users and audit log")).to_be_visible(timeout=LONG)
        yield page
        browser.close()


SETTLED = """() => document.querySelector('[data-test-script-state]')?.getAttribute('data-test-script-state')
  === 'notRunning' && !document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')"""


def opened(page: Page, address: str, heading: str | re.Pattern[str]) -> None:
    """The page at `address`, its script run ended and all of it drawn (on a busy machine the heading
    arrives well before the controls further down, which a keyboard walk must find)."""
    page.goto(address)
    expect(page.locator("h1").first).to_have_text(heading, timeout=LONG)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(SETTLED, timeout=LONG)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def findings(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(FINDINGS)


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=SHOTS / f"{name}_{size['width']}x{size['height']}.png")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_no_serious_axe_finding_at_any_width(app, admin: Page, path: str):
    name = "a11y_" + (re.sub(r"\W+", "_", path.split("?")[0]) or "overview")
    opened(admin, f"{app}/{path}", PAGES[path])
    assert admin.evaluate(MARKUP_SHOWN) == []
    assert admin.evaluate(FAINT_CHART_TEXT) == []
    assert admin.evaluate(LINKS_NOWHERE) == []
    for width, height in SIZES:  # the same page, as a window resized: charts and columns lay themselves out again
        admin.set_viewport_size({"width": width, "height": height})
        admin.wait_for_timeout(700)
        if width != 1920:  # laid out as at 1280, only larger: axe's finding there would be the same
            assert findings(admin) == [], f"{path or 'overview'} at {width} wide"
        shot(admin, name)
    admin.set_viewport_size({"width": 1280, "height": 720})


@pytest.mark.parametrize("path", ["", "upload", "who_does_what"])
def test_the_keyboard_reaches_the_controls_with_the_focus_shown(app, admin: Page, path: str):
    opened(admin, f"{app}/{path}", PAGES[path])
    admin.locator("h1").first.click()  # start from the page's content, as after following a link
    stops = []
    for _ in range(40):
        admin.keyboard.press("Tab")
        stops.append(admin.evaluate(FOCUSED))
    assert all(stop["shown"] for stop in stops if stop["tag"] != "BODY"), stops
    assert not any(stop["inModebar"] for stop in stops), "a chart's toolbar takes tab stops"
    labels = " | ".join(stop["label"] for stop in stops)
    expected = {"": "Indicator on the map", "upload": "Upload", "who_does_what": "Question"}[path]
    assert expected in labels, labels


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_meeting_mode_fits_one_screen_and_steps_with_a_presenters_keys(app, admin: Page, size):
    width, height = size
    admin.set_viewport_size({"width": width, "height": height})
    opened(admin, f"{app}/?meeting=1&step=1", re.compile(r"^Grant share of funding: "))
    # The page streams in over its websocket, which "networkidle" does not wait for.
    admin.wait_for_function("window.wayAheadMeetingKeys === true", timeout=LONG)
    steps = [admin.locator("h1").first.inner_text()]
    for key in ("ArrowRight", "PageDown", " ", "ArrowRight", "ArrowRight"):
        admin.keyboard.press(key)
        expect(admin.locator("h1").first).not_to_have_text(steps[-1], timeout=LONG)
        admin.wait_for_load_state("networkidle")
        assert admin.evaluate(OVERFLOW) == [], f"step {len(steps) + 1} needs scrolling at {width}×{height}"
        steps.append(admin.locator("h1").first.inner_text())
        shot(admin, f"meeting_step{len(steps)}")
    assert f"step={len(steps)}" in admin.url and len(set(steps)) == 6
    admin.keyboard.press("ArrowRight")  # the last screen: nowhere further to go
    admin.wait_for_timeout(1000)
    assert "step=6" in admin.url
    for key, step in (("ArrowLeft", 5), ("PageUp", 4)):
        admin.keyboard.press(key)
        expect(admin.locator("h1").first).to_have_text(steps[step - 1], timeout=LONG)
        expect(admin).to_have_url(re.compile(rf"step={step}\b"))
    admin.set_viewport_size({"width": 1280, "height": 720})


def test_a_borough_chosen_in_meeting_mode_is_drawn_beside_london(app, admin: Page):
    opened(admin, f"{app}/?meeting=1&step=1&la=E09000012", re.compile(r"^Grant share of funding, Hackney: "))
    chart = admin.locator(".st-key-meeting_trend .js-plotly-plot")
    expect(chart).to_contain_text("Hackney beside London")
    expect(chart.locator(".legendtext, .annotation-text", has_text="London:")).to_have_count(1)
    expect(chart.locator(".annotation-text", has_text="Hackney:")).to_have_count(1)
    assert admin.evaluate(OVERFLOW) == []
    shot(admin, "meeting_hackney")
