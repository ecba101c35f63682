"""Calendar arithmetic on months, defined once for every figure, page and export."""

from __future__ import annotations

import datetime as dt


def month_start(d: dt.date) -> dt.date:
    """First day of d's month."""
    return d.replace(day=1)


def month_end(d: dt.date) -> dt.date:
    """Last day of d's month."""
    nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def add_months(d: dt.date, n: int) -> dt.date:
    """The first day of the month n months after d's month (n may be negative)."""
    idx = d.year * 12 + d.month - 1 + n
    return dt.date(idx // 12, idx % 12 + 1, 1)


def months_between(start: dt.date, end: dt.date) -> int:
    """Number of calendar months from start's month to end's month, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def month_range(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of every month from start's month to end's month, both included."""
    return [add_months(start, i) for i in range(max(months_between(start, end), 0))]


def days_in(start: dt.date, end: dt.date) -> int:
    """Days from start to end, both included."""
    return (end - start).days + 1
