"""Fixed legend classes for maps, so the same colour means the same value everywhere.

Classes never adapt to the data on screen: two screenshots of different periods or
filters can be compared colour for colour (docs/METHODS.md, "Map classes").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

NO_DATA = "No data"
NO_DATA_COLOR = "#d9d9d9"
SUPPRESSED = "Hidden: small counts"
SUPPRESSED_COLOR = "#bdbdbd"

# Grey classes for crime counties whose figure is not comparable with the others'
# (docs/METHODS.md, "Coverage"): never a colour of the scale, never 0. Each has its own
# grey so the legend tells them apart from "No data" and from each other.
INCOMPLETE = "Incomplete data"
INCOMPLETE_COLOR = "#8c8c8c"
YEARLY_ONLY = "Yearly figures only"
YEARLY_ONLY_COLOR = "#a9bccf"
COVERAGE_GREYS: tuple[tuple[str, str], ...] = (
    (INCOMPLETE, INCOMPLETE_COLOR), (YEARLY_ONLY, YEARLY_ONLY_COLOR))
# A county's crime ``basis`` (data_access.figures.crime.county_crime) → its grey class;
# "monthly" and "published yearly" are coloured by value.
BASIS_CLASS = {"partial": INCOMPLETE, "yearly figures only": YEARLY_ONLY, "no data": NO_DATA}


@dataclass(frozen=True)
class ClassScheme:
    """Class edges (ascending; the last may be inf) with one colour per class."""

    edges: tuple[float, ...]
    colors: tuple[str, ...]
    fmt: str = "{:,.0f}"
    # Legend labels written out (e.g. "1–4" for whole counts in [1, 5)); computed from
    # the edges when not given.
    names: tuple[str, ...] | None = None
    # Grey classes beyond "No data" and "Suppressed" (label, colour), listed after the
    # scale in the legend; values get them through ``classify(status=...)``.
    greys: tuple[tuple[str, str], ...] = ()
    # The label of a missing value (e.g. "No data to compare" on the change map).
    no_data: str = NO_DATA

    def __post_init__(self) -> None:
        if len(self.colors) != len(self.edges) - 1:
            raise ValueError("one colour per class: len(colors) == len(edges) - 1")
        if self.names is not None and len(self.names) != len(self.colors):
            raise ValueError("one name per class: len(names) == len(colors)")
        if list(self.edges) != sorted(self.edges):
            raise ValueError("class edges must be ascending")

    @property
    def labels(self) -> list[str]:
        """Legend labels such as '50–100' and '400+' (or the scheme's own names)."""
        if self.names is not None:
            return list(self.names)
        out = []
        for lo, hi in zip(self.edges[:-1], self.edges[1:], strict=True):
            if math.isinf(hi):
                out.append(f"{self.fmt.format(lo)}+")
            elif math.isinf(lo):
                out.append(f"below {self.fmt.format(hi)}")
            else:
                out.append(f"{self.fmt.format(lo)}–{self.fmt.format(hi)}")
        return out

    def color_map(self) -> dict[str, str]:
        """Label → colour, including the grey classes for missing and suppressed values."""
        return {**dict(zip(self.labels, self.colors, strict=True)), **dict(self.greys),
                self.no_data: NO_DATA_COLOR, SUPPRESSED: SUPPRESSED_COLOR}

    def order(self) -> list[str]:
        """Legend order: classes low to high, then the grey classes."""
        return [*self.labels, *(label for label, _ in self.greys), SUPPRESSED, self.no_data]

    def classify(self, values: pd.Series, suppressed: pd.Series | None = None,
                 status: pd.Series | None = None) -> pd.Series:
        """The class label of each value (lower edge inclusive).

        ``status`` (optional, aligned with ``values``) names a grey class of the scheme
        (or "No data") for rows that must not be coloured by value, e.g. a county whose
        data cover only part of the period; empty entries leave the value's class.
        Suppressed rows are always "Hidden: small counts" (a count under 5, or on a
        public screen one known only as a range).
        """
        cut = pd.cut(pd.to_numeric(values, errors="coerce"), bins=list(self.edges),
                     labels=self.labels, right=False, include_lowest=True)
        out = cut.astype(object).where(cut.notna(), self.no_data)
        if status is not None:
            status = status.reindex(out.index).replace({NO_DATA: self.no_data})
            unknown = set(status.dropna()) - {self.no_data, *dict(self.greys)}
            if unknown:
                raise ValueError(f"not a grey class of this scheme: {', '.join(sorted(unknown))}")
            out = out.where(status.isna(), status).astype(object)
        if suppressed is not None:
            out = out.where(~suppressed.fillna(False).astype(bool), SUPPRESSED)
        return out


# Crime rate per 100,000 for the chosen period (sequential, colour-blind safe YlOrRd).
RATE_SCHEME = ClassScheme(
    edges=(0, 10, 25, 50, 100, 200, 400, math.inf),
    colors=("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
)

# The same classes and colours with the coverage greys ("Incomplete data", "Yearly
# figures only") in the legend: the Hotspots rate map. (Other maps may switch to it when
# they grey such counties too.)
RATE_COVERAGE_SCHEME = replace(RATE_SCHEME, greys=COVERAGE_GREYS)


# --- hotspot map modes (views/hotspots.py) ---------------------------------------------
# Each mode keeps its own fixed classes. Count classes are whole-number ranges written
# out, so "1–4" means 1, 2, 3 or 4 (lower edge inclusive, upper exclusive).

# Crimes recorded in a county over the chosen period (sequential OrRd).
COUNT_SCHEME = ClassScheme(
    edges=(0, 50, 100, 250, 500, 1000, 2500, 5000, math.inf),
    colors=("#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f",
            "#990000"),
    names=("0–49", "50–99", "100–249", "250–499", "500–999", "1,000–2,499", "2,500–4,999",
           "5,000+"),
    greys=COVERAGE_GREYS,
)

# Change against the same months a year earlier, drawn from a signed significance level:
# −2 significant fall, −1 possible fall, 0 no clear change or too few to tell, +1 possible
# rise, +2 significant rise (see data_access.hotspots.change_signal). Diverging RdBu:
# rises red, falls blue, noise near-white, so no colour is spent on a change that may be
# chance; grey where there is nothing to compare.
CHANGE_NEUTRAL = "No clear change / too few to tell"
NO_COMPARISON = "No data to compare"
CHANGE_SCHEME = ClassScheme(
    edges=(-math.inf, -1.5, -0.5, 0.5, 1.5, math.inf),
    colors=("#2166ac", "#92c5de", "#f7f7f7", "#f4a582", "#b2182b"),
    names=("Significant fall", "Possible fall", CHANGE_NEUTRAL, "Possible rise",
           "Significant rise"),
    no_data=NO_COMPARISON,
)

# Concerns raised at forums in the period (sequential Purples).
CONCERNS_SCHEME = ClassScheme(
    edges=(0, 1, 5, 10, 25, 50, 100, math.inf),
    colors=("#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"),
    names=("None", "1–4", "5–9", "10–24", "25–49", "50–99", "100+"),
)

# Commitment resolution rate, a 0–1 share (sequential Greens; 100% falls in the top class).
RESOLUTION_SCHEME = ClassScheme(
    edges=(0, 0.2, 0.4, 0.6, 0.8, math.inf),
    colors=("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"),
    names=("0–19%", "20–39%", "40–59%", "60–79%", "80–100%"),
)

# Chiefs' sentiment score, its median over the period: ordinal 1–5, so one class per
# score (diverging BrBG around the neutral 3).
SENTIMENT_SCHEME = ClassScheme(
    edges=(1, 2, 3, 4, 5, math.inf),
    colors=("#a6611a", "#dfc27d", "#f5f5f5", "#80cdc1", "#018571"),
    names=("1 very negative", "2 negative", "3 neutral", "4 positive", "5 very positive"),
)

# Incidents per hexagon cell over the period (sequential YlOrRd).
HEX_SCHEME = ClassScheme(
    edges=(1, 5, 10, 25, 50, 100, 250, math.inf),
    colors=("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
    names=("1–4", "5–9", "10–24", "25–49", "50–99", "100–249", "250+"),
)

# The scheme of each hotspot map mode (keys are data_access.hotspots.MAP_MODES).
SCHEME_BY_MODE: dict[str, ClassScheme] = {
    "count": COUNT_SCHEME,
    "rate": RATE_COVERAGE_SCHEME,
    "change": CHANGE_SCHEME,
    "concerns": CONCERNS_SCHEME,
    "resolution": RESOLUTION_SCHEME,
    "sentiment": SENTIMENT_SCHEME,
}

