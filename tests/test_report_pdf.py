"""Exports through kaleido and the system chromium: the profile as a one-page PDF, a chart as PNG.

These need chromium (`make browser`); without it they fail, they do not skip."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest
from pages_fixtures import HACKNEY, store_small

from wayahead.filters import Filters
from wayahead.profile import borough_profile
from wayahead.report_pdf import A4_PORTRAIT, figure_png, profile_figure, profile_pdf

pytestmark = pytest.mark.db


def test_profile_pdf_is_one_a4_page(engine):
    profile = borough_profile(store_small(engine), HACKNEY, Filters(2023, 2024))
    pdf = profile_pdf(profile)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert re.search(rb"/Count 1\b", pdf)
    width, height = (float(v) for v in re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups())
    assert width / height == pytest.approx(A4_PORTRAIT[0] / A4_PORTRAIT[1], rel=0.01)


def test_profile_page_holds_the_table_narrative_and_six_trends(engine):
    profile = borough_profile(store_small(engine), HACKNEY, Filters(2023, 2024))
    fig = profile_figure(profile)
    table = next(t for t in fig.data if t.type == "table")
    assert list(table.header.values) == ["Indicator", "Hackney", "East London", "London", "Rank (1 = highest)"]
    assert list(table.cells.values[1]) == ["50%", "50%", "Yes", "Yes", "50%", "40%"]
    assert len([t for t in fig.data if t.type == "scatter"]) == 6 * 3
    texts = " ".join(a.text for a in fig.layout.annotations).replace("<br>", " ")
    assert "the highest of 2 authorities; up 25 points on 2023/24." in texts
    assert "Hackney" in fig.layout.title.text


def test_any_chart_exports_as_png():
    png = figure_png(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), width=400, height=300)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (800, 600)  # twice the pixel density
