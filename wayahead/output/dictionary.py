"""The data dictionary and methodology notes, generated from the spec and the reference data."""

from __future__ import annotations

import pandas as pd

from wayahead.figures.filters import and_list
from wayahead.figures.indicators import all_indicators
from wayahead.figures.metrics.funding import AWARD_COUNTS, AWARDS_RULE
from wayahead.figures.metrics.social_value import SOCIAL_VALUE_MONEY
from wayahead.figures.per_resident import PER_RESIDENT_RULE
from wayahead.returns import spec
from wayahead.returns.london import INNER_OUTER_SOURCE, POPULATION_SOURCE, SUB_REGION_SOURCE
from wayahead.returns.spec import SHEETS
from wayahead.words.formatting import CASH_TERMS, MONEY_BASIS


def data_dictionary() -> pd.DataFrame:
    """One row per field of the return: sheet, label, type, what is expected, required, what a blank
    means, whether it is personal data, help, the return version that first asks it and the
    report section it serves."""
    return pd.DataFrame(
        [
            {
                "Sheet": sheet.name,
                "Label": field.label,
                "Type": field.kind.value,
                "Expected": field.expected(),
                "Required": "Yes" if field.required else "No",
                "If left blank": field.blank_rule,
                "Personal data": "Yes: uploaders and admins only" if field.personal else "No",
                "Help": field.help,
                "Asked from": f"return version {max(field.since, sheet.since)}"
                + (" (2025/26 on; earlier returns: not asked)" if max(field.since, sheet.since) > 1 else ""),
                "Report section": field.section or "—",
            }
            for sheet in SHEETS
            for field in sheet.fields
        ]
    )


BLANK_RULE = "A field that is not required may be left blank: a blank shows as 'not answered', never as 0 or No."


def dictionary_by_sheet() -> list[tuple[str, pd.DataFrame]]:
    """The data dictionary as a page shows it, a short table per sheet whose text wraps: each field
    (marked when it is personal data or asked from version 2 on), what it is, what to enter and
    whether it is required. The whole dictionary, every column, is its CSV (data_dictionary)."""
    whole = data_dictionary()

    def field(label: str, personal: str, asked: str) -> str:
        notes = [
            note
            for note, applies in (("personal data", personal != "No"), ("from version 2", asked != "return version 1"))
            if applies
        ]
        return f"{label} ({'; '.join(notes)})" if notes else label

    shown = pd.DataFrame(
        {
            "Sheet": whole["Sheet"],
            "Field": list(map(field, whole["Label"], whole["Personal data"], whole["Asked from"])),
            "What it is": whole["Help"],
            "Expected": [f"{expected[:1].upper()}{expected[1:]}" for expected in whole["Expected"]],
            "Required": whole["Required"],
        }
    )
    return [(str(sheet), rows.drop(columns="Sheet")) for sheet, rows in shown.groupby("Sheet", sort=False)]


def _answer_figures() -> list[dict[str, str]]:
    """The money and counts shown authority by authority beside the indicators: Funding's amount
    and counts, social value committed and delivered, infrastructure income; money per resident."""
    funding, social_value = spec.sheet("funding"), spec.sheet("social_value")
    money = f"{PER_RESIDENT_RULE} {MONEY_BASIS}"
    rows = [
        (
            "Funding by authority, and per resident",
            "Funding",
            f"{funding.field('amount').help} {money}",
            "Funding › Amount (£)",
            1,
        ),
        *(
            (
                funding.field(key).label,
                "Funding",
                f"{funding.field(key).help} {AWARDS_RULE}",
                f"Funding › {funding.field(key).label}",
                1,
            )
            for key in AWARD_COUNTS
        ),
        *(
            (
                f"{social_value.field(key).label}, and per resident",
                "Social value",
                f"{social_value.field(key).help} {money}",
                f"Social value › {social_value.field(key).label}",
                social_value.field(key).since,
            )
            for key in SOCIAL_VALUE_MONEY
        ),
        (
            "Infrastructure income by source and authority, and per resident",
            "Infrastructure",
            f"Income of the infrastructure organisations each authority listed, by source. {money}",
            "Infrastructure › Income (£) by source",
            1,
        ),
    ]
    return [
        {
            "Figure": figure,
            "Theme": theme,
            "Definition": definition,
            "Why it matters": "Shown authority by authority so each can see its own answer beside others'.",
            "Source": source + (f"; {POPULATION_SOURCE}" if "per resident" in figure else ""),
            "Asked from": f"return version {since}",
        }
        for figure, theme, definition, source, since in rows
    ]


def indicator_definitions() -> pd.DataFrame:
    """One row per figure the dashboards show: each indicator (name, theme, definition, why it
    matters), then the money and counts shown authority by authority."""
    return pd.DataFrame(
        [
            *(
                {
                    "Figure": i.title,
                    "Theme": i.theme,
                    "Definition": i.definition,
                    "Why it matters": i.why,
                    "Source": i.source or "Return version 1",
                    "Asked from": f"return version {i.since}",
                }
                for i in all_indicators()
            ),
            *_answer_figures(),
        ]
    )


HOW_FIGURES_ARE_MADE: tuple[str, ...] = (
    "Published only. Readers see the returns the Way Ahead steering group has published, each from its "
    "publication date. A new return starts as received, then may be queried and signed off; until it is "
    "published the figures keep the version published before (revisions are kept in each return's history).",
    "Provisional is labelled. Uploaders and admins may include unpublished returns; every chart and page title then "
    "starts 'Provisional:', and every export says provisional.",
    "The year shown first is the latest published year.",
    "Like-for-like. A change from one year to the next counts only the authorities that returned in both years.",
    "A threshold. A London (or area) figure, trend point or change is not stated when fewer than two thirds of "
    "the authorities in scope (22 of 33) returned; the page says why instead.",
    "Blank is not zero. A question or section left empty is 'not answered': it is never counted as £0 or 'No', "
    "and coverage counts the authorities that answered that question.",
    "Several boroughs side by side. With more than one authority chosen each shows its own figure, with London "
    "as the reference; nothing is added up unless it is labelled as a total.",
    "A group is pooled, and says so. On the borough profile, Inner or Outer London and the reader's own group are "
    "pooled as London and the sub-region are, under the same threshold ('too few returns' instead of a figure); "
    "each of the group's figures says how many of it returned, and it is never added into the authority's own.",
    "Personal data. Names, e-mail addresses and notes from returns are seen only by uploaders and admins; "
    "viewers' downloads leave them out. The one exception is a good-practice example whose return says its "
    "contact may be shared: the Good practice page then names the officer who completed the return.",
    "The scorecard's rules are the dashboard's reading of the report (for example 'grants at least half of grant "
    "and contract money'); each is stated beside its recommendation, and an authority meets it on its own figure.",
    "Not asked is not No. Questions added in return version 2 (2025/26 on) were not asked by earlier returns: "
    "those years show 'not asked', which is neither No nor a blank.",
)

METHODOLOGY: tuple[tuple[str, str], ...] = (
    (
        "Coverage",
        "Every London figure counts only the authorities that answered its question for that year, "
        "and says how many did (for example '28 of 33 answered'). A question or sheet left blank is 'not "
        "answered': it is never counted as 0, £0 or No, and never makes an authority a cold spot. A figure for London sums the numerator and "
        "the denominator over those authorities, so larger authorities weigh more; an authority's own figure "
        "is its own ratio.",
    ),
    (
        "Like-for-like",
        "With like-for-like on, trends count only the authorities that returned in every year "
        "of the chosen range, and a headline change counts only those that returned in both years, so a "
        "change is not caused by who returned.",
    ),
    (
        "Steering group commentary",
        "Under an indicator's headline for a year, the steering group's newest commentary on it, with the day it "
        "was written; uploaders and admins write it in the app, and the meeting pack carries it. Nothing is "
        "overwritten: earlier commentary is kept and shown as such, and withdrawn commentary is no longer shown.",
    ),
    (
        "Published versions",
        "Each authority and year counts once, using the version of its return the steering "
        "group published; later versions and earlier ones stay in the history.",
    ),
    (
        "Inner and Outer London",
        f"The {INNER_OUTER_SOURCE} (14 inner authorities). The London Government "
        "Act 1963 definition differs: Haringey and Newham are outer there, Greenwich inner. The borough "
        "profile compares an authority with its own Inner or Outer London, as with its sub-region and London.",
    ),
    ("Sub-regions", f"{SUB_REGION_SOURCE} (kept in the 2016 plan; Richmond upon Thames in South)."),
    (
        "Your group (borough profile)",
        "Up to 10 other authorities the reader picks (kept in the link as ?group=). Their figures are pooled "
        "as London's are, over those of them that returned, each saying how many returned, and not stated "
        "('too few returns') below the coverage threshold; never added into the authority's own figure. A "
        "statistical nearest-neighbour group is offered in one click once population, deprivation and density "
        "are loaded for every authority (python -m wayahead reference load, each with its source and release "
        "date, cited beside it): each statistic standardised across London's 33 authorities (z-scores), the 5 "
        "nearest by Euclidean distance over the three, as CIPFA's nearest-neighbour model compares authorities; "
        "until then it is not offered.",
    ),
    (
        "Population",
        "Money per resident divides by the ONS mid-year population estimates the steering group loaded "
        "(python -m wayahead reference load population, with their source and release date, cited beside the "
        f"figures) for each authority and year they give; otherwise by {POPULATION_SOURCE}, an approximation for "
        f"years other than 2021. {PER_RESIDENT_RULE}",
    ),
    (
        "Money",
        f"{CASH_TERMS} With 'Money in real terms' on, money by year (the Funding page's money, infrastructure "
        "income) is put in the prices of "
        "the latest year of the price index the steering group loaded (python -m wayahead reference load "
        "deflator, e.g. HM Treasury's GDP deflator, with its source and release date, cited beside the figures): "
        "amount × index of the latest year ÷ index of the amount's year; a year the index does not cover has no "
        "figure. One year's figures by authority stay in cash: an index would scale them all alike. Until an "
        "index is loaded, money is cash and the page says so; none is made up.",
    ),
    (
        "Data",
        "Figures come from the borough returns as stored; the sample data shipped with the app is "
        "illustrative, not real.",
    ),
    (
        "What a download says about itself",
        "Every download names its source (Way Ahead borough returns), "
        "its years, its coverage (how many of the authorities returned in the last year), its publication status "
        "and, for sample data, 'illustrative, not real': a CSV in a last column, Provenance, on every row (so the "
        "file stays one table a program can read); an Excel file on its first sheet, About this download; a "
        "chart's PNG or PDF and the borough profile PDF in a line drawn under the chart. A PDF's document title is "
        "the chart's title. Officers' names, e-mails and notes are only in uploaders' and admins' downloads.",
    ),
)


def personal_field_labels() -> str:
    """'Completed by, Email and Notes (About sheet)': the fields the spec marks personal, in words."""
    parts = []
    for sheet in SHEETS:
        labels = [f.label for f in sheet.fields if f.personal]
        if labels:
            parts.append(f"{and_list(labels)} ({sheet.name} sheet)")
    return "; ".join(parts)


def privacy_note() -> tuple[tuple[str, str], ...]:
    """The privacy note on the Downloads page, in the plain words of UK GDPR guidance: what, why, who, how long, contact."""
    return (
        (
            "What we hold",
            f"Each return names the officer who completed it and gives their work e-mail, and may "
            f"carry free-text notes: {personal_field_labels()}. No other personal data is asked for; the "
            "figures are about authorities, not people. Signing in also keeps your own e-mail and role, and "
            "the steering group's commentary keeps its writer's e-mail (shown only to uploaders and admins).",
        ),
        (
            "Why",
            "So the Way Ahead steering group can ask the right officer about a return and read its "
            "figures correctly (the authorities' public task of reporting on commissioning). They are not "
            "used for anything else and are not part of any figure.",
        ),
        (
            "Who sees it",
            "Only signed-in uploaders and admins, on the upload and history pages, on the borough "
            "profile (a return's notes) and in their downloads. Viewers and visitors who are not signed in never see them: their downloads and "
            "tables leave these fields out. Operators exporting from the command line get them unless they "
            "ask for a copy without (--without-personal-data).",
        ),
        (
            "How long",
            "As long as the return itself: every version of a return is kept so that the figures "
            "can be checked, and its names and e-mails with it.",
        ),
        (
            "Who to contact",
            "The Way Ahead steering group, through your authority's representative, to see, "
            "correct or remove what is held about you; you may also complain to the Information "
            "Commissioner's Office (ico.org.uk).",
        ),
    )
