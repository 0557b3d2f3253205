"""The meeting pack: London's headline indicators (figure, change, coverage, trend and the steering
group's commentary) and the recommendations scorecard, as a PowerPoint deck (python-pptx) and a PDF, each page saying
where its figures come from."""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.slide import Slide as DeckSlide
from pptx.util import Inches, Length, Pt
from pypdf import PdfReader, PdfWriter
from sqlalchemy import Engine

from wayahead.charts import trend_chart
from wayahead.charts.report_pdf import figure_pdf, figure_png, titled_pdf, written_under
from wayahead.charts.theme import literal, wrap
from wayahead.figures.filters import Filters
from wayahead.figures.indicators import headline_indicators
from wayahead.figures.metrics.against_london import indicator_trend, london_wide
from wayahead.figures.metrics.headline import Headline, headline
from wayahead.figures.scorecard import scorecard
from wayahead.returns.london import financial_year_label
from wayahead.store.commentary import Comment, latest_commentary
from wayahead.words.commentary import commentary_words
from wayahead.words.formatting import answered_text
from wayahead.words.narrative import change_basis_text, headline_title
from wayahead.words.provenance import Provenance, provenance, titled
from wayahead.words.scorecard import scorecard_table

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
SCORECARD_ROWS_PER_SLIDE = 8
CHART_SIZE = (1100, 520)
COMMENTARY_WRAP = 170  # characters per line of commentary on a PDF page
COMMENTARY_LINE = 18  # pixels per line of it


@dataclass(frozen=True)
class Slide:
    headline: Headline
    trend: pd.DataFrame
    commentary: Comment | None  # the steering group's newest, for the headline's year


@dataclass(frozen=True)
class MeetingPack:
    title: str
    slides: list[Slide]
    scorecard: pd.DataFrame
    provenance: Provenance


def meeting_pack(engine: Engine, filters: Filters) -> MeetingPack:
    """London's pack for the filters' years (London-wide whatever authorities are chosen)."""
    london = london_wide(dataclasses.replace(filters, authorities=()))
    commentary = latest_commentary(engine, london.last_year)
    slides = [
        Slide(headline(engine, i.key, london), indicator_trend(engine, i.key, london), commentary.get(i.key))
        for i in headline_indicators()
    ]
    note = provenance(engine, london)
    title = titled(f"London at a glance, {financial_year_label(london.last_year)}: the meeting pack", note.status)
    return MeetingPack(title, slides, scorecard_table(scorecard(engine, london)), note)


def coverage_words(h: Headline) -> str:
    """'31 of 33 answered in 2025/26.', and whom the change counts when fewer (words.narrative.
    change_basis_text); or why the figure is not stated."""
    if h.withheld:
        return h.withheld
    return f"{answered_text(h.answered, h.in_scope)} in {financial_year_label(h.year)}. {change_basis_text(h)}".rstrip()


def _trend_figure(slide: Slide) -> go.Figure:
    h = slide.headline
    return trend_chart(slide.trend, f"{h.indicator.title}, London, each year", h.indicator.unit)


def pack_pptx(pack: MeetingPack) -> bytes:
    """A deck: a title slide, one slide per headline indicator, then the scorecard."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = pack.title
    cover.placeholders[1].text = pack.provenance.text()
    blank = deck.slide_layouts[6]
    for slide in pack.slides:
        page = deck.slides.add_slide(blank)
        h = slide.headline
        _text(page, headline_title(h), Inches(0.5), Inches(0.3), Inches(12.3), Inches(1.0), 30, bold=True)
        _text(page, coverage_words(h), Inches(0.5), Inches(1.25), Inches(12.3), Inches(0.5), 18)
        png = figure_png(_trend_figure(slide), pack.provenance, *CHART_SIZE)
        if slide.commentary is None:
            page.shapes.add_picture(io.BytesIO(png), Inches(0.9), Inches(1.9), width=Inches(11.5))
        else:  # the chart narrower, the commentary beside it
            page.shapes.add_picture(io.BytesIO(png), Inches(0.5), Inches(1.9), width=Inches(8.0))
            words = commentary_words(slide.commentary)
            _text(page, words, Inches(8.7), Inches(1.9), Inches(4.2), Inches(4.8), 14 if len(words) < 700 else 11)
        _text(page, h.indicator.definition, Inches(0.5), Inches(6.85), Inches(12.3), Inches(0.5), 12)
    rows = pack.scorecard[["Recommendation", "Measured by", "London", "Authorities meeting it"]]
    for start in range(0, len(rows), SCORECARD_ROWS_PER_SLIDE):
        page = deck.slides.add_slide(blank)
        _text(page, "The report's recommendations", Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.8), 28, bold=True)
        part = rows.iloc[start : start + SCORECARD_ROWS_PER_SLIDE]
        shape = page.shapes.add_table(
            len(part) + 1, len(part.columns), Inches(0.5), Inches(1.2), Inches(12.3), Inches(5.4)
        )
        for c, name in enumerate(part.columns):
            shape.table.cell(0, c).text = name
        for r, values in enumerate(part.itertuples(index=False), start=1):
            for c, value in enumerate(values):
                cell = shape.table.cell(r, c)
                cell.text = str(value)
                cell.text_frame.paragraphs[0].font.size = Pt(14)
        _text(page, pack.provenance.text(), Inches(0.5), Inches(6.85), Inches(12.3), Inches(0.5), 12)
    deck.core_properties.title = pack.title
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _text(
    page: DeckSlide, text: str, left: Length, top: Length, width: Length, height: Length, size: int, bold: bool = False
) -> None:
    box = page.shapes.add_textbox(left, top, width, height)
    box.text_frame.word_wrap = True
    paragraph = box.text_frame.paragraphs[0]
    paragraph.text = text
    paragraph.font.size, paragraph.font.bold = Pt(size), bold


def _add_commentary(fig: go.Figure, comment: Comment) -> int:
    """Write `comment` under the chart, as typed; the pixels it adds to the page's height."""
    text = wrap(literal(commentary_words(comment)), COMMENTARY_WRAP)
    height = COMMENTARY_LINE * (text.count("<br>") + 1) + 10
    written_under(fig, text, height, {"size": 13}, "commentary")
    return height


def pack_pdf(pack: MeetingPack) -> bytes:
    """The same pack as a PDF: a page per headline indicator, then the scorecard."""
    writer = PdfWriter()
    for slide in pack.slides:
        h = slide.headline
        fig = _trend_figure(slide)
        fig.update_layout(title={"text": f"{headline_title(h)}<br><sup>{coverage_words(h)}</sup>"})
        width, height = CHART_SIZE
        if slide.commentary is not None:
            height += _add_commentary(fig, slide.commentary)
        for page in PdfReader(io.BytesIO(figure_pdf(fig, pack.provenance, width, height))).pages:
            writer.add_page(page)
    table = pack.scorecard[
        ["Recommendation", "Measured by", "London", "Change on the year before", "Authorities meeting it"]
    ]
    fig = go.Figure(
        go.Table(
            header={"values": list(table.columns), "align": "left", "font": {"size": 12}},
            cells={"values": [table[c].tolist() for c in table.columns], "align": "left", "font": {"size": 11}},
            columnwidth=[3, 3, 1, 2, 2],
        )
    )
    fig.update_layout(title={"text": "The report's recommendations"}, margin={"l": 20, "r": 20, "t": 60, "b": 60})
    for page in PdfReader(io.BytesIO(figure_pdf(fig, pack.provenance, 1400, 1100))).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return titled_pdf(out.getvalue(), pack.title, pack.provenance.text())
