"""The "about this number" definitions in Kiswahili (data_access.metrics.DEFINITIONS_SW).

- the Kiswahili catalogue has exactly the English keys, every text non-empty and not
  the English one, and ``definition(key, lang)`` returns the one of ``lang``;
- a translation changes words, never a rule: every number, every symbol of a formula
  (÷ × √ − ≈ φ ≥ < = + % …) and every code name of an English definition is in its
  Kiswahili one, as often;
- pages in Kiswahili show the Kiswahili definitions under their charts and in their
  KPI help, and no English one (AppTest on the shared demo database).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from data_access.metrics import DEFINITIONS, DEFINITIONS_SW, definition
from tests.apptest_helpers import problems, run_page

# Numbers as written: 100,000 · 2.5 · 2/3 · 10% · 0 (a "0 %" keeps its space in both).
NUMBER = re.compile(r"\d+(?:[.,/]\d+)*%?")
# Code names: `backticked` Markdown code, or snake_case identifiers (expected_from).
CODE = re.compile(r"`[^`]+`|\b[a-z]+(?:_[a-z0-9]+)+\b")
# The symbols of the formulas and of the public-screen notation.
SYMBOLS = "÷×√−≈φ≥<=+…—–%|"
ABOUT_SW = "Kuhusu takwimu hii"
ABOUT_EN = "About this number"


def _first_sentence(text: str) -> str:
    """The text up to its first full stop followed by a space (or all of it)."""
    return re.split(r"(?<=\.)\s", text, maxsplit=1)[0]


def test_same_keys_in_both_languages() -> None:
    assert set(DEFINITIONS_SW) == set(DEFINITIONS)
    assert len(DEFINITIONS) == 35  # guards against both being emptied alike


@pytest.mark.parametrize("key", sorted(DEFINITIONS))
def test_kiswahili_text_is_its_own(key: str) -> None:
    en, sw = DEFINITIONS[key], DEFINITIONS_SW[key]
    assert en.strip() and sw.strip()
    assert sw != en
    assert _first_sentence(en) not in sw  # not an English text with a word changed


@pytest.mark.parametrize("key", sorted(DEFINITIONS))
def test_definition_picks_the_language(key: str) -> None:
    assert definition(key, "sw") == DEFINITIONS_SW[key]
    assert definition(key, "en") == DEFINITIONS[key]
    assert definition(key) == DEFINITIONS[key]
    assert definition(key, "fr") == DEFINITIONS[key]  # an unknown language reads English


def test_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        definition("no_such_number", "sw")
    with pytest.raises(KeyError):
        definition("no_such_number")


def test_extractors_find_what_they_look_for() -> None:
    """The checks below would pass on nothing if the patterns found nothing."""
    assert NUMBER.findall(DEFINITIONS["rate"]) == ["100,000", "2019", "100,000", "2019"]
    assert "2/3" in NUMBER.findall(DEFINITIONS["emerging"])
    assert CODE.findall(DEFINITIONS["not_reporting"]) == ["expected_from", "expected_to"]
    assert CODE.findall("see `crime_agg` and `rate`") == ["`crime_agg`", "`rate`"]


@pytest.mark.parametrize("key", sorted(DEFINITIONS))
def test_numbers_symbols_and_code_names_are_unchanged(key: str) -> None:
    en, sw = DEFINITIONS[key], DEFINITIONS_SW[key]
    assert Counter(NUMBER.findall(sw)) == Counter(NUMBER.findall(en))
    assert Counter(c for c in sw if c in SYMBOLS) == Counter(c for c in en if c in SYMBOLS)
    assert not Counter(CODE.findall(en)) - Counter(CODE.findall(sw))


def test_known_translations() -> None:
    """The concepts read as the interface (ui/i18n.py) names them."""
    assert DEFINITIONS_SW["rate"].startswith("Kiwango kwa watu 100,000 = idadi ÷")
    assert DEFINITIONS_SW["concerns_raised"].startswith("Malalamiko yaliyotolewa =")
    assert "mabaraza ya Jukwaa la Usalama" in DEFINITIONS_SW["concerns_raised"]
    assert DEFINITIONS_SW["overdue"].startswith("Zilizopitwa na muda = zimethibitishwa")
    assert "ripoti za machifu" in DEFINITIONS_SW["compliance"]
    assert "hakuna data, kamwe si 0 %" in DEFINITIONS_SW["compliance"]
    assert "ahadi" in DEFINITIONS_SW["resolution"]


# --- pages ------------------------------------------------------------------------------

def _about_texts(at, label: str) -> list[str]:
    """The Markdown inside every "about this number" expander of the last run."""
    return [m.value for e in at.expander if e.label == label for m in e.markdown]


def _help_texts(at) -> list[str]:
    return [m.proto.help for m in at.metric if m.proto.help]


def _assert_no_english_definition(texts: list[str]) -> None:
    joined = "\n".join(texts)
    leaked = [k for k, en in DEFINITIONS.items() if _first_sentence(en) in joined]
    assert not leaked, f"English definitions on a Kiswahili page: {leaked}"


def test_overview_in_kiswahili(demo_sqlite_url: str, monkeypatch) -> None:
    at = run_page(demo_sqlite_url, monkeypatch, "overview.py", lang="sw")
    assert not problems(at), problems(at)
    about = _about_texts(at, ABOUT_SW)
    assert about, "no 'Kuhusu takwimu hii' expander on the Kiswahili Overview"
    assert not _about_texts(at, ABOUT_EN)
    joined = "\n".join(about)
    # The crime map: rate, coverage and precedence, in that order.
    assert (DEFINITIONS_SW["rate"] + "\n\n" + DEFINITIONS_SW["coverage"] + "\n\n"
            + DEFINITIONS_SW["precedence"]) in joined
    assert "Kiwango kwa watu 100,000 = idadi ÷ idadi ya watu ya sensa ya 2019" in joined
    assert DEFINITIONS_SW["resolution"] in joined
    _assert_no_english_definition(about)
    # The KPI cards' help reads Kiswahili too.
    helps = _help_texts(at)
    assert any(DEFINITIONS_SW["crime_count"] in h for h in helps)
    assert any(DEFINITIONS_SW["concerns_raised"] in h for h in helps)
    _assert_no_english_definition(helps)


def test_overview_in_english_keeps_english(demo_sqlite_url: str, monkeypatch) -> None:
    """The control: the same page in English shows the English texts."""
    at = run_page(demo_sqlite_url, monkeypatch, "overview.py")
    assert not problems(at), problems(at)
    joined = "\n".join(_about_texts(at, ABOUT_EN))
    assert DEFINITIONS["rate"] in joined
    assert DEFINITIONS_SW["rate"] not in joined


def test_chiefs_page_in_kiswahili(demo_sqlite_url: str, monkeypatch) -> None:
    at = run_page(demo_sqlite_url, monkeypatch, "chiefs.py", lang="sw")
    assert not problems(at), problems(at)
    about = _about_texts(at, ABOUT_SW)
    assert about, "no 'Kuhusu takwimu hii' expander on the Kiswahili Chiefs' reports page"
    joined = "\n".join(about)
    assert "Alama ya hisia (ya mpangilio, 1 = mbaya sana … 5 = nzuri sana)" in joined
    assert (DEFINITIONS_SW["compliance"] + "\n\n" + DEFINITIONS_SW["chief_months"]) in joined
    assert _first_sentence(DEFINITIONS["sentiment_median"]) not in joined
    _assert_no_english_definition(about)
