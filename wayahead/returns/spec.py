"""The borough return (versions 1 and 2): the one machine-readable copy of its content.

The template, reader, validator, database tables, exports and data dictionary are all
generated from the objects below, so adding a field is one edit here (plus the Alembic
migration that `make migration` writes for it). A field or sheet added in version 2 says so
(`since=2`): a version 1 return did not ask it, which is "not asked", neither No nor blank.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from functools import cache
from typing import Literal

SPEC_VERSION = 2
VERSIONS = (1, 2)


class Kind(str, Enum):
    """What a cell holds; each kind has one normaliser in loaders/values.py."""

    TEXT = "text"
    EMAIL = "email"
    DATE = "date"
    BOROUGH = "borough"
    FINANCIAL_YEAR = "financial year"
    YEAR = "year"
    MONEY = "money"
    WHOLE = "whole number"
    PERCENT = "percentage"
    YES_NO = "yes/no"
    CHOICE = "choice"
    CHOICES = "choices"  # any of the choices, separated by ';'
    URL = "link"


@dataclass(frozen=True)
class Field:
    """One question of a return: a row of a Field | Value sheet or a column of a table sheet."""

    key: str
    label: str
    kind: Kind
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    pattern_hint: str = ""
    personal: bool = False  # names, contact details or free text: shown and downloaded only by uploaders and admins
    since: int = 1  # the return version that first asks it
    section: str = ""  # the report's section the question serves (../seed/), for version 2 questions
    max_length: int = 2000  # text only
    short_choices: tuple[str, ...] = ()  # the choices in a few letters, for a map's small tiles

    def asked_in(self, version: int) -> bool:
        """Whether a return of `version` asks this question."""
        return self.since <= version

    @property
    def blank_rule(self) -> str:
        """Whether the answer may be left blank, and what a blank means on the dashboards."""
        if self.required:
            return "Required."
        return "May be left blank: a blank shows as 'not answered', never as 0 or No."

    def expected(self) -> str:
        """Plain words for what a valid answer looks like."""
        if self.kind is Kind.CHOICE:
            return "one of: " + "; ".join(self.choices)
        if self.kind is Kind.CHOICES:
            return "any of, separated by ';': " + "; ".join(self.choices)
        words = {
            Kind.TEXT: "text",
            Kind.EMAIL: "an email address such as name@council.gov.uk",
            Kind.DATE: "a date such as 31/03/2025",
            Kind.BOROUGH: "a London authority name or ONS code (E09000001–E09000033)",
            Kind.FINANCIAL_YEAR: "a financial year such as 2024/25",
            Kind.YEAR: "a year such as 2024",
            Kind.MONEY: "an amount in pounds such as 12345 or £12,345",
            Kind.WHOLE: "a whole number",
            Kind.PERCENT: "a percentage such as 15 or 15%",
            Kind.YES_NO: "Yes or No",
            Kind.URL: "a web address starting https://",
        }[self.kind]
        if self.kind is Kind.TEXT and self.max_length < 2000:
            words = f"text of up to {self.max_length:,} characters"
        if self.pattern_hint:
            words = self.pattern_hint
        bounds = _bounds_text(self.minimum, self.maximum, "£" if self.kind is Kind.MONEY else "")
        return f"{words}{bounds}"


def lower_first(text: str) -> str:
    """A label inside a sentence: 'Grant share' → 'grant share', but 'NHS' and 'GLA and London
    Councils' stay (a first word in capitals is a name)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _bounds_text(minimum: float | None, maximum: float | None, unit: str = "") -> str:
    low, high = (None if b is None else unit + _bound(b) for b in (minimum, maximum))
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" of {low} or more"
    if high is not None:
        return f" of {high} or less"
    return ""


def _bound(value: float) -> str:
    """1990 stays 1990 (a year); 10000000000 reads 10,000,000,000."""
    return f"{value:,.0f}" if value >= 10_000 and value == int(value) else f"{value:g}"


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook: Field | Value (`fields`) or one record per row (`table`)."""

    key: str
    name: str
    layout: Literal["fields", "table"]
    purpose: str
    fields: tuple[Field, ...]
    unique_together: tuple[str, ...] = ()
    if_none: str = "If none of its questions applies, say why in About › Notes."
    """What to do when there is truly nothing to report: a sheet left blank is 'not answered'."""
    since: int = 1  # the return version that first has this sheet
    optional: bool = False  # may be left out (a table whose rows are each complete when given)
    max_rows: int | None = None

    @property
    def required(self) -> bool:
        """A sheet with a required field must be in the workbook, unless the sheet is optional."""
        return not self.optional and any(f.required for f in self.fields)

    def asked_in(self, version: int) -> Sheet:
        """This sheet as a return of `version` has it: only the fields that version asks."""
        return _asked_in(self, version)

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    def shared_fields(self, personal: bool) -> tuple[Field, ...]:
        """The fields a reader may see: all of them with `personal`, else those not marked personal."""
        return self.fields if personal else tuple(f for f in self.fields if not f.personal)


@cache
def _asked_in(sheet: Sheet, version: int) -> Sheet:
    fields = tuple(f for f in sheet.fields if f.asked_in(version))
    return sheet if len(fields) == len(sheet.fields) else replace(sheet, fields=fields)


@dataclass(frozen=True)
class AtMost:
    """Cross-field rule: `part` may not exceed `whole` (less `less`, when given), on the same sheet and row."""

    sheet: str
    part: str
    whole: str
    less: str | None = None


@dataclass(frozen=True)
class ExpectedWhen:
    """Cross-field rule (warning): `field` should be answered when `when` is Yes."""

    sheet: str
    field: str
    when: str


# The most one cell may hold. Far above any real figure (a London authority's whole yearly
# budget is a few £bn), so they only stop typing slips and hostile files: with them every
# total stays finite and every count fits the database's integer columns (2,147,483,647).
MAX_AMOUNT = 10_000_000_000  # £10bn
MAX_COUNT = 1_000_000


def _money(key: str, label: str, help: str, required: bool = False) -> Field:
    return Field(key, label, Kind.MONEY, help, required=required, minimum=0, maximum=MAX_AMOUNT)


def _whole(key: str, label: str, help: str, required: bool = False, maximum: float = MAX_COUNT) -> Field:
    return Field(key, label, Kind.WHOLE, help, required=required, minimum=0, maximum=maximum)


def _yes_no(key: str, label: str, help: str, required: bool = False) -> Field:
    return Field(key, label, Kind.YES_NO, help, required=required)


def _choice(key: str, label: str, choices: tuple[str, ...], help: str, required: bool = False) -> Field:
    return Field(key, label, Kind.CHOICE, help, required=required, choices=choices)


def _v2(section: str, f: Field, short_choices: tuple[str, ...] = ()) -> Field:
    """A question version 2 adds, with the report's section it serves."""
    return replace(f, since=2, section=section, short_choices=short_choices)


COMMISSIONERS = ("Local authority", "NHS (ICB)", "Housing association", "Other public body", "Public health")
MECHANISMS = (
    "Grant – core",
    "Grant – project",
    "Contract – fee for service",
    "Contract – payment by results",
    "Contract – mixed payment",
    "Other",
    "Grant – social prescribing",
)
PAYMENT_BY_RESULTS = "Contract – payment by results"
SOCIAL_VALUE_LADDER = ("None", "In development", "Adopted", "Embedded across commissioning")
INCOME_SOURCES = (
    ("income_la_grants", "Local authority grants"),
    ("income_la_contracts", "Local authority contracts"),
    ("income_nhs", "NHS"),
    ("income_gla", "GLA and London Councils"),
    ("income_trusts", "Trusts and foundations"),
    ("income_lottery", "National Lottery"),
    ("income_earned", "Earned and trading"),
    ("income_assets", "Assets and rent"),
    ("income_donations", "Donations and other"),
)
INCOME_FROM = {  # each source inside a sentence, where it is not its label with a small first letter
    "income_nhs": "the NHS",
    "income_gla": "the GLA and London Councils",
    "income_lottery": "the National Lottery",
    "income_earned": "earned income and trading",
    "income_donations": "donations and other sources",
}
LOCAL_AUTHORITY_INCOME = ("income_la_grants", "income_la_contracts")
SPECIALISMS = (
    "Business skills",
    "Premises and asset management",
    "Social enterprise development",
    "Volunteering",
    "Funding advice",
    "Governance",
    "Digital",
    "Equality-led support",
)
ASSET_POLICY_LADDER = ("None", "In development", "Adopted")
GOOD_PRACTICE_THEMES = (
    "Funding",
    "Commissioning",
    "Social value",
    "Leadership",
    "Training",
    "Infrastructure",
    "Impact",
)


def mechanism_group(mechanism: str) -> str:
    """'grant', 'contract' or 'other': grants are 'Grant – …', contracts are 'Contract – …'."""
    if mechanism.startswith("Grant"):
        return "grant"
    if mechanism.startswith("Contract"):
        return "contract"
    return "other"


GRANT_MECHANISMS = tuple(m for m in MECHANISMS if mechanism_group(m) == "grant")
CONTRACT_MECHANISMS = tuple(m for m in MECHANISMS if mechanism_group(m) == "contract")
MECHANISM_RULE = "'Grant – …' mechanisms are grants; 'Contract – …' are contracts."


ABOUT = Sheet(
    "about",
    "About",
    "fields",
    "Who is returning, for which authority and financial year.",
    (
        Field(
            "borough", "Borough", Kind.BOROUGH, "The authority this return is for: its name or ONS code.", required=True
        ),
        Field(
            "financial_year", "Financial year", Kind.FINANCIAL_YEAR, "April to March, written 2024/25.", required=True
        ),
        Field(
            "completed_by",
            "Completed by",
            Kind.TEXT,
            "Name of the officer who completed the return.",
            required=True,
            personal=True,
        ),
        Field(
            "email",
            "Email",
            Kind.EMAIL,
            "Work email of that officer, for questions about the return.",
            required=True,
            personal=True,
        ),
        Field("date_completed", "Date completed", Kind.DATE, "The date the return was signed off."),
        Field(
            "notes",
            "Notes",
            Kind.TEXT,
            "Anything the steering group should know when reading the figures.",
            personal=True,
        ),
        Field(
            "return_version",
            "Return version",
            Kind.WHOLE,
            "The version of the return this template is (filled in by the template; leave it as it is).",
            minimum=1,
            maximum=2,
            since=2,
        ),
    ),
)

FUNDING = Sheet(
    "funding",
    "Funding",
    "table",
    "Money from public bodies in the borough to civil society organisations, one row per "
    "commissioner and funding mechanism.",
    (
        _choice("commissioner", "Commissioner", COMMISSIONERS, "Which public body paid the money.", required=True),
        _choice(
            "mechanism",
            "Mechanism",
            MECHANISMS,
            f"How it was paid. {MECHANISM_RULE}",
            required=True,
        ),
        _money("amount", "Amount (£)", "Total paid in the financial year, in pounds.", required=True),
        _whole("awards", "Number of awards", "How many grants or contracts made up the amount."),
        _whole("organisations_funded", "Organisations funded", "How many different organisations received money."),
        _money(
            "amount_small_medium",
            "Amount to small and medium organisations (£)",
            "Part of the amount paid to organisations with income under £1m a year.",
        ),
        _money(
            "amount_local",
            "Amount to organisations based in the borough (£)",
            "Part of the amount paid to organisations based in the borough.",
        ),
        _v2(
            "§1 Non-competitive approaches",
            _money(
                "without_competition",
                "Awarded without competition (£)",
                "Part of the amount awarded without competition: direct awards, grants by invitation, light-touch "
                "negotiated awards.",
            ),
        ),
        _v2(
            "§1 Payment mechanisms",
            _money(
                "paid_ahead",
                "Paid in advance or in instalments ahead of delivery (£)",
                "Part of the amount paid before the work it pays for was delivered.",
            ),
        ),
        _v2(
            "§1 Grant funding",
            _money(
                "multi_year",
                "Awards of three years or longer (£)",
                "Part of the amount in awards that run for three years or more.",
            ),
        ),
        _v2(
            "§3 Supply chains",
            _money(
                "to_subcontractors",
                "Passed to civil society subcontractors by lead providers (£)",
                "Money lead providers passed on to civil society subcontractors.",
            ),
        ),
    ),
    unique_together=("commissioner", "mechanism"),
    if_none="If no public body in the authority paid money to civil society organisations this year, say so in "
    "About › Notes, so the blank is read as none rather than not known.",
)

COMMISSIONING = Sheet(
    "commissioning",
    "Commissioning",
    "fields",
    "Barriers to civil society in commissioning, co-design and demonstrating impact.",
    (
        _whole(
            "contracts_open",
            "Contracts tendered that were open to civil society organisations",
            "Count of tenders in the year that civil society organisations could bid for.",
        ),
        _whole(
            "contracts_in_lots",
            "Of which divided into lots",
            "How many of those were divided into lots to open them to smaller providers.",
        ),
        _whole(
            "contracts_consortia",
            "Contracts awarded to consortia or lead-provider partnerships",
            "Awards to consortia or lead-provider partnerships.",
        ),
        _whole(
            "contracts_light_touch",
            "Contracts awarded under the light touch regime",
            "Awards using the simpler light touch procurement rules.",
        ),
        _yes_no(
            "pipeline_published",
            "Commissioning intentions and tender pipeline published",
            "Are commissioning intentions and a tender pipeline published ahead of time?",
        ),
        _whole(
            "lead_time_months",
            "Lead time given before tenders (months)",
            "Typical notice given before a tender opens, in months.",
            maximum=36,
        ),
        _choice(
            "co_design",
            "Civil society involved in co-designing services",
            ("None", "Some", "Most", "All"),
            "How many newly commissioned services were co-designed with civil society.",
        ),
        _choice(
            "friendly_standard",
            "Civil-society-friendly commissioning standard adopted",
            ("No", "In progress", "Yes"),
            "Has the authority adopted a best-practice standard for civil-society-friendly commissioning?",
        ),
        _yes_no(
            "outcomes_framework",
            "Outcomes framework published for funded services",
            "Is there a published outcomes framework for the services it funds?",
        ),
        _yes_no(
            "funding_plus",
            "Funding plus (capacity building for impact measurement) offered",
            "Does funding come with support to measure impact?",
        ),
        _yes_no(
            "jsna_co_produced",
            "Local needs assessment (JSNA) co-produced with civil society",
            "Was the joint strategic needs assessment co-produced with civil society?",
        ),
        _v2(
            "§1 Barriers: lots",
            _whole(
                "lots_explained",
                "Tenders where the decision not to divide into lots was explained",
                "Of the tenders not divided into lots, how many explained why.",
            ),
        ),
        _v2(
            "§3 Consortia and diversity of provision",
            _yes_no(
                "consortia_preference",
                "Preference for consortia or diversity of provision stated in tenders",
                "Do tenders say that consortia or a diversity of providers are welcome?",
            ),
        ),
        _v2(
            "§1 Social prescribing",
            _choice(
                "social_prescribing",
                "Social prescribing service funded, with a single point of contact and a paid team",
                ("No", "Yes, unpaid or volunteer-led", "Yes, paid team"),
                "Is a social prescribing service funded, and is it run by a paid team with one point of contact?",
            ),
            short_choices=("No", "Unpaid", "Paid"),
        ),
        _v2(
            "§5 Open data",
            _yes_no(
                "open_data",
                "Grant recipients published as open data (360Giving standard)",
                "Are the authority's grants published as open data to the 360Giving standard?",
            ),
        ),
        _v2(
            "§3 Supply chains",
            _yes_no(
                "supply_chain_monitored",
                "Supply-chain activity of civil society recorded in contract monitoring",
                "Does contract monitoring record what civil society subcontractors deliver?",
            ),
        ),
        _v2(
            "§4 Community assets",
            _choice(
                "asset_map",
                "Map of local civil society organisations and community assets kept and shared",
                ("No", "Internal only", "Published"),
                "Is there a map of local civil society organisations and community assets, and is it shared?",
            ),
            short_choices=("No", "Internal", "Public"),
        ),
    ),
)

LEADERSHIP = Sheet(
    "leadership",
    "Leadership",
    "fields",
    "Political leadership for the voluntary and community sector.",
    (
        _yes_no(
            "cabinet_lead",
            "Cabinet member with responsibility for the VCS",
            "Does a cabinet member hold the voluntary and community sector in their portfolio?",
            required=True,
        ),
        Field(
            "portfolio_title",
            "Portfolio title",
            Kind.TEXT,
            "That cabinet member's portfolio title, e.g. 'Communities and Voluntary Sector'.",
        ),
        Field("in_post_since", "In post since", Kind.DATE, "When the current cabinet member took the portfolio."),
        _yes_no(
            "pan_london_forum",
            "Takes part in the pan-London forum of VCS cabinet members",
            "Does the cabinet member take part in the pan-London forum?",
        ),
        _choice(
            "vcs_strategy",
            "VCS strategy or compact in place",
            ("No", "In development", "Yes"),
            "Is there a strategy or compact with the voluntary and community sector?",
        ),
        Field(
            "strategy_reviewed",
            "Strategy last reviewed (year)",
            Kind.YEAR,
            "Calendar year the strategy or compact was last reviewed.",
            minimum=1990,
            maximum=2100,
        ),
        _v2(
            "§1 Political leadership",
            _whole(
                "forum_meetings",
                "Cabinet lead attended the pan-London forum this year (meetings)",
                "How many meetings of the pan-London forum the cabinet lead attended this year.",
                maximum=12,
            ),
        ),
        _v2(
            "§1 Political leadership",
            _yes_no(
                "review_led",
                "Review of VCS commissioning led by the cabinet lead in the last three years",
                "Has the cabinet lead led a review of how the authority commissions the VCS in the last three years?",
            ),
        ),
    ),
)

SOCIAL_VALUE = Sheet(
    "social_value",
    "Social value",
    "fields",
    "How the authority uses the Public Services (Social Value) Act 2012.",
    (
        _choice(
            "policy",
            "Social value policy",
            SOCIAL_VALUE_LADDER,
            "How far social value policy has got: None → In development → Adopted → Embedded.",
            required=True,
        ),
        _choice(
            "approach",
            "Approach",
            ("Considers social value", "Accounts for social value"),
            "The Act only asks authorities to consider social value; some account for it in every decision.",
        ),
        _yes_no("applies_services", "Applies to services", "Does the policy apply to services contracts?"),
        _yes_no("applies_goods", "Applies to goods", "Does the policy apply to goods contracts?"),
        _yes_no("applies_works", "Applies to works", "Does the policy apply to works contracts?"),
        Field(
            "weighting_pct",
            "Standard social value weighting in tender evaluation (%)",
            Kind.PERCENT,
            "The usual weight social value carries when tenders are scored.",
            minimum=0,
            maximum=100,
        ),
        _choice(
            "framework",
            "Measurement framework",
            ("None", "National TOMs", "Own local framework", "Other"),
            "How social value is measured, e.g. the National TOMs.",
        ),
        _money(
            "committed",
            "Social value committed by suppliers (£)",
            "Social value suppliers committed to in contracts awarded in the year.",
        ),
        _yes_no(
            "local_weighted",
            "Local delivery weighted in evaluation",
            "Is local delivery given weight when tenders are scored?",
        ),
        _v2(
            "§2 Social value",
            _yes_no(
                "co_developed",
                "Strategy developed with civil society and residents",
                "Was the social value strategy developed with civil society and residents?",
            ),
        ),
        _v2(
            "§2 Social value",
            _choice(
                "monitored",
                "Social value monitored in contract management (delivery checked against commitments)",
                ("No", "Some contracts", "All contracts over a threshold"),
                "Is what suppliers deliver checked against what they committed to?",
            ),
            short_choices=("No", "Some", "All"),
        ),
        _v2(
            "§2 Social value",
            _money(
                "delivered",
                "Social value delivered and verified this year (£)",
                "Social value suppliers delivered in the year and the authority verified (beside what they committed).",
            ),
        ),
        _v2(
            "§2 Social value",
            _yes_no(
                "champion",
                "Named political champion for social value",
                "Is a named councillor the champion for social value?",
            ),
        ),
    ),
)

TRAINING = Sheet(
    "training",
    "Training",
    "fields",
    "Training of commissioners and procurement officers in commissioning with civil society.",
    (
        _whole(
            "headcount",
            "Commissioning and procurement staff (headcount)",
            "People employed in commissioning and procurement roles.",
            required=True,
        ),
        _whole(
            "trained",
            "Staff trained this year in commissioning with civil society",
            "How many of them were trained this year.",
            required=True,
        ),
        _yes_no(
            "induction",
            "Civil society commissioning included in induction",
            "Is commissioning with civil society part of the induction for new staff?",
        ),
        _choice(
            "provider",
            "Main training provider",
            ("None", "In-house", "Local infrastructure organisation", "London-wide programme", "Other"),
            "Who mainly delivered the training.",
        ),
    ),
)

INFRASTRUCTURE = Sheet(
    "infrastructure",
    "Infrastructure",
    "table",
    "Civil society infrastructure organisations serving the borough, one row each, with their income by source.",
    (
        Field("organisation", "Organisation", Kind.TEXT, "The organisation's name.", required=True),
        Field(
            "registration_number",
            "Charity or company number",
            Kind.TEXT,
            "Registered charity number (6–8 digits) or company number (8 characters).",
            pattern=r"\d{6,8}|[A-Z0-9]{8}",
            pattern_hint="a charity number of 6 to 8 digits or a company number of 8 characters",
        ),
        _choice(
            "org_type",
            "Type",
            ("CVS", "Community anchor", "Peer network", "Specialist infrastructure", "Other"),
            "What kind of infrastructure body it is.",
        ),
        _choice(
            "coverage", "Coverage", ("Whole borough", "Part of borough", "Single neighbourhood"), "The area it serves."
        ),
        _whole(
            "organisations_supported",
            "Organisations supported",
            "Civil society organisations it supported in the year.",
        ),
        *(
            _money(key, f"Income: {name} (£)", f"Income in the year from {INCOME_FROM.get(key, lower_first(name))}.")
            for key, name in INCOME_SOURCES
        ),
        _yes_no(
            "discounted_lease",
            "Community asset on a discounted or peppercorn lease",
            "Does it hold a community asset on a discounted or peppercorn lease?",
        ),
        _v2(
            "§4 Infrastructure specialisms",
            Field(
                "specialisms",
                "Specialisms offered",
                Kind.CHOICES,
                "What it offers; choose any, separated by ';'.",
                choices=SPECIALISMS,
            ),
        ),
        _v2(
            "§4 Equality-led provision",
            _yes_no("equality_led", "Led by and for an equality group", "Is it led by and for an equality group?"),
        ),
        _v2(
            "§4 Peer learning",
            _yes_no(
                "peer_learning",
                "Takes part in pan-London peer learning",
                "Does it take part in pan-London peer learning between infrastructure organisations?",
            ),
        ),
    ),
    if_none="If no infrastructure organisation serves the authority, say so in About › Notes, so the blank is read as "
    "none rather than not known.",
)

ASSETS = Sheet(
    "assets",
    "Assets",
    "fields",
    "Community assets: leases and space for civil society.",
    (
        _v2(
            "§4 Community assets",
            _choice(
                "asset_policy",
                "Community asset policy (discounted or peppercorn leases, affordable rents)",
                ASSET_POLICY_LADDER,
                "How far a policy on community assets has got: None → In development → Adopted.",
            ),
            short_choices=("None", "Devel.", "Adopted"),
        ),
        _v2(
            "§4 Community assets",
            _whole(
                "peppercorn_leases",
                "Leases to civil society on discounted or peppercorn terms",
                "How many leases the authority holds with civil society organisations on discounted or peppercorn terms.",
            ),
        ),
        _v2(
            "§4 Community assets",
            _yes_no(
                "housing_association_space",
                "Joint arrangements with housing associations for community space",
                "Does the authority have joint arrangements with housing associations for community space?",
            ),
        ),
    ),
    since=2,
)

GOOD_PRACTICE = Sheet(
    "good_practice",
    "Good practice",
    "table",
    "Up to five examples of good practice to share across London, one row each (optional).",
    (
        _v2(
            "§1 Sharing best practice",
            Field("title", "Title", Kind.TEXT, "A short title for the example.", required=True, max_length=120),
        ),
        _v2(
            "§1 Sharing best practice",
            _choice("theme", "Theme", GOOD_PRACTICE_THEMES, "The theme it belongs to."),
        ),
        _v2(
            "§5 Demonstrating impact",
            Field(
                "what_changed",
                "What was done and what changed",
                Kind.TEXT,
                "What the authority did and what changed as a result.",
                max_length=1500,
            ),
        ),
        _v2(
            "§5 Demonstrating impact",
            Field("evidence", "Evidence of impact", Kind.TEXT, "How the change is known.", max_length=600),
        ),
        _v2(
            "§1 Sharing best practice",
            Field("link", "Link", Kind.URL, "A web page about it, starting https://."),
        ),
        _v2(
            "§1 Sharing best practice",
            _yes_no(
                "contact_shared",
                "Contact may be shared",
                "May the officer who completed the return be named as the contact? Only when Yes is it shown.",
            ),
        ),
    ),
    since=2,
    optional=True,
    max_rows=5,
    if_none="The sheet is optional: leave it empty when there is nothing to share this year.",
)

SHEETS: tuple[Sheet, ...] = (
    ABOUT,
    FUNDING,
    COMMISSIONING,
    LEADERSHIP,
    SOCIAL_VALUE,
    TRAINING,
    INFRASTRUCTURE,
    ASSETS,
    GOOD_PRACTICE,
)


def sheets_in(version: int) -> tuple[Sheet, ...]:
    """The sheets a return of `version` has, each with only the fields it asks."""
    return tuple(s.asked_in(version) for s in SHEETS if s.since <= version)


RULES: tuple[AtMost | ExpectedWhen, ...] = (
    AtMost("funding", "amount_small_medium", "amount"),
    AtMost("funding", "amount_local", "amount"),
    AtMost("funding", "without_competition", "amount"),
    AtMost("funding", "paid_ahead", "amount"),
    AtMost("funding", "multi_year", "amount"),
    AtMost("commissioning", "lots_explained", "contracts_open", less="contracts_in_lots"),
    AtMost("commissioning", "contracts_in_lots", "contracts_open"),
    AtMost("training", "trained", "headcount"),
    ExpectedWhen("leadership", "portfolio_title", "cabinet_lead"),
)

# Warn when a borough's total funding moves by more than this share from its previous year.
FUNDING_CHANGE_WARNING = 0.5


def sheet(key: str) -> Sheet:
    """The sheet with this key (e.g. 'funding')."""
    return next(s for s in SHEETS if s.key == key)
