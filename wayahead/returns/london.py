"""London's 33 local authorities: codes, names, Inner/Outer, sub-regions, tile grid, population.

Sources (see ../shared/docs/london.md):
- ONS codes: ONS local authority district codes (E09 = London boroughs).
- Inner/Outer: the ONS statistical definition (14 inner authorities). The London Government
  Act 1963 definition differs (Haringey and Newham outer, Greenwich inner); this app uses ONS.
- Sub-regions: London Plan 2011 (kept in 2016); Richmond upon Thames is in South.
- Tile positions: the "London Squared" grid (After the Flood with Future Cities Catapult),
  column x, row y, row 0 at the top; the Thames runs between rows 3 and 4.
- Population: Census 2021 usual residents, ONS first results, 28 June 2022, rounded to the
  nearest 100. Per-resident figures for other years use it as an approximation, unless ONS
  mid-year estimates are loaded (figures.per_resident.residents).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

POPULATION_SOURCE = "Census 2021 usual residents (ONS first results, 28 June 2022)"
INNER_OUTER_SOURCE = "ONS statistical definition of Inner and Outer London"
SUB_REGION_SOURCE = "London Plan 2011 sub-regions"
SUB_REGIONS = ("Central", "East", "North", "South", "West")


@dataclass(frozen=True)
class Authority:
    code: str
    name: str
    inner: bool
    sub_region: str
    x: int
    y: int
    population: int

    @property
    def inner_outer(self) -> str:
        return "Inner" if self.inner else "Outer"

    @property
    def slug(self) -> str:
        """The name as a file name's part: 'Kingston upon Thames' → 'kingston-upon-thames'."""
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


_TABLE = """
E09000001|City of London|Inner|Central|4|3|8600
E09000002|Barking and Dagenham|Outer|East|7|3|218900
E09000003|Barnet|Outer|North|3|1|389300
E09000004|Bexley|Outer|East|7|4|246500
E09000005|Brent|Outer|West|2|2|339800
E09000006|Bromley|Outer|South|5|5|330000
E09000007|Camden|Inner|Central|3|2|210100
E09000008|Croydon|Outer|South|4|5|390800
E09000009|Ealing|Outer|West|1|2|367100
E09000010|Enfield|Outer|North|4|0|330000
E09000011|Greenwich|Outer|East|6|4|289100
E09000012|Hackney|Inner|East|5|2|259200
E09000013|Hammersmith and Fulham|Inner|West|1|3|183200
E09000014|Haringey|Inner|North|4|1|264300
E09000015|Harrow|Outer|West|2|1|261200
E09000016|Havering|Outer|East|7|2|262000
E09000017|Hillingdon|Outer|West|0|2|305900
E09000018|Hounslow|Outer|West|0|3|288200
E09000019|Islington|Inner|Central|4|2|216600
E09000020|Kensington and Chelsea|Inner|Central|2|3|143400
E09000021|Kingston upon Thames|Outer|South|2|5|168000
E09000022|Lambeth|Inner|Central|3|4|317600
E09000023|Lewisham|Inner|East|5|4|300600
E09000024|Merton|Outer|South|3|5|215200
E09000025|Newham|Inner|East|6|3|351100
E09000026|Redbridge|Outer|East|6|2|310300
E09000027|Richmond upon Thames|Outer|South|1|4|195200
E09000028|Southwark|Inner|Central|4|4|307700
E09000029|Sutton|Outer|South|3|6|209600
E09000030|Tower Hamlets|Inner|East|5|3|310300
E09000031|Waltham Forest|Outer|East|5|1|278400
E09000032|Wandsworth|Inner|South|2|4|327500
E09000033|Westminster|Inner|Central|3|3|204300
"""


def _parse(table: str) -> tuple[Authority, ...]:
    rows = [line.split("|") for line in table.strip().splitlines()]
    return tuple(
        Authority(code, name, io == "Inner", region, int(x), int(y), int(pop))
        for code, name, io, region, x, y, pop in rows
    )


AUTHORITIES: tuple[Authority, ...] = _parse(_TABLE)
BY_CODE: dict[str, Authority] = {a.code: a for a in AUTHORITIES}
LONDON_POPULATION = sum(a.population for a in AUTHORITIES)
TOTAL = len(AUTHORITIES)

# Common ways officers write names that the plain normalisation below does not reach.
_EXTRA_NAMES = {
    "city": "E09000001",
    "the city": "E09000001",
    "city of london corporation": "E09000001",
    "westminster": "E09000033",
    "city of westminster": "E09000033",
    "kensington chelsea": "E09000020",
    "rbkc": "E09000020",
    "hammersmith fulham": "E09000013",
    "lbhf": "E09000013",
    "barking dagenham": "E09000002",
    "kingston": "E09000021",
    "richmond": "E09000027",
}

_PREFIXES = re.compile(r"^(the )?((london borough|royal borough|borough|council) of |lb |rb |lbo )", re.IGNORECASE)
_SUFFIXES = re.compile(r" (council|london borough council|borough council)$", re.IGNORECASE)


def _name_key(text: str) -> str:
    """Lower case, '&' and 'and' dropped, punctuation to spaces, prefixes and suffixes removed."""
    key = re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("&", " "))
    key = " ".join(w for w in key.split() if w != "and")
    for _ in range(2):
        key = _PREFIXES.sub("", key).strip()
        key = _SUFFIXES.sub("", key).strip()
    return key


_BY_NAME_KEY = {_name_key(a.name): a.code for a in AUTHORITIES} | _EXTRA_NAMES


def find_authority(text: str) -> Authority | None:
    """The authority named by an ONS code, official name or common variant, or None."""
    cleaned = " ".join(str(text).split())
    if cleaned.upper() in BY_CODE:
        return BY_CODE[cleaned.upper()]
    code = _BY_NAME_KEY.get(_name_key(cleaned))
    return BY_CODE[code] if code else None


def financial_year_label(year: int) -> str:
    """2024 → '2024/25'."""
    return f"{year}/{(year + 1) % 100:02d}"
