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
        "Large, simple charts; counts under 5 shown as <5; no names or free text.",
        "Chati kubwa na rahisi; idadi chini ya 5 huonyeshwa kama <5; hakuna majina wala maandishi.",
    ),
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
    "db_unavailable": ("The database cannot be reached.", "Hifadhidata haipatikani."),
    # hotspots page
    "hotspots": ("Hotspots", "Maeneo hatari"),
    "hotspots_caption": ("Where crime and concerns are concentrated in {scope}, {period}.",
                         "Mahali uhalifu na malalamiko yamejikita {scope}, {period}."),
    "map_shows": ("The map shows", "Ramani inaonyesha"),
    "mode_count": ("Crimes (count)", "Uhalifu (idadi)"),
    "mode_rate": ("Crime rate per 100,000", "Kiwango kwa watu 100,000"),
    "mode_change": ("Change vs previous period", "Mabadiliko dhidi ya kipindi kilichopita"),
    "mode_concerns": ("Concerns raised at forums", "Malalamiko kwenye mabaraza"),
    "mode_resolution": ("Commitment resolution rate", "Kiwango cha utatuzi wa ahadi"),
    "mode_sentiment": ("Chiefs' sentiment index", "Kipimo cha hisia za machifu"),
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
}


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """The label for ``key`` in ``lang`` ('en' or 'sw'), formatted with ``fmt``."""
    en, sw = LABELS.get(key, (key, key))
    text = sw if lang == "sw" else en
    return text.format(**fmt) if fmt else text
