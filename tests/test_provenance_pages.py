"""What a downloaded file says about itself, as a visitor gets it from the pages (AppTest on the
sample data, loaded as the app loads it, so the app knows it is illustrative)."""

from __future__ import annotations

import csv
import io

import openpyxl
from test_privacy import downloads, officer_url, open_as  # noqa: F401 (fixtures)

from wayahead.output.exports import ABOUT_SHEET, PROVENANCE_COLUMN

LINE = (
    "Source: Way Ahead borough returns, 2016/17 to 2025/26; 31 of 33 authorities returned in 2025/26; "
    "published; illustrative, not real"
)


def made(offered, name: str) -> bytes:
    _, data = offered[name]
    return data() if callable(data) else data


def test_the_downloads_page_files_say_source_years_coverage_status_and_illustrative(
    officer_url, monkeypatch, downloads
):
    at = open_as(officer_url, monkeypatch, "data", None, offered=downloads)
    assert any(c.value.replace("\\", "") == LINE + "." for c in at.caption)
    book = openpyxl.load_workbook(io.BytesIO(made(downloads, "wayahead_returns_2016_2025.xlsx")))
    assert book.sheetnames[0] == ABOUT_SHEET
    about = dict(list(book[ABOUT_SHEET].values)[1:])
    assert about["Source"] == "Way Ahead borough returns"
    assert about["Financial years"] == "2016/17 to 2025/26"
    assert about["Coverage"] == "31 of 33 authorities returned in 2025/26"
    assert about["Publication status"] == "published"
    assert about["Sample data"] == "Yes: illustrative, not real"
    assert about["In one line"] == LINE
    rows = list(csv.reader(io.StringIO(made(downloads, "funding.csv").decode("utf-8-sig"))))
    assert rows[0][-1] == PROVENANCE_COLUMN and rows[0][:3] == ["Borough code", "Borough", "Financial year"]
    assert {r[-1] for r in rows[1:]} == {LINE}


def test_a_theme_chart_data_download_says_what_it_is(officer_url, monkeypatch, downloads):
    at = open_as(officer_url, monkeypatch, "funding", None, {"from": "2024", "to": "2024"}, downloads)
    one_year = (
        "Source: Way Ahead borough returns, 2024/25; 32 of 33 authorities returned; published; illustrative, not real"
    )
    csvs = [n for n in downloads if n.endswith(".csv")]
    xlsxs = [n for n in downloads if n.endswith(".xlsx")]
    assert csvs and xlsxs
    for name in csvs:
        rows = list(csv.reader(io.StringIO(made(downloads, name).decode("utf-8-sig"))))
        assert rows[0][-1] == PROVENANCE_COLUMN and {r[-1] for r in rows[1:]} == {one_year}, name
    book = openpyxl.load_workbook(io.BytesIO(made(downloads, xlsxs[0])))
    about = dict(list(book[ABOUT_SHEET].values)[1:])
    chart_titles = [c.proto.alt.split(". ")[0] for c in at.get("plotly_chart")]
    assert about["Title"] in " ".join(chart_titles) and about["In one line"] == one_year


def test_the_profile_offers_its_charts_as_png_and_pdf_and_the_pdf_is_titled(officer_url, monkeypatch, downloads):
    open_as(officer_url, monkeypatch, "borough_profile", None, {"la": "E09000012"}, downloads)
    pdfs = sorted(n for n in downloads if n.endswith(".pdf"))
    assert "hackney-profile-2025-26.pdf" in pdfs and len(pdfs) == 1 + 6  # the profile and each trend chart
    assert len([n for n in downloads if n.endswith(".png")]) == 6
    from pypdf import PdfReader

    trend = made(downloads, "hackney_grant_share.pdf")
    assert PdfReader(io.BytesIO(trend)).metadata.title == "Grant share of funding"
