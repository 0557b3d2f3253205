"""Plain-English text generated from the figures: titles that state the finding, the overview
summary and the borough profile's narrative. Only numbers and reference names go in; no
uploaded text ever does."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from wayahead.figures.filters import and_list, names_label
from wayahead.figures.indicators import Indicator, counts_as_yes
from wayahead.figures.metrics.headline import Headline
from wayahead.figures.neighbours import Neighbours
from wayahead.figures.numbers import finite
from wayahead.figures.profile import YES_NO_WORDS, AreaFigure, BoroughProfile, Comparison
from wayahead.returns.london import BY_CODE, INNER_OUTER_SOURCE, financial_year_label
from wayahead.words.formatting import (
    NOT_ANSWERED_TEXT,
    NOT_ASKED_TEXT,
    TOO_FEW_ANSWERS_TEXT,
    TOO_FEW_TEXT,
    answered_text,
    change_words,
    coverage_text,
    date_words,
    format_value,
)


def neighbours_method(neighbours: Neighbours) -> str:
    """How the nearest-neighbour group was found, citing each statistic with its year and release."""
    names = ", ".join(BY_CODE[c].name for c in neighbours.codes)
    cited = "; ".join(
        f"{m.kind} {financial_year_label(m.year)} ({m.source}, released {date_words(m.released)})"
        for m in neighbours.measures
    )
    return (
        f"Nearest neighbours of {BY_CODE[neighbours.code].name}: {names}. Method: population, deprivation and "
        "density, each standardised across London's 33 authorities (z-scores), and the authorities nearest by "
        f"Euclidean distance over the three, as CIPFA's nearest-neighbour model compares authorities. Sources: {cited}."
    )


NO_NEAREST_NEIGHBOURS = (
    "A statistical nearest-neighbour group (authorities alike in population, deprivation and density) is not "
    "offered, because the population, deprivation and density figures it needs are not loaded here: pick a "
    "group instead. The steering group can load them from the ONS's published tables (the README's "
    '"Published statistics" says how).'
)


def value_text(indicator: Indicator, value: float | None) -> str:
    """A figure in its indicator's unit: 34%, £1.2m or 12."""
    return format_value(indicator.unit, value)


def authority_value_text(indicator: Indicator, value: float | None) -> str:
    """One authority's own figure: Yes or No for indicators that count authorities."""
    share = finite(value)
    if indicator.yes_no and share is not None:
        return "Yes" if counts_as_yes(share) else "No"
    return value_text(indicator, value)


def headline_value_text(h: Headline) -> str:
    """A headline's figure; 'not asked' when the year's returns did not ask the question, 'too few
    returns' or 'too few answers' when it is withheld, 'not answered' when no authority answered it."""
    if h.not_asked:
        return NOT_ASKED_TEXT
    if h.withheld:
        return TOO_FEW_TEXT if h.too_few_returned else TOO_FEW_ANSWERS_TEXT
    if not h.answered and h.value is None:
        return NOT_ANSWERED_TEXT
    return authority_value_text(h.indicator, h.value) if h.in_scope == 1 else value_text(h.indicator, h.value)


def borough_value_text(c: Comparison) -> str:
    """The authority's own figure, or 'not answered' (its return left that part blank)."""
    return NOT_ANSWERED_TEXT if c.value is None else authority_value_text(c.indicator, c.value)


def area_text(indicator: Indicator, figure: AreaFigure, coverage: bool = False) -> str:
    """A compared area's pooled figure ('34%'), or 'too few returns' when too few of its
    authorities returned ('too few answers' when too few answered the question); with
    `coverage`, how many returned: '34% (5 of 6 returned)'."""
    if figure.too_few or figure.too_few_answered:
        text = TOO_FEW_TEXT if figure.too_few else TOO_FEW_ANSWERS_TEXT
    else:
        text = value_text(indicator, figure.value)
    return f"{text} ({figure.returned} of {figure.in_scope} returned)" if coverage else text


RANK = "Rank"


def comparison_table(profile: BoroughProfile) -> pd.DataFrame:
    """Indicator by area (the authority, its sub-region, Inner or Outer London, London and the
    reader's group, each group figure with its coverage) with the authority's rank, as text. The
    headings are short, so all seven columns fit a phone; comparison_note says what the rank is."""
    columns = {
        "Indicator": [c.indicator.title for c in profile.comparisons],
        profile.authority.name: [borough_value_text(c) for c in profile.comparisons],
    }
    for n, label in enumerate(profile.area_labels):
        columns[label] = [
            area_text(c.indicator, c.areas[n], coverage=c.areas[n] is c.group) for c in profile.comparisons
        ]
    columns[RANK] = ["" if c.rank is None or c.yes_no else f"{c.rank} of {c.ranked}" for c in profile.comparisons]
    return pd.DataFrame(columns)


def comparison_note(profile: BoroughProfile) -> str:
    """What the compared areas are: Inner or Outer London's definition, and that areas and the group are pooled."""
    a = profile.authority
    inner_outer = len([b for b in BY_CODE.values() if b.inner == a.inner])
    return (
        f"{profile.inner_outer_label} is the {inner_outer} authorities of the {INNER_OUTER_SOURCE}. "
        f"{and_list([_in_sentence(area) for area in profile.area_labels])} are pooled figures over the authorities in them that returned; "
        f"{a.name}'s column is its own return. {RANK} is its place among the authorities that returned: 1 is the highest."
    )


def change_text(indicator: Indicator, change: float | None) -> str:
    """'up 3 points', 'down £20k', 'no change' or '' (words.formatting.change_words)."""
    return change_words(indicator.unit, change)


def direction(indicator: Indicator, change: float | None) -> Literal["up", "down", "off"]:
    """'up', 'down' or 'off' (no change, or nothing to compare) at the precision shown."""
    if change_text(indicator, change) in ("", "no change"):
        return "off"
    return "up" if (finite(change) or 0.0) > 0 else "down"


def _side(indicator: Indicator, value: float, other: float) -> str:
    """'above', 'below' or 'in line with', to the precision the figures are shown at."""
    if value_text(indicator, value) == value_text(indicator, other):
        return "in line with"
    return "above" if value > other else "below"


def ordinal(n: int) -> str:
    """1 → '1st', 2 → '2nd', 11 → '11th', 23 → '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def headline_change_text(h: Headline) -> str:
    """'down 4 points on 2023/24'; for one authority's Yes or No, 'was No in 2023/24' or 'no
    change on 2023/24' (its answer changed or not: never '100 points'); '' with nothing to compare."""
    before = financial_year_label(h.year - 1)
    if h.in_scope == 1 and h.indicator.yes_no:
        if h.value is None or h.previous is None:
            return ""
        was = authority_value_text(h.indicator, h.previous)
        return (
            f"no change on {before}" if was == authority_value_text(h.indicator, h.value) else f"was {was} in {before}"
        )
    change = change_text(h.indicator, h.change)
    return f"{change} on {before}" if change else ""


def change_basis_text(h: Headline) -> str:
    """'The change counts only the 30 authorities that returned in both years.' when it counts
    fewer than either year's figure, so that the change and the two years' figures, which may
    differ by more, do not seem to disagree; else ''."""
    if not h.change_counts_fewer:
        return ""
    return f"The change counts only the {h.returned_both} authorities that returned in both years."


def headline_title(h: Headline) -> str:
    """'Grant share of funding: 45% in 2024/25, down 3 points on 2023/24'; for one authority,
    its own figure under its name: 'Authorities with a VCS cabinet lead, Hackney: Yes in 2024/25'."""
    year = financial_year_label(h.year)
    what = f"{h.indicator.title}, {h.area}" if h.in_scope == 1 else h.indicator.title
    if h.withheld:
        return f"{what}: not stated for {year}"
    if not h.returned:
        return f"{what}: no returns for {year}"
    change = headline_change_text(h)
    return f"{what}: {headline_value_text(h)} in {year}" + (f", {change}" if change else "")


def overview_summary(items: list[Headline], area: str) -> str:
    """One paragraph: coverage, then each indicator's figure and change."""
    if not items:
        return "There are no headline indicators to show."
    year = financial_year_label(items[0].year)
    returned = max(h.returned for h in items)
    if not returned:
        return f"No returns have been received for {area} for {year} yet, so there are no figures to show."
    opening = f"{area} in {year}: {coverage_text(returned, items[0].in_scope)}."
    if items[0].withheld:
        return f"{items[0].withheld} The figures for {year} are not stated until more authorities have returned."
    parts = []
    for h in items:
        if h.value is None:
            parts.append(f"{h.indicator.title}: {NOT_ANSWERED_TEXT}.")
            continue
        one_answer = h.in_scope == 1 and h.indicator.yes_no  # 'was No in 2023/24', not 'up 100 points'
        notes = [headline_change_text(h) if one_answer else change_text(h.indicator, h.change)]
        if h.answered < h.returned:  # some returns left this part blank
            notes.append(answered_text(h.answered, h.in_scope))
        notes = [n for n in notes if n]
        parts.append(f"{h.indicator.title}: {headline_value_text(h)}" + (f" ({'; '.join(notes)})." if notes else "."))
    closing = (
        "Changes compare the same authorities in both years (like-for-like)."
        if items[0].like_for_like
        else "Changes are on the year before, counting only the authorities that returned in both years."
    )
    return " ".join([opening, *parts, closing])


def side_by_side_summary(sets: list[list[Headline]], area: str) -> str:
    """For several chosen authorities: each indicator with each one's own figure and London's
    as the reference ('Grant share of funding: Hackney 40%, Camden 32%; London 36%.')."""
    if not sets:
        return "There are no headline indicators to show."
    year = financial_year_label(sets[0][0].year)
    parts = [f"{area}, {year}: each authority's own figures, with London for reference."]
    for *own, london in sets:
        figures = ", ".join(f"{h.area} {headline_value_text(h)}" for h in own)
        parts.append(f"{london.indicator.title}: {figures}; London {value_text(london.indicator, london.value)}.")
    return " ".join(parts)


def trend_finding(indicator: Indicator, series: pd.DataFrame, one_authority: bool = False) -> str:
    """'From 47% in 2016/17 to 33% in 2024/25' over the years with a figure (DataFrame[year, value]);
    for `one_authority`, its own figures ('From No in 2016/17 to Yes in 2024/25')."""
    shown = authority_value_text if one_authority else value_text
    known = series.dropna(subset=["value"]).sort_values("year")
    if known.empty:
        return "No figures for these years"
    last = known.iloc[-1]
    end = f"{shown(indicator, last['value'])} in {financial_year_label(int(last['year']))}"
    if len(known) == 1:
        return f"Only one year with a figure: {end}"
    first = known.iloc[0]
    return f"From {shown(indicator, first['value'])} in {financial_year_label(int(first['year']))} to {end}"


def map_finding(indicator: Indicator, df: pd.DataFrame) -> str:
    """'Highest Hackney (80%), lowest Barnet (12%)' from DataFrame[code, name, value]."""
    known = df.dropna(subset=["value"]).sort_values("value", kind="stable")
    if known.empty:
        return "No authority has returned for this year"
    if len(known) == 1:
        only = known.iloc[0]
        return f"Only {only['name']} returned ({authority_value_text(indicator, only['value'])})"
    if indicator.yes_no:
        noes = known[~known["value"].map(counts_as_yes)]["name"].tolist()
        text = f"Yes in {len(known) - len(noes)} of the {len(known)} authorities that returned"
        return text + (f"; No: {', '.join(noes)}" if 0 < len(noes) <= 5 else "")
    high, low = known.iloc[-1], known.iloc[0]
    return (
        f"Highest {high['name']} ({value_text(indicator, high['value'])}), "
        f"lowest {low['name']} ({value_text(indicator, low['value'])})"
    )


def _in_sentence(area: str) -> str:
    """An area's label inside a sentence: 'Your group (5 authorities)' → 'your group (5 authorities)'."""
    return area[0].lower() + area[1:] if area.startswith("Your ") else area


def _group_clause(indicator: Indicator, group: AreaFigure | None) -> str:
    """'; your group (5 authorities), pooled: 40% (4 of 5 returned)', or '' without a group."""
    if group is None:
        return ""
    return f"; {_in_sentence(group.area)}, pooled: {area_text(indicator, group, coverage=True)}"


def comparison_sentence(name: str, c: Comparison) -> str:
    """One indicator for one authority, against its sub-region, Inner or Outer London and London
    (then the reader's group, pooled), in words."""
    i = c.indicator
    if c.value is None:
        return f"{i.title}: {NOT_ANSWERED_TEXT} by {name} in {financial_year_label(c.year)}."
    group = _group_clause(i, c.group)
    if c.yes_no:
        yes, no = YES_NO_WORDS[i.key]
        london = (
            f"across London {value_text(i, c.london.value)} of authorities that returned do"
            if c.london.value is not None
            else f"London: {area_text(i, c.london)}"
        )
        areas = "; ".join(f"{f.area}: {area_text(i, f)}" for f in (c.sub_region, c.inner_outer))
        return f"{name} {yes if counts_as_yes(c.value) else no}; {london} ({areas}){group}."
    sides: dict[str, list[str]] = {}
    for f in (c.sub_region, c.inner_outer, c.london):
        if f.value is not None:
            sides.setdefault(_side(i, c.value, f.value), []).append(f"{f.area} ({value_text(i, f.value)})")
    sentence = f"{i.title}: {value_text(i, c.value)}"
    if sides:
        sentence += ", " + and_list([f"{side} {and_list(areas)}" for side, areas in sides.items()])
    if c.rank is not None and c.ranked > 1:
        place = "the highest" if c.rank == 1 else f"{ordinal(c.rank)} highest"
        sentence += f"; {place} of {c.ranked} authorities"
    change = change_text(i, None if c.previous is None else c.value - c.previous)
    if change:
        sentence += f"; {change} on {financial_year_label(c.year - 1)}"
    return sentence + group + "."


def group_sentence(profile: BoroughProfile) -> str:
    """Who is in the reader's group, and that its figures are pooled; '' without a group."""
    if not profile.group:
        return ""
    names = names_label([BY_CODE[code].name for code in profile.group])
    return (
        f"Your group, chosen on this page ({names}), is pooled: its figures are over those of them that "
        f"returned, as London's are, and are never added into {profile.authority.name}'s own."
    )


def borough_narrative(profile: BoroughProfile) -> list[str]:
    """The profile in sentences: what was returned, who is in the reader's group, then each
    indicator against the comparators."""
    a = profile.authority
    span = profile.filters.years_label()
    if profile.year is None:
        return [f"{a.name} has no return for {span}, so there is nothing to compare yet."]
    count = len(profile.returned_years)
    of = len(profile.filters.years)
    opening = (
        f"{a.name} ({a.inner_outer} London, {a.sub_region} sub-region) returned for {count} of the "
        f"{of} years from {span}; the figures below are for {financial_year_label(profile.year)}, "
        "its latest return in that range."
    )
    if of == 1:
        opening = f"{a.name} ({a.inner_outer} London, {a.sub_region} sub-region): figures for {span}."
    group = group_sentence(profile)
    return [opening, *([group] if group else []), *(comparison_sentence(a.name, c) for c in profile.comparisons)]
