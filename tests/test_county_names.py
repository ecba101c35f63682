"""County-name matching: every spelling seen in real files maps to one code, or is refused
with a reason and suggestions."""

from __future__ import annotations

import csv
import time

import pytest
import sqlalchemy as sa

from data_access import reference, schema
from data_access.county_names import (
    KINDS,
    PLACES_CSV,
    CountyMatch,
    alias_rows,
    county_name,
    match_county,
    normalise,
)

# (spelling, expected kind, expected code or None)
CASES: list[tuple[object, str, str | None]] = [
    # the county's own name, in any case, punctuation and affix
    ("Nairobi", "exact", "047"),
    ("NAIROBI", "exact", "047"),
    ("nairobi city", "exact", "047"),
    ("Nairobi City County", "exact", "047"),
    ("  Nairobi  ", "exact", "047"),
    ("Mombasa County", "exact", "001"),
    ("County Government of Nakuru", "exact", "032"),
    ("The County Government of Kisumu", "exact", "042"),
    ("Kaunti ya Mombasa", "exact", "001"),
    ("Murang'a", "exact", "021"),
    ("Murang’a", "exact", "021"),
    ("Murang`a County", "exact", "021"),
    ("MURANGA", "exact", "021"),
    ("Elgeyo-Marakwet", "exact", "028"),
    ("Elgeyo Marakwet", "exact", "028"),
    ("Elgeyo/Marakwet", "exact", "028"),
    ("Tharaka-Nithi", "exact", "013"),
    ("Tharaka Nithi", "exact", "013"),
    ("Taita Taveta", "exact", "006"),
    ("Taita-Taveta", "exact", "006"),
    ("Taita–Taveta", "exact", "006"),  # en dash
    ("Trans Nzoia", "exact", "026"),
    ("Trans-Nzoia", "exact", "026"),
    ("Homa Bay", "exact", "043"),
    ("Homa-Bay", "exact", "043"),
    ("Tana River", "exact", "004"),
    ("West Pokot", "exact", "024"),
    ("Uasin Gishu", "exact", "027"),
    ("Nandi", "exact", "029"),
    ("Kisii", "exact", "045"),
    # a constituency / sub-county named like a county is the county
    ("Kiambu", "exact", "022"),
    ("Makueni", "exact", "017"),
    ("Vihiga", "exact", "038"),
    ("Garissa", "exact", "007"),
    ("Machakos", "exact", "016"),
    # codes
    ("1", "exact", "001"),
    ("01", "exact", "001"),
    ("001", "exact", "001"),
    ("47", "exact", "047"),
    ("047", "exact", "047"),
    (47, "exact", "047"),
    (47.0, "exact", "047"),
    ("47.0", "exact", "047"),
    ("047 Nairobi", "exact", "047"),
    ("047 - Nairobi", "exact", "047"),
    ("Nairobi (047)", "exact", "047"),
    ("021 Murang'a", "exact", "021"),
    ("028 Keiyo", "alias", "028"),
    # known spellings
    ("Muranga", "exact", "021"),
    ("Homabay", "alias", "043"),
    ("HOMABAY COUNTY", "alias", "043"),
    ("Elgeyo", "alias", "028"),
    ("Marakwet", "alias", "028"),
    ("Keiyo", "alias", "028"),
    ("ElgeyoMarakwet", "alias", "028"),
    ("Tharaka", "alias", "013"),
    ("Tharakanithi", "alias", "013"),
    ("Taita", "alias", "006"),
    ("Taitataveta", "alias", "006"),
    ("Teita Taveta", "alias", "006"),
    ("Transnzoia", "alias", "026"),
    ("Uasingishu", "alias", "027"),
    ("Tanariver", "alias", "004"),
    ("Tana", "alias", "004"),
    ("Westpokot", "alias", "024"),
    ("Pokot West", "alias", "024"),
    ("Fort Hall", "alias", "021"),
    ("Nairobi Province", "alias", "047"),
    ("Nairobi Region", "alias", "047"),
    # unambiguous misspellings
    ("Kiambo", "fuzzy", "022"),
    ("Nakru", "fuzzy", "032"),
    ("Kisumo", "fuzzy", "042"),
    ("Nairobbi", "fuzzy", "047"),
    ("Garisa", "fuzzy", "007"),
    ("Kakamenga", "fuzzy", "037"),
    ("Kirinyga", "fuzzy", "020"),
    ("Kajado", "fuzzy", "034"),
    ("Laikipa", "fuzzy", "031"),
    ("Makeuni", "fuzzy", "017"),
    ("Machakoss", "fuzzy", "016"),
    ("Nyamra", "fuzzy", "046"),
    ("Kisi", "fuzzy", "045"),
    ("Elgeyo Markwet", "fuzzy", "028"),
    ("Trans Zoia", "fuzzy", "026"),
    ("Uasin Gisu", "fuzzy", "027"),
    ("Mach", "fuzzy", "016"),
    ("Uasin", "fuzzy", "027"),
    # ambiguous
    ("Kis", "ambiguous", None),
    ("Mar", "ambiguous", None),
    ("Nya", "ambiguous", None),
    ("Pokot", "ambiguous", None),
    ("012 Nairobi", "ambiguous", None),
    ("48 Nairobi", "ambiguous", None),
    # unknown
    ("Atlantis", "unknown", None),
    ("Embo", "unknown", None),
    ("Meri", "unknown", None),
    ("West", "unknown", None),
    ("Mount Kenya", "unknown", None),
    ("48", "unknown", None),
    ("0", "unknown", None),
    ("Kampala", "unknown", None),
    # not a county: regions, totals, sub-counties, towns, former districts
    ("Rift Valley", "not_a_county", None),
    ("RIFT VALLEY PROVINCE", "not_a_county", None),
    ("Coast", "not_a_county", None),
    ("Coast Region", "not_a_county", None),
    ("North Eastern", "not_a_county", None),
    ("North-Eastern Province", "not_a_county", None),
    ("Nyanza", "not_a_county", None),
    ("Western", "not_a_county", None),
    ("Central", "not_a_county", None),
    ("Eastern", "not_a_county", None),
    ("Pwani", "not_a_county", None),
    ("Bonde la Ufa", "not_a_county", None),
    ("Rift Vally", "not_a_county", None),
    ("Total", "not_a_county", None),
    ("Grand Total", "not_a_county", None),
    ("TOTAL KENYA", "not_a_county", None),
    ("Kenya", "not_a_county", None),
    ("National", "not_a_county", None),
    ("Jumla", "not_a_county", None),
    ("Various", "not_a_county", None),
    ("Kasarani", "not_a_county", None),
    ("Westlands", "not_a_county", None),
    ("Kibra", "not_a_county", None),
    ("Kisumu Central", "not_a_county", None),
    ("Nakuru Town East", "not_a_county", None),
    ("Garissa Township", "not_a_county", None),
    ("Baringo North", "not_a_county", None),
    ("Nandi Hills", "not_a_county", None),
    ("Taveta", "not_a_county", None),
    ("Marakwet East", "not_a_county", None),
    ("Keiyo South", "not_a_county", None),
    ("Mt. Elgon", "not_a_county", None),
    ("Mount Elgon", "not_a_county", None),
    ("Athi River", "not_a_county", None),
    ("Loitokitok", "not_a_county", None),
    ("Chuka/Igambang'ombe", "not_a_county", None),
    ("Eldoret", "not_a_county", None),
    ("Kitale", "not_a_county", None),
    ("Thika", "not_a_county", None),
    ("Nanyuki", "not_a_county", None),
    ("Trans Mara", "not_a_county", None),
    ("Kuria", "not_a_county", None),
    ("Kasarni", "not_a_county", None),
    ("Kisumu Cntral", "not_a_county", None),
    # empty
    ("", "empty", None),
    ("   ", "empty", None),
    ("-", "empty", None),
    ("N/A", "empty", None),
    ("nan", "empty", None),
    ("Unknown", "empty", None),
    ("County", "empty", None),
    (None, "empty", None),
    (float("nan"), "empty", None),
]


def test_there_are_many_cases_across_all_kinds():
    assert len(CASES) >= 60
    assert {kind for _, kind, _ in CASES} == set(KINDS)


@pytest.mark.parametrize(("text", "kind", "code"), CASES, ids=[repr(c[0]) for c in CASES])
def test_match_county(text, kind, code):
    m = match_county(text)
    assert isinstance(m, CountyMatch)
    assert (m.kind, m.code) == (kind, code), m.message
    assert m.ok is (code is not None)
    assert m.message
    if code is not None:
        assert m.name == county_name(code)
    else:
        assert m.name is None
    for s in m.suggestions:
        assert s in {c.name for c in reference.counties()}


@pytest.mark.parametrize(("text", "message"), [
    ("Kiambo", "'Kiambo' read as Kiambu (closest match)"),
    ("Rift Valley", "'Rift Valley' is a region, not a county (Rift Valley has 14 counties)"),
    ("Kasarani", "'Kasarani' is a sub-county of Nairobi, not a county"),
    ("Kis", "'Kis' is ambiguous: Kisii, Kisumu?"),
    ("Atlantis", "'Atlantis' is not a Kenyan county; closest: Trans Nzoia, Tana River, "
                 "Taita Taveta"),
    ("Total", "'Total' is a national or total figure, not a county"),
    ("Eldoret", "'Eldoret' is the headquarters town of Uasin Gishu, not a county"),
    ("Thika", "'Thika' is a town in Kiambu, not a county"),
    ("Trans Mara", "'Trans Mara' is a former district, now part of Narok, not a county"),
    ("Kasarni", "'Kasarni' looks like Kasarani, a sub-county of Nairobi, not a county"),
    ("012 Nairobi", "'012 Nairobi': code 012 is Meru but the name says Nairobi"),
    ("48", "'48': 48 is not a county code (codes run 001 to 047)"),
    ("047", "'047' is Nairobi (code 047)"),
    ("Homabay", "'Homabay' read as Homa Bay (known spelling)"),
    ("", "No county given"),
    ("N/A", "No county given ('N/A')"),
])
def test_messages_say_what_happened(text, message):
    assert match_county(text).message == message


@pytest.mark.parametrize(("text", "suggestions"), [
    ("Kis", ("Kisii", "Kisumu")),
    ("Mar", ("Marsabit", "Elgeyo-Marakwet")),
    ("Pokot", ("West Pokot", "Baringo")),
    ("Embo", ("Embu", "Elgeyo-Marakwet", "Bomet")),
    ("Meri", ("Meru", "Nyeri", "Migori")),
    ("Kasarani", ("Nairobi",)),
    ("Eldoret", ("Uasin Gishu",)),
    ("012 Nairobi", ("Meru", "Nairobi")),
    ("Rift Valley", ()),
])
def test_suggestions_closest_first(text, suggestions):
    assert match_county(text).suggestions == suggestions


def test_unknown_always_offers_three_counties():
    for text in ("Atlantis", "Mount Kenya", "qwerty", "Kampala"):
        m = match_county(text)
        assert m.kind == "unknown"
        assert len(m.suggestions) == 3


def test_fuzzy_match_offers_the_county_first():
    m = match_county("Kiambo")
    assert m.suggestions[0] == "Kiambu"


def test_every_county_name_and_code_matches_itself():
    for c in reference.counties():
        assert match_county(c.name).code == c.code
        assert match_county(c.name.upper() + " COUNTY").code == c.code
        assert match_county(c.code).code == c.code
        assert match_county(str(int(c.code))).code == c.code
        assert match_county(f"{c.code} {c.name}").code == c.code
        assert county_name(c.code) == c.name


@pytest.mark.parametrize(("text", "key"), [
    ("Murang'a", "muranga"),
    ("Murang’a County", "muranga"),
    ("  ELGEYO-MARAKWET  ", "elgeyo marakwet"),
    ("Elgeyo / Marakwet", "elgeyo marakwet"),
    ("Nairobi City County", "nairobi"),
    ("County Government of Nakuru", "nakuru"),
    ("Kaunti ya Mombasa", "mombasa"),
    ("Serikali ya Kaunti ya Kisumu", "kisumu"),
    ("Mt. Elgon", "mount elgon"),
    ("Homa\u00a0Bay", "homa bay"),          # no-break space
    ("Ki\u200bambu", "kiambu"),             # zero-width space
    ("Kísìi", "kisii"),                     # accents
    ("TAITA_TAVETA", "taita taveta"),
    ("047 Nairobi", "047 nairobi"),
    ("County", ""),
    ("", ""),
])
def test_normalise(text, key):
    assert normalise(text) == key


def test_alias_rows_cover_every_spelling_once():
    rows = alias_rows()
    keys = [r["alias_key"] for r in rows]
    assert len(keys) == len(set(keys)), "duplicate alias_key"
    assert {tuple(sorted(r)) for r in rows} == {("alias", "alias_key", "county_code")}
    codes = {c.code for c in reference.counties()}
    for r in rows:
        assert r["alias_key"] == normalise(r["alias"])
        assert r["county_code"] in codes
        assert match_county(r["alias"]).code == r["county_code"], r
    # each county's name, plus the variants other teams' files use
    by_key = {r["alias_key"]: r["county_code"] for r in rows}
    for spelling, code in [("Murang'a", "021"), ("Homabay", "043"), ("Keiyo", "028"),
                           ("Elgeyo", "028"), ("Tharaka", "013"), ("Taita", "006"),
                           ("001", "001"), ("1", "001"), ("47", "047")]:
        assert by_key[normalise(spelling)] == code
    assert next(r for r in rows if r["alias_key"] == "muranga")["alias"] == "Murang'a"


def test_alias_rows_are_fresh_copies():
    alias_rows()[0]["county_code"] = "999"
    assert alias_rows()[0]["county_code"] != "999"


def test_county_name_accepts_codes_in_any_form_and_refuses_others():
    assert county_name("047") == county_name("47") == county_name(47) == "Nairobi"
    with pytest.raises(ValueError, match="'048' is not a county code"):
        county_name("048")
    with pytest.raises(ValueError, match="not a county code"):
        county_name("Nairobi")


def test_bundled_places_file_is_consistent():
    codes = {c.code for c in reference.counties()}
    county_keys = {normalise(c.name) for c in reference.counties()}
    with PLACES_CSV.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 349
    assert {r["kind"] for r in rows} == {"constituency", "sub_county", "county_hq"}
    assert sum(r["kind"] == "constituency" for r in rows) == 287  # 290 less 3 named as counties
    assert {r["county_code"] for r in rows} == codes
    assert not {normalise(r["name"]) for r in rows} & county_keys
    # A name that is a county alias is read as the county, never as its sub-county.
    for r in rows:
        m = match_county(r["name"])
        if m.ok:
            assert m.kind == "alias" and m.code == r["county_code"], (r, m)
        else:
            assert m.kind == "not_a_county" and m.suggestions[0] == county_name(
                r["county_code"]), (r, m)


def test_a_million_rows_match_fast():
    spellings = ["Nairobi", "Murang'a", "MOMBASA COUNTY", "047", "Kiambo", "Homabay",
                 "Rift Valley", "Kasarani", "Kis", "", "Elgeyo/Marakwet", "nairobi city"]
    rows = [spellings[i % len(spellings)] for i in range(1_000_000)]
    start = time.perf_counter()
    codes = [match_county(s).code for s in rows]
    elapsed = time.perf_counter() - start
    print(f"\n1,000,000 matches in {elapsed:.2f} s")
    assert codes[0] == "047" and codes[4] == "022"
    assert elapsed < 5.0


def test_aliases_seed_the_database(engine):
    """seed_reference fills county_aliases from alias_rows(); every row resolves."""
    with engine.connect() as conn:
        stored = conn.execute(sa.select(schema.county_aliases)).mappings().all()
    assert len(stored) == len(alias_rows())
    for row in stored:
        assert match_county(row["alias"]).code == row["county_code"]
    with engine.connect() as conn:
        code = conn.execute(
            sa.select(schema.county_aliases.c.county_code)
            .where(schema.county_aliases.c.alias_key == sa.bindparam("k")),
            {"k": normalise("Murang’a County")},
        ).scalar_one()
    assert code == "021"
