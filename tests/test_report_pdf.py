"""Exports through kaleido and the system chromium: the profile as a one-page PDF, a chart as PNG.

These need chromium (`make browser`); without it they fail, they do not skip."""

from __future__ import annotations

import io
import re

import plotly.graph_objects as go
import pytest
from pages_fixtures import BARNET, CAMDEN, HACKNEY, sample_database, store_small
from pypdf import PdfReader
from reading import pdf_words

from wayahead.charts.report_pdf import A4_PORTRAIT, figure_pdf, figure_png, profile_figure, profile_pdf, stamped
from wayahead.figures.filters import Filters
from wayahead.figures.profile import borough_profile
from wayahead.words.provenance import Provenance, provenance

SAMPLE = Provenance(2024, 2024, 28, 33, "published", illustrative=True)
SAMPLE_LINE = (
    "Source: Way Ahead borough returns, 2024/25; 28 of 33 authorities returned; published; illustrative, not real"
)
PROVISIONAL = Provenance(2024, 2024, 28, 33, "provisional")

pytestmark = pytest.mark.db


def test_profile_pdf_is_one_a4_page(engine):
    profile = borough_profile(store_small(engine), HACKNEY, Filters(2023, 2024))
    pdf = profile_pdf(profile, provenance(engine, Filters(2023, 2024)))
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert re.search(rb"/Count 1\b", pdf)
    width, height = (float(v) for v in re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups())
    assert width / height == pytest.approx(A4_PORTRAIT[0] / A4_PORTRAIT[1], rel=0.01)


def test_profile_page_holds_the_table_narrative_and_six_trends(engine):
    profile = borough_profile(store_small(engine), HACKNEY, Filters(2023, 2024))
    fig = profile_figure(profile, SAMPLE)
    table = next(t for t in fig.data if t.type == "table")
    assert list(table.header.values) == [
        "Indicator",
        "Hackney",
        "East London",
        "Inner London",
        "London",
        "Rank",
    ]
    assert list(table.cells.values[1]) == ["50%", "50%", "Yes", "Yes", "50%", "40%"]
    assert len([t for t in fig.data if t.type == "scatter"]) == 6 * 4
    texts = " ".join(a.text for a in fig.layout.annotations).replace("<br>", " ")
    assert "the highest of 2 authorities; up 25 points on 2023/24." in texts
    assert "Inner London is the 14 authorities of the ONS statistical definition" in texts
    assert "Hackney" in fig.layout.title.text


def test_profile_page_holds_the_readers_group_as_a_pooled_column_and_line(engine):
    profile = borough_profile(store_small(engine), HACKNEY, Filters(2023, 2024), (BARNET, CAMDEN))
    fig = profile_figure(profile, SAMPLE)
    table = next(t for t in fig.data if t.type == "table")
    assert list(table.header.values)[-2] == "Your group (2 authorities)"
    # the usual two thirds: both returned, but only Barnet has funding to count (Camden left it blank)
    assert list(table.cells.values[-2])[:3] == ["too few answers (2 of 2 returned)"] * 2 + ["50% (2 of 2 returned)"]
    assert {t.name for t in fig.data if t.type == "scatter"} == {
        "Hackney",
        "East London",
        "Inner London",
        "London",
        "Your group (2 authorities)",
    }
    pdf = profile_pdf(profile, SAMPLE)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert "Your group, chosen on this page (Barnet and Camden), is pooled" in pdf_words(pdf)


def test_any_chart_exports_as_png():
    png = figure_png(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), SAMPLE, width=400, height=300)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (800, 600)  # twice the pixel density


def test_the_provenance_in_one_line():
    assert SAMPLE.text() == SAMPLE_LINE
    real = Provenance(2019, 2024, 32, 33, "provisional")
    assert (
        real.text()
        == "Source: Way Ahead borough returns, 2019/20 to 2024/25; 32 of 33 authorities returned in 2024/25; provisional"
    )


def test_a_chart_image_carries_its_provenance_drawn_under_it():
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout={"title": {"text": "Grants fell to 41% of funding"}})
    drawn = stamped(fig, SAMPLE).to_dict()["layout"]
    line = next(a for a in drawn["annotations"] if a.get("name") == "provenance")
    assert re.sub(r"<[^>]+>", "", line["text"]) == SAMPLE_LINE.replace(
        "illustrative, not real", "ILLUSTRATIVE, NOT REAL"
    )
    assert line["yref"] == "paper" and line["y"] == 0 and line["yanchor"] == "top"
    assert not fig.layout.annotations  # the chart on the page is left as it was


def test_a_chart_pdf_says_what_it_is_and_is_titled_as_the_chart():
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout={"title": {"text": "<b>Grants</b> fell to 41% of funding"}})
    pdf = figure_pdf(fig, SAMPLE)
    text = pdf_words(pdf)
    assert (
        "Source: Way Ahead borough returns, 2024/25; 28 of 33 authorities returned; published; ILLUSTRATIVE, NOT REAL"
        in text
    )
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info.title == "Grants fell to 41% of funding"
    assert info.subject == SAMPLE_LINE


def test_a_provisional_chart_says_so_in_its_title_drawn_and_in_the_pdf_metadata():
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout={"title": {"text": "Grants fell to 41% of funding"}})
    pdf = figure_pdf(fig, PROVISIONAL)
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Provisional: Grants fell to 41% of funding"
    text = pdf_words(pdf)
    assert "Provisional: Grants fell to 41% of funding" in text and "; provisional" in text
    assert (
        stamped(stamped(fig, PROVISIONAL), PROVISIONAL).layout.title.text
        == "Provisional: Grants fell to 41% of funding"
    )
    assert fig.layout.title.text == "Grants fell to 41% of funding"  # the page's own figure is left as it was


def test_the_profile_pdf_of_sample_data_says_illustrative_and_is_titled_as_the_profile(tmp_path):
    engine = sample_database(f"sqlite:///{tmp_path / 'sample.db'}", as_the_app_loads_it=True)
    london = Filters(2016, 2024)
    profile = borough_profile(engine, HACKNEY, london)
    pdf = profile_pdf(profile, provenance(engine, london))
    text = pdf_words(pdf)
    assert (
        "Source: Way Ahead borough returns, 2016/17 to 2024/25; 32 of 33 authorities returned in 2024/25; published; "
        "ILLUSTRATIVE, NOT REAL"
    ) in text
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Hackney: borough profile, 2024/25"
    provisional = Filters(2016, 2024, include_unpublished=True)
    pdf = profile_pdf(borough_profile(engine, HACKNEY, provisional), provenance(engine, provisional))
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Provisional: Hackney: borough profile, 2024/25"
    assert "Provisional: Hackney: borough profile" in pdf_words(pdf)
    engine.dispose()
