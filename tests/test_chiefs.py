"""Chiefs' reporting compliance, sentiment and top themes on a known fixture.

Fixture (Q1 2024), worked by hand:

- Mombasa (001)
  - L1 expected from Jan 2024, open-ended; reports Jan (sentiment 2, drugs) and
    Feb (4, drugs); no March report.
  - L2 expected in February only; reports Feb (5, gbv) and, late, Mar (3, land).
  - L3 expected from 15 Feb (mid-month: February counts), closed end of March;
    reports Feb (1, drugs), Mar (2, land).
  Expected location-months: Jan 1, Feb 3, Mar 2 = 6. On schedule: Jan 1, Feb 3, Mar 1 = 5
  (L2's March report is outside its window). Reports received: 6.
  Compliance = 5/6; scores 1, 2, 2, 3, 4, 5: median 2 (the lower middle score), low
  scores (1–2) 3 of 6.
- West Pokot (024): L4 expected from Jan; reports Jan (3, cattle_rustling) only.
  Expected 3, on schedule 1: compliance 1/3, median 3, no low score.
- No report for April 2024 anywhere: April holds no chiefs' data (L1, L3 → no, L1 and
  L4 are still expected then), so a period running into April leaves it out.

The sentiment score is ordinal: every function gives its median and low-score share,
never a mean (the old ``sentiment_mean`` column is gone).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import schema as s
from data_access.chiefs import (
    chiefs_by_county,
    chiefs_compliance,
    chiefs_monthly,
    chiefs_period_summary,
    chiefs_sentiment,
    chiefs_top_themes,
    month_starts,
)
from data_access.engine import bump_data_version, new_source
from data_access.figures.scope import Audience
from data_access.privacy import NotForPublic, shown_text

Q1 = {"start": dt.date(2024, 1, 1), "end": dt.date(2024, 3, 31)}
INTERNAL = {"audience": Audience.INTERNAL}
PUBLIC = {"audience": Audience.PUBLIC}


@pytest.fixture
def chiefs(engine: sa.Engine) -> sa.Engine:
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="chief-reports", name="fixture")
        conn.execute(s.chief_locations.insert(), [
            {"id": 1, "county_code": "001", "sub_county": "Mvita", "location": "L1",
             "expected_from": dt.date(2024, 1, 1), "expected_to": None, "source_id": src},
            {"id": 2, "county_code": "001", "sub_county": "Mvita", "location": "L2",
             "expected_from": dt.date(2024, 2, 1), "expected_to": dt.date(2024, 2, 1),
             "source_id": src},
            {"id": 3, "county_code": "001", "sub_county": "Likoni", "location": "L3",
             "expected_from": dt.date(2024, 2, 15), "expected_to": dt.date(2024, 3, 31),
             "source_id": src},
            {"id": 4, "county_code": "024", "sub_county": "Kapenguria", "location": "L4",
             "expected_from": dt.date(2024, 1, 1), "expected_to": None, "source_id": src},
        ])
        reports = [
            (1, 1, 2, "drugs", 2, 120, 1), (1, 2, 4, "drugs", 1, 80, 0),
            (2, 2, 5, "gbv", 0, 0, 2), (2, 3, 3, "land_disputes", 1, 40, 0),
            (3, 2, 1, "drugs", 3, 300, 4), (3, 3, 2, "land_disputes", 2, 90, 1),
            (4, 1, 3, "cattle_rustling", 1, 60, 5),
        ]
        conn.execute(s.chief_reports.insert(), [
            {"location_id": loc, "month": dt.date(2024, m, 1), "sentiment": sent,
             "top_theme_code": theme, "barazas_held": b, "attendance": a,
             "incidents_noted": i, "notes": "free text that must never reach a public screen",
             "source_id": src}
            for loc, m, sent, theme, b, a, i in reports
        ])
        bump_data_version(conn)
    return engine


def by_county(engine, **kw) -> pd.DataFrame:
    return chiefs_by_county(engine=engine, **{**Q1, **INTERNAL, **kw}).set_index("county_code")


# The sentiment column was the mean (17/6 for Mombasa); the score is ordinal, so it is
# now the median with the share of low scores.
@pytest.mark.parametrize(("code", "reports", "expected", "on_schedule", "compliance",
                          "median", "low_share"), [
    ("001", 6, 6, 5, 5 / 6, 2.0, 3 / 6),
    ("024", 1, 3, 1, 1 / 3, 3.0, 0.0),
    ("047", 0, 0, math.nan, math.nan, math.nan, math.nan),  # nothing expected: no data
])
def test_compliance_and_sentiment_per_county(chiefs, code, reports, expected, on_schedule,
                                             compliance, median, low_share):
    row = by_county(chiefs).loc[code]
    assert (row["reports"], row["expected"]) == (reports, expected)
    for got, want in ((row["on_schedule"], on_schedule), (row["compliance"], compliance),
                      (row["median"], median), (row["low_share"], low_share)):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want)
    assert "sentiment_mean" not in by_county(chiefs).columns


def test_every_county_in_scope_is_listed(chiefs):
    assert len(by_county(chiefs)) == 47
    assert list(by_county(chiefs, county_codes=("024", "001")).index) == ["001", "024"]


def test_one_month_period(chiefs):
    row = by_county(chiefs, start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31)).loc["001"]
    # March: L1 and L3 expected (2); L3 reported on schedule, L2's report is late.
    assert (row["reports"], row["expected"], row["on_schedule"]) == (2, 2, 1)
    assert row["compliance"] == pytest.approx(0.5)
    assert row["median"] == 2.0  # scores 3 and 2: the lower middle one (the mean was 2.5)


def test_monthly_series_for_a_county(chiefs):
    out = chiefs_monthly(engine=chiefs, **Q1, county_codes=("001",), **INTERNAL)
    assert list(out["month"]) == list(pd.date_range("2024-01-01", "2024-03-01", freq="MS"))
    assert list(out["reports"]) == [1, 3, 2]
    assert list(out["expected"]) == [1, 3, 2]
    assert list(out["on_schedule"]) == [1, 3, 1]
    assert list(out["compliance"]) == pytest.approx([1.0, 1.0, 0.5])
    # Medians (Feb: 4, 5, 1 → 4), not the means 2, 10/3, 2.5 this test used to pin.
    assert list(out["median"]) == [2.0, 4.0, 2.0]
    assert list(out["low_share"]) == pytest.approx([1.0, 1 / 3, 0.5])
    assert list(out["rated"]) == [1, 3, 2]
    assert list(out["barazas_held"]) == [2, 4, 3]
    assert list(out["attendance"]) == [120, 380, 130]
    assert list(out["incidents_noted"]) == [1, 6, 1]
    # Feb: drugs named twice, gbv once; Mar: land disputes twice.
    assert list(out["top_theme_code"]) == ["drugs", "drugs", "land_disputes"]
    assert out["top_theme_sw"].iloc[2] == "Migogoro ya ardhi na mipaka"


def test_monthly_series_for_the_nation_sums_counties(chiefs):
    out = chiefs_monthly(engine=chiefs, **Q1, **INTERNAL)
    assert list(out["reports"]) == [2, 3, 2]
    assert list(out["expected"]) == [2, 4, 3]
    assert list(out["compliance"]) == pytest.approx([1.0, 0.75, 1 / 3])
    # January tie (drugs 1, cattle rustling 1): the theme listed first wins.
    assert out["top_theme_code"].iloc[0] == "drugs"


def test_top_themes(chiefs):
    out = chiefs_top_themes(engine=chiefs, **Q1, county_codes=("001",), **INTERNAL)
    assert list(out["theme_code"]) == ["drugs", "land_disputes", "gbv"]
    assert list(out["reports_display"]) == ["3", "2", "<5"]  # gbv is sensitive: always hidden
    assert out["share"].iloc[0] == pytest.approx(3 / 6)
    assert math.isnan(out["reports"].iloc[2]) and math.isnan(out["share"].iloc[2])


def test_public_mode_hides_small_counts_and_what_they_give_away(chiefs):
    row = by_county(chiefs, **PUBLIC).loc["024"]
    assert math.isnan(row["reports"]) and row["reports_display"] == "<5"
    assert math.isnan(row["compliance"]) and math.isnan(row["median"])
    # Mombasa's months hold 1, 3 and 2 reports: three hidden cells, so its 6 reports read
    # as what three hidden months allow (3 to 12), never 6; compliance and sentiment are
    # over the months shown, and none is.
    row = by_county(chiefs, **PUBLIC).loc["001"]
    assert (row["reports"], row["reports_hidden"]) == (7.5, 3)
    assert row["reports_display"] == shown_text(7.5, 3) == "3–12"
    assert math.isnan(row["compliance"]) and math.isnan(row["median"])
    assert math.isnan(row["low_share"]) and row["compliance_status"] == "hidden"
    monthly = chiefs_monthly(engine=chiefs, **Q1, county_codes=("001",), **PUBLIC)
    assert monthly["reports"].isna().all()  # 1, 3 and 2 reports: all under 5
    assert monthly["top_theme"].isna().all() and monthly["attendance"].isna().all()
    assert not {"notes", "location", "sub_county"} & set(monthly.columns)


def test_public_compliance_and_sentiment_use_the_months_shown(engine):
    """A month of 30 reports is shown, a month of 2 is hidden: the county's compliance
    and sentiment are the shown month's, whatever the hidden month holds."""
    def build(late_reports: int) -> dict:
        with engine.begin() as conn:
            conn.execute(s.chief_reports.delete())
            conn.execute(s.chief_locations.delete())
            src = new_source(conn, kind="import", dataset="chief-reports", name="fixture")
            conn.execute(s.chief_locations.insert(), [
                {"id": i, "county_code": "008", "sub_county": "Wajir East",
                 "location": f"W{i}", "expected_from": dt.date(2024, 1, 1),
                 "expected_to": None, "source_id": src} for i in range(1, 31)])
            conn.execute(s.chief_reports.insert(), [
                {"location_id": i, "month": dt.date(2024, 1, 1), "sentiment": 4,
                 "source_id": src} for i in range(1, 31)] + [
                {"location_id": i, "month": dt.date(2024, 2, 1), "sentiment": 1,
                 "source_id": src} for i in range(1, late_reports + 1)])
            bump_data_version(conn)
        row = chiefs_by_county(engine=engine, start=dt.date(2024, 1, 1),
                               end=dt.date(2024, 2, 29), county_codes=("008",),
                               **PUBLIC).iloc[0]
        return {c: row[c] for c in ("reports", "reports_hidden", "reports_display",
                                    "compliance", "median", "low_share", "expected")}

    two, four = build(2), build(4)
    assert two == four
    # 30 + one hidden month counted as 2.5, read as the shown text of such a total.
    assert (two["reports"], two["reports_hidden"]) == (32.5, 1)
    assert two["reports_display"] == shown_text(32.5, 1) == "≈35"
    assert two["compliance"] == pytest.approx(30 / 30)  # January: 30 of 30 expected
    assert two["median"] == 4.0 and two["low_share"] == 0.0
    assert two["expected"] == 60  # locations expected are not hidden


def _wajir(engine, land_reports: int) -> None:
    """Wajir (008), March 2024: five chiefs name drugs, ``land_reports`` land disputes,
    one banditry and one cattle rustling."""
    themes = (["drugs"] * 5 + ["land_disputes"] * land_reports + ["banditry",
                                                                  "cattle_rustling"])
    with engine.begin() as conn:
        src = new_source(conn, kind="import", dataset="chief-reports", name="wajir")
        conn.execute(s.chief_locations.insert(), [
            {"id": 100 + i, "county_code": "008", "sub_county": "Wajir East",
             "location": f"W{i}", "expected_from": dt.date(2024, 1, 1), "expected_to": None,
             "source_id": src} for i in range(len(themes))])
        conn.execute(s.chief_reports.insert(), [
            {"location_id": 100 + i, "month": dt.date(2024, 3, 1), "sentiment": 3,
             "top_theme_code": theme, "notes": "private", "source_id": src}
            for i, theme in enumerate(themes)])
        bump_data_version(conn)


def test_wajir_theme_shares_are_not_shown_in_public(engine):
    """Percentage shares: chiefs' themes, Wajir: 5 = 62.5%. Drugs 5 of the 8 reports
    naming a theme gave the total (8) and with it the three hidden themes (1 each).
    Chiefs' themes are now internal only (concerns are public by region only): the public
    audience gets no top themes, no shares and no month's top theme; internal screens keep
    the true shares."""
    _wajir(engine, land_reports=1)
    internal = chiefs_top_themes(engine=engine, **Q1, county_codes=("008",), **INTERNAL)
    assert internal["theme_code"].iloc[0] == "drugs"
    assert internal["share"].iloc[0] == pytest.approx(5 / 8)  # 62.5%, internal only
    assert internal["reports_display"].tolist()[:1] == ["5"]
    for county_codes in (("008",), ()):
        with pytest.raises(NotForPublic):
            chiefs_top_themes(engine=engine, **Q1, county_codes=county_codes, **PUBLIC)
    monthly = chiefs_monthly(engine=engine, **Q1, county_codes=("008",), **PUBLIC)
    assert monthly[["top_theme_code", "top_theme", "top_theme_sw"]].isna().all().all()
    # Sentiment and compliance stay (county × month report counts): March's 8 reports.
    assert monthly["reports_display"].tolist() == ["0", "0", "8"]
    assert monthly["median"].iloc[2] == 3.0
    # January and February hold no chiefs' report anywhere: no compliance (it was 0 %).
    assert monthly["compliance"].iloc[:2].isna().all()
    assert monthly["compliance_status"].tolist()[:2] == ["no_month_data"] * 2
    internal_monthly = chiefs_monthly(engine=engine, **Q1, county_codes=("008",), **INTERNAL)
    assert internal_monthly["top_theme_code"].tolist()[2] == "drugs"


JAN_APR = {"start": dt.date(2024, 1, 1), "end": dt.date(2024, 4, 30)}


def test_a_month_with_no_report_anywhere_is_left_out_of_the_period(chiefs):
    """April 2024 holds no chief's report anywhere (not yet imported). The county figures
    used to count L1's and L4's April as expected and missed (Mombasa 5/7, West Pokot
    1/4: April read as 0 %); the Chiefs' reports page called April no data. One rule
    now: April is left out of both sums, on every page."""
    row = by_county(chiefs, **JAN_APR)
    assert row.loc["001", "compliance"] == pytest.approx(5 / 6)  # was 5/7
    assert row.loc["024", "compliance"] == pytest.approx(1 / 3)  # was 1/4
    assert (row.loc["001", "expected"], row.loc["024", "expected"]) == (6, 3)  # Q1's
    assert row.loc["001", "compliance_status"] == "reported"
    april = by_county(chiefs, start=dt.date(2024, 4, 1), end=dt.date(2024, 4, 30))
    assert april["compliance"].isna().all() and april["median"].isna().all()
    assert set(april["compliance_status"]) == {"no_month_data"}
    monthly = chiefs_monthly(engine=chiefs, **JAN_APR, county_codes=("001",), **INTERNAL)
    assert math.isnan(monthly["compliance"].iloc[3]) and math.isnan(monthly["median"].iloc[3])
    assert monthly["compliance_status"].iloc[3] == "no_month_data"


@pytest.mark.parametrize("audience", [Audience.INTERNAL, Audience.PUBLIC])
@pytest.mark.parametrize("period", [Q1, JAN_APR, {"start": dt.date(2024, 3, 1),
                                                  "end": dt.date(2024, 3, 31)}])
def test_period_figures_are_those_of_the_chiefs_page(chiefs, audience, period):
    """The county profile (``chiefs_period_summary``, by area), Hotspots and the Compare
    ranking (``chiefs_by_county``) give a county the compliance of the Chiefs' reports
    page (``chiefs_compliance``): Σ on_schedule ÷ Σ expected over the months it gives a
    figure for; in a one-month period, its very figure and median. (Public: a period
    total that reads "<5" or a range gives no compliance at all, status "hidden".)"""
    kw = {**period, "audience": audience, "engine": chiefs}
    counties = chiefs_by_county(**kw).set_index("county_code")
    page = chiefs_compliance(**kw, county_codes=("001", "024"), by="county")
    for code in ("001", "024"):
        months = page[(page["area_code"] == code) & page["compliance"].notna()]
        profile = chiefs_period_summary(**kw, county_codes=(code,), by="area").iloc[0]
        assert profile["compliance_status"] == counties.loc[code, "compliance_status"]
        for got in (counties.loc[code, "compliance"], profile["compliance"]):
            if months.empty or profile["compliance_status"] == "hidden":
                assert math.isnan(got)
            else:
                assert got == pytest.approx(months["on_schedule"].sum()
                                            / months["expected"].sum())
        if period["start"].month == period["end"].month:
            sent = chiefs_sentiment(**kw, county_codes=(code,), by="area").iloc[0]
            for col in ("median", "low_share", "rated"):
                assert profile[col] == sent[col] or (math.isnan(profile[col])
                                                     and math.isnan(sent[col]))


def test_audience_is_required(chiefs):
    for call in (chiefs_by_county, chiefs_monthly, chiefs_top_themes, chiefs_period_summary):
        with pytest.raises(TypeError):
            call(engine=chiefs, **Q1)
        with pytest.raises(TypeError, match="audience"):
            call(engine=chiefs, **Q1, audience=True)  # the old public=True flag


def test_no_chief_data(engine):
    out = chiefs_by_county(engine=engine, **Q1, **INTERNAL)
    assert len(out) == 47 and out["reports"].sum() == 0 and out["compliance"].isna().all()
    monthly = chiefs_monthly(engine=engine, **Q1, county_codes=("001",), **INTERNAL)
    assert len(monthly) == 3 and monthly["expected"].sum() == 0
    assert chiefs_top_themes(engine=engine, **Q1, **INTERNAL).empty


def test_month_starts_and_bad_period():
    assert month_starts(dt.date(2023, 11, 15), dt.date(2024, 2, 1)) == [
        dt.date(2023, 11, 1), dt.date(2023, 12, 1), dt.date(2024, 1, 1), dt.date(2024, 2, 1)]
    with pytest.raises(ValueError, match="ends"):
        month_starts(dt.date(2024, 2, 1), dt.date(2024, 1, 1))
