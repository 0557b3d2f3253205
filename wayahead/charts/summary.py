"""Plain-words summaries of what a chart shows, generated from its numbers."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import pandas as pd

from wayahead.figures.answers import NOT_ANSWERED
from wayahead.figures.indicators import counts_as_yes
from wayahead.figures.numbers import missing
from wayahead.returns.london import financial_year_label
from wayahead.returns.spec import lower_first
from wayahead.words.formatting import NOT_ANSWERED_TEXT, change_words, format_value

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


def trend_summary(frame: pd.DataFrame, what: str, unit: str, yes_no: bool = False, reference: str = "London") -> str:
    """'Grant share of funding, London: 57% in 2016/17, 33% in 2024/25 (down 24 points).'

    With `what` empty each sentence starts with the series name alone. With `yes_no`, each
    series but the reference is one authority's answer: 'Hackney: No in 2016/17, Yes in 2024/25.'"""
    sentences = []
    for series, rows in _series_points(frame).items():
        (first_year, first), (last_year, last) = rows[0], rows[-1]
        name = f"{what}, {series}" if what else str(series)
        answer = yes_no and series != reference
        shown = (lambda v: "Yes" if counts_as_yes(v) else "No") if answer else (lambda v: format_value(unit, v))
        if len(rows) == 1:
            sentences.append(f"{name}: {shown(last)} in {financial_year_label(last_year)} (one year only).")
            continue
        change = "" if answer else f" ({change_words(unit, last - first)})"
        sentences.append(
            f"{name}: {shown(first)} in {financial_year_label(first_year)}, "
            f"{shown(last)} in {financial_year_label(last_year)}{change}."
        )
    return " ".join(sentences) or NO_DATA


def yes_no_summary(frame: pd.DataFrame, what: str, year: int) -> str:
    """'Cabinet lead, 2024/25: Yes in 30 of the 32 authorities that answered; No in Redbridge and
    Sutton.' from frame[name, value] (a blank value is not an answer, so not counted)."""
    rows = frame.dropna(subset=["value"])
    if rows.empty:
        return NO_DATA
    head = f"{what}, {financial_year_label(year)}"
    if len(rows) == 1:
        only = rows.iloc[0]
        return f"{head}: {only['name']} answered {'Yes' if counts_as_yes(only['value']) else 'No'}, the only authority that answered."
    without = sorted(rows.loc[~rows["value"].map(counts_as_yes), "name"])
    noes = f"No in {_listed(without)}" if without else "none answered No"
    return f"{head}: Yes in {len(rows) - len(without)} of the {len(rows)} authorities that answered; {noes}."


def _listed(names: Sequence[str]) -> str:
    """'Barnet', 'Barnet and Camden', 'Barnet, Camden and Hackney'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def ranked_summary(frame: pd.DataFrame, what: str, unit: str, year: int) -> str:
    """'In 2024/25, Camden had the highest grant share (62%) and Bexley had the lowest (12%); the
    median was 35% across 32 authorities.' A count reads 'had the most organisations (4) and …
    the fewest (1)'."""
    rows = sorted(
        ((float(v), str(n)) for n, v in zip(frame["name"], frame["value"]) if not pd.isna(v)),
        key=lambda row: (-row[0], row[1]),
    )
    if not rows:
        return NO_DATA
    label = financial_year_label(year)
    what = lower_first(what)
    shown = [format_value(unit, v) for v, _ in rows]
    top, lowest = 0, shown.index(shown[-1])
    if len(rows) == 1:
        return f"In {label}, {what} for {rows[0][1]} was {shown[0]}; no other authority to compare."
    if shown[top] == shown[-1]:
        same = f"number of {what}" if unit == "count" else what
        return f"In {label}, all {len(rows)} authorities had the same {same} ({shown[top]})."
    most, fewest = ("most", "fewest") if unit == "count" else ("highest", "lowest")
    return (
        f"In {label}, {_who(rows, shown, shown[top])} had the {most} {what} ({shown[top]}) and "
        f"{_who(rows, shown, shown[lowest])} had the {fewest} ({shown[lowest]}); the median was "
        f"{format_value(unit, statistics.median(v for v, _ in rows))} across {len(rows)} authorities."
    )


def _who(rows: list[tuple[float, str]], shown: list[str], value: str) -> str:
    """Who shows `value`: 'Camden', 'Camden and Enfield', or 'Camden and 8 others'."""
    names = [name for (_, name), figure in zip(rows, shown) if figure == value]
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]} and {len(names) - 1} others"


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
        f"{s} {NOT_ANSWERED_TEXT if missing(v) else ('Yes' if counts_as_yes(v) else 'No') if yes_no else format_value(unit, v)}"
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
    label = financial_year_label(year)
    low, high = format_value(unit, values.min()), format_value(unit, values.max())
    if len(values) == 1:
        return f"{what}: {high} in {label}"
    if low == high:
        return f"{what}: {high} in each of the {len(values)} authorities in {label}"
    return f"{what} ranged from {low} to {high} across authorities in {label}"


def _leaders(rows: pd.DataFrame, unit: str) -> tuple[list[str], str]:
    """The categories with the largest value in rows[category, value] (several when they tie
    at the precision shown), and that value as shown."""
    shown = [format_value(unit, v) for v in rows["value"]]
    largest = format_value(unit, rows["value"].max())
    return [str(c) for c, v in zip(rows["category"], shown) if v == largest], largest


def composition_title(frame: pd.DataFrame, what: str, unit: str) -> str:
    """'Funding, 2024/25: the largest part was contracts, £255m of £380m (67%)' for the last bar
    (frame[x, category, value]: parts of one whole, such as money or income by source)."""
    bars = list(dict.fromkeys(frame["x"]))
    if not bars:
        return what
    rows = frame[frame["x"] == bars[-1]].dropna(subset=["value"])
    whole = rows["value"].sum()
    if rows.empty or whole == 0:
        return what
    leaders, largest = _leaders(rows, unit)
    parts = _listed([lower_first(c) for c in leaders])
    if len(leaders) > 1:
        return f"{what}, {bars[-1]}: the largest parts were {parts} ({largest} each)"
    if unit == "share":
        return f"{what}, {bars[-1]}: the largest part was {parts} ({largest})"
    share = format_value("share", rows["value"].max() / whole)
    return f"{what}, {bars[-1]}: the largest part was {parts}, {largest} of {format_value(unit, whole)} ({share})"


def answers_title(frame: pd.DataFrame, what: str) -> str:
    """The last bar's commonest answer to a question (frame[x, category, value], value the share
    of authorities giving each answer, 'Not answered' among them): 'Strategy, 2024/25: most
    answered Yes (81%)', 'all answered Yes', or 'the most common answer was Adopted (45%)'."""
    bars = list(dict.fromkeys(frame["x"]))
    if not bars:
        return what
    rows = frame[(frame["x"] == bars[-1]) & (frame["value"].fillna(0) > 0)]
    given = rows[rows["category"] != NOT_ANSWERED]
    head = f"{what}, {bars[-1]}"
    if given.empty:
        return f"{head}: no authority answered" if len(rows) else what
    leaders, largest = _leaders(given, "share")
    top = float(given["value"].max())
    if len(rows) == 1:
        finding = f"all answered {leaders[0]}"
    elif len(leaders) > 1:
        finding = f"the most common answers were {_listed(leaders)} ({largest} each)"
    elif top > 0.5:
        finding = f"most answered {leaders[0]} ({largest})"
    else:
        finding = f"the most common answer was {leaders[0]} ({largest})"
    blank = rows.loc[rows["category"] == NOT_ANSWERED, "value"]
    if len(blank) and blank.iloc[0] > top:
        finding += f"; {format_value('share', blank.iloc[0])} did not answer"
    return f"{head}: {finding}"


def lines_title(frame: pd.DataFrame, what: str, unit: str) -> str:
    """Title for several lines: the highest and lowest in the last year; for one line, its trend."""
    series = list(dict.fromkeys(frame["series"]))
    if len(series) == 1:
        return trend_title(frame, what, unit, series[0])
    latest = frame[frame["year"] == frame["year"].max()].dropna(subset=["value"]).sort_values("value")
    if latest.empty:
        return what
    top, bottom = latest.iloc[-1], latest.iloc[0]
    head = f"{what}, {financial_year_label(int(top['year']))}"
    high, low = format_value(unit, top["value"]), format_value(unit, bottom["value"])
    if len(latest) == 1:
        return f"{head}: {top['series']} {high}"
    if high == low:
        return f"{head}: {_listed([str(s) for s in latest['series']])} all at {high}"
    return f"{head}: highest {top['series']} ({high}), lowest {bottom['series']} ({low})"
