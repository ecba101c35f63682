"""The numbers the dashboard shows, each defined once (docs/METHODS.md).

:data:`DEFINITIONS` holds the short text shown under every chart ("About this number")
and :data:`DEFINITIONS_SW` the same in Kiswahili (same keys; :func:`definition` picks one
by language); the functions here are the commitment and rate arithmetic. Crime changes and their
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
# The hexagon resolution and a cell's area, shared by the English and Kiswahili texts.
_HEX_RESOLUTION = get_settings().hex_resolution
_HEX_KM2 = f"{h3.average_hexagon_area(_HEX_RESOLUTION, 'km^2'):,.0f}"
DEFINITIONS["hex_layer"] = (
    f"Hexagon hotspots: incidents that carry coordinates, counted per H3 cell (resolution "
    f"{_HEX_RESOLUTION}, about {_HEX_KM2} km² a cell) for "
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


# --- the same definitions in Kiswahili ------------------------------------------------------
# A faithful translation of DEFINITIONS, key for key, in the terms of ui/i18n.py (ahadi,
# malalamiko, mabaraza, machifu, kaunti-miezi, "sawa kwa sawa", "hakuna data, kamwe si 0").
# Numbers, symbols, thresholds and code names are the English ones unchanged, so the two
# texts cannot drift apart on a rule (tests/test_definitions_sw.py checks it). Change a
# rule in both.
DEFINITIONS_SW: dict[str, str] = {
    "rate": "Kiwango kwa watu 100,000 = idadi ÷ idadi ya watu ya sensa ya 2019 × 100,000 kwa "
            "kipindi kilichochaguliwa. Idadi ya watu: Sensa ya Watu na Makazi ya Kenya ya "
            "2019 ya KNBS.",
    "change": "Mabadiliko = kipindi kilichochaguliwa dhidi ya miezi ileile mwaka mmoja kabla, "
              "sawa kwa sawa: kaunti-miezi zenye data katika vipindi vyote viwili tu ndizo "
              "zinazolinganishwa, na maelezo chini ya takwimu yanaeleza kilichoachwa nje. "
              "Idadi zinaonyeshwa kando ya kila %.",
    "significance": "Je, mabadiliko ni halisi? z = √2(√idadi ya sasa − √idadi ya awali) kwa "
                    "vipindi vya urefu sawa (vinginevyo hurekebishwa kwa idadi ya siku), "
                    "ikigawanywa kwa √φ, mtawanyiko wa ziada wa mfululizo wenyewe (kiwango "
                    "cha chini 1). Mabadiliko halisi: |z| ≥ 3, angalau 10% na tofauti ya "
                    "angalau matukio 10; huenda ni halisi: |z| ≥ 2 na angalau 10%; "
                    "vinginevyo hakuna mabadiliko ya wazi; idadi ni ndogo mno kujua pande "
                    "zote mbili zikiwa na matukio chini ya 20. Hakuna mshale wala rangi "
                    "isipokuwa kwa mabadiliko halisi au huenda ni halisi.",
    "emerging": "Tishio linaloibuka = kaunti × aina ya uhalifu ambayo mwezi wake kamili wa "
                "mwisho uko juu ya kiwango chake cha kawaida cha msimu: mwezi uleule na "
                "jirani zake katika hadi miaka 3 iliyopita (mbinu ya Farrington). Huonyeshwa "
                "idadi inapozidi kikomo cha juu cha kiwango hicho (z = 3 kwenye kipimo cha "
                "kipeo 2/3, ikizingatia mtawanyiko wa ziada wa kiwango chenyewe), iko "
                "angalau 50% juu ya wastani wa kiwango hicho na ni angalau 5. Inahitaji "
                "miezi 3 ya kiwango cha kawaida yenye data; hupangwa kwa jinsi ilivyo juu "
                "ya kikomo.",
    "resolution": "Kiwango cha utatuzi = zilizotimizwa ÷ ahadi ambazo hali yake "
                  "imethibitishwa (zote isipokuwa 'haijathibitishwa'). 'Zimetimizwa au kwa "
                  "sehemu' huonyeshwa kando; ahadi ambazo hazijathibitishwa huhesabiwa "
                  "kando, kamwe si kama kushindwa.",
    "overdue": "Zilizopitwa na muda = zimethibitishwa (hali yoyote isipokuwa "
               "'haijathibitishwa'), zimepita tarehe ya mwisho, na hazijatimizwa wala "
               "kurekodiwa kuwa hazikutimizwa. Ahadi ambazo hazijathibitishwa zilizopita "
               "tarehe ya mwisho huhesabiwa kando kama \"zimepita muda, hazijathibitishwa\", "
               "kamwe si kama zilizopitwa na muda.",
    "past_due_unverified": "Zimepita muda, hazijathibitishwa = ahadi ambazo bado "
                           "'hazijathibitishwa' (hakuna hali iliyorekodiwa bado) na tarehe "
                           "yake ya mwisho imepita. Huhesabiwa kando na zilizopitwa na "
                           "muda: kutothibitishwa si kushindwa kamwe.",
    "on_time": "Sehemu ya kwa wakati = zilizotimizwa kufikia tarehe ya mwisho ÷ ahadi "
               "zilizotimizwa zenye tarehe ya mwisho. Ahadi zilizotimizwa bila tarehe ya "
               "mwisho zinaachwa nje; zinazoendelea na ambazo hazijathibitishwa "
               "hazihesabiwi.",
    "median_days": "Siku za kati tangu tarehe ahadi ilipotolewa hadi tarehe "
                   "iliporekodiwa kuwa imetimizwa.",
    "compliance": "Utiifu wa kuripoti = ripoti za machifu zilizopokelewa ÷ maeneo "
                  "yaliyotarajiwa kuripoti mwezi huo; kwa kipindi, hujumlishwa kwa miezi "
                  "yenye data ya machifu (mwezi ambao hakuna ripoti iliyopokelewa popote "
                  "nchini Kenya unaachwa nje: hakuna data, kamwe si 0 %).",
    "sentiment": "Alama ya hisia = alama za kila mwezi za machifu kuhusu hisia za umma "
                 "(1 = mbaya sana, 5 = nzuri sana), alama ya mpangilio: huonyeshwa kama "
                 "alama ya kati pamoja na sehemu ya alama za chini (1–2) na n, kamwe si "
                 "kama wastani.",
    "previous_year": "Mistari ya vistari: miezi ileile mwaka mmoja kabla, kwa eneo na aina "
                     "zilezile. Mwezi usio na data ni pengo, kamwe si 0. Takwimu rasmi za "
                     "mwaka hazigawanywi kamwe katika miezi.",
    "ytd": "Mwaka hadi sasa = 1 Januari hadi mwisho wa mwezi wa mwisho wa kipindi "
           "kilichochaguliwa, dhidi ya miezi ileile mwaka mmoja kabla, sawa kwa sawa. Idadi "
           "zinaonyeshwa kando ya kila %.",
    "yearly": "Kwa kila mwaka: takwimu rasmi ya mwaka ya kaunti pale ilipo, vinginevyo "
              "jumla ya miezi yake 12 ikiwa yote 12 ina data (sehemu ya mwaka haina thamani "
              "ya mwaka) — kamwe si zote mbili, hivyo hakuna kinachohesabiwa mara mbili.",
    "coverage": "Upatikanaji wa data: kaunti-mwezi ina data ya uhalifu kaunti ikiwa na "
                "kumbukumbu yoyote ya uhalifu ya mwezi huo. Aina isiyo na kumbukumbu katika "
                "mwezi kama huo ni 0; kaunti-mwezi isiyo na kumbukumbu yoyote ni hakuna "
                "data, kamwe si 0: kijivu kwenye ramani, pengo kwenye mistari, huachwa nje "
                "ya jumla, pamoja na maelezo kama 'kaunti 45 kati ya 47 ziliripoti kwa "
                "miezi yote 12'.",
    "default_period": "Kipindi cha kawaida: miezi 12 kamili ya mwisho ya data ya uhalifu. "
                      "Mwezi ni kamili ukishaisha na angalau nusu ya kaunti zilizoripoti "
                      "katika miezi 12 kabla yake zimeripoti kwa mwezi huo. Kukiwa na "
                      "takwimu za mwaka tu: mwaka wa mwisho uliochapishwa. Mabaraza, ahadi "
                      "na ripoti za machifu haviubadilishi kamwe. Mwezi wa sasa unaweza "
                      "kuchaguliwa na huonyeshwa 'hadi sasa'.",
    "precedence": "Kipaumbele: kwa kaunti, aina na mwezi mmoja, idadi iliyochapishwa "
                  "(ripoti ya kila mwezi au hesabu ya kila siku) hutumika na nukta za "
                  "matukio haziongezwi juu yake; nukta za matukio huhesabiwa tu pale "
                  "ambapo hakuna kilichochapishwa. Kwa miaka mizima, takwimu rasmi ya mwaka "
                  "hutumika pale ilipo.",
    "dispersion": "Mtawanyiko wa ziada φ: idadi halisi hutofautiana zaidi kuliko idadi ya "
                  "Poisson. φ ni variansi ya √2(√mwezi huu − √mwezi huo mwaka mmoja kabla) "
                  "kwa hadi miezi 36 ya mfululizo uleule (angalau jozi 6; vinginevyo jozi za "
                  "mwaka kwa mwaka za takwimu za mwaka; vinginevyo 1), kamwe chini ya 1.",
    "crime_count": "Uhalifu ulioripotiwa = matukio katika kaunti-miezi za kipindi "
                   "kilichochaguliwa zenye data: idadi zilizochapishwa, au nukta za matukio "
                   "pale ambapo hakuna kilichochapishwa. Miaka mizima hutumia takwimu rasmi "
                   "za mwaka; katika vipindi vingine kaunti yenye takwimu za mwaka tu "
                   "huonyeshwa hivyo, kamwe si kama 0.",
    "change_map": "Ramani ya mabadiliko: uhalifu wa kila kaunti katika kipindi "
                  "kilichochaguliwa dhidi ya miezi ileile mwaka mmoja kabla, sawa kwa sawa, "
                  "yenye rangi tu pale mabadiliko ni halisi (angalia 'Je, mabadiliko ni "
                  "halisi?'): rangi nzito kwa mabadiliko halisi, rangi hafifu kwa huenda ni "
                  "halisi, rangi isiyo na upande kwa hakuna mabadiliko ya wazi au idadi ni "
                  "ndogo mno kujua, kijivu pale hakuna data ya kulinganisha. Nyekundu ni "
                  "ongezeko, bluu ni kushuka.",
    "concerns_raised": "Malalamiko yaliyotolewa = malalamiko yaliyotolewa kwenye mabaraza "
                       "ya Jukwaa la Usalama yaliyofanyika katika kipindi kilichochaguliwa "
                       "(\"kwenye mabaraza\") + malalamiko yaliyotolewa katika ripoti za "
                       "machifu za miezi ya kipindi kilichochaguliwa (\"kwenye ripoti za "
                       "machifu\"); sehemu hizo mbili huonyeshwa kila mara kando ya jumla. "
                       "Malalamiko yaliyonaswa moja kwa moja nje ya baraza hayamo katika "
                       "sehemu yoyote. Kichujio cha mada za malalamiko kinatumika.",
    "hex_layer": f"Maeneo hatari kwa heksagoni: matukio yenye viwianishi, yamehesabiwa kwa "
                 f"kila heksagoni ya H3 (kiwango {_HEX_RESOLUTION}, takriban {_HEX_KM2} km² "
                 "kwa kila heksagoni) kwa miezi ya kipindi kilichochaguliwa. Yanahesabiwa "
                 "kwenye seva; hakuna nukta ya tukio inayotumwa kwenye kivinjari. "
                 "Hayaonyeshwi kwenye skrini za umma (heksagoni zinaonyesha mahali matukio "
                 "yalipotokea); kwa aina nyeti ya uhalifu, heksagoni zenye matukio chini ya "
                 "5 zinaachwa nje.",
    "sentiment_median": "Alama ya hisia (ya mpangilio, 1 = mbaya sana … 5 = nzuri sana), "
                        "kwa eneo na mwezi: alama ya kati ya ripoti za machifu "
                        "zilizopokelewa (ripoti zikiwa idadi shufwa, ile ya chini kati ya "
                        "alama mbili za katikati), sehemu ya alama za chini (1 au 2) na "
                        "idadi ya ripoti n nyuma ya kila moja; kwa kipindi, vivyo hivyo kwa "
                        "ripoti za kipindi hicho. Alama ni nafasi za mpangilio, hivyo hakuna "
                        "wastani unaoonyeshwa. Mwezi usio na ripoti ni hakuna data, kamwe si "
                        "0.",
    "chief_months": "Utiifu kwa mwezi: mwezi una data ya machifu mara tu ripoti ya chifu "
                    "yeyote ya mwezi huo inapopokelewa popote nchini Kenya. Kabla ya hapo "
                    "(mwezi ambao bado haujaingizwa) utiifu ni hakuna data, kamwe si 0 %; "
                    "baada ya hapo, eneo ambalo maeneo yake yaliyotarajiwa hayakutuma "
                    "chochote linaonyesha 0 %. Eneo-mwezi lisilo na eneo lililotarajiwa ni "
                    "hakuna data.",
    "not_reporting": "Hazijaripoti = maeneo yaliyotarajiwa kuripoti mwezi huo (kipindi chao "
                     "cha kuripoti, kutoka expected_from hadi expected_to, kinaujumuisha) "
                     "bila ripoti ya mwezi huo. Skrini za ndani tu.",
    "chief_forum_themes": "Machifu dhidi ya mabaraza: sehemu ya kila mada katika ripoti za "
                          "machifu zinazotaja wasiwasi mkuu (mada moja kwa kila ripoti), "
                          "kando ya sehemu yake ya malalamiko yaliyotolewa kwenye mabaraza "
                          "yaliyofanyika katika kipindi, eneo hilo hilo. Tofauti = sehemu ya "
                          "machifu − sehemu ya mabaraza, kwa pointi. Vipimo vinatofautiana "
                          "(ripoti dhidi ya malalamiko): linganisha sehemu, si idadi. Skrini "
                          "za ndani tu.",
    "women_youth_share": "Sehemu ya vikundi vya wanawake na vijana = waliohudhuria "
                         "waliorekodiwa kama vikundi vya wanawake + waliohudhuria "
                         "waliorekodiwa kama vijana, ÷ waliohudhuria waliorekodiwa katika "
                         "kundi lolote kati ya makundi 8, kwa mabaraza yote ya safu kwa "
                         "pamoja (uwiano wa jumla). Mabaraza hurekodi vikundi vya wanawake, si "
                         "wanawake: wanawake waliokuja kama wazee, maafisa au kundi jingine "
                         "hawamo, hivyo si sehemu ya wanawake. Mabaraza yasiyo na mgawanyo "
                         "kwa makundi yanaachwa nje (hakuna sehemu, kamwe si 0).",
    "attendance_by_group": "Mahudhurio kwa makundi = watu waliorekodiwa katika kila moja ya "
                           "makundi 8 (vikundi vya wanawake, vijana, wazee, viongozi wa dini, "
                           "watu wenye ulemavu, maafisa wa serikali, wafanyabiashara, "
                           "mashirika ya kiraia) kwenye baraza au mabaraza; sehemu = kundi ÷ "
                           "mahudhurio yaliyorekodiwa kwa makundi. Baraza ambalo halikurekodi "
                           "kundi lolote halina mgawanyo (haupo, si 0). Skrini za ndani tu.",
    "forums_held": "Mabaraza yaliyofanyika = matoleo ya Jukwaa la Usalama yaliyofanyika "
                   "katika eneo ndani ya kipindi. Eneo ambalo hakuna baraza lililofanyika "
                   "hadi mwisho wa kipindi linaonyesha \"bado hakuna baraza\" (kijivu), "
                   "kamwe si 0; 0 inamaanisha mabaraza yalifanyika hapo kabla ya kipindi tu.",
    "recurring_themes": "Mada inayojirudia = mada ya malalamiko iliyotolewa kwenye mabaraza "
                        "(matoleo) 2 au zaidi yaliyofanyika katika kaunti au eneo moja, kwa "
                        "mabaraza yote yaliyofanyika hapo hadi mwisho wa kipindi. Matoleo = "
                        "mabaraza ambapo mada ilitolewa, kati ya matoleo yaliyofanyika hapo. "
                        "Skrini za ndani tu.",
    "forum_commitments": "Ahadi kwa kila baraza = ahadi zilizotolewa kujibu malalamiko "
                         "yaliyotolewa kwenye baraza, pamoja na hali yake tarehe "
                         "inayoonyeshwa: zimetimizwa, zimekwama (hali ya mwisho) na "
                         "zimechelewa (zimethibitishwa, zimepita tarehe ya mwisho, "
                         "hazijatimizwa wala kurekodiwa kuwa hazikutimizwa; ahadi iliyokwama "
                         "iliyopita tarehe ya mwisho ni zote mbili). Zisizothibitishwa "
                         "zilizopita muda huhesabiwa kando. Skrini za ndani tu.",
    "compare": "Kulinganisha maeneo: kila eneo (kaunti, eneo au Kenya) hupata takwimu "
               "zilezile ambazo kurasa nyingine huipa, kwa kipimo kimoja: kiwango cha "
               "uhalifu kwa watu 100,000 kwa mwezi (kaunti zilizoripoti mwezi huo, kwa idadi "
               "ya watu wao ya 2019), mabadiliko dhidi ya miezi ileile mwaka mmoja kabla "
               "pamoja na uamuzi wake, malalamiko kwa mada kama sehemu ya malalamiko ya "
               "eneo, ahadi na kiwango chake cha utatuzi, alama ya kati ya machifu na "
               "utiifu wa kuripoti. Kwenye skrini ya umma, malalamiko na ahadi za kaunti ni "
               "takwimu za eneo lake, zikiwa zimeandikwa hivyo.",
    "disclosure": "Skrini ya umma: idadi za 1–4 huonyeshwa kama \"<5\". Jumla, sehemu, "
                  "viwango na mabadiliko hukokotolewa kwa kuchukua kila idadi iliyofichwa "
                  "kama 2.5, hivyo hakuna kinachoweza kufichua idadi iliyofichwa; jumla "
                  "inayojumuisha idadi zilizofichwa huonyeshwa kama \"≈\" (imekadiriwa hadi "
                  "5) au kama masafa. Hakuna orodha, majina, maandishi huru wala viwianishi "
                  "vinavyoonyeshwa.",
    "fulfilment_curve": "Utimizaji tangu baraza = kati ya ahadi zilizothibitishwa ambazo "
                        "baraza lake lilifanyika angalau miezi N kabla ya mwisho wa kipindi, "
                        "sehemu iliyorekodiwa kuwa imetimizwa ndani ya miezi N tangu baraza "
                        "hilo (hali hadi mwisho wa kipindi). Ahadi ambazo hazijathibitishwa "
                        "huhesabiwa kando, kamwe si kama kushindwa. Malalamiko yaliyotolewa "
                        "nje ya baraza huhesabiwa kuanzia siku yalipotolewa.",
    "scorecard": "Kadi ya utendaji wa taasisi: kwa kila taasisi inayohusika, ahadi "
                 "zilizotolewa, zilizothibitishwa (zote isipokuwa 'haijathibitishwa'), "
                 "zilizotimizwa, zilizochelewa (zimethibitishwa, zimepita tarehe ya mwisho "
                 "na bado zinaendelea; zisizothibitishwa zilizopita muda huhesabiwa kando) "
                 "na siku za kati kutoka ahadi hadi kutimizwa, kila moja hadi mwisho wa "
                 "kipindi. Visanduku visivyo na chochote kilichothibitishwa havionyeshi "
                 "kiwango.",
}


def definition(key: str, lang: str = "en") -> str:
    """The "about this number" text of ``key`` in ``lang``: Kiswahili for "sw", English
    otherwise. An unknown key raises KeyError, as ``DEFINITIONS[key]`` does."""
    return DEFINITIONS_SW[key] if lang == "sw" else DEFINITIONS[key]


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
