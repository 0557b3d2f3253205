"""Exports made with plotly and kaleido (which drives the system's chromium): a one-page PDF of
a borough profile, and any chart as PNG or PDF. Each carries its provenance drawn into the image
(source, years, coverage, status, "illustrative, not real" for sample data); a PDF's title
(its /Title metadata) is the chart's title."""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
import threading
import warnings

import kaleido
import plotly.graph_objects as go
from pypdf import PdfReader, PdfWriter

from wayahead.charts.palette import TEMPLATE_NAME
from wayahead.charts.trends import AREA_STYLES
from wayahead.figures.indicators import headline_indicators
from wayahead.figures.profile import BoroughProfile
from wayahead.returns.london import financial_year_label
from wayahead.words.narrative import borough_narrative, comparison_note, comparison_table
from wayahead.words.provenance import Provenance, titled

A4_PORTRAIT = (794, 1123)  # CSS pixels at 96 per inch: 210 × 297 mm
PNG_SIZE = (1200, 700)
FOOTER_HEIGHT = 34  # pixels added under a chart for its provenance line
AXIS_ROOM = 70  # pixels kept under the plot for tick labels, so the line never runs into them
ILLUSTRATIVE_COLOUR = "#B5470B"  # dark orange: stands out, still readable in grey


def _plain(text: str) -> str:
    """A title without its HTML markup ('<b>Hackney</b>: …' → 'Hackney: …')."""
    return re.sub(r"<br\s*/?>", " ", re.sub(r"</?(b|i|span)[^>]*>", "", text or "")).strip()


def provenance_line(provenance: Provenance) -> str:
    """The provenance as drawn on an image, with 'illustrative, not real' in bold and orange."""
    text = provenance.text()
    if provenance.illustrative:
        head, _, tail = text.rpartition("; ")
        text = f"{head}; <b><span style='color:{ILLUSTRATIVE_COLOUR}'>{tail.upper()}</span></b>"
    return text


def marked(fig: go.Figure, provenance: Provenance) -> go.Figure:
    """`fig`, or a copy titled 'Provisional: …' when its figures include unpublished returns."""
    title = fig.layout.title.text or ""
    if not title or titled(title, provenance.status) == title:
        return fig
    return go.Figure(fig).update_layout(title_text=titled(title, provenance.status))


def stamped(fig: go.Figure, provenance: Provenance) -> go.Figure:
    """A copy of `fig` with its provenance written in a strip under the chart (and its title
    marked provisional when it is)."""
    out = go.Figure(marked(fig, provenance))
    written_under(out, provenance_line(provenance), FOOTER_HEIGHT, {"size": 12, "color": "#333333"}, "provenance")
    return out


def written_under(fig: go.Figure, text: str, height: int, font: dict[str, object], name: str) -> None:
    """Write `text` (plotly's markup) in a strip `height` pixels tall under `fig`'s plot and its tick
    labels, above anything written under it before; `fig` is changed in place."""
    bottom = max(fig.layout.margin.b or 0, AXIS_ROOM)
    fig.update_layout(margin={"b": bottom + height})
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-bottom,
        showarrow=False,
        align="left",
        font=font,
        name=name,
    )


_RENDERER = threading.Lock()


def drawn(fig: go.Figure, format: str, width: int, height: int, scale: float = 1) -> bytes:
    """The figure drawn by kaleido. One chromium is kept open for the process (closed when it exits) and
    takes one drawing at a time: a chart then costs about 0.7 s instead of 4 s for a chromium of its own."""
    with _RENDERER:
        kaleido.start_sync_server(silence_warnings=True)  # opens it the first time only
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "The kopts argument is ignored", UserWarning)
            return fig.to_image(format=format, width=width, height=height, scale=scale)


def figure_png(fig: go.Figure, provenance: Provenance, width: int = PNG_SIZE[0], height: int = PNG_SIZE[1]) -> bytes:
    """The chart as a PNG at twice the pixel density (sharp on slides and in reports), its provenance drawn under it."""
    return drawn(stamped(fig, provenance), "png", width, height, scale=2)


def titled_pdf(pdf: bytes, title: str, subject: str) -> bytes:
    """The PDF with its document title and subject set (chromium writes the page's title, 'Kaleido-fier')."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Title": title, "/Subject": subject, "/Author": "Way Ahead Dashboard"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def figure_pdf(fig: go.Figure, provenance: Provenance, width: int = PNG_SIZE[0], height: int = PNG_SIZE[1]) -> bytes:
    """The chart as a one-page PDF, its provenance drawn under it and its title as the document's title."""
    out = stamped(fig, provenance)
    pdf = drawn(out, "pdf", width, height)
    return titled_pdf(pdf, _plain(out.layout.title.text) or "Way Ahead chart", provenance.text())


def _wrapped(paragraphs: list[str], width: int = 125) -> str:
    return "<br>".join("<br>".join(textwrap.wrap(p, width)) for p in paragraphs)


def _year_ticks(years: list[int]) -> dict:
    shown = years if len(years) <= 5 else years[::2]
    return {"tickvals": shown, "ticktext": [financial_year_label(y) for y in shown], "tickangle": 0}


def _chart_domains(n: int) -> tuple[list[float], list[float]]:
    """(x, y) domains of the n-th small chart: two columns, three rows in the lower half of the page."""
    row, col = divmod(n, 2)
    top = 0.48 - row * 0.17
    return ([0.0, 0.45] if col == 0 else [0.55, 1.0]), [top - 0.11, top]


def profile_figure(profile: BoroughProfile, provenance: Provenance) -> go.Figure:
    """The whole profile on one A4 page: comparison table (with Inner or Outer London and the
    reader's group), narrative and a trend per indicator, with its provenance in the footer."""
    a = profile.authority
    areas = list(dict.fromkeys(profile.trends["area"]))
    years = sorted(int(y) for y in profile.trends["year"].unique())
    table = comparison_table(profile)
    fig = go.Figure(
        go.Table(
            domain={"x": [0, 1], "y": [0.75, 0.985]},
            header={
                "values": list(table.columns),
                "align": "left",
                "font": {"size": 11, "color": "white"},
                "fill": {"color": "#004D7A"},
            },
            cells={
                "values": [table[column] for column in table.columns],
                "align": "left",
                "font": {"size": 11},
                "height": 20,
            },
            columnwidth=[2.7, *(1.9 if c == profile.group_label else 1.0 for c in table.columns[1:-1]), 1.1],
        )
    )
    for n, indicator in enumerate(headline_indicators()):
        axis = "" if n == 0 else str(n + 1)
        x_domain, y_domain = _chart_domains(n)
        for area, style in zip(areas, AREA_STYLES):
            data = profile.trends[(profile.trends["indicator"] == indicator.key) & (profile.trends["area"] == area)]
            fig.add_trace(
                go.Scatter(
                    x=data["year"],
                    y=data["value"],
                    name=area,
                    legendgroup=area,
                    showlegend=n == 0,
                    mode="lines+markers",
                    xaxis=f"x{axis}",
                    yaxis=f"y{axis}",
                    line={"color": style["color"], "dash": style["dash"], "width": 2},
                    marker={"symbol": style["symbol"], "size": 6},
                )
            )
        fig.update_layout(
            {
                f"xaxis{axis}": {
                    "domain": x_domain,
                    "anchor": f"y{axis}",
                    "tickfont": {"size": 10},
                    **_year_ticks(years),
                },
                f"yaxis{axis}": {
                    "domain": y_domain,
                    "anchor": f"x{axis}",
                    "tickformat": ".0%",
                    "rangemode": "tozero",
                    "tickfont": {"size": 10},
                },
            }
        )
        fig.add_annotation(
            text=f"<b>{indicator.title}</b>",
            xref="paper",
            yref="paper",
            x=x_domain[0],
            y=y_domain[1] + 0.012,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 12},
        )
    fig.add_annotation(
        text=_wrapped(borough_narrative(profile), 140),
        xref="paper",
        yref="paper",
        x=0,
        y=0.735,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 10},
    )
    fig.add_annotation(
        text=f"{_wrapped([comparison_note(profile)], 150)}<br>{provenance_line(provenance)}<br>"
        f"Way Ahead Dashboard · made {dt.date.today():%d %B %Y} · definitions on the Downloads and definitions page",
        xref="paper",
        yref="paper",
        x=0,
        y=-0.03,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 9, "color": "#555555"},
        name="provenance",
    )
    year = financial_year_label(profile.year) if profile.year else "no returns"
    width, height = A4_PORTRAIT
    fig.update_layout(
        template=TEMPLATE_NAME,
        width=width,
        height=height,
        font={"size": 11},
        title={
            "text": titled(f"<b>{a.name}</b>: borough profile, {year}", provenance.status),
            "font": {"size": 20},
            "x": 0.04,
        },
        margin={"l": 45, "r": 30, "t": 55, "b": 95},
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom", "font": {"size": 11}},
    )
    return fig


def profile_pdf(profile: BoroughProfile, provenance: Provenance) -> bytes:
    """The profile as a one-page A4 PDF, titled as the page is."""
    fig = profile_figure(profile, provenance)
    pdf = drawn(fig, "pdf", fig.layout.width, fig.layout.height)
    return titled_pdf(pdf, _plain(fig.layout.title.text), provenance.text())
