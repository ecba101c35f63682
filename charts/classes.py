"""Fixed legend classes for maps, so the same colour means the same value everywhere.

Classes never adapt to the data on screen: two screenshots of different periods or
filters can be compared colour for colour (DESIGN.md §4).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

NO_DATA = "No data"
NO_DATA_COLOR = "#d9d9d9"
SUPPRESSED = "Suppressed (<5)"
SUPPRESSED_COLOR = "#bdbdbd"


@dataclass(frozen=True)
class ClassScheme:
    """Class edges (ascending; the last may be inf) with one colour per class."""

    edges: tuple[float, ...]
    colors: tuple[str, ...]
    fmt: str = "{:,.0f}"

    def __post_init__(self) -> None:
        if len(self.colors) != len(self.edges) - 1:
            raise ValueError("one colour per class: len(colors) == len(edges) - 1")

    @property
    def labels(self) -> list[str]:
        """Legend labels such as '50–100' and '400+'."""
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
        return {**dict(zip(self.labels, self.colors, strict=True)), NO_DATA: NO_DATA_COLOR,
                SUPPRESSED: SUPPRESSED_COLOR}

    def order(self) -> list[str]:
        """Legend order: classes low to high, then the grey classes."""
        return [*self.labels, SUPPRESSED, NO_DATA]

    def classify(self, values: pd.Series, suppressed: pd.Series | None = None) -> pd.Series:
        """The class label of each value (lower edge inclusive)."""
        cut = pd.cut(pd.to_numeric(values, errors="coerce"), bins=list(self.edges),
                     labels=self.labels, right=False, include_lowest=True)
        out = cut.astype(object).where(cut.notna(), NO_DATA)
        if suppressed is not None:
            out = out.where(~suppressed.fillna(False).astype(bool), SUPPRESSED)
        return out


# Crime rate per 100,000 for the chosen period (sequential, colour-blind safe YlOrRd).
RATE_SCHEME = ClassScheme(
    edges=(0, 10, 25, 50, 100, 200, 400, math.inf),
    colors=("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
)
