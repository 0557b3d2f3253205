"""Who answered what: each authority's own answer to one question in one year, and the
return-version 2 figures that are lists rather than ratios (specialism cold spots, the
good-practice library).

Every authority in the filters gets a row: its answer, or "Not answered" (the return left it
blank), "Not asked" (its return is of a version that did not ask the question) or "No return".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select

from wayahead.figures.filters import Filters
from wayahead.figures.metrics.snapshot import read_frame
from wayahead.figures.numbers import missing
from wayahead.returns import spec
from wayahead.returns.london import BY_CODE
from wayahead.store.publication import returns_scope
from wayahead.store.schema import SHEET_TABLES

NOT_ANSWERED, NOT_ASKED, NO_RETURN = "Not answered", "Not asked", "No return"


def _returns(engine: Engine, filters: Filters, year: int) -> pd.DataFrame:
    """DataFrame[borough, version_id, return_version] of the returns in scope for `year`."""
    scope = returns_scope(filters.include_unpublished)
    about = SHEET_TABLES["about"]
    query = (
        select(
            scope.c.borough.label("borough"),
            scope.c.version_id.label("version_id"),
            func.coalesce(func.max(about.c.return_version), 1).label("return_version"),
        )
        .select_from(scope.outerjoin(about, about.c.version_id == scope.c.version_id))
        .where(scope.c.year == year)
        .group_by(scope.c.borough, scope.c.version_id)
    )
    frame = read_frame(engine, query)
    return frame[frame["borough"].isin(filters.codes())]


def asked_count(engine: Engine, filters: Filters, year: int, since: int) -> int:
    """How many returns in scope for `year` are of a version that asks a question added in `since`."""
    returns = _returns(engine, filters, year)
    return int((returns["return_version"] >= since).sum())


def shown_answer(f: spec.Field, value: Any) -> str:
    """An answer as a reader sees it: Yes/No, the choice, the number."""
    if value is None or (isinstance(value, float) and value != value):
        return NOT_ANSWERED
    if f.kind is spec.Kind.YES_NO:
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)


def answers_by_authority(engine: Engine, filters: Filters, sheet_key: str, field_key: str, year: int) -> pd.DataFrame:
    """DataFrame[code, name, answer, value]: each authority in the filters and its answer to one
    question of a Field | Value sheet in `year` (with the three kinds of no answer), and the
    answer as stored (a number for a number, None for no answer)."""
    sheet = spec.sheet(sheet_key)
    f = sheet.field(field_key)
    table = SHEET_TABLES[sheet_key]
    returns = _returns(engine, filters, year)
    values = read_frame(
        engine, select(table.c.version_id, table.c[field_key].label("value")).where(table.c.row_number == 1)
    )
    by_version = dict(zip(values["version_id"], values["value"]))
    rows = []
    found = {b: (v, r) for b, v, r in returns[["borough", "version_id", "return_version"]].itertuples(index=False)}
    for code in filters.codes():
        if code not in found:
            answer = NO_RETURN
        else:
            version_id, version = found[code]
            asked = f.asked_in(int(version)) and sheet.since <= int(version)
            answer = shown_answer(f, by_version.get(version_id)) if asked else NOT_ASKED
        value = by_version.get(found[code][0]) if answer not in (NO_RETURN, NOT_ASKED, NOT_ANSWERED) else None
        rows.append({"code": code, "name": BY_CODE[code].name, "answer": answer, "value": value})
    return pd.DataFrame(rows, columns=["code", "name", "answer", "value"])


def return_notes(engine: Engine, filters: Filters, code: str, year: int) -> str | None:
    """About › Notes of `code`'s return for `year` in the filters' scope (published, or current
    with unpublished returns): personal data, for uploaders and admins only; None when blank."""
    one = dataclasses.replace(filters, authorities=(code,), sub_regions=(), inner_outer=None)
    value = answers_by_authority(engine, one, "about", "notes", year)["value"].iloc[0]
    return None if missing(value) or not str(value).strip() else str(value)


def answer_counts(frame: pd.DataFrame, f: spec.Field) -> pd.DataFrame:
    """DataFrame[answer, authorities]: how many gave each answer, choices in the spec's order,
    then the kinds of no answer."""
    order = (
        list(f.choices)
        if f.kind is spec.Kind.CHOICE
        else ["Yes", "No"]
        if f.kind is spec.Kind.YES_NO
        else sorted(set(frame["answer"]) - {NOT_ANSWERED, NOT_ASKED, NO_RETURN})
    )
    order += [NOT_ANSWERED, NOT_ASKED, NO_RETURN]
    counts = frame["answer"].value_counts()
    return (
        pd.DataFrame({"answer": order, "authorities": [int(counts.get(a, 0)) for a in order]})
        .query("authorities > 0 or answer in @f.choices", local_dict={"f": f})
        .reset_index(drop=True)
    )


def specialism_cold_spots(engine: Engine, filters: Filters, year: int) -> pd.DataFrame:
    """DataFrame[specialism, offered_in, cold_spots, cold_spot_names]: for each infrastructure
    specialism, how many authorities that answered have an organisation offering it and which
    have none (the cold spots), over the version 2 returns that listed organisations with
    their specialisms."""
    returns = _returns(engine, filters, year)
    returns = returns[returns["return_version"] >= 2]
    table = SHEET_TABLES["infrastructure"]
    rows = read_frame(engine, select(table.c.version_id, table.c.specialisms, table.c.equality_led))
    rows = rows[rows["version_id"].isin(returns["version_id"])]
    answered = rows[rows["specialisms"].notna()]
    offered: dict[str, set[int]] = {s: set() for s in spec.SPECIALISMS}
    for version_id, listed in answered[["version_id", "specialisms"]].itertuples(index=False):
        for each in str(listed).split("; "):
            offered.setdefault(each, set()).add(version_id)
    answering = dict(zip(returns["version_id"], returns["borough"]))
    answering = {v: b for v, b in answering.items() if v in set(answered["version_id"])}
    table_rows = []
    for specialism in spec.SPECIALISMS:
        missing = sorted(BY_CODE[b].name for v, b in answering.items() if v not in offered[specialism])
        table_rows.append(
            {
                "specialism": specialism,
                "offered_in": len(answering) - len(missing),
                "answered": len(answering),
                "cold_spots": len(missing),
                "cold_spot_names": ", ".join(missing) if missing else "None",
            }
        )
    return pd.DataFrame(table_rows)


def equality_led_by_authority(engine: Engine, filters: Filters, year: int) -> pd.DataFrame:
    """DataFrame[code, name, answer]: whether an organisation led by and for an equality group
    serves each authority ('Yes' when any listed one is), with the kinds of no answer."""
    returns = _returns(engine, filters, year)
    table = SHEET_TABLES["infrastructure"]
    rows = read_frame(engine, select(table.c.version_id, table.c.equality_led))
    rows = rows[rows["version_id"].isin(returns["version_id"])]
    found = {b: (v, r) for b, v, r in returns[["borough", "version_id", "return_version"]].itertuples(index=False)}
    out = []
    for code in filters.codes():
        if code not in found:
            answer = NO_RETURN
        elif found[code][1] < 2:
            answer = NOT_ASKED
        else:
            answers = rows.loc[rows["version_id"] == found[code][0], "equality_led"].dropna()
            answer = NOT_ANSWERED if answers.empty else "Yes" if bool(answers.astype(bool).any()) else "No"
        out.append({"code": code, "name": BY_CODE[code].name, "answer": answer})
    return pd.DataFrame(out, columns=["code", "name", "answer"])


def good_practice(engine: Engine, filters: Filters) -> pd.DataFrame:
    """DataFrame[year, code, name, title, theme, what_changed, evidence, link, contact]: every
    good-practice example in the returns in scope for the filters' years, newest first. The
    contact is the officer who completed the return, and only where the return says it may be
    shared (return version 2, Good practice › Contact may be shared)."""
    scope = returns_scope(filters.include_unpublished)
    practice, about = SHEET_TABLES["good_practice"], SHEET_TABLES["about"]
    query = (
        select(
            scope.c.year,
            scope.c.borough.label("code"),
            practice.c.row_number,
            practice.c.title,
            practice.c.theme,
            practice.c.what_changed,
            practice.c.evidence,
            practice.c.link,
            practice.c.contact_shared,
            about.c.completed_by,
            about.c.email,
        )
        .select_from(
            scope.join(practice, practice.c.version_id == scope.c.version_id).outerjoin(
                about, about.c.version_id == scope.c.version_id
            )
        )
        .where(scope.c.year.between(filters.first_year, filters.last_year))
    )
    frame = read_frame(engine, query)
    frame = frame[frame["code"].isin(filters.codes())].copy()
    shared = frame["contact_shared"].fillna(False).astype(bool)
    frame["contact"] = [
        f"{who} ({email})" if ok and who else ""
        for who, email, ok in zip(frame["completed_by"], frame["email"], shared)
    ]
    frame["name"] = [BY_CODE[c].name for c in frame["code"]]
    frame = frame.sort_values(["year", "name", "row_number"], ascending=[False, True, True])
    columns = ["year", "code", "name", "title", "theme", "what_changed", "evidence", "link", "contact"]
    return frame[columns].reset_index(drop=True)


ON_A_SCALE = (spec.Kind.YES_NO, spec.Kind.CHOICE)
NUMBERS = (spec.Kind.MONEY, spec.Kind.WHOLE, spec.Kind.PERCENT, spec.Kind.YEAR)


def questions(scale_only: bool = False) -> list[tuple[str, str]]:
    """(sheet key, field key) of every question of a Field | Value sheet but About's (whose
    answers are about the return itself), in the return's order (versions 1 and 2), leaving out
    personal data; with `scale_only`, those answered Yes/No or with a choice (the builder's)."""
    return [
        (s.key, f.key)
        for s in spec.SHEETS
        if s.layout == "fields" and s.key != "about"
        for f in s.fields
        if not f.personal and (f.kind in ON_A_SCALE or not scale_only)
    ]


def question_label(question: tuple[str, str]) -> str:
    """'Leadership › Cabinet member with responsibility for the VCS'."""
    s = spec.sheet(question[0])
    return f"{s.name} › {s.field(question[1]).label}"


def question_answers(question: tuple[str, str]) -> list[str]:
    """The answers a question can have, as readers see them."""
    f = spec.sheet(question[0]).field(question[1])
    return ["Yes", "No"] if f.kind is spec.Kind.YES_NO else list(f.choices)


Condition = tuple[str, str, str]  # (sheet key, field key, answer)


def matching_authorities(engine: Engine, filters: Filters, year: int, conditions: Sequence[Condition]) -> pd.DataFrame:
    """DataFrame[code, name, <one column per condition's question>]: the authorities in the
    filters whose answers in `year` meet every condition ('has a VCS cabinet lead' and 'no VCS
    strategy'), with their answer to each question."""
    frame = pd.DataFrame({"code": filters.codes(), "name": [BY_CODE[c].name for c in filters.codes()]})
    keep = pd.Series(True, index=frame.index)
    for sheet_key, field_key, answer in conditions:
        found = answers_by_authority(engine, filters, sheet_key, field_key, year).set_index("code")["answer"]
        label = spec.sheet(sheet_key).field(field_key).label
        frame[label] = frame["code"].map(found)
        keep &= frame[label] == answer
    return frame[keep].reset_index(drop=True)


CHARITY_REGISTER = "https://register-of-charities.charitycommission.gov.uk/charity-search/-/charity-details/{}"
COMPANIES_REGISTER = "https://find-and-update.company-information.service.gov.uk/company/{}"


def register_link(number: str | None) -> str | None:
    """The public register page of a charity number (6 or 7 digits: the Charity Commission) or a
    company number (8 characters, digits or a prefix such as SC: Companies House); None otherwise."""
    if not number:
        return None
    text = str(number).upper().replace(" ", "")
    if text.isdigit() and 6 <= len(text) <= 7:
        return CHARITY_REGISTER.format(text)
    if len(text) == 8 and text.isalnum():
        return COMPANIES_REGISTER.format(text)
    return None


def organisation_list(engine: Engine, filters: Filters, year: int) -> pd.DataFrame:
    """DataFrame[code, name, organisation, type, coverage, supported, registration, register, specialisms]:
    every infrastructure organisation the returns in scope list for `year`, with a link to its
    entry in the public register when its number has the form of one."""
    scope = returns_scope(filters.include_unpublished)
    table = SHEET_TABLES["infrastructure"]
    query = (
        select(
            scope.c.borough.label("code"),
            table.c.row_number,
            table.c.organisation,
            table.c.org_type,
            table.c.coverage,
            table.c.organisations_supported,
            table.c.registration_number,
            table.c.specialisms,
        )
        .select_from(scope.join(table, table.c.version_id == scope.c.version_id))
        .where(scope.c.year == year)
    )
    frame = read_frame(engine, query)
    frame = frame[frame["code"].isin(filters.codes())].copy()
    frame["name"] = [BY_CODE[c].name for c in frame["code"]]
    frame["register"] = [register_link(n) for n in frame["registration_number"]]
    frame = frame.sort_values(["name", "row_number"])
    return frame.rename(
        columns={"org_type": "type", "organisations_supported": "supported", "registration_number": "registration"}
    )[
        ["code", "name", "organisation", "type", "coverage", "supported", "registration", "register", "specialisms"]
    ].reset_index(drop=True)
