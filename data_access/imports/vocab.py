"""Controlled vocabularies as people write them: crime categories, themes, statuses,
institutions, attendance groups and concern origins.

Police tables print categories in capitals ("OFFENCES AGAINST MORALITY"), title case
("Theft of Stock"), with ampersands ("Vehicle & other thefts") or in the singular.
:func:`vocab_key` reduces all of these to one key; each vocabulary lists its codes, its
English and Kiswahili labels and the extra forms seen in real files. Anything else is
refused with the closest entries as suggestions: a wrong category is never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from data_access import reference

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`ʼ´"), None)


def _singular(token: str) -> str:
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def vocab_key(text: object) -> str:
    """Comparison key: accents and case dropped, "&" read as "and", punctuation and list
    numbering removed, each word in the singular ("Dangerous Drugs" → "dangerous drug")."""
    s = unicodedata.normalize("NFKD", str(text or ""))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = s.translate(_APOSTROPHES).replace("&", " and ")
    s = re.sub(r"^\s*(\d+|[ivx]+)[.)]\s+", "", s)  # "1. Homicide", "iv) Robbery"
    tokens = re.sub(r"[\W_]+", " ", s).split()
    return " ".join(_singular(t) for t in tokens)


@dataclass(frozen=True)
class Reading:
    """The answer for one cell: ``code`` when recognised, else a message and suggestions."""

    code: str | None
    message: str = ""
    suggestion: str = ""


class Vocabulary:
    """Codes with every accepted spelling; :meth:`read` matches one cell."""

    def __init__(self, what: str, spellings: dict[str, tuple[str, ...]],
                 labels: dict[str, str]) -> None:
        self.what = what
        self.labels = labels
        self._by_key: dict[str, str] = {}
        for code, forms in spellings.items():
            for form in (code, labels[code], *forms):
                key = vocab_key(form)
                owner = self._by_key.setdefault(key, code)
                if owner != code:
                    raise ValueError(f"{what}: {form!r} would mean both {owner} and {code}")
        self._keys = tuple(self._by_key)

    def read(self, text: str) -> Reading:
        """Match one cell (already stripped); "" gives a Reading without code or message."""
        if not text:
            return Reading(None)
        code = self._by_key.get(vocab_key(text))
        if code is not None:
            return Reading(code)
        found = process.extract(vocab_key(text), self._keys, scorer=fuzz.WRatio, limit=10)
        closest: list[str] = []
        for _key, _score, i in found:
            label = self.labels[self._by_key[self._keys[i]]]
            if label not in closest:
                closest.append(label)
        closest = closest[:3]
        return Reading(None, f"'{text}' is not a known {self.what}",
                       f"Did you mean: {' / '.join(closest)}?" if closest else "")

    def all_labels(self) -> str:
        """Every label, for messages."""
        return ", ".join(self.labels.values())


@lru_cache(maxsize=1)
def categories() -> Vocabulary:
    """The 17 police crime categories."""
    extra = {
        "theft_of_stock": ("stock theft", "livestock theft"),
        "breakings": ("house breaking", "housebreaking", "breaking and entering"),
        "criminal_damage": ("malicious damage", "malicious damage to property"),
        "robbery": ("robbery with violence",),
        "other_penal_code_offences": ("other penal code",),
        "offences_involving_police": ("offences involving police",),
        "vehicle_and_other_thefts": ("vehicles and other thefts", "vehicle thefts"),
    }
    spellings = {c.code: (c.name_sw, *extra.get(c.code, ())) for c in reference.CRIME_CATEGORIES}
    return Vocabulary("police crime category", spellings,
                      {c.code: c.name for c in reference.CRIME_CATEGORIES})


@lru_cache(maxsize=1)
def themes() -> Vocabulary:
    """The concern themes (controlled list)."""
    extra = {
        "violent_extremism": ("violent extremism", "radicalisation", "radicalization",
                              "extremism"),
        "drugs": ("drug abuse", "illicit brews", "substance abuse", "alcohol and drug abuse",
                  "narcotics", "drugs and substance abuse"),
        "land_disputes": ("land disputes", "land", "boundary disputes", "land and boundary"),
        "gbv": ("gbv", "sgbv", "gender based violence", "domestic violence",
                "sexual and gender based violence"),
        "cattle_rustling": ("rustling", "livestock rustling"),
        "banditry": ("banditry", "militia", "militia activity"),
        "illegal_mining": ("illegal mining activities",),
        "arms_smuggling": ("arms smuggling", "small arms", "illegal firearms",
                           "small arms and light weapons", "salw"),
        "human_trafficking": ("trafficking", "trafficking in persons"),
        "youth_gangs": ("youth gangs", "gangs", "urban crime", "criminal gangs"),
        "maritime_security": ("maritime", "maritime crime"),
        "id_delays": ("id delays", "registration delays", "id registration",
                      "identity card delays", "national id delays"),
        "police_conduct": ("police conduct", "police response", "response times",
                           "police response times"),
    }
    spellings = {t.code: (t.label_sw, *extra.get(t.code, ())) for t in reference.THEMES}
    return Vocabulary("concern theme", spellings, {t.code: t.label for t in reference.THEMES})


@lru_cache(maxsize=1)
def statuses() -> Vocabulary:
    """Commitment statuses."""
    extra = {
        "in_progress": ("ongoing", "on going", "in-progress"),
        "partly_fulfilled": ("partially fulfilled", "partly done", "partial"),
        "fulfilled": ("completed", "complete", "done"),
        "not_fulfilled": ("unfulfilled", "not done"),
        "not_started": ("not yet started",),
    }
    spellings = {code: (sw, *extra.get(code, ()))
                 for code, (_en, sw) in reference.COMMITMENT_STATUSES.items()}
    return Vocabulary("commitment status", spellings,
                      {code: en for code, (en, _sw) in reference.COMMITMENT_STATUSES.items()})


@lru_cache(maxsize=1)
def institutions() -> Vocabulary:
    """Responding institutions."""
    extra = {
        "nps": ("police", "kenya police", "kenya police service", "national police"),
        "dci": ("directorate of criminal investigation",),
        "ngao": ("national government administration", "county commissioner", "chiefs",
                 "national government administration officers"),
        "nctc": ("counter terrorism centre", "nctc"),
        "lands": ("ministry of lands", "national land commission", "nlc"),
        "nrb": ("national registration bureau", "immigration", "registration of persons"),
        "youth": ("youth affairs", "ministry of youth"),
        "gender": ("ministry of gender", "gender affairs"),
        "kcgs": ("coast guard", "kenya coast guard"),
        "county_gov": ("county", "county govt"),
        "roads": ("kenha", "kura", "kerra", "security roads"),
    }
    spellings = {i.code: (i.short_name, *extra.get(i.code, ())) for i in reference.INSTITUTIONS}
    return Vocabulary("institution", spellings,
                      {i.code: i.name for i in reference.INSTITUTIONS})


@lru_cache(maxsize=1)
def groups() -> Vocabulary:
    """Attendance groups (who raised a concern)."""
    extra = {
        "womens_groups": ("women", "women group"),
        "religious_leaders": ("religious", "clergy"),
        "officials": ("officials", "government"),
        "business": ("business", "traders"),
        "pwd": ("pwd", "persons with disability", "disabled"),
        "civil_society": ("csos", "cso", "ngo"),
    }
    spellings = {code: (sw, *extra.get(code, ()))
                 for code, (_en, sw) in reference.ATTENDANCE_GROUPS.items()}
    return Vocabulary("group", spellings,
                      {code: en for code, (en, _sw) in reference.ATTENDANCE_GROUPS.items()})


@lru_cache(maxsize=1)
def origins() -> Vocabulary:
    """Where a concern came from."""
    return Vocabulary("concern origin", {
        "forum": ("jukwaa", "town hall", "baraza la usalama"),
        "chief_report": ("chiefs report", "chief report", "chief's report"),
        "live_capture": ("live", "captured live"),
    }, {"forum": "forum", "chief_report": "chief_report", "live_capture": "live_capture"})
