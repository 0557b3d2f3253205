"""The words and abbreviations the dashboard and the return use, each explained in plain English."""

from __future__ import annotations

import re
from collections.abc import Iterable

GLOSSARY: dict[str, str] = {
    "VCS": "The voluntary and community sector: charities, community groups, social enterprises and other "
    "not-for-profit organisations. Also called civil society.",
    "Civil society infrastructure organisation": "An organisation that supports other voluntary and community "
    "organisations (advice, training, volunteering, representation), such as a council for voluntary service.",
    "Grant": "Money given to an organisation for work it proposes, with light conditions; it is not a purchase.",
    "Contract": "Money paid for a service the council specifies and buys, usually after a tender.",
    "PbR": "Payment by results: a contract that pays, in whole or in part, only when agreed outcomes are achieved.",
    "Lots": "A large contract divided into smaller parts, so that smaller organisations can bid for one part.",
    "Consortium": "Several organisations bidding together for one contract.",
    "Co-design": "Designing a service together with the people and organisations who will use or deliver it.",
    "Light-touch regime": "The simpler procurement rules allowed for social, health and some other services.",
    "Social value": "The wider benefit to a community of how a contract is delivered (local jobs, volunteering, "
    "environment), beyond the service itself; the Public Services (Social Value) Act 2012 asks councils to consider it.",
    "TOMs": "The National Themes, Outcomes and Measures framework: a common way of measuring social value.",
    "Cabinet lead": "The councillor in the council's cabinet who is responsible for the voluntary and community sector.",
    "ICB": "Integrated care board: the NHS body that plans and funds health services in an area.",
    "JSNA": "Joint strategic needs assessment: the council's and the NHS's shared assessment of local needs.",
    "NHS": "The National Health Service.",
    "GLA": "The Greater London Authority: the Mayor of London and the London Assembly.",
    "ONS code": "The Office for National Statistics' code for an area, such as E09000012 for Hackney.",
    "Return": "The yearly spreadsheet each authority sends the Way Ahead steering group.",
    "Published": "A return the steering group has checked and released: only published returns are shown to viewers.",
    "Coverage": "How many authorities answered a question, out of those in view; a figure with too few answers is "
    "not given as London's.",
    "Not answered": "The authority's return left the question blank. It is never counted as zero or No.",
    "Not asked": "The question was added in version 2 of the return, which earlier returns did not ask.",
    "Like-for-like": "Comparing years using only the authorities that returned in every year compared.",
    "Median": "The middle value when the authorities' figures are put in order.",
    "Workbook part": "One of the files packed inside an .xlsx workbook, which is a zip file; the upload checks each.",
}


# Each abbreviation the pages use, spelled out where it first appears on a page (GOV.UK style:
# "the voluntary and community sector (VCS)"), then used alone.
SPELLED_OUT: dict[str, str] = {
    "VCS": "voluntary and community sector",
    "PbR": "payment by results",
    "TOMs": "Themes, Outcomes and Measures",
    "ICB": "integrated care board",
    "JSNA": "joint strategic needs assessment",
    "GLA": "Greater London Authority",
}
_ABBREVIATION = re.compile(r"\b(" + "|".join(SPELLED_OUT) + r")\b")


def spell_out_first(text: str, seen: set[str]) -> str:
    """`text` with each abbreviation not in `seen` spelled out at its first use ("voluntary and
    community sector (VCS)"), unless the text already spells it out; `seen` gains those it holds."""

    def first_use(match: re.Match[str]) -> str:
        short = match.group(1)
        if short in seen:
            return short
        seen.add(short)
        long = SPELLED_OUT[short]
        if long.lower() in text.lower():
            return short
        within_brackets = text[match.start() - 1 : match.start()] == "(" and text[match.end() : match.end() + 1] == ")"
        return f"{long}, {short}" if within_brackets else f"{long} ({short})"

    return _ABBREVIATION.sub(first_use, text)


def abbreviations_explained(texts: Iterable[str]) -> str | None:
    """'VCS: voluntary and community sector.' for each abbreviation in `texts` (a list's options,
    which cannot spell them out), or None when there is none."""
    found = {match for text in texts for match in _ABBREVIATION.findall(text)}
    return " ".join(f"{short}: {long}." for short, long in SPELLED_OUT.items() if short in found) or None
