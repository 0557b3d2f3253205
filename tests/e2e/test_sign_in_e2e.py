"""End to end in headless Chromium: a sign-in is kept in an HttpOnly cookie, so it survives a
reload, a bookmark and a new tab, lands on the page that was asked for, ends with Sign out,
and holds across two app processes on one database (as behind a load balancer), where an
import made through one is seen by the other. Screenshots go to screenshots/ (git-ignored)."""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from live_app import PASSWORD, ROOT  # noqa: E402
from return_files import good_bytes  # noqa: E402

from wayahead.access.auth import start_session  # noqa: E402
from wayahead.store.engine import make_engine  # noqa: E402
from wayahead.store.returns import history  # noqa: E402

SHOTS = ROOT / "screenshots"
LONG = 60_000


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}_1280x720.png")


def fill_sign_in(page: Page) -> None:
    page.get_by_role("textbox", name="E-mail").fill("officer@council.gov.uk")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)


def signed_in_on_upload(page: Page) -> None:
    expect(page.get_by_role("heading", name="Upload returns")).to_be_visible(timeout=LONG)
    expect(page.locator("input[type=file]")).to_have_count(1)


def test_a_sign_in_survives_reload_bookmark_and_new_tab(server, page):
    address, _ = server
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{address}/upload")  # a bookmark, before signing in: the page asks, not "Page not found"
    expect(page.get_by_text("This page needs you to sign in with the uploader role.")).to_be_visible(timeout=LONG)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    fill_sign_in(page)
    shot(page, "sign_in_on_bookmarked_page")
    page.get_by_role("button", name="Sign in").click()
    signed_in_on_upload(page)  # landed on the page that was asked for
    assert page.url == f"{address}/upload"

    [cookie] = [c for c in page.context.cookies() if c["name"] == "wayahead_session"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["expires"] > 0
    assert page.evaluate("document.cookie").find("wayahead_session") == -1  # scripts cannot read it

    page.reload()
    signed_in_on_upload(page)
    expect(page.get_by_role("link", name="Users and audit log")).to_have_count(0)  # still an uploader, not more
    shot(page, "after_reload")
    for _ in range(40):  # in use, the page renews the cookie: it expires 8 idle hours on, not 8 hours after signing in
        [renewed] = [c for c in page.context.cookies() if c["name"] == "wayahead_session"]
        if renewed["expires"] > cookie["expires"]:
            break
        page.wait_for_timeout(250)
    assert renewed["expires"] > cookie["expires"] and renewed["value"] == cookie["value"]

    tab = page.context.new_page()
    tab.goto(f"{address}/history?la=E09000001&year=2024")  # a bookmark in a new tab
    expect(tab.get_by_role("heading", name="Return history")).to_be_visible(timeout=LONG)
    expect(tab.get_by_text("needs you to sign in")).to_have_count(0)

    page.get_by_role("link", name="Your account").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible(timeout=LONG)
    assert not [c for c in page.context.cookies() if c["name"] == "wayahead_session"]
    tab.reload()  # signed out everywhere, not only in the tab that signed out
    expect(tab.get_by_text("This page needs you to sign in with the uploader role.")).to_be_visible(timeout=LONG)


def _ask(url: str, method: str = "GET", **headers: str) -> tuple[int, str | None, bool]:
    """Status, Location and whether a cookie was set, for one request (redirects not followed)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    try:
        response = urllib.request.build_opener(NoRedirect).open(
            urllib.request.Request(url, headers=headers, method=method)
        )
        return response.status, response.headers.get("Location"), "Set-Cookie" in response.headers
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers.get("Location"), "Set-Cookie" in answer.headers


def test_the_cookie_route_takes_no_orders_from_other_sites(server):
    address, url = server
    engine = make_engine(url)
    grant = start_session(engine, "officer@council.gov.uk", "password")
    engine.dispose()
    session = f"{address}/wayahead/session"
    assert _ask(f"{session}?grant={grant}&next=/upload", **{"Sec-Fetch-Site": "cross-site"}) == (
        403,
        None,
        False,
    )  # login CSRF
    assert _ask(f"{session}?grant={grant}&next=//evil.example/") == (303, "/", True)  # no open redirect
    assert _ask(f"{session}?grant={grant}&next=/upload") == (303, "/upload", False)  # spent: no second cookie
    assert _ask(f"{address}/wayahead/session/refresh", "POST") == (403, None, False)  # no cookie, nothing to renew


def test_two_app_processes_share_sign_ins_and_imports(two_servers, page, tmp_path):
    """Two processes on one database (PostgreSQL in CI): the cookie from one is accepted by the other."""
    first, second, url = two_servers
    page.goto(f"{first}/upload")
    fill_sign_in(page)
    page.get_by_role("button", name="Sign in").click()
    signed_in_on_upload(page)

    page.goto(f"{second}/upload")  # the other process: same site, so the browser sends the cookie
    signed_in_on_upload(page)

    page.goto(f"{second}/history?la=E09000001&year=2024")
    expect(page.get_by_role("heading", name="Return history")).to_be_visible(timeout=LONG)
    expect(page.get_by_text("There is only the current version.")).to_have_count(0)  # nothing stored yet

    workbook = tmp_path / "city-of-london.xlsx"
    workbook.write_bytes(good_bytes())
    page.goto(f"{first}/upload")  # an import through the first process ...
    page.locator("input[type=file]").set_input_files(workbook)
    page.get_by_role("button", name="Store 1 return").click()
    expect(page.get_by_text("Stored 1 return. The dashboards now show the new figures.")).to_be_visible(timeout=LONG)

    page.goto(f"{second}/history?la=E09000001&year=2024")  # ... is seen by the second
    expect(page.get_by_text("There is only the current version.")).to_be_visible(timeout=LONG)
    engine = make_engine(url)
    assert [v["submitted_by"] for v in history(engine, "E09000001", 2024)] == ["officer@council.gov.uk"]
    engine.dispose()
