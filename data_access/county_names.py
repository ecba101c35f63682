"""One place that turns any real-world spelling of a Kenyan county into its code.

Files from ministries, police formations and chiefs spell counties many ways
("Murang'a", "MURANGA COUNTY", "047 Nairobi", "Elgeyo/Marakwet", "Homabay"). Every import,
filter and form goes through :func:`match_county`, which answers with a :class:`CountyMatch`:
a code when the county is certain, otherwise a reason and the closest county names.

Order of the checks (first hit wins):

1. empty placeholders ("", "N/A", "unknown") -> ``empty``;
2. numeric codes ("1", "001", "047 Nairobi") -> ``exact`` (a code and a name that disagree
   are refused as ``ambiguous``);
3. the county's own name -> ``exact``; a known spelling -> ``alias``. County names win over
   everything else, so "Nairobi" is the county although a region has the same name, and
   "Kiambu" is the county although a constituency has the same name;
4. regions / former provinces, national totals, sub-counties, constituencies, county
   headquarters towns and former districts -> ``not_a_county``, saying what the name is;
5. a misspelling with one clear best county (rapidfuzz) -> ``fuzzy``; two counties close
   in score -> ``ambiguous``; a close misspelling of a sub-county or region ->
   ``not_a_county``; anything else -> ``unknown``, always with the 3 closest counties.

Sub-county, constituency and headquarters names come from the bundled file
``data/constituencies.csv`` (derived from the MIT-licensed ``kenya-data`` package; see
geo/data/SOURCES.md). This module reads counties from :mod:`data_access.reference` and
never imports ``geo`` (layering: geo builds on data_access, not the other way round).
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from data_access import reference

PLACES_CSV = Path(__file__).resolve().parent / "data" / "constituencies.csv"

KINDS = ("exact", "alias", "fuzzy", "ambiguous", "unknown", "not_a_county", "empty")

# Fuzzy matching thresholds (rapidfuzz scores 0-100). A misspelling is accepted only when
# the best county scores at least FUZZY_ACCEPT and beats the runner-up by more than
# FUZZY_MARGIN; "Kiambo" -> Kiambu scores 83, while two real counties rarely come within
# 8 points of each other for the same typo unless the input is genuinely ambiguous.
FUZZY_ACCEPT = 80.0
FUZZY_MARGIN = 8.0
# A misspelt sub-county or region is named only when it is clearly closer than any county.
PLACE_ACCEPT = 85.0
PLACE_MIN_LENGTH = 6
SUGGESTIONS = 3


@dataclass(frozen=True)
class CountyMatch:
    """The answer for one spelling.

    ``code``/``name`` are set only when the county is certain enough to use
    (kinds ``exact``, ``alias`` and ``fuzzy``); ``suggestions`` lists county names,
    closest first; ``message`` is a sentence fit to show to the person who typed it.
    """

    query: str
    code: str | None
    name: str | None
    kind: str
    suggestions: tuple[str, ...]
    message: str

    @property
    def ok(self) -> bool:
        """True when the spelling resolved to one county."""
        return self.code is not None


# --------------------------------------------------------------------------- normalise

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`ʼ´′ʻ"), None)
_NON_WORD = re.compile(r"[\W_]+")

# Affixes that say "this is a county" but are not part of its name, as token tuples.
# English and Kiswahili ("Kaunti ya Nairobi", "Serikali ya Kaunti ya Mombasa").
_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("serikali", "ya", "kaunti", "ya"),
    ("the", "county", "government", "of"),
    ("county", "government", "of"),
    ("city", "county", "of"),
    ("county", "of"),
    ("kaunti", "ya"),
    ("county",),
    ("kaunti",),
    ("the",),
)
_SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("city", "county"),
    ("county", "government"),
    ("county", "council"),
    ("city", "council"),
    ("county",),
    ("city",),
    ("kaunti",),
)


def normalise(text: str) -> str:
    """Reduce a spelling to its comparison key.

    Unicode is decomposed and accents dropped, case folded, apostrophes removed
    ("Murang'a" -> "muranga"), other punctuation, hyphens and slashes turned into single
    spaces, "Mt" read as "Mount", and county affixes removed ("County Government of",
    "County", "City", "Kaunti ya"). Returns "" for text that holds nothing but
    punctuation or affixes.
    """
    if text is None:
        return ""
    s = unicodedata.normalize("NFKD", str(text))
    # Combining marks (accents) and format characters (zero-width spaces, BOMs) go.
    s = "".join(
        ch for ch in s if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
    s = s.casefold().translate(_APOSTROPHES)
    tokens = ["mount" if t == "mt" else t for t in _NON_WORD.sub(" ", s).split()]
    changed = True
    while changed and tokens:
        changed = False
        for affix in _PREFIXES:
            if tuple(tokens[: len(affix)]) == affix:
                tokens = tokens[len(affix):]
                changed = True
                break
        for affix in _SUFFIXES:
            if len(tokens) >= len(affix) and tuple(tokens[-len(affix):]) == affix:
                tokens = tokens[: -len(affix)]
                changed = True
                break
    return " ".join(tokens)


def _compact(key: str) -> str:
    """The key without spaces, so "Homabay" meets "Homa Bay"."""
    return key.replace(" ", "")


# ------------------------------------------------------------------ known vocabularies

# Spellings seen in real files, beyond the name in the county CSV. Spellings whose key
# equals the CSV name's key (Murang'a, Nairobi City, Tharaka Nithi, ...) need no entry.
_ALIASES: dict[str, tuple[str, ...]] = {
    "004": ("Tana",),
    "006": ("Taita", "Teita Taveta"),  # Teita: the colonial district's spelling
    "013": ("Tharaka", "Nithi"),
    "021": ("Fort Hall",),  # the colonial name of Murang'a
    "024": ("Pokot West",),
    "027": ("Wasin Gishu",),
    "028": ("Elgeyo", "Marakwet", "Keiyo", "Keiyo Marakwet"),
}
# Official forms that differ from the CSV name only in punctuation: the display spelling.
_OFFICIAL = {"021": "Murang'a"}

_REGION_NAMES: dict[str, tuple[str, ...]] = {
    "coast": ("Coast", "Pwani", "Coastal"),
    "north_eastern": ("North Eastern", "Northeastern", "North-Eastern", "NEP", "N Eastern",
                      "Kaskazini Mashariki"),
    "eastern": ("Eastern", "Mashariki", "Upper Eastern", "Lower Eastern"),
    "central": ("Central", "Kati"),
    "rift_valley": ("Rift Valley", "Riftvalley", "Rift", "Bonde la Ufa", "North Rift",
                    "South Rift", "Central Rift"),
    "western": ("Western", "Magharibi"),
    "nyanza": ("Nyanza",),
    "nairobi": ("Nairobi",),
}
# Words that turn a name into a region ("Coast Province", "Mkoa wa Pwani").
_REGION_PREFIXES = (("former",), ("mkoa", "wa"), ("kanda", "ya"))
_REGION_SUFFIXES = (("province",), ("region",), ("regional",), ("mkoa",), ("kanda",))

_TOTALS = frozenset({
    "total", "totals", "grand total", "sub total", "subtotal", "kenya", "national",
    "national total", "total kenya", "kenya total", "nationwide", "all", "all counties",
    "overall", "republic of kenya",
    "country", "whole country", "countrywide", "sum", "jumla", "jumla kuu", "kitaifa",
    "taifa", "kenya nzima",
})
_NOT_ONE_COUNTY = frozenset({
    "various", "multiple", "several", "several counties", "multiple counties", "other",
    "others", "other counties", "mixed",
})
_EMPTY = frozenset({
    "", "nan", "none", "null", "nil", "n a", "na", "unknown", "not known", "not stated",
    "unspecified", "not specified", "missing", "blank",
})

# Towns and former districts that people write in a county column, beyond the county
# headquarters in constituencies.csv. Each is unambiguously inside one county.
_CURATED_PLACES: tuple[tuple[str, str, str], ...] = (
    ("Thika", "022", "town"), ("Nanyuki", "031", "town"), ("Nyahururu", "031", "town"),
    ("Kakuma", "023", "town"), ("Lokichogio", "023", "town"), ("Lokichar", "023", "town"),
    ("Ngong", "034", "town"), ("Kitengela", "034", "town"), ("Ongata Rongai", "034", "town"),
    ("Kiserian", "034", "town"), ("Namanga", "034", "town"), ("Magadi", "034", "town"),
    ("Mtwapa", "003", "town"), ("Watamu", "003", "town"), ("Ukunda", "002", "town"),
    ("Diani", "002", "town"), ("Kibera", "047", "town"), ("Eastleigh", "047", "town"),
    ("Karen", "047", "town"), ("Mumias", "037", "town"), ("Webuye", "039", "town"),
    ("Chwele", "039", "town"), ("Maua", "012", "town"), ("Nkubu", "012", "town"),
    ("Kehancha", "044", "town"), ("Isebania", "044", "town"), ("Ahero", "042", "town"),
    ("Mwingi", "015", "town"), ("Kibwezi", "017", "town"), ("Karatina", "019", "town"),
    ("Kenol", "021", "town"), ("Litein", "035", "town"), ("Witu", "005", "town"),
    ("Mpeketoni", "005", "town"), ("Elwak", "009", "town"), ("Rhamu", "009", "town"),
    ("Habaswein", "008", "town"), ("Sololo", "010", "town"), ("Kapsowar", "028", "town"),
    ("Ogembo", "045", "town"), ("Oyugis", "043", "town"), ("Kendu Bay", "043", "town"),
    ("Yala", "041", "town"), ("Port Victoria", "040", "town"), ("Malaba", "040", "town"),
    ("Trans Mara", "033", "district"), ("Transmara", "033", "district"),
    ("Kuria", "044", "district"), ("Teso", "040", "district"), ("Gucha", "045", "district"),
    ("East Pokot", "030", "district"), ("Mbeere", "014", "district"),
    ("Nyambene", "012", "district"), ("Mount Elgon", "039", "district"),
)
# Names that point at more than one county. Pokot land spans West Pokot and Baringo
# (East Pokot / Tiaty), so a bare "Pokot" must not be guessed.
_AMBIGUOUS_NAMES: dict[str, tuple[str, ...]] = {
    "pokot": ("024", "030"),
}
_PLACE_WORDS = {
    "constituency": "a sub-county of {county}",
    "sub_county": "a sub-county of {county}",
    "county_hq": "the headquarters town of {county}",
    "town": "a town in {county}",
    "district": "a former district, now part of {county}",
}


@dataclass(frozen=True)
class _Outcome:
    """A cached answer for one normalised key; ``template`` holds "{q}" for the query."""

    code: str | None
    kind: str
    suggestions: tuple[str, ...]
    template: str


@dataclass(frozen=True)
class _Index:
    names: dict[str, str]                       # code -> county name
    exact: dict[str, str]                       # key of the county's own name -> code
    alias: dict[str, str]                       # any other known key -> code
    compact: dict[str, str]                     # compact key -> code
    alias_rows: tuple[dict, ...]
    regions: dict[str, str]                     # key -> region code
    region_counties: dict[str, tuple[str, ...]]  # region code -> county codes
    region_names: dict[str, str]                # region code -> display name
    places: dict[str, tuple[str, str, str]]     # key or compact key -> (name, code, kind)
    fuzzy_compact: tuple[str, ...]              # choice strings for rapidfuzz ...
    fuzzy_spaced: tuple[str, ...]
    fuzzy_codes: tuple[str, ...]                # ... and the county code of each
    other_keys: tuple[str, ...]                 # sub-county/region keys for near misses
    other_what: tuple[tuple[str, str | None], ...]  # ("Kasarani, a sub-county of Nairobi",
                                                    #  its county code or None)


def _read_places() -> list[tuple[str, str, str]]:
    with PLACES_CSV.open(newline="", encoding="utf-8") as fh:
        rows = [(r["name"], r["county_code"], r["kind"]) for r in csv.DictReader(fh)]
    return rows + list(_CURATED_PLACES)


@lru_cache(maxsize=1)
def _index() -> _Index:
    counties = reference.counties()
    names = {c.code: c.name for c in counties}
    exact = {normalise(c.name): c.code for c in counties}
    alias: dict[str, str] = {}
    rows: list[dict] = []

    def add_alias(spelling: str, code: str) -> None:
        key = normalise(spelling)
        owner = exact.get(key, alias.get(key))
        if owner is not None and owner != code:
            raise ValueError(f"County alias {spelling!r} is claimed by {owner} and {code}")
        if key not in exact:
            alias[key] = code
        if all(r["alias_key"] != key for r in rows):
            rows.append({"alias_key": key, "alias": spelling, "county_code": code})

    for c in counties:
        add_alias(_OFFICIAL.get(c.code, c.name), c.code)
    for code, spellings in _ALIASES.items():
        for spelling in spellings:
            add_alias(spelling, code)
    # Run-together spellings of multi-word names ("Homabay", "Uasingishu").
    for c in counties:
        if " " in normalise(c.name):
            joined = re.sub(r"[\W_]+", "", c.name)
            add_alias(joined[0] + joined[1:].lower(), c.code)
    # Codes as written in files: "1", "01", "001".
    for c in counties:
        n = int(c.code)
        for spelling in dict.fromkeys((str(n), f"{n:02d}", c.code)):
            rows.append({"alias_key": spelling, "alias": spelling, "county_code": c.code})

    compact: dict[str, str] = {}
    for key, code in list(exact.items()) + list(alias.items()):
        compact.setdefault(_compact(key), code)

    region_names = {r.code: r.name for r in reference.REGIONS}
    region_counties: dict[str, list[str]] = {r.code: [] for r in reference.REGIONS}
    for c in counties:
        region_counties[c.region_code].append(c.code)
    regions: dict[str, str] = {}
    for region_code, spellings in _REGION_NAMES.items():
        for spelling in spellings:
            regions[normalise(spelling)] = region_code
    for r in reference.REGIONS:
        regions[normalise(r.name_sw)] = r.code

    places: dict[str, tuple[str, str, str]] = {}
    for name, code, kind in _read_places():
        key = normalise(name)
        # A sub-county spelt like a county (Kiambu, Tharaka) is read as the county.
        if key in exact or key in alias or _compact(key) in compact:
            continue
        for k in (key, _compact(key)):
            places.setdefault(k, (name, code, kind))

    choices = [(k, code) for k, code in list(exact.items()) + list(alias.items())]
    other: dict[str, tuple[str, str | None]] = {}
    for key, (name, code, kind) in places.items():
        if key == normalise(name):  # the spelling itself, not its compact twin
            desc = _PLACE_WORDS[kind].format(county=names[code])
            other.setdefault(key, (f"{name}, {desc}", code))
    for key, region_code in regions.items():
        if key not in exact:
            other.setdefault(key, (f"{region_names[region_code]}, a region", None))

    return _Index(
        names=names,
        exact=exact,
        alias=alias,
        compact=compact,
        alias_rows=tuple(rows),
        regions=regions,
        region_counties={k: tuple(v) for k, v in region_counties.items()},
        region_names=region_names,
        places=places,
        fuzzy_compact=tuple(_compact(k) for k, _ in choices),
        fuzzy_spaced=tuple(k for k, _ in choices),
        fuzzy_codes=tuple(code for _, code in choices),
        other_keys=tuple(other),
        other_what=tuple(other.values()),
    )


# ------------------------------------------------------------------------ matching

def _strip_tokens(key: str, prefixes, suffixes) -> str:
    tokens = key.split()
    for affix in prefixes:
        if len(tokens) > len(affix) and tuple(tokens[: len(affix)]) == affix:
            tokens = tokens[len(affix):]
    for affix in suffixes:
        if len(tokens) > len(affix) and tuple(tokens[-len(affix):]) == affix:
            tokens = tokens[: -len(affix)]
    return " ".join(tokens)


def _county_scores(key: str) -> list[tuple[float, str]]:
    """Best score per county for ``key``, highest first (ties broken by code)."""
    ix = _index()
    best: dict[str, float] = {}
    compact = _compact(key)
    for choices, query, scorer in (
        (ix.fuzzy_compact, compact, fuzz.ratio),
        (ix.fuzzy_spaced, key, fuzz.token_sort_ratio),
    ):
        for _choice, score, i in process.extract(query, choices, scorer=scorer, limit=None):
            code = ix.fuzzy_codes[i]
            if score > best.get(code, -1.0):
                best[code] = score
    return sorted(((s, c) for c, s in best.items()), key=lambda sc: (-sc[0], sc[1]))


def _names(codes) -> tuple[str, ...]:
    names = _index().names
    return tuple(names[c] for c in codes)


def _by_code(code: str) -> _Outcome:
    return _Outcome(code, "exact", (), f"'{{q}}' is {_index().names[code]} (code {code})")


def _numeric(key: str) -> _Outcome | None:
    """Codes alone ("47", "047") or beside a name ("047 Nairobi", "Nairobi 47")."""
    m = re.fullmatch(r"(\d{1,3})(?: (.+))?", key) or re.fullmatch(r"(.+?) (\d{1,3})", key)
    if m is None:
        return None
    if key[0].isdigit():
        number, rest = m.group(1), m.group(2)
    else:
        rest, number = m.group(1), m.group(2)
    n = int(number)
    ix = _index()
    by_name = _match_key(rest) if rest is not None else None
    if not 1 <= n <= len(ix.names):
        last = f"{len(ix.names):03d}"
        if by_name is None or by_name.code is None:
            return _Outcome(None, "unknown", (),
                            f"'{{q}}': {number} is not a county code (codes run 001 to {last})")
        named = ix.names[by_name.code]
        return _Outcome(None, "ambiguous", (named,),
                        f"'{{q}}': {number} is not a county code (codes run 001 to {last}) "
                        f"but the name says {named}; check the row")
    code = f"{n:03d}"
    if by_name is None:
        return _by_code(code)
    if by_name.code == code:
        return _Outcome(code, "exact" if by_name.kind == "exact" else "alias", (),
                        f"'{{q}}' read as {ix.names[code]} (code {code})")
    named = ix.names[by_name.code] if by_name.code else None
    if named is None:
        return _Outcome(None, "ambiguous", (ix.names[code],),
                        f"'{{q}}': code {code} is {ix.names[code]} but the name does not "
                        f"match it; check the row")
    return _Outcome(None, "ambiguous", (ix.names[code], named),
                    f"'{{q}}': code {code} is {ix.names[code]} but the name says {named}")


def _not_a_county(key: str) -> _Outcome | None:
    ix = _index()
    if key in _TOTALS:
        return _Outcome(None, "not_a_county", (),
                        "'{q}' is a national or total figure, not a county")
    if key in _NOT_ONE_COUNTY:
        return _Outcome(None, "not_a_county", (), "'{q}' does not name one county")
    region_key = _strip_tokens(key, _REGION_PREFIXES, _REGION_SUFFIXES)
    region_code = ix.regions.get(region_key) or ix.regions.get(key)
    if region_code is not None:
        members = ix.region_counties[region_code]
        region = ix.region_names[region_code]
        if len(members) == 1:  # Nairobi region is Nairobi county, one and the same area
            name = ix.names[members[0]]
            return _Outcome(members[0], "alias", (),
                            f"'{{q}}' read as {name} (the {region} region is one county)")
        return _Outcome(None, "not_a_county", (),
                        f"'{{q}}' is a region, not a county ({region} has "
                        f"{len(members)} counties)")
    place = ix.places.get(key) or ix.places.get(_compact(key))
    if place is not None:
        name, code, kind = place
        what = _PLACE_WORDS[kind].format(county=ix.names[code])
        return _Outcome(None, "not_a_county", (ix.names[code],),
                        f"'{{q}}' is {what}, not a county")
    return None


def _fuzzy(key: str) -> _Outcome:
    ix = _index()
    scores = _county_scores(key)
    compact = _compact(key)
    top = _names(c for _, c in scores[:SUGGESTIONS])

    if len(compact) >= 3:
        starts: dict[str, int] = {}
        for choice, code in zip(ix.fuzzy_compact, ix.fuzzy_codes):
            if choice.startswith(compact) and not choice.isdigit():
                starts[code] = min(starts.get(code, 10**6), len(choice))
        if len(starts) >= 2:
            ranked = [c for _, c in scores if c in starts][:SUGGESTIONS]
            names = _names(ranked)
            return _Outcome(None, "ambiguous", names,
                            f"'{{q}}' is ambiguous: {', '.join(names)}?")
        # A unique beginning long enough to mean something: "Mach" -> Machakos.
        if len(starts) == 1:
            (code, length), = starts.items()
            if len(compact) >= 4 and 2 * len(compact) >= length:
                return _Outcome(code, "fuzzy", (ix.names[code],),
                                f"'{{q}}' read as {ix.names[code]} (closest match)")

    best, best_code = scores[0]
    second = scores[1][0] if len(scores) > 1 else 0.0
    if best >= FUZZY_ACCEPT:
        if best - second > FUZZY_MARGIN:
            return _Outcome(best_code, "fuzzy", top,
                            f"'{{q}}' read as {ix.names[best_code]} (closest match)")
        close = _names(c for s, c in scores[:SUGGESTIONS] if best - s <= FUZZY_MARGIN)
        return _Outcome(None, "ambiguous", close, f"'{{q}}' is ambiguous: {', '.join(close)}?")

    # A near miss of a sub-county or region says so rather than offering far-off counties.
    # Short inputs are left out: "Meri" is likelier Meru than the sub-county Merti.
    near = process.extractOne(key, ix.other_keys, scorer=fuzz.ratio)
    if (near is not None and len(compact) >= PLACE_MIN_LENGTH and near[1] >= PLACE_ACCEPT
            and near[1] > best):
        what, parent = ix.other_what[near[2]]
        return _Outcome(None, "not_a_county", _names([parent]) if parent else (),
                        f"'{{q}}' looks like {what}, not a county")
    return _Outcome(None, "unknown", top,
                    f"'{{q}}' is not a Kenyan county; closest: {', '.join(top)}")


@lru_cache(maxsize=8192)
def _match_key(key: str) -> _Outcome:
    """Match one normalised key (cached: imports repeat the same few spellings)."""
    ix = _index()
    if key in _EMPTY:
        return _Outcome(None, "empty", (), "No county given ('{q}')")
    numeric = _numeric(key)
    if numeric is not None:
        return numeric
    if key in _AMBIGUOUS_NAMES:
        names = _names(_AMBIGUOUS_NAMES[key])
        return _Outcome(None, "ambiguous", names,
                        f"'{{q}}' is ambiguous: {', '.join(names)}?")
    if key in ix.exact:
        code = ix.exact[key]
        return _Outcome(code, "exact", (), f"'{{q}}' is {ix.names[code]}")
    code = ix.alias.get(key) or ix.compact.get(_compact(key))
    if code is not None:
        return _Outcome(code, "alias", (), f"'{{q}}' read as {ix.names[code]} (known spelling)")
    return _not_a_county(key) or _fuzzy(key)


def _shown(text: str) -> str:
    shown = " ".join(text.split())
    return shown if len(shown) <= 60 else shown[:59] + "…"


@lru_cache(maxsize=16384)
def _match_text(text: str) -> CountyMatch:
    outcome = _match_key(normalise(text))
    ix = _index()
    shown = _shown(text)
    message = outcome.template.replace("{q}", shown) if shown else "No county given"
    return CountyMatch(
        query=text,
        code=outcome.code,
        name=ix.names[outcome.code] if outcome.code else None,
        kind=outcome.kind,
        suggestions=outcome.suggestions,
        message=message,
    )


def _as_text(value) -> str:
    """Cells from pandas/openpyxl: None and NaN are empty, 47.0 is the code 47."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value)


_EXCEL_INTEGER = re.compile(r"\s*(\d{1,3})\.0+\s*")


def match_county(text: str) -> CountyMatch:
    """Read one spelling of a county; see the module docstring for the rules.

    Fast for repeated values (cached on the raw text and on the normalised key), so it
    can be called once per imported row. Accepts non-string cells too (None, NaN, 47.0).
    """
    if not isinstance(text, str):
        text = _as_text(text)
    elif (m := _EXCEL_INTEGER.fullmatch(text)) is not None:  # "47.0" from a spreadsheet
        text = m.group(1)
    return _match_text(text)


def alias_rows() -> list[dict]:
    """Every known spelling as rows {alias_key, alias, county_code} for table county_aliases.

    ``alias_key`` is :func:`normalise` of the spelling and unique; ``alias`` is the spelling
    as people write it. Includes each county's own name and its codes ("1", "01", "001").
    """
    return [dict(r) for r in _index().alias_rows]


def county_name(code: str) -> str:
    """The county's name for a code ("047", "47" or 47); ValueError for a non-code."""
    names = _index().names
    key = str(code).strip().zfill(3)
    if key not in names:
        raise ValueError(f"{code!r} is not a county code (codes run 001 to {len(names):03d})")
    return names[key]
