"""Colours and the plotly template: Okabe-Ito (colour-blind safe), large type for projectors.

Okabe, M. and Ito, K. (2008) "Color Universal Design": eight colours that stay distinct for
the common forms of colour blindness. Charts never rely on colour alone (labels, patterns,
markers carry the same information).
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#767676"  # 4.5:1 on white, for reference lines and muted text

# Order used for categories: strongest contrasts first.
CATEGORICAL: tuple[str, ...] = (BLUE, ORANGE, BLUISH_GREEN, VERMILLION, SKY_BLUE, REDDISH_PURPLE, YELLOW, BLACK)

# Selected authorities against London: London is always black, selections take CATEGORICAL.
LONDON = BLACK
HIGHLIGHT = VERMILLION

# Sequential scale for maps (low → high), light to dark blue: readable in greyscale too.
SEQUENTIAL: tuple[str, ...] = ("#F2F7FB", "#C6DBEF", "#8DBBDF", "#56B4E9", "#2A88C6", "#0072B2", "#004D7A")

# Ordered scales (e.g. the social value ladder None → Embedded): light to dark, so order reads
# without colour names.
ORDERED: tuple[str, ...] = ("#D9D9D9", "#8DBBDF", "#2A88C6", "#004D7A")

# Fill patterns for stacked bars, so categories differ by more than colour.
PATTERNS: tuple[str, ...] = ("", "/", ".", "x", "\\", "+", "-", "|")

FONT_SIZE = 18
TITLE_SIZE = 22
TEMPLATE_NAME = "wayahead"


def _template() -> go.layout.Template:
    return go.layout.Template(
        layout=go.Layout(
            font=dict(family="Arial, Helvetica, sans-serif", size=FONT_SIZE, color="#1A1A1A"),
            title=dict(font=dict(size=TITLE_SIZE), x=0, xanchor="left"),
            colorway=list(CATEGORICAL),
            paper_bgcolor="white",
            plot_bgcolor="white",
            xaxis=dict(showgrid=False, linecolor=GREY, ticks="outside", tickcolor=GREY, automargin=True),
            yaxis=dict(gridcolor="#E5E5E5", zerolinecolor=GREY, automargin=True),
            legend=dict(orientation="h", yanchor="top", y=-0.15, x=0, font=dict(size=FONT_SIZE - 2)),
            hoverlabel=dict(font=dict(size=FONT_SIZE - 2)),
            margin=dict(l=10, r=20, t=70, b=10),
            colorscale=dict(sequential=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)]),
        )
    )


pio.templates[TEMPLATE_NAME] = _template()
