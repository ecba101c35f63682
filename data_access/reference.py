"""Reference vocabularies: regions, counties, themes, crime categories, institutions.

These are the controlled lists of docs/METHODS.md ("Vocabularies"). They are seeded
into the database by
``python -m data_access init`` so that every foreign key has a row to point at, and
they are extendable: a new theme or institution is a new row, not a code change.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GEO_DATA_DIR = Path(__file__).resolve().parent.parent / "geo" / "data"
COUNTIES_CSV = GEO_DATA_DIR / "kenya_counties.csv"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    name_sw: str


# The 8 NGAO regions (the former provinces), in the order the ministry lists them.
REGIONS: tuple[Region, ...] = (
    Region("coast", "Coast", "Pwani"),
    Region("north_eastern", "North Eastern", "Kaskazini Mashariki"),
    Region("eastern", "Eastern", "Mashariki"),
    Region("central", "Central", "Kati"),
    Region("rift_valley", "Rift Valley", "Bonde la Ufa"),
    Region("western", "Western", "Magharibi"),
    Region("nyanza", "Nyanza", "Nyanza"),
    Region("nairobi", "Nairobi", "Nairobi"),
)
REGION_BY_NAME = {r.name: r for r in REGIONS}


@dataclass(frozen=True)
class County:
    code: str
    name: str
    region_code: str
    population_2019: int
    area_km2: float


@lru_cache(maxsize=1)
def counties() -> tuple[County, ...]:
    """The 47 counties from the bundled KNBS/kenya-geo CSV (codes read as text)."""
    with COUNTIES_CSV.open(newline="", encoding="utf-8") as fh:
        return tuple(
            County(
                code=row["code"].zfill(3),
                name=row["name"],
                region_code=REGION_BY_NAME[row["region"]].code,
                population_2019=int(row["population_2019"]),
                area_km2=float(row["area_km2"]),
            )
            for row in csv.DictReader(fh)
        )


@dataclass(frozen=True)
class Theme:
    code: str
    label: str
    label_sw: str
    sensitive: bool = False


THEMES: tuple[Theme, ...] = (
    Theme("violent_extremism", "Violent extremism and radicalisation",
          "Itikadi kali na misimamo mikali", sensitive=True),
    Theme("drugs", "Drugs, illicit brews and substance abuse",
          "Dawa za kulevya na pombe haramu"),
    Theme("land_disputes", "Land and boundary disputes", "Migogoro ya ardhi na mipaka"),
    Theme("gbv", "Gender-based and domestic violence",
          "Ukatili wa kijinsia na wa nyumbani", sensitive=True),
    Theme("cattle_rustling", "Cattle rustling", "Wizi wa mifugo"),
    Theme("banditry", "Banditry and militia activity", "Ujambazi na wanamgambo"),
    Theme("illegal_mining", "Illegal mining", "Uchimbaji madini haramu"),
    Theme("arms_smuggling", "Arms smuggling (small arms)", "Magendo ya silaha ndogo"),
    Theme("human_trafficking", "Human trafficking", "Biashara ya binadamu"),
    Theme("youth_gangs", "Youth gangs and urban crime", "Magenge ya vijana na uhalifu mijini"),
    Theme("maritime_security", "Maritime security", "Usalama wa baharini"),
    Theme("id_delays", "ID and registration delays", "Ucheleweshaji wa vitambulisho"),
    Theme("police_conduct", "Police conduct and response times",
          "Mwenendo wa polisi na muda wa kujibu"),
)
THEME_BY_CODE = {t.code: t for t in THEMES}


@dataclass(frozen=True)
class CrimeCategory:
    code: str
    name: str
    name_sw: str
    sensitive: bool = False


# The 17 categories the National Police Service reports by (docs/METHODS.md, "Vocabularies").
CRIME_CATEGORIES: tuple[CrimeCategory, ...] = (
    CrimeCategory("homicide", "Homicide", "Mauaji"),
    CrimeCategory("offences_against_morality", "Offences against morality",
                  "Makosa dhidi ya maadili", sensitive=True),
    CrimeCategory("other_offences_against_persons", "Other offences against persons",
                  "Makosa mengine dhidi ya watu"),
    CrimeCategory("robbery", "Robbery", "Wizi wa kutumia nguvu"),
    CrimeCategory("breakings", "Breakings", "Uvunjaji"),
    CrimeCategory("theft_of_stock", "Theft of stock", "Wizi wa mifugo"),
    CrimeCategory("stealing", "Stealing", "Wizi"),
    CrimeCategory("theft_by_servant", "Theft by servant", "Wizi wa mtumishi"),
    CrimeCategory("vehicle_and_other_thefts", "Vehicle and other thefts",
                  "Wizi wa magari na mengineyo"),
    CrimeCategory("dangerous_drugs", "Dangerous drugs", "Dawa hatari za kulevya"),
    CrimeCategory("traffic_offences", "Traffic offences", "Makosa ya barabarani"),
    CrimeCategory("criminal_damage", "Criminal damage", "Uharibifu wa mali"),
    CrimeCategory("economic_crimes", "Economic crimes", "Uhalifu wa kiuchumi"),
    CrimeCategory("corruption", "Corruption", "Ufisadi"),
    CrimeCategory("offences_involving_police", "Offences involving police officers",
                  "Makosa yanayohusisha maafisa wa polisi"),
    CrimeCategory("offences_involving_tourists", "Offences involving tourists",
                  "Makosa yanayohusisha watalii"),
    CrimeCategory("other_penal_code_offences", "Other penal code offences",
                  "Makosa mengine ya kanuni ya adhabu"),
)
CATEGORY_BY_CODE = {c.code: c for c in CRIME_CATEGORIES}

# National counts recorded by police in 2021 (KNBS Economic Survey), for realistic demo
# levels and category mix.
NATIONAL_2021_BY_CATEGORY: dict[str, int] = {
    "other_offences_against_persons": 22365,
    "stealing": 11762,
    "other_penal_code_offences": 8514,
    "offences_against_morality": 8182,
    "dangerous_drugs": 5743,
    "breakings": 4973,
    "criminal_damage": 4627,
    "economic_crimes": 4004,
    "homicide": 3281,
    "robbery": 2456,
    "theft_of_stock": 1964,
    "theft_by_servant": 1798,
    "vehicle_and_other_thefts": 1278,
    "traffic_offences": 123,
    "corruption": 96,
    "offences_involving_police": 75,
    "offences_involving_tourists": 31,
}
NATIONAL_TOTALS: dict[int, int] = {2019: 93411, 2020: 69645, 2021: 81272}


@dataclass(frozen=True)
class Institution:
    code: str
    name: str
    short_name: str


INSTITUTIONS: tuple[Institution, ...] = (
    Institution("nps", "National Police Service", "NPS"),
    Institution("dci", "Directorate of Criminal Investigations", "DCI"),
    Institution("ngao", "National Government Administration (county commissioner, chiefs)",
                "NGAO"),
    Institution("nacada", "NACADA", "NACADA"),
    Institution("nctc", "National Counter Terrorism Centre", "NCTC"),
    Institution("lands", "Ministry of Lands / National Land Commission", "Lands/NLC"),
    Institution("nrb", "State Department for Immigration (National Registration Bureau)",
                "NRB"),
    Institution("youth", "State Department for Youth", "Youth"),
    Institution("gender", "State Department for Gender", "Gender"),
    Institution("kcgs", "Kenya Coast Guard Service", "KCGS"),
    Institution("county_gov", "County government", "County govt"),
    Institution("roads", "KeNHA/KURA (security roads)", "KeNHA/KURA"),
)
INSTITUTION_BY_CODE = {i.code: i for i in INSTITUTIONS}

# Commitment statuses (docs/METHODS.md, "Vocabularies") with display labels in both
# languages.
COMMITMENT_STATUSES: dict[str, tuple[str, str]] = {
    "unverified": ("Unverified", "Haijathibitishwa"),
    "not_started": ("Not started", "Haijaanza"),
    "in_progress": ("In progress", "Inaendelea"),
    "stalled": ("Stalled", "Imekwama"),
    "partly_fulfilled": ("Partly fulfilled", "Imetimizwa kwa sehemu"),
    "fulfilled": ("Fulfilled", "Imetimizwa"),
    "not_fulfilled": ("Not fulfilled", "Haikutimizwa"),
}
# Statuses that close a commitment: it can no longer be overdue.
CLOSED_STATUSES = frozenset({"fulfilled", "not_fulfilled"})

# Groups whose attendance a forum records.
ATTENDANCE_GROUPS: dict[str, tuple[str, str]] = {
    "religious_leaders": ("Religious leaders", "Viongozi wa dini"),
    "elders": ("Elders", "Wazee"),
    "youth": ("Youth", "Vijana"),
    "womens_groups": ("Women's groups", "Vikundi vya wanawake"),
    "officials": ("Government officials", "Maafisa wa serikali"),
    "business": ("Business community", "Wafanyabiashara"),
    "pwd": ("Persons with disabilities", "Watu wenye ulemavu"),
    "civil_society": ("Civil society", "Mashirika ya kiraia"),
}


def region_holding(county_codes) -> str | None:
    """The code of the one region holding every county in ``county_codes`` (a county → its
    region; a region's counties → that region); None for none or several regions. Public
    accountability figures are shown for this region, else for Kenya."""
    regions = {c.region_code for c in counties() if c.code in set(county_codes)}
    return regions.pop() if county_codes and len(regions) == 1 else None
