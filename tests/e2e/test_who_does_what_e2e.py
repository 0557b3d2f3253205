"""In headless Chromium: an officer combines two questions in Who does what ("a VCS cabinet lead
but no strategy") and reads which authorities meet both, as many as the sentence says."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from test_dashboard_e2e import LONG, app, no_error, shot  # noqa: F401 (app is a fixture)

LEAD = "Leadership › Cabinet member with responsibility for the VCS"
STRATEGY = "Leadership › VCS strategy or compact in place"


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the selectbox labelled `label`, by typing it as a keyboard user would."""
    box = page.get_by_label(label, exact=True)
    box.click()
    box.press_sequentially(option)
    page.get_by_role("option", name=option, exact=True).click()


def test_the_question_builder_finds_the_authorities_meeting_two_conditions(app, page: Page):  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app}/who_does_what")
    expect(page.get_by_text("Combine questions", exact=False).first).to_be_visible(timeout=LONG)
    choose(page, "Condition 1: question", LEAD)
    choose(page, "Condition 1: answer", "Yes")
    choose(page, "Condition 2: question", STRATEGY)
    choose(page, "Condition 2: answer", "No")
    found = page.get_by_text(re.compile(rf"^\d+ of 33 authorities: '{LEAD}' is Yes and '{STRATEGY}' is No"))
    expect(found).to_be_visible(timeout=LONG)
    no_error(page)
    sentence = found.inner_text()
    count = int(sentence.split(" of 33")[0])
    assert 0 < count < 33
    names = sentence.split(", in 2025/26. ", 1)[1].rstrip(".").split(", ")
    assert len(names) == count  # each authority named, as many as counted
    shot(page, "who_does_what_builder")
