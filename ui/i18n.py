"""English and Kiswahili labels for the interface (presenters switch language live)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # key: (English, Kiswahili)
    "language": ("Language", "Lugha"),
    "period": ("Period", "Kipindi"),
    "region": ("Region", "Eneo"),
    "all_regions": ("All regions", "Maeneo yote"),
    "county": ("County", "Kaunti"),
    "all_counties": ("All counties", "Kaunti zote"),
    "crime_categories": ("Crime categories", "Aina za uhalifu"),
    "concern_themes": ("Concern themes", "Mada za malalamiko"),
    "all": ("All", "Zote"),
    "presenter_mode": ("Presenter mode (public screen)", "Hali ya uwasilishaji (skrini ya umma)"),
    "presenter_help": (
        "Large, simple charts; counts under 5 shown as <5 and totals that include them as "
        "estimates (≈); no lists, names or free text.",
        "Chati kubwa na rahisi; idadi chini ya 5 huonyeshwa kama <5 na jumla zinazozijumuisha "
        "kama makadirio (≈); hakuna orodha, majina wala maandishi.",
    ),
    # locked public screen (ui.frame.leave_public_control)
    "leave_public": ("Leave public screen", "Ondoka kwenye skrini ya umma"),
    "public_locked": ("This is a public screen: small counts read <5, and no lists of "
                      "records, names or free text are shown. Leaving it takes the access "
                      "code.",
                      "Hii ni skrini ya umma: idadi ndogo huonyeshwa kama <5, na hakuna "
                      "orodha za kumbukumbu, majina wala maandishi huru. Kuiacha kunahitaji "
                      "msimbo wa kuingia."),
    "leave_public_no_code": ("Leaving the public screen needs the access code, and none is "
                             "set: an administrator must set JUKWAA_ACCESS_CODE. This screen "
                             "stays public.",
                             "Kuondoka kwenye skrini ya umma kunahitaji msimbo wa kuingia, na "
                             "haujawekwa: msimamizi lazima aweke JUKWAA_ACCESS_CODE. Skrini "
                             "hii inabaki ya umma."),
    "access_code": ("Access code", "Msimbo wa kuingia"),
    "leave_public_button": ("Unlock", "Fungua"),
    "leave_public_wrong": ("That access code is not right. The screen stays public.",
                           "Msimbo huo si sahihi. Skrini inabaki ya umma."),
    "demo_badge": ("DEMO DATA — generated, not real figures",
                   "DATA YA MAJARIBIO — si takwimu halisi"),
    "data_as_of": ("Data as of", "Data hadi"),
    "overview": ("Overview", "Muhtasari"),
    "overview_caption": ("The national picture for {scope}, {period}.",
                         "Picha ya kitaifa kwa {scope}, {period}."),
    "crimes_recorded": ("Crimes recorded", "Uhalifu ulioripotiwa"),
    "rate_per_100k": ("Rate per 100,000", "Kiwango kwa watu 100,000"),
    "vs_previous": ("vs previous period", "dhidi ya kipindi kilichopita"),
    "concerns_raised": ("Concerns raised", "Malalamiko yaliyotolewa"),
    "commitments_made": ("Commitments made", "Ahadi zilizotolewa"),
    "resolution_rate": ("Resolution rate", "Kiwango cha utatuzi"),
    "overdue": ("Overdue commitments", "Ahadi zilizopitwa na muda"),
    "past_due_unverified": ("Past due, not yet verified", "Zimepita muda, hazijathibitishwa"),
    "kpi_past_due_unverified": ("{n} past due, unverified",
                                "{n} zimepita muda, hazijathibitishwa"),
    "concerns_parts": ("{forum} at forums · {chief} in chiefs' reports",
                       "{forum} kwenye mabaraza · {chief} kwenye ripoti za machifu"),
    # public screens: concerns raised by region only (data_access.concerns)
    "concerns_public_note": ("Concerns raised on public screens: all themes, since records "
                             "began, by region. Shown: {area}.",
                             "Malalamiko kwenye skrini za umma: mada zote, tangu kumbukumbu "
                             "zilipoanza, kwa eneo. Yanayoonyeshwa: {area}."),
    "concerns_theme_not_public": ("Concerns by theme are not shown on public screens: "
                                  "concerns raised are public by region only, all themes, "
                                  "since records began ({area}: {n}).",
                                  "Malalamiko kwa mada hayaonyeshwi kwenye skrini za umma: "
                                  "malalamiko yaliyotolewa huonyeshwa kwa eneo tu, mada "
                                  "zote, tangu kumbukumbu zilipoanza ({area}: {n})."),
    "chief_themes_not_public": ("What chiefs name as their top concerns is not shown on "
                                "public screens: concerns are public by region only.",
                                "Wasiwasi mkuu unaotajwa na machifu hauonyeshwi kwenye "
                                "skrini za umma: malalamiko huonyeshwa kwa eneo tu."),
    # Chiefs' reports page (views/chiefs.py)
    "ch_title": ("Chiefs' reports", "Ripoti za machifu"),
    "ch_caption": ("Chiefs' monthly public-sentiment reports in {scope}, {period}.",
                   "Ripoti za kila mwezi za machifu kuhusu hisia za umma, {scope}, {period}."),
    "ch_tab_sentiment": ("Sentiment", "Hisia"),
    "ch_tab_compliance": ("Reporting compliance", "Utiifu wa kuripoti"),
    "ch_tab_missing": ("Not reported", "Hazijaripoti"),
    "ch_tab_themes": ("Themes: chiefs and forums", "Mada: machifu na mabaraza"),
    "ch_by": ("Show by", "Onyesha kwa"),
    "ch_by_county": ("County", "Kaunti"),
    "ch_by_region": ("Region", "Eneo"),
    "ch_measure": ("Measure", "Kipimo"),
    "ch_measure_median": ("Median score (1–5)", "Alama ya kati (1–5)"),
    "ch_measure_low_share": ("Share of low scores (1–2)", "Sehemu ya alama za chini (1–2)"),
    "ch_sentiment_title": ("Sentiment by {by} and month", "Hisia kwa {by} na mwezi"),
    "ch_sentiment_caption": ("Each cell: the {measure} and n, the reports behind it. Grey "
                             "\"no data\": no report that month (never 0).",
                             "Kila kisanduku: {measure} na n, idadi ya ripoti. Kijivu "
                             "\"hakuna data\": hakuna ripoti mwezi huo (si 0)."),
    "ch_public_sentiment": ("Public screen: the median and the share of low scores are over "
                            "the county-months with 5 reports or more (or none); a cell "
                            "reading <5 holds only hidden counts.",
                            "Skrini ya umma: alama ya kati na sehemu ya alama za chini ni "
                            "za kaunti-miezi zenye ripoti 5 au zaidi; kisanduku chenye <5 "
                            "kina idadi zilizofichwa tu."),
    "ch_distribution_title": ("Scores 1–5 each month, {area}", "Alama 1–5 kila mwezi, {area}"),
    "ch_distribution_not_public": ("The full distribution of scores is not shown on public "
                                   "screens; the median and the share of low scores are.",
                                   "Mgawanyo kamili wa alama hauonyeshwi kwenye skrini za "
                                   "umma; alama ya kati na sehemu ya alama za chini "
                                   "zinaonyeshwa."),
    "ch_score_1": ("1 very negative", "1 mbaya sana"),
    "ch_score_2": ("2 negative", "2 mbaya"),
    "ch_score_3": ("3 neutral", "3 wastani"),
    "ch_score_4": ("4 positive", "4 nzuri"),
    "ch_score_5": ("5 very positive", "5 nzuri sana"),
    "ch_score": ("Score", "Alama"),
    "ch_no_data": ("no data", "hakuna data"),
    "ch_compliance_title": ("Reporting compliance by {by} and month",
                            "Utiifu wa kuripoti kwa {by} na mwezi"),
    "ch_compliance_caption": ("Each cell: reports received from expected locations ÷ "
                              "locations expected. Grey \"no data\": no location expected, "
                              "or no report for that month received anywhere yet.",
                              "Kila kisanduku: ripoti zilizopokelewa kutoka maeneo "
                              "yaliyotarajiwa ÷ maeneo yaliyotarajiwa. Kijivu \"hakuna "
                              "data\": hakuna eneo lililotarajiwa, au hakuna ripoti ya mwezi "
                              "huo iliyopokelewa popote bado."),
    "ch_partial_note": ("* over the county-months shown only (some hold fewer than 5 "
                        "reports and are hidden).",
                        "* kwa kaunti-miezi zinazoonyeshwa tu (baadhi zina ripoti chini ya "
                        "5 na zimefichwa)."),
    "ch_partial_short": ("* over county-months shown", "* kwa kaunti-miezi zinazoonyeshwa"),
    "ch_month": ("Month", "Mwezi"),
    "ch_missing_title": ("Locations that have not reported for {month}: {n}",
                         "Maeneo ambayo hayajaripoti kwa {month}: {n}"),
    "ch_missing_caption": ("Locations expected to report in the month (their reporting window "
                           "covers it) with no report for it, for follow-up.",
                           "Maeneo yaliyotarajiwa kuripoti mwezi huo bila ripoti yake, kwa "
                           "ufuatiliaji."),
    "ch_missing_none": ("Every location expected in {month} has reported.",
                        "Kila eneo lililotarajiwa {month} limeripoti."),
    "ch_month_no_data": ("No chief's report for {month} has been received anywhere yet: "
                         "the list shows every location expected that month.",
                         "Hakuna ripoti ya chifu ya {month} iliyopokelewa popote bado: "
                         "orodha inaonyesha kila eneo lililotarajiwa mwezi huo."),
    "ch_missing_not_public": ("The list of locations that have not reported is not shown on "
                              "public screens.",
                              "Orodha ya maeneo ambayo hayajaripoti haionyeshwi kwenye "
                              "skrini za umma."),
    "ch_themes_title": ("Chiefs' top concerns and what forums heard",
                        "Wasiwasi mkuu wa machifu na yaliyosikika kwenye mabaraza"),
    "ch_themes_caption": ("Share of chiefs' reports naming each theme as their location's top "
                          "concern, beside its share of concerns raised at forums held in the "
                          "period, same area. Largest differences first.",
                          "Sehemu ya ripoti za machifu zinazotaja kila mada kama wasiwasi "
                          "mkuu, kando ya sehemu yake ya malalamiko kwenye mabaraza ya "
                          "kipindi hicho, eneo hilo hilo. Tofauti kubwa kwanza."),
    "ch_themes_no_forum": ("No forum concerns in this area and period: only chiefs' shares "
                           "are shown.",
                           "Hakuna malalamiko ya mabaraza katika eneo na kipindi hiki: "
                           "sehemu za machifu tu zinaonyeshwa."),
    "ch_chiefs": ("Chiefs' reports", "Ripoti za machifu"),
    "ch_forums": ("Forum concerns", "Malalamiko ya mabaraza"),
    "map_modes_not_public": ("Not offered on public screens: {modes}. These figures are "
                             "public by region only (Overview).",
                             "Hazitolewi kwenye skrini za umma: {modes}. Takwimu hizi "
                             "huonyeshwa kwa eneo tu (Muhtasari)."),
    "exp_public_no_concerns": ("Concerns raised are not in the public file: public screens "
                               "show them by region only, all themes, since records began.",
                               "Malalamiko yaliyotolewa hayamo kwenye faili ya umma: skrini "
                               "za umma huyaonyesha kwa eneo tu, mada zote, tangu kumbukumbu "
                               "zilipoanza."),
    "exp_public_no_commitments": ("Commitments are not in the public file: public screens "
                                  "show them by region only, all themes, since forums "
                                  "began.",
                                  "Ahadi hazimo kwenye faili ya umma: skrini za umma "
                                  "huzionyesha kwa eneo tu, mada zote, tangu mabaraza "
                                  "yalipoanza."),
    "forums_held": ("Forums held", "Mabaraza yaliyofanyika"),
    "crime_map_title": ("Crime rate per 100,000 by county", "Kiwango cha uhalifu kwa kaunti"),
    "resolution_by_region": ("Commitment resolution by region", "Utatuzi wa ahadi kwa eneo"),
    "emerging_threats": ("Emerging threats", "Vitisho vinavyoibuka"),
    "chart": ("Chart", "Chati"),
    "table": ("Table", "Jedwali"),
    "download_csv": ("Download CSV", "Pakua CSV"),
    "about_number": ("About this number", "Kuhusu takwimu hii"),
    "source": ("Source", "Chanzo"),
    "no_data": ("No data for this selection.", "Hakuna data kwa uchaguzi huu."),
    "no_data_short": ("No data", "Hakuna data"),
    "db_unavailable": ("The database cannot be reached.", "Hifadhidata haipatikani."),
    # access gate and database notices (ui.frame): nothing about the database before the code
    "gate_prompt": ("Enter the access code to open the dashboard.",
                    "Weka msimbo wa kuingia ili kufungua dashibodi."),
    "gate_wrong": ("That access code is not right.", "Msimbo huo wa kuingia si sahihi."),
    "gate_wait": ("Wait {n} seconds before trying again.",
                  "Subiri sekunde {n} kabla ya kujaribu tena."),
    "gate_wait_one": ("Wait 1 second before trying again.",
                      "Subiri sekunde 1 kabla ya kujaribu tena."),
    "db_unavailable_generic": ("The dashboard's database is not available; tell the "
                               "administrator.",
                               "Hifadhidata ya dashibodi haipatikani; mjulishe msimamizi."),
    "db_check_url": ("Check `JUKWAA_DB_URL` and that the server is running, then reload "
                     "this page.",
                     "Angalia `JUKWAA_DB_URL` na kwamba seva inafanya kazi, kisha pakia "
                     "ukurasa huu upya."),
    "db_read_only": ("Read-only database: viewing works; imports and updates are off.",
                     "Hifadhidata ni ya kusoma tu: kutazama kunawezekana; kuingiza na "
                     "kusasisha data kumezimwa."),
    # hotspots page
    "hotspots": ("Hotspots", "Maeneo hatari"),
    "hotspots_caption": ("Where crime and concerns are concentrated in {scope}, {period}.",
                         "Mahali uhalifu na malalamiko yamejikita {scope}, {period}."),
    "map_shows": ("The map shows", "Ramani inaonyesha"),
    "mode_count": ("Crimes (count)", "Uhalifu (idadi)"),
    "mode_rate": ("Crime rate per 100,000", "Kiwango kwa watu 100,000"),
    "mode_change": ("Change vs the same months a year earlier",
                    "Mabadiliko dhidi ya miezi ileile mwaka mmoja kabla"),
    "mode_concerns": ("Concerns raised (at forums and in chiefs' reports)",
                      "Malalamiko (kwenye mabaraza na ripoti za machifu)"),
    "mode_resolution": ("Commitment resolution rate", "Kiwango cha utatuzi wa ahadi"),
    "mode_sentiment": ("Chiefs' sentiment (median score)", "Hisia za machifu (alama ya kati)"),
    "hex_layer": ("Hexagon hotspot layer", "Tabaka la heksagoni"),
    "hex_help": ("Incidents with coordinates, counted per hexagon cell on the server.",
                 "Matukio yenye mahali, yamehesabiwa kwa kila heksagoni kwenye seva."),
    "hex_title": ("Incident hotspots (hexagon cells)", "Maeneo hatari ya matukio (heksagoni)"),
    "hex_crime_only": ("The hexagon layer shows crime incidents; the county colours return "
                       "when it is switched off.",
                       "Tabaka la heksagoni linaonyesha matukio ya uhalifu; rangi za kaunti "
                       "zinarudi likizimwa."),
    "ranked_title": ("Counties ranked", "Kaunti kwa mpangilio"),
    "open_profile": ("Open a county profile", "Fungua wasifu wa kaunti"),
    "pick_county": ("Pick a county…", "Chagua kaunti…"),
    "click_hint": ("Click a county on the map to open its profile.",
                   "Bofya kaunti kwenye ramani kufungua wasifu wake."),
    "mshort_count": ("Crimes", "Uhalifu"),
    "mshort_rate": ("Rate per 100,000", "Kiwango kwa 100,000"),
    "mshort_change": ("Change", "Mabadiliko"),
    "mshort_concerns": ("Concerns raised", "Malalamiko"),
    "mshort_resolution": ("Resolution rate", "Kiwango cha utatuzi"),
    "mshort_sentiment": ("Chiefs' sentiment", "Hisia za machifu"),
    "no_forums_in_period": ("No forum was held in this period and area; widen the period to "
                            "see the concerns raised.",
                            "Hakuna baraza lililofanyika katika kipindi na eneo hili; panua "
                            "kipindi kuona malalamiko."),
    "hex_legend": ("Incidents per cell", "Matukio kwa kila heksagoni"),
    "hex_caption": ("{incidents} incidents in {cells} cells.",
                    "Matukio {incidents} katika heksagoni {cells}."),
    "hex_hidden": ("{incidents} incidents in {cells} cells with fewer than 5 are not shown "
                   "(a sensitive category).",
                   "Matukio {incidents} katika heksagoni {cells} zenye chini ya 5 "
                   "hayaonyeshwi (aina nyeti ya uhalifu)."),
    "hex_not_public": ("The hexagon layer is not shown on public screens: its cells locate "
                       "incidents and, beside the county totals, would give hidden small "
                       "counts back. The map shows counties.",
                       "Tabaka la heksagoni halionyeshwi kwenye skrini za umma: heksagoni "
                       "zinaonyesha mahali matukio yalipotokea na, kando ya jumla za kaunti, "
                       "zingefichua idadi ndogo zilizofichwa. Ramani inaonyesha kaunti."),
    # trends page
    "trends": ("Trends", "Mwenendo"),
    "trends_caption": ("Crime month by month for {scope}, {period}, beside the same months a "
                       "year earlier.",
                       "Uhalifu mwezi kwa mwezi kwa {scope}, {period}, pamoja na miezi hiyo "
                       "mwaka mmoja uliopita."),
    "break_down_by": ("Break down by", "Gawanya kwa"),
    "by_total": ("All crime", "Uhalifu wote"),
    "by_category": ("Category", "Aina ya uhalifu"),
    "by_region": ("Region", "Eneo"),
    "by_county": ("County", "Kaunti"),
    "lines_shown": ("Lines shown (largest first)", "Mistari inayoonyeshwa (mikubwa kwanza)"),
    "monthly_title": ("Crimes per month, with the same months a year earlier",
                      "Uhalifu kwa mwezi, pamoja na miezi hiyo mwaka uliopita"),
    "crimes_per_month": ("Crimes per month", "Uhalifu kwa mwezi"),
    "year_earlier": ("same month a year earlier (dashed)",
                     "mwezi huo mwaka uliopita (mstari wa vistari)"),
    "shown_of": ("Showing the {n} largest of {total}; the table and CSV list the same {n}.",
                 "Inaonyesha {n} kubwa zaidi kati ya {total}; jedwali na CSV zina hizo {n}."),
    "period_vs_year_earlier": ("This period vs a year earlier",
                               "Kipindi hiki dhidi ya mwaka uliopita"),
    "ytd": ("Year to date", "Mwaka hadi sasa"),
    "ytd_title": ("Year to date vs last year to date", "Mwaka hadi sasa dhidi ya mwaka jana"),
    "ytd_range": ("{this} vs {last}", "{this} dhidi ya {last}"),
    "small_multiples_title": ("Top categories month by month", "Aina kuu mwezi kwa mwezi"),
    "yearly_title": ("Crimes per calendar year", "Uhalifu kwa kila mwaka"),
    # trends page: notes and captions
    "to_date": ("to date", "hadi sasa"),
    # also the county profile's
    "reporting": ("{n} of {k} counties", "kaunti {n} kati ya {k}"),
    "yearly_only_value": ("Yearly only", "Mwaka tu"),
    "trends_gaps": ("A month without data is a gap, never 0. Hollow markers: not every county "
                    "reported that month.",
                    "Mwezi usio na takwimu ni pengo, si 0. Alama tupu: si kila kaunti iliripoti "
                    "mwezi huo."),
    "to_date_note": ("{month} runs to {day}: it is drawn apart (◇) and is compared per day, "
                     "never as a whole month.",
                     "{month} ni hadi tarehe {day}: imechorwa peke yake (◇) na inalinganishwa "
                     "kwa siku, si kama mwezi mzima."),
    "trends_like_for_like": ("Bars compare like for like: county-months with data in both "
                             "periods.",
                             "Mistari inalinganisha sawa kwa sawa: miezi ya kaunti yenye "
                             "takwimu katika vipindi vyote viwili."),
    "trends_yearly_caption": ("A year shows each county's published yearly figure, or the sum "
                              "of its 12 months when all 12 hold data — never both. A "
                              "part-year has no yearly value (see the year to date above); a "
                              "year marked with a count of counties covers only those.",
                              "Mwaka unaonyesha takwimu rasmi ya mwaka ya kila kaunti, au "
                              "jumla ya miezi yake 12 ikiwa yote ina takwimu — kamwe si zote "
                              "mbili. Sehemu ya mwaka haina thamani ya mwaka (angalia mwaka "
                              "hadi sasa hapo juu); mwaka wenye idadi ya kaunti unahusu hizo "
                              "tu."),
    "not_listed": ("{n} with nothing in either period are not listed.",
                   "{n} zisizo na chochote katika kipindi chochote hazijaorodheshwa."),
    "no_yearly": ("No whole year of crime data in scope yet.",
                  "Bado hakuna mwaka mzima wa takwimu za uhalifu."),
    # emerging threats
    "emerging_caption": ("County × category pairs whose {month} count is well above what "
                         "their own history leads us to expect for the time of year (the "
                         "same month and its neighbours in up to 3 earlier years); most "
                         "severe first.",
                         "Jozi za kaunti × aina ambazo idadi ya {month} iko juu sana ya "
                         "inavyotarajiwa kwa wakati huu wa mwaka (mwezi uleule na jirani zake "
                         "katika hadi miaka 3 iliyopita); kali zaidi kwanza."),
    "no_emerging": ("Nothing is emerging: no county × category is well above its usual "
                    "level for the time of year in {month}.",
                    "Hakuna kinachoibuka: hakuna kaunti × aina iliyo juu sana ya kiwango "
                    "chake cha kawaida kwa wakati huu wa mwaka mwezi {month}."),
    "no_emerging_month": ("No complete month of monthly figures in the chosen period to "
                          "examine for emerging threats (a yearly figure cannot show a "
                          "month's rise).",
                          "Hakuna mwezi kamili wa takwimu za kila mwezi katika kipindi "
                          "kilichochaguliwa wa kuchunguza vitisho vinavyoibuka (takwimu ya "
                          "mwaka haiwezi kuonyesha ongezeko la mwezi)."),
    "baseline_avg": ("usual for the time of year", "kawaida kwa wakati huu wa mwaka"),
    "previous_month": ("previous month", "mwezi uliotangulia"),
    "latest_month": ("latest month", "mwezi wa mwisho"),
    # county profile
    "county_profile": ("County profile", "Wasifu wa kaunti"),
    "choose_county": ("Choose a county to see its profile.", "Chagua kaunti kuona wasifu wake."),
    "profile_caption": ("{region} · population {population} (2019 census) · {period}",
                        "{region} · idadi ya watu {population} (sensa ya 2019) · {period}"),
    "share_hint": ("Share this profile: the page address (…?county={code}) opens it directly.",
                   "Shiriki wasifu huu: anwani ya ukurasa (…?county={code}) huufungua moja "
                   "kwa moja."),
    "observatory": ("Crime observatory", "Uchunguzi wa uhalifu"),
    "forums_commitments": ("Forums and commitments", "Mabaraza na ahadi"),
    "chiefs_reports": ("Chiefs' monthly reports", "Ripoti za kila mwezi za machifu"),
    "rate_vs_title": ("Crime rate per 100,000 a month", "Uhalifu kwa watu 100,000 kwa mwezi"),
    "per_100k_month": ("per 100,000 per month", "kwa watu 100,000 kwa mwezi"),
    "category_change_title": ("Crime by category: this period vs a year earlier",
                              "Uhalifu kwa aina: kipindi hiki dhidi ya mwaka uliopita"),
    "concerns_by_theme": ("Concerns raised there, by theme", "Malalamiko yaliyotolewa, kwa mada"),
    "concerns_fallback": ("No concern raised in the chosen period: showing every concern "
                          "raised up to {end}, at forums and in chiefs' reports.",
                          "Hakuna lalamiko katika kipindi hiki: inaonyesha malalamiko yote hadi "
                          "{end}, kwenye mabaraza na ripoti za machifu."),
    "no_concerns": ("No concern has been raised in this county yet.",
                    "Bado hakuna lalamiko lililotolewa katika kaunti hii."),
    "no_forums": ("No forum has been held in this county yet.",
                  "Bado hakuna baraza lililofanyika katika kaunti hii."),
    "commitments_by_status": ("Commitments made there", "Ahadi zilizotolewa huko"),
    "commitment_list": ("Commitments and due dates", "Ahadi na tarehe za mwisho"),
    "status_as_of": ("Status on {date}; commitments made up to that date.",
                     "Hali tarehe {date}; ahadi zilizotolewa hadi tarehe hiyo."),
    "overdue_days": ("overdue {days} days", "imechelewa siku {days}"),
    "sentiment_compliance": ("Sentiment and compliance", "Hisia na utiifu wa kuripoti"),
    "compliance": ("Reporting compliance", "Utiifu wa kuripoti"),
    "chief_top_themes": ("Chiefs' top concerns", "Wasiwasi mkuu wa machifu"),
    "county_emerging": ("Emerging threats", "Vitisho vinavyoibuka"),
    "rates_line": ("Per 100,000 in the period: {county} {rate} · {region} {rate_region} · "
                   "Kenya {rate_kenya}",
                   "Kwa watu 100,000 katika kipindi: {county} {rate} · {region} {rate_region} "
                   "· Kenya {rate_kenya}"),
    "forums_line": ("{forums} forums held in the period.",
                    "Mabaraza {forums} yalifanyika katika kipindi."),
    "overdue_line": ("{overdue} overdue on {date}; {unverified} more past due, not yet "
                     "verified (not overdue).",
                     "{overdue} zimepitwa na muda {date}; {unverified} zaidi zimepita muda, "
                     "hazijathibitishwa (si zilizochelewa)."),
    "reports_of": ("{reports} of {expected} reports", "ripoti {reports} kati ya {expected}"),
    "kpi_crimes": ("Crimes", "Uhalifu"),
    "kpi_rate": ("Per 100,000", "Kwa 100,000"),
    "kpi_concerns": ("Concerns raised", "Malalamiko"),
    "kpi_commitments": ("Commitments", "Ahadi"),
    "kpi_compliance": ("Compliance", "Utiifu"),
    "kpi_sentiment_median": ("Median sentiment (1–5)", "Hisia ya kati (1–5)"),
    "sentiment_low_n": ("low (1–2): {low} · n = {n}", "chini (1–2): {low} · n = {n}"),
    "open_short": ("Profile", "Wasifu"),
    "overdue_word": ("overdue", "zimechelewa"),
    "verdict_significant": ("significant", "mabadiliko halisi"),
    "verdict_possible": ("possible", "huenda ni halisi"),
    "verdict_too few to tell": ("too few to tell", "idadi ni ndogo mno kujua"),
    "verdict_no clear change": ("no clear change", "hakuna mabadiliko ya wazi"),
    "verdict_no data to compare": ("no data to compare", "hakuna data ya kulinganisha"),
    # county profile: crime notes
    "yearly_only": ("Crimes: yearly figures only for this period, no monthly figures. Choose "
                    "a whole calendar year to see the published yearly figure.",
                    "Uhalifu: takwimu za mwaka pekee kwa kipindi hiki, hakuna za kila mwezi. "
                    "Chagua mwaka mzima kuona takwimu rasmi ya mwaka."),
    "no_crime_data": ("Crimes: no data for this period.",
                      "Uhalifu: hakuna takwimu kwa kipindi hiki."),
    "no_rate": ("no rate (data for {n} of {k} months)",
                "hakuna kiwango (takwimu za miezi {n} kati ya {k})"),
    "change_line": ("{current} vs {previous} crimes, like for like: {change}{verdict}.",
                    "Uhalifu {current} dhidi ya {previous}, sawa kwa sawa: {change}{verdict}."),
    "hidden_rate": ("hidden (<5)", "imefichwa (<5)"),
    "profile_gaps": ("A month without data is a gap, never 0; a region's or Kenya's month "
                     "counts the counties that reported it, over their population.",
                     "Mwezi usio na takwimu ni pengo, si 0; mwezi wa eneo au wa Kenya "
                     "unahesabu kaunti zilizoripoti, kwa idadi ya watu wao."),
    "to_date_left_out": ("{month} is still running (to day {day}): it is left out of the "
                         "monthly lines, where a part month would read as a fall.",
                         "{month} bado inaendelea (hadi tarehe {day}): imeachwa nje ya mistari "
                         "ya kila mwezi, ambapo mwezi usiokamilika ungeonekana kama kushuka."),
    "change_vs": ("Change {note}.", "Mabadiliko: {note}."),
    "profile_like_for_like": ("Bars compare like for like: months with data in both periods.",
                              "Mistari inalinganisha sawa kwa sawa: miezi yenye takwimu katika "
                              "vipindi vyote viwili."),
    # --- commitments, chain and recording progress ---
    "commitments_title": ("Commitments: are promises kept?", "Ahadi: je, zinatimizwa?"),
    "commitments_caption": (
        "{scope}: status of every commitment as of {as_of}.",
        "{scope}: hali ya kila ahadi hadi {as_of}.",
    ),
    "commitments_counted": ("Commitments counted", "Ahadi zinazohesabiwa"),
    "made_scope_all": ("All made up to the end of the period",
                       "Zote zilizotolewa hadi mwisho wa kipindi"),
    "made_scope_period": ("Only those made in the period", "Zilizotolewa katika kipindi tu"),
    "made_in_period": ("Only commitments made in {period}.",
                       "Ahadi zilizotolewa katika {period} tu."),
    "fulfilled_or_partly": ("Fulfilled or partly", "Zimetimizwa au kwa sehemu"),
    "on_time_share": ("On time, of fulfilled with a due date",
                      "Kwa wakati, kati ya zilizotimizwa zenye tarehe"),
    "median_days": ("Median days to fulfil", "Siku za kati hadi kutimizwa"),
    "tab_resolution": ("Resolution", "Utatuzi"),
    "tab_overdue": ("Overdue", "Zilizochelewa"),
    "tab_scorecard": ("Institution scorecard", "Kadi ya utendaji wa taasisi"),
    "tab_over_time": ("Since the forum", "Tangu baraza"),
    "tab_export": ("Export", "Pakua"),
    "cm_break_down_by": ("Break down by", "Gawanya kwa"),
    "cm_by_region": ("Region", "Eneo"),
    "cm_by_county": ("County", "Kaunti"),
    "cm_by_institution": ("Institution", "Taasisi"),
    "cm_by_theme": ("Theme", "Mada"),
    "resolution_by": ("Commitment resolution by {by}", "Utatuzi wa ahadi kwa {by}"),
    "cm_status_as_of": ("Status as of {date}. Grey: not yet verified (counted apart, never as "
                     "failure).",
                     "Hali hadi {date}. Kijivu: bado haijathibitishwa (inahesabiwa kando, si "
                     "kushindwa)."),
    "show_due_soon": ("Also show commitments due in the next 30 days",
                      "Onyesha pia ahadi zinazotarajiwa ndani ya siku 30"),
    "overdue_title": ("Overdue commitments ({n}), oldest first",
                      "Ahadi zilizochelewa ({n}), za zamani kwanza"),
    # public screens: the overdue count without its list (data_access.commitments)
    "overdue_count_title": ("Overdue commitments ({n})", "Ahadi zilizochelewa ({n})"),
    "cm_lists_not_public": ("Lists of individual commitments are not shown on public "
                            "screens.",
                            "Orodha za ahadi moja moja hazionyeshwi kwenye skrini za umma."),
    # public screens: commitments by region, all themes, to date (data_access.commitments)
    "cm_public_note": ("Commitments on public screens: all themes, since forums began, by "
                       "region. Status as of {date}.",
                       "Ahadi kwenye skrini za umma: mada zote, tangu mabaraza yalipoanza, "
                       "kwa eneo. Hali kufikia {date}."),
    "cm_public_area": ("Figures for {area}.", "Takwimu za {area}."),
    "cm_public_region": ("{name} region", "eneo la {name}"),
    "cm_by_status": ("Status", "Hali"),
    "cm_not_public": ("Commitments by county, theme, institution or forum, and their timing "
                      "(days to fulfil, on time, fulfilment since the forum), are not shown "
                      "on public screens.",
                      "Ahadi kwa kaunti, mada, taasisi au baraza, na muda wake (siku hadi "
                      "kutimizwa, kwa wakati, utimizaji tangu baraza), hazionyeshwi kwenye "
                      "skrini za umma."),
    "overdue_caption": ("The chart shows the 25 oldest; the table and CSV list them all.",
                        "Chati inaonyesha 25 za zamani zaidi; jedwali na CSV zinaorodhesha "
                        "zote."),
    "overdue_list": ("Overdue list (red rows are overdue)",
                     "Orodha ya zilizochelewa (safu nyekundu zimechelewa)"),
    "show_past_due_unverified": ("Also list those past due but not yet verified ({n})",
                                 "Orodhesha pia zilizopita muda bila kuthibitishwa ({n})"),
    "past_due_unverified_by": ("Past due by {days} days, not yet verified",
                               "Imepita muda siku {days}, haijathibitishwa"),
    "overdue_by": ("Overdue by {days} days", "Imechelewa siku {days}"),
    "due_in": ("Due in {days} days", "Inatarajiwa baada ya siku {days}"),
    "open_chain": ("Open chain", "Fungua mnyororo"),
    "scorecard_title": ("Institution scorecard", "Kadi ya utendaji wa taasisi"),
    "scorecard_measure": ("Compare by", "Linganisha kwa"),
    "scorecard_across": ("Institutions compared across each {across}",
                         "Taasisi zikilinganishwa kwa kila {across}"),
    "scorecard_caption": ("Each cell: the measure with its counts. Blank: nothing promised "
                          "there. The colour scale is fixed, so screenshots compare.",
                          "Kila kisanduku: kipimo na idadi zake. Tupu: hakuna ahadi hapo. "
                          "Rangi hazibadiliki, hivyo picha zinalinganishwa."),
    "curve_by_region": ("One line per region", "Mstari mmoja kwa kila eneo"),
    "curve_title": ("Share fulfilled by months since the forum",
                    "Sehemu iliyotimizwa kwa miezi tangu baraza"),
    "kpi_unverified_apart": ("{n} unverified (counted apart)",
                             "{n} hazijathibitishwa (zinahesabiwa kando)"),
    "kpi_fulfilled_of_verified": ("{f} fulfilled of {v} verified",
                                  "{f} zimetimizwa kati ya {v} zilizothibitishwa"),
    "kpi_partly": ("{f} + {p} partly, of {v}", "{f} + {p} kwa sehemu, kati ya {v}"),
    "kpi_of_made": ("of {n} made", "kati ya {n} zilizotolewa"),
    "kpi_on_time": ("{n} fulfilled on or before the due date, of {d} fulfilled with a due "
                    "date",
                    "{n} zilitimizwa kufikia tarehe ya mwisho, kati ya {d} zilizotimizwa "
                    "zenye tarehe ya mwisho"),
    "kpi_days": ("{n} days", "siku {n}"),
    "kpi_over_fulfilled": ("over {n} fulfilled", "kwa {n} zilizotimizwa"),
    "curve_caption": ("A point is drawn only where at least {n} verified commitments are "
                      "old enough to show it.",
                      "Kila nukta inaonyeshwa tu pale ahadi {n} zilizothibitishwa au zaidi "
                      "zimefikia umri huo."),
    "forums_title": ("Each forum: resolution against time since it was held",
                     "Kila baraza: utatuzi dhidi ya muda tangu lifanyike"),
    "export_intro": ("Every commitment in scope with its status as of {date} and its current "
                     "status, and the full history of status updates. CSV per table below; "
                     "Excel with both sheets here.",
                     "Kila ahadi na hali yake hadi {date} na hali ya sasa, pamoja na historia "
                     "kamili. CSV kwa kila jedwali hapa chini; Excel yenye karatasi zote mbili "
                     "hapa."),
    "download_xlsx": ("Download Excel (commitments + history)",
                      "Pakua Excel (ahadi + historia)"),
    "export_commitments": ("Commitments with their status", "Ahadi na hali zake"),
    "export_history": ("Status history", "Historia ya hali"),
    "chain_title": ("Forum → concern → commitment", "Baraza → lalamiko → ahadi"),
    "chain_caption": ("Follow what citizens raised to what was promised and what happened "
                      "since, or start from a commitment and go back to its forum.",
                      "Fuatilia walichosema wananchi hadi ahadi na yaliyofuata, au anza na "
                      "ahadi urudi kwenye baraza lake."),
    "chain_start": ("Start from", "Anza na"),
    "chain_from_forum": ("A forum", "Baraza"),
    "chain_from_commitment": ("A commitment", "Ahadi"),
    "pick_forum": ("Forum", "Baraza"),
    "chain_no_forums": ("No forum in {scope} during {period}; showing all forums there.",
                        "Hakuna baraza {scope} katika {period}; zinaonyeshwa zote."),
    "held_on": ("Held on", "Lilifanyika"),
    "attendance": ("Attendance", "Waliohudhuria"),
    "fulfilled_now": ("Fulfilled now", "Zimetimizwa sasa"),
    "venue": ("Venue", "Mahali"),
    "timeline_title": ("Commitments over time", "Ahadi kwa muda"),
    "timeline_caption": ("Grey line: from the day promised to today (or fulfilment); red: "
                         "past the due date (◇); dots: status updates.",
                         "Mstari wa kijivu: tangu siku ya ahadi hadi leo (au kutimizwa); "
                         "nyekundu: baada ya tarehe (◇); vitone: taarifa za hali."),
    "concerns_and_commitments": ("Concerns raised and the commitments answering them",
                                 "Malalamiko na ahadi zilizoyajibu"),
    "raised_on": ("raised on", "lilitolewa"),
    "raised_by": ("by", "na"),
    "made_on": ("Made", "Ilitolewa"),
    "due_on": ("due", "tarehe ya mwisho"),
    "no_commitment": ("No commitment was made in answer to this concern.",
                      "Hakuna ahadi iliyotolewa kujibu lalamiko hili."),
    "follow_commitment": ("Follow", "Fuatilia"),
    "history_n": ("Status history ({n} recorded)", "Historia ya hali ({n} zimerekodiwa)"),
    "no_updates": ("No status update recorded yet: unverified.",
                   "Hakuna taarifa ya hali bado: haijathibitishwa."),
    "find_commitment": ("Find a commitment (id or words of its title)",
                        "Tafuta ahadi (namba au maneno ya kichwa)"),
    "find_placeholder": ("e.g. 112 or patrol", "mf. 112 au doria"),
    "pick_commitment": ("Commitment", "Ahadi"),
    "no_commitment_found": ("No commitment matches.", "Hakuna ahadi inayolingana."),
    "chain_forum": ("FORUM", "BARAZA"),
    "chain_concern": ("CONCERN RAISED", "LALAMIKO"),
    "chain_commitment": ("COMMITMENT", "AHADI"),
    "show_forum": ("Show the whole forum", "Onyesha baraza lote"),
    "origin_chief_report": ("Raised in a chief's report", "Kutoka ripoti ya chifu"),
    "origin_live_capture": ("Captured live", "Lilinaswa moja kwa moja"),
    "evidence": ("Evidence", "Ushahidi"),
    "record_progress": ("Record progress", "Rekodi maendeleo"),
    "history_title": ("Status history", "Historia ya hali"),
    "record_title": ("Record progress on a commitment", "Rekodi maendeleo ya ahadi"),
    "record_caption": ("Each update is added to the history; nothing is overwritten. "
                       "'Fulfilled' needs evidence.",
                       "Kila taarifa huongezwa kwenye historia; hakuna kinachofutwa. "
                       "'Imetimizwa' inahitaji ushahidi."),
    "record_hidden_public": ("Recording progress is not available in presenter mode. "
                             "Leave the public screen (access code, in the sidebar) to "
                             "record an update.",
                             "Kurekodi maendeleo hakupatikani katika hali ya uwasilishaji. "
                             "Ondoka kwenye skrini ya umma (msimbo wa kuingia, pembeni) "
                             "kurekodi."),
    "current_status": ("Current status", "Hali ya sasa"),
    "see_chain": ("See its forum and concern", "Ona baraza na lalamiko lake"),
    "changed_since_loaded": ("Someone else updated this commitment after you opened it "
                             "(version {loaded} → {now}). Check the history, then load the "
                             "latest version before saving.",
                             "Mtu mwingine amesasisha ahadi hii baada ya wewe kuifungua "
                             "(toleo {loaded} → {now}). Angalia historia, kisha pakia toleo "
                             "jipya kabla ya kuhifadhi."),
    "load_latest": ("Load the latest version", "Pakia toleo jipya"),
    "new_update": ("New status update", "Taarifa mpya ya hali"),
    "new_status": ("Status", "Hali"),
    "update_date": ("Date of the update", "Tarehe ya taarifa"),
    "evidence_ref": ("Evidence reference", "Rejea ya ushahidi"),
    "evidence_help": ("Report number, letter, photo file or site visit; required for "
                      "'fulfilled'.",
                      "Namba ya ripoti, barua, picha au ziara; inahitajika kwa 'imetimizwa'."),
    "note": ("Note", "Maelezo"),
    "recorded_by": ("Recorded by (name or office)", "Imerekodiwa na (jina au ofisi)"),
    "based_on_version": ("Saving against version {version} of this commitment.",
                         "Inahifadhiwa dhidi ya toleo {version} la ahadi hii."),
    "save_update": ("Save update", "Hifadhi taarifa"),
    "not_saved": ("Not saved.", "Haijahifadhiwa."),
    "saved": ("Saved: {status} on {date}.", "Imehifadhiwa: {status} tarehe {date}."),
    "saved_not_latest": ("The current status stays {status}: a later update exists.",
                         "Hali ya sasa inabaki {status}: kuna taarifa ya baadaye."),
    # --- import, export and briefing pages (data in and out) ---
    "imp_title": ("Import data", "Ingiza data"),
    "imp_intro": ("Upload a CSV or Excel file made from a template. Every row is checked "
                  "first; nothing is written until you press Import, and a file with "
                  "problems is written only if you choose to skip the rejected rows.",
                  "Pakia faili la CSV au Excel lililotengenezwa kwa kiolezo. Kila safu "
                  "hukaguliwa kwanza; hakuna kinachohifadhiwa hadi ubonyeze Ingiza."),
    "imp_kind": ("What the file holds", "Faili lina nini"),
    "imp_templates": ("Blank templates", "Violezo tupu"),
    "imp_template_csv": ("Template (CSV)", "Kiolezo (CSV)"),
    "imp_template_xlsx": ("Template (Excel)", "Kiolezo (Excel)"),
    "imp_columns": ("Columns of this template", "Safu za kiolezo hiki"),
    "imp_upload": ("File to import (.csv or .xlsx)", "Faili la kuingiza (.csv au .xlsx)"),
    "imp_checking": ("Checking every row…", "Inakagua kila safu…"),
    "imp_preview": ("Check (dry run)", "Ukaguzi (bila kuhifadhi)"),
    "imp_ready": ("Every row is valid. Nothing has been written yet.",
                  "Kila safu ni sahihi. Hakuna kilichohifadhiwa bado."),
    "imp_problems": ("{n} row(s) cannot be imported. Nothing has been written.",
                     "Safu {n} haziwezi kuingizwa. Hakuna kilichohifadhiwa."),
    "imp_refused": ("The file was refused. Nothing has been written.",
                    "Faili limekataliwa. Hakuna kilichohifadhiwa."),
    "imp_fuzzy": ("How some values were read (closest county names, cleaned cells)",
                  "Jinsi baadhi ya thamani zilivyosomwa (majina ya kaunti yaliyokisiwa, "
                  "visanduku vilivyosafishwa)"),
    "imp_skip": ("Skip the rejected rows and import the valid ones",
                 "Ruka safu zenye makosa na uingize zilizo sahihi"),
    "imp_button": ("Import", "Ingiza"),
    "imp_done": ("Imported: {summary}", "Imeingizwa: {summary}"),
    "imp_nothing_new": ("Nothing new: every row is already in the database.",
                        "Hakuna jipya: kila safu tayari iko kwenye hifadhidata."),
    "imp_rejects": ("Download rejected rows with reasons (CSV)",
                    "Pakua safu zilizokataliwa na sababu (CSV)"),
    "imp_public": ("Importing is not available in presenter mode.",
                   "Kuingiza data hakupatikani katika hali ya uwasilishaji."),
    "exp_title": ("Export & briefing", "Pakua na taarifa fupi"),
    "exp_brief": ("Briefing pack", "Taarifa fupi"),
    "exp_brief_intro": ("A brief for a county or a region with the filters in the sidebar: "
                        "map, key numbers with their definitions, trend, emerging threats "
                        "and overdue commitments, as PDF and as HTML that opens offline.",
                        "Taarifa fupi ya kaunti au eneo kwa vichujio vilivyochaguliwa, kama "
                        "PDF na HTML inayofunguka bila mtandao."),
    "exp_area": ("Area", "Eneo"),
    "exp_build": ("Build the briefing pack", "Tengeneza taarifa fupi"),
    "exp_building": ("Building the brief…", "Inatengeneza taarifa…"),
    "exp_built": ("Brief ready in {seconds:.1f} s.",
                  "Taarifa iko tayari kwa sekunde {seconds:.1f}."),
    "exp_pdf": ("Download PDF", "Pakua PDF"),
    "exp_html": ("Download HTML (opens offline)", "Pakua HTML (hufunguka bila mtandao)"),
    "exp_data": ("Data exports", "Kupakua data"),
    "exp_data_intro": ("Each kind of data in its import template's columns, so a file "
                       "exported here can be imported again unchanged.",
                       "Kila aina ya data katika safu za kiolezo chake cha kuingiza."),
    "exp_scope": ("Rows to include", "Safu za kujumuisha"),
    "exp_scope_all": ("Everything in the database", "Kila kitu kwenye hifadhidata"),
    "exp_scope_filters": ("Only the area and period in the sidebar",
                          "Eneo na kipindi kilichochaguliwa pekee"),
    "exp_metrics": ("County metrics", "Takwimu za kaunti"),
    "exp_public_records": ("Lists of individual records (incidents, forums, concerns, "
                           "commitments and their updates, chiefs' reports, published "
                           "counts) are not offered on public screens. The county metrics "
                           "below are figures as the public pages show them.",
                           "Orodha za kumbukumbu moja moja (matukio, mabaraza, malalamiko, "
                           "ahadi na masasisho yake, ripoti za machifu, idadi "
                           "zilizochapishwa) hazitolewi kwenye skrini za umma. Takwimu za "
                           "kaunti hapa chini ni kama kurasa za umma zinavyozionyesha."),
    "exp_public_counts": ("public screen: counts as the pages show them (<5 for 1–4; ≈ or a "
                          "range where a figure holds hidden counts)",
                          "skrini ya umma: idadi kama kurasa zinavyozionyesha (<5 kwa 1–4; ≈ "
                          "au kiwango pale takwimu ina idadi zilizofichwa)"),
    "brief_title": ("Security brief", "Taarifa fupi ya usalama"),
    "brief_generated": ("Generated", "Imetolewa"),
    "brief_area": ("Area", "Eneo"),
    "brief_key_numbers": ("Key numbers", "Takwimu muhimu"),
    "brief_trend": ("Crimes recorded per month", "Uhalifu ulioripotiwa kwa mwezi"),
    "brief_per_month": ("crimes per month", "uhalifu kwa mwezi"),
    "brief_per_100k": ("per 100,000", "kwa watu 100,000"),
    "brief_category": ("Category", "Aina"),
    "brief_why": ("Why it is flagged", "Kwa nini"),
    "brief_commitment": ("Commitment", "Ahadi"),
    "brief_institution": ("Institution", "Taasisi"),
    "brief_due": ("Due", "Tarehe ya mwisho"),
    "brief_days_overdue": ("Days overdue", "Siku zilizopita"),
    "brief_definitions": ("Definitions", "Maana ya takwimu"),
    "brief_no_emerging": ("No emerging threats in this period.",
                          "Hakuna vitisho vinavyoibuka katika kipindi hiki."),
    "brief_no_overdue": ("No overdue commitments.", "Hakuna ahadi zilizopitwa na muda."),
    "brief_vs_previous": ("{pct}({count:,} vs {previous:,}; {verdict})",
                          "{pct}({count:,} dhidi ya {previous:,}; {verdict})"),
    "brief_population": ("population {n:,} (2019)", "idadi ya watu {n:,} (2019)"),
    "brief_attended": ("{n:,} attended", "{n:,} walihudhuria"),
    "brief_unverified": ("{n} unverified", "{n} hazijathibitishwa"),
    "brief_verified": ("{a} of {b} verified", "{a} kati ya {b} zimethibitishwa"),
    "brief_as_of": ("as of {date}", "hadi {date}"),
    "brief_all_crime": ("All crime", "Uhalifu wote"),
    "brief_year_earlier": ("same month a year earlier", "mwezi huo mwaka uliopita"),
    "brief_trend_hidden": ("Every monthly count here is under 5 and hidden on a public screen.",
                           "Kila idadi ya mwezi hapa iko chini ya 5 na imefichwa."),
    # briefing pack: crime figures
    "brief_vs_year_earlier": ("vs a year earlier", "dhidi ya mwaka mmoja kabla"),
    "brief_vs": ("vs", "dhidi ya"),
    "brief_no_comparison": ("no data a year earlier to compare with",
                            "hakuna data ya mwaka mmoja kabla ya kulinganisha"),
    "brief_counties_complete": ("{a} of {b} counties with data for the whole period",
                                "kaunti {a} kati ya {b} zenye data ya kipindi chote"),
    "brief_compared_with": ("Compared with", "Ikilinganishwa na"),
    "brief_coverage": ("Crime data", "Data ya uhalifu"),
    "brief_comparison": ("Change", "Mabadiliko"),
    "brief_hidden": ("* Counts of 1–4 are hidden (public screen or a sensitive category); on "
                     "a public screen a total that includes them counts each as 2.5 and "
                     "reads as an estimate (≈) or a range.",
                     "* Idadi za 1–4 zimefichwa (skrini ya umma au aina nyeti ya uhalifu); "
                     "kwenye skrini ya umma jumla inayozijumuisha huhesabu kila moja kama 2.5 "
                     "na huonyeshwa kama makadirio (≈) au kiwango."),
    "brief_trend_gaps": ("A gap in the line is a month without data, never 0.",
                         "Pengo kwenye mstari ni mwezi usio na data, si 0."),
    # Forums page (views/forums.py)
    "fo_title": ("Forums: what each edition heard", "Mabaraza: kila toleo lilisikia nini"),
    "fo_caption": ("Jukwaa la Usalama editions in {scope}, {period}: who came, what they "
                   "raised and what was promised.",
                   "Matoleo ya Jukwaa la Usalama, {scope}, {period}: nani alihudhuria, "
                   "walilalamikia nini na nini kiliahidiwa."),
    "fo_attendance_help": ("People recorded as attending the forums held in the period "
                           "(each forum's total attendance).",
                           "Watu waliorekodiwa kuhudhuria mabaraza ya kipindi (jumla ya "
                           "kila baraza)."),
    "fo_wy_share": ("Women's groups + youth", "Vikundi vya wanawake + vijana"),
    "fo_wy_of": ("{n} of {k} forums recorded by group", "mabaraza {n} kati ya {k} yenye "
                 "makundi"),
    "fo_no_forum_yet": ("No forum yet", "Bado hakuna baraza"),
    "fo_none_in_period": ("None in period", "Hakuna katika kipindi"),
    "fo_no_groups": ("No breakdown by group", "Hakuna mgawanyo kwa makundi"),
    "fo_no_forum_q": ("No forum this quarter", "Hakuna baraza robo hii"),
    "fo_quarter": ("Q{q} {year}", "Robo {q} {year}"),
    "fo_held_in_period": ("Forums held in the period", "Mabaraza katika kipindi"),
    "fo_held_to_date": ("Held up to the end of the period",
                        "Yaliyofanyika hadi mwisho wa kipindi"),
    "fo_last_held": ("Last held", "La mwisho"),
    "fo_forums_in_period": ("Forums in period", "Mabaraza katika kipindi"),
    "fo_map_title": ("Where forums were held", "Mahali mabaraza yalifanyika"),
    "fo_map_caption": ("Grey: no forum held there yet (not 0). \"None in period\": forums "
                       "were held there before the period.",
                       "Kijivu: bado hakuna baraza lililofanyika hapo (si 0). \"Hakuna "
                       "katika kipindi\": mabaraza yalifanyika kabla ya kipindi."),
    "fo_timeline_title": ("Editions over time, by region", "Matoleo kwa muda, kwa eneo"),
    "fo_timeline_caption": ("One marker per forum, sized by attendance.",
                            "Alama moja kwa kila baraza, ukubwa kwa idadi ya waliohudhuria."),
    "fo_timeline_public": ("Public screen: one marker per region and month with a forum.",
                           "Skrini ya umma: alama moja kwa eneo na mwezi wenye baraza."),
    "fo_public_hover": ("{region}, {month}: {n} forum(s) held",
                        "{region}, {month}: mabaraza {n}"),
    "fo_attended": ("{n} attended", "{n} walihudhuria"),
    "fo_people_not_public": ("Public screen: attendance by group, concerns by theme, "
                             "recurring themes and commitments per forum are not shown (small "
                             "groups could point at people, and public figures of concerns "
                             "and commitments are by region only). The region figures follow.",
                             "Skrini ya umma: mahudhurio kwa makundi, malalamiko kwa mada, "
                             "mada zinazojirudia na ahadi kwa kila baraza hayaonyeshwi (makundi "
                             "madogo yanaweza kutambulisha watu, na takwimu za umma za "
                             "malalamiko na ahadi ni kwa eneo tu). Takwimu za maeneo zinafuata."),
    "fo_public_concerns": ("Concerns raised, by region", "Malalamiko kwa eneo"),
    "fo_public_concerns_note": ("All themes, since records began (public figures are by "
                                "region only).",
                                "Mada zote, tangu kumbukumbu zianze (takwimu za umma ni kwa "
                                "eneo tu)."),
    "fo_at_forums": ("At forums", "Kwenye mabaraza"),
    "fo_in_chief_reports": ("In chiefs' reports", "Kwenye ripoti za machifu"),
    "fo_public_commitments": ("Commitments, by region", "Ahadi kwa eneo"),
    "fo_fulfilled": ("Fulfilled", "Zimetimizwa"),
    "fo_stalled": ("Stalled", "Zimekwama"),
    "fo_overdue": ("Overdue", "Zimechelewa"),
    "fo_one_forum": ("One forum", "Baraza moja"),
    "fo_none_anywhere": ("No forum yet in {scope}: none has been held there.",
                         "Bado hakuna baraza {scope}: hakuna lililofanyika hapo."),
    "fo_open_chain": ("Open this forum's concerns and commitments (forum → commitment chain)",
                      "Fungua malalamiko na ahadi za baraza hili (mnyororo wa baraza → ahadi)"),
    "fo_open_chain_of": ("Chain of {name}", "Mnyororo wa {name}"),
    "fo_concerns_n": ("{n} concerns raised", "malalamiko {n}"),
    "fo_stalled_n": ("{n} stalled", "{n} zimekwama"),
    "fo_status_as_of": ("Commitment status as of {date}.", "Hali ya ahadi hadi {date}."),
    "fo_attendance_title": ("Attendance by group", "Mahudhurio kwa makundi"),
    "fo_attendance_caption": ("Women's groups and youth highlighted; share of the attendance "
                              "recorded by group.",
                              "Vikundi vya wanawake na vijana vimeangaziwa; sehemu ya "
                              "mahudhurio yaliyorekodiwa kwa makundi."),
    "fo_no_groups_forum": ("This forum recorded no attendance by group (missing, not 0).",
                           "Baraza hili halikurekodi mahudhurio kwa makundi (hayapo, si 0)."),
    "fo_not_recorded": ("not recorded", "haijarekodiwa"),
    "fo_attendees": ("Attendees", "Waliohudhuria"),
    "fo_share_pct": ("Share %", "Asilimia"),
    "fo_forum_themes_title": ("Concerns raised at this forum, by theme",
                              "Malalamiko ya baraza hili kwa mada"),
    "fo_across": ("Across the forums", "Mabaraza yote"),
    "fo_across_caption": ("Forums held in {scope}, {period}.",
                          "Mabaraza yaliyofanyika {scope}, {period}."),
    "fo_attendance_all_title": ("Attendance by group, all forums in the period",
                                "Mahudhurio kwa makundi, mabaraza yote ya kipindi"),
    "fo_all_forums": ("All forums", "Mabaraza yote"),
    "fo_wy_region_title": ("Women's groups + youth, by region",
                           "Vikundi vya wanawake + vijana, kwa eneo"),
    "fo_wy_caption": ("Share of the attendance recorded by group. Forums record women's "
                      "groups, not women.",
                      "Sehemu ya mahudhurio yaliyorekodiwa kwa makundi. Mabaraza hurekodi "
                      "vikundi vya wanawake, si wanawake."),
    "fo_wy_time_title": ("Women's groups + youth over time", "Vikundi vya wanawake + vijana "
                         "kwa muda"),
    "fo_wy_time_caption": ("By calendar quarter of the forum. A quarter with no forum (or none "
                           "recorded by group) is a gap, never 0%.",
                           "Kwa robo ya mwaka ya baraza. Robo isiyo na baraza (au bila "
                           "makundi) ni pengo, si 0%."),
    "fo_with_groups": ("Recorded by group", "Yenye makundi"),
    "fo_recorded": ("Attendance recorded by group", "Mahudhurio yaliyorekodiwa kwa makundi"),
    "fo_region_themes_title": ("Concerns raised at forums, by theme and region",
                               "Malalamiko ya mabaraza kwa mada na eneo"),
    "fo_region_themes_caption": ("Concerns raised at forums held in the period.",
                                 "Malalamiko yaliyotolewa kwenye mabaraza ya kipindi."),
    "fo_recur_level": ("Recurring within the same", "Yanayojirudia ndani ya"),
    "fo_recur_county": ("County", "Kaunti"),
    "fo_recur_region": ("Region", "Eneo"),
    "fo_recur_title": ("Themes that recur across editions", "Mada zinazojirudia katika matoleo"),
    "fo_recur_caption": ("Raised at 2 or more forums in the same area, over every forum held "
                         "there up to {end}.",
                         "Zilizotolewa kwenye mabaraza 2 au zaidi katika eneo moja, hadi {end}."),
    "fo_recur_none": ("No theme was raised at 2 or more forums in the same area up to {end}.",
                      "Hakuna mada iliyotolewa kwenye mabaraza 2 au zaidi katika eneo moja hadi "
                      "{end}."),
    "fo_editions": ("Editions", "Matoleo"),
    "fo_editions_of": ("{n} of {k}", "{n} kati ya {k}"),
    "fo_first_raised": ("First raised", "Mara ya kwanza"),
    "fo_last_raised": ("Last raised", "Mara ya mwisho"),
    "fo_commitments_title": ("Commitments made at each forum, and their status",
                             "Ahadi za kila baraza na hali yake"),
    "fo_chain_hint": ("Pick a forum above to open its chain.",
                      "Chagua baraza hapo juu kufungua mnyororo wake."),
    "fo_outcome_fulfilled": ("Fulfilled", "Zimetimizwa"),
    "fo_outcome_stalled": ("Stalled", "Zimekwama"),
    "fo_outcome_overdue": ("Overdue (not stalled)", "Zimechelewa (hazijakwama)"),
    "fo_outcome_other": ("Other (open, unverified, closed)",
                         "Nyingine (zinaendelea, hazijathibitishwa, zimefungwa)"),
    "brief_trend_partial": ("Not every county in the area reported in {k} of {n} months "
                            "(fewest: {least} of {counties} in {month}).",
                            "Si kila kaunti ya eneo iliripoti katika miezi {k} kati ya {n} "
                            "(chache zaidi: {least} kati ya {counties}, {month})."),
    # Compare page (views/compare.py)
    "compare": ("Compare areas", "Linganisha maeneo"),
    "cmp_caption": ("Counties, regions and Kenya side by side, {period}, on shared axes and "
                    "scales. The areas chosen are kept in the page's link, so a "
                    "comparison can be sent as it is.",
                    "Kaunti, maeneo na Kenya ubavu kwa ubavu, {period}, kwa mihimili na "
                    "vipimo vilevile. Maeneo yaliyochaguliwa huhifadhiwa kwenye kiungo cha "
                    "ukurasa, hivyo ulinganisho unaweza kutumwa kama ulivyo."),
    "cmp_areas": ("Areas to compare (2–8)", "Maeneo ya kulinganisha (2–8)"),
    "cmp_pick_prompt": ("Choose at least two areas, or use a quick pick.",
                        "Chagua angalau maeneo mawili, au tumia chaguo la haraka."),
    "cmp_quick": ("Quick picks", "Chaguo za haraka"),
    "cmp_my_region": ("Counties of my region", "Kaunti za eneo langu"),
    "cmp_region_kenya": ("My region vs Kenya", "Eneo langu dhidi ya Kenya"),
    "cmp_neighbours": ("Neighbours of a county", "Majirani wa kaunti"),
    "cmp_show": ("Compare", "Linganisha"),
    "cmp_region_capped": ("{region} has {n} counties: the {k} most populous are compared; "
                          "the ranking below lists every one.",
                          "{region} ina kaunti {n}: {k} zenye watu wengi zaidi "
                          "zinalinganishwa; orodha ya nafasi hapa chini inazitaja zote."),
    "cmp_link": ("Link to this comparison", "Kiungo cha ulinganisho huu"),
    "cmp_summary": ("Side by side", "Ubavu kwa ubavu"),
    "cmp_rate_trend": ("Crime rate per 100,000, month by month",
                       "Kiwango cha uhalifu kwa watu 100,000, mwezi kwa mwezi"),
    "cmp_gaps": ("A month without data is a gap, never 0. Each area's rate counts the "
                 "counties that reported that month, over their population.",
                 "Mwezi usio na data ni pengo, kamwe si 0. Kiwango cha kila eneo "
                 "kinahesabu kaunti zilizoripoti mwezi huo, kwa idadi ya watu wao."),
    "cmp_categories": ("Top crime categories: change vs a year earlier",
                       "Aina kuu za uhalifu: mabadiliko ikilinganishwa na mwaka uliopita"),
    "cmp_change_axis": ("change", "mabadiliko"),
    "cmp_categories_note": ("The same categories in every panel: those ranked highest in "
                            "any area. Bars are coloured only for a significant or "
                            "possible change; counts are beside every %.",
                            "Aina zilezile katika kila paneli: zilizo juu zaidi katika eneo "
                            "lolote. Rangi ni kwa mabadiliko makubwa au yanayowezekana "
                            "tu; idadi iko kando ya kila %."),
    "cmp_themes": ("Concerns raised by theme", "Malalamiko kwa mada"),
    "cmp_share_axis": ("share of the area's concerns", "sehemu ya malalamiko ya eneo"),
    "cmp_no_concerns": ("No concerns raised in the period (no forum held yet, no chief's "
                        "concern): {areas}.",
                        "Hakuna malalamiko katika kipindi hiki (hakuna baraza bado, "
                        "hakuna lalamiko la chifu): {areas}."),
    "cmp_themes_not_public": ("Concerns by theme are not shown on public screens: concerns "
                              "raised are public by region only, all themes, since records "
                              "began.",
                              "Malalamiko kwa mada hayaonyeshwi kwenye skrini za umma: "
                              "malalamiko huonyeshwa kwa eneo tu, mada zote, tangu "
                              "kumbukumbu zilipoanza."),
    "cmp_public_region": ("Public screen: concerns and commitments are shown for a county's "
                          "region (all themes, since records began), so two counties of one "
                          "region read the same: {rows}.",
                          "Skrini ya umma: malalamiko na ahadi huonyeshwa kwa eneo la kaunti "
                          "(mada zote, tangu kumbukumbu zilipoanza), hivyo kaunti mbili za "
                          "eneo moja husomeka sawa: {rows}."),
    "cmp_commitments": ("Commitments: made, fulfilled, overdue and resolution rate",
                        "Ahadi: zilizotolewa, zilizotimizwa, zilizopitwa na muda na kiwango "
                        "cha utatuzi"),
    "cmp_made": ("Made", "Zilizotolewa"),
    "cmp_fulfilled": ("Fulfilled", "Zilizotimizwa"),
    "cmp_overdue": ("Overdue", "Zilizopitwa na muda"),
    "cmp_counts": ("Commitments", "Ahadi"),
    "cmp_chiefs": ("Chiefs' reports: sentiment and reporting compliance",
                   "Ripoti za machifu: hisia na utiifu wa kuripoti"),
    "cmp_median": ("Median sentiment score (1–5)", "Alama ya kati ya hisia (1–5)"),
    "cmp_low": ("low (1–2)", "chini (1–2)"),
    "cmp_chiefs_note": ("The score is ordinal: each point is the month's median, with the "
                        "share of low scores (1–2) and the reports behind it in the hover. "
                        "A month without reports is a gap.",
                        "Alama ni ya mpangilio: kila nukta ni alama ya kati ya mwezi, na "
                        "sehemu ya alama za chini (1–2) na ripoti zilizo nyuma yake. Mwezi "
                        "usio na ripoti ni pengo."),
    "cmp_map": ("Crime rate per 100,000: one map per area, the same classes",
                "Kiwango cha uhalifu kwa watu 100,000: ramani moja kwa kila eneo, madaraja "
                "yaleyale"),
    "cmp_ranking": ("Counties of a region ranked by crime rate",
                    "Kaunti za eneo kwa mpangilio wa kiwango cha uhalifu"),
    "cmp_ranking_region": ("Region for the ranking", "Eneo la orodha ya nafasi"),
    "cmp_ranking_caption": ("Rank 1 = the highest rate. A county without data for every "
                            "month has no rate and no rank. The region and Kenya are "
                            "reference rows.",
                            "Nafasi ya 1 = kiwango cha juu zaidi. Kaunti isiyo na data ya "
                            "kila mwezi haina kiwango wala nafasi. Eneo na Kenya ni safu za "
                            "marejeo."),
    "cmp_ranking_public": ("Commitments per county are not shown on public screens (they "
                           "are public by region): only the region's and Kenya's.",
                           "Ahadi kwa kaunti hazionyeshwi kwenye skrini za umma (huonyeshwa "
                           "kwa eneo): za eneo na Kenya tu."),
    "cmp_export": ("Export the comparison", "Pakua ulinganisho"),
    "cmp_csv": ("Download CSV", "Pakua CSV"),
    "cmp_pdf": ("Download one-page PDF", "Pakua PDF ya ukurasa mmoja"),
    "cmp_pdf_trend": ("Crime rate per 100,000, by month",
                      "Kiwango cha uhalifu kwa watu 100,000, kwa mwezi"),
    "cmp_pdf_map": ("Crime rate per 100,000, by county",
                    "Kiwango cha uhalifu kwa watu 100,000, kwa kaunti"),
    "cmp_pdf_title": ("Comparison", "Ulinganisho"),
    # live capture (views/capture.py)
    "cap_title": ("Live capture", "Kunasa moja kwa moja"),
    "cap_refused": ("Live capture needs the access code: this is a public screen, and "
                    "concerns cannot be captured from it. Open the capture page in a "
                    "session that has given the access code.",
                    "Kunasa moja kwa moja kunahitaji msimbo wa kuingia: hii ni skrini ya "
                    "umma, na malalamiko hayawezi kunaswa kutoka kwake. Fungua ukurasa wa "
                    "kunasa katika kikao kilichotoa msimbo wa kuingia."),
    "cap_no_forum_today": ("No forum is being held today ({date}): live capture opens on a "
                           "forum's day. Concerns of other days are added through Import "
                           "data.",
                           "Hakuna baraza linalofanyika leo ({date}): kunasa moja kwa moja "
                           "hufunguliwa siku ya baraza. Malalamiko ya siku nyingine "
                           "huongezwa kupitia Ingiza data."),
    "cap_forum_not_today": ("The forum in the link is not being held today ({date}), so it "
                            "takes no live captures. Choose today's forum below.",
                            "Baraza lililo kwenye kiungo halifanyiki leo ({date}), kwa hivyo "
                            "halipokei malalamiko ya moja kwa moja. Chagua baraza la leo "
                            "hapa chini."),
    "cap_forum": ("Forum", "Baraza"),
    "cap_caption": ("Each concern is saved as soon as you press Save and shows on the "
                    "presenter screen within seconds as a count by theme (never its text). "
                    "Held today, {date}.",
                    "Kila lalamiko huhifadhiwa mara unapobonyeza Hifadhi na huonekana "
                    "kwenye skrini ya uwasilishaji ndani ya sekunde chache kama idadi kwa "
                    "mada (kamwe si maandishi yake). Linafanyika leo, {date}."),
    "cap_theme": ("Theme", "Mada"),
    "cap_theme_pick": ("Choose a theme", "Chagua mada"),
    "cap_group": ("Group that raised it", "Kundi lililolitoa"),
    "cap_group_none": ("Not said", "Haikutajwa"),
    "cap_summary": ("Short summary (no names)", "Muhtasari mfupi (bila majina)"),
    "cap_summary_help": ("What was raised, in a sentence or two",
                         "Kilichotolewa, kwa sentensi moja au mbili"),
    "cap_save": ("Save concern", "Hifadhi lalamiko"),
    "cap_saved": ("Saved: a concern on {theme}. It shows on the presenter screen within "
                  "seconds. The form is ready for the next one.",
                  "Limehifadhiwa: lalamiko kuhusu {theme}. Litaonekana kwenye skrini ya "
                  "uwasilishaji ndani ya sekunde chache. Fomu iko tayari kwa linalofuata."),
    "cap_not_saved": ("Not saved.", "Halikuhifadhiwa."),
    "cap_mine": ("My captures at this forum ({n})", "Nilivyonasa kwenye baraza hili ({n})"),
    "cap_mine_none": ("None yet from this phone.", "Bado hakuna kutoka simu hii."),
    "cap_locked": ("A commitment answers this concern: it can no longer be changed here.",
                   "Ahadi imejibu lalamiko hili: haliwezi kubadilishwa hapa tena."),
    "cap_correct": ("Save correction", "Hifadhi marekebisho"),
    "cap_corrected": ("Correction saved.", "Marekebisho yamehifadhiwa."),
    "cap_withdraw": ("Withdraw this concern", "Ondoa lalamiko hili"),
    "cap_withdrawn": ("Concern withdrawn: it no longer counts on the presenter screen.",
                      "Lalamiko limeondolewa: halihesabiwi tena kwenye skrini ya "
                      "uwasilishaji."),
    "cap_err_unknown_forum": ("That forum does not exist (any more).",
                              "Baraza hilo halipo (tena)."),
    "cap_err_not_today": ("This forum is not being held today: concerns are captured live "
                          "only on a forum's day.",
                          "Baraza hili halifanyiki leo: malalamiko hunaswa moja kwa moja "
                          "siku ya baraza tu."),
    "cap_err_unknown_theme": ("Choose a theme from the list.", "Chagua mada kutoka orodha."),
    "cap_err_unknown_group": ("Choose a group from the list, or Not said.",
                              "Chagua kundi kutoka orodha, au Haikutajwa."),
    "cap_err_empty_summary": ("Write a short summary of the concern.",
                              "Andika muhtasari mfupi wa lalamiko."),
    "cap_err_too_long": ("The summary is too long: 280 characters at most.",
                         "Muhtasari ni mrefu mno: herufi 280 zaidi."),
    "cap_err_bad_recorder": ("This session cannot capture: reload the page.",
                             "Kikao hiki hakiwezi kunasa: pakia ukurasa upya."),
    "cap_err_bad_token": ("The form is out of date: reload the page and capture the concern "
                          "again.",
                          "Fomu imepitwa na wakati: pakia ukurasa upya na unase lalamiko "
                          "tena."),
    "cap_err_unknown_concern": ("That concern is gone: it may have been withdrawn already.",
                                "Lalamiko hilo halipo: huenda limeshaondolewa."),
    "cap_err_not_live": ("Only concerns captured live can be changed here.",
                         "Malalamiko yaliyonaswa moja kwa moja tu ndiyo yanaweza "
                         "kubadilishwa hapa."),
    "cap_err_not_yours": ("Another recorder captured this concern: only they can change it.",
                          "Mnasaji mwingine alinasa lalamiko hili: ni yeye tu anayeweza "
                          "kulibadilisha."),
    "cap_err_has_commitment": ("A commitment answers this concern: it can no longer be "
                               "changed here.",
                               "Ahadi imejibu lalamiko hili: haliwezi kubadilishwa hapa "
                               "tena."),
    # presenter view (views/present.py): every label of the projector screen
    "pr_title": ("Presenter view", "Skrini ya uwasilishaji"),
    "pr_pick": ("Choose the county or region to present. A forum's own link is "
                "/present?forum=<id>.",
                "Chagua kaunti au eneo la kuwasilisha. Kiungo cha baraza ni "
                "/present?forum=<id>."),
    "pr_pick_area": ("County or region", "Kaunti au eneo"),
    "pr_pick_none": ("Choose…", "Chagua…"),
    "pr_unknown_forum": ("There is no forum with this number. Check the link.",
                         "Hakuna baraza lenye nambari hii. Angalia kiungo."),
    "pr_language": ("Language", "Lugha"),
    "pr_lang_en": ("English", "English"),
    "pr_lang_sw": ("Kiswahili", "Kiswahili"),
    "pr_prev": ("◀ Previous", "◀ Iliyotangulia"),
    "pr_next": ("Next ▶", "Inayofuata ▶"),
    "pr_auto": ("Move on by itself every {n} seconds",
                "Songa mbele yenyewe kila sekunde {n}"),
    "pr_slide_of": ("Slide {n} of {k}", "Slaidi {n} kati ya {k}"),
    "pr_keys": ("Keys: → or Page Down for next, ← or Page Up for previous.",
                "Vitufe: → au Page Down mbele, ← au Page Up nyuma."),
    "pr_region": ("{name} region", "Eneo la {name}"),
    "pr_forum_on": ("Forum of {date}", "Baraza la {date}"),
    "pr_no_forum": ("No forum has been held here yet.",
                    "Bado hakuna baraza lililofanyika hapa."),
    "pr_public": ("Public screen: counts under 5 read <5, live counts are rounded to 5; no "
                  "names, no lists and no words of what was said.",
                  "Skrini ya umma: idadi chini ya 5 inasomeka <5, idadi za moja kwa moja "
                  "zimekadiriwa hadi 5; hakuna majina, orodha wala maneno yaliyosemwa."),
    # slide 1: the map
    "pr_map_title": ("Where we are", "Tulipo"),
    "pr_map_county": ("{county} county in the {region} region",
                      "Kaunti ya {county} katika eneo la {region}"),
    "pr_map_region": ("The {region} region", "Eneo la {region}"),
    "pr_population": ("People (2019 census)", "Wakazi (sensa ya 2019)"),
    "pr_counties": ("Counties in the region", "Kaunti katika eneo"),
    # slide 2: concerns raised at this forum, live
    "pr_live_title": ("Concerns raised at this forum so far",
                      "Malalamiko yaliyotolewa kwenye baraza hili hadi sasa"),
    "pr_live_total": ("Concerns raised", "Malalamiko yaliyotolewa"),
    "pr_live_none": ("No concern has been recorded at this forum yet.",
                     "Bado hakuna lalamiko lililorekodiwa kwenye baraza hili."),
    "pr_live_no_forum": ("Concerns appear here while a forum is held in this area.",
                         "Malalamiko huonekana hapa baraza likifanyika katika eneo hili."),
    "pr_updated": ("Updated {time}", "Imesasishwa {time}"),
    "pr_live_note": ("By theme only. Counts are rounded to the nearest 5 (fewer than 5 reads "
                     "<5), so no one person's concern can be picked out.",
                     "Kwa mada tu. Idadi zimekadiriwa hadi 5 iliyo karibu (chini ya 5 "
                     "inasomeka <5), ili lalamiko la mtu mmoja lisiweze kutambuliwa."),
    # slide 3: commitments
    "pr_cm_title": ("Commitments made at forums in {area}, and how many are kept",
                    "Ahadi zilizotolewa kwenye mabaraza ya {area}, na ngapi zimetimizwa"),
    "pr_cm_made": ("Commitments made", "Ahadi zilizotolewa"),
    "pr_cm_kept": ("Kept", "Zimetimizwa"),
    "pr_cm_partly": ("Partly kept", "Zimetimizwa kwa sehemu"),
    "pr_cm_open": ("Still open", "Bado zinaendelea"),
    "pr_cm_overdue": ("Overdue", "Zimepitwa na muda"),
    "pr_cm_rate": ("{rate} of the commitments checked so far are kept.",
                   "{rate} ya ahadi zilizothibitishwa hadi sasa zimetimizwa."),
    "pr_cm_none": ("No commitment has been made at forums in {area} yet.",
                   "Bado hakuna ahadi iliyotolewa kwenye mabaraza ya {area}."),
    "pr_cm_note": ("All themes, since forums began, for the whole region. Status on {date}.",
                   "Mada zote, tangu mabaraza yalipoanza, kwa eneo zima. Hali kufikia "
                   "{date}."),
    # slide 4: the crime trend
    "pr_trend_title": ("Crime in {area}", "Uhalifu katika {area}"),
    "pr_trend_more": ("{area} recorded {count} crimes in {period}: {pct}% more than in the "
                      "same months a year earlier ({previous}).",
                      "{area} iliripoti uhalifu {count} katika {period}: {pct}% zaidi ya "
                      "miezi ileile mwaka mmoja kabla ({previous})."),
    "pr_trend_fewer": ("{area} recorded {count} crimes in {period}: {pct}% fewer than in the "
                       "same months a year earlier ({previous}).",
                       "{area} iliripoti uhalifu {count} katika {period}: {pct}% pungufu "
                       "kuliko miezi ileile mwaka mmoja kabla ({previous})."),
    "pr_trend_same": ("{area} recorded {count} crimes in {period}, as many as in the same "
                      "months a year earlier ({previous}).",
                      "{area} iliripoti uhalifu {count} katika {period}, sawa na miezi "
                      "ileile mwaka mmoja kabla ({previous})."),
    "pr_trend_count": ("{area} recorded {count} crimes in {period}.",
                       "{area} iliripoti uhalifu {count} katika {period}."),
    "pr_trend_no_data": ("There are no monthly crime figures for {area} in {period}.",
                         "Hakuna takwimu za kila mwezi za uhalifu za {area} katika {period}."),
    "pr_verdict_significant": ("This change is clear: it is not chance.",
                               "Mabadiliko haya ni ya wazi: si bahati."),
    "pr_verdict_possible": ("This change may be real.", "Mabadiliko haya huenda ni halisi."),
    "pr_verdict_no clear change": ("This could be chance: there is no clear change.",
                                   "Hii inaweza kuwa bahati: hakuna mabadiliko ya wazi."),
    "pr_verdict_too few to tell": ("There are too few crimes to tell whether it changed.",
                                   "Idadi ni ndogo mno kujua kama imebadilika."),
    "pr_verdict_no data to compare": ("There are no figures a year earlier to compare with.",
                                      "Hakuna takwimu za mwaka mmoja kabla za kulinganisha."),
    "pr_per_month": ("Crimes per month", "Uhalifu kwa mwezi"),
    "pr_year_earlier": ("Same month a year earlier", "Mwezi huo mwaka mmoja kabla"),
    # additions to the "about this number" texts (metrics.definition) made on pages
    "def_sensitive_themes": ("Counts under 5 on sensitive themes (GBV, violent extremism) "
                             "always read <5.",
                             "Idadi chini ya 5 za mada nyeti (ukatili wa kijinsia, itikadi "
                             "kali) huonyeshwa kama <5 kila mara."),
    "def_rate_complete": ("Counties without data for the whole period are left out of the "
                          "rate.",
                          "Kaunti zisizo na data ya kipindi chote zinaachwa nje ya kiwango."),
    "def_forums_held": ("Jukwaa la Usalama forums held in the period.",
                        "Mabaraza ya Jukwaa la Usalama yaliyofanyika katika kipindi."),
    "def_made_to_end": ("Commitments made up to the end of the period.",
                        "Ahadi zilizotolewa hadi mwisho wa kipindi."),
    "def_history": ("Every status update ever recorded for these commitments, oldest first; "
                    "nothing is overwritten.",
                    "Kila taarifa ya hali iliyowahi kurekodiwa kwa ahadi hizi, za zamani "
                    "kwanza; hakuna kinachofutwa."),
    "def_hidden_bound": ("≥: some counts are under 5 and hidden; each adds at least 1.",
                         "≥: baadhi ya idadi ziko chini ya 5 na zimefichwa; kila moja "
                         "inaongeza angalau 1."),
    "def_name_coverage": ("Coverage", "Upatikanaji wa data"),
    "def_name_significance": ("Is the change real?", "Je, mabadiliko ni halisi?"),
}


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """The label for ``key`` in ``lang`` ('en' or 'sw'), formatted with ``fmt``."""
    en, sw = LABELS.get(key, (key, key))
    text = sw if lang == "sw" else en
    return text.format(**fmt) if fmt else text


def commitments_public_note(totals, date, lang: str = "en") -> str:
    """The note beside commitment figures on a public screen: they cover all themes since
    forums began, by region, status as of ``date`` (today), and, unless ``totals`` is
    None (a table of every region), the area of ``totals`` (a row of
    ``data_access.commitments.commitment_totals``: a region, or Kenya)."""
    note = t("cm_public_note", lang, date=f"{date:%d %b %Y}")
    if totals is None:
        return note
    area = "Kenya" if totals["code"] == "all" else t(
        "cm_public_region", lang, name=totals["name_sw" if lang == "sw" else "name"])
    return f"{note} {t('cm_public_area', lang, area=area)}"


def verdict_label(verdict: str, lang: str = "en") -> str:
    """A change verdict from data_access.figures.change in ``lang``."""
    return t(f"verdict_{verdict}", lang)
