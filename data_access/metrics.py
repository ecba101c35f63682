"""The numbers the dashboard shows, each defined once (docs/METHODS.md).

:data:`DEFINITIONS` holds the short text shown under every chart ("About this number");
the functions here are the commitment and rate arithmetic. Crime changes and their
verdicts are made in :mod:`data_access.figures.change`.
"""

from __future__ import annotations

import math

import h3
import pandas as pd

from config import get_settings
from data_access.reference import CLOSED_STATUSES

PER = 100_000

DEFINITIONS: dict[str, str] = {
    "rate": "Rate per 100,000 = count ÷ 2019 census population × 100,000 for the chosen "
            "period. Population: KNBS 2019 Kenya Population and Housing Census.",
    "change": "Change = the chosen period against the same months a year earlier, like for "
              "like: only county-months with data in both periods are compared, and the note "
              "under the figure says what was left out. Counts are shown beside every %.",
    "significance": "Is the change real? z = √2(√current − √previous) for periods of equal "
                    "length (scaled by days otherwise), divided by √φ, the series' own "
                    "overdispersion (floor 1). Significant: |z| ≥ 3, at least 10% and at "
                    "least 10 events apart; possible: |z| ≥ 2 and at least 10%; otherwise no "
                    "clear change; too few to tell when both sides have under 20 events. No "
                    "arrow or colour for anything but significant or possible.",
    "emerging": "Emerging threat = a county × category whose latest complete month is above "
                "its seasonal baseline: the same month and its neighbours in up to 3 earlier "
                "years (Farrington method). Flagged when the count exceeds the baseline's "
                "upper bound (z = 3 on the 2/3-power scale, allowing for the baseline's own "
                "overdispersion), is at least 50% above the baseline mean and is at least 5. "
                "Needs 3 baseline months with data; ranked by how far above the bound.",
    "resolution": "Resolution rate = fulfilled ÷ commitments whose status has been verified "
                  "(all but 'unverified'). 'Fulfilled or partly' is shown apart; unverified "
                  "commitments are counted apart, never as failures.",
    "overdue": "Overdue = verified (any status but 'unverified'), past its due date, and neither "
               "fulfilled nor recorded as not fulfilled. Unverified commitments past their due "
               "date are counted apart as \"past due, not yet verified\", never as overdue.",
    "past_due_unverified": "Past due, not yet verified = commitments still 'unverified' (no "
                           "status recorded yet) whose due date has passed. Counted apart from "
                           "overdue: unverified is never a failure.",
    "on_time": "On-time share = fulfilled on or before the due date ÷ fulfilled commitments "
               "that had a due date. Fulfilled commitments without a due date are left out; "
               "open and unverified ones are not counted.",
    "median_days": "Median days from the date a commitment was made to the date it was "
                   "recorded as fulfilled.",
    "compliance": "Reporting compliance = chiefs' reports received ÷ locations expected to "
                  "report in that month; over a period, summed over the months that hold "
                  "chiefs' data (a month with no report received anywhere in Kenya is left "
                  "out: no data, never 0 %).",
    "sentiment": "Sentiment score = chiefs' monthly public-sentiment scores (1 = very "
                 "negative, 5 = very positive), an ordinal score: shown as the median with "
                 "the share of low scores (1–2) and n, never as a mean.",
    "previous_year": "Dashed lines: the same months one year earlier, for the same area and "
                     "categories. A month without data is a gap, never 0. Published yearly "
                     "figures are never spread into months.",
    "ytd": "Year to date = 1 January to the end of the last month of the chosen period, "
           "against the same months a year earlier, like for like. Counts are shown beside "
           "every %.",
    "yearly": "Per calendar year: a county's published yearly figure where one exists, "
              "otherwise the sum of its 12 months when all 12 hold data (a part-year has no "
              "yearly value) — never both, so nothing is counted twice.",
    "coverage": "Coverage: a county-month holds crime data when the county has any crime "
                "record dated in that month. A category without a record in such a month is "
                "0; a county-month without any record is no data, never 0: grey on maps, a "
                "gap in lines, left out of totals, with a note such as '45 of 47 counties "
                "reported for all 12 months'.",
    "default_period": "Default period: the latest 12 complete months of crime data. A month "
                      "is complete once it has ended and at least half of the counties that "
                      "reported in the 12 months before it have reported for it. With only "
                      "yearly figures: the latest published year. Forums, commitments and "
                      "chiefs' reports never move it. The current month can be chosen and "
                      "reads 'to date'.",
    "precedence": "Precedence: for one county, category and month a published count (monthly "
                  "return or daily count) is used and incident points are not added to it; "
                  "incident points count only where nothing was published. For whole "
                  "calendar years the published yearly figure is used where one exists.",
    "dispersion": "Overdispersion φ: real counts vary more than a Poisson count. φ is the "
                  "variance of √2(√this month − √same month a year earlier) over up to 36 "
                  "months of the same series (6 pairs at least; else year-on-year pairs of "
                  "yearly figures; else 1), never below 1.",
}


DEFINITIONS["crime_count"] = (
    "Crimes recorded = events in the county-months of the chosen period that hold data: "
    "published counts, or incident points where nothing was published. Whole calendar "
    "years use published yearly figures; in other periods a county with yearly figures "
    "only is shown as such, never as 0.")
DEFINITIONS["change_map"] = (
    "Change map: each county's crimes in the chosen period against the same months a year "
    "earlier, like for like, coloured only where the change is real (see 'Is the change "
    "real?'): strong colour significant, light colour possible, neutral for no clear "
    "change or too few to tell, grey where there is no data to compare. Red is a rise, blue "
    "a fall.")
DEFINITIONS["concerns_raised"] = (
    "Concerns raised = concerns raised at Jukwaa la Usalama forums held in the chosen period "
    "(\"at forums\") + concerns raised in chiefs' reports for the months of the chosen period "
    "(\"in chiefs' reports\"); the two parts are always shown beside the total. Concerns "
    "captured live outside a forum are in neither part. The concern-theme filter applies.")
DEFINITIONS["hex_layer"] = (
    f"Hexagon hotspots: incidents that carry coordinates, counted per H3 cell (resolution "
    f"{get_settings().hex_resolution}, about "
    f"{h3.average_hexagon_area(get_settings().hex_resolution, 'km^2'):,.0f} km² a cell) for "
    "the months of the chosen period. Counted on the server; no incident point is sent to "
    "the browser. Not shown on public screens (cells locate incidents); for a sensitive "
    "category, cells with fewer than 5 incidents are left out.")

DEFINITIONS["sentiment_median"] = (
    "Sentiment score (ordinal, 1 = very negative … 5 = very positive), per area and month: "
    "the median of the chiefs' reports received (with an even number of reports, the lower "
    "of the two middle scores), the share of low scores (1 or 2) and the number of reports "
    "n behind each; over a period, the same over the period's reports. Scores are ranks, "
    "so no mean is shown. A month without reports is no data, never 0.")
DEFINITIONS["chief_months"] = (
    "Compliance per month: a month holds chiefs' data once any chief's report for it has "
    "been received anywhere in Kenya. Before that (a month not yet imported) compliance is "
    "no data, never 0 %; after it, an area whose expected locations sent nothing reads 0 %. "
    "An area-month with no location expected is no data.")
DEFINITIONS["not_reporting"] = (
    "Not reported = locations expected to report in the month (their reporting window, "
    "from expected_from to expected_to, covers it) with no report for that month. Internal "
    "screens only.")
DEFINITIONS["chief_forum_themes"] = (
    "Chiefs vs forums: each theme's share of the chiefs' reports that name a top concern "
    "(one theme per report), beside its share of the concerns raised at forums held in the "
    "period, same area. Difference = chiefs' share − forums' share, in points. The units "
    "differ (reports vs concerns): compare the shares, not the counts. Internal screens only.")

DEFINITIONS["women_youth_share"] = (
    "Women's-group and youth share = attendees recorded as women's groups + attendees "
    "recorded as youth, ÷ attendees recorded in any of the 8 groups, pooled over the "
    "forums of a row (a ratio of sums). Forums record women's groups, not women: women who "
    "came as elders, officials or another group are not in it, so it is not the share of "
    "women. Forums with no breakdown by group are left out (no share, never 0).")
DEFINITIONS["attendance_by_group"] = (
    "Attendance by group = people recorded in each of the 8 groups (women's groups, youth, "
    "elders, religious leaders, persons with disabilities, government officials, business, "
    "civil society) at the forum(s); share = the group ÷ attendance recorded by group. A "
    "forum that recorded no group has no breakdown (missing, not 0). Internal screens only.")
DEFINITIONS["forums_held"] = (
    "Forums held = Jukwaa la Usalama editions held in the area in the period. An area where "
    "no forum has been held up to the end of the period reads \"no forum yet\" (grey), "
    "never 0; 0 means forums were held there before the period only.")
DEFINITIONS["recurring_themes"] = (
    "Recurring theme = a concern theme raised at 2 or more forums (editions) held in the "
    "same county or region, over every forum held there up to the end of the period. "
    "Editions = forums where the theme was raised, of the editions held there. Internal "
    "screens only.")
DEFINITIONS["forum_commitments"] = (
    "Commitments per forum = commitments made in answer to concerns raised at the forum, "
    "with their status on the date shown: fulfilled, stalled (latest status) and overdue "
    "(verified, past due, neither fulfilled nor not fulfilled; a stalled commitment past "
    "its due date is both). Unverified ones past due are counted apart. Internal screens "
    "only.")

DEFINITIONS["compare"] = (
    "Comparing areas: each area (a county, a region or Kenya) gets the figures every other "
    "page gives it, on one scale: crime rate per 100,000 per month (counties that reported "
    "that month, over their 2019 population), change against the same months a year "
    "earlier with its verdict, concerns by theme as shares of the area's concerns, "
    "commitments and their resolution rate, chiefs' median score and compliance. On a "
    "public screen a county's concerns and commitments are its region's figures, labelled "
    "as such.")
DEFINITIONS["disclosure"] = (
    "Public screen: counts of 1–4 read \"<5\". Totals, shares, rates and changes are built "
    "with each hidden count taken as 2.5, so none can give a hidden count back; a total "
    "that includes hidden counts reads \"≈\" (rounded to 5) or as a range. No lists, "
    "names, free text or coordinates are shown.")


def rate_per_100k(count, population):
    """count ÷ population × 100,000; NaN where the population is missing or zero.

    Works on scalars and on pandas Series alike.
    """
    if isinstance(count, pd.Series) or isinstance(population, pd.Series):
        pop = pd.Series(population, dtype="float64").where(lambda p: p > 0)
        return pd.Series(count, dtype="float64") / pop * PER
    if not population or population <= 0 or count is None:
        return math.nan
    return float(count) / float(population) * PER


def resolution_summary(statuses: pd.Series) -> dict[str, float | int]:
    """Counts and rates for a set of current commitment statuses (docs/METHODS.md,
    "Commitments").

    Returns made, unverified, verified, fulfilled, partly, not_fulfilled, open, and
    resolution_rate = fulfilled ÷ verified, fulfilled_or_partly_rate = (fulfilled +
    partly) ÷ verified (NaN when nothing is verified).
    """
    s = statuses.astype("object")
    made = int(len(s))
    unverified = int((s == "unverified").sum())
    verified = made - unverified
    fulfilled = int((s == "fulfilled").sum())
    partly = int((s == "partly_fulfilled").sum())
    not_fulfilled = int((s == "not_fulfilled").sum())
    return {
        "made": made,
        "unverified": unverified,
        "verified": verified,
        "fulfilled": fulfilled,
        "partly": partly,
        "not_fulfilled": not_fulfilled,
        "open": int((~s.isin(list(CLOSED_STATUSES))).sum()),
        "resolution_rate": fulfilled / verified if verified else math.nan,
        "fulfilled_or_partly_rate": (fulfilled + partly) / verified if verified else math.nan,
    }


def is_overdue(due_on: pd.Series, status: pd.Series, as_of) -> pd.Series:
    """True where the commitment is overdue on ``as_of`` (DEFINITIONS["overdue"]): verified
    (status not 'unverified'), its due date before ``as_of``, and neither fulfilled nor
    not fulfilled. An unverified commitment is never overdue (see
    :func:`is_past_due_unverified`)."""
    due = pd.to_datetime(due_on, errors="coerce")
    return ((due < pd.Timestamp(as_of)) & (status != "unverified")
            & ~status.isin(list(CLOSED_STATUSES)))


def is_past_due_unverified(due_on: pd.Series, status: pd.Series, as_of) -> pd.Series:
    """True where the commitment is still 'unverified' on ``as_of`` and its due date is
    before ``as_of`` (DEFINITIONS["past_due_unverified"]): counted apart, never overdue."""
    due = pd.to_datetime(due_on, errors="coerce")
    return (due < pd.Timestamp(as_of)) & (status == "unverified")


# --- commitment timeliness (docs/METHODS.md, "Commitments") -------------------------------

DEFINITIONS["fulfilment_curve"] = (
    "Fulfilment since the forum = of the verified commitments whose forum was held at least "
    "N months before the end of the period, the share recorded as fulfilled within N months "
    "of that forum (status as of the end of the period). Unverified commitments are counted "
    "apart, never as failures. Concerns raised outside a forum count from the day they were "
    "raised."
)
DEFINITIONS["scorecard"] = (
    "Institution scorecard: per responsible institution, commitments made, verified (all but "
    "'unverified'), fulfilled, overdue (verified, past due and still open; unverified ones "
    "past due are counted apart) and the median days from commitment to fulfilment, each as "
    "of the end of the period. Cells with nothing verified show no rate."
)


def on_time_counts(due_on: pd.Series, fulfilled_on: pd.Series) -> tuple[int, int]:
    """(fulfilled on or before the due date, fulfilled commitments that had a due date) —
    the two counts behind the on-time share (DEFINITIONS["on_time"])."""
    due = pd.to_datetime(due_on, errors="coerce")
    done = pd.to_datetime(fulfilled_on, errors="coerce")
    eligible = due.notna() & done.notna()
    return int((eligible & (done <= due)).sum()), int(eligible.sum())


def on_time_share(due_on: pd.Series, fulfilled_on: pd.Series) -> float:
    """Fulfilled on or before the due date ÷ fulfilled commitments that had a due date;
    NaN when none."""
    on_time, eligible = on_time_counts(due_on, fulfilled_on)
    return on_time / eligible if eligible else math.nan


def days_to_fulfil(made_on: pd.Series, fulfilled_on: pd.Series) -> pd.Series:
    """Whole days from the commitment to its fulfilment (NaN where not fulfilled)."""
    made = pd.to_datetime(made_on, errors="coerce")
    done = pd.to_datetime(fulfilled_on, errors="coerce")
    return (done - made).dt.days.astype("float64")


def median_days_to_fulfil(made_on: pd.Series, fulfilled_on: pd.Series) -> float:
    """Median days from commitment to fulfilment over the fulfilled ones; NaN when none."""
    days = days_to_fulfil(made_on, fulfilled_on).dropna()
    return float(days.median()) if len(days) else math.nan
