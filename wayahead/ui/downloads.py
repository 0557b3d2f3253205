"""Download buttons for charts (PNG) and data (CSV), made only when the reader clicks."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from wayahead.exports import dataframe_to_csv_bytes
from wayahead.report_pdf import figure_png


def png_button(fig: go.Figure, file_stem: str, key: str) -> None:
    """'Download chart (PNG)': the image is drawn by kaleido when clicked."""
    st.download_button("Download chart (PNG)", data=lambda: figure_png(fig), file_name=f"{file_stem}.png",
                       mime="image/png", key=f"png_{key}", on_click="ignore", icon=":material/image:")


def data_block(frame: pd.DataFrame, file_stem: str, key: str) -> None:
    """The chart's figures a click away: a table and its CSV (formula-safe)."""
    with st.expander("Show the figures"):
        st.dataframe(frame, hide_index=True, width="stretch")
        st.download_button("Download figures (CSV)", data=dataframe_to_csv_bytes(frame), file_name=f"{file_stem}.csv",
                           mime="text/csv", key=f"csv_{key}", on_click="ignore", icon=":material/download:")
