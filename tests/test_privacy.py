"""Personal data from the returns (officers' names, e-mails, notes) never reaches a viewer.

Every page an anonymous visitor can open is run under AppTest on the sample data plus one
return carrying a named officer; every download the page offers is then made, as the browser
would ask for it, and searched, with the borough profile PDF read back by pypdf.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from builders import full_content
from pages_fixtures import HACKNEY, sample_database, store_content
from reading import pdf_words, with_figures_opened
from signed_in import sign_in_as
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from test_pages_themes import ROOT

from wayahead.output.dictionary import data_dictionary
from wayahead.returns.samples import sample_content
from wayahead.store.engine import make_engine

EMAIL = re.compile(rb"[\w.+-]+@[\w-]+(\.[\w-]+)+")
OFFICER = full_content(HACKNEY, 2025)
NOTE = "Ring Ada Officer on 020 7946 0000 before quoting these figures."
OFFICER["about"][0]["notes"] = NOTE
SAMPLE_ABOUT = sample_content(HACKNEY, 2023)["about"][0]
SECRETS = [
    s.encode()
    for s in (
        OFFICER["about"][0]["completed_by"],
        OFFICER["about"][0]["email"],
        NOTE,
        SAMPLE_ABOUT["completed_by"],
        SAMPLE_ABOUT["email"],
    )
]
# The data dictionary's example of what an Email answer looks like ('name@council.gov.uk') is no one's address.
EXAMPLES = {m.group() for m in EMAIL.finditer(data_dictionary().to_csv().encode())}
ANONYMOUS_PAGES = [
    "overview",
    "funding",
    "leadership",
    "social_value",
    "training",
    "infrastructure",
    "commissioning",
    "borough_profile",
    "tracker",
    "data",
    "account",
]


@pytest.fixture(scope="module")
def officer_url(tmp_path_factory) -> str:
    """The sample returns, with Hackney 2025/26 re-submitted by a named officer with a note."""
    url = f"sqlite:///{tmp_path_factory.mktemp('privacy') / 'sample.db'}"
    engine = sample_database(url, as_the_app_loads_it=True)
    store_content(engine, HACKNEY, 2025, OFFICER)
    engine.dispose()
    return url


@pytest.fixture
def downloads(monkeypatch) -> Iterator[dict[str, tuple[str, object]]]:
    """Every download a page offers while the test runs: file name → (mime type, data or the
    callable the browser's click would run). The real MediaFileManager still stores them."""
    offered: dict[str, tuple[str, object]] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def record(self, data, mimetype, coordinates, file_name=None, is_for_static_download=False):  # type: ignore[no-untyped-def]
        if is_for_static_download:
            offered[file_name or coordinates] = (mimetype, data)
        return add(self, data, mimetype, coordinates, file_name, is_for_static_download)

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):  # type: ignore[no-untyped-def]
        offered[file_name or coordinates] = (mimetype or "", data_callable)
        return add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    yield offered


def open_as(
    url: str, monkeypatch, page: str, role: str | None, query: dict[str, str] | None = None, offered: dict | None = None
) -> AppTest:
    """`page` as `role` sees it (None: not signed in); `offered` then holds only this page's downloads."""
    monkeypatch.setenv("WAYAHEAD_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    if role:
        sign_in_as(at, make_engine(url), role)
    at.run()
    if offered is not None:
        offered.clear()  # the first run draws the overview
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(str(ROOT / f"pages/{page}.py"))
    at.run()
    assert not at.exception, at.exception
    return with_figures_opened(at)  # every table and download the page offers, opened


def shown(at: AppTest) -> bytes:
    """Everything the page shows as text: words, tables (every cell) and charts' specs."""
    parts = [
        str(e.value)
        for kind in (
            "markdown",
            "caption",
            "title",
            "header",
            "subheader",
            "text",
            "info",
            "warning",
            "success",
            "error",
        )
        for e in getattr(at, kind)
    ]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    parts += [chart.proto.spec for chart in at.get("plotly_chart")]
    return "\n".join(parts).encode()


def made(offered: dict[str, tuple[str, object]]) -> dict[str, bytes]:
    """Each offered download's bytes as a reader would search them (PDFs as their text). Charts'
    PNGs are pixels, and a chart's PDF draws only its spec (searched with the page) and its
    provenance: the first chart PDF of a page is read as the check, the profile PDF always."""
    files = {}
    chart_pdf_read = False
    for name, (mime, data) in offered.items():
        if mime == "image/png":
            continue
        if mime == "application/pdf" and "_profile_" not in name:
            if chart_pdf_read:
                continue
            chart_pdf_read = True
        data = data() if callable(data) else data
        data = data.encode() if isinstance(data, str) else bytes(data)
        files[name] = pdf_words(data).encode() if mime == "application/pdf" else data
    return files


def leaks(text: bytes) -> list[bytes]:
    return [s for s in SECRETS if s in text] + [m.group() for m in EMAIL.finditer(text) if m.group() not in EXAMPLES]


def xlsx_strings(data: bytes) -> bytes:
    """The text cells of an .xlsx (its shared strings and inline strings), searchable as bytes."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return b"\n".join(book.read(n) for n in book.namelist() if n.endswith(".xml"))


def searchable(name: str, data: bytes) -> bytes:
    return xlsx_strings(data) if name.endswith(".xlsx") else data


@pytest.mark.parametrize("page", ANONYMOUS_PAGES)
def test_no_page_or_download_offered_to_an_anonymous_visitor_holds_personal_data(
    officer_url, monkeypatch, downloads, page
):
    query = {"la": HACKNEY} if page == "borough_profile" else None
    at = open_as(officer_url, monkeypatch, page, None, query)
    assert leaks(shown(at)) == []
    files = made(downloads)
    if page == "data":
        assert {"wayahead_returns_2016_2025.xlsx", "about.csv"} <= set(files)
    if page == "borough_profile":
        assert any(name.endswith(".pdf") and b"Hackney" in data for name, data in files.items())
    for name, data in files.items():
        assert leaks(searchable(name, data)) == [], name


def test_a_signed_in_viewer_gets_the_same_downloads_without_personal_data(officer_url, monkeypatch, downloads):
    at = open_as(officer_url, monkeypatch, "data", "viewer")
    assert leaks(shown(at)) == []
    for name, data in made(downloads).items():
        assert leaks(searchable(name, data)) == [], name
    assert any("names, e-mails and notes are left out" in c.value.replace("\\", "") for c in at.caption)


def test_an_uploader_downloads_the_names_emails_and_notes(officer_url, monkeypatch, downloads):
    at = open_as(officer_url, monkeypatch, "data", "uploader")
    files = made(downloads)
    about = files["about.csv"].decode("utf-8-sig")
    assert "Completed by" in about.splitlines()[0]
    assert "Ada Officer" in about and "ada.officer@council.gov.uk" in about and NOTE in about
    assert b"ada.officer@council.gov.uk" in xlsx_strings(files["wayahead_returns_2016_2025.xlsx"])
    assert any("include the officers' names, e-mails and notes" in c.value.replace("\\", "") for c in at.caption)


def test_the_downloads_page_says_what_personal_data_is_held_why_who_sees_it_and_for_how_long(officer_url, monkeypatch):
    at = open_as(officer_url, monkeypatch, "data", None)
    headings = [h.value for h in at.subheader]
    assert {"What we hold", "Why", "Who sees it", "How long", "Who to contact"} <= set(headings)
    words = shown(at).decode().replace("\\", "")
    assert "Completed by, Email and Notes (About sheet)" in words
    assert "Only signed-in uploaders and admins" in words
