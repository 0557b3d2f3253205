"""Plain-words summaries of what a chart shows, generated from its numbers."""

from __future__ import annotations

import statistics

import pandas as pd

from wayahead.figures.numbers import missing
from wayahead.returns.london import financial_year_label
from wayahead.words.formatting import change_words, format_value

NO_DATA = "No returns match these filters, so there is nothing to show."


def _series_points(frame: pd.DataFrame) -> dict[object, list[tuple[int, float]]]:
    """Each series' (year, value) points that have a value, oldest first; series in the order
    they first appear with a value (plain Python: a few hundred points, many charts a page)."""
    points: dict[object, list[tuple[int, float]]] = {}
    for series, year, value in zip(frame["series"], frame["year"], frame["value"]):
        if not pd.isna(series) and not pd.isna(value):
            points.setdefault(series, []).append((int(year), value))
    for rows in points.values():
        rows.sort(key=lambda point: point[0])
    return points


def trend_summary(frame: pd.DataFrame, what: str, unit: str) -> str:
    """'Grant share of funding, London: 57% in 2016/17, 33% in 2024/25 (down 24 points).'

    With `what` empty each sentence starts with the series name alone."""
    sentences = []
    for series, rows in _series_points(frame).items():
        (first_year, first), (last_year, last) = rows[0], rows[-1]
        name = f"{what}, {series}" if what else str(series)
        if len(rows) == 1:
            sentences.append(
                f"{name}: {format_value(unit, last)} in {financial_year_label(last_year)} (one year only)."
            )
            continue
        sentences.append(
            f"{name}: {format_value(unit, first)} in {financial_year_label(first_year)}, "
            f"{format_value(unit, last)} in {financial_year_label(last_year)} "
            f"({change_words(unit, last - first)})."
        )
    return " ".join(sentences) or NO_DATA


def lower_first(text: str) -> str:
    """'Grant share' → 'grant share', but 'VCS leads' stays."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def yes_no_summary(frame: pd.DataFrame, what: str, year: int) -> str:
    """'In 2024/25, 30 of 32 authorities that returned: yes (…); no: Redbridge, Sutton.' from frame[name, value]."""
    rows = frame.dropna(subset=["value"])
    if rows.empty:
        return NO_DATA
    without = sorted(rows.loc[rows["value"] < 0.5, "name"])
    listed = ", ".join(without) if without else "none"
    return (
        f"{what}, {financial_year_label(year)}: {len(rows) - len(without)} of the {len(rows)} authorities that "
        f"returned. Not yet: {listed}."
    )


def ranked_summary(frame: pd.DataFrame, what: str, unit: str, year: int) -> str:
    """'In 2024/25, Camden had the highest … (62%) and Bexley the lowest (12%); median 35% across 32.'"""
    rows = sorted(
        ((float(v), str(n)) for n, v in zip(frame["name"], frame["value"]) if not pd.isna(v)),
        key=lambda row: (-row[0], row[1]),
    )
    if not rows:
        return NO_DATA
    label = financial_year_label(year)
    what = lower_first(what)
    shown = [format_value(unit, v) for v, _ in rows]
    top, lowest = 0, shown.index(format_value(unit, rows[-1][0]))
    if len(rows) == 1:
        return f"In {label}, {what} for {rows[0][1]} was {shown[0]}; no other authority to compare."
    return (
        f"In {label}, {_who(rows[top][1], shown, shown[top])} the highest {what} ({shown[top]}) and "
        f"{_who(rows[lowest][1], shown, shown[lowest])} the lowest ({shown[lowest]}); the median was "
        f"{format_value(unit, statistics.median(v for v, _ in rows))} across {len(rows)} authorities."
    )


def _who(name: str, shown: list[str], value: str) -> str:
    """'Camden had' or 'Camden and 8 others had' when several show the same value."""
    others = shown.count(value) - 1
    return f"{name} and {others} other{'s' if others > 1 else ''} had" if others else f"{name} had"


def composition_summary(frame: pd.DataFrame, unit: str, x_label: str = "") -> str:
    """'2024/25: None 9%, In development 19%, Adopted 47%, Embedded 25%.' for the first and last bar."""
    bars = list(dict.fromkeys(frame["x"]))
    if not bars or frame["value"].fillna(0).sum() == 0:
        return NO_DATA
    chosen = bars if len(bars) <= 2 else [bars[0], bars[-1]]
    totals = frame.groupby("category")["value"].sum()
    empty = set(totals[totals.fillna(0) == 0].index)
    parts = []
    for bar in chosen:
        rows = frame[frame["x"] == bar]
        values = ", ".join(
            f"{c} {format_value(unit, v)}"
            for c, v in zip(rows["category"], rows["value"])
            if not missing(v) and c not in empty
        )
        parts.append(f"{x_label}{bar}: {values}.")
    return " ".join(parts)


def trend_title(frame: pd.DataFrame, what: str, unit: str, series: str = "London") -> str:
    """A title stating the finding: 'Grant share of funding fell from 57% to 33% (2016/17 to 2024/25)'."""
    rows = _series_points(frame).get(series, [])
    if not rows:
        return what
    (first_year, first), (last_year, last) = rows[0], rows[-1]
    if len(rows) == 1:
        return f"{what}: {format_value(unit, last)} in {financial_year_label(last_year)}"
    span = f"({financial_year_label(first_year)} to {financial_year_label(last_year)})"
    if format_value(unit, first) == format_value(unit, last):
        return f"{what} steady at {format_value(unit, last)} {span}"
    verb = "rose" if last > first else "fell"
    return f"{what} {verb} from {format_value(unit, first)} to {format_value(unit, last)} {span}"


def side_by_side_title(
    frame: pd.DataFrame, what: str, unit: str, reference: str = "London", yes_no: bool = False
) -> str:
    """'Grant share of funding, 2024/25: Camden 30%, Hackney 45%; London 33%': each series' own
    latest figure (DataFrame[year, series, value]), the reference series last; with `yes_no`,
    each authority's figure is Yes or No."""
    if frame.empty:
        return what
    year = int(frame["year"].max())
    latest = frame[frame["year"] == year]
    own = [
        f"{s} {'not answered' if missing(v) else ('Yes' if v >= 0.5 else 'No') if yes_no else format_value(unit, v)}"
        for s, v in zip(latest["series"], latest["value"])
        if s != reference
    ]
    london = latest.loc[latest["series"] == reference, "value"]
    tail = f"; {reference} {format_value(unit, london.iloc[0])}" if len(london) and not missing(london.iloc[0]) else ""
    return f"{what}, {financial_year_label(year)}: {', '.join(own)}{tail}"


def ranked_title(frame: pd.DataFrame, what: str, unit: str, year: int) -> str:
    """'Grant share of funding ranged from 12% to 62% across authorities in 2024/25'."""
    values = frame["value"].dropna()
    if values.empty:
        return what
    if len(values) == 1:
        return f"{what}: {format_value(unit, values.iloc[0])} in {financial_year_label(year)}"
    return (
        f"{what} ranged from {format_value(unit, values.min())} to {format_value(unit, values.max())} "
        f"across authorities in {financial_year_label(year)}"
    )


def composition_title(frame: pd.DataFrame, what: str, unit: str) -> str:
    """'Funding in 2024/25: Contracts the largest part, £255m of £380m (67%)' for the last bar."""
    bars = list(dict.fromkeys(frame["x"]))
    if not bars:
        return what
    rows = frame[frame["x"] == bars[-1]].dropna(subset=["value"])
    whole = rows["value"].sum()
    if rows.empty or whole == 0:
        return what
    top = rows.sort_values("value").iloc[-1]
    share = top["value"] / whole
    if unit == "share":
        return f"{what}, {bars[-1]}: {top['category']} the largest part ({format_value(unit, top['value'])})"
    return f"{what}, {bars[-1]}: {top['category']} the largest part, {format_value(unit, top['value'])} of {format_value(unit, whole)} ({format_value('share', share)})"


def lines_title(frame: pd.DataFrame, what: str, unit: str) -> str:
    """Title for several lines: the highest and lowest in the last year; for one line, its trend."""
    series = list(dict.fromkeys(frame["series"]))
    if len(series) == 1:
        return trend_title(frame, what, unit, series[0])
    latest = frame[frame["year"] == frame["year"].max()].dropna(subset=["value"]).sort_values("value")
    if latest.empty:
        return what
    top, bottom = latest.iloc[-1], latest.iloc[0]
    return (
        f"{what}, {financial_year_label(int(top['year']))}: highest {top['series']} ({format_value(unit, top['value'])}), "
        f"lowest {bottom['series']} ({format_value(unit, bottom['value'])})"
    )
