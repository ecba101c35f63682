"""What a figure is about: the period, the areas, the categories and themes, and the
audience it is shown to. Every figures function takes one :class:`Scope`.

The audience has no default: a figure for a public screen must say so, and forgetting it
fails at once instead of leaking.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from data_access import reference
from data_access.figures.calendar import (
    add_months,
    days_in,
    month_end,
    month_range,
    month_start,
    months_between,
)

_MONTHS_SW = ("Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ago", "Sep", "Okt", "Nov",
              "Des")


class Audience(StrEnum):
    """Who sees a figure: ministry staff (internal) or a public screen (public)."""

    INTERNAL = "internal"
    PUBLIC = "public"


def month_label(d: dt.date, lang: str = "en") -> str:
    """'Oct 2026' (English) or 'Okt 2026' (Kiswahili)."""
    name = _MONTHS_SW[d.month - 1] if lang == "sw" else d.strftime("%b")
    return f"{name} {d.year}"


@dataclass(frozen=True)
class Period:
    """A run of whole months from ``start`` (first day of a month) to ``end``.

    ``end`` is the last day of a month, or a day inside the current month for a period
    "to date" (the partial month is then counted for the days it has).
    """

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.start != month_start(self.start):
            raise ValueError(f"a period starts on the first of a month, not {self.start}")
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def months_to(cls, last_month: dt.date, n: int) -> Period:
        """The n whole months ending with ``last_month``'s month."""
        return cls(add_months(last_month, -(n - 1)), month_end(last_month))

    @classmethod
    def year(cls, year: int) -> Period:
        """One calendar year."""
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def months(self) -> list[dt.date]:
        """First days of the months in the period."""
        return month_range(self.start, self.end)

    @property
    def n_months(self) -> int:
        """Number of months in the period (a month to date counts as one)."""
        return months_between(self.start, self.end)

    @property
    def to_date(self) -> bool:
        """True when the last month is still running (the period ends inside it)."""
        return self.end != month_end(self.end)

    @property
    def whole_years(self) -> bool:
        """True for whole calendar years (1 January to 31 December), where published
        yearly figures apply."""
        return (self.start.month, self.start.day) == (1, 1) and \
            (self.end.month, self.end.day) == (12, 31)

    @property
    def years(self) -> list[int]:
        """Calendar years the period touches."""
        return list(range(self.start.year, self.end.year + 1))

    @property
    def days(self) -> int:
        """Days in the period, both ends included."""
        return days_in(self.start, self.end)

    def days_of(self, month: dt.date) -> int:
        """Days of ``month`` that fall inside the period (0 when outside)."""
        first = max(month_start(month), self.start)
        last = min(month_end(month), self.end)
        return max((last - first).days + 1, 0)

    @property
    def comparison(self) -> Period:
        """The same months a year earlier — the one comparison every page uses.

        A month to date is compared with the whole same month a year earlier; change
        figures scale the two by their days (docs/METHODS.md, "Change").
        """
        return Period(add_months(self.start, -12), month_end(add_months(self.end, -12)))

    def label(self, lang: str = "en") -> str:
        """'Nov 2025 – Oct 2026', '2025', or 'Nov 2026 (to 29 Nov)' for a month to date."""
        if self.whole_years and self.start.year == self.end.year:
            return str(self.start.year)
        last = month_label(self.end, lang)
        if self.to_date:
            upto = "hadi" if lang == "sw" else "to"
            last += f" ({upto} {self.end.day} {month_label(self.end, lang).split()[0]})"
        if self.n_months == 1:
            return last
        return f"{month_label(self.start, lang)} – {last}"

    def comparison_label(self, lang: str = "en") -> str:
        """What a change is measured against, in words."""
        if self.whole_years and self.start.year == self.end.year:
            if lang == "sw":
                return f"ikilinganishwa na mwaka uliotangulia ({self.comparison.label(lang)})"
            return f"vs the year before ({self.comparison.label(lang)})"
        if lang == "sw":
            return f"ikilinganishwa na miezi ileile mwaka mmoja kabla " \
                   f"({self.comparison.label(lang)})"
        return f"vs the same months a year earlier ({self.comparison.label(lang)})"


@dataclass(frozen=True)
class Scope:
    """Everything a figure depends on. ``audience`` is required (no default)."""

    period: Period
    audience: Audience
    region: str | None = None
    county: str | None = None
    categories: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.audience, Audience):
            raise TypeError(f"audience must be an Audience, got {self.audience!r}")
        unknown = [c for c in self.categories if c not in reference.CATEGORY_BY_CODE]
        unknown += [t for t in self.themes if t not in reference.THEME_BY_CODE]
        if unknown:
            raise ValueError(f"unknown category or theme codes: {', '.join(unknown)}")

    @property
    def public(self) -> bool:
        """True for a public screen."""
        return self.audience is Audience.PUBLIC

    @property
    def county_codes(self) -> tuple[str, ...]:
        """Counties in scope: the chosen county, else the region's, else all 47."""
        if self.county:
            return (self.county,)
        counties = reference.counties()
        if self.region:
            return tuple(c.code for c in counties if c.region_code == self.region)
        return tuple(c.code for c in counties)

    @property
    def area_label(self) -> str:
        """'Kenya', 'Coast region' or a county's name."""
        if self.county:
            return next(c.name for c in reference.counties() if c.code == self.county)
        if self.region:
            region = next(r for r in reference.REGIONS if r.code == self.region)
            return f"{region.name} region"
        return "Kenya"

    def with_period(self, period: Period) -> Scope:
        """The same scope over another period."""
        return Scope(period, self.audience, self.region, self.county, self.categories,
                     self.themes)
